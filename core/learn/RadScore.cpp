#include "core/learn/RadScore.h"

#include <algorithm>

#include "core/util/Error.h"

namespace drs::learn {

Eigen::VectorXd RadScore::score(const Eigen::MatrixXd& rawFeatures) const {
    if (rawFeatures.cols() != weights.size())
        throw Error("RadScore: expected " + std::to_string(weights.size()) + " feature columns, got " +
                    std::to_string(rawFeatures.cols()));
    return scaler.apply(rawFeatures) * weights;
}

Eigen::VectorXd RadScore::score(const Dataset& data) const {
    Eigen::MatrixXd columns(data.features.rows(), static_cast<Eigen::Index>(featureNames.size()));
    for (std::size_t k = 0; k < featureNames.size(); ++k) {
        const auto found = std::find(data.featureNames.begin(), data.featureNames.end(), featureNames[k]);
        if (found == data.featureNames.end())
            throw Error(data.source + ": RadScore feature '" + featureNames[k] + "' is not in the table");
        columns.col(static_cast<Eigen::Index>(k)) = data.features.col(found - data.featureNames.begin());
    }
    return score(columns);
}

std::string lambdaChoiceName(LambdaChoice choice) { return choice == LambdaChoice::Min ? "lambda.min" : "lambda.1se"; }

LambdaChoice lambdaChoiceFromName(const std::string& name) {
    if (name == "lambda.min" || name == "min") return LambdaChoice::Min;
    if (name == "lambda.1se" || name == "1se") return LambdaChoice::OneStandardError;
    throw Error("'" + name + "' is not a LASSO lambda choice (lambda.min or lambda.1se)");
}

RadScore radScoreFromLasso(const CvLasso& lasso, LambdaChoice choice) {
    const LassoCoefficients& chosen = choice == LambdaChoice::Min ? lasso.lambdaMin : lasso.lambda1se;
    std::vector<Eigen::Index> kept;
    for (Eigen::Index j = 0; j < chosen.coefficients.size(); ++j)
        if (chosen.coefficients[j] != 0.0) kept.push_back(j);
    RadScore r;
    Eigen::RowVectorXd means(static_cast<Eigen::Index>(kept.size()));
    Eigen::RowVectorXd sds(static_cast<Eigen::Index>(kept.size()));
    r.weights.resize(static_cast<Eigen::Index>(kept.size()));
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const auto index = static_cast<Eigen::Index>(k);
        r.featureNames.push_back(lasso.featureNames[static_cast<std::size_t>(kept[k])]);
        means[index] = lasso.scaler.means()[kept[k]];
        sds[index] = lasso.scaler.sds()[kept[k]];
        r.weights[index] = chosen.coefficients[kept[k]];
    }
    r.scaler = ZScore::fromParameters(means, sds);
    return r;
}

}  // namespace drs::learn
