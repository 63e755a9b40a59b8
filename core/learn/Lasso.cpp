#include "core/learn/Lasso.h"

#include <algorithm>
#include <cmath>

#include "core/util/Error.h"

namespace drs::learn {
namespace {

// glmnet.control() factory defaults that shape the computed path.
constexpr double kMinDevianceGain = 1e-5;    // fdev
constexpr double kMaxDevianceRatio = 0.999;  // devmax
constexpr int kMinPathLength = 5;            // mnlam
constexpr double kProbabilityFloor = 1e-5;   // cv.lognet's prob_min

constexpr int kMaxSweeps = 2000;

double softThreshold(double value, double threshold) {
    if (value > threshold) return value - threshold;
    if (value < -threshold) return value + threshold;
    return 0.0;
}

double logistic(double eta) { return 1.0 / (1.0 + std::exp(-eta)); }

// -2 log-likelihood of 0/1 labels given linear predictors.
double deviance(const Eigen::VectorXd& eta, const Eigen::VectorXd& y) {
    double sum = 0;
    for (Eigen::Index i = 0; i < eta.size(); ++i) {
        // log(1 + e^eta) - y eta, computed without overflow
        const double e = eta[i];
        sum += (e > 0 ? e + std::log1p(std::exp(-e)) : std::log1p(std::exp(e))) - y[i] * e;
    }
    return 2.0 * sum;
}

// Penalised objective -loglik/n + lambda (alpha |beta|_1 + (1 - alpha) |beta|_2^2 / 2) on
// standardised predictors.
double objective(const Eigen::MatrixXd& xs, const Eigen::VectorXd& y, double b0, const Eigen::VectorXd& beta,
                 double lambda, double alpha) {
    const Eigen::VectorXd eta = (xs * beta).array() + b0;
    return deviance(eta, y) / (2.0 * static_cast<double>(y.size())) +
           lambda * (alpha * beta.lpNorm<1>() + 0.5 * (1.0 - alpha) * beta.squaredNorm());
}

// Proximal Newton: a weighted least-squares quadratic approximation solved by cyclic coordinate
// descent, with step halving whenever the full step would raise the objective. Convergence is
// glmnet's: every weighted squared change (xv_j * dbeta_j^2, sum(w)/n * db0^2) of a coordinate
// sweep, and then of a whole Newton step, below `tolerance` (glmnet's thresh * dev0, dev0 being
// the null deviance per patient).
void solveAtLambda(const Eigen::MatrixXd& xs, const Eigen::VectorXd& y, double lambda, double alpha, double tolerance,
                   double& b0, Eigen::VectorXd& beta) {
    const auto n = static_cast<double>(y.size());
    const Eigen::Index p = xs.cols();
    double current = objective(xs, y, b0, beta, lambda, alpha);
    for (int outer = 0; outer < 200; ++outer) {
        const Eigen::VectorXd eta = (xs * beta).array() + b0;
        Eigen::VectorXd w(y.size());
        Eigen::VectorXd z(y.size());
        for (Eigen::Index i = 0; i < y.size(); ++i) {
            const double prob = logistic(eta[i]);
            w[i] = std::max(prob * (1 - prob), 1e-10);
            z[i] = eta[i] + (y[i] - prob) / w[i];
        }
        const double interceptWeight = w.sum() / n;
        Eigen::VectorXd xv(p);
        for (Eigen::Index j = 0; j < p; ++j) xv[j] = xs.col(j).array().square().matrix().dot(w) / n;
        double newB0 = b0;
        Eigen::VectorXd newBeta = beta;
        Eigen::VectorXd residual = z - eta;  // z - b0 - x beta for the current (b0, beta)
        // Most coefficients stay at zero along the path, so sweeps run over the nonzero ones
        // until they settle and only then over all of them; convergence is still judged on a full
        // sweep, so the stopping rule is unchanged and far fewer coordinates are updated.
        // Near-separable data (a rare class of a few patients) drives the weights towards 0 and
        // convergence to a crawl; the cap bounds the work there (counted in full sweeps).
        std::vector<Eigen::Index> active;
        bool fullSweep = true;
        for (double sweepsOfWork = 0; sweepsOfWork < kMaxSweeps;) {
            sweepsOfWork +=
                fullSweep ? 1.0 : static_cast<double>(std::max<std::size_t>(active.size(), 1)) / static_cast<double>(p);
            double largestChange = 0;
            const auto update = [&](Eigen::Index j) {
                const double gradient = xs.col(j).cwiseProduct(w).dot(residual) / n + xv[j] * newBeta[j];
                const double updated = softThreshold(gradient, lambda * alpha) / (xv[j] + lambda * (1.0 - alpha));
                const double change = updated - newBeta[j];
                if (change != 0.0) {
                    residual -= change * xs.col(j);
                    newBeta[j] = updated;
                    largestChange = std::max(largestChange, xv[j] * change * change);
                }
            };
            if (fullSweep) {
                active.clear();
                for (Eigen::Index j = 0; j < p; ++j) {
                    update(j);
                    if (newBeta[j] != 0.0) active.push_back(j);
                }
            } else {
                for (Eigen::Index j : active) update(j);
            }
            const double interceptStep = residual.dot(w) / w.sum();
            newB0 += interceptStep;
            residual.array() -= interceptStep;
            largestChange = std::max(largestChange, interceptWeight * interceptStep * interceptStep);
            if (fullSweep && largestChange < tolerance) break;
            fullSweep = largestChange < tolerance;
        }
        double step = 1.0;
        double candidate = objective(xs, y, b0 + step * (newB0 - b0), beta + step * (newBeta - beta), lambda, alpha);
        while (candidate > current + 1e-15 && step > 1e-6) {
            step *= 0.5;
            candidate = objective(xs, y, b0 + step * (newB0 - b0), beta + step * (newBeta - beta), lambda, alpha);
        }
        const Eigen::VectorXd betaStep = step * (newBeta - beta);
        const double b0Step = step * (newB0 - b0);
        const double moved =
            std::max(interceptWeight * b0Step * b0Step, (xv.array() * betaStep.array().square()).maxCoeff());
        b0 += b0Step;
        beta += betaStep;
        current = candidate;
        if (moved < tolerance) return;
    }
}

struct Standardised {
    Eigen::MatrixXd x;
    Eigen::RowVectorXd means;
    Eigen::RowVectorXd sds;
};

Standardised standardise(const Eigen::MatrixXd& x) {
    Standardised s;
    s.means = x.colwise().mean();
    const Eigen::MatrixXd centred = x.rowwise() - s.means;
    s.sds = (centred.array().square().colwise().sum() / static_cast<double>(x.rows())).sqrt();
    for (Eigen::Index j = 0; j < s.sds.size(); ++j)
        if (!(s.sds[j] > 0))
            throw Error("lasso: feature column " + std::to_string(j) + " is constant in the rows being fitted");
    s.x = centred.array().rowwise() / s.sds.array();
    return s;
}

// glmnet's predict(s = lambda): linear interpolation between the two path lambdas around
// `lambda`, clamped to the ends of the path.
std::pair<double, Eigen::VectorXd> interpolate(const LassoPath& path, double lambda) {
    const std::vector<double>& l = path.lambdas;
    if (lambda >= l.front()) return {path.intercepts.front(), path.coefficients.col(0)};
    if (lambda <= l.back())
        return {path.intercepts.back(), path.coefficients.col(static_cast<Eigen::Index>(l.size() - 1))};
    std::size_t right = 1;
    while (l[right] > lambda) ++right;
    const std::size_t left = right - 1;
    const double fraction = (lambda - l[right]) / (l[left] - l[right]);
    return {fraction * path.intercepts[left] + (1 - fraction) * path.intercepts[right],
            fraction * path.coefficients.col(static_cast<Eigen::Index>(left)) +
                (1 - fraction) * path.coefficients.col(static_cast<Eigen::Index>(right))};
}

}  // namespace

LassoPath lassoPath(const Eigen::MatrixXd& x, const std::vector<int>& labels, const LassoOptions& options,
                    const std::vector<double>& lambdas) {
    if (x.rows() != static_cast<Eigen::Index>(labels.size()))
        throw Error("lasso: feature rows and labels differ in number");
    Eigen::VectorXd y(x.rows());
    for (Eigen::Index i = 0; i < y.size(); ++i) y[i] = labels[static_cast<std::size_t>(i)];
    const double n = static_cast<double>(y.size());
    const double prevalence = y.mean();
    if (prevalence <= 0 || prevalence >= 1) throw Error("lasso: the labels hold a single class");
    if (!(options.alpha > 0 && options.alpha <= 1))
        throw Error("lasso: alpha must lie in (0, 1] (1 = LASSO), got " + std::to_string(options.alpha));
    const Standardised s = standardise(x);
    const Eigen::Index p = x.cols();

    std::vector<double> grid = lambdas;
    const bool computedPath = grid.empty();
    if (computedPath) {
        const double lambdaMax = (s.x.transpose() * (y.array() - prevalence).matrix()).cwiseAbs().maxCoeff() / n /
                                 std::max(options.alpha, 1e-3);
        const double ratio = options.lambdaMinRatio > 0 ? options.lambdaMinRatio : (x.rows() < p ? 0.01 : 1e-4);
        const double factor = std::pow(ratio, 1.0 / (options.lambdaCount - 1));
        for (int k = 0; k < options.lambdaCount; ++k) grid.push_back(lambdaMax * std::pow(factor, k));
    }
    const double nullDeviance =
        deviance(Eigen::VectorXd::Constant(y.size(), std::log(prevalence / (1 - prevalence))), y);
    const double tolerance = options.convergenceThreshold * nullDeviance / (2.0 * n);
    LassoPath path;
    double b0 = std::log(prevalence / (1 - prevalence));
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(p);
    std::vector<Eigen::VectorXd> betas;
    for (std::size_t k = 0; k < grid.size(); ++k) {
        solveAtLambda(s.x, y, grid[k], options.alpha, tolerance, b0, beta);
        const double ratio = 1.0 - deviance((s.x * beta).array() + b0, y) / nullDeviance;
        path.lambdas.push_back(grid[k]);
        path.devianceRatio.push_back(ratio);
        // Back to the scale of x: beta_j / sd_j, intercept absorbs the means.
        const Eigen::VectorXd onInputScale = beta.array() / s.sds.transpose().array();
        path.intercepts.push_back(b0 - s.means.dot(onInputScale));
        betas.push_back(onInputScale);
        if (computedPath && static_cast<int>(k + 1) >= kMinPathLength) {
            if (ratio > kMaxDevianceRatio) break;
            if (ratio - path.devianceRatio[k - 1] < kMinDevianceGain) break;
        }
    }
    path.coefficients.resize(p, static_cast<Eigen::Index>(betas.size()));
    for (std::size_t k = 0; k < betas.size(); ++k) path.coefficients.col(static_cast<Eigen::Index>(k)) = betas[k];
    return path;
}

CvLasso cvLasso(const Dataset& data, const FoldAssignment& folds, const LassoOptions& options) {
    if (folds.size() != data.labels.size()) throw Error("lasso: the fold assignment does not cover every row");
    CvLasso cv;
    cv.featureNames = data.featureNames;
    cv.scaler = ZScore::fit(data.features, data.featureNames);
    const Eigen::MatrixXd xz = cv.scaler.apply(data.features);
    cv.path = lassoPath(xz, data.labels, options);
    const std::size_t lambdaCount = cv.path.lambdas.size();
    const int foldCount = *std::max_element(folds.begin(), folds.end()) + 1;
    if (foldCount < 3) throw Error("lasso: cross-validation needs at least 3 folds");

    std::vector<std::vector<double>> foldMean(static_cast<std::size_t>(foldCount),
                                              std::vector<double>(lambdaCount, 0.0));
    std::vector<double> foldSize(static_cast<std::size_t>(foldCount), 0.0);
    for (int f = 0; f < foldCount; ++f) {
        const std::vector<int> train = trainRows(folds, f);
        const std::vector<int> test = testRows(folds, f);
        if (test.empty()) throw Error("lasso: fold " + std::to_string(f) + " is empty");
        Eigen::MatrixXd xTrain(static_cast<Eigen::Index>(train.size()), xz.cols());
        std::vector<int> yTrain;
        for (std::size_t k = 0; k < train.size(); ++k) {
            xTrain.row(static_cast<Eigen::Index>(k)) = xz.row(train[k]);
            yTrain.push_back(data.labels[static_cast<std::size_t>(train[k])]);
        }
        // As cv.glmnet does, each fold computes its own path and is read at the full path's
        // lambdas by linear interpolation in lambda.
        const LassoPath foldPath = lassoPath(xTrain, yTrain, options);
        for (std::size_t l = 0; l < lambdaCount; ++l) {
            const auto [intercept, coefficients] = interpolate(foldPath, cv.path.lambdas[l]);
            double sum = 0;
            for (int row : test) {
                const double eta = intercept + xz.row(row).dot(coefficients);
                const double prob = std::clamp(logistic(eta), kProbabilityFloor, 1 - kProbabilityFloor);
                sum += -2.0 * (data.labels[static_cast<std::size_t>(row)] == 1 ? std::log(prob) : std::log(1 - prob));
            }
            foldMean[static_cast<std::size_t>(f)][l] = sum / static_cast<double>(test.size());
        }
        foldSize[static_cast<std::size_t>(f)] = static_cast<double>(test.size());
    }
    const double total = static_cast<double>(data.labels.size());
    for (std::size_t l = 0; l < lambdaCount; ++l) {
        double mean = 0;
        for (int f = 0; f < foldCount; ++f) mean += foldSize[f] * foldMean[f][l] / total;
        double spread = 0;
        for (int f = 0; f < foldCount; ++f) spread += foldSize[f] * std::pow(foldMean[f][l] - mean, 2) / total;
        cv.cvMean.push_back(mean);
        cv.cvSd.push_back(std::sqrt(spread / (foldCount - 1)));
    }
    // Largest lambda attaining the minimum, then the largest within one SE of it (lambdas decrease).
    const double best = *std::min_element(cv.cvMean.begin(), cv.cvMean.end());
    cv.indexMin = static_cast<int>(
        std::find_if(cv.cvMean.begin(), cv.cvMean.end(), [&](double m) { return m <= best; }) - cv.cvMean.begin());
    const double bound = cv.cvMean[cv.indexMin] + cv.cvSd[cv.indexMin];
    cv.index1se = static_cast<int>(
        std::find_if(cv.cvMean.begin(), cv.cvMean.end(), [&](double m) { return m <= bound; }) - cv.cvMean.begin());
    const auto at = [&](int index) {
        return LassoCoefficients{cv.path.lambdas[index], cv.path.intercepts[index], cv.path.coefficients.col(index)};
    };
    cv.lambdaMin = at(cv.indexMin);
    cv.lambda1se = at(cv.index1se);
    return cv;
}

}  // namespace drs::learn
