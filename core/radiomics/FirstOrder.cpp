#include "core/radiomics/FirstOrder.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace drs::radiomics {
namespace {

// Everything the first-order formulas share. X = ROI intensities, N_p = voxel count,
// c = voxelArrayShift, p(i) = fraction of voxels in grey level i, m_k = (1/N_p) sum (X - mean)^k.
struct Statistics {
    std::vector<double> values;
    double count = 0;
    double mean = 0, m2 = 0, m3 = 0, m4 = 0;
    double minimum = 0, maximum = 0;
    double energy = 0;  // sum (X + c)^2
    double voxelVolumeMm3 = 1;
    std::vector<double> levelFraction;                   // p(i) over all levels 1..Ng (zeros included)
    std::vector<std::pair<double, double>> percentiles;  // (q, value) for q = 10, 25, 50, 75, 90
};

double centralMoment(const Statistics& s, int order) { return order == 2 ? s.m2 : order == 3 ? s.m3 : s.m4; }

// numpy.percentile (linear interpolation between the closest ranks) at levels qs. The order
// statistics needed (ranks k and k + 1 per level) are found exactly without sorting: the values are
// counted into equal-width buckets between minimum and maximum (a monotone map, so the buckets are
// ordered), the bucket holding each rank follows from the running counts, and only that bucket's
// few values are searched.
std::vector<double> computePercentiles(const std::vector<double>& values, double minimum, double maximum,
                                       const std::vector<double>& qs) {
    const std::size_t n = values.size();
    if (minimum == maximum) return std::vector<double>(qs.size(), minimum);
    constexpr std::size_t kBuckets = 1024;
    const double scale = double(kBuckets) / (maximum - minimum);
    std::vector<std::uint16_t> bucketOf(n);
    std::vector<std::size_t> startOf(kBuckets + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto b = std::min<std::size_t>(kBuckets - 1, static_cast<std::size_t>((values[i] - minimum) * scale));
        bucketOf[i] = static_cast<std::uint16_t>(b);
        ++startOf[b + 1];
    }
    for (std::size_t b = 0; b < kBuckets; ++b) startOf[b + 1] += startOf[b];
    auto bucketOfRank = [&](std::size_t rank) {
        return static_cast<std::size_t>(std::upper_bound(startOf.begin(), startOf.end(), rank) - startOf.begin()) - 1;
    };
    std::vector<std::size_t> ranks;
    for (double q : qs) {
        const auto k = static_cast<std::size_t>(std::floor((double(n) - 1) * q / 100.0));
        ranks.push_back(k);
        ranks.push_back(std::min(k + 1, n - 1));
    }
    std::vector<std::vector<double>> members(kBuckets);
    std::vector<char> wanted(kBuckets, 0);
    for (std::size_t r : ranks) wanted[bucketOfRank(r)] = 1;
    for (std::size_t i = 0; i < n; ++i)
        if (wanted[bucketOf[i]]) members[bucketOf[i]].push_back(values[i]);
    auto orderStatistic = [&](std::size_t rank) {
        const std::size_t b = bucketOfRank(rank);
        std::vector<double>& m = members[b];
        const auto at = m.begin() + std::ptrdiff_t(rank - startOf[b]);
        std::nth_element(m.begin(), at, m.end());
        return *at;
    };
    std::vector<double> out;
    for (std::size_t j = 0; j < qs.size(); ++j) {
        const double a = orderStatistic(ranks[2 * j]), b = orderStatistic(ranks[2 * j + 1]);
        const double t = (double(n) - 1) * qs[j] / 100.0 - static_cast<double>(ranks[2 * j]);
        out.push_back(t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t);
    }
    return out;
}

double percentile(const Statistics& s, double q) {
    for (const auto& [level, value] : s.percentiles)
        if (level == q) return value;
    return std::nan("");
}

// Energy = sum (X(i) + c)^2
double energy(const Statistics& s) { return s.energy; }
// Total Energy = V_voxel * sum (X(i) + c)^2
double totalEnergy(const Statistics& s) { return s.voxelVolumeMm3 * energy(s); }
// Entropy = -sum p(i) log2(p(i) + eps)
double entropy(const Statistics& s) {
    double sum = 0;
    for (double p : s.levelFraction) sum -= p * std::log2(p + kEps);
    return sum;
}
double minimum(const Statistics& s) { return s.minimum; }
double maximum(const Statistics& s) { return s.maximum; }
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
    for (double v : s.values) sum += std::abs(v - s.mean);
    return sum / s.count;
}
// Robust mean absolute deviation: the same on the voxels with P10 <= X <= P90, about their own mean
double robustMeanAbsoluteDeviation(const Statistics& s) {
    const double low = percentile10(s), high = percentile90(s);
    double sum = 0, count = 0;
    for (double v : s.values)
        if (v >= low && v <= high) {
            sum += v;
            ++count;
        }
    const double robustMean = sum / count;
    double deviation = 0;
    for (double v : s.values)
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

// Median absolute deviation = (1/N_p) sum |X(i) - median| (IBSI's; about the median, not the mean)
double medianAbsoluteDeviation(const Statistics& s) {
    const double centre = median(s);
    double sum = 0;
    for (double v : s.values) sum += std::abs(v - centre);
    return sum / s.count;
}
// Coefficient of variation = sqrt(variance) / mean (signed, as IBSI's values for HU below 0);
// NaN for a mean of 0
double coefficientOfVariation(const Statistics& s) {
    return s.mean == 0 ? std::nan("") : std::sqrt(variance(s)) / s.mean;
}
// Quartile coefficient of dispersion = (P75 - P25) / (P75 + P25); NaN when P75 + P25 = 0
double quartileCoefficientOfDispersion(const Statistics& s) {
    const double low = percentile(s, 25), high = percentile(s, 75);
    return low + high == 0 ? std::nan("") : (high - low) / (high + low);
}

Statistics statisticsOf(const std::vector<double>& roiValues, const Settings& settings) {
    Statistics s;
    s.values = roiValues;
    s.count = static_cast<double>(s.values.size());
    const auto [low, high] = std::minmax_element(s.values.begin(), s.values.end());
    s.minimum = *low;
    s.maximum = *high;
    double sum = 0;
    for (double v : s.values) {
        sum += v;
        s.energy += (v + settings.voxelArrayShift) * (v + settings.voxelArrayShift);
    }
    s.mean = sum / s.count;
    for (double v : s.values) {
        const double d = v - s.mean, d2 = d * d;
        s.m2 += d2;
        s.m3 += d2 * d;
        s.m4 += d2 * d2;
    }
    s.m2 /= s.count;
    s.m3 /= s.count;
    s.m4 /= s.count;
    const std::vector<double> levels = {10.0, 25.0, 50.0, 75.0, 90.0};
    const std::vector<double> values = computePercentiles(s.values, s.minimum, s.maximum, levels);
    for (std::size_t k = 0; k < levels.size(); ++k) s.percentiles.emplace_back(levels[k], values[k]);
    return s;
}

}  // namespace

FamilyValues firstOrderFeatures(const std::vector<double>& roiValues, const GreyLevelImage& grey,
                                const Settings& settings) {
    Statistics s = statisticsOf(roiValues, settings);
    s.voxelVolumeMm3 = grey.spacingMm[0] * grey.spacingMm[1] * grey.spacingMm[2];
    std::vector<double> histogram(static_cast<std::size_t>(grey.maxLevel) + 1, 0.0);
    for (const std::int64_t i : grey.roiIndex) histogram[static_cast<std::size_t>(grey.levelAt(i))] += 1;
    for (std::size_t level = 1; level < histogram.size(); ++level)
        s.levelFraction.push_back(histogram[level] / s.count);

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

FamilyValues intensityStatisticsFeatures(const std::vector<double>& roiValues, const Settings& settings) {
    const Statistics s = statisticsOf(roiValues, settings);
    return {{"CoefficientOfVariation", coefficientOfVariation(s)},
            {"MedianAbsoluteDeviation", medianAbsoluteDeviation(s)},
            {"QuartileCoefficientOfDispersion", quartileCoefficientOfDispersion(s)}};
}

}  // namespace drs::radiomics
