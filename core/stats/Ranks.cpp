#include "core/stats/Ranks.h"

#include <algorithm>
#include <numeric>

namespace drs::stats {

std::vector<double> midranks(const std::vector<double>& values) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start;
        while (end + 1 < order.size() && values[order[end + 1]] == values[order[start]]) ++end;
        const double rank = 0.5 * static_cast<double>(start + end) + 1.0;
        for (std::size_t k = start; k <= end; ++k) ranks[order[k]] = rank;
        start = end + 1;
    }
    return ranks;
}

double tieCorrectionSum(const std::vector<double>& values) {
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (std::size_t start = 0; start < sorted.size();) {
        std::size_t end = start;
        while (end + 1 < sorted.size() && sorted[end + 1] == sorted[start]) ++end;
        const double t = static_cast<double>(end - start + 1);
        sum += t * t * t - t;
        start = end + 1;
    }
    return sum;
}

}  // namespace drs::stats
