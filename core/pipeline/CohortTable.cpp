#include "core/pipeline/CohortTable.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "core/stats/CohortTable.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs {

namespace {

std::string meanSd(double mean, double sd) {
    char text[64];
    std::snprintf(text, sizeof text, "%.1f \xC2\xB1 %.1f", mean, sd);
    return text;
}

std::string countPercent(double count, double percent) {
    char text[64];
    std::snprintf(text, sizeof text, "%d (%.1f%%)", static_cast<int>(count), percent);
    return text;
}

std::string testName(const std::string& test) {
    if (test == "welch-t") return "Welch t-test";
    if (test == "mann-whitney") return "Mann-Whitney U test";
    if (test == "chi-square") return "chi-square test";
    if (test == "fisher") return "Fisher's exact test";
    return test;
}

}  // namespace

std::vector<CohortRow> cohortTable(const std::vector<ClinicalVariable>& variables, const std::vector<bool>& isTest) {
    std::vector<CohortRow> rows;
    int totals[2] = {0, 0};
    for (bool test : isTest) ++totals[test];
    rows.push_back({"Patients", "n", std::to_string(totals[0]), std::to_string(totals[1]), -1, ""});

    for (const auto& variable : variables) {
        if (variable.values.size() != isTest.size())
            throw Error("clinical variable '" + variable.name + "' has a value count that differs from the patients'");
        // Each variable is tested on the patients whose value is known.
        std::vector<int> groups;
        std::vector<double> numbers;
        std::vector<std::string> levels;
        int missing[2] = {0, 0};
        int known[2] = {0, 0};
        for (std::size_t p = 0; p < isTest.size(); ++p) {
            const double number =
                variable.continuous ? parseDouble(variable.values[p], "clinical variable " + variable.name) : 0;
            if (variable.values[p].empty() || std::isnan(number)) {
                ++missing[isTest[p]];
                continue;
            }
            ++known[isTest[p]];
            groups.push_back(isTest[p] ? 1 : 0);
            numbers.push_back(number);
            levels.push_back(variable.values[p]);
        }
        const bool severalLevels =
            variable.continuous || std::set<std::string>(levels.begin(), levels.end()).size() > 1;
        if (known[0] > 0 && known[1] > 0 && severalLevels) {
            stats::CohortTable table(groups, {"train", "test"});
            if (variable.continuous) {
                table.addContinuous(variable.name, numbers);
            } else {
                table.addCategorical(variable.name, levels);
            }
            for (const auto& row : table.rows()) {
                const bool first = row.variable == variable.name && &row == &table.rows().front();
                if (variable.continuous)
                    rows.push_back({variable.name, "mean \xC2\xB1 SD", meanSd(row.means[0], row.sds[0]),
                                    meanSd(row.means[1], row.sds[1]), std::isnan(row.p) ? -1 : row.p,
                                    testName(row.test)});
                else
                    rows.push_back({variable.name, row.level,
                                    countPercent(row.counts[0], 100.0 * row.counts[0] / totals[0]),
                                    countPercent(row.counts[1], 100.0 * row.counts[1] / totals[1]),
                                    first && !std::isnan(row.p) ? row.p : -1, first ? testName(row.test) : ""});
            }
        }
        if (!severalLevels && !levels.empty()) {
            // One level only: nothing to test.
            int counts[2] = {0, 0};
            for (int g : groups) ++counts[g];
            rows.push_back({variable.name, levels.front(), countPercent(counts[0], 100.0 * counts[0] / totals[0]),
                            countPercent(counts[1], 100.0 * counts[1] / totals[1]), -1, ""});
        }
        if (missing[0] || missing[1])
            rows.push_back({variable.name, "missing", countPercent(missing[0], 100.0 * missing[0] / totals[0]),
                            countPercent(missing[1], 100.0 * missing[1] / totals[1]), -1, ""});
    }
    return rows;
}

}  // namespace drs
