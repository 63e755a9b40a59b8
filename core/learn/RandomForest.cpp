#include "core/learn/RandomForest.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <QJsonArray>

#include "core/util/Error.h"
#include "core/util/PortableRandom.h"

namespace drs::learn {
namespace {

struct Sample {
    int row;
    double weight;
};

class TreeGrower {
public:
    TreeGrower(const Eigen::MatrixXd& x, const std::vector<int>& labels, int candidates, std::mt19937_64& random)
        : x_(x),
          labels_(labels),
          candidates_(candidates),
          random_(random),
          features_(static_cast<std::size_t>(x.cols())) {
        std::iota(features_.begin(), features_.end(), 0);
    }

    DecisionTree grow(std::vector<Sample> samples) {
        DecisionTree tree;
        tree.nodes.emplace_back();
        split(tree, 0, samples);
        return tree;
    }

private:
    struct Best {
        int feature = -1;
        double threshold = 0;
        double impurity = std::numeric_limits<double>::infinity();  // weighted child Gini sum
    };

    static double gini(double positive, double total) {
        const double share = positive / total;
        return 1.0 - share * share - (1 - share) * (1 - share);
    }

    void split(DecisionTree& tree, int nodeIndex, std::vector<Sample>& samples) {
        double total = 0, positive = 0;
        for (const Sample& s : samples) {
            total += s.weight;
            positive += s.weight * labels_[static_cast<std::size_t>(s.row)];
        }
        tree.nodes[static_cast<std::size_t>(nodeIndex)].cover = total;
        tree.nodes[static_cast<std::size_t>(nodeIndex)].positiveShare = positive / total;
        if (samples.size() < 2 || positive == 0 || positive == total) return;

        // Visit features in random order; stop after `candidates_` features once a valid split exists.
        shuffle(features_, random_);
        Best best;
        int visited = 0;
        for (int feature : features_) {
            if (visited >= candidates_ && best.feature >= 0) break;
            ++visited;
            // Sort (value, weight, positive weight) triples: contiguous data sorts much faster
            // than samples compared through the feature matrix.
            sorted_.clear();
            for (const Sample& s : samples)
                sorted_.push_back({x_(s.row, feature), s.weight, s.weight * labels_[static_cast<std::size_t>(s.row)]});
            std::sort(sorted_.begin(), sorted_.end(), [](const Point& a, const Point& b) { return a.value < b.value; });
            double leftTotal = 0, leftPositive = 0;
            for (std::size_t k = 0; k + 1 < sorted_.size(); ++k) {
                leftTotal += sorted_[k].weight;
                leftPositive += sorted_[k].positiveWeight;
                const double here = sorted_[k].value;
                const double next = sorted_[k + 1].value;
                if (next <= here) continue;
                const double rightTotal = total - leftTotal;
                const double impurity =
                    leftTotal * gini(leftPositive, leftTotal) + rightTotal * gini(positive - leftPositive, rightTotal);
                if (impurity < best.impurity) {
                    best.impurity = impurity;
                    best.feature = feature;
                    best.threshold = 0.5 * (here + next);
                    if (best.threshold == next) best.threshold = here;  // halfway rounded up onto `next`
                }
            }
        }
        if (best.feature < 0) return;  // every feature constant here: a leaf
        std::vector<Sample> left, right;
        for (const Sample& s : samples) (x_(s.row, best.feature) <= best.threshold ? left : right).push_back(s);
        const int leftIndex = static_cast<int>(tree.nodes.size());
        tree.nodes.emplace_back();
        const int rightIndex = static_cast<int>(tree.nodes.size());
        tree.nodes.emplace_back();
        TreeNode& node = tree.nodes[static_cast<std::size_t>(nodeIndex)];
        node.feature = best.feature;
        node.threshold = best.threshold;
        node.left = leftIndex;
        node.right = rightIndex;
        samples.clear();
        samples.shrink_to_fit();
        split(tree, leftIndex, left);
        split(tree, rightIndex, right);
    }

    struct Point {
        double value;
        double weight;
        double positiveWeight;
    };

