// Gaussian naive Bayes as scikit-learn's GaussianNB(var_smoothing = 1e-9): per-class means and
// population variances, every variance enlarged by 1e-9 x the largest feature variance of all
// training rows, priors = class frequencies; P(1 | x) from the joint log-likelihoods.
// Hand-written: a few lines of arithmetic, no library needed.
#include <cmath>

#include "core/learn/PanelMembers.h"
#include "core/util/Error.h"

namespace drs::learn {
namespace {

class GaussianNaiveBayes : public Classifier {
public:
    std::string name() const override { return "nb"; }

    void fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) override {
        checkTrainingData(x, labels, "nb");
        const Eigen::Index p = x.cols();
        const Eigen::RowVectorXd overallMean = x.colwise().mean();
        const double epsilon = 1e-9 * ((x.rowwise() - overallMean).array().square().colwise().mean()).maxCoeff();
        means_ = Eigen::MatrixXd::Zero(2, p);
        variances_ = Eigen::MatrixXd::Zero(2, p);
        Eigen::Vector2d count = Eigen::Vector2d::Zero();
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const int y = labels[static_cast<std::size_t>(i)];
            means_.row(y) += x.row(i);
            count[y] += 1;
        }
        for (int k = 0; k < 2; ++k) means_.row(k) /= count[k];
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const int y = labels[static_cast<std::size_t>(i)];
            variances_.row(y) += (x.row(i) - means_.row(y)).array().square().matrix();
        }
        for (int k = 0; k < 2; ++k) variances_.row(k) = (variances_.row(k) / count[k]).array() + epsilon;
        logPriors_ = (count / count.sum()).array().log();
    }

    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override {
        if (means_.size() == 0) throw Error("nb: predict before fit");
        if (x.cols() != means_.cols()) throw Error("nb: wrong number of features");
        Eigen::VectorXd out(x.rows());
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            double joint[2];
            for (int k = 0; k < 2; ++k) {
                joint[k] = logPriors_[k] - 0.5 * (2 * M_PI * variances_.row(k).array()).log().sum() -
                           0.5 * ((x.row(i) - means_.row(k)).array().square() / variances_.row(k).array()).sum();
            }
            out[i] = 1.0 / (1.0 + std::exp(joint[0] - joint[1]));
        }
        return out;
    }

    QJsonObject parameters() const override { return {{"var_smoothing", 1e-9}, {"priors", "class frequencies"}}; }
    QJsonObject state() const override {
        return {{"means", toJson(means_)},
                {"variances", toJson(variances_)},
                {"log_priors", toJson(Eigen::VectorXd(logPriors_))}};
    }
    void load(const QJsonObject& state) override {
        means_ = matrixFromJson(state["means"], "means");
        variances_ = matrixFromJson(state["variances"], "variances");
        logPriors_ = vectorFromJson(state["log_priors"], "log_priors");
    }

private:
    Eigen::MatrixXd means_;      // class x feature
    Eigen::MatrixXd variances_;  // class x feature, smoothed
    Eigen::Vector2d logPriors_;
};

}  // namespace

std::unique_ptr<Classifier> makeGaussianNaiveBayes() { return std::make_unique<GaussianNaiveBayes>(); }

}  // namespace drs::learn
