#include "core/stats/Correlation.h"

#include <cmath>
#include <string>

#include "core/stats/Distributions.h"
#include "core/stats/Ranks.h"
#include "core/util/Error.h"

namespace drs::stats {
namespace {

double pearsonR(const std::vector<double>& x, const std::vector<double>& y, const char* what) {
    if (x.size() != y.size()) throw Error(std::string(what) + ": the two variables differ in length");
    if (x.size() < 3) throw Error(std::string(what) + ": needs at least 3 pairs");
    const double n = static_cast<double>(x.size());
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            throw Error(std::string(what) + ": values must be finite numbers");
        mx += x[i];
        my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx == 0 || syy == 0) throw Error(std::string(what) + ": a variable is constant; the correlation is undefined");
    return sxy / std::sqrt(sxx * syy);
}

CorrelationResult withP(double r, std::size_t n) {
    CorrelationResult out;
    out.r = r;
    const double df = static_cast<double>(n) - 2;
    if (std::fabs(r) >= 1.0) {
        out.p = 0;
        return out;
    }
    out.p = studentTTwoSidedP(r * std::sqrt(df / (1 - r * r)), df);
    return out;
}

}  // namespace

CorrelationResult pearson(const std::vector<double>& x, const std::vector<double>& y) {
    return withP(pearsonR(x, y, "pearson"), x.size());
}

CorrelationResult spearman(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size()) throw Error("spearman: the two variables differ in length");
    return withP(pearsonR(midranks(x), midranks(y), "spearman"), x.size());
}

}  // namespace drs::stats
