#include <QtTest>

#include <cmath>

#include "core/stats/CohortTable.h"
#include "core/stats/HypothesisTests.h"
#include "core/util/Error.h"
#include "tests/core/stats/ReferenceValues.h"

using namespace drs::stats;

struct FisherCounts {
    int a, b, c, d;
};

// Table 1 of the synthetic cohort by label; p-values against R (t.test, chisq.test, fisher.test).
class TestCohortTable : public QObject {
    Q_OBJECT
    drs::testing::Cohort cohort_;
    drs::testing::ReferenceValues r_{"reference_r.csv"};

private slots:
    void byLabel() {
        CohortTable table(cohort_.labels("label"), {"negative", "positive"});
        table.addContinuous("deep_1", cohort_.numbers("deep_1"));
        table.addCategorical("sex", cohort_.text("sex"));
        table.addCategorical("stage", cohort_.text("stage"));
        const auto& rows = table.rows();
        QCOMPARE(rows.size(), std::size_t{1 + 2 + 3});
        QCOMPARE(table.groupSizes(), (std::vector<int>{239, 116}));
        QVERIFY(std::fabs(rows[0].p - r_.number("welch.deep_1.p")) < 1e-9);
        QVERIFY(std::fabs(rows[1].p - r_.number("chisq.sex_label.p")) < 1e-9);
        QVERIFY(std::isnan(rows[2].p));
        QVERIFY(std::fabs(rows[3].p - r_.number("chisq.stage_label.p")) < 1e-9);
        QCOMPARE(rows[1].counts[0] + rows[2].counts[0], 239.0);
        QVERIFY(std::fabs(rows[1].percents[1] + rows[2].percents[1] - 100) < 1e-12);
        const std::string csv = table.toCsv();
        QVERIFY(csv.rfind("variable,level,negative (n=239),positive (n=116),p,test\n", 0) == 0);
    }
    void sparseTwoByTwoUsesFisher() {
        // 18 rare positives x ~20 % stage III: an expected count below 5, so Fisher's test.
        std::vector<std::string> late;
        for (const auto& stage : cohort_.text("stage")) late.push_back(stage == "III" ? "III" : "I-II");
        CohortTable table(cohort_.labels("label_rare"), {"no", "yes"});
        table.addCategorical("stage", late);
        const auto& rows = table.rows();
        QCOMPARE(rows[0].test, std::string("fisher"));
        QCOMPARE(rows[0].level, std::string("I-II"));
        const FisherCounts c{static_cast<int>(rows[0].counts[0]), static_cast<int>(rows[0].counts[1]),
                             static_cast<int>(rows[1].counts[0]), static_cast<int>(rows[1].counts[1])};
        QCOMPARE(c.a + c.b + c.c + c.d, 355);
        QCOMPARE(rows[0].p, fisherExact(c.a, c.b, c.c, c.d).p);
        // With the common endpoint every expected count is large: chi-square with Yates.
        CohortTable common(cohort_.labels("label"), {"negative", "positive"});
        common.addCategorical("sex", cohort_.text("sex"));
        QCOMPARE(common.rows()[0].test, std::string("chi-square"));
    }
    void badInput() {
        QVERIFY_THROWS_EXCEPTION(drs::Error, CohortTable({0, 0}, {"a", "b"}));
        CohortTable table({0, 1, 0, 1}, {"a", "b"});
        QVERIFY_THROWS_EXCEPTION(drs::Error, table.addCategorical("x", {"u", "", "u", "v"}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, table.addContinuous("y", {1, 2, std::nan(""), 4}));
    }
};

QTEST_APPLESS_MAIN(TestCohortTable)
#include "test_cohort_table.moc"
