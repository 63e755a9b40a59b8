#include "core/learn/LogisticRegression.h"

#include <cmath>

#include "core/util/Error.h"

namespace drs::learn {
namespace {

double logistic(double eta) { return 1.0 / (1.0 + std::exp(-eta)); }

double logLoss(double eta, int y) {
    // log(1 + e^eta) - y eta without overflow
    return (eta > 0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta))) - y * eta;
}

}  // namespace

void LogisticRegression::fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) {
    checkTrainingData(x, labels, "lr");
    const Eigen::Index n = x.rows();
    const Eigen::Index p = x.cols();
    const Eigen::VectorXd s = classWeights(labels, options_.balancedClassWeights) * c_;
    // Parameters theta = (w, b); design with a column of ones for the intercept.
    Eigen::MatrixXd design(n, p + 1);
    design << x, Eigen::VectorXd::Ones(n);
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(p + 1);
    const auto objective = [&](const Eigen::VectorXd& t) {
        const Eigen::VectorXd eta = design * t;
        double sum = 0.5 * t.head(p).squaredNorm();
        for (Eigen::Index i = 0; i < n; ++i) sum += s[i] * logLoss(eta[i], labels[static_cast<std::size_t>(i)]);
        return sum;
    };
    double current = objective(theta);
    for (int iteration = 0; iteration < 100; ++iteration) {
        const Eigen::VectorXd eta = design * theta;
        Eigen::VectorXd residual(n);
        Eigen::VectorXd curvature(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            const double prob = logistic(eta[i]);
            residual[i] = s[i] * (prob - labels[static_cast<std::size_t>(i)]);
            curvature[i] = s[i] * prob * (1 - prob);
        }
        Eigen::VectorXd gradient = design.transpose() * residual;
        gradient.head(p) += theta.head(p);
        Eigen::MatrixXd hessian = design.transpose() * curvature.asDiagonal() * design;
        hessian.topLeftCorner(p, p).diagonal().array() += 1.0;
        const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
        double scale = 1.0;
        double candidate = objective(theta - step);
        while (candidate > current && scale > 1e-10) {  // damped Newton when far from the optimum
            scale *= 0.5;
            candidate = objective(theta - scale * step);
        }
        theta -= scale * step;
        current = candidate;
        if ((scale * step).cwiseAbs().maxCoeff() < 1e-13 || gradient.cwiseAbs().maxCoeff() < 1e-12) break;
    }
    weights_ = theta.head(p);
    intercept_ = theta[p];
}

Eigen::VectorXd LogisticRegression::decisionFunction(const Eigen::MatrixXd& x) const {
    if (weights_.size() == 0) throw Error("lr: predict before fit");
    if (x.cols() != weights_.size()) throw Error("lr: wrong number of features");
    return (x * weights_).array() + intercept_;
}

Eigen::VectorXd LogisticRegression::predictProbability(const Eigen::MatrixXd& x) const {
    return decisionFunction(x).unaryExpr([](double eta) { return logistic(eta); });
}

QJsonObject LogisticRegression::parameters() const {
    return {{"penalty", "l2"}, {"C", c_}, {"class_weight", options_.balancedClassWeights ? "balanced" : "none"}};
}

QJsonObject LogisticRegression::state() const {
    return {{"coefficients", toJson(weights_)}, {"intercept", intercept_}};
}

void LogisticRegression::load(const QJsonObject& state) {
    weights_ = vectorFromJson(state["coefficients"], "coefficients");
    intercept_ = state["intercept"].toDouble();
}

}  // namespace drs::learn
