#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/learn/Lasso.h"
#include "core/learn/Scaler.h"

namespace drs::learn {

// RadScore = sum_j w_j z_j over the features the LASSO kept (w_j != 0), z_j the feature z-scored
// with the training parameters. The intercept is left out on purpose: the score ranks patients
// and feeds the next model, which has its own intercept.
struct RadScore {
    std::vector<std::string> featureNames;  // selected features, in the order of `weights`
    ZScore scaler;                          // training mean / population SD of those features
    Eigen::VectorXd weights;

    // rawFeatures: rows = patients, columns = featureNames (unscaled values).
    Eigen::VectorXd score(const Eigen::MatrixXd& rawFeatures) const;
    // Picks this score's columns by name from a dataset's features; throws Error if one is absent.
    Eigen::VectorXd score(const Dataset& data) const;
};

enum class LambdaChoice { Min, OneStandardError };

// Keeps the non-zero coefficients at the chosen lambda. Throws Error if the LASSO kept nothing.
RadScore radScoreFromLasso(const CvLasso& lasso, LambdaChoice choice = LambdaChoice::Min);

}  // namespace drs::learn
