#pragma once
#include <Eigen/Dense>

namespace drs::explain {

// Pearson correlation between every column of `a` and every column of `b` (same rows):
// result(i, j) = r(a_i, b_j). Throws Error if a column is constant or row counts differ.
Eigen::MatrixXd crossCorrelation(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

// The paper's summary of a correlation matrix: max |r| and mean |r| +- SD (sample SD, n - 1)
// over its entries; with `offDiagonalOnly` (a matrix of a set with itself) the diagonal and
// the repeated lower triangle are left out.
struct CorrelationSummary {
    double maxAbsR = 0;
    double meanAbsR = 0;
    double sdAbsR = 0;
    int pairs = 0;
};
CorrelationSummary summarise(const Eigen::MatrixXd& correlation, bool offDiagonalOnly);

}  // namespace drs::explain
