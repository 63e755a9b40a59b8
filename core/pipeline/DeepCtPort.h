#pragma once
// The port through which the pipeline trains the Deep-CT network and reads its 10 deep features
// and Grad-CAM maps without linking LibTorch. models/ implements it (models/TorchDeepCt.h);
// the application wires the implementation in. Plain C++: no Qt, no LibTorch.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/util/Error.h"
#include "core/util/Progress.h"

namespace drs {

constexpr int kDeepPatchSizePx = 160;
constexpr int kDeepFeatureCount = 10;

using DeepFeatures = std::array<float, kDeepFeatureCount>;

struct DeepPatch {
    std::string patientId;
    // 160 x 160 CT values in HU, row-major: index = y * 160 + x.
    std::vector<float> hu160x160;
    // 0 / 1 for single-task training; -1 when unknown (patients only passed for feature extraction,
    // and multi-task training, whose labels come per output).
    int label = -1;
    // The tumour on the same pixels, 0 / 1; empty when the network does not see it.
    std::vector<float> tumour160x160;
};

// Labels of a multi-task network's training patches: labelsByOutput[output][patch] is 0, 1 or -1
// (unknown: that pair adds nothing to the loss nor to the validation AUC).
using OutputLabels = std::vector<std::vector<int>>;

struct DeepCtOptions {
    // The paper's choice; the other backbones exist for the comparison (drs deep-compare):
    // densenet121 resnet50 resnet101 vgg19 vgg19_bn inception_v3.
    std::string backbone = "densenet121";
    int epochs = 30;
    // 0 = automatic: the largest of maxBatchSize, maxBatchSize / 2, ..., 2 whose training step
    // fits the memory (models/BatchSize.h); > 0 = exactly this batch.
    int batchSize = 0;
    int maxBatchSize = 8;
    // Memory the automatic batch size may plan for, in bytes; 0 = measure it (CPU: 80 % of
    // MemAvailable; CUDA: try the step on the device).
    std::int64_t memoryBudgetBytes = 0;
    double learningRate = 1e-4;
    double weightDecay = 1e-4;
    double validationFraction = 0.25;  // stratified; early stopping watches its AUC
    int earlyStoppingPatience = 6;     // epochs without a better validation AUC before stopping
    // Fewer patients of a class than this in training is refused. The pipeline lowers it for
    // rare endpoints of small cohorts and says so in the evidence notes.
    int minimumClassCount = 10;
    std::uint64_t seed = 0;
    // CPU threads of LibTorch (0 = all cores). One by default: the numbers then do not depend on
    // the machine's core count, and two OpenMP threads on a busy 2-core machine ran an epoch 3-20x
    // slower than one thread, waiting for each other (BENCHMARKS.md, "The main job").
    int threads = 1;
    // "auto" (CUDA when LibTorch has it and a GPU is present, else the CPU), "cpu" or "cuda"
    // (refused with an error when there is no CUDA device).
    std::string device = "auto";
    // torchvision ImageNet weights converted as in docs/deep-models.md; empty = train from scratch.
    std::string imagenetWeightsPath;
    // CPU-budget knobs (the paper's setting is 1 and 160). widthDivisor divides every channel
    // width of the backbone; inputSizePx resamples the 160x160 patch before the network
    // (0 = the backbone's native size: 160, or 299 for inception_v3).
    int widthDivisor = 1;
    int inputSizePx = 0;
    // What the network sees, a channel each: "lung" (the lung window below), "mediastinal" (level
    // 40, width 400 HU: the soft-tissue contrast inside a solid tumour, which the lung window
    // compresses into a twentieth of its range) and "tumour" (the outline's mask on the patch).
    std::vector<std::string> inputChannels{"lung"};
    double windowLevelHu = -600;
    double windowWidthHu = 1500;
    // Augmentation of training batches, each part a setting recorded with the run. Only what is
    // plausible for an axial chest CT patch: a left-right mirror (the other lung), small rotations
    // and a gain/offset jitter. An anterior-posterior flip turns the patient over; it is off by
    // default because it erases any front-to-back signal (the demo's `pattern`).
    bool augment = true;
    bool flipLeftRight = true;
    bool flipAnteriorPosterior = false;
    double maxRotationDeg = 10;
    double intensityJitter = 0.1;  // relative gain and offset after windowing
    // "cosine": the learning rate falls from learningRate to 0 over `epochs` by half a cosine
    // (one step per epoch); "constant": learningRate throughout.
    std::string learningRateSchedule = "cosine";
    // Between the 10 deep features and the classes: "none" (a linear head, which reads the features
    // as they are exported) or "relu" (the head of models saved before this setting). Under ReLU,
    // 4 to 9 of the 10 units of every network of the default demo never fired on any patient, so
    // the head, its early stopping and Grad-CAM saw one to six of them (BENCHMARKS.md, "A linear
    // head").
    std::string headActivation = "none";
    // float16 autocast with dynamic loss scaling on CUDA; ignored (and said so in the log) on the
    // CPU, which trains in float32.
    bool mixedPrecisionOnGpu = false;

