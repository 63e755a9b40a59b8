// IBSI's intensity histogram features (pyradiomics has none; its first order describes the raw
// intensities): statistics of the ROI's discretised grey levels X_d. H(i) counts the ROI voxels
// at level i = 1..N_g (empty levels included), N_v = sum H(i), p(i) = H(i) / N_v, mu the mean.
// Percentiles interpolate linearly between the closest ranks of the sorted X_d (numpy.percentile,
// as pyradiomics' first order).
#include "core/radiomics/IntensityHistogram.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace drs::radiomics {
namespace {

struct Histogram {
    std::vector<double> count;  // H(i) at index i - 1
    double voxels = 0, mean = 0;
    double level(std::size_t index) const { return static_cast<double>(index + 1); }
};

// sum H(i) f(i) / N_v
template <class F>
double average(const Histogram& h, F f) {
    double s = 0;
    for (std::size_t k = 0; k < h.count.size(); ++k) s += h.count[k] * f(h.level(k));
    return s / h.voxels;
}

// The q-th percentile of X_d: the order statistics of ranks floor((N_v - 1) q / 100) and the next,
// found from the running counts, interpolated linearly.
double percentile(const Histogram& h, double q) {
    const double position = (h.voxels - 1) * q / 100.0;
    const double below = std::floor(position);
    auto orderStatistic = [&](double rank) {
        double seen = 0;
        for (std::size_t k = 0; k < h.count.size(); ++k) {
            seen += h.count[k];
            if (seen > rank) return h.level(k);
        }
        return h.level(h.count.size() - 1);
    };
    const double a = orderStatistic(below), b = orderStatistic(std::min(below + 1, h.voxels - 1));
    return a + (b - a) * (position - below);
}

// Variance = sum p(i) (i - mu)^2
double variance(const Histogram& h) {
    return average(h, [&](double i) { return (i - h.mean) * (i - h.mean); });
}
// Skewness = m_3 / m_2^(3/2), m_k = sum p(i) (i - mu)^k; 0 for a single level
double skewness(const Histogram& h) {
    const double m2 = variance(h);
    if (m2 == 0) return 0;
    return average(h, [&](double i) { return std::pow(i - h.mean, 3); }) / std::pow(m2, 1.5);
}
// Excess kurtosis = m_4 / m_2^2 - 3 (IBSI's; pyradiomics' first-order Kurtosis omits the -3); 0 for a single level
double excessKurtosis(const Histogram& h) {
    const double m2 = variance(h);
    if (m2 == 0) return 0;
    return average(h, [&](double i) { return std::pow(i - h.mean, 4); }) / (m2 * m2) - 3;
}
double minimum(const Histogram& h) { return percentile(h, 0); }
double maximum(const Histogram& h) { return percentile(h, 100); }
// Mode = the most frequent level; of several, the one closest to the mean
double mode(const Histogram& h) {
    const double most = *std::max_element(h.count.begin(), h.count.end());
    double best = 0;
    for (std::size_t k = 0; k < h.count.size(); ++k)
        if (h.count[k] == most && (best == 0 || std::abs(h.level(k) - h.mean) < std::abs(best - h.mean)))
            best = h.level(k);
    return best;
}
// Mean absolute deviation = sum p(i) |i - mu|
double meanAbsoluteDeviation(const Histogram& h) {
    return average(h, [&](double i) { return std::abs(i - h.mean); });
}
// Robust mean absolute deviation: the mean absolute deviation of the levels between the 10th and
// 90th percentiles (inclusive) from their own mean
double robustMeanAbsoluteDeviation(const Histogram& h) {
    const double low = percentile(h, 10), high = percentile(h, 90);
    Histogram inner = h;
    inner.voxels = 0;
    double sum = 0;
    for (std::size_t k = 0; k < h.count.size(); ++k) {
        if (h.level(k) < low || h.level(k) > high) inner.count[k] = 0;
        inner.voxels += inner.count[k];
        sum += inner.count[k] * h.level(k);
    }
    inner.mean = sum / inner.voxels;
    return meanAbsoluteDeviation(inner);
}
// Median absolute deviation = sum p(i) |i - median|
double medianAbsoluteDeviation(const Histogram& h) {
    const double median = percentile(h, 50);
    return average(h, [&](double i) { return std::abs(i - median); });
}
// Coefficient of variation = sqrt(variance) / mu
double coefficientOfVariation(const Histogram& h) { return std::sqrt(variance(h)) / h.mean; }
// Quartile coefficient of dispersion = (P75 - P25) / (P75 + P25)
double quartileCoefficientOfDispersion(const Histogram& h) {
    const double p25 = percentile(h, 25), p75 = percentile(h, 75);
    return (p75 - p25) / (p75 + p25);
}
// Entropy = -sum p(i) log2 p(i), over the levels present
double entropy(const Histogram& h) {
    double s = 0;
    for (const double c : h.count)
        if (c > 0) s -= c / h.voxels * std::log2(c / h.voxels);
    return s;
}
// Uniformity = sum p(i)^2
double uniformity(const Histogram& h) {
    double s = 0;
    for (const double c : h.count) s += (c / h.voxels) * (c / h.voxels);
    return s;
}
// The histogram gradient H'(i): (H(i + 1) - H(i - 1)) / 2 inside, one-sided differences at the
// first and last level, 0 for a single level
std::vector<double> gradient(const Histogram& h) {
    const std::vector<double>& c = h.count;
    const std::size_t n = c.size();
    if (n == 1) return {0};
    std::vector<double> g(n);
    g.front() = c[1] - c[0];
    g.back() = c[n - 1] - c[n - 2];
    for (std::size_t k = 1; k + 1 < n; ++k) g[k] = (c[k + 1] - c[k - 1]) / 2;
    return g;
}
// The largest and smallest gradient, and the (first) level where each is
double maximumHistogramGradient(const Histogram& h) {
    const std::vector<double> g = gradient(h);
    return *std::max_element(g.begin(), g.end());
}
double maximumHistogramGradientIntensity(const Histogram& h) {
    const std::vector<double> g = gradient(h);
    return h.level(static_cast<std::size_t>(std::max_element(g.begin(), g.end()) - g.begin()));
}
double minimumHistogramGradient(const Histogram& h) {
    const std::vector<double> g = gradient(h);
    return *std::min_element(g.begin(), g.end());
}
double minimumHistogramGradientIntensity(const Histogram& h) {
    const std::vector<double> g = gradient(h);
    return h.level(static_cast<std::size_t>(std::min_element(g.begin(), g.end()) - g.begin()));
}

}  // namespace

