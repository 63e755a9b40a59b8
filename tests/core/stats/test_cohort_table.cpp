#include <QtTest>

#include <cmath>

#include "core/stats/CohortTable.h"
#include "core/stats/HypothesisTests.h"
#include "core/util/Error.h"
#include "tests/core/stats/ReferenceValues.h"

using namespace drs::stats;

// Table 1 of the synthetic cohort with a training, an internal test and two external cohorts,
// against R (wilcox.test, chisq.test, fisher.test, quantile; tests/data/stats/make_cohort_table_r.R).
class TestCohortTable : public QObject {
    Q_OBJECT
    drs::testing::Cohort cohort_;
    drs::testing::ReferenceValues r_{"cohort_table_r.csv"};
    const std::vector<std::string> names_{"training", "test", "external", "small"};

    static bool close(double value, double reference) {
        return std::fabs(value - reference) <= 1e-9 * std::max(1.0, std::fabs(reference));
    }

    // Rows 1-220 training, 221-310 test, 311-355 external; the small cohort (rows 341-355) is a
    // copy of the external cohort's last 15 rows, so the subjects are stacked: cohort.csv, then
    // those 15 again.
    std::vector<int> groups() const {
        std::vector<int> group;
        for (std::size_t i = 0; i < cohort_.rows(); ++i) group.push_back(i < 220 ? 0 : (i < 310 ? 1 : 2));
        for (int i = 0; i < 15; ++i) group.push_back(3);
        return group;
    }
    template <class T>
    static std::vector<T> stacked(std::vector<T> values) {
        const std::vector<T> tail(values.end() - 15, values.end());
        values.insert(values.end(), tail.begin(), tail.end());
        return values;
    }

private slots:
    void continuousMannWhitneyAndQuartiles() {
        CohortTable table(groups(), names_, {{0, 1}, {0, 2}, {0, 3}});
        table.addContinuous("deep_1", stacked(cohort_.numbers("deep_1")));
        const CohortRow& row = table.rows().at(0);
        for (std::size_t g = 0; g < names_.size(); ++g) {
            const std::string key = "deep_1." + names_[g];
            QVERIFY2(close(row.means[g], r_.number(key + ".mean")), key.c_str());
            QVERIFY(close(row.sds[g], r_.number(key + ".sd")));
            QVERIFY(close(row.q1s[g], r_.number(key + ".q1")));
            QVERIFY(close(row.medians[g], r_.number(key + ".median")));
            QVERIFY(close(row.q3s[g], r_.number(key + ".q3")));
            if (g == 0) continue;
            QVERIFY2(close(row.p[g - 1], r_.number("deep_1.training_vs_" + names_[g] + ".p")), key.c_str());
            QCOMPARE(row.tests[g - 1], std::string("mann-whitney"));
        }
    }

    void categoricalChiSquareOrFisher() {
        std::vector<std::string> rare;
        for (int label : cohort_.labels("label_rare")) rare.push_back(label ? "yes" : "no");
        CohortTable table(groups(), names_, {{0, 1}, {0, 2}, {0, 3}});
        for (const auto& [name, values] : std::vector<std::pair<std::string, std::vector<std::string>>>{
                 {"sex", cohort_.text("sex")}, {"stage", cohort_.text("stage")}, {"rare", rare}}) {
            const std::size_t first = table.rows().size();
            table.addCategorical(name, stacked(values));
            const CohortRow& row = table.rows().at(first);
            for (std::size_t c = 0; c < 3; ++c) {
                const std::string key = name + ".training_vs_" + names_[c + 1];
                QVERIFY2(close(row.p[c], r_.number(key + ".p")), key.c_str());
                // R chose the test by the same rule (an expected count below 5: Fisher).
                QCOMPARE(row.tests[c], r_.text(key + ".test"));
            }
            // Later levels carry no test.
            QVERIFY(std::isnan(table.rows().at(first + 1).p[0]));
        }
        // Both tests occur: stage is tested by chi-square except against the small cohort.
        QCOMPARE(table.rows()[2].tests, (std::vector<std::string>{"chi-square", "chi-square", "fisher"}));
        // Percentages are of the known values per group.
        QCOMPARE(table.rows()[0].counts[0] + table.rows()[1].counts[0], 220.0);
        QVERIFY(std::fabs(table.rows()[0].percents[3] + table.rows()[1].percents[3] - 100) < 1e-12);
    }

