#include "core/learn/Scaler.h"

#include "core/util/Error.h"

namespace drs::learn {

ZScore ZScore::fit(const Eigen::MatrixXd& train, const std::vector<std::string>& names) {
    if (train.rows() < 2) throw Error("z-score: needs at least 2 training rows");
    ZScore z;
    z.means_ = train.colwise().mean();
    z.sds_ = ((train.rowwise() - z.means_).array().square().colwise().sum() / static_cast<double>(train.rows())).sqrt();
    for (Eigen::Index c = 0; c < z.sds_.size(); ++c) {
        if (!(z.sds_[c] > 0)) {
            const std::string name =
                c < static_cast<Eigen::Index>(names.size()) ? "'" + names[c] + "'" : "column " + std::to_string(c);
            throw Error("z-score: feature " + name + " is constant in the training rows");
        }
    }
    return z;
}

Eigen::MatrixXd ZScore::apply(const Eigen::MatrixXd& rows) const {
    if (rows.cols() != means_.size()) throw Error("z-score: the table has a different number of features than the fit");
    return (rows.rowwise() - means_).array().rowwise() / sds_.array();
}

ZScore ZScore::fromParameters(Eigen::RowVectorXd means, Eigen::RowVectorXd sds) {
    if (means.size() != sds.size()) throw Error("z-score: means and SDs differ in length");
    ZScore z;
    z.means_ = std::move(means);
    z.sds_ = std::move(sds);
    return z;
}

}  // namespace drs::learn
