#pragma once
#include <vector>

// Two-group and contingency-table tests used in cohort tables and feature filters. Each follows
// R's stats package definition (named per function) so numbers can be checked against R.
namespace drs::stats {

struct TestResult {
    double statistic = 0;
    double p = 1;
    double degreesOfFreedom = 0;  // when the reference distribution has one
};

// Wilcoxon rank-sum / Mann-Whitney: statistic = U of x (R's W: rank sum of x minus nx(nx+1)/2);
// two-sided p from the normal approximation with tie and continuity correction
// (R: wilcox.test(x, y, exact = FALSE, correct = TRUE)).
TestResult mannWhitneyU(const std::vector<double>& x, const std::vector<double>& y);

// Welch's unequal-variance t-test, two-sided (R: t.test(x, y)).
TestResult welchTTest(const std::vector<double>& x, const std::vector<double>& y);

// Pearson chi-square test of independence of an r x c table of counts (rows of equal length);
// Yates' continuity correction for 2 x 2 tables when yates is true (R: chisq.test(table, correct)).
TestResult chiSquareTest(const std::vector<std::vector<double>>& counts, bool yates = true);

// Fisher's exact test of a 2 x 2 table [[a, b], [c, d]], two-sided: the sum of the probabilities
// of all tables with the same margins that are no more likely than the observed one
// (R: fisher.test). statistic is the conditional-free sample odds ratio a d / (b c).
TestResult fisherExact(int a, int b, int c, int d);

// Fisher's exact test of an r x 2 (or 2 x c) table of counts, two-sided as above: the sum of the
// probabilities of every table with the observed margins that is no more likely than the observed
// one (R: fisher.test). The tables are walked row by row with the network algorithm's pruning
// (Mehta & Patel 1983): a partial table whose every completion is no more likely than the observed
// one adds their total probability at once, one whose every completion is more likely adds none.
// Rows (columns) that are entirely zero are dropped. statistic is unused (0).
TestResult fisherExact(const std::vector<std::vector<double>>& counts);

}  // namespace drs::stats
