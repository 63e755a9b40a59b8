#include "core/pipeline/SharedDeepCt.h"

#include <algorithm>

#include "core/pipeline/StudySplit.h"
#include "core/util/Error.h"

namespace drs {

int DeepPlan::outputOf(const std::string& endpoint) const {
    const auto found = std::find(outputs.begin(), outputs.end(), endpoint);
    return found == outputs.end() ? -1 : static_cast<int>(found - outputs.begin());
}

DeepPlan planSharedNetworks(const std::vector<std::string>& endpoints, const std::vector<std::string>& patients,
                            const std::vector<std::vector<int>>& labelsByEndpoint, int minimumClassCount, int folds,
                            int repeats, std::uint64_t seed) {
    if (repeats < 1) throw Error("shared Deep-CT: at least one CV repeat is needed");
    if (labelsByEndpoint.size() != endpoints.size()) throw Error("shared Deep-CT: one label list per endpoint needed");
    DeepPlan plan;
    OutputLabels outputLabels;
    for (std::size_t e = 0; e < endpoints.size(); ++e) {
        const auto& labels = labelsByEndpoint[e];
        if (labels.size() != patients.size()) throw Error("shared Deep-CT: labels of " + endpoints[e] + " not aligned");
        const auto positives = std::count(labels.begin(), labels.end(), 1);
        const auto negatives = std::count(labels.begin(), labels.end(), 0);
        if (std::min(positives, negatives) < minimumClassCount) continue;
        plan.outputs.push_back(endpoints[e]);
        outputLabels.push_back(labels);
    }
    if (plan.outputs.empty())
        throw Error("shared Deep-CT: no endpoint has " + std::to_string(minimumClassCount) +
                    " training patients in each class");
    plan.labels.resize(plan.outputs.size());
    for (std::size_t p = 0; p < patients.size(); ++p) {
        const bool labelled =
            std::any_of(outputLabels.begin(), outputLabels.end(), [&](const auto& output) { return output[p] >= 0; });
        if (!labelled) continue;
        plan.patients.push_back(patients[p]);
        for (std::size_t t = 0; t < outputLabels.size(); ++t) plan.labels[t].push_back(outputLabels[t][p]);
    }
    plan.folds = folds;
    for (int r = 0; r < repeats; ++r)
        plan.foldOf.push_back(iterativeStratifiedFolds(plan.labels, plan.patients.size(), folds,
                                                       r == 0 ? seed : seed * 1000003ULL + static_cast<unsigned>(r)));
    return plan;
}

std::string describeNetwork(SharedNetworkId id, const DeepPlan& plan) {
    if (id.final()) return "network of all training patients";
    std::string name = "network of outer fold " + std::to_string(id.fold + 1) + " of " + std::to_string(plan.folds);
    if (plan.repeats() > 1)
        name += ", repeat " + std::to_string(id.repeat + 1) + " of " + std::to_string(plan.repeats());
    return name;
}

DeepCtResult trainSharedNetwork(const DeepPlan& plan, SharedNetworkId id, const std::vector<DeepPatch>& planPatches,
                                const std::vector<DeepPatch>& all, DeepCtOptions options,
                                const std::string& modelPathOut, DeepCtPort& deep, Progress& progress,
                                std::string* note) {
    if (planPatches.size() != plan.patients.size()) throw Error("shared Deep-CT: patches not aligned with the plan");
    if (!id.final() && (id.fold < 0 || id.fold >= plan.folds || id.repeat < 0 || id.repeat >= plan.repeats()))
        throw Error("shared Deep-CT: there is no outer fold " + std::to_string(id.fold + 1) + " of repeat " +
                    std::to_string(id.repeat + 1));
    std::vector<DeepPatch> training;
    OutputLabels labels(plan.outputs.size());
    for (std::size_t p = 0; p < plan.patients.size(); ++p) {
        if (!id.final() && plan.foldOf[static_cast<std::size_t>(id.repeat)][p] == id.fold)
            continue;  // the fold's held-out patients
        if (planPatches[p].patientId != plan.patients[p])
            throw Error("shared Deep-CT: patch of " + planPatches[p].patientId + " where the plan has " +
                        plan.patients[p]);
        training.push_back(planPatches[p]);
        training.back().label = -1;  // labels come per output
        for (std::size_t t = 0; t < labels.size(); ++t) labels[t].push_back(plan.labels[t][p]);
    }
    int fewest = options.minimumClassCount;
    std::string rarest;
    for (std::size_t t = 0; t < labels.size(); ++t) {
        const int positives = static_cast<int>(std::count(labels[t].begin(), labels[t].end(), 1));
        const int negatives = static_cast<int>(std::count(labels[t].begin(), labels[t].end(), 0));
        if (std::min(positives, negatives) < fewest) {
            fewest = std::min(positives, negatives);
            rarest = plan.outputs[t];
        }
    }
    if (fewest < options.minimumClassCount) {
        if (note)
            *note = rarest + " has only " + std::to_string(fewest) +
                    " training patients in its rarer class (the network asks for " +
                    std::to_string(options.minimumClassCount) + " by default)";
        options.minimumClassCount = fewest;
    }
    return deep.trainMultiTaskAndExtract(training, labels, all, options, modelPathOut, progress);
}

}  // namespace drs
