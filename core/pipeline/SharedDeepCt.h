#pragma once
// Deep-CT networks shared by every endpoint of a run, so the deep models can be cross-validated
// honestly: the outer folds of the first CV repeats come from one plan shared by every endpoint,
// and each fold of each of those repeats gets one multi-task network (an output per endpoint)
// trained on that fold's training patients only, its early-stopping validation patients drawn from
// them. The final network learns from every training patient. Plain C++: no LibTorch.
#include <cstdint>
#include <string>
#include <vector>

#include "core/pipeline/DeepCtPort.h"
#include "core/util/Progress.h"

namespace drs {

struct DeepPlan {
    std::vector<std::string> outputs;      // the endpoint of each network output
    std::vector<std::string> patients;     // training patients with a label for some output
    OutputLabels labels;                   // [output][patient]: 0, 1 or -1 (unknown)
    std::vector<std::vector<int>> foldOf;  // [repeat][patient]: outer fold, 0 .. folds - 1
    int folds = 0;

    int outputOf(const std::string& endpoint) const;  // -1: the endpoint has no output
    int repeats() const { return static_cast<int>(foldOf.size()); }
};

// One network of a plan: the one of outer fold `fold` of CV repeat `repeat`, or the final one.
constexpr int kFinalNetwork = -1;
struct SharedNetworkId {
    int repeat = 0;
    int fold = kFinalNetwork;

    bool final() const { return fold == kFinalNetwork; }
};

// labelsByEndpoint[e][p] belongs to the training patient patients[p]. An endpoint gets an output
// when its rarer class holds at least minimumClassCount training patients (the rule by which an
// endpoint is analysed at all); patients without a label for any output are left out. The folds
// of each repeat deal every output's classes evenly at once (iterativeStratifiedFolds); the first
// repeat's are drawn with `seed` itself, so adding repeats leaves it as it was.
DeepPlan planSharedNetworks(const std::vector<std::string>& endpoints, const std::vector<std::string>& patients,
                            const std::vector<std::vector<int>>& labelsByEndpoint, int minimumClassCount, int folds,
                            int repeats, std::uint64_t seed);

// "network of outer fold 2 of 5, repeat 1 of 3", "network of all training patients".
std::string describeNetwork(SharedNetworkId id, const DeepPlan& plan);

// The network `id` trained on the plan's patients outside its fold (all of them for the final
// network) with their labels, and the deep features of `all`. planPatches follow the plan's
// patient order. A rarer class below options.minimumClassCount in the training patients lowers it
// to what they hold, and `note` says so (without naming the network, so that the notes of many
// networks can be told once).
DeepCtResult trainSharedNetwork(const DeepPlan& plan, SharedNetworkId id, const std::vector<DeepPatch>& planPatches,
                                const std::vector<DeepPatch>& all, DeepCtOptions options,
                                const std::string& modelPathOut, DeepCtPort& deep, Progress& progress,
                                std::string* note = nullptr);

}  // namespace drs
