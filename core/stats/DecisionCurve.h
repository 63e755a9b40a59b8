#pragma once
#include <vector>

// Decision-curve analysis (Vickers & Elkin 2006).
namespace drs::stats {

struct NetBenefitPoint {
    double threshold = 0;  // probability threshold p_t, in (0, 1)
    double model = 0;      // TP/n - FP/n * p_t / (1 - p_t), treating when probability >= p_t
    double treatAll = 0;   // prevalence - (1 - prevalence) * p_t / (1 - p_t)
    // treat none is 0 at every threshold
};

std::vector<NetBenefitPoint> decisionCurve(const std::vector<int>& labels, const std::vector<double>& probabilities,
                                           const std::vector<double>& thresholds);

}  // namespace drs::stats
