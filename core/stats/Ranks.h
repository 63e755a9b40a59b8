#pragma once
#include <vector>

namespace drs::stats {

// 1-based ranks, ties get the mean of the ranks they span ("midranks").
std::vector<double> midranks(const std::vector<double>& values);
// Sum over tie groups of (t^3 - t), the tie correction of rank-test variances.
double tieCorrectionSum(const std::vector<double>& values);

}  // namespace drs::stats
