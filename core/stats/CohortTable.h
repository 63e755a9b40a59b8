#pragma once
#include <string>
#include <utility>
#include <vector>

// The cohort characteristics table (a paper's "Table 1"): each variable summarised per group
// (training, internal test, external cohorts; or negative vs positive), with a p-value for each
// requested pair of groups.
//
// Tests, per compared pair, on the subjects whose value is known:
//  - continuous: the Mann-Whitney U test (the default) or Welch's t-test;
//  - categorical: Pearson's chi-square test (Yates' correction for 2 x 2, as R's chisq.test), or
//    Fisher's exact test when any expected count of the pair's table is below 5 (Cochran's rule,
//    applied strictly). Levels absent from both groups of the pair are left out of its table.
// A pair gets no test (p NaN, test empty) when one group has no known value, or, for a categorical
// variable, when the pair's subjects show a single level.
namespace drs::stats {

enum class ContinuousTest { WelchT, MannWhitney };

struct CohortRow {
    std::string variable;
    std::string level;                      // empty for a continuous variable
    std::vector<double> counts, percents;   // categorical: n per group and 100 n / known in the group
    std::vector<double> means, sds;         // continuous: mean and sample SD per group (NaN: too few)
    std::vector<double> medians, q1s, q3s;  // continuous: R's type-7 quartiles per group
    std::vector<int> known, missing;        // per group: subjects with and without a value
    std::vector<double> p;                  // per comparison, on a variable's first row; NaN elsewhere
    std::vector<std::string> tests;         // per comparison: "mann-whitney", "welch-t", "chi-square", "fisher"
};

class CohortTable {
public:
    // group[i] in 0..groupCount-1 for each subject; groupNames label the columns; comparisons are
    // the pairs of groups that get a p-value.
    CohortTable(std::vector<int> group, std::vector<std::string> groupNames,
                std::vector<std::pair<int, int>> comparisons = {{0, 1}});

    // NaN marks an unknown value.
    void addContinuous(const std::string& name, const std::vector<double>& values,
                       ContinuousTest test = ContinuousTest::MannWhitney);
    // One row per level (sorted); an empty text or "NA" marks an unknown value.
    void addCategorical(const std::string& name, const std::vector<std::string>& values);

    const std::vector<CohortRow>& rows() const { return rows_; }
    const std::vector<std::string>& groupNames() const { return groupNames_; }
    const std::vector<std::pair<int, int>>& comparisons() const { return comparisons_; }
    std::vector<int> groupSizes() const;
    // CSV text: variable,level,<group cells "mean ± SD" or "n (x.x%)">,<p and test per comparison>
    std::string toCsv(int decimals = 2) const;

private:
    std::vector<int> group_;
    std::vector<std::string> groupNames_;
    std::vector<std::pair<int, int>> comparisons_;
    std::vector<CohortRow> rows_;
};

}  // namespace drs::stats
