#include "core/stats/Calibration.h"

#include <cmath>

#include <Eigen/Dense>

#include "core/stats/Roc.h"
#include "core/util/Error.h"

namespace drs::stats {
namespace {

void checkProbabilities(const std::vector<int>& labels, const std::vector<double>& probabilities, const char* who) {
    checkBinaryScores(labels, probabilities, who);
    for (double p : probabilities)
        if (p < 0 || p > 1) throw Error(std::string(who) + ": probabilities must lie in [0, 1]");
}

double logistic(double eta) { return 1.0 / (1.0 + std::exp(-eta)); }

}  // namespace

double brierScore(const std::vector<int>& labels, const std::vector<double>& probabilities) {
    checkProbabilities(labels, probabilities, "brierScore");
    double sum = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        sum += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
    return sum / static_cast<double>(labels.size());
}

std::vector<ReliabilityBin> reliabilityCurve(const std::vector<int>& labels, const std::vector<double>& probabilities,
                                             int bins) {
    checkProbabilities(labels, probabilities, "reliabilityCurve");
    if (bins < 1) throw Error("reliabilityCurve: needs at least one bin");
    std::vector<double> sumPredicted(static_cast<std::size_t>(bins), 0.0),
        sumObserved(static_cast<std::size_t>(bins), 0.0);
    std::vector<int> count(static_cast<std::size_t>(bins), 0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        // Index of the first inner edge k / bins that is >= p (right-closed bins).
        int bin = 0;
        while (bin < bins - 1 && probabilities[i] > static_cast<double>(bin + 1) / bins) ++bin;
        sumPredicted[static_cast<std::size_t>(bin)] += probabilities[i];
        sumObserved[static_cast<std::size_t>(bin)] += labels[i];
        ++count[static_cast<std::size_t>(bin)];
    }
    std::vector<ReliabilityBin> curve;
    for (std::size_t b = 0; b < count.size(); ++b)
        if (count[b] > 0) curve.push_back({sumPredicted[b] / count[b], sumObserved[b] / count[b], count[b]});
    return curve;
}

CalibrationFit calibrationSlopeIntercept(const std::vector<int>& labels, const std::vector<double>& probabilities) {
    checkProbabilities(labels, probabilities, "calibrationSlopeIntercept");
    const auto n = static_cast<Eigen::Index>(labels.size());
    Eigen::VectorXd logit(n);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double p = probabilities[static_cast<std::size_t>(i)];
        if (p <= 0 || p >= 1) throw Error("calibrationSlopeIntercept: probabilities of exactly 0 or 1 have no logit");
        logit[i] = std::log(p / (1 - p));
        y[i] = labels[static_cast<std::size_t>(i)];
    }
    CalibrationFit fit;
    // Slope: Newton-Raphson for (a, b) of y ~ a + b logit.
    Eigen::Vector2d theta(0.0, 1.0);
    for (int iteration = 0; iteration < 100; ++iteration) {
        Eigen::Vector2d gradient = Eigen::Vector2d::Zero();
        Eigen::Matrix2d information = Eigen::Matrix2d::Zero();
        for (Eigen::Index i = 0; i < n; ++i) {
            const Eigen::Vector2d row(1.0, logit[i]);
            const double p = logistic(theta.dot(row));
            gradient += (y[i] - p) * row;
            information += p * (1 - p) * row * row.transpose();
        }
        const Eigen::Vector2d step = information.ldlt().solve(gradient);
        theta += step;
        if (step.cwiseAbs().maxCoeff() < 1e-13) break;
    }
    fit.slope = theta[1];
    // Intercept with the slope fixed at 1 (logit as offset).
    double a = 0;
    for (int iteration = 0; iteration < 100; ++iteration) {
        double gradient = 0, information = 0;
        for (Eigen::Index i = 0; i < n; ++i) {
            const double p = logistic(a + logit[i]);
            gradient += y[i] - p;
            information += p * (1 - p);
        }
        const double step = gradient / information;
        a += step;
        if (std::fabs(step) < 1e-14) break;
    }
    fit.intercept = a;
    return fit;
}

}  // namespace drs::stats
