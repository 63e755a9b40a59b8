#pragma once
#include <cmath>
#include <string>
#include <vector>

namespace drs {

// The table `drs deep-compare` writes (docs/deep-models.md): Deep-CT trained once per backbone on
// the same patients, with the shape of the paper's Table 2 on the training part, the validation
// quarter (early stopping's) and the test rows, the backbones ranked by validation AUC.

struct MetricWithCi {
    double value = NAN, ciLow = NAN, ciHigh = NAN;  // NaN: not defined (e.g. PPV with no positive call)
};

struct BackboneSubset {
    std::string subset;  // training, validation or test
    int patients = 0, positives = 0;
    MetricWithCi auc, accuracy, sensitivity, specificity, ppv, npv;
};

struct BackboneResult {
    std::string backbone;
    int rank = 0;  // by validation AUC, 1 = chosen; never by test AUC
    bool pretrained = false;
    int epochsRun = 0;
    std::vector<BackboneSubset> subsets;  // training, validation, test (those present)
    // The named subset, or null.
    const BackboneSubset* subset(const std::string& name) const;
};

struct BackboneComparison {
    std::vector<BackboneResult> backbones;  // by rank, best first
};

// Reads a `drs deep-compare` CSV. Errors name the file, the line and the problem (a missing column,
// a value that is not a number, an unknown subset, a backbone with two ranks, no row at all).
BackboneComparison readBackboneComparison(const std::string& path);

}  // namespace drs
