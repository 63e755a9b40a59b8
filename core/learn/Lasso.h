#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/learn/Dataset.h"
#include "core/learn/Folds.h"
#include "core/learn/Scaler.h"

// Penalised logistic regression as glmnet (Friedman, Hastie & Tibshirani 2010) defines it for
// family = "binomial": minimise -loglik / n + lambda * (alpha * sum |beta_j| + (1 - alpha) / 2 *
// sum beta_j^2) with an unpenalised intercept (alpha = 1, the LASSO, unless asked otherwise), on
// predictors standardised with the population SD. The lambda path, its early stop and cv.glmnet's
// deviance-based lambda.min / lambda.1se follow glmnet 4.1 so results can be compared coefficient
// for coefficient. Hand-written: no Debian C/C++ library solves this path.
namespace drs::learn {

struct LassoPath {
    std::vector<double> lambdas;        // decreasing
    std::vector<double> intercepts;     // per lambda
    Eigen::MatrixXd coefficients;       // features x lambdas, on the scale of the input x
    std::vector<double> devianceRatio;  // 1 - deviance / null deviance, per lambda
};

struct LassoOptions {
    int lambdaCount = 100;
    double lambdaMinRatio = 0;  // 0: glmnet's default (1e-4 when n >= p, else 0.01)
    // glmnet's `thresh`: a fit at one lambda stops when no coefficient's weighted squared change
    // exceeds this fraction of the null deviance. glmnet's default; 1e-14 reaches the exact optimum.
    double convergenceThreshold = 1e-7;
    // glmnet's `alpha`: 1 is the LASSO, below 1 the elastic net, which keeps groups of correlated
    // features together and shrinks them instead of picking one. glmnet's lambda_max divides by
    // max(alpha, 1e-3), so alpha must lie in (0, 1].
    double alpha = 1.0;
};

// The glmnet path on x (rows = patients). x is standardised internally (population SD, as glmnet's
// standardize = TRUE) and coefficients are returned on x's own scale. With `lambdas` empty the
// path is glmnet's: lambda_max down to lambdaMinRatio * lambda_max geometrically, stopping early
// when the deviance ratio gains < 1e-5 (after 5 lambdas) or exceeds 0.999; a given `lambdas` is
// used in full.
LassoPath lassoPath(const Eigen::MatrixXd& x, const std::vector<int>& labels, const LassoOptions& options = {},
                    const std::vector<double>& lambdas = {});

struct LassoCoefficients {
    double lambda = 0;
    double intercept = 0;
    Eigen::VectorXd coefficients;  // per feature, on the z-scored scale
};

struct CvLasso {
    std::vector<std::string> featureNames;
    ZScore scaler;               // fitted on all rows given to cvLasso
    LassoPath path;              // on the z-scored features
    std::vector<double> cvMean;  // mean binomial deviance per lambda
    std::vector<double> cvSd;    // its standard error
    int indexMin = 0;
    int index1se = 0;
    LassoCoefficients lambdaMin;
    LassoCoefficients lambda1se;
};

// z-scores `data` (population SD), fits the path on all rows, fits each fold's training rows with
// their own path (standardised inside the fold, as cv.glmnet does), reads it at the full path's
// lambdas by linear interpolation in lambda (glmnet's predict) and scores the held-out rows by binomial
// deviance (probabilities clipped to [1e-5, 1 - 1e-5]). lambda.min minimises the mean deviance;
// lambda.1se is the largest lambda whose mean is within one standard error of that minimum.
CvLasso cvLasso(const Dataset& data, const FoldAssignment& folds, const LassoOptions& options = {});

}  // namespace drs::learn