    void fisherExactOfLargerTables() {
        const std::vector<std::pair<std::string, std::vector<std::vector<double>>>> tables{
            {"r3", {{3, 9}, {1, 5}, {0, 4}}},
            {"r4", {{150, 20}, {60, 10}, {70, 8}, {2, 4}}},
            {"r5", {{12, 2}, {0, 9}, {3, 0}, {7, 4}, {1, 11}}},
            {"wide", {{1, 6, 0}, {4, 2, 5}}},
        };
        for (const auto& [name, counts] : tables)
            QVERIFY2(close(fisherExact(counts).p, r_.number("fisher." + name + ".p")), name.c_str());
        // On 2 x 2 tables it agrees with the dedicated test.
        QVERIFY(close(fisherExact({{10, 3}, {2, 15}}).p, fisherExact(10, 3, 2, 15).p));
        QVERIFY_THROWS_EXCEPTION(drs::Error, fisherExact({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, fisherExact({{1, 2}, {4, -5}}));
    }

    void missingValuesAndUntestablePairs() {
        // Group 1 has no known value of x: its comparison gets no test; missing counts are kept.
        CohortTable table({0, 0, 0, 1, 1, 2, 2, 2}, {"a", "b", "c"}, {{0, 1}, {0, 2}});
        const double nan = std::nan("");
        table.addContinuous("x", {1, 2, 3, nan, nan, 4, 5, nan});
        const CohortRow& x = table.rows()[0];
        QVERIFY(std::isnan(x.p[0]));
        QVERIFY(x.tests[0].empty());
        QCOMPARE(x.tests[1], std::string("mann-whitney"));
        QCOMPARE(x.missing, (std::vector<int>{0, 2, 1}));
        QCOMPARE(x.known, (std::vector<int>{3, 0, 2}));
        QVERIFY(std::isnan(x.means[1]));
        // One level among the pair's subjects: nothing to test.
        table.addCategorical("y", {"u", "u", "u", "", "NA", "u", "v", "u"});
        QVERIFY(std::isnan(table.rows()[1].p[0]));
        QCOMPARE(table.rows()[1].tests[1], std::string("fisher"));
        QCOMPARE(table.rows()[1].missing, (std::vector<int>{0, 2, 0}));
        QVERIFY(std::isnan(table.rows()[1].percents[1]));
    }

    void badInput() {
        QVERIFY_THROWS_EXCEPTION(drs::Error, CohortTable({0, 0}, {"a", "b"}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, CohortTable({0, 1}, {"a", "b"}, {{0, 2}}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, CohortTable({0, 1}, {"a", "b"}, {{1, 1}}));
        CohortTable table({0, 1, 0, 1}, {"a", "b"});
        QVERIFY_THROWS_EXCEPTION(drs::Error, table.addCategorical("x", {"u", "v"}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, table.addContinuous("y", {1, 2, INFINITY, 4}));
        const std::string csv = [] {
            CohortTable t({0, 1, 0, 1}, {"a", "b"});
            t.addContinuous("y", {1, 2, 3, 4});
            return t.toCsv();
        }();
        QVERIFY2(csv.rfind("variable,level,a (n=2),b (n=2),p a vs b,test a vs b\n", 0) == 0, csv.c_str());
    }
};

QTEST_APPLESS_MAIN(TestCohortTable)
#include "test_cohort_table.moc"
