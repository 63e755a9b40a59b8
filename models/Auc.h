#pragma once
// Area under the ROC curve as the Mann-Whitney U statistic over (positive, negative) pairs,
// ties counted one half; what early stopping and drs deep-compare report. Plain C++.
#include <vector>

namespace drs::models {

// labels 0/1; NaN when either class is absent.
double rocAuc(const std::vector<double>& scores, const std::vector<int>& labels);

}  // namespace drs::models
