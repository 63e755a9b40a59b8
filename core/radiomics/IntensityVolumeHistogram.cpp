// IBSI's intensity-volume histogram (IVH) features. The ROI intensities X are taken as they are
// (IBSI's "no discretisation", on a grid of 1 unit: HU), in bins of ivhBinWidth (represented by
// their centres, the first bin starting at the range's lower bound or the ROI minimum) or as bin
// numbers 1..ivhBinCount over the ROI's range. With X_min and X_max the range's bounds (the bins
// of an absolute resegmentRange's bounds; 1 and ivhBinCount for bin numbers; else the ROI's
// extremes), a voxel's intensity fraction is (X - X_min) / (X_max - X_min), and nu(h), the IVH,
// the fraction of the ROI volume with X >= h.
#include "core/radiomics/IntensityVolumeHistogram.h"

#include <algorithm>
#include <cmath>

namespace drs::radiomics {
namespace {

struct Ivh {
    std::vector<double> values;  // the ROI's (binned) intensities
    double low = 0, high = 0;    // X_min, X_max
    double step = 1;             // the grid the intensities lie on
};

Ivh intensityVolumeHistogram(const std::vector<double>& roiValues, const Settings& settings,
                             std::optional<double> rangeLow, std::optional<double> rangeHigh) {
    Ivh ivh;
    const auto [minIt, maxIt] = std::minmax_element(roiValues.begin(), roiValues.end());
    const double roiMin = *minIt, roiMax = *maxIt;
    ivh.values.reserve(roiValues.size());
    if (settings.ivhBinCount) {
        const double bins = *settings.ivhBinCount;
        for (const double x : roiValues)
            ivh.values.push_back(
                roiMax > roiMin ? std::min(bins, std::floor(bins * (x - roiMin) / (roiMax - roiMin)) + 1) : 1);
        ivh.low = 1;
        ivh.high = bins;
    } else if (settings.ivhBinWidth) {
        const double w = *settings.ivhBinWidth, origin = rangeLow.value_or(roiMin);
        auto centre = [&](double x) { return origin + (std::floor((x - origin) / w) + 0.5) * w; };
        for (const double x : roiValues) ivh.values.push_back(centre(x));
        ivh.low = centre(rangeLow.value_or(roiMin));
        ivh.high = centre(rangeHigh.value_or(roiMax));
        ivh.step = w;
    } else {
        ivh.values = roiValues;
        ivh.low = rangeLow.value_or(roiMin);
        ivh.high = rangeHigh.value_or(roiMax);
    }
    return ivh;
}

// Volume at intensity fraction V_x = the fraction of the volume whose intensity fraction is >= x
// (an intensity exactly at the threshold counts, whatever the rounding of x (X_max - X_min))
double volumeAtIntensityFraction(const Ivh& ivh, double fraction) {
    const double span = ivh.high - ivh.low;
    const double threshold = ivh.low + fraction * span - 1e-9 * std::abs(span);
    const auto atOrAbove =
        std::count_if(ivh.values.begin(), ivh.values.end(), [&](double x) { return x >= threshold; });
    return static_cast<double>(atOrAbove) / static_cast<double>(ivh.values.size());
}

// Intensity at volume fraction I_x = the lowest intensity on the grid at which nu <= x: one grid
// step above the highest intensity u at which nu is still > x. At most floor(x n) of the n voxels
// lie above u, so u is the order statistic of rank n - floor(x n) - 1 (from 0).
double intensityAtVolumeFraction(const Ivh& ivh, double fraction) {
    const std::size_t n = ivh.values.size();
    const auto above = static_cast<std::size_t>(std::floor(fraction * static_cast<double>(n) + 1e-9));
    std::vector<double> ranked = ivh.values;
    const auto u = ranked.begin() + static_cast<std::ptrdiff_t>(n - std::min(above, n - 1) - 1);
    std::nth_element(ranked.begin(), u, ranked.end());
    return *u + ivh.step;
}

}  // namespace

FamilyValues intensityVolumeHistogramFeatures(const std::vector<double>& roiValues, const Settings& settings,
                                              std::optional<double> rangeLow, std::optional<double> rangeHigh) {
    const Ivh ivh = intensityVolumeHistogram(roiValues, settings, rangeLow, rangeHigh);
    const double v10 = volumeAtIntensityFraction(ivh, 0.1), v90 = volumeAtIntensityFraction(ivh, 0.9);
    const double i10 = intensityAtVolumeFraction(ivh, 0.1), i90 = intensityAtVolumeFraction(ivh, 0.9);
    return {{"IntensityAtVolumeFraction10", i10},     {"IntensityAtVolumeFraction90", i90},
            {"IntensityDifference10To90", i10 - i90}, {"VolumeAtIntensityFraction10", v10},
            {"VolumeAtIntensityFraction90", v90},     {"VolumeFractionDifference10To90", v10 - v90}};
}

}  // namespace drs::radiomics
