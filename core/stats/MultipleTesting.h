#pragma once
#include <vector>

namespace drs::stats {

// Holm's step-down adjustment (Holm 1979), controlling the family-wise error rate: with the m
// p-values sorted ascending, p'(i) = max_{j <= i} min(1, (m - j + 1) p(j)), returned in the input
// order (R: p.adjust(p, method = "holm")). NaN p-values stay NaN and do not count in m.
std::vector<double> holmAdjusted(const std::vector<double>& p);

}  // namespace drs::stats
