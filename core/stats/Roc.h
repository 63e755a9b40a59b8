#pragma once
#include <string>
#include <vector>

// ROC analysis of a binary label (1 = positive/case, 0 = negative/control) against a score where
// higher means "more likely positive". No direction is guessed: a score that ranks the classes
// the wrong way gets AUC < 0.5 (pROC's direction "<").
namespace drs::stats {

struct RocPoint {
    double threshold;  // positive when score >= threshold
    double falsePositiveRate;
    double truePositiveRate;
};

// Points from (0,0) (threshold +inf) to (1,1) (threshold -inf); one point per distinct score,
// thresholds halfway between consecutive distinct scores (as pROC reports them).
std::vector<RocPoint> rocCurve(const std::vector<int>& labels, const std::vector<double>& scores);

// Area under the ROC curve; tied scores count one half (the Mann-Whitney statistic / (n1 n0)).
double auc(const std::vector<int>& labels, const std::vector<double>& scores);

struct AucWithCi {
    double auc = 0;
    double variance = 0;  // DeLong
    double ciLow = 0;     // clipped to [0, 1]
    double ciHigh = 0;
    int n = 0;
    int nPositive = 0;
};
// DeLong, DeLong & Clarke-Pearson (1988) variance via Sun & Xu's (2014) O(n log n) midrank algorithm.
AucWithCi delongCi(const std::vector<int>& labels, const std::vector<double>& scores, double level = 0.95);

struct AucComparison {
    double auc1 = 0;
    double auc2 = 0;
    double z = 0;                 // (auc1 - auc2) / sd of the difference
    double p = 1;                 // two-sided
    double degreesOfFreedom = 0;  // unpaired test only (Student's t); the paired test is normal
};
// Paired test: two scores of the same subjects (same labels), DeLong covariance of the two AUCs.
AucComparison delongPaired(const std::vector<int>& labels, const std::vector<double>& scores1,
                           const std::vector<double>& scores2);
// Unpaired test: two ROC curves on different subjects, variances add; D is referred to Student's t
// with Welch-Satterthwaite degrees of freedom, as pROC's roc.test(paired = FALSE) does.
AucComparison delongUnpaired(const std::vector<int>& labels1, const std::vector<double>& scores1,
                             const std::vector<int>& labels2, const std::vector<double>& scores2);

// Stratified bootstrap percentile CI of the AUC (resamples positives and negatives separately).
struct BootstrapCi {
    double ciLow = 0;
    double ciHigh = 0;
};
BootstrapCi bootstrapAucCi(const std::vector<int>& labels, const std::vector<double>& scores, int replicates,
                           unsigned seed, double level = 0.95);

struct ThresholdMetrics {
    double threshold = 0;
    int truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0;
    double accuracy = 0;
    double precision = 0;  // PPV; NaN when nothing is called positive
    double recall = 0;     // sensitivity
    double specificity = 0;
    double npv = 0;  // NaN when nothing is called negative
    double f1 = 0;   // NaN when precision is NaN or precision + recall = 0
};
// A subject is called positive when score >= threshold.
ThresholdMetrics metricsAtThreshold(const std::vector<int>& labels, const std::vector<double>& scores,
                                    double threshold);
// Youden's J = sensitivity + specificity - 1, maximised over the ROC thresholds (the lowest
// threshold wins a tie, as pROC's coords(best.method = "youden") lists it first).
ThresholdMetrics youdenMetrics(const std::vector<int>& labels, const std::vector<double>& scores);

// Throws Error (naming `what`) unless labels are 0/1 with both classes, sizes match, scores finite.
void checkBinaryScores(const std::vector<int>& labels, const std::vector<double>& scores, const std::string& what);

}  // namespace drs::stats
