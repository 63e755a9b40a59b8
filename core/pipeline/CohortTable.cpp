#include "core/pipeline/CohortTable.h"

#include <cmath>
#include <cstdio>
#include <array>
#include <map>

#include "core/stats/HypothesisTests.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs {

namespace {

std::string meanSd(const std::vector<double>& values) {
    if (values.empty()) return "-";
    double mean = 0;
    for (double v : values) mean += v;
    mean /= static_cast<double>(values.size());
    double squares = 0;
    for (double v : values) squares += (v - mean) * (v - mean);
    const double sd = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
    char text[64];
    std::snprintf(text, sizeof text, "%.1f \xC2\xB1 %.1f", mean, sd);
    return text;
}

std::string countPercent(int count, int total) {
    char text[64];
    std::snprintf(text, sizeof text, "%d (%.1f%%)", count, total ? 100.0 * count / total : 0.0);
    return text;
}

}  // namespace

std::vector<CohortRow> cohortTable(const std::vector<ClinicalVariable>& variables, const std::vector<bool>& isTest) {
    std::vector<CohortRow> rows;
    int trainTotal = 0, testTotal = 0;
    for (bool test : isTest) (test ? testTotal : trainTotal)++;
    rows.push_back({"Patients", "n", std::to_string(trainTotal), std::to_string(testTotal), -1, ""});

    for (const auto& variable : variables) {
        if (variable.values.size() != isTest.size())
            throw Error("clinical variable '" + variable.name + "' has a value count that differs from the patients'");
        int missing[2] = {0, 0};
        if (variable.continuous) {
            std::vector<double> groups[2];
            for (std::size_t p = 0; p < isTest.size(); ++p) {
                const double value = parseDouble(variable.values[p], "clinical variable " + variable.name);
                if (std::isnan(value))
                    ++missing[isTest[p]];
                else
                    groups[isTest[p]].push_back(value);
            }
            CohortRow row{variable.name, "mean \xC2\xB1 SD", meanSd(groups[0]), meanSd(groups[1]), -1, ""};
            if (groups[0].size() >= 2 && groups[1].size() >= 2) {
                row.p = stats::welchTTest(groups[0], groups[1]).p;
                row.testName = "Welch t-test";
            }
            rows.push_back(row);
        } else {
            std::map<std::string, std::array<int, 2>> counts;
            for (std::size_t p = 0; p < isTest.size(); ++p) {
                if (variable.values[p].empty())
                    ++missing[isTest[p]];
                else
                    counts[variable.values[p]][isTest[p]]++;
            }
            double p = -1;
            std::string testName;
            if (counts.size() >= 2) {
                std::vector<std::vector<double>> table;
                for (const auto& [level, c] : counts) table.push_back({static_cast<double>(c[0]), static_cast<double>(c[1])});
                const double total = [&] {
                    double t = 0;
                    for (const auto& r : table) t += r[0] + r[1];
                    return t;
                }();
                double smallestExpected = total;
                for (const auto& r : table)
                    for (int s = 0; s < 2; ++s) {
                        double column = 0;
                        for (const auto& other : table) column += other[s];
                        smallestExpected = std::min(smallestExpected, (r[0] + r[1]) * column / total);
                    }
                if (table.size() == 2 && smallestExpected < 5) {
                    p = stats::fisherExact(static_cast<int>(table[0][0]), static_cast<int>(table[0][1]),
                                           static_cast<int>(table[1][0]), static_cast<int>(table[1][1]))
                            .p;
                    testName = "Fisher's exact test";
                } else {
                    bool bothColumnsUsed = true;
                    for (int s = 0; s < 2; ++s) {
                        double column = 0;
                        for (const auto& r : table) column += r[s];
                        bothColumnsUsed = bothColumnsUsed && column > 0;
                    }
                    if (bothColumnsUsed) {
                        p = stats::chiSquareTest(table, true).p;
                        testName = "chi-square test";
                    }
                }
            }
            bool first = true;
            for (const auto& [level, c] : counts) {
                rows.push_back({variable.name, level, countPercent(c[0], trainTotal), countPercent(c[1], testTotal),
                                first ? p : -1, first ? testName : ""});
                first = false;
            }
        }
        if (missing[0] || missing[1])
            rows.push_back({variable.name, "missing", countPercent(missing[0], trainTotal),
                            countPercent(missing[1], testTotal), -1, ""});
    }
    return rows;
}

}  // namespace drs
