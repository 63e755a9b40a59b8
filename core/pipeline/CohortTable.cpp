#include "core/pipeline/CohortTable.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/stats/CohortTable.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs {

namespace {

std::string oneDecimal(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

std::string meanSd(double mean, double sd) {
    if (std::isnan(mean)) return "-";
    return oneDecimal(mean) + (std::isnan(sd) ? std::string() : " \xC2\xB1 " + oneDecimal(sd));
}

std::string medianIqr(double median, double q1, double q3) {
    if (std::isnan(median)) return "-";
    return oneDecimal(median) + " [" + oneDecimal(q1) + ", " + oneDecimal(q3) + "]";
}

std::string countPercent(double count, double percent) {
    char text[64];
    if (std::isnan(percent)) return std::to_string(static_cast<int>(count));
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

CohortRow displayRow(const stats::CohortRow& row, const std::string& level, bool withTests) {
    CohortRow out{row.variable, level, {}, {}, {}};
    for (std::size_t c = 0; c < row.p.size(); ++c) {
        const bool tested = withTests && !std::isnan(row.p[c]);
        out.p.push_back(tested ? row.p[c] : -1);
        out.tests.push_back(tested ? testName(row.tests[c]) : "");
    }
    return out;
}

}  // namespace

bool looksContinuous(const std::vector<std::string>& values) {
    std::set<double> distinct;
    for (const auto& value : values) {
        if (value.empty() || value == "NA") continue;
        double number = 0;
        const auto parsed = std::from_chars(value.data(), value.data() + value.size(), number);
        if (parsed.ec != std::errc() || parsed.ptr != value.data() + value.size() || !std::isfinite(number))
            return false;
        distinct.insert(number);
    }
    return distinct.size() > 5;
}

CohortCharacteristics cohortCharacteristics(const std::vector<ClinicalVariable>& variables,
                                            const std::vector<int>& cohortOf,
                                            const std::vector<std::string>& cohortNames, bool compareWithFirst) {
    std::vector<std::pair<int, int>> pairs;
    if (compareWithFirst)
        for (int c = 1; c < static_cast<int>(cohortNames.size()); ++c) pairs.emplace_back(0, c);
    stats::CohortTable table(cohortOf, cohortNames, pairs);

    CohortCharacteristics out;
    const auto sizes = table.groupSizes();
    for (std::size_t c = 0; c < cohortNames.size(); ++c) out.columns.push_back({cohortNames[c], sizes[c]});
    for (const auto& [a, b] : pairs)
        out.comparisons.push_back(
            {a, b, cohortNames[static_cast<std::size_t>(a)] + " vs " + cohortNames[static_cast<std::size_t>(b)]});
    CohortRow patients{
        "Patients", "n", {}, std::vector<double>(pairs.size(), -1), std::vector<std::string>(pairs.size())};
    for (int size : sizes) patients.cells.push_back(std::to_string(size));
    out.rows.push_back(std::move(patients));

    for (const auto& variable : variables) {
        if (variable.values.size() != cohortOf.size())
            throw Error("clinical variable '" + variable.name + "' has a value count that differs from the patients'");
        const std::size_t first = table.rows().size();
        if (variable.continuous) {
            std::vector<double> numbers;
            for (const auto& value : variable.values)
                numbers.push_back(parseDouble(value, "clinical variable " + variable.name));
            table.addContinuous(variable.name, numbers);
        } else {
            table.addCategorical(variable.name, variable.values);
        }
        const auto& rows = table.rows();
        for (std::size_t r = first; r < rows.size(); ++r) {
            const stats::CohortRow& row = rows[r];
            if (variable.continuous) {
                CohortRow mean = displayRow(row, "mean \xC2\xB1 SD", true);
                CohortRow median = displayRow(row, "median [IQR]", false);
                for (std::size_t c = 0; c < cohortNames.size(); ++c) {
                    mean.cells.push_back(meanSd(row.means[c], row.sds[c]));
                    median.cells.push_back(medianIqr(row.medians[c], row.q1s[c], row.q3s[c]));
                }
                out.rows.push_back(std::move(mean));
                out.rows.push_back(std::move(median));
            } else if (!row.level.empty()) {
                CohortRow level = displayRow(row, row.level, r == first);
                for (std::size_t c = 0; c < cohortNames.size(); ++c)
                    level.cells.push_back(countPercent(row.counts[c], row.percents[c]));
                out.rows.push_back(std::move(level));
            }
        }
        const stats::CohortRow& firstRow = rows[first];
        bool anyMissing = false;
        for (int m : firstRow.missing) anyMissing = anyMissing || m > 0;
        if (anyMissing) {
            CohortRow missing = displayRow(firstRow, "missing", false);
            for (std::size_t c = 0; c < cohortNames.size(); ++c)
                missing.cells.push_back(countPercent(firstRow.missing[c], 100.0 * firstRow.missing[c] / sizes[c]));
            out.rows.push_back(std::move(missing));
        }
    }
    return out;
}

}  // namespace drs
