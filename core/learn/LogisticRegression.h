#pragma once
#include "core/learn/Classifier.h"

namespace drs::learn {

// L2-penalised logistic regression as scikit-learn's LogisticRegression(C = 1) with the lbfgs
// solver defines it: minimise 0.5 |w|^2 + C sum_i s_i logloss_i with an unpenalised intercept
// (s_i = class weights). Solved by Newton's method to the exact optimum (the objective is smooth
// and strictly convex; p is small), where lbfgs stops at its tolerance.
class LogisticRegression : public Classifier {
public:
    explicit LogisticRegression(const ClassifierOptions& options = {}, double inverseRegularisation = 1.0)
        : options_(options), c_(inverseRegularisation) {}
    std::string name() const override { return "lr"; }
    void fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) override;
    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override;
    Eigen::VectorXd decisionFunction(const Eigen::MatrixXd& x) const;
    QJsonObject parameters() const override;
    QJsonObject state() const override;
    void load(const QJsonObject& state) override;

    const Eigen::VectorXd& coefficients() const { return weights_; }
    double intercept() const { return intercept_; }

private:
    ClassifierOptions options_;
    double c_;
    Eigen::VectorXd weights_;
    double intercept_ = 0;
};

}  // namespace drs::learn
