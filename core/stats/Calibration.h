#pragma once
#include <vector>

// Calibration of predicted probabilities against 0/1 outcomes.
namespace drs::stats {

// Brier score: mean (p - y)^2.
double brierScore(const std::vector<int>& labels, const std::vector<double>& probabilities);

struct ReliabilityBin {
    double meanPredicted = 0;
    double observedFraction = 0;
    int count = 0;
};
// Reliability curve with `bins` equal-width bins on [0, 1], right-closed ((0.1, 0.2] ...; the
// first bin also holds 0), empty bins left out (scikit-learn's calibration_curve, "uniform").
std::vector<ReliabilityBin> reliabilityCurve(const std::vector<int>& labels, const std::vector<double>& probabilities,
                                             int bins = 10);

struct CalibrationFit {
    double slope = 0;      // b of logit P(y = 1) = a + b logit(p); NaN when the logits separate the classes
    double intercept = 0;  // a of logit P(y = 1) = a + logit(p) (calibration-in-the-large, slope fixed at 1)
};
// Maximum-likelihood logistic recalibration (Cox 1958); R: glm(y ~ qlogis(p), binomial) for the
// slope and glm(y ~ offset(qlogis(p)), binomial) for the intercept. Probabilities must lie in (0, 1).
// Where glm warns of fitted probabilities 0 or 1 and reports a huge slope (test AUC 1 or 0: no
// finite estimate), the slope is NaN.
CalibrationFit calibrationSlopeIntercept(const std::vector<int>& labels, const std::vector<double>& probabilities);

}  // namespace drs::stats
