#include "core/stats/CohortTable.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "core/stats/Descriptive.h"
#include "core/stats/HypothesisTests.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::stats {
namespace {

constexpr double kFisherBelowExpected = 5;

bool unknown(const std::string& value) { return value.empty() || value == "NA"; }

// The pair's table: one row per level present in either group, columns (a, b).
std::vector<std::vector<double>> pairTable(const std::vector<std::vector<double>>& counts, int a, int b) {
    std::vector<std::vector<double>> table;
    for (const auto& level : counts) {
        const double inA = level[static_cast<std::size_t>(a)], inB = level[static_cast<std::size_t>(b)];
        if (inA + inB > 0) table.push_back({inA, inB});
    }
    return table;
}

bool anyExpectedBelow(const std::vector<std::vector<double>>& table, double limit) {
    double columns[2] = {0, 0};
    for (const auto& row : table) {
        columns[0] += row[0];
        columns[1] += row[1];
    }
    const double total = columns[0] + columns[1];
    for (const auto& row : table)
        for (double column : columns)
            if ((row[0] + row[1]) * column / total < limit) return true;
    return false;
}

}  // namespace

CohortTable::CohortTable(std::vector<int> group, std::vector<std::string> groupNames,
                         std::vector<std::pair<int, int>> comparisons)
    : group_(std::move(group)), groupNames_(std::move(groupNames)), comparisons_(std::move(comparisons)) {
    if (groupNames_.empty()) throw Error("cohort table: needs at least one group");
    const int groups = static_cast<int>(groupNames_.size());
    for (int g : group_)
        if (g < 0 || g >= groups) throw Error("cohort table: a subject has no valid group");
    for (int size : groupSizes())
        if (size == 0) throw Error("cohort table: a group is empty");
    for (const auto& [a, b] : comparisons_)
        if (a < 0 || b < 0 || a >= groups || b >= groups || a == b)
            throw Error("cohort table: a comparison names an invalid pair of groups");
}

std::vector<int> CohortTable::groupSizes() const {
    std::vector<int> sizes(groupNames_.size(), 0);
    for (int g : group_) ++sizes[static_cast<std::size_t>(g)];
    return sizes;
}

void CohortTable::addContinuous(const std::string& name, const std::vector<double>& values, ContinuousTest test) {
    if (values.size() != group_.size()) throw Error("cohort table: '" + name + "' has a different number of subjects");
    const std::size_t groups = groupNames_.size();
    std::vector<std::vector<double>> byGroup(groups);
    CohortRow row;
    row.variable = name;
    row.missing.assign(groups, 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto g = static_cast<std::size_t>(group_[i]);
        if (std::isnan(values[i])) {
            ++row.missing[g];
            continue;
        }
        if (!std::isfinite(values[i])) throw Error("cohort table: '" + name + "' has an infinite value");
        byGroup[g].push_back(values[i]);
    }
    const double nan = std::nan("");
    for (auto& v : byGroup) {
        std::sort(v.begin(), v.end());
        const double n = static_cast<double>(v.size());
        const double mean = v.empty() ? nan : std::accumulate(v.begin(), v.end(), 0.0) / n;
        double spread = 0;
        for (double x : v) spread += (x - mean) * (x - mean);
        row.known.push_back(static_cast<int>(v.size()));
        row.means.push_back(mean);
        row.sds.push_back(v.size() > 1 ? std::sqrt(spread / (n - 1)) : nan);
        row.medians.push_back(v.empty() ? nan : quantileOfSorted(v, 0.5));
        row.q1s.push_back(v.empty() ? nan : quantileOfSorted(v, 0.25));
        row.q3s.push_back(v.empty() ? nan : quantileOfSorted(v, 0.75));
    }
    for (const auto& [a, b] : comparisons_) {
        const auto& x = byGroup[static_cast<std::size_t>(a)];
        const auto& y = byGroup[static_cast<std::size_t>(b)];
        const std::size_t needed = test == ContinuousTest::WelchT ? 2 : 1;
        if (x.size() < needed || y.size() < needed) {
            row.p.push_back(nan);
            row.tests.emplace_back();
        } else if (test == ContinuousTest::WelchT) {
            row.p.push_back(welchTTest(x, y).p);
            row.tests.emplace_back("welch-t");
        } else {
            row.p.push_back(mannWhitneyU(x, y).p);
            row.tests.emplace_back("mann-whitney");
        }
    }
    rows_.push_back(std::move(row));
}

