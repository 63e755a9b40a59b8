#pragma once
#include <vector>

namespace drs::stats {

struct CorrelationResult {
    double r = 0;
    double p = 1;  // two-sided, t distribution with n - 2 degrees of freedom
};

// Pearson product-moment correlation (R: cor.test(x, y, method = "pearson")).
CorrelationResult pearson(const std::vector<double>& x, const std::vector<double>& y);
// Spearman's rho = Pearson correlation of the midranks; p from the t approximation
// (R: cor.test(x, y, method = "spearman", exact = FALSE)).
CorrelationResult spearman(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace drs::stats