FamilyValues intensityHistogramFeatures(const GreyLevelImage& grey) {
    Histogram h;
    h.count.assign(static_cast<std::size_t>(grey.maxLevel), 0);
    for (const std::int64_t at : grey.roiIndex) h.count[static_cast<std::size_t>(grey.levelAt(at) - 1)] += 1;
    h.voxels = static_cast<double>(grey.voxelCount);
    h.mean = average(h, [](double i) { return i; });
    return {{"10Percentile", percentile(h, 10)},
            {"90Percentile", percentile(h, 90)},
            {"CoefficientOfVariation", coefficientOfVariation(h)},
            {"Entropy", entropy(h)},
            {"ExcessKurtosis", excessKurtosis(h)},
            {"InterquartileRange", percentile(h, 75) - percentile(h, 25)},
            {"Maximum", maximum(h)},
            {"MaximumHistogramGradient", maximumHistogramGradient(h)},
            {"MaximumHistogramGradientIntensity", maximumHistogramGradientIntensity(h)},
            {"Mean", h.mean},
            {"MeanAbsoluteDeviation", meanAbsoluteDeviation(h)},
            {"Median", percentile(h, 50)},
            {"MedianAbsoluteDeviation", medianAbsoluteDeviation(h)},
            {"Minimum", minimum(h)},
            {"MinimumHistogramGradient", minimumHistogramGradient(h)},
            {"MinimumHistogramGradientIntensity", minimumHistogramGradientIntensity(h)},
            {"Mode", mode(h)},
            {"QuartileCoefficientOfDispersion", quartileCoefficientOfDispersion(h)},
            {"Range", maximum(h) - minimum(h)},
            {"RobustMeanAbsoluteDeviation", robustMeanAbsoluteDeviation(h)},
            {"Skewness", skewness(h)},
            {"Uniformity", uniformity(h)},
            {"Variance", variance(h)}};
}

}  // namespace drs::radiomics
