#include "core/learn/FeatureSelection.h"

#include <algorithm>
#include <cmath>

#include "core/stats/Correlation.h"
#include "core/stats/HypothesisTests.h"
#include "core/util/Error.h"

namespace drs::learn {
namespace {

std::vector<double> column(const Dataset& data, int j) {
    const auto c = data.features.col(j);
    return {c.data(), c.data() + c.size()};
}

}  // namespace

std::vector<double> mannWhitneyPValues(const Dataset& data) {
    std::vector<double> p;
    for (Eigen::Index j = 0; j < data.features.cols(); ++j) {
        std::vector<double> negatives, positives;
        for (int r = 0; r < data.rows(); ++r)
            (data.labels[r] == 1 ? positives : negatives).push_back(data.features(r, j));
        p.push_back(stats::mannWhitneyU(negatives, positives).p);
    }
    return p;
}

std::vector<int> mannWhitneyFilter(const Dataset& data, double maxP) {
    const std::vector<double> p = mannWhitneyPValues(data);
    std::vector<int> kept;
    for (std::size_t j = 0; j < p.size(); ++j)
        if (p[j] < maxP) kept.push_back(static_cast<int>(j));
    return kept;
}

std::vector<int> byRelevance(const Dataset& data, const std::vector<int>& candidates) {
    const std::vector<double> p = mannWhitneyPValues(data);
    std::vector<int> ordered = candidates;
    std::stable_sort(ordered.begin(), ordered.end(), [&](int a, int b) { return p[a] < p[b]; });
    return ordered;
}

std::vector<int> removeCorrelated(const Dataset& data, const std::vector<int>& candidates, double maxAbsR) {
    if (!(maxAbsR >= 0 && maxAbsR <= 1)) throw Error("removeCorrelated: the |r| limit must lie in [0, 1]");
    std::vector<int> kept;
    for (int j : candidates) {
        const std::vector<double> x = column(data, j);
        const bool redundant = std::any_of(
            kept.begin(), kept.end(), [&](int k) { return std::fabs(stats::pearson(x, column(data, k)).r) > maxAbsR; });
        if (!redundant) kept.push_back(j);
    }
    return kept;
}

}  // namespace drs::learn
