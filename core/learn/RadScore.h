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
    // No feature kept: "no radiomic signature". It scores every patient 0, and the models that
    // would read it go on without it.
    bool empty() const { return featureNames.empty(); }
};

enum class LambdaChoice { Min, OneStandardError };

// glmnet's names, "lambda.min" and "lambda.1se"; fromName also takes "min" and "1se" and throws
// Error for anything else.
std::string lambdaChoiceName(LambdaChoice choice);
LambdaChoice lambdaChoiceFromName(const std::string& name);

// Keeps the non-zero coefficients at the chosen lambda; empty when the LASSO kept nothing there.
RadScore radScoreFromLasso(const CvLasso& lasso, LambdaChoice choice = LambdaChoice::Min);

}  // namespace drs::learn
