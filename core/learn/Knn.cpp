// k-nearest neighbours as scikit-learn's KNeighborsClassifier(n_neighbors = 5, weights = "uniform",
// Euclidean): P(1 | x) = share of positives among the 5 training rows closest to x (exact search;
// equal distances are broken by training-row order). Hand-written: brute force over a few hundred
// rows is faster than building any index, and no library is needed for it.
#include <algorithm>
#include <numeric>

#include "core/learn/PanelMembers.h"
#include "core/util/Error.h"

namespace drs::learn {
namespace {

class Knn : public Classifier {
public:
    std::string name() const override { return "knn"; }

    void fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) override {
        checkTrainingData(x, labels, "knn");
        if (x.rows() < kNeighbours) throw Error("knn: needs at least 5 training rows");
        train_ = x;
        labels_ = Eigen::VectorXd(x.rows());
        for (Eigen::Index i = 0; i < x.rows(); ++i) labels_[i] = labels[static_cast<std::size_t>(i)];
    }

    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override {
        if (train_.size() == 0) throw Error("knn: predict before fit");
        if (x.cols() != train_.cols()) throw Error("knn: wrong number of features");
        Eigen::VectorXd out(x.rows());
        std::vector<Eigen::Index> order(static_cast<std::size_t>(train_.rows()));
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const Eigen::VectorXd distances = (train_.rowwise() - x.row(i)).rowwise().squaredNorm();
            std::iota(order.begin(), order.end(), 0);
            std::partial_sort(order.begin(), order.begin() + kNeighbours, order.end(),
                              [&](Eigen::Index a, Eigen::Index b) {
                                  return distances[a] < distances[b] || (distances[a] == distances[b] && a < b);
                              });
            double positives = 0;
            for (int k = 0; k < kNeighbours; ++k) positives += labels_[order[static_cast<std::size_t>(k)]];
            out[i] = positives / kNeighbours;
        }
        return out;
    }

    QJsonObject parameters() const override {
        return {{"n_neighbors", kNeighbours}, {"weights", "uniform"}, {"metric", "euclidean"}};
    }
    QJsonObject state() const override { return {{"train", toJson(train_)}, {"labels", toJson(labels_)}}; }
    void load(const QJsonObject& state) override {
        train_ = matrixFromJson(state["train"], "train");
        labels_ = vectorFromJson(state["labels"], "labels");
    }

private:
    static constexpr int kNeighbours = 5;
    Eigen::MatrixXd train_;
    Eigen::VectorXd labels_;
};

}  // namespace

std::unique_ptr<Classifier> makeKnn() { return std::make_unique<Knn>(); }

}  // namespace drs::learn
