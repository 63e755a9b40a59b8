// Linear discriminant analysis, binary case, as scikit-learn's LinearDiscriminantAnalysis
// (solver "svd", priors = class frequencies). For two classes its decision function is the
// classical discriminant with the pooled within-class covariance S = sum_k (X_k - mu_k)'(X_k - mu_k) / (n - 2),
//   f(x) = (mu1 - mu0)' S^+ (x - xbar) - (|mu1 - xbar|^2_S+ - |mu0 - xbar|^2_S+) / 2 + log(pi1 / pi0),
// P(1 | x) = 1 / (1 + exp(-f(x))), xbar the prior-weighted mean. As in scikit-learn, S^+ is taken on
// the subspace where the within-class data, scaled per feature by its within-class SD, has singular
// values above 1e-4, so collinear features are tolerated rather than inverted.
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
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            centred.row(i) -= labels[static_cast<std::size_t>(i)] == 1 ? mean1 : mean0;
        const double n = static_cast<double>(x.rows());
        Eigen::RowVectorXd scale = (centred.array().square().colwise().sum() / n).sqrt();
        for (Eigen::Index j = 0; j < p; ++j)
            if (scale[j] == 0) scale[j] = 1;  // constant within classes: left unscaled
        const Eigen::MatrixXd scaled = (centred.array().rowwise() / scale.array()).matrix() / std::sqrt(n - 2);
        const Eigen::JacobiSVD<Eigen::MatrixXd> svd(scaled, Eigen::ComputeThinV);
        const Eigen::VectorXd singular = svd.singularValues();
        Eigen::Index rank = 0;
        while (rank < singular.size() && singular[rank] > 1e-4) ++rank;
        if (rank == 0) throw Error("lda: every feature is constant within the classes");
        // Whitening on the kept subspace: S^+ = W W'.
        const Eigen::MatrixXd whiten =
            (svd.matrixV().leftCols(rank).array().colwise() / scale.transpose().array()).matrix() *
            singular.head(rank).cwiseInverse().asDiagonal();
        const Eigen::RowVectorXd mean = (count[0] * mean0 + count[1] * mean1) / n;
        const Eigen::RowVectorXd projected0 = (mean0 - mean) * whiten;
        const Eigen::RowVectorXd projected1 = (mean1 - mean) * whiten;
        weights_ = whiten * (projected1 - projected0).transpose();
        intercept_ = -0.5 * (projected1.squaredNorm() - projected0.squaredNorm()) + std::log(count[1] / count[0]) -
                     mean.dot(weights_);
    }

    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override {
        if (weights_.size() == 0) throw Error("lda: predict before fit");
        if (x.cols() != weights_.size()) throw Error("lda: wrong number of features");
        const Eigen::VectorXd f = (x * weights_).array() + intercept_;
        return f.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
    }

    QJsonObject parameters() const override {
        return {{"solver", "svd"}, {"tol", 1e-4}, {"priors", "class frequencies"}};
    }
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
