#pragma once
#include <QJsonObject>
#include <string>
#include <vector>

#include <Eigen/Dense>

// ComBat harmonisation of features across batches (centres, scanners): Johnson, Li & Rabinovic
// (2007), parametric empirical Bayes, location and scale - the algorithm of R sva::ComBat(dat,
// batch, mod = NULL, par.prior = TRUE). Fitted on training rows only; the stored estimates are
// applied unchanged to new rows from the same batches. With a covariate (the label) the batch
// effects are estimated net of it, as sva's mod = model.matrix(~covariate) does, so that a
// prevalence that differs by batch is not taken for a scanner effect; every row is then moved by
// its batch's shift and scale alone, since a new row's covariate is not known (sva would also
// add each training row's own covariate term back).
namespace drs::learn {

class ComBat {
public:
    // rows = samples, columns = features; batch[i] names the batch of row i; covariate: one value
    // per row, or empty for none. Every batch needs at least 2 rows, and every feature non-zero
    // variance within the pooled residuals.
    static ComBat fit(const Eigen::MatrixXd& features, const std::vector<std::string>& batch,
                      const Eigen::VectorXd& covariate = Eigen::VectorXd());
    // Harmonised features; throws Error for a batch that was not in the training rows.
    Eigen::MatrixXd apply(const Eigen::MatrixXd& features, const std::vector<std::string>& batch) const;

    const std::vector<std::string>& batches() const { return batches_; }

    QJsonObject toJson() const;
    static ComBat fromJson(const QJsonObject& json, const std::string& what);

private:
    std::vector<std::string> batches_;
    Eigen::RowVectorXd grandMean_;
    Eigen::RowVectorXd pooledSd_;
    Eigen::MatrixXd gammaStar_;  // batch x feature: additive effect (standardised scale)
    Eigen::MatrixXd deltaStar_;  // batch x feature: multiplicative effect (variance)
};

// ComBat by centre as a step of a feature chain: fitted on training rows only, applied with the
// training estimates to any rows. Columns are named, so the estimates apply to any table holding
// those features. What ComBat cannot estimate passes through unchanged: columns that are not
// finite in training or have no within-centre variance, rows of centres with fewer than 2
// training rows or absent from training (an unseen scanner has no estimates), and rows whose centre
// is unknown (empty), which are no batch of their own. With fewer than 2
// usable centres or 2 usable columns the step is the identity.
class CentreHarmonisation {
public:
    // covariate: one value per training row (the label), or empty for none (ComBat above).
    static CentreHarmonisation fit(const Eigen::MatrixXd& train, const std::vector<std::string>& centres,
                                   const std::vector<std::string>& names,
                                   const Eigen::VectorXd& covariate = Eigen::VectorXd());
    // features' columns are named by `names` (any order, any superset of the harmonised ones).
    Eigen::MatrixXd apply(const Eigen::MatrixXd& features, const std::vector<std::string>& centres,
                          const std::vector<std::string>& names) const;

    bool active() const { return !names_.empty(); }
    const std::vector<std::string>& harmonisedFeatures() const { return names_; }
    const std::vector<std::string>& centres() const { return combat_.batches(); }

    QJsonObject toJson() const;
    static CentreHarmonisation fromJson(const QJsonObject& json, const std::string& what);

private:
    std::vector<std::string> names_;
    ComBat combat_;
};

// R² of a one-way ANOVA: the share of a feature's variance that its centre explains (between-centre
// sum of squares over the total). NaN for a constant or non-finite column.
double centreRSquared(const Eigen::VectorXd& values, const std::vector<std::string>& centres);

}  // namespace drs::learn