    // The configuration of the fast demo and of CI: DenseNet121's topology at a quarter of its
    // channel widths (453 k instead of 7 M parameters, ~1/16 of the arithmetic), full 160x160
    // input so Grad-CAM keeps its 5x5 resolution, few epochs. About 1.5 s per batch of 16 on
    // one core; an endpoint of 100 patients trains in about a minute.
    static DeepCtOptions fast();
    // The paper's network: DenseNet121 at full width, one single-task network per endpoint, 25 %
    // of the training patients for validation, up to 30 epochs at lr 1e-4 (the defaults above).
    static DeepCtOptions paper();
    // What ran, for reports: "densenet121 at full width (the paper's network)" or
    // "densenet121 at 1/4 width"; the input size when it is not the native one.
    std::string describe() const;
};

constexpr double kMediastinalLevelHu = 40;
constexpr double kMediastinalWidthHu = 400;

// Throws Error naming `source` when a channel is unknown or repeated, or there is none.
void checkInputChannels(const std::vector<std::string>& channels, const std::string& source);
// "lung+mediastinal+tumour" (',' separates as well) -> the channels, checked.
std::vector<std::string> parseInputChannels(const std::string& text, const std::string& source);
bool seesTumour(const std::vector<std::string>& channels);
// Throws Error naming `source` unless the head activation is "none" or "relu".
void checkHeadActivation(const std::string& activation, const std::string& source);
std::string inputChannelsText(const std::vector<std::string>& channels);  // "lung+mediastinal+tumour"

struct DeepCtResult {
    std::vector<DeepFeatures> featuresPerPatient;  // same order as `all`
    // P(label = 1) of every patient of `all` by output of the network: [output][patient]; a
    // single-task network has one output.
    std::vector<std::vector<double>> probabilityByOutput;
    std::string modelPath;
    bool pretrainedWeightsUsed = false;
    std::string log;  // human-readable account of the run: device, configuration, epochs, AUCs
    // The validation AUC of the kept epoch: the mean over outputs whose validation patients hold
    // both classes; validationAucByOutput has each (NaN where a class is missing).
    double bestValidationAuc = 0;
    std::vector<double> validationAucByOutput;
    int epochsRun = 0;
    int batchSize = 0;  // the batch size training used (chosen automatically unless given)
    // The training patients held out for validation (early stopping), for reporting.
    std::vector<std::string> validationPatientIds;
};

class DeepCtPort {
public:
    virtual ~DeepCtPort() = default;

