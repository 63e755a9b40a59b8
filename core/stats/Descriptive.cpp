#include "core/stats/Descriptive.h"

#include <algorithm>
#include <cmath>

#include "core/util/Error.h"

namespace drs::stats {

double quantileOfSorted(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) throw Error("quantile: no values");
    if (!(q >= 0 && q <= 1)) throw Error("quantile: the probability must lie in [0, 1]");
    const double h = static_cast<double>(sorted.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace drs::stats
