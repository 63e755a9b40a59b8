#include "models/Auc.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace drs::models {

double rocAuc(const std::vector<double>& scores, const std::vector<int>& labels) {
    // Rank-sum form: sort once, give tied scores their mean rank, U = R_pos - n_pos (n_pos + 1) / 2.
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double positiveRankSum = 0;
    double positives = 0;
    for (std::size_t begin = 0; begin < order.size();) {
        std::size_t end = begin;
        while (end < order.size() && scores[order[end]] == scores[order[begin]]) ++end;
        const double meanRank = 0.5 * static_cast<double>(begin + 1 + end);
        for (std::size_t i = begin; i < end; ++i) {
            if (labels[order[i]] == 1) {
                positiveRankSum += meanRank;
                positives += 1;
            }
        }
        begin = end;
    }
    const double negatives = static_cast<double>(scores.size()) - positives;
    if (positives == 0 || negatives == 0) return std::numeric_limits<double>::quiet_NaN();
    return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives);
}

}  // namespace drs::models