    const Eigen::MatrixXd& x_;
    const std::vector<int>& labels_;
    int candidates_;
    std::mt19937_64& random_;
    std::vector<int> features_;
    std::vector<Point> sorted_;  // scratch, reused by every node
};

}  // namespace

double DecisionTree::predict(const Eigen::Ref<const Eigen::RowVectorXd>& x) const {
    int index = 0;
    while (nodes[static_cast<std::size_t>(index)].feature >= 0) {
        const TreeNode& node = nodes[static_cast<std::size_t>(index)];
        index = x[node.feature] <= node.threshold ? node.left : node.right;
    }
    return nodes[static_cast<std::size_t>(index)].positiveShare;
}

void RandomForest::fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) {
    checkTrainingData(x, labels, "rf");
    featureCount_ = static_cast<int>(x.cols());
    const int candidates = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(x.cols()))));
    const Eigen::VectorXd classWeight = classWeights(labels, options_.balancedClassWeights);
    std::mt19937_64 random(options_.seed);
    TreeGrower grower(x, labels, candidates, random);
    const auto n = static_cast<int>(x.rows());
    trees_.clear();
    std::vector<double> counts(static_cast<std::size_t>(n));
    for (int t = 0; t < treeCount_; ++t) {
        std::fill(counts.begin(), counts.end(), 0.0);
        for (int k = 0; k < n; ++k) counts[uniformIndex(random, static_cast<std::uint64_t>(n))] += 1;
        std::vector<Sample> samples;
        for (int row = 0; row < n; ++row)
            if (counts[static_cast<std::size_t>(row)] > 0)
                samples.push_back({row, counts[static_cast<std::size_t>(row)] * classWeight[row]});
        trees_.push_back(grower.grow(std::move(samples)));
    }
}

Eigen::VectorXd RandomForest::predictProbability(const Eigen::MatrixXd& x) const {
    if (trees_.empty()) throw Error("rf: predict before fit");
    if (x.cols() != featureCount_) throw Error("rf: wrong number of features");
    Eigen::VectorXd out = Eigen::VectorXd::Zero(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        for (const DecisionTree& tree : trees_) out[i] += tree.predict(x.row(i));
        out[i] /= static_cast<double>(trees_.size());
    }
    return out;
}

QJsonObject RandomForest::parameters() const {
    return {{"n_estimators", treeCount_},
            {"criterion", "gini"},
            {"max_features", "sqrt"},
            {"bootstrap", true},
            {"seed", static_cast<double>(options_.seed)},
            {"class_weight", options_.balancedClassWeights ? "balanced" : "none"}};
}

QJsonObject RandomForest::state() const {
    QJsonArray trees;
    for (const DecisionTree& tree : trees_) {
        // One flat array per tree: feature, threshold, left, right, cover, positiveShare per node.
        QJsonArray flat;
        for (const TreeNode& n : tree.nodes) {
            for (double v : {static_cast<double>(n.feature), n.threshold, static_cast<double>(n.left),
                             static_cast<double>(n.right), n.cover, n.positiveShare})
                flat.append(v);
        }
        trees.append(flat);
    }
    return {{"features", featureCount_}, {"trees", trees}};
}

void RandomForest::load(const QJsonObject& state) {
    featureCount_ = state["features"].toInt();
    trees_.clear();
    for (const QJsonValue& value : state["trees"].toArray()) {
        const QJsonArray flat = value.toArray();
        if (flat.isEmpty() || flat.size() % 6 != 0) throw Error("saved classifier: a forest tree is malformed");
        DecisionTree tree;
        for (qsizetype k = 0; k < flat.size(); k += 6) {
            TreeNode n;
            n.feature = flat[k].toInt();
            n.threshold = flat[k + 1].toDouble();
            n.left = flat[k + 2].toInt();
            n.right = flat[k + 3].toInt();
            n.cover = flat[k + 4].toDouble();
            n.positiveShare = flat[k + 5].toDouble();
            tree.nodes.push_back(n);
        }
        const auto size = static_cast<int>(tree.nodes.size());
        for (const TreeNode& n : tree.nodes)
            if (n.feature >= featureCount_ ||
                (n.feature >= 0 && (n.left <= 0 || n.left >= size || n.right <= 0 || n.right >= size)))
                throw Error("saved classifier: a forest node points outside its tree");
        trees_.push_back(std::move(tree));
    }
    if (trees_.empty()) throw Error("saved classifier: the forest has no trees");
}

}  // namespace drs::learn
