#pragma once
#include <functional>
#include <vector>

#include <Eigen/Dense>

#include "core/learn/Classifier.h"
#include "core/learn/RandomForest.h"

// SHAP values (Lundberg & Lee 2017): per row, feature contributions phi_i whose sum equals the
// model output at the row minus the baseline (the efficiency property).
namespace drs::explain {

// The model as a batch function: rows of features -> one output per row.
using ModelFunction = std::function<Eigen::VectorXd(const Eigen::MatrixXd&)>;

struct ShapValues {
    Eigen::MatrixXd values;   // rows x features
    Eigen::VectorXd outputs;  // model output per explained row
    double baseline = 0;      // expected output the contributions start from
};

// Exact Shapley values of the interventional value function
//   v(S) = mean over background rows b of f(x_S, b_not-S),
// summed over all 2^p coalitions (p <= 14). baseline = mean f(background). Cost: 2^p x |background|
// model evaluations per row, so keep the background small (tens of rows).
ShapValues exactShap(const ModelFunction& model, const Eigen::MatrixXd& rows, const Eigen::MatrixXd& background);

// Kernel SHAP: the same value function, Shapley values estimated by the Shapley-kernel weighted
// least-squares fit over `coalitions` sampled coalitions, with efficiency imposed exactly.
ShapValues kernelShap(const ModelFunction& model, const Eigen::MatrixXd& rows, const Eigen::MatrixXd& background,
                      int coalitions, unsigned long seed);

// Tree SHAP (Lundberg et al. 2020, path-dependent algorithm) for the forest's probability: exact
// Shapley values of v(S) = E[f(x) | x_S] where the expectation follows the training covers at
// splits on features outside S. baseline = cover-weighted mean leaf value over the trees.
ShapValues treeShap(const learn::RandomForest& forest, const Eigen::MatrixXd& rows);

// Probability SHAP for any panel member: tree SHAP for the forest, exact for <= 14 features,
// kernel SHAP (2048 coalitions) beyond.
ShapValues explainClassifier(const learn::Classifier& model, const Eigen::MatrixXd& rows,
                             const Eigen::MatrixXd& background, unsigned long seed = 0);

// mean |phi_i| per feature, and feature indices ordered by it (largest first).
Eigen::VectorXd meanAbsoluteShap(const ShapValues& shap);
std::vector<int> rankByMeanAbsoluteShap(const ShapValues& shap);

}  // namespace drs::explain