    // Trains a single-task network on `training` (DeepPatch::label 0/1), saves the model to
    // modelPathOut (+ a .json sidecar) and returns deep features and probabilities of every
    // patient in `all`.
    virtual DeepCtResult trainAndExtract(const std::vector<DeepPatch>& training, const std::vector<DeepPatch>& all,
                                         const DeepCtOptions& options, const std::string& modelPathOut,
                                         Progress& progress) = 0;
    // The same for a network with one output per task (e.g. per endpoint), sharing its 10 deep
    // features: labels[output][i] belongs to training[i]; the loss is the class-weighted mean
    // cross-entropy over the (patient, output) pairs whose label is known, early stopping watches
    // the mean validation AUC over outputs.
    virtual DeepCtResult trainMultiTaskAndExtract(const std::vector<DeepPatch>& training, const OutputLabels& labels,
                                                  const std::vector<DeepPatch>& all, const DeepCtOptions& options,
                                                  const std::string& modelPathOut, Progress& progress) = 0;
    // How many trainings with these options may run at once, each on its own thread, on `threads`
    // CPU threads without changing any training's numbers. One unless an implementation says more.
    virtual int trainingsAtOnce(const DeepCtOptions&, int /*threads*/) const { return 1; }
    // What trains and runs the networks with these options, for the run's record: the library with
    // its version and the device, e.g. "LibTorch 1.13.0 on the CPU, 1 thread".
    virtual std::string backend(const DeepCtOptions& options) const = 0;
    virtual std::vector<DeepFeatures> extract(const std::string& modelPath, const std::vector<DeepPatch>& patches) = 0;
    // P(label = 1) of the network's output `output` (0 for a single-task network).
    virtual std::vector<double> predict(const std::string& modelPath, const std::vector<DeepPatch>& patches,
                                        int output) = 0;
    // Grad-CAM of the positive class of output `output` on the last convolutional block: 160 x 160
    // values in [0, 1], row-major like DeepPatch::hu160x160.
    virtual std::vector<float> gradCam(const std::string& modelPath, const DeepPatch& patch, int output) = 0;
};

inline DeepCtOptions DeepCtOptions::fast() {
    DeepCtOptions options;
    options.epochs = 8;
    options.maxBatchSize = 16;
    options.learningRate = 1e-3;
    options.earlyStoppingPatience = 3;
    options.widthDivisor = 4;
    return options;
}

inline DeepCtOptions DeepCtOptions::paper() { return DeepCtOptions{}; }

inline bool seesTumour(const std::vector<std::string>& channels) {
    for (const auto& channel : channels)
        if (channel == "tumour") return true;
    return false;
}

inline void checkHeadActivation(const std::string& activation, const std::string& source) {
    if (activation != "none" && activation != "relu")
        throw Error(source + ": head activation '" + activation + "' is unknown (none or relu)");
}

inline void checkInputChannels(const std::vector<std::string>& channels, const std::string& source) {
    if (channels.empty()) throw Error(source + ": input channel '' is unknown (lung, mediastinal, tumour)");
    for (std::size_t c = 0; c < channels.size(); ++c) {
        if (channels[c] != "lung" && channels[c] != "mediastinal" && channels[c] != "tumour")
            throw Error(source + ": input channel '" + channels[c] + "' is unknown (lung, mediastinal, tumour)");
        for (std::size_t earlier = 0; earlier < c; ++earlier)
            if (channels[earlier] == channels[c])
                throw Error(source + ": input channel '" + channels[c] + "' is named twice");
    }
}

inline std::vector<std::string> parseInputChannels(const std::string& text, const std::string& source) {
    std::vector<std::string> channels(1);
    for (char c : text) {
        if (c == '+' || c == ',')
            channels.emplace_back();
        else
            channels.back() += c;
    }
    checkInputChannels(channels, source);
    return channels;
}

inline std::string inputChannelsText(const std::vector<std::string>& channels) {
    std::string text;
    for (const auto& channel : channels) text += (text.empty() ? "" : "+") + channel;
    return text;
}

inline std::string DeepCtOptions::describe() const {
    std::string text =
        backbone + (widthDivisor == 1 ? " at full width" : " at 1/" + std::to_string(widthDivisor) + " width");
    if (widthDivisor == 1 && backbone == "densenet121") text += " (the paper's network)";
    if (inputSizePx > 0) text += ", input " + std::to_string(inputSizePx) + " px";
    if (inputChannels != std::vector<std::string>{"lung"}) text += ", sees " + inputChannelsText(inputChannels);
    if (headActivation == "relu") text += ", ReLU before the classes";
    return text;
}

}  // namespace drs
