#pragma once
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <QJsonObject>

// The classifier panel: one small interface over seven models with scikit-learn's defaults.
// Inputs are already scaled (the caller z-scores inside each training fold); labels are 0/1.
namespace drs::learn {

struct ClassifierOptions {
    unsigned long seed = 0;  // for the models that draw random numbers (svm Platt folds, rf, mlp)
    // Reweight classes by n / (2 n_class) (scikit-learn's class_weight = "balanced"); honoured by
    // svm, rf and lr, the panel members whose scikit-learn counterparts accept class weights.
    bool balancedClassWeights = false;
};

class Classifier {
public:
    virtual ~Classifier() = default;
    // Short panel name: svm, knn, rf, nb, lr, mlp, lda.
    virtual std::string name() const = 0;
    // Throws Error on a single class, mismatched sizes or non-finite values.
    virtual void fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) = 0;
    // P(label = 1) per row; throws Error before fit or with the wrong number of columns.
    virtual Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const = 0;
    // Hyper-parameters (JSON object), as saved with results for provenance.
    virtual QJsonObject parameters() const = 0;
    // Fitted state as JSON; load() restores a model that predicts identically.
    virtual QJsonObject state() const = 0;
    virtual void load(const QJsonObject& state) = 0;

    // {"classifier", "parameters", "state"} as compact JSON text, and back.
    std::string save() const;
};

const std::vector<std::string>& panelClassifierNames();
// Throws Error for an unknown name, listing the valid ones.
std::unique_ptr<Classifier> makeClassifier(const std::string& name, const ClassifierOptions& options = {});
std::unique_ptr<Classifier> loadClassifier(const std::string& savedJson);

// Shared input checks of fit(): sizes, finite values, 0/1 labels with both classes present.
void checkTrainingData(const Eigen::MatrixXd& x, const std::vector<int>& labels, const std::string& who);
// Per-row sample weights: 1, or n / (2 n_class) when balanced.
Eigen::VectorXd classWeights(const std::vector<int>& labels, bool balanced);

// JSON helpers for the state of the models (row-major nested arrays; doubles round-trip exactly).
QJsonValue toJson(const Eigen::MatrixXd& m);
QJsonValue toJson(const Eigen::VectorXd& v);
Eigen::MatrixXd matrixFromJson(const QJsonValue& value, const std::string& what);
Eigen::VectorXd vectorFromJson(const QJsonValue& value, const std::string& what);

}  // namespace drs::learn
