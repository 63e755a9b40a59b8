#include "core/learn/ComBat.h"

#include <algorithm>
#include <cmath>

#include "core/util/Error.h"

namespace drs::learn {
namespace {

double sampleVariance(const Eigen::VectorXd& v) {
    return (v.array() - v.mean()).square().sum() / static_cast<double>(v.size() - 1);
}

}  // namespace

ComBat ComBat::fit(const Eigen::MatrixXd& features, const std::vector<std::string>& batch) {
    if (features.rows() != static_cast<Eigen::Index>(batch.size()))
        throw Error("ComBat: rows and batch labels differ in number");
    if (!features.allFinite()) throw Error("ComBat: features contain NaN or infinite values");
    ComBat model;
    for (const auto& b : batch)
        if (std::find(model.batches_.begin(), model.batches_.end(), b) == model.batches_.end())
            model.batches_.push_back(b);
    std::sort(model.batches_.begin(), model.batches_.end());
    if (model.batches_.size() < 2) throw Error("ComBat: needs at least 2 batches");
    const auto batchCount = static_cast<Eigen::Index>(model.batches_.size());
    const Eigen::Index p = features.cols();
    const auto n = static_cast<double>(features.rows());
    std::vector<std::vector<Eigen::Index>> members(model.batches_.size());
    for (std::size_t i = 0; i < batch.size(); ++i)
        members[static_cast<std::size_t>(std::find(model.batches_.begin(), model.batches_.end(), batch[i]) -
                                         model.batches_.begin())]
            .push_back(static_cast<Eigen::Index>(i));
    for (std::size_t b = 0; b < members.size(); ++b)
        if (members[b].size() < 2) throw Error("ComBat: batch '" + model.batches_[b] + "' has fewer than 2 rows");

    // Batch means; the grand mean weights them by batch size; pooled variance of the residuals
    // from the batch means divides by n.
    Eigen::MatrixXd batchMean = Eigen::MatrixXd::Zero(batchCount, p);
    for (Eigen::Index b = 0; b < batchCount; ++b) {
        for (Eigen::Index i : members[static_cast<std::size_t>(b)]) batchMean.row(b) += features.row(i);
        batchMean.row(b) /= static_cast<double>(members[static_cast<std::size_t>(b)].size());
    }
    model.grandMean_ = Eigen::RowVectorXd::Zero(p);
    for (Eigen::Index b = 0; b < batchCount; ++b)
        model.grandMean_ += batchMean.row(b) * static_cast<double>(members[static_cast<std::size_t>(b)].size()) / n;
    Eigen::RowVectorXd pooledVariance = Eigen::RowVectorXd::Zero(p);
    for (Eigen::Index b = 0; b < batchCount; ++b)
        for (Eigen::Index i : members[static_cast<std::size_t>(b)])
            pooledVariance += (features.row(i) - batchMean.row(b)).array().square().matrix();
    pooledVariance /= n;
    for (Eigen::Index j = 0; j < p; ++j)
        if (!(pooledVariance[j] > 0))
            throw Error("ComBat: feature column " + std::to_string(j) + " has no within-batch variance");
    model.pooledSd_ = pooledVariance.cwiseSqrt();
    const Eigen::MatrixXd standardised =
        (features.rowwise() - model.grandMean_).array().rowwise() / model.pooledSd_.array();

    model.gammaStar_.resize(batchCount, p);
    model.deltaStar_.resize(batchCount, p);
    for (Eigen::Index b = 0; b < batchCount; ++b) {
        const auto& rows = members[static_cast<std::size_t>(b)];
        const auto m = static_cast<double>(rows.size());
        Eigen::MatrixXd s(static_cast<Eigen::Index>(rows.size()), p);
        for (std::size_t k = 0; k < rows.size(); ++k) s.row(static_cast<Eigen::Index>(k)) = standardised.row(rows[k]);
        const Eigen::VectorXd gammaHat = s.colwise().mean().transpose();
        Eigen::VectorXd deltaHat(p);
        for (Eigen::Index j = 0; j < p; ++j) deltaHat[j] = sampleVariance(s.col(j));
        // Hyper-priors across features: normal for gamma, inverse gamma (method of moments) for delta.
        const double gammaBar = gammaHat.mean();
        const double tau2 = sampleVariance(gammaHat);
        const double deltaMean = deltaHat.mean();
        const double deltaVariance = sampleVariance(deltaHat);
        const double aPrior = (2 * deltaVariance + deltaMean * deltaMean) / deltaVariance;
        const double bPrior = (deltaMean * deltaVariance + deltaMean * deltaMean * deltaMean) / deltaVariance;
        // sva's it.sol: alternate the posterior means until the largest relative change < 1e-4.
        Eigen::VectorXd gammaOld = gammaHat, deltaOld = deltaHat;
        Eigen::VectorXd gammaNew(p), deltaNew(p);
        for (int iteration = 0; iteration < 10000; ++iteration) {
            gammaNew = (tau2 * m * gammaHat.array() + deltaOld.array() * gammaBar) / (tau2 * m + deltaOld.array());
            for (Eigen::Index j = 0; j < p; ++j) {
                const double sumSquares = (s.col(j).array() - gammaNew[j]).square().sum();
                deltaNew[j] = (0.5 * sumSquares + bPrior) / (m / 2 + aPrior - 1);
            }
            // |new - old| / old with the sign of old, exactly as sva writes it (a negative gamma
            // never holds the loop open).
            const double change = std::max(((gammaNew - gammaOld).array().abs() / gammaOld.array()).maxCoeff(),
                                           ((deltaNew - deltaOld).array().abs() / deltaOld.array()).maxCoeff());
            gammaOld = gammaNew;
            deltaOld = deltaNew;
            if (change <= 1e-4) break;
        }
        model.gammaStar_.row(b) = gammaNew.transpose();
        model.deltaStar_.row(b) = deltaNew.transpose();
    }
    return model;
}

Eigen::MatrixXd ComBat::apply(const Eigen::MatrixXd& features, const std::vector<std::string>& batch) const {
    if (features.rows() != static_cast<Eigen::Index>(batch.size()))
        throw Error("ComBat: rows and batch labels differ in number");
    if (features.cols() != grandMean_.size()) throw Error("ComBat: wrong number of features");
    Eigen::MatrixXd out(features.rows(), features.cols());
    for (Eigen::Index i = 0; i < features.rows(); ++i) {
        const auto found = std::find(batches_.begin(), batches_.end(), batch[static_cast<std::size_t>(i)]);
        if (found == batches_.end())
            throw Error("ComBat: batch '" + batch[static_cast<std::size_t>(i)] + "' was not in the training rows");
        const Eigen::Index b = found - batches_.begin();
        const Eigen::RowVectorXd standardised = (features.row(i) - grandMean_).array() / pooledSd_.array();
        out.row(i) = ((standardised - gammaStar_.row(b)).array() / deltaStar_.row(b).array().sqrt() * pooledSd_.array())
                         .matrix() +
                     grandMean_;
    }
    return out;
}

}  // namespace drs::learn
