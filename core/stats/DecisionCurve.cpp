#include "core/stats/DecisionCurve.h"

#include "core/stats/Roc.h"
#include "core/util/Error.h"

namespace drs::stats {

std::vector<NetBenefitPoint> decisionCurve(const std::vector<int>& labels, const std::vector<double>& probabilities,
                                           const std::vector<double>& thresholds) {
    checkBinaryScores(labels, probabilities, "decisionCurve");
    const auto n = static_cast<double>(labels.size());
    double prevalence = 0;
    for (int y : labels) prevalence += y / n;
    std::vector<NetBenefitPoint> curve;
    for (double t : thresholds) {
        if (!(t > 0 && t < 1)) throw Error("decisionCurve: thresholds must lie strictly between 0 and 1");
        const double odds = t / (1 - t);
        double truePositives = 0, falsePositives = 0;
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (probabilities[i] >= t) (labels[i] == 1 ? truePositives : falsePositives) += 1;
        curve.push_back({t, truePositives / n - falsePositives / n * odds, prevalence - (1 - prevalence) * odds});
    }
    return curve;
}

}  // namespace drs::stats
