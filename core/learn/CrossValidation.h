#pragma once
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/learn/Classifier.h"
#include "core/learn/Folds.h"
#include "core/learn/Scaler.h"
#include "core/util/Progress.h"

namespace drs::learn {

struct PanelCvOptions {
    std::vector<std::string> classifiers = panelClassifierNames();
    // seed of a randomised model in a fold = classifier.seed + repeat * folds + fold
    ClassifierOptions classifier;
    int threads = 0;  // 0: one per hardware thread
};

struct ClassifierCvResult {
    std::string name;
    std::vector<double> foldAucs;  // repeat-major: repeat r, fold f at r * folds + f
    double meanAuc = 0;
    double sdAuc = 0;  // sample SD (n - 1) over all folds of all repeats
};

struct PanelCvResult {
    std::vector<ClassifierCvResult> classifiers;  // in the order asked for
    std::string best;                             // highest mean AUC (first listed wins a tie)
    double prevalence = 0;                        // share of label 1
    int fewestTestPositives = 0;                  // smallest count of positives in a test fold
};

// Repeated stratified cross-validation of the panel without leakage: in every fold the z-score
// is fitted on the training rows only, each classifier is fitted on them and scored by AUC on
// the held-out rows. x holds raw (unscaled) features. Runs folds in parallel; progress may be null.
PanelCvResult crossValidatePanel(const Eigen::MatrixXd& x, const std::vector<int>& labels, const RepeatedFolds& folds,
                                 const PanelCvOptions& options = {}, Progress* progress = nullptr);

// One fold of the panel: the z-score fitted on xTrain, each classifier fitted on the scaled rows
// and its P(label = 1) for the held-out rows (raw features), in the order of `classifiers`.
std::vector<Eigen::VectorXd> panelFoldProbabilities(const Eigen::MatrixXd& xTrain, const std::vector<int>& trainLabels,
                                                    const Eigen::MatrixXd& xHeldOut,
                                                    const std::vector<std::string>& classifiers,
                                                    const ClassifierOptions& options);

// Mean and sample SD of each classifier's fold AUCs (foldAucs filled in; NaN, a fold without an
// AUC, left out), and the best mean.
void summarisePanel(PanelCvResult& result);

// A scaler and a classifier fitted together on raw training features.
struct FittedModel {
    ZScore scaler;
    std::unique_ptr<Classifier> classifier;
    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& rawFeatures) const;
};
// Refit of a chosen panel member on all training rows (for the one evaluation on the test set).
FittedModel fitModel(const std::string& classifier, const Eigen::MatrixXd& x, const std::vector<int>& labels,
                     const ClassifierOptions& options = {});

}  // namespace drs::learn
