#pragma once
#include <vector>

namespace drs::stats {

// The q-quantile (0 <= q <= 1) of values sorted ascending, by linear interpolation between order
// statistics: R's quantile(type = 7), its default. Throws Error for an empty vector.
double quantileOfSorted(const std::vector<double>& sorted, double q);

}  // namespace drs::stats
