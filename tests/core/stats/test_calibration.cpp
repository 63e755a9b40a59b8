#include <QtTest>

#include <cmath>

#include "core/stats/Calibration.h"
#include "core/stats/DecisionCurve.h"
#include "core/util/Error.h"
#include "tests/core/stats/ReferenceValues.h"

using namespace drs::stats;

// Brier score and reliability curve against scikit-learn 1.2.1, calibration slope / intercept
// against R's glm and closed forms, net benefit against the definition worked by hand.
class TestCalibration : public QObject {
    Q_OBJECT
    drs::testing::Cohort cohort_;

private slots:
    void brierAndReliabilityMatchScikitLearn() {
        const drs::testing::ReferenceValues sk("sklearn_calibration.csv");
        const auto y = cohort_.labels("label");
        const auto p = cohort_.numbers("score_a");
        QVERIFY(std::fabs(brierScore(y, p) - sk.number("brier")) < 1e-12);
        const auto curve = reliabilityCurve(y, p, 10);
        QCOMPARE(static_cast<double>(curve.size()), sk.number("bins"));
        for (std::size_t k = 0; k < curve.size(); ++k) {
            QVERIFY(std::fabs(curve[k].observedFraction - sk.number("observed." + std::to_string(k))) < 1e-12);
            QVERIFY(std::fabs(curve[k].meanPredicted - sk.number("predicted." + std::to_string(k))) < 1e-12);
        }
    }
    void slopeAndInterceptMatchGlm() {
        const drs::testing::ReferenceValues r("reference_r.csv");
        const CalibrationFit fit = calibrationSlopeIntercept(cohort_.labels("label"), cohort_.numbers("score_a"));
        QVERIFY(std::fabs(fit.slope - r.number("calibration.slope")) < 1e-8);
        QVERIFY(std::fabs(fit.intercept - r.number("calibration.intercept")) < 1e-8);
    }
    void slopeFromExtremeLogitsInClosedForm() {
        // Two groups of predictions with logits x0 and x1 (as a random forest's 1e-6 and an SVM's
        // 1 - 1e-13) and observed fractions f0, f1: the fitted line passes through both groups, so
        // b = (logit f1 - logit f0) / (x1 - x0). A full Newton step from these logits diverges.
        const auto logit = [](double p) { return std::log(p / (1 - p)); };
        std::vector<int> y;
        std::vector<double> p;
        for (int i = 0; i < 40; ++i) {
            y.push_back(i % 4 == 0 ? 1 : 0);  // f0 = 1/4
            p.push_back(1e-6);
            y.push_back(i % 4 == 0 ? 0 : 1);  // f1 = 3/4
            p.push_back(1 - 1e-13);
        }
        const double slope = (logit(0.75) - logit(0.25)) / (logit(1 - 1e-13) - logit(1e-6));
        const CalibrationFit fit = calibrationSlopeIntercept(y, p);
        QVERIFY2(std::fabs(fit.slope - slope) < 1e-9, qPrintable(QString::number(fit.slope, 'g', 17)));
        QVERIFY(std::isfinite(fit.intercept));
    }
    void slopeIsNaNWithoutAnEstimate() {
        // Logits that separate the classes (test AUC 1): no finite slope; the intercept exists.
        const std::vector<int> y{0, 0, 0, 1, 1, 1};
        const CalibrationFit separated = calibrationSlopeIntercept(y, {0.1, 0.2, 0.3, 0.3, 0.8, 0.9});
        QVERIFY(std::isnan(separated.slope));
        QVERIFY(std::isfinite(separated.intercept));
        // Equal predictions: no slope; the intercept shifts logit 0.3 onto the observed logit 0.4.
        const std::vector<int> some{1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        const CalibrationFit constant = calibrationSlopeIntercept(some, std::vector<double>(10, 0.3));
        QVERIFY(std::isnan(constant.slope));
        QVERIFY(std::fabs(constant.intercept - (std::log(0.4 / 0.6) - std::log(0.3 / 0.7))) < 1e-12);
    }
    void netBenefitByHand() {
        // 10 patients, 4 positive. At p_t = 0.2 (odds 1/4): treated = p >= 0.2 -> TP 3, FP 2:
        // NB = 3/10 - 2/10 / 4 = 0.25; treat all: 0.4 - 0.6 / 4 = 0.25.
        const std::vector<int> y{1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        const std::vector<double> p{0.9, 0.5, 0.2, 0.1, 0.6, 0.3, 0.1, 0.05, 0.05, 0.01};
        const auto curve = decisionCurve(y, p, {0.2, 0.5});
        QVERIFY(std::fabs(curve[0].model - 0.25) < 1e-15);
        QVERIFY(std::fabs(curve[0].treatAll - 0.25) < 1e-15);
        // p_t = 0.5 (odds 1): TP 2, FP 1 -> 0.1; treat all 0.4 - 0.6 = -0.2.
        QVERIFY(std::fabs(curve[1].model - 0.1) < 1e-15);
        QVERIFY(std::fabs(curve[1].treatAll + 0.2) < 1e-15);
        QVERIFY_THROWS_EXCEPTION(drs::Error, decisionCurve(y, p, {1.0}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, calibrationSlopeIntercept(y, std::vector<double>(10, 1.0)));
    }
};

QTEST_APPLESS_MAIN(TestCalibration)
#include "test_calibration.moc"
