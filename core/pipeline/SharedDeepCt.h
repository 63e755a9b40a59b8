#pragma once
// Deep-CT networks shared by every endpoint of a run, so the deep models can be cross-validated
// honestly: the outer folds of the first CV repeat come from one plan shared by every endpoint,
// and each fold gets one multi-task network (an output per endpoint) trained on that fold's
// training patients only, its early-stopping validation patients drawn from them. The final
// network learns from every training patient. Plain C++: no LibTorch.
#include <cstdint>
#include <string>
#include <vector>

#include "core/pipeline/DeepCtPort.h"
#include "core/util/Progress.h"

namespace drs {

struct DeepPlan {
    std::vector<std::string> outputs;   // the endpoint of each network output
    std::vector<std::string> patients;  // training patients with a label for some output
    OutputLabels labels;                // [output][patient]: 0, 1 or -1 (unknown)
    std::vector<int> foldOf;            // outer fold of each patient, 0 .. folds - 1
    int folds = 0;

    int outputOf(const std::string& endpoint) const;  // -1: the endpoint has no output
};

// labelsByEndpoint[e][p] belongs to the training patient patients[p]. An endpoint gets an output
// when its rarer class holds at least minimumClassCount training patients (the rule by which an
// endpoint is analysed at all); patients without a label for any output are left out. The folds
// deal every output's classes evenly at once (iterativeStratifiedFolds).
DeepPlan planSharedNetworks(const std::vector<std::string>& endpoints, const std::vector<std::string>& patients,
                            const std::vector<std::vector<int>>& labelsByEndpoint, int minimumClassCount, int folds,
                            std::uint64_t seed);

// The network of outer fold `fold` (kFinalNetwork: the final one) trained on the plan's patients
// outside that fold with their labels, and the deep features of `all`. planPatches follow the
// plan's patient order. A rarer class below options.minimumClassCount in the training patients
// lowers it to what they hold, and `note` says so.
constexpr int kFinalNetwork = -1;
DeepCtResult trainSharedNetwork(const DeepPlan& plan, int fold, const std::vector<DeepPatch>& planPatches,
                                const std::vector<DeepPatch>& all, DeepCtOptions options,
                                const std::string& modelPathOut, DeepCtPort& deep, Progress& progress,
                                std::string* note = nullptr);

}  // namespace drs
