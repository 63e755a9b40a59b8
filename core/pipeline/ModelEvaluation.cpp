#include "core/pipeline/ModelEvaluation.h"

#include <algorithm>
#include <cmath>

#include "core/explain/Shap.h"
#include "core/stats/Calibration.h"
#include "core/stats/DecisionCurve.h"
#include "core/stats/Roc.h"

namespace drs {

void evaluateOnTest(const std::vector<int>& testLabels, ModelEvidence& model) {
    evaluateAtThreshold(testLabels, model.testMetrics.threshold, model);
}

std::vector<std::pair<std::string, double>> storedTestMetrics(const ModelEvidence& model) {
    const auto& t = model.testMetrics;
    return {{"auc", model.testAuc},
            {"auc_ci_low", model.testAucCiLow},
            {"auc_ci_high", model.testAucCiHigh},
            {"accuracy", t.accuracy},
            {"sensitivity", t.recall},
            {"specificity", t.specificity},
            {"ppv", t.precision},
            {"npv", t.npv},
            {"f1", t.f1},
            {"threshold", t.threshold},
            {"brier", model.brier},
            {"calibration_slope", model.calibrationSlope},
            {"calibration_intercept", model.calibrationIntercept}};
}

void evaluateAtThreshold(const std::vector<int>& testLabels, double threshold, ModelEvidence& model) {
    const auto ci = stats::delongCi(testLabels, model.testScores);
    model.testAuc = ci.auc;
    model.testAucCiLow = ci.ciLow;
    model.testAucCiHigh = ci.ciHigh;
    model.testRoc.clear();
    for (const auto& point : stats::rocCurve(testLabels, model.testScores))
        model.testRoc.push_back({point.falsePositiveRate, point.truePositiveRate});

    const auto metrics = stats::metricsAtThreshold(testLabels, model.testScores, threshold);
    model.testMetrics = {threshold,  metrics.accuracy,    metrics.precision, metrics.recall,
                         metrics.f1, metrics.specificity, metrics.npv};

    model.brier = stats::brierScore(testLabels, model.testScores);
    // Recalibration needs probabilities strictly inside (0, 1); a classifier that outputs hard 0/1
    // (e.g. KNN at k neighbours of one class) is nudged by 1e-6, which changes nothing else.
    std::vector<double> clipped(model.testScores);
    for (double& p : clipped) p = std::clamp(p, 1e-6, 1 - 1e-6);
    const auto calibration = stats::calibrationSlopeIntercept(testLabels, clipped);
    model.calibrationSlope = calibration.slope;
    model.calibrationIntercept = calibration.intercept;
    model.reliability.clear();
    for (const auto& bin : stats::reliabilityCurve(testLabels, model.testScores, 5))
        model.reliability.push_back({bin.meanPredicted, bin.observedFraction});
    std::vector<double> thresholds;
    for (int t = 1; t <= 99; ++t) thresholds.push_back(t / 100.0);
    model.netBenefit.clear();
    for (const auto& point : stats::decisionCurve(testLabels, model.testScores, thresholds))
        model.netBenefit.push_back({point.threshold, point.model});
}

ShapSummary explainModel(const learn::FittedModel& model, const std::vector<std::string>& names,
                         const Eigen::MatrixXd& background, const Eigen::MatrixXd& explained, int backgroundRows,
                         unsigned long seed) {
    const Eigen::Index rows = std::min<Eigen::Index>(background.rows(), std::max(1, backgroundRows));
    Eigen::MatrixXd sample(rows, background.cols());
    for (Eigen::Index i = 0; i < rows; ++i) sample.row(i) = background.row(i * background.rows() / rows);
    const auto shap =
        explain::explainClassifier(*model.classifier, model.scaler.apply(explained), model.scaler.apply(sample), seed);
    ShapSummary summary;
    summary.features = names;
    summary.baseline = shap.baseline;
    const Eigen::VectorXd meanAbs = explain::meanAbsoluteShap(shap);
    summary.meanAbs.assign(meanAbs.data(), meanAbs.data() + meanAbs.size());
    for (Eigen::Index i = 0; i < shap.values.rows(); ++i) {
        std::vector<double> values, inputs;
        for (Eigen::Index j = 0; j < explained.cols(); ++j) {
            values.push_back(shap.values(i, j));
            inputs.push_back(explained(i, j));
        }
        summary.values.push_back(std::move(values));
        summary.featureValues.push_back(std::move(inputs));
    }
    return summary;
}

}  // namespace drs
