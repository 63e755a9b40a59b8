#include "core/learn/ComBat.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/learn/Classifier.h"
#include "core/util/Error.h"

namespace drs::learn {
namespace {

double sampleVariance(const Eigen::VectorXd& v) {
    return (v.array() - v.mean()).square().sum() / static_cast<double>(v.size() - 1);
}

}  // namespace

ComBat ComBat::fit(const Eigen::MatrixXd& features, const std::vector<std::string>& batch,
                   const Eigen::VectorXd& covariate) {
    if (features.rows() != static_cast<Eigen::Index>(batch.size()))
        throw Error("ComBat: rows and batch labels differ in number");
    if (covariate.size() != 0 && covariate.size() != features.rows())
        throw Error("ComBat: rows and covariate values differ in number");
    if (!features.allFinite() || !covariate.allFinite())
        throw Error("ComBat: features or covariate contain NaN or infinite values");
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

    // Least squares on the batch indicators (and the covariate): batch means, minus the
    // covariate's effect estimated within the batches. The grand mean weights them by batch size;
    // the pooled variance of the residuals divides by n.
    const Eigen::VectorXd c = covariate.size() != 0 ? covariate : Eigen::VectorXd::Zero(features.rows());
    Eigen::MatrixXd batchMean = Eigen::MatrixXd::Zero(batchCount, p);
    Eigen::VectorXd covariateMean = Eigen::VectorXd::Zero(batchCount);
    for (Eigen::Index b = 0; b < batchCount; ++b) {
        const auto& rows = members[static_cast<std::size_t>(b)];
        for (Eigen::Index i : rows) {
            batchMean.row(b) += features.row(i);
            covariateMean[b] += c[i];
        }
        batchMean.row(b) /= static_cast<double>(rows.size());
        covariateMean[b] /= static_cast<double>(rows.size());
    }
    Eigen::RowVectorXd crossProducts = Eigen::RowVectorXd::Zero(p);
    double covariateSquares = 0;
    for (Eigen::Index b = 0; b < batchCount; ++b)
        for (Eigen::Index i : members[static_cast<std::size_t>(b)]) {
            const double centred = c[i] - covariateMean[b];
            crossProducts += centred * (features.row(i) - batchMean.row(b));
            covariateSquares += centred * centred;
        }
    // A covariate constant within every batch says nothing beside the batch: no effect of its own.
    const Eigen::RowVectorXd effect =
        covariateSquares > 0 ? Eigen::RowVectorXd(crossProducts / covariateSquares) : Eigen::RowVectorXd::Zero(p);
    Eigen::RowVectorXd grandMean = Eigen::RowVectorXd::Zero(p);
    for (Eigen::Index b = 0; b < batchCount; ++b)
        grandMean += (batchMean.row(b) - covariateMean[b] * effect) *
                     static_cast<double>(members[static_cast<std::size_t>(b)].size()) / n;
    Eigen::RowVectorXd pooledVariance = Eigen::RowVectorXd::Zero(p);
    for (Eigen::Index b = 0; b < batchCount; ++b)
        for (Eigen::Index i : members[static_cast<std::size_t>(b)])
            pooledVariance +=
                (features.row(i) - batchMean.row(b) - (c[i] - covariateMean[b]) * effect).array().square().matrix();
    pooledVariance /= n;
    for (Eigen::Index j = 0; j < p; ++j)
        if (!(pooledVariance[j] > 0))
            throw Error("ComBat: feature column " + std::to_string(j) + " has no within-batch variance");
    model.pooledSd_ = pooledVariance.cwiseSqrt();
    // Standardised by each row's expected value (sva's stand.mean): the batch effects are
    // estimated net of the covariate. apply() then centres every row, training or new, on the
    // grand mean at the training rows' average covariate, since a new row's covariate (its label)
    // is not known: the same shift and scale per batch for all rows.
    const Eigen::MatrixXd standardised =
        ((features.rowwise() - grandMean) - c * effect).array().rowwise() / model.pooledSd_.array();
    model.grandMean_ = grandMean + c.mean() * effect;

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

QJsonObject ComBat::toJson() const {
    QJsonArray batches;
    for (const auto& b : batches_) batches.append(QString::fromStdString(b));
    return {{"batches", batches},
            {"grand_mean", learn::toJson(Eigen::VectorXd(grandMean_.transpose()))},
            {"pooled_sd", learn::toJson(Eigen::VectorXd(pooledSd_.transpose()))},
            {"gamma_star", learn::toJson(gammaStar_)},
            {"delta_star", learn::toJson(deltaStar_)}};
}

ComBat ComBat::fromJson(const QJsonObject& json, const std::string& what) {
    ComBat model;
    for (const auto& b : json["batches"].toArray()) model.batches_.push_back(b.toString().toStdString());
    model.grandMean_ = vectorFromJson(json["grand_mean"], what).transpose();
    model.pooledSd_ = vectorFromJson(json["pooled_sd"], what).transpose();
    model.gammaStar_ = matrixFromJson(json["gamma_star"], what);
    model.deltaStar_ = matrixFromJson(json["delta_star"], what);
    const auto batches = static_cast<Eigen::Index>(model.batches_.size());
    if (model.pooledSd_.size() != model.grandMean_.size() || model.gammaStar_.rows() != batches ||
        model.deltaStar_.rows() != batches || model.gammaStar_.cols() != model.grandMean_.size() ||
        model.deltaStar_.cols() != model.grandMean_.size())
        throw Error(what + ": the ComBat estimates do not fit together");
    return model;
}

CentreHarmonisation CentreHarmonisation::fit(const Eigen::MatrixXd& train, const std::vector<std::string>& centres,
                                             const std::vector<std::string>& names, const Eigen::VectorXd& covariate) {
    if (train.rows() != static_cast<Eigen::Index>(centres.size()) ||
        train.cols() != static_cast<Eigen::Index>(names.size()))
        throw Error("ComBat: rows and centres, or columns and names, differ in number");
    if (covariate.size() != 0 && covariate.size() != train.rows())
        throw Error("ComBat: rows and covariate values differ in number");
    std::map<std::string, std::vector<Eigen::Index>> rowsOf;
    for (std::size_t i = 0; i < centres.size(); ++i) rowsOf[centres[i]].push_back(static_cast<Eigen::Index>(i));
    std::vector<Eigen::Index> rows;
    std::vector<std::string> batch;
    for (const auto& [centre, members] : rowsOf)
        if (members.size() >= 2 && !centre.empty())  // an unknown centre is no batch
            for (Eigen::Index r : members) {
                rows.push_back(r);
                batch.push_back(centre);
            }
    CentreHarmonisation step;
    if (std::set<std::string>(batch.begin(), batch.end()).size() < 2) return step;
    Eigen::VectorXd usableCovariate(covariate.size() != 0 ? static_cast<Eigen::Index>(rows.size()) : 0);
    for (Eigen::Index k = 0; k < usableCovariate.size(); ++k)
        usableCovariate[k] = covariate[rows[static_cast<std::size_t>(k)]];
    if (!usableCovariate.allFinite()) throw Error("ComBat: the covariate has NaN or infinite values");
    std::vector<Eigen::Index> columns;
    for (Eigen::Index j = 0; j < train.cols(); ++j) {
        bool finite = true;
        struct Sums {
            double v = 0, vv = 0, c = 0, cv = 0, cc = 0;
        };
        std::map<std::string, Sums> sums;
        double scale = 0;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const double v = train(rows[k], j);
            const double c = usableCovariate.size() != 0 ? usableCovariate[static_cast<Eigen::Index>(k)] : 0.0;
            finite = finite && std::isfinite(v);
            Sums& sum = sums[batch[k]];
            sum.v += v;
            sum.vv += v * v;
            sum.c += c;
            sum.cv += c * v;
            sum.cc += c * c;
            scale = std::max(scale, std::abs(v));
        }
        if (!finite) continue;
        // Sums of squares and products within the centres; the residual is what is left of the
        // feature's once the covariate's within-centre effect is taken out.
        double vv = 0, cv = 0, cc = 0;
        for (const auto& [centre, sum] : sums) {
            const auto count = static_cast<double>(rowsOf[centre].size());
            vv += sum.vv - sum.v * sum.v / count;
            cv += sum.cv - sum.c * sum.v / count;
            cc += sum.cc - sum.c * sum.c / count;
        }
        const double residual = cc > 0 ? vv - cv * cv / cc : vv;
        // Relative to the values' size: rounding leaves a constant column a tiny positive sum.
        if (residual > 1e-12 * std::max(1.0, scale * scale) * static_cast<double>(rows.size())) columns.push_back(j);
    }
    if (columns.size() < 2) return step;
    Eigen::MatrixXd usable(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(columns.size()));
    for (std::size_t k = 0; k < rows.size(); ++k)
        for (std::size_t c = 0; c < columns.size(); ++c)
            usable(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(c)) = train(rows[k], columns[c]);
    step.combat_ = ComBat::fit(usable, batch, usableCovariate);
    for (Eigen::Index j : columns) step.names_.push_back(names[static_cast<std::size_t>(j)]);
    return step;
}

Eigen::MatrixXd CentreHarmonisation::apply(const Eigen::MatrixXd& features, const std::vector<std::string>& centres,
                                           const std::vector<std::string>& names) const {
    if (features.rows() != static_cast<Eigen::Index>(centres.size()) ||
        features.cols() != static_cast<Eigen::Index>(names.size()))
        throw Error("ComBat: rows and centres, or columns and names, differ in number");
    Eigen::MatrixXd out = features;
    if (!active()) return out;
    std::vector<Eigen::Index> columns;
    for (const auto& name : names_) {
        const auto found = std::find(names.begin(), names.end(), name);
        if (found == names.end()) throw Error("ComBat: the features lack '" + name + "', which was harmonised");
        columns.push_back(found - names.begin());
    }
    const auto& known = combat_.batches();
    for (Eigen::Index i = 0; i < features.rows(); ++i) {
        const std::string& centre = centres[static_cast<std::size_t>(i)];
        if (std::find(known.begin(), known.end(), centre) == known.end()) continue;
        Eigen::MatrixXd row(1, static_cast<Eigen::Index>(columns.size()));
        for (std::size_t c = 0; c < columns.size(); ++c) row(0, static_cast<Eigen::Index>(c)) = features(i, columns[c]);
        if (!row.allFinite()) continue;  // a value ComBat cannot move stays as it is
        const Eigen::MatrixXd harmonised = combat_.apply(row, {centre});
        for (std::size_t c = 0; c < columns.size(); ++c)
            out(i, columns[c]) = harmonised(0, static_cast<Eigen::Index>(c));
    }
    return out;
}

QJsonObject CentreHarmonisation::toJson() const {
    QJsonArray names;
    for (const auto& name : names_) names.append(QString::fromStdString(name));
    QJsonObject json{{"features", names}};
    if (active()) json["combat"] = combat_.toJson();
    return json;
}

CentreHarmonisation CentreHarmonisation::fromJson(const QJsonObject& json, const std::string& what) {
    CentreHarmonisation step;
    for (const auto& name : json["features"].toArray()) step.names_.push_back(name.toString().toStdString());
    if (step.active()) step.combat_ = ComBat::fromJson(json["combat"].toObject(), what);
    return step;
}

double centreRSquared(const Eigen::VectorXd& values, const std::vector<std::string>& centres) {
    if (values.size() != static_cast<Eigen::Index>(centres.size()))
        throw Error("R squared: values and centres differ in number");
    if (!values.allFinite() || values.size() == 0) return std::nan("");
    const double mean = values.mean();
    const double total = (values.array() - mean).square().sum();
    if (!(total > 0)) return std::nan("");
    std::map<std::string, std::pair<double, int>> groups;
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        auto& g = groups[centres[static_cast<std::size_t>(i)]];
        g.first += values[i];
        ++g.second;
    }
    double between = 0;
    for (const auto& [centre, g] : groups) between += g.second * std::pow(g.first / g.second - mean, 2);
    return between / total;
}

}  // namespace drs::learn
