// Linear discriminant analysis, binary case, equal to scikit-learn's LinearDiscriminantAnalysis
// (solver "svd", priors = class frequencies): for two classes its decision function reduces to
// the classical discriminant with the pooled within-class covariance S = sum_k (X_k - mu_k)'(X_k - mu_k) / (n - 2),
//   f(x) = (mu1 - mu0)' S^-1 x - (mu1' S^-1 mu1 - mu0' S^-1 mu0) / 2 + log(pi1 / pi0),
// and P(1 | x) = 1 / (1 + exp(-f(x))). Solved with a rank-revealing decomposition so a singular S
// (collinear features) is reported instead of inverted.
#include <cmath>

#include "core/learn/PanelMembers.h"
#include "core/util/Error.h"

namespace drs::learn {
namespace {

class Lda : public Classifier {
public:
    std::string name() const override { return "lda"; }

    void fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) override {
        checkTrainingData(x, labels, "lda");
        const Eigen::Index p = x.cols();
        Eigen::RowVectorXd sum[2] = {Eigen::RowVectorXd::Zero(p), Eigen::RowVectorXd::Zero(p)};
        double count[2] = {0, 0};
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            sum[labels[static_cast<std::size_t>(i)]] += x.row(i);
            count[labels[static_cast<std::size_t>(i)]] += 1;
        }
        const Eigen::RowVectorXd mean0 = sum[0] / count[0];
        const Eigen::RowVectorXd mean1 = sum[1] / count[1];
        Eigen::MatrixXd centred = x;
        for (Eigen::Index i = 0; i < x.rows(); ++i) centred.row(i) -= labels[static_cast<std::size_t>(i)] == 1 ? mean1 : mean0;
        const Eigen::MatrixXd pooled = centred.transpose() * centred / static_cast<double>(x.rows() - 2);
        const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(pooled);
        if (qr.rank() < p) throw Error("lda: the within-class covariance is singular (collinear or constant features)");
        weights_ = qr.solve((mean1 - mean0).transpose());
        intercept_ = -0.5 * (mean1.dot(qr.solve(mean1.transpose())) - mean0.dot(qr.solve(mean0.transpose()))) +
                     std::log(count[1] / count[0]);
    }

    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override {
        if (weights_.size() == 0) throw Error("lda: predict before fit");
        if (x.cols() != weights_.size()) throw Error("lda: wrong number of features");
        const Eigen::VectorXd f = (x * weights_).array() + intercept_;
        return f.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
    }

    QJsonObject parameters() const override { return {{"solver", "svd-equivalent"}, {"priors", "class frequencies"}}; }
    QJsonObject state() const override { return {{"coefficients", toJson(weights_)}, {"intercept", intercept_}}; }
    void load(const QJsonObject& state) override {
        weights_ = vectorFromJson(state["coefficients"], "coefficients");
        intercept_ = state["intercept"].toDouble();
    }

private:
    Eigen::VectorXd weights_;
    double intercept_ = 0;
};

}  // namespace

std::unique_ptr<Classifier> makeLda() { return std::make_unique<Lda>(); }

}  // namespace drs::learn
