#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace drs::learn {

// z-score per column with the population standard deviation (divide by n), fitted on training
// rows only and applied unchanged to any other rows.
class ZScore {
public:
    // Throws Error naming the feature (from `names` when given) if a column is constant.
    static ZScore fit(const Eigen::MatrixXd& train, const std::vector<std::string>& names = {});
    Eigen::MatrixXd apply(const Eigen::MatrixXd& rows) const;
    const Eigen::RowVectorXd& means() const { return means_; }
    const Eigen::RowVectorXd& sds() const { return sds_; }
    static ZScore fromParameters(Eigen::RowVectorXd means, Eigen::RowVectorXd sds);

private:
    Eigen::RowVectorXd means_;
    Eigen::RowVectorXd sds_;
};

}  // namespace drs::learn
