#pragma once
#include <string>
#include <vector>

// The cohort characteristics table (a paper's "Table 1"): each variable summarised per group
// (e.g. training vs test, or negative vs positive) with a p-value for the difference.
namespace drs::stats {

enum class ContinuousTest { WelchT, MannWhitney };

struct CohortRow {
    std::string variable;
    std::string level;               // empty for a continuous variable
    std::vector<double> counts;      // categorical: n per group
    std::vector<double> percents;    // categorical: 100 n / group size
    std::vector<double> means, sds;  // continuous: mean and sample SD per group
    double p = 1;                    // on the first row of a variable; NaN on later level rows
    std::string test;                // "welch-t", "mann-whitney", "chi-square", "fisher"
};

class CohortTable {
public:
    // group[i] in 0..groupCount-1 for each subject; groupNames label the columns.
    CohortTable(std::vector<int> group, std::vector<std::string> groupNames);

    // mean +- SD per group; p from Welch's t (two groups) or Mann-Whitney.
    void addContinuous(const std::string& name, const std::vector<double>& values,
                       ContinuousTest test = ContinuousTest::WelchT);
    // n (%) per level and group; p from the chi-square test (Yates for 2 x 2), or Fisher's exact
    // test for a 2 x 2 table with an expected count below 5.
    void addCategorical(const std::string& name, const std::vector<std::string>& values);

    const std::vector<CohortRow>& rows() const { return rows_; }
    const std::vector<std::string>& groupNames() const { return groupNames_; }
    std::vector<int> groupSizes() const;
    // CSV text: variable,level,<group cells "mean ± SD" or "n (x.x%)">,p,test
    std::string toCsv(int decimals = 2) const;

private:
    std::vector<int> group_;
    std::vector<std::string> groupNames_;
    std::vector<CohortRow> rows_;
};

}  // namespace drs::stats
