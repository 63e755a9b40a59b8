#pragma once
// Trains the Deep-CT network on labelled 160x160 patches: stratified validation split,
// augmentation, class-weighted cross-entropy, Adam with weight decay, early stopping on the
// validation AUC, seeded and deterministic on the CPU. A multi-task network (one output per task)
// trains on every (patch, output) pair whose label is known. LibTorch only: no Qt headers.
#include <string>
#include <vector>

#include "core/pipeline/DeepCtPort.h"
#include "models/DeepCtNet.h"

namespace drs::models {

struct TrainedDeepCt {
    std::shared_ptr<DeepCtNetImpl> net;  // on the CPU, in eval mode, best validation epoch restored
    bool pretrainedWeightsUsed = false;
    std::string imagenetWeightsSha256;
    double bestValidationAuc = 0;               // mean over the outputs with both classes in validation
    std::vector<double> validationAucByOutput;  // of the kept epoch; NaN where a class is missing
    int bestEpoch = 0;
    int epochsRun = 0;
    int batchSize = 0;
    std::string batchSizeChoice;  // "explicit" or how the automatic choice was made
    bool mixedPrecision = false;  // float16 autocast was used (CUDA only)
    std::size_t trainingCount = 0;
    std::size_t validationCount = 0;
    std::vector<std::string> validationPatientIds;
    std::string log;
};

// Throws drs::Error (bad patches, labels, options or weights) or drs::Cancelled.
// Single task: each patch's DeepPatch::label.
TrainedDeepCt trainDeepCt(const std::vector<DeepPatch>& patches, const DeepCtOptions& options, Progress& progress);
// One output per row of `labels` (labels[output][patch]: 0, 1 or -1 unknown). The validation split
// is stratified on every output at once (iterative stratification, core/pipeline/StudySplit.h)
// when there is more than one; each output needs options.minimumClassCount patients of each class.
TrainedDeepCt trainDeepCt(const std::vector<DeepPatch>& patches, const OutputLabels& labels,
                          const DeepCtOptions& options, Progress& progress);

// The training loss: class-weighted cross-entropy averaged over the (patch, output) pairs whose
// label is known, sum(w * loss) / sum(w) as PyTorch's weighted mean, so one output gives exactly
// cross_entropy(logits, labels, weight). logits [N, 2 * outputs], labels [N, outputs] (long, -1 =
// unknown), classWeights [outputs, 2]. A pair with label -1 contributes nothing; a batch
// without a known label has no loss (undefined tensor).
torch::Tensor maskedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels,
                                 const torch::Tensor& classWeights);

// Throws drs::Error naming the patient when a patch is not 160 x 160, has non-finite pixels, or
// lacks the tumour mask a network that sees the tumour needs.
void checkPatch(const DeepPatch& patch, bool seesTumour);

// Throws drs::Error naming the setting when the options cannot train (epochs, batch, learning
// rate and schedule, augmentation ranges, validation fraction).
void checkTrainingOptions(const DeepCtOptions& options);

// The network the options describe (3 input channels when ImageNet weights are given).
DeepCtNetConfig networkConfig(const DeepCtOptions& options);

// Sets the calling thread's intra-op threads (0 = all cores) and LibTorch's deterministic mode;
// seeds its default generator.
void makeDeterministic(std::uint64_t seed, int threads);

// Deep features and P(label = 1) of each output for each patch, in order, batched, without
// gradients.
struct Inference {
    std::vector<DeepFeatures> features;
    std::vector<std::vector<double>> probabilityByOutput;  // [output][patch]
};
Inference runInference(DeepCtNetImpl& net, const std::vector<DeepPatch>& patches, int batchSize = 16);

}  // namespace drs::models
