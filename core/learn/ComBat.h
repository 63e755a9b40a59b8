#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>

// ComBat harmonisation of features across batches (centres, scanners): Johnson, Li & Rabinovic
// (2007), parametric empirical Bayes, location and scale, no covariates - the algorithm of
// R sva::ComBat(dat, batch, mod = NULL, par.prior = TRUE). Fitted on training rows only; the
// stored estimates are applied unchanged to new rows from the same batches.
namespace drs::learn {

class ComBat {
public:
    // rows = samples, columns = features; batch[i] names the batch of row i. Every batch needs at
    // least 2 rows, and every feature non-zero variance within the pooled residuals.
    static ComBat fit(const Eigen::MatrixXd& features, const std::vector<std::string>& batch);
    // Harmonised features; throws Error for a batch that was not in the training rows.
    Eigen::MatrixXd apply(const Eigen::MatrixXd& features, const std::vector<std::string>& batch) const;

    const std::vector<std::string>& batches() const { return batches_; }

private:
    std::vector<std::string> batches_;
    Eigen::RowVectorXd grandMean_;
    Eigen::RowVectorXd pooledSd_;
    Eigen::MatrixXd gammaStar_;  // batch x feature: additive effect (standardised scale)
    Eigen::MatrixXd deltaStar_;  // batch x feature: multiplicative effect (variance)
};

}  // namespace drs::learn
