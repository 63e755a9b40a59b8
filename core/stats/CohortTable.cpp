#include "core/stats/CohortTable.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/stats/HypothesisTests.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::stats {

CohortTable::CohortTable(std::vector<int> group, std::vector<std::string> groupNames)
    : group_(std::move(group)), groupNames_(std::move(groupNames)) {
    if (groupNames_.size() < 2) throw Error("cohort table: needs at least 2 groups");
    for (int g : group_)
        if (g < 0 || g >= static_cast<int>(groupNames_.size()))
            throw Error("cohort table: a subject has no valid group");
    for (int size : groupSizes())
        if (size == 0) throw Error("cohort table: a group is empty");
}

std::vector<int> CohortTable::groupSizes() const {
    std::vector<int> sizes(groupNames_.size(), 0);
    for (int g : group_) ++sizes[static_cast<std::size_t>(g)];
    return sizes;
}

void CohortTable::addContinuous(const std::string& name, const std::vector<double>& values, ContinuousTest test) {
    if (values.size() != group_.size()) throw Error("cohort table: '" + name + "' has a different number of subjects");
    std::vector<std::vector<double>> byGroup(groupNames_.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i])) throw Error("cohort table: '" + name + "' has a missing or non-finite value");
        byGroup[static_cast<std::size_t>(group_[i])].push_back(values[i]);
    }
    CohortRow row;
    row.variable = name;
    for (const auto& v : byGroup) {
        double mean = 0;
        for (double x : v) mean += x / static_cast<double>(v.size());
        double spread = 0;
        for (double x : v) spread += (x - mean) * (x - mean);
        row.means.push_back(mean);
        row.sds.push_back(v.size() > 1 ? std::sqrt(spread / static_cast<double>(v.size() - 1)) : std::nan(""));
    }
    if (byGroup.size() != 2) throw Error("cohort table: continuous tests compare exactly 2 groups");
    if (test == ContinuousTest::WelchT) {
        row.p = welchTTest(byGroup[0], byGroup[1]).p;
        row.test = "welch-t";
    } else {
        row.p = mannWhitneyU(byGroup[0], byGroup[1]).p;
        row.test = "mann-whitney";
    }
    rows_.push_back(std::move(row));
}

void CohortTable::addCategorical(const std::string& name, const std::vector<std::string>& values) {
    if (values.size() != group_.size()) throw Error("cohort table: '" + name + "' has a different number of subjects");
    std::vector<std::string> levels;
    for (const auto& v : values) {
        if (v.empty() || v == "NA") throw Error("cohort table: '" + name + "' has a missing value");
        if (std::find(levels.begin(), levels.end(), v) == levels.end()) levels.push_back(v);
    }
    std::sort(levels.begin(), levels.end());
    if (levels.size() < 2) throw Error("cohort table: '" + name + "' has a single level");
    std::vector<std::vector<double>> counts(levels.size(), std::vector<double>(groupNames_.size(), 0.0));
    for (std::size_t i = 0; i < values.size(); ++i)
        counts[static_cast<std::size_t>(std::find(levels.begin(), levels.end(), values[i]) - levels.begin())]
              [static_cast<std::size_t>(group_[i])] += 1;
    const std::vector<int> sizes = groupSizes();
    bool smallExpected = false;
    const double total = static_cast<double>(values.size());
    for (const auto& levelCounts : counts) {
        double levelTotal = 0;
        for (double c : levelCounts) levelTotal += c;
        for (int size : sizes) smallExpected = smallExpected || levelTotal * size / total < 5;
    }
    double p = 1;
    std::string test;
    if (levels.size() == 2 && groupNames_.size() == 2 && smallExpected) {
        p = fisherExact(static_cast<int>(counts[0][0]), static_cast<int>(counts[0][1]), static_cast<int>(counts[1][0]),
                        static_cast<int>(counts[1][1]))
                .p;
        test = "fisher";
    } else {
        p = chiSquareTest(counts).p;
        test = "chi-square";
    }
    for (std::size_t l = 0; l < levels.size(); ++l) {
        CohortRow row;
        row.variable = name;
        row.level = levels[l];
        row.counts = counts[l];
        for (std::size_t g = 0; g < sizes.size(); ++g) row.percents.push_back(100.0 * counts[l][g] / sizes[g]);
        row.p = l == 0 ? p : std::nan("");
        row.test = l == 0 ? test : "";
        rows_.push_back(std::move(row));
    }
}

std::string CohortTable::toCsv(int decimals) const {
    const auto fixed = [&](double v) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
        return std::string(buffer);
    };
    std::ostringstream out;
    out << "variable,level";
    const std::vector<int> sizes = groupSizes();
    for (std::size_t g = 0; g < groupNames_.size(); ++g)
        out << ',' << csvEscape(groupNames_[g] + " (n=" + std::to_string(sizes[g]) + ")");
    out << ",p,test\n";
    for (const auto& row : rows_) {
        out << csvEscape(row.variable) << ',' << csvEscape(row.level);
        for (std::size_t g = 0; g < groupNames_.size(); ++g) {
            const std::string cell = row.level.empty() ? fixed(row.means[g]) + " ± " + fixed(row.sds[g])
                                                       : std::to_string(static_cast<int>(row.counts[g])) + " (" +
                                                             fixed(row.percents[g]) + "%)";
            out << ',' << csvEscape(cell);
        }
        out << ',' << (std::isnan(row.p) ? std::string() : formatDouble(row.p)) << ',' << row.test << '\n';
    }
    return out.str();
}

}  // namespace drs::stats
