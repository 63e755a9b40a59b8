#include "core/explain/CorrelationSummary.h"

#include <cmath>
#include <vector>

#include "core/util/Error.h"

namespace drs::explain {
namespace {

Eigen::MatrixXd standardisedColumns(const Eigen::MatrixXd& m) {
    const Eigen::MatrixXd centred = m.rowwise() - m.colwise().mean();
    const Eigen::RowVectorXd norms = centred.colwise().norm();
    for (Eigen::Index j = 0; j < norms.size(); ++j)
        if (!(norms[j] > 0)) throw Error("correlation: column " + std::to_string(j) + " is constant");
    return centred.array().rowwise() / norms.array();
}

}  // namespace

Eigen::MatrixXd crossCorrelation(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    if (a.rows() != b.rows()) throw Error("correlation: the two sets have different row counts");
    if (a.rows() < 3) throw Error("correlation: needs at least 3 rows");
    return standardisedColumns(a).transpose() * standardisedColumns(b);
}

CorrelationSummary summarise(const Eigen::MatrixXd& correlation, bool offDiagonalOnly) {
    std::vector<double> values;
    for (Eigen::Index i = 0; i < correlation.rows(); ++i)
        for (Eigen::Index j = offDiagonalOnly ? i + 1 : 0; j < correlation.cols(); ++j)
            values.push_back(std::fabs(correlation(i, j)));
    if (values.empty()) throw Error("correlation summary: no pairs to summarise");
    CorrelationSummary s;
    s.pairs = static_cast<int>(values.size());
    for (double v : values) {
        s.maxAbsR = std::max(s.maxAbsR, v);
        s.meanAbsR += v / static_cast<double>(values.size());
    }
    if (values.size() > 1) {
        double spread = 0;
        for (double v : values) spread += (v - s.meanAbsR) * (v - s.meanAbsR);
        s.sdAbsR = std::sqrt(spread / static_cast<double>(values.size() - 1));
    }
    return s;
}

}  // namespace drs::explain
