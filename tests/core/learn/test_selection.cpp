#include <QtTest>

#include <cmath>

#include "core/learn/FeatureSelection.h"
#include "core/learn/RadScore.h"
#include "core/util/Error.h"
#include "tests/core/learn/LearnFixtures.h"

using namespace drs::learn;

class TestSelection : public QObject {
    Q_OBJECT
    drs::testing::ReferenceValues r_{"reference_r.csv"};

private slots:
    void mannWhitneyMatchesR() {
        const Dataset data = drs::testing::cohortDataset("label");
        const std::vector<double> p = mannWhitneyPValues(data);
        QVERIFY(std::fabs(p[0] - r_.number("wilcox.deep_1.p")) < 1e-9);
        const std::vector<int> kept = mannWhitneyFilter(data, 0.05);
        QCOMPARE(std::count(kept.begin(), kept.end(), 0), p[0] < 0.05 ? 1L : 0L);
        for (int j : kept) QVERIFY(p[j] < 0.05);
    }
    void correlatedFeatureIsDropped() {
        Dataset d;
        d.featureNames = {"a", "b", "c"};
        d.features.resize(6, 3);
        // b = 2a + 1 (r = 1); c uncorrelated with a: sum (a - 3.5)(c - 0) = 0.
        d.features << 1, 3, 1, 2, 5, -1, 3, 7, -1, 4, 9, 1, 5, 11, 1, 6, 13, -1;
        d.labels = {0, 0, 0, 1, 1, 1};
        QCOMPARE(removeCorrelated(d, {0, 1, 2}, 0.9), (std::vector<int>{0, 2}));
        QCOMPARE(removeCorrelated(d, {1, 0, 2}, 0.9), (std::vector<int>{1, 2}));
    }
    // At lambda_max the LASSO keeps nothing (glmnet's definition of the path's start): no
    // radiomic signature, a score of 0 for everyone, and the choice names glmnet uses.
    void noFeatureKeptIsNoSignature() {
        const Dataset data = drs::testing::cohortDataset("label");
        CvLasso cv = cvLasso(data, drs::testing::cohortFolds(data, "label").repeats[0]);
        cv.lambdaMin = {cv.path.lambdas[0], cv.path.intercepts[0], cv.path.coefficients.col(0)};
        QCOMPARE(cv.lambdaMin.coefficients.cwiseAbs().maxCoeff(), 0.0);
        const RadScore none = radScoreFromLasso(cv, LambdaChoice::Min);
        QVERIFY(none.empty());
        const Eigen::VectorXd scores = none.score(Eigen::MatrixXd(3, 0));
        QCOMPARE(scores.size(), Eigen::Index(3));
        QVERIFY(scores.isZero(0));
        QVERIFY(!radScoreFromLasso(cv, LambdaChoice::OneStandardError).empty());
        QCOMPARE(lambdaChoiceName(LambdaChoice::OneStandardError), std::string("lambda.1se"));
        QVERIFY(lambdaChoiceFromName("1se") == LambdaChoice::OneStandardError);
        QVERIFY_THROWS_EXCEPTION(drs::Error, lambdaChoiceFromName("lambda.2se"));
    }

    void radScoreIsTheInterceptFreeLassoCombination() {
        const Dataset data = drs::testing::cohortDataset("label");
        const CvLasso cv = cvLasso(data, drs::testing::cohortFolds(data, "label").repeats[0]);
        const RadScore score = radScoreFromLasso(cv, LambdaChoice::OneStandardError);
        // glmnet keeps deep_1, deep_10, radscore_tumour and radscore_ring at lambda.1se.
        QCOMPARE(score.featureNames,
                 (std::vector<std::string>{"deep_1", "deep_10", "radscore_tumour", "radscore_ring"}));
        const drs::CsvTable reference = drs::readCsv(drs::testing::statsData("lasso_reference.csv"));
        const auto& row = reference.rows[3];  // thresh 1e-14, lambda.1se
        QCOMPARE(row[1], std::string("lambda.1se"));
        const Eigen::VectorXd mine = score.score(data);
        for (int patient : {0, 100, 354}) {
            double expected = 0;
            for (const auto& name : score.featureNames) {
                const auto column = data.features.col(
                    std::find(data.featureNames.begin(), data.featureNames.end(), name) - data.featureNames.begin());
                const double mean = column.mean();
                const double sd = std::sqrt((column.array() - mean).square().mean());
                expected += drs::parseDouble(row[reference.column(name)], name) * (column[patient] - mean) / sd;
            }
            QVERIFY(std::fabs(mine[patient] - expected) < 1e-4);
        }
    }
    void missingFeatureIsAnError() {
        RadScore s;
        s.featureNames = {"nope"};
        s.weights = Eigen::VectorXd::Ones(1);
        QVERIFY_THROWS_EXCEPTION(drs::Error, s.score(drs::testing::cohortDataset("label")));
    }
};

QTEST_APPLESS_MAIN(TestSelection)
#include "test_selection.moc"
