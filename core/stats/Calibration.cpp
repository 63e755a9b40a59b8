#include "core/stats/Calibration.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

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

// Twice minus the log-likelihood of 0/1 outcomes y under logit P(y = 1) = eta, without overflow
// for the logits of 1 - 1e-13 that a random forest or an SVM gives.
double deviance(const Eigen::VectorXd& y, const Eigen::VectorXd& eta) {
    double sum = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        sum += std::log1p(std::exp(-std::fabs(eta[i]))) + std::max(eta[i], 0.0) - y[i] * eta[i];
    return 2 * sum;
}

// Maximum likelihood of logit P(y = 1) = offset + design * theta: Newton-Raphson, each step halved
// until the deviance does not rise (glm's safeguard; a full Newton step from extreme logits can
// overshoot and diverge). The caller makes sure the estimate exists (no separation).
Eigen::VectorXd fitLogistic(const Eigen::MatrixXd& design, const Eigen::VectorXd& offset, const Eigen::VectorXd& y,
                            Eigen::VectorXd theta) {
    double current = deviance(y, offset + design * theta);
    for (int iteration = 0; iteration < 200; ++iteration) {
        const Eigen::VectorXd eta = offset + design * theta;
        Eigen::VectorXd residual(y.size()), weight(y.size());
        for (Eigen::Index i = 0; i < y.size(); ++i) {
            const double p = logistic(eta[i]);
            residual[i] = y[i] - p;
            weight[i] = p * (1 - p);
        }
        const Eigen::MatrixXd information = design.transpose() * weight.asDiagonal() * design;
        Eigen::VectorXd step = information.ldlt().solve(design.transpose() * residual);
        if (!step.allFinite()) break;
        if (step.cwiseAbs().maxCoeff() < 1e-11) return theta + step;
        double next = deviance(y, offset + design * (theta + step));
        for (int halving = 0; halving < 60 && next > current + 1e-12 * std::fabs(current); ++halving) {
            step /= 2;
            next = deviance(y, offset + design * (theta + step));
        }
        // Near the optimum the deviance stops changing in double precision before the step is
        // below 1e-11 (outcomes at logits of +-30 weigh 1e-13 in the information): the Newton step
        // is then the last correction there is.
        if (next >= current && step.cwiseAbs().maxCoeff() < 1e-6) return theta + step;
        current = std::min(current, next);
        theta += step;
    }
    throw Error("calibrationSlopeIntercept: the logistic recalibration did not converge");
}

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
    // The slope's maximum-likelihood estimate is infinite when the logits separate the classes
    // (the test AUC is 1 or 0, ties at the border included) and undefined when they are all equal.
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    std::array<double, 2> lowest{kInfinity, kInfinity}, highest{-kInfinity, -kInfinity};  // by class
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto label = static_cast<std::size_t>(y[i] > 0);
        lowest[label] = std::min(lowest[label], logit[i]);
        highest[label] = std::max(highest[label], logit[i]);
    }
    const bool separated = highest[0] <= lowest[1] || highest[1] <= lowest[0];
    if (separated) {
        fit.slope = std::numeric_limits<double>::quiet_NaN();
    } else {
        Eigen::MatrixXd design(n, 2);
        design.col(0).setOnes();
        design.col(1) = logit;
        const double prevalence = y.mean();
        fit.slope = fitLogistic(design, Eigen::VectorXd::Zero(n), y,
                                Eigen::Vector2d(std::log(prevalence / (1 - prevalence)), 0.0))[1];
    }
    // Calibration-in-the-large: the intercept with the logit as offset (slope fixed at 1).
    fit.intercept = fitLogistic(Eigen::MatrixXd::Ones(n, 1), logit, y, Eigen::VectorXd::Zero(1))[0];
    return fit;
}

}  // namespace drs::stats
