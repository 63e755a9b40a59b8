#include "core/stats/Roc.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <Eigen/Dense>

#include "core/stats/Descriptive.h"
#include "core/stats/Distributions.h"
#include "core/stats/Ranks.h"
#include "core/util/Error.h"
#include "core/util/PortableRandom.h"

namespace drs::stats {
namespace {

// Sun & Xu's structural components: for each positive V10 = P(score of a random negative is
// below it), for each negative V01 = P(score of a random positive is above it), ties one half.
struct Components {
    Eigen::VectorXd v10;  // per positive
    Eigen::VectorXd v01;  // per negative
    double auc = 0;
};

Components components(const std::vector<int>& labels, const std::vector<double>& scores) {
    std::vector<double> positives;
    std::vector<double> negatives;
    for (std::size_t i = 0; i < labels.size(); ++i) (labels[i] == 1 ? positives : negatives).push_back(scores[i]);
    const auto m = static_cast<double>(positives.size());
    const auto n = static_cast<double>(negatives.size());
    std::vector<double> all = positives;
    all.insert(all.end(), negatives.begin(), negatives.end());
    const std::vector<double> rankAll = midranks(all);
    const std::vector<double> rankPositive = midranks(positives);
    const std::vector<double> rankNegative = midranks(negatives);
    Components c;
    c.v10.resize(positives.size());
    c.v01.resize(negatives.size());
    for (std::size_t i = 0; i < positives.size(); ++i) c.v10[i] = (rankAll[i] - rankPositive[i]) / n;
    for (std::size_t j = 0; j < negatives.size(); ++j)
        c.v01[j] = 1.0 - (rankAll[positives.size() + j] - rankNegative[j]) / m;
    c.auc = c.v10.mean();
    return c;
}

double sampleCovariance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    return ((a.array() - a.mean()) * (b.array() - b.mean())).sum() / static_cast<double>(a.size() - 1);
}

double delongVariance(const Components& c) {
    return sampleCovariance(c.v10, c.v10) / static_cast<double>(c.v10.size()) +
           sampleCovariance(c.v01, c.v01) / static_cast<double>(c.v01.size());
}

void checkEnoughForVariance(const Components& c, const std::string& what) {
    if (c.v10.size() < 2 || c.v01.size() < 2)
        throw Error(what + ": DeLong variance needs at least 2 positives and 2 negatives");
}

ThresholdMetrics fill(double threshold, int tp, int fp, int tn, int fn) {
    ThresholdMetrics m;
    m.threshold = threshold;
    m.truePositives = tp;
    m.falsePositives = fp;
    m.trueNegatives = tn;
    m.falseNegatives = fn;
    const double nan = std::nan("");
    m.accuracy = static_cast<double>(tp + tn) / (tp + fp + tn + fn);
    m.precision = tp + fp > 0 ? static_cast<double>(tp) / (tp + fp) : nan;
    m.recall = static_cast<double>(tp) / (tp + fn);
    m.specificity = static_cast<double>(tn) / (tn + fp);
    m.npv = tn + fn > 0 ? static_cast<double>(tn) / (tn + fn) : nan;
    m.f1 = (std::isnan(m.precision) || m.precision + m.recall == 0)
               ? nan
               : 2 * m.precision * m.recall / (m.precision + m.recall);
    return m;
}

}  // namespace

void checkBinaryScores(const std::vector<int>& labels, const std::vector<double>& scores, const std::string& what) {
    if (labels.size() != scores.size())
        throw Error(what + ": " + std::to_string(labels.size()) + " labels but " + std::to_string(scores.size()) +
                    " scores");
    int positives = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != 0 && labels[i] != 1)
            throw Error(what + ": label " + std::to_string(labels[i]) + " at row " + std::to_string(i) +
                        " is not 0 or 1");
        if (!std::isfinite(scores[i]))
            throw Error(what + ": score at row " + std::to_string(i) + " is not a finite number");
        positives += labels[i];
    }
    if (positives == 0 || positives == static_cast<int>(labels.size()))
        throw Error(what + ": only one class present (" + std::to_string(positives) + " positives of " +
                    std::to_string(labels.size()) + "); AUC is undefined");
}

std::vector<RocPoint> rocCurve(const std::vector<int>& labels, const std::vector<double>& scores) {
    checkBinaryScores(labels, scores, "rocCurve");
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    const double positives = std::accumulate(labels.begin(), labels.end(), 0.0);
    const double negatives = static_cast<double>(labels.size()) - positives;
    std::vector<RocPoint> curve{{std::numeric_limits<double>::infinity(), 0.0, 0.0}};
    double tp = 0;
    double fp = 0;
    for (std::size_t k = 0; k < order.size();) {
        const double value = scores[order[k]];
        for (; k < order.size() && scores[order[k]] == value; ++k) (labels[order[k]] == 1 ? tp : fp) += 1;
        const double next = k < order.size() ? scores[order[k]] : -std::numeric_limits<double>::infinity();
        curve.push_back({std::isinf(next) ? next : 0.5 * (value + next), fp / negatives, tp / positives});
    }
    return curve;
}

double auc(const std::vector<int>& labels, const std::vector<double>& scores) {
    checkBinaryScores(labels, scores, "auc");
    return components(labels, scores).auc;
}

