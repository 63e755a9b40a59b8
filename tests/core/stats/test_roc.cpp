#include <QtTest>

#include <cmath>

#include "core/stats/Roc.h"
#include "core/util/Error.h"
#include "tests/core/stats/ReferenceValues.h"

using namespace drs::stats;

// AUC, DeLong variance/CI, paired and unpaired roc.test and the Youden point against pROC 1.18.0.
class TestRoc : public QObject {
    Q_OBJECT
    drs::testing::ReferenceValues r_{"reference_r.csv"};
    drs::testing::Cohort cohort_;

    void near(const std::string& name, double actual, double tolerance = 1e-6) {
        const double expected = r_.number(name);
        QVERIFY2(std::fabs(actual - expected) <= tolerance, qPrintable(QString("%1: got %2, pROC gives %3")
                                                                           .arg(QString::fromStdString(name))
                                                                           .arg(actual, 0, 'g', 17)
                                                                           .arg(expected, 0, 'g', 17)));
    }

private slots:
    void aucAndDelongCi_data() {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("score");
        QTest::newRow("continuous") << "label"
                                    << "score_a";
        QTest::newRow("ties") << "label"
                              << "score_b";
        QTest::newRow("rare endpoint") << "label_rare"
                                       << "score_a";
    }
    void aucAndDelongCi() {
        QFETCH(QString, label);
        QFETCH(QString, score);
        const auto y = cohort_.labels(label.toStdString());
        const auto s = cohort_.numbers(score.toStdString());
        const std::string key = "roc." + label.toStdString() + "." + score.toStdString();
        const AucWithCi result = delongCi(y, s);
        near(key + ".auc", result.auc);
        near(key + ".auc", auc(y, s));
        near(key + ".var", result.variance, 1e-10);
        near(key + ".ci_low", result.ciLow);
        near(key + ".ci_high", result.ciHigh);
        const ThresholdMetrics youden = youdenMetrics(y, s);
        near(key + ".youden_threshold", youden.threshold);
        near(key + ".youden_sensitivity", youden.recall);
        near(key + ".youden_specificity", youden.specificity);
    }
    void pairedDelong() {
        const auto y = cohort_.labels("label");
        const AucComparison c = delongPaired(y, cohort_.numbers("score_a"), cohort_.numbers("score_b"));
        near("delong_paired.auc1", c.auc1);
        near("delong_paired.auc2", c.auc2);
        near("delong_paired.z", c.z);
        near("delong_paired.p", c.p);
    }
    void unpairedDelong() {
        const auto y = cohort_.labels("label");
        const auto a = cohort_.numbers("score_a");
        const auto b = cohort_.numbers("score_b");
        const AucComparison c = delongUnpaired({y.begin(), y.begin() + 180}, {a.begin(), a.begin() + 180},
                                               {y.begin() + 180, y.end()}, {b.begin() + 180, b.end()});
        near("delong_unpaired.d", c.z);
        near("delong_unpaired.p", c.p);
    }
    void curveEndsAndArea() {
        // Trapezoids under the curve equal the Mann-Whitney AUC, ties included.
        const auto y = cohort_.labels("label");
        const auto s = cohort_.numbers("score_b");
        const auto curve = rocCurve(y, s);
        QCOMPARE(curve.front().truePositiveRate, 0.0);
        QCOMPARE(curve.back().falsePositiveRate, 1.0);
        double area = 0;
        for (std::size_t k = 1; k < curve.size(); ++k)
            area += (curve[k].falsePositiveRate - curve[k - 1].falsePositiveRate) * 0.5 *
                    (curve[k].truePositiveRate + curve[k - 1].truePositiveRate);
        near("roc.label.score_b.auc", area, 1e-12);
    }
    void metricsByHand() {
        // 2 x 2 table worked out by hand: scores >= 0.5 called positive.
        const std::vector<int> y{1, 1, 1, 0, 0, 0, 0};
        const std::vector<double> s{0.9, 0.6, 0.2, 0.7, 0.4, 0.1, 0.3};
        const ThresholdMetrics m = metricsAtThreshold(y, s, 0.5);
        QCOMPARE(m.truePositives, 2);
        QCOMPARE(m.falsePositives, 1);
        QCOMPARE(m.trueNegatives, 3);
        QCOMPARE(m.falseNegatives, 1);
        QCOMPARE(m.accuracy, 5.0 / 7);
        QCOMPARE(m.precision, 2.0 / 3);
        QCOMPARE(m.recall, 2.0 / 3);
        QCOMPARE(m.specificity, 0.75);
        QCOMPARE(m.npv, 0.75);
        QCOMPARE(m.f1, 2.0 / 3);
        QVERIFY(std::isnan(metricsAtThreshold(y, s, 2.0).precision));
    }
    void perfectAndTiedScores() {
        QCOMPARE(auc({0, 0, 1, 1}, {0.1, 0.2, 0.8, 0.9}), 1.0);
        QCOMPARE(auc({0, 1, 0, 1}, {0.5, 0.5, 0.5, 0.5}), 0.5);
    }
    void bootstrapCoversDelong() {
        const auto y = cohort_.labels("label");
        const auto s = cohort_.numbers("score_a");
        const BootstrapCi ci = bootstrapAucCi(y, s, 2000, 7);
        // Asymptotically the percentile and DeLong intervals agree; at n = 355 within 0.01.
        QVERIFY(std::fabs(ci.ciLow - r_.number("roc.label.score_a.ci_low")) < 0.01);
        QVERIFY(std::fabs(ci.ciHigh - r_.number("roc.label.score_a.ci_high")) < 0.01);
    }
    void badInput() {
        QVERIFY_THROWS_EXCEPTION(drs::Error, auc({1, 1, 1}, {0.1, 0.2, 0.3}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, auc({0, 1, 2}, {0.1, 0.2, 0.3}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, auc({0, 1}, {0.1}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, auc({0, 1}, {0.1, std::nan("")}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, delongCi({0, 1, 0}, {0.1, 0.2, 0.3}));
    }
};

QTEST_APPLESS_MAIN(TestRoc)
#include "test_roc.moc"
