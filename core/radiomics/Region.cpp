#include "core/radiomics/Region.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/util/Error.h"

namespace drs::radiomics {
namespace {

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

// Population standard deviation, as numpy.std.
double standardDeviation(const std::vector<double>& values, double mean) {
    double squares = 0;
    for (double v : values) squares += (v - mean) * (v - mean);
    return std::sqrt(squares / static_cast<double>(values.size()));
}

void keepWithin(Region& region, double low, double high) {
    for (std::size_t i = 0; i < region.mask.size(); ++i)
        if (region.mask[i] && !(region.intensity[i] >= low && region.intensity[i] <= high)) region.mask[i] = 0;
}

// pyradiomics' resegmentMask: keeps ROI voxels whose intensity lies in the (sorted) range; then
// IBSI's outlier filtering, mean +- k SD of the ROI before resegmentation, the two masks intersected.
void resegment(Region& region, const Settings& settings) {
    const std::vector<double> values = maskedValues(region.intensity, region.mask);
    std::optional<std::pair<double, double>> outlierRange;
    if (settings.outlierFilterSigma) {
        const double mu = mean(values), sd = standardDeviation(values, mu);
        outlierRange = {mu - *settings.outlierFilterSigma * sd, mu + *settings.outlierFilterSigma * sd};
    }
    if (!settings.resegmentRange.empty()) {
        std::vector<double> range = settings.resegmentRange;
        std::sort(range.begin(), range.end());
        double scale = 1, offset = 0;
        if (settings.resegmentMode == ResegmentMode::Relative) {
            scale = *std::max_element(values.begin(), values.end());
        } else if (settings.resegmentMode == ResegmentMode::Sigma) {
            offset = mean(values);
            scale = standardDeviation(values, offset);
        }
        const double low = offset + scale * range[0];
        const double high = range.size() > 1 ? offset + scale * range[1] : std::numeric_limits<double>::infinity();
        keepWithin(region, low, high);
        if (settings.resegmentMode == ResegmentMode::Absolute) {
            region.binAnchor = low;
            if (range.size() > 1) region.rangeHigh = high;
        }
    }
    if (outlierRange) keepWithin(region, outlierRange->first, outlierRange->second);
}

}  // namespace

Box labelBox(const LabelMap& mask, std::uint16_t label) {
    const auto& size = mask.geometry.sizeXyz;
    std::array<std::int64_t, 3> low{size[0], size[1], size[2]};
    std::array<std::int64_t, 3> high{-1, -1, -1};
    std::size_t i = 0;
    for (std::int64_t z = 0; z < size[2]; ++z)
        for (std::int64_t y = 0; y < size[1]; ++y)
            for (std::int64_t x = 0; x < size[0]; ++x, ++i) {
                if (mask.voxels[i] != label) continue;
                const std::array<std::int64_t, 3> p{x, y, z};
                for (int a = 0; a < 3; ++a) {
                    low[a] = std::min(low[a], p[a]);
                    high[a] = std::max(high[a], p[a]);
                }
            }
    Box box;
    if (high[0] < 0) return box;
    for (int a = 0; a < 3; ++a) {
        box.startXyz[a] = low[a];
        box.sizeXyz[a] = high[a] - low[a] + 1;
    }
    return box;
}

IntensityMap normalisation(const Volume& image, const Settings& settings) {
    IntensityMap map;
    if (!settings.normalize) return map;
    double sum = 0;
    for (float v : image.voxels) sum += v;
    const double count = static_cast<double>(image.voxels.size());
    const double mean = sum / count;
    double squares = 0;
    for (float v : image.voxels) squares += (v - mean) * (v - mean);
    const double sd = std::sqrt(squares / (count - 1));
    if (!(sd > 0) || !std::isfinite(sd))
        throw Error("normalize: the image has no intensity spread (or non-finite voxels); cannot normalise");
    map.offset = mean;
    map.factor = 1 / sd;
    map.scale = settings.normalizeScale;
    if (settings.removeOutliers) {
        map.low = -*settings.removeOutliers;
        map.high = *settings.removeOutliers;
    }
    return map;
}

std::vector<double> maskedValues(const std::vector<double>& boxIntensity, const std::vector<std::uint8_t>& mask) {
    std::vector<double> values;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i]) values.push_back(boxIntensity[i]);
    return values;
}

Region extractRegion(const Volume& image, const LabelMap& mask, const Settings& settings, const std::string& what) {
    const std::string mismatch = geometryMismatch(image.geometry, mask.geometry);
    if (!mismatch.empty()) throw Error(what + ": mask geometry does not match the image: " + mismatch);
    if (image.voxels.size() != image.geometry.voxelCount() || mask.voxels.size() != mask.geometry.voxelCount())
        throw Error(what + ": voxel count does not match the stated image size");

    Region region;
    region.box = labelBox(mask, settings.label);
    if (region.box.voxelCount() == 0)
        throw Error(what + ": label " + std::to_string(settings.label) + " is not present in the mask");
    region.spacingMm = image.geometry.spacingMm;
    region.intensityMap = normalisation(image, settings);

    const Box& box = region.box;
    region.intensity.resize(box.voxelCount());
    region.shapeMask.resize(box.voxelCount());
    std::size_t i = 0, nonFinite = 0;
    for (std::int64_t z = 0; z < box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < box.sizeXyz[0]; ++x, ++i) {
                const std::size_t source =
                    image.geometry.linear(box.startXyz[0] + x, box.startXyz[1] + y, box.startXyz[2] + z);
                region.intensity[i] = region.intensityMap(image.voxels[source]);
                region.shapeMask[i] = mask.voxels[source] == settings.label;
                if (region.shapeMask[i] && !std::isfinite(region.intensity[i])) ++nonFinite;
            }
    if (nonFinite > 0)
        throw Error(what + ": " + std::to_string(nonFinite) + " voxels inside label " + std::to_string(settings.label) +
                    " are NaN or infinite in the image");

    int dimensions = 0;
    for (int a = 0; a < 3; ++a) dimensions += box.sizeXyz[a] > 1;
    if (dimensions < settings.minimumROIDimensions)
        throw Error(what + ": label " + std::to_string(settings.label) + " extends over " + std::to_string(dimensions) +
                    " axes, fewer than minimumROIDimensions " + std::to_string(settings.minimumROIDimensions));

    region.mask = region.shapeMask;
    if (!settings.resegmentRange.empty() || settings.outlierFilterSigma) resegment(region, settings);
    if (settings.resegmentShape) region.shapeMask = region.mask;
    region.maskVoxelCount = static_cast<std::size_t>(std::count(region.mask.begin(), region.mask.end(), 1));
    if (region.maskVoxelCount == 0)
        throw Error(what + ": no voxel of label " + std::to_string(settings.label) + " is left after resegmentation");
    if (settings.minimumROISize && region.maskVoxelCount < static_cast<std::size_t>(*settings.minimumROISize))
        throw Error(what + ": label " + std::to_string(settings.label) + " has " +
                    std::to_string(region.maskVoxelCount) + " voxels, fewer than minimumROISize " +
                    std::to_string(*settings.minimumROISize));
    return region;
}

}  // namespace drs::radiomics
