#include <QtTest>

#include <cmath>

#include "core/stats/MultipleTesting.h"
#include "core/util/Error.h"
#include "tests/core/stats/ReferenceValues.h"

// Holm's correction of 30 p-values (one tie, ten small ones) against R's p.adjust(method = "holm").
class TestMultipleTesting : public QObject {
    Q_OBJECT

private slots:
    void holmMatchesR() {
        const drs::testing::ReferenceValues r("cohort_table_r.csv");
        std::vector<double> p, expected;
        for (int i = 1; i <= 30; ++i) {
            char key[32];
            std::snprintf(key, sizeof key, "holm.raw.%02d", i);
            p.push_back(r.number(key));
            std::snprintf(key, sizeof key, "holm.adjusted.%02d", i);
            expected.push_back(r.number(key));
        }
        const auto adjusted = drs::stats::holmAdjusted(p);
        for (std::size_t i = 0; i < p.size(); ++i)
            QVERIFY2(std::fabs(adjusted[i] - expected[i]) <= 1e-12, qPrintable(QString::number(i)));
    }
    void nanIsLeftOutOfTheFamily() {
        // m counts the two finite p-values only: 0.01 * 2, then max(0.02, 0.04 * 1).
        const auto adjusted = drs::stats::holmAdjusted({0.04, std::nan(""), 0.01});
        QCOMPARE(adjusted[0], 0.04);
        QVERIFY(std::isnan(adjusted[1]));
        QCOMPARE(adjusted[2], 0.02);
        QVERIFY_THROWS_EXCEPTION(drs::Error, drs::stats::holmAdjusted({0.5, 1.5}));
    }
};

QTEST_APPLESS_MAIN(TestMultipleTesting)
#include "test_multiple_testing.moc"