void CohortTable::addCategorical(const std::string& name, const std::vector<std::string>& values) {
    if (values.size() != group_.size()) throw Error("cohort table: '" + name + "' has a different number of subjects");
    const std::size_t groups = groupNames_.size();
    std::vector<std::string> levels;
    for (const auto& v : values)
        if (!unknown(v) && std::find(levels.begin(), levels.end(), v) == levels.end()) levels.push_back(v);
    std::sort(levels.begin(), levels.end());
    std::vector<std::vector<double>> counts(levels.size(), std::vector<double>(groups, 0.0));
    std::vector<int> known(groups, 0), missing(groups, 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto g = static_cast<std::size_t>(group_[i]);
        if (unknown(values[i])) {
            ++missing[g];
            continue;
        }
        ++known[g];
        const auto level = std::find(levels.begin(), levels.end(), values[i]) - levels.begin();
        counts[static_cast<std::size_t>(level)][g] += 1;
    }

    std::vector<double> p;
    std::vector<std::string> tests;
    for (const auto& [a, b] : comparisons_) {
        const auto table = pairTable(counts, a, b);
        if (table.size() < 2 || known[static_cast<std::size_t>(a)] == 0 || known[static_cast<std::size_t>(b)] == 0) {
            p.push_back(std::nan(""));
            tests.emplace_back();
        } else if (anyExpectedBelow(table, kFisherBelowExpected)) {
            p.push_back(fisherExact(table).p);
            tests.emplace_back("fisher");
        } else {
            p.push_back(chiSquareTest(table).p);
            tests.emplace_back("chi-square");
        }
    }
    if (levels.empty()) {
        // Nothing known: one row carries the missing counts.
        CohortRow row;
        row.variable = name;
        row.known = known;
        row.missing = missing;
        row.p = p;
        row.tests = tests;
        rows_.push_back(std::move(row));
        return;
    }
    for (std::size_t l = 0; l < levels.size(); ++l) {
        CohortRow row;
        row.variable = name;
        row.level = levels[l];
        row.counts = counts[l];
        for (std::size_t g = 0; g < groups; ++g)
            row.percents.push_back(known[g] ? 100.0 * counts[l][g] / known[g] : std::nan(""));
        row.known = known;
        row.missing = missing;
        if (l == 0) {
            row.p = p;
            row.tests = tests;
        } else {
            row.p.assign(comparisons_.size(), std::nan(""));
            row.tests.assign(comparisons_.size(), "");
        }
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
    for (const auto& [a, b] : comparisons_) {
        const std::string pair =
            groupNames_[static_cast<std::size_t>(a)] + " vs " + groupNames_[static_cast<std::size_t>(b)];
        out << ',' << csvEscape("p " + pair) << ',' << csvEscape("test " + pair);
    }
    out << '\n';
    for (const auto& row : rows_) {
        out << csvEscape(row.variable) << ',' << csvEscape(row.level);
        for (std::size_t g = 0; g < groupNames_.size(); ++g) {
            std::string cell;
            if (!row.means.empty())
                cell = fixed(row.means[g]) + " ± " + fixed(row.sds[g]);
            else if (!row.counts.empty())
                cell = std::to_string(static_cast<int>(row.counts[g])) + " (" + fixed(row.percents[g]) + "%)";
            out << ',' << csvEscape(cell);
        }
        for (std::size_t c = 0; c < comparisons_.size(); ++c)
            out << ',' << (std::isnan(row.p[c]) ? std::string() : formatDouble(row.p[c])) << ',' << row.tests[c];
        out << '\n';
    }
    return out.str();
}

}  // namespace drs::stats
