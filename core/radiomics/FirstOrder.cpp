#include "core/radiomics/FirstOrder.h"

#include <algorithm>
#include <cmath>

namespace drs::radiomics {
namespace {

// Everything the first-order formulas share. X = ROI intensities, N_p = voxel count,
// c = voxelArrayShift, p(i) = fraction of voxels in grey level i.
struct Statistics {
    std::vector<double> sorted;
    double count = 0;
    double mean = 0;
    double shift = 0;
    double voxelVolumeMm3 = 1;
    std::vector<double> levelFraction;  // p(i) over all levels 1..Ng (zeros included)
};

double centralMoment(const Statistics& s, int order) {
    double sum = 0;
    for (double v : s.sorted) {
        const double d = v - s.mean;
        double term = d;
        for (int k = 1; k < order; ++k) term *= d;
        sum += term;
    }
    return sum / s.count;
}

// numpy.percentile with linear interpolation between the closest ranks.
double percentile(const Statistics& s, double q) {
    const double position = (s.count - 1) * q / 100.0;
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, s.sorted.size() - 1);
    const double t = position - static_cast<double>(below);
    const double a = s.sorted[below], b = s.sorted[above];
    return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

// Energy = sum (X(i) + c)^2
double energy(const Statistics& s) {
    double sum = 0;
    for (double v : s.sorted) sum += (v + s.shift) * (v + s.shift);
    return sum;
}
// Total Energy = V_voxel * sum (X(i) + c)^2
double totalEnergy(const Statistics& s) { return s.voxelVolumeMm3 * energy(s); }
// Entropy = -sum p(i) log2(p(i) + eps)
double entropy(const Statistics& s) {
    double sum = 0;
    for (double p : s.levelFraction) sum -= p * std::log2(p + kEps);
    return sum;
}
double minimum(const Statistics& s) { return s.sorted.front(); }
double maximum(const Statistics& s) { return s.sorted.back(); }
// 10th / 90th percentile (linear interpolation)
double percentile10(const Statistics& s) { return percentile(s, 10); }
double percentile90(const Statistics& s) { return percentile(s, 90); }
// Interquartile range = P75 - P25
double interquartileRange(const Statistics& s) { return percentile(s, 75) - percentile(s, 25); }
// Mean = (1/N_p) sum X(i)
double mean(const Statistics& s) { return s.mean; }
// Median = P50
double median(const Statistics& s) { return percentile(s, 50); }
// Range = max(X) - min(X)
double range(const Statistics& s) { return maximum(s) - minimum(s); }
// Mean absolute deviation = (1/N_p) sum |X(i) - mean|
double meanAbsoluteDeviation(const Statistics& s) {
    double sum = 0;
    for (double v : s.sorted) sum += std::abs(v - s.mean);
    return sum / s.count;
}
// Robust mean absolute deviation: the same on the voxels with P10 <= X <= P90, about their own mean
double robustMeanAbsoluteDeviation(const Statistics& s) {
    const double low = percentile10(s), high = percentile90(s);
    double sum = 0, count = 0;
    for (double v : s.sorted)
        if (v >= low && v <= high) {
            sum += v;
            ++count;
        }
    const double robustMean = sum / count;
    double deviation = 0;
    for (double v : s.sorted)
        if (v >= low && v <= high) deviation += std::abs(v - robustMean);
    return deviation / count;
}
// Root mean squared = sqrt((1/N_p) sum (X(i) + c)^2)
double rootMeanSquared(const Statistics& s) { return std::sqrt(energy(s) / s.count); }
// Skewness = m3 / m2^(3/2) with m_k the k-th central moment; 0 for a flat region
double skewness(const Statistics& s) {
    const double m2 = centralMoment(s, 2);
    return m2 == 0 ? 0 : centralMoment(s, 3) / std::pow(m2, 1.5);
}
// Kurtosis = m4 / m2^2 (not excess kurtosis); 0 for a flat region
double kurtosis(const Statistics& s) {
    const double m2 = centralMoment(s, 2);
    return m2 == 0 ? 0 : centralMoment(s, 4) / (m2 * m2);
}
// Variance = m2 (population variance)
double variance(const Statistics& s) { return centralMoment(s, 2); }
// Uniformity = sum p(i)^2
double uniformity(const Statistics& s) {
    double sum = 0;
    for (double p : s.levelFraction) sum += p * p;
    return sum;
}

}  // namespace

FamilyValues firstOrderFeatures(const std::vector<double>& roiValues, const GreyLevelImage& grey,
                                const Settings& settings) {
    Statistics s;
    s.sorted = roiValues;
    std::sort(s.sorted.begin(), s.sorted.end());
    s.count = static_cast<double>(s.sorted.size());
    double sum = 0;
    for (double v : s.sorted) sum += v;
    s.mean = sum / s.count;
    s.shift = settings.voxelArrayShift;
    s.voxelVolumeMm3 = grey.spacingMm[0] * grey.spacingMm[1] * grey.spacingMm[2];
    std::vector<double> histogram(static_cast<std::size_t>(grey.maxLevel) + 1, 0.0);
    for (int level : grey.level)
        if (level > 0) histogram[static_cast<std::size_t>(level)] += 1;
    for (std::size_t level = 1; level < histogram.size(); ++level) s.levelFraction.push_back(histogram[level] / s.count);

    return {{"10Percentile", percentile10(s)},
            {"90Percentile", percentile90(s)},
            {"Energy", energy(s)},
            {"Entropy", entropy(s)},
            {"InterquartileRange", interquartileRange(s)},
            {"Kurtosis", kurtosis(s)},
            {"Maximum", maximum(s)},
            {"MeanAbsoluteDeviation", meanAbsoluteDeviation(s)},
            {"Mean", mean(s)},
            {"Median", median(s)},
            {"Minimum", minimum(s)},
            {"Range", range(s)},
            {"RobustMeanAbsoluteDeviation", robustMeanAbsoluteDeviation(s)},
            {"RootMeanSquared", rootMeanSquared(s)},
            {"Skewness", skewness(s)},
            {"TotalEnergy", totalEnergy(s)},
            {"Uniformity", uniformity(s)},
            {"Variance", variance(s)}};
}

}  // namespace drs::radiomics
