#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "core/learn/CrossValidation.h"
#include "core/pipeline/Evidence.h"

namespace drs {

// Fills a model's test evidence from its testScores: ROC curve, AUC with DeLong 95% CI, metrics
// at its operating point (testMetrics.threshold, chosen without the test patients), Brier score,
// reliability curve (5 equal-width bins), calibration slope and intercept, and net benefit over
// threshold probabilities 0.01-0.99.
void evaluateOnTest(const std::vector<int>& testLabels, ModelEvidence& model);

// The same evidence from testScores alone, at a given operating threshold (an external cohort
// evaluated at the run's threshold); trainAuc is left as it is.
void evaluateAtThreshold(const std::vector<int>& testLabels, double threshold, ModelEvidence& model);

// The evaluated metrics as the project database stores them (ResultRepository::saveMetrics), for
// the internal test set and for an external cohort alike.
std::vector<std::pair<std::string, double>> storedTestMetrics(const ModelEvidence& model);

// SHAP values of a fitted model's probability for `explained` rows (raw features, columns named
// by `names`), against at most `backgroundRows` evenly spaced rows of `background`.
ShapSummary explainModel(const learn::FittedModel& model, const std::vector<std::string>& names,
                         const Eigen::MatrixXd& background, const Eigen::MatrixXd& explained, int backgroundRows,
                         unsigned long seed);

}  // namespace drs
