#pragma once
#include <vector>

#include "core/learn/Classifier.h"

// Random forest as scikit-learn's RandomForestClassifier defines it by default: 100 CART trees,
// Gini impurity, each grown to purity (min_samples_split 2, min_samples_leaf 1) on a bootstrap
// sample (n draws with replacement), floor(sqrt(p)) candidate features per split (more are drawn
// when none of them can split the node), thresholds halfway between neighbouring values, and
// P(1 | x) = mean over trees of the positive share in x's leaf.
// Hand-written rather than taken from a Debian library: OpenCV's RTrees votes instead of
// averaging leaf probabilities and hides the node statistics tree SHAP needs, and xgboost's
// forest mode samples rows without replacement; neither reproduces scikit-learn's model.
namespace drs::learn {

struct TreeNode {
    int feature = -1;      // -1 for a leaf
    double threshold = 0;  // go left when x[feature] <= threshold
    int left = -1, right = -1;
    double cover = 0;          // weighted training samples that reached the node
    double positiveShare = 0;  // weighted share of label 1 at the node
};

struct DecisionTree {
    std::vector<TreeNode> nodes;  // nodes[0] is the root
    double predict(const Eigen::Ref<const Eigen::RowVectorXd>& x) const;
};

class RandomForest : public Classifier {
public:
    explicit RandomForest(const ClassifierOptions& options = {}, int trees = 100)
        : options_(options), treeCount_(trees) {}
    std::string name() const override { return "rf"; }
    void fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) override;
    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override;
    QJsonObject parameters() const override;
    QJsonObject state() const override;
    void load(const QJsonObject& state) override;

    const std::vector<DecisionTree>& trees() const { return trees_; }
    int featureCount() const { return featureCount_; }

private:
    ClassifierOptions options_;
    int treeCount_;
    int featureCount_ = 0;
    std::vector<DecisionTree> trees_;
};

}  // namespace drs::learn