AucWithCi delongCi(const std::vector<int>& labels, const std::vector<double>& scores, double level) {
    checkBinaryScores(labels, scores, "delongCi");
    const Components c = components(labels, scores);
    checkEnoughForVariance(c, "delongCi");
    AucWithCi out;
    out.auc = c.auc;
    out.variance = delongVariance(c);
    const double half = normalQuantile(0.5 + 0.5 * level) * std::sqrt(out.variance);
    out.ciLow = std::clamp(c.auc - half, 0.0, 1.0);
    out.ciHigh = std::clamp(c.auc + half, 0.0, 1.0);
    out.n = static_cast<int>(labels.size());
    out.nPositive = static_cast<int>(c.v10.size());
    return out;
}

AucComparison delongPaired(const std::vector<int>& labels, const std::vector<double>& scores1,
                           const std::vector<double>& scores2) {
    checkBinaryScores(labels, scores1, "delongPaired (first score)");
    checkBinaryScores(labels, scores2, "delongPaired (second score)");
    const Components a = components(labels, scores1);
    const Components b = components(labels, scores2);
    checkEnoughForVariance(a, "delongPaired");
    const double m = static_cast<double>(a.v10.size());
    const double n = static_cast<double>(a.v01.size());
    const double varianceOfDifference =
        (sampleCovariance(a.v10, a.v10) + sampleCovariance(b.v10, b.v10) - 2 * sampleCovariance(a.v10, b.v10)) / m +
        (sampleCovariance(a.v01, a.v01) + sampleCovariance(b.v01, b.v01) - 2 * sampleCovariance(a.v01, b.v01)) / n;
    AucComparison out;
    out.auc1 = a.auc;
    out.auc2 = b.auc;
    if (varianceOfDifference <= 0) {
        if (a.auc != b.auc) throw Error("delongPaired: zero variance of the AUC difference with different AUCs");
        return out;  // identical rankings: no evidence of a difference
    }
    out.z = (a.auc - b.auc) / std::sqrt(varianceOfDifference);
    out.p = normalTwoSidedP(out.z);
    return out;
}

AucComparison delongUnpaired(const std::vector<int>& labels1, const std::vector<double>& scores1,
                             const std::vector<int>& labels2, const std::vector<double>& scores2) {
    const AucWithCi a = delongCi(labels1, scores1);
    const AucWithCi b = delongCi(labels2, scores2);
    AucComparison out;
    out.auc1 = a.auc;
    out.auc2 = b.auc;
    const double variance = a.variance + b.variance;
    if (variance <= 0) return out;
    out.z = (a.auc - b.auc) / std::sqrt(variance);
    // pROC refers D to Student's t with Welch-Satterthwaite degrees of freedom over subject counts.
    out.degreesOfFreedom =
        variance * variance / (a.variance * a.variance / (a.n - 1) + b.variance * b.variance / (b.n - 1));
    out.p = studentTTwoSidedP(out.z, out.degreesOfFreedom);
    return out;
}

BootstrapCi bootstrapAucCi(const std::vector<int>& labels, const std::vector<double>& scores, int replicates,
                           unsigned seed, double level) {
    checkBinaryScores(labels, scores, "bootstrapAucCi");
    if (replicates < 10) throw Error("bootstrapAucCi: needs at least 10 replicates");
    std::vector<double> positives;
    std::vector<double> negatives;
    for (std::size_t i = 0; i < labels.size(); ++i) (labels[i] == 1 ? positives : negatives).push_back(scores[i]);
    std::mt19937_64 random(seed);
    std::vector<double> aucs;
    aucs.reserve(replicates);
    std::vector<int> sampleLabels;
    std::vector<double> sampleScores;
    for (int r = 0; r < replicates; ++r) {
        sampleLabels.clear();
        sampleScores.clear();
        for (const auto* group : {&positives, &negatives}) {
            for (std::size_t k = 0; k < group->size(); ++k) {
                sampleScores.push_back((*group)[uniformIndex(random, group->size())]);
                sampleLabels.push_back(group == &positives ? 1 : 0);
            }
        }
        aucs.push_back(components(sampleLabels, sampleScores).auc);
    }
    std::sort(aucs.begin(), aucs.end());
    // Type-7 quantiles (R's default), as pROC's percentile interval uses.
    return {quantileOfSorted(aucs, 0.5 - 0.5 * level), quantileOfSorted(aucs, 0.5 + 0.5 * level)};
}

ThresholdMetrics metricsAtThreshold(const std::vector<int>& labels, const std::vector<double>& scores,
                                    double threshold) {
    checkBinaryScores(labels, scores, "metricsAtThreshold");
    int tp = 0, fp = 0, tn = 0, fn = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const bool calledPositive = scores[i] >= threshold;
        if (labels[i] == 1)
            (calledPositive ? tp : fn) += 1;
        else
            (calledPositive ? fp : tn) += 1;
    }
    return fill(threshold, tp, fp, tn, fn);
}

ThresholdMetrics youdenMetrics(const std::vector<int>& labels, const std::vector<double>& scores) {
    const std::vector<RocPoint> curve = rocCurve(labels, scores);
    // Scan from the lowest threshold upward so the first maximum kept is the lowest threshold.
    const RocPoint* best = nullptr;
    double bestJ = -2;
    for (auto it = curve.rbegin(); it != curve.rend(); ++it) {
        const double j = it->truePositiveRate - it->falsePositiveRate;
        if (j > bestJ + 1e-15) {
            bestJ = j;
            best = &*it;
        }
    }
    return metricsAtThreshold(labels, scores, best->threshold);
}

}  // namespace drs::stats
