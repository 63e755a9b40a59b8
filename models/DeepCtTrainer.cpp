#include "models/DeepCtTrainer.h"

#include <omp.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "core/pipeline/StudySplit.h"
#include "core/stats/Roc.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/PortableRandom.h"
#include "models/BatchSize.h"
#include "models/Device.h"
#include "models/MixedPrecision.h"
#include "models/TrainingRandom.h"
#include "models/WeightImport.h"

namespace drs::models {
namespace {

struct Split {
    std::vector<std::size_t> training, validation;
};

Split stratifiedSplit(const std::vector<int>& labels, double validationFraction, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    Split split;
    for (int label : {0, 1}) {
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == label) members.push_back(i);
        shuffle(members, random);
        const auto validationCount = static_cast<std::size_t>(std::lround(validationFraction * members.size()));
        for (std::size_t k = 0; k < members.size(); ++k)
            (k < validationCount ? split.validation : split.training).push_back(members[k]);
    }
    return split;
}

// One output: each class split on its own, as before multi-task networks. Several: every output's
// classes at once, by iterative stratification (the study's train/test split does the same).
Split validationSplit(const OutputLabels& labels, double validationFraction, std::uint64_t seed) {
    if (labels.size() == 1) return stratifiedSplit(labels.front(), validationFraction, seed);
    const std::size_t count = labels.front().size();
    const StudySplit drawn = iterativeStratifiedSplit(labels, count, validationFraction, seed);
    Split split;
    for (std::size_t i = 0; i < count; ++i) (drawn.isTest[i] ? split.validation : split.training).push_back(i);
    return split;
}

// [indices.size(), outputs] labels (long; -1 = unknown).
torch::Tensor labelTensor(const OutputLabels& labels, const std::vector<std::size_t>& indices) {
    std::vector<int64_t> values;
    values.reserve(indices.size() * labels.size());
    for (auto i : indices)
        for (const auto& output : labels) values.push_back(output[i]);
    return torch::tensor(values, torch::kLong)
        .view({static_cast<int64_t>(indices.size()), static_cast<int64_t>(labels.size())});
}

torch::Tensor windowed(const std::vector<DeepPatch>& patches, const std::vector<std::size_t>& indices,
                       const DeepCtNetConfig& config) {
    std::vector<const DeepPatch*> selected;
    for (auto i : indices) selected.push_back(&patches[i]);
    return patchChannels(selected, config);
}

// The augmentations the options enable (DeepCtOptions: no anterior-posterior flip by default), per
// image; draws from the training's seeded generator so runs repeat. Rows of a patch run front to back
// (dimension 2), columns left to right (dimension 3).
torch::Tensor augment(const torch::Tensor& batch, const DeepCtOptions& options, const std::vector<bool>& grey) {
    const int64_t n = batch.size(0);
    auto x = batch;
    if (options.flipLeftRight)
        x = torch::where((torch::rand({n}, trainingGenerator()) < 0.5).view({n, 1, 1, 1}), x.flip({3}), x);
    if (options.flipAnteriorPosterior)
        x = torch::where((torch::rand({n}, trainingGenerator()) < 0.5).view({n, 1, 1, 1}), x.flip({2}), x);
    const auto angle = (torch::rand({n}, trainingGenerator()) * 2 - 1) * (options.maxRotationDeg * M_PI / 180.0);
    const auto cosA = torch::cos(angle), sinA = torch::sin(angle), zero = torch::zeros({n});
    const auto theta = torch::stack({torch::stack({cosA, -sinA, zero}, 1), torch::stack({sinA, cosA, zero}, 1)}, 1);
    const auto grid = torch::nn::functional::affine_grid(theta, x.sizes().vec(), /*align_corners=*/false);
    x = torch::nn::functional::grid_sample(x, grid,
                                           torch::nn::functional::GridSampleFuncOptions()
                                               .mode(torch::kBilinear)
                                               .padding_mode(torch::kBorder)
                                               .align_corners(false));
    const auto gain = 1 + (torch::rand({n, 1, 1, 1}, trainingGenerator()) * 2 - 1) * options.intensityJitter;
    const auto offset = (torch::rand({n, 1, 1, 1}, trainingGenerator()) * 2 - 1) * options.intensityJitter;
    const auto jittered = (x * gain + offset).clamp(0, 1);
    if (std::all_of(grey.begin(), grey.end(), [](bool g) { return g; })) return jittered;
    // The tumour mask is a drawing, not a measurement: no scanner shifts it.
    std::vector<float> isGrey(grey.begin(), grey.end());
    const auto greyMask = torch::tensor(isGrey).view({1, static_cast<int64_t>(grey.size()), 1, 1});
    return torch::where(greyMask > 0.5f, jittered, x);
}

// [outputs][patches] from a [patches, outputs] tensor.
std::vector<std::vector<double>> byOutput(const torch::Tensor& probabilities) {
    const auto p = probabilities.to(torch::kCPU).to(torch::kDouble).contiguous();
    const auto values = p.accessor<double, 2>();
    std::vector<std::vector<double>> result(static_cast<std::size_t>(p.size(1)));
    for (int64_t t = 0; t < p.size(1); ++t)
        for (int64_t i = 0; i < p.size(0); ++i) result[static_cast<std::size_t>(t)].push_back(values[i][t]);
    return result;
}

struct Evaluation {
    std::vector<std::vector<double>> probabilityByOutput;
    double meanLoss = 0;
};

Evaluation evaluate(DeepCtNetImpl& net, const torch::Tensor& images, const torch::Tensor& labels,
                    const torch::Tensor& classWeights, torch::Device device, int batchSize) {
    torch::NoGradGuard noGrad;
    Evaluation result;
    std::vector<torch::Tensor> logits;
    for (int64_t begin = 0; begin < images.size(0); begin += batchSize) {
        const auto batch = images.slice(0, begin, std::min<int64_t>(begin + batchSize, images.size(0))).to(device);
        logits.push_back(net.forward(batch).logits);
    }
    const auto all = torch::cat(logits, 0);
    const auto loss = maskedCrossEntropy(all, labels.to(device), classWeights);
    result.meanLoss = loss.defined() ? loss.item<double>() : std::nan("");
    result.probabilityByOutput = byOutput(positiveProbabilities(all));
    return result;
}

struct ValidationAuc {
    double mean = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> byOutput;
};

// Each output's AUC over the validation patients whose label it knows (NaN when a class is
// missing there), and their mean. NaN for a diverged network (non-finite outputs), so early
// stopping never keeps that epoch.
ValidationAuc validationAuc(const std::vector<std::vector<double>>& probabilityByOutput, const OutputLabels& labels) {
    ValidationAuc result;
    double sum = 0;
    int counted = 0;
    for (std::size_t t = 0; t < labels.size(); ++t) {
        std::vector<int> known;
        std::vector<double> scores;
        int positives = 0;
        bool finite = true;
        for (std::size_t i = 0; i < labels[t].size(); ++i) {
            finite = finite && std::isfinite(probabilityByOutput[t][i]);
            if (labels[t][i] < 0) continue;
            known.push_back(labels[t][i]);
            scores.push_back(probabilityByOutput[t][i]);
            positives += labels[t][i];
        }
        if (!finite) return {std::numeric_limits<double>::quiet_NaN(), {}};
        const bool bothClasses = positives > 0 && positives < static_cast<int>(known.size());
        result.byOutput.push_back(bothClasses ? stats::auc(known, scores) : std::numeric_limits<double>::quiet_NaN());
        if (bothClasses) {
            sum += result.byOutput.back();
            ++counted;
        }
    }
    if (counted > 0) result.mean = sum / counted;
    return result;
}

std::vector<torch::Tensor> snapshot(torch::nn::Module& module) {
    std::vector<torch::Tensor> copies;
    for (const auto& t : module.parameters()) copies.push_back(t.detach().clone());
    for (const auto& t : module.buffers()) copies.push_back(t.detach().clone());
    return copies;
}

void restore(torch::nn::Module& module, const std::vector<torch::Tensor>& copies) {
    torch::NoGradGuard noGrad;
    std::size_t i = 0;
    for (auto& t : module.parameters()) t.copy_(copies[i++]);
    for (auto& t : module.buffers()) t.copy_(copies[i++]);
}

std::string secondsText(double seconds) {
    std::ostringstream text;
    text.precision(seconds < 10 ? 2 : 3);
    text << seconds << " s";
    return text.str();
}

// Throws Error unless every patch is usable, every label is 0 or 1 (or -1, unknown, for an
// output of a multi-task network) and both classes of every output are large enough.
void checkTrainingRequest(const std::vector<DeepPatch>& patches, const OutputLabels& labels,
                          const DeepCtOptions& options) {
    checkTrainingOptions(options);
    if (labels.empty()) throw Error("Deep-CT training needs at least one output");
    for (const auto& patch : patches) checkPatch(patch, seesTumour(options.inputChannels));
    const bool single = labels.size() == 1;
    const auto minimum = static_cast<std::size_t>(std::max(2, options.minimumClassCount));
    for (std::size_t t = 0; t < labels.size(); ++t) {
        const std::string output = "Deep-CT output " + std::to_string(t);
        if (labels[t].size() != patches.size())
            throw Error(output + " has " + std::to_string(labels[t].size()) + " labels for " +
                        std::to_string(patches.size()) + " patients");
        std::size_t positives = 0, negatives = 0;
        for (std::size_t i = 0; i < patches.size(); ++i) {
            const int label = labels[t][i];
            if (label == 1)
                ++positives;
            else if (label == 0)
                ++negatives;
            else if (single || label != -1)
                throw Error("patient '" + patches[i].patientId + "': training label must be 0 or 1" +
                            (single ? "" : " (or -1, unknown) for output " + std::to_string(t)));
        }
        if (positives < minimum || negatives < minimum)
            throw Error("Deep-CT training needs at least " + std::to_string(minimum) + " patients of each class; " +
                        (single ? std::string("this endpoint") : output) + " has " + std::to_string(positives) +
                        " positive and " + std::to_string(negatives) + " negative");
    }
}

// The given batch size, or the largest that fits the memory (models/BatchSize.h).
void chooseTrainingBatch(const DeepCtNetConfig& config, const DeepCtOptions& options, bool cuda,
                         TrainedDeepCt& result) {
    if (options.batchSize > 0) {
        result.batchSize = options.batchSize;
        result.batchSizeChoice = "explicit";
        return;
    }
    const BatchSizeChoice choice = chooseBatchSize(config, options.maxBatchSize, cuda, options.memoryBudgetBytes);
    result.batchSize = choice.batchSize;
    result.batchSizeChoice = choice.reason;
    makeDeterministic(options.seed, options.threads);  // the trial steps drew random numbers
}

// The network, with ImageNet weights in its backbone when a file is given.
std::shared_ptr<DeepCtNetImpl> buildNetwork(const DeepCtNetConfig& config, const DeepCtOptions& options,
                                            TrainedDeepCt& result, std::ostream& log) {
    auto net = std::make_shared<DeepCtNetImpl>(config);
    if (!options.imagenetWeightsPath.empty()) {
        importImagenetWeights(net->backbone(), options.imagenetWeightsPath);
        result.pretrainedWeightsUsed = true;
        result.imagenetWeightsSha256 = sha256File(options.imagenetWeightsPath);
        log << "ImageNet weights: " << options.imagenetWeightsPath << " (sha256 " << result.imagenetWeightsSha256
            << "), patch replicated to 3 channels\n";
    } else {
        log << "ImageNet weights: none given - the backbone is trained from scratch (random He initialisation)\n";
    }
    return net;
}

// Inverse class frequency of each output's known labels in the training part, so a rare mutation
// weighs as much as the common class: [outputs, 2]. A class absent there (possible only for an
// output whose few patients of that class all went to validation) weighs 0.
torch::Tensor inverseFrequencyWeights(const OutputLabels& labels, const std::vector<std::size_t>& training,
                                      torch::Device device) {
    std::vector<float> weights;
    for (const auto& output : labels) {
        double positives = 0, known = 0;
        for (auto i : training) {
            if (output[i] < 0) continue;
            ++known;
            positives += output[i];
        }
        const double negatives = known - positives;
        weights.push_back(negatives > 0 ? static_cast<float>(known / (2 * negatives)) : 0.0f);
        weights.push_back(positives > 0 ? static_cast<float>(known / (2 * positives)) : 0.0f);
    }
    return torch::tensor(weights).view({static_cast<int64_t>(labels.size()), 2}).to(device);
}

// What one training run needs at every step.
struct TrainingContext {
    const std::vector<DeepPatch>& patches;
    const OutputLabels& labels;
    const DeepCtOptions& options;
    DeepCtNetImpl& net;
    torch::Device device;
    std::string deviceDescription;
    torch::Tensor classWeights;
    int batchSize;
    bool mixedPrecision;
};

// The schedule's learning rate for a 1-based epoch: cosine annealing to 0 without restarts, as
// PyTorch's CosineAnnealingLR(T_max = epochs, eta_min = 0) stepped once per epoch.
double learningRateAt(const DeepCtOptions& options, int epoch) {
    if (options.learningRateSchedule == "constant") return options.learningRate;
    return options.learningRate * 0.5 * (1 + std::cos(M_PI * (epoch - 1) / options.epochs));
}

void setLearningRate(torch::optim::Adam& optimiser, double learningRate) {
    for (auto& group : optimiser.param_groups())
        static_cast<torch::optim::AdamOptions&>(group.options()).lr(learningRate);
}

std::string augmentationText(const DeepCtOptions& options) {
    if (!options.augment) return "none";
    std::ostringstream text;
    text << (options.flipLeftRight ? "left-right flip, " : "")
         << (options.flipAnteriorPosterior ? "anterior-posterior flip, " : "") << "rotation up to "
         << options.maxRotationDeg << " deg, intensity jitter " << options.intensityJitter;
    return text.str();
}

// One pass over the training patients in a fresh random order; returns the mean batch loss.
double trainOneEpoch(TrainingContext& run, torch::optim::Optimizer& optimiser, LossScaler& lossScaler,
                     std::vector<std::size_t> order, std::mt19937_64& orderRandom, int epoch, Progress& progress) {
    const DeepCtOptions& options = run.options;
    run.net.train();
    shuffle(order, orderRandom);
    double lossSum = 0;
    int batches = 0;
    const auto batchSize = static_cast<std::size_t>(run.batchSize);
    for (std::size_t begin = 0; begin < order.size(); begin += batchSize) {
        const std::size_t end = std::min(order.size(), begin + batchSize);
        if (end - begin < 2) break;  // batch norm cannot train on a single image
        const std::vector<std::size_t> indices(order.begin() + static_cast<std::ptrdiff_t>(begin),
                                               order.begin() + static_cast<std::ptrdiff_t>(end));
        const auto target = labelTensor(run.labels, indices).to(run.device);
        if (!target.ge(0).any().item<bool>()) continue;  // no known label in this batch: nothing to learn
        auto images = windowed(run.patches, indices, run.net.config());
        if (options.augment) images = augment(images, options, greyChannels(run.net.config()));
        try {
            torch::Tensor loss;
            {
                CudaAutocastScope autocast(run.mixedPrecision);
                const auto out = run.net.forward(images.to(run.device));
                loss = maskedCrossEntropy(out.logits, target, run.classWeights);
                if (out.auxLogits.defined())  // Inception's auxiliary head, weighted as in its paper
                    loss = loss + 0.4 * maskedCrossEntropy(out.auxLogits, target, run.classWeights);
            }
            optimiser.zero_grad();
            lossScaler.scale(loss).backward();
            lossScaler.step(optimiser);
            lossSum += loss.item<double>();
            ++batches;
        } catch (const c10::Error& e) {
            if (!isOutOfMemory(e)) throw;
            throw Error("out of memory training " + run.net.config().backbone + " at batch size " +
                        std::to_string(run.batchSize) + " on " + run.deviceDescription +
                        "; lower the batch size or the input size");
        }
        const double fraction =
            ((epoch - 1) + static_cast<double>(end) / static_cast<double>(order.size())) / options.epochs;
        progress.step(fraction, "Deep-CT epoch " + std::to_string(epoch) + "/" + std::to_string(options.epochs) +
                                    ", batch " + std::to_string(batches));
    }
    return batches ? lossSum / batches : std::nan("");
}

// Keeps the weights of the best validation epoch and says when to stop. AUC decides; on a tie
// (common once it reaches 1 on a small validation set) the lower validation loss does, so
// training continues while the model still improves.
class EarlyStopping {
public:
    EarlyStopping(torch::nn::Module& net, int patience) : best_(snapshot(net)), patience_(patience) {}

    // True when this epoch's weights are the best so far (and were kept).
    bool record(torch::nn::Module& net, int epoch, double auc, double loss) {
        if (auc > bestAuc_ || (auc == bestAuc_ && loss < bestLoss_)) {
            bestAuc_ = auc;
            bestLoss_ = loss;
            bestEpoch_ = epoch;
            best_ = snapshot(net);
            epochsWithoutGain_ = 0;
            return true;
        }
        ++epochsWithoutGain_;
        return false;
    }
    bool shouldStop() const { return epochsWithoutGain_ >= patience_; }
    int epochsWithoutGain() const { return epochsWithoutGain_; }
    void restoreBest(torch::nn::Module& net) const { restore(net, best_); }
    double bestAuc() const { return bestAuc_; }
    int bestEpoch() const { return bestEpoch_; }

private:
    std::vector<torch::Tensor> best_;
    int patience_;
    double bestAuc_ = -1;
    double bestLoss_ = std::numeric_limits<double>::infinity();
    int bestEpoch_ = 0;
    int epochsWithoutGain_ = 0;
};

void logConfiguration(std::ostream& log, const DeepCtNetConfig& config, DeepCtNetImpl& net,
                      const std::string& deviceDescription, const Split& split, const DeepCtOptions& options,
                      const TrainedDeepCt& result) {
    log << "backbone " << config.backbone
        << (config.widthDivisor > 1 ? " at 1/" + std::to_string(config.widthDivisor) + " width" : "") << ", input "
        << config.inputSizePx << "x" << config.inputSizePx << " px of " << inputChannelsText(config.channels) << ", "
        << (config.headActivation == "relu" ? "ReLU" : "no activation")
        << " between the deep features and the classes, " << countParameters(net) << " parameters; device "
        << deviceDescription << "; seed " << options.seed << "\n"
        << "patients: " << split.training.size() << " training, " << split.validation.size()
        << " validation (stratified " << options.validationFraction << "); epochs up to " << options.epochs
        << ", batch " << result.batchSize << " (" << result.batchSizeChoice << "), Adam lr " << options.learningRate
        << " (" << options.learningRateSchedule << " schedule) weight decay " << options.weightDecay
        << ", early stopping patience " << options.earlyStoppingPatience
        << ", the best validation epoch kept\naugmentation: " << augmentationText(options) << "\n";
    if (config.outputs > 1)
        log << "outputs: " << config.outputs
            << " (multi-task: loss over the known (patient, output) labels, early stopping on the mean validation "
               "AUC over outputs)\n";
}

std::string aucsText(const std::vector<double>& aucs) {
    std::ostringstream text;
    for (std::size_t t = 0; t < aucs.size(); ++t) text << (t ? ", " : "") << aucs[t];
    return text.str();
}

}  // namespace

void checkTrainingOptions(const DeepCtOptions& options) {
    if (options.epochs < 1) throw Error("Deep-CT training needs at least one epoch");
    if (options.batchSize == 1 || options.batchSize < 0 || (options.batchSize == 0 && options.maxBatchSize < 2))
        throw Error("Deep-CT batch size must be at least 2 (batch norm)");
    if (!(options.learningRate > 0) || !(options.weightDecay >= 0)) throw Error("Deep-CT learning rate must be > 0");
    if (options.learningRateSchedule != "cosine" && options.learningRateSchedule != "constant")
        throw Error("Deep-CT learning-rate schedule '" + options.learningRateSchedule +
                    "' is unknown (cosine or constant)");
    if (!(options.maxRotationDeg >= 0 && options.maxRotationDeg <= 180) ||
        !(options.intensityJitter >= 0 && options.intensityJitter < 1))
        throw Error("Deep-CT augmentation: rotation must lie in [0, 180] degrees and intensity jitter in [0, 1)");
    if (!(options.validationFraction > 0 && options.validationFraction < 1))
        throw Error("Deep-CT validation fraction must lie strictly between 0 and 1");
    checkInputChannels(options.inputChannels, "Deep-CT options");
    checkHeadActivation(options.headActivation, "Deep-CT options");
    if (!options.imagenetWeightsPath.empty() && options.inputChannels.size() != 1 && options.inputChannels.size() != 3)
        throw Error("ImageNet weights take 1 input channel (replicated) or 3; " +
                    inputChannelsText(options.inputChannels) + " are " + std::to_string(options.inputChannels.size()));
}

DeepCtNetConfig networkConfig(const DeepCtOptions& options) {
    DeepCtNetConfig config;
    config.backbone = options.backbone;
    config.widthDivisor = options.widthDivisor;
    config.windowLevelHu = options.windowLevelHu;
    config.windowWidthHu = options.windowWidthHu;
    config.channels = options.inputChannels;
    config.headActivation = options.headActivation;
    const auto channels = static_cast<int64_t>(options.inputChannels.size());
    config.inChannels = options.imagenetWeightsPath.empty() || channels != 1 ? channels : 3;
    config.inputSizePx =
        options.inputSizePx > 0 ? options.inputSizePx : (options.backbone == "inception_v3" ? 299 : kDeepPatchSizePx);
    return config;
}

void checkPatch(const DeepPatch& patch, bool seesTumour) {
    const std::string who = "patient '" + patch.patientId + "'";
    const std::size_t expected = static_cast<std::size_t>(kDeepPatchSizePx) * kDeepPatchSizePx;
    if (patch.hu160x160.size() != expected)
        throw Error(who + ": deep patch has " + std::to_string(patch.hu160x160.size()) +
                    " pixels, expected 160 x 160 = " + std::to_string(expected));
    for (std::size_t i = 0; i < patch.hu160x160.size(); ++i)
        if (!std::isfinite(patch.hu160x160[i]))
            throw Error(who + ": deep patch has a non-finite pixel at x " + std::to_string(i % kDeepPatchSizePx) +
                        ", y " + std::to_string(i / kDeepPatchSizePx));
    if (seesTumour && patch.tumour160x160.empty())
        throw Error(who + ": the network sees the tumour, but the deep patch comes without its tumour mask");
    if (!patch.tumour160x160.empty() && patch.tumour160x160.size() != expected)
        throw Error(who + ": tumour mask of the deep patch has " + std::to_string(patch.tumour160x160.size()) +
                    " pixels, expected 160 x 160 = " + std::to_string(expected));
}

void makeDeterministic(std::uint64_t seed, int threads) {
    const int available = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // Not torch::set_num_threads: it also rebuilds LibTorch's process-wide pthreadpool, and once
    // called, every new thread's first parallel operation repeats that, while a training beside
    // this one may be using the pool. OpenMP's count, which the CPU kernels follow, is per thread.
    at::internal::lazy_init_num_threads();
    omp_set_num_threads(threads > 0 ? threads : available);
    torch::manual_seed(seed);
    at::globalContext().setDeterministicAlgorithms(true, /*warn_only=*/false);
}

Inference runInference(DeepCtNetImpl& net, const std::vector<DeepPatch>& patches, int batchSize) {
    for (const auto& patch : patches) checkPatch(patch, seesTumour(net.config().channels));
    torch::NoGradGuard noGrad;
    net.eval();
    const auto device = net.parameters().front().device();
    Inference result;
    result.probabilityByOutput.resize(static_cast<std::size_t>(net.config().outputs));
    for (std::size_t begin = 0; begin < patches.size(); begin += static_cast<std::size_t>(batchSize)) {
        std::vector<std::size_t> indices;
        for (std::size_t i = begin; i < std::min(patches.size(), begin + static_cast<std::size_t>(batchSize)); ++i)
            indices.push_back(i);
        const auto out = net.forward(windowed(patches, indices, net.config()).to(device));
        const auto features = out.deepFeatures.to(torch::kCPU).contiguous();
        for (int64_t row = 0; row < features.size(0); ++row) {
            DeepFeatures values{};
            for (int k = 0; k < kDeepFeatureCount; ++k)
                values[static_cast<std::size_t>(k)] = features[row][k].item<float>();
            result.features.push_back(values);
        }
        const auto probabilities = byOutput(positiveProbabilities(out.logits));
        for (std::size_t t = 0; t < probabilities.size(); ++t)
            result.probabilityByOutput[t].insert(result.probabilityByOutput[t].end(), probabilities[t].begin(),
                                                 probabilities[t].end());
    }
    return result;
}

torch::Tensor maskedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels,
                                 const torch::Tensor& classWeights) {
    const int64_t count = labels.size(0), outputs = labels.size(1);
    const auto known = labels.ge(0);
    if (!known.any().item<bool>()) return {};
    const auto target = labels.clamp_min(0).unsqueeze(2);
    const auto logP = torch::log_softmax(logits.view({count, outputs, 2}).to(torch::kFloat32), 2);
    const auto loss = -logP.gather(2, target).squeeze(2);
    const auto weight = torch::where(
        known, classWeights.to(torch::kFloat32).unsqueeze(0).expand({count, outputs, 2}).gather(2, target).squeeze(2),
        torch::zeros({count, outputs}, logP.options()));
    // where(), not a product with the mask: an unknown pair's loss may be anything, even NaN.
    return torch::where(known, weight * loss, torch::zeros_like(loss)).sum() / weight.sum();
}

TrainedDeepCt trainDeepCt(const std::vector<DeepPatch>& patches, const DeepCtOptions& options, Progress& progress) {
    std::vector<int> labels;
    for (const auto& patch : patches) labels.push_back(patch.label);
    return trainDeepCt(patches, OutputLabels{labels}, options, progress);
}

TrainedDeepCt trainDeepCt(const std::vector<DeepPatch>& patches, const OutputLabels& labels,
                          const DeepCtOptions& options, Progress& progress) {
    checkTrainingRequest(patches, labels, options);
    std::ostringstream log;
    TrainedDeepCt result;
    DeviceChoice deviceChoice;
    std::shared_ptr<DeepCtNetImpl> net;
    at::Generator generator;
    {
        // The batch-size trial counts the process's CPU allocations, and the initial weights come
        // from the default generator: both belong to one training at a time.
        static std::mutex setup;
        const std::lock_guard<std::mutex> lock(setup);
        makeDeterministic(options.seed, options.threads);
        deviceChoice = chooseDevice(options.device);
        DeepCtNetConfig config = networkConfig(options);
        config.outputs = static_cast<int64_t>(labels.size());
        chooseTrainingBatch(config, options, deviceChoice.cuda, result);
        result.mixedPrecision = options.mixedPrecisionOnGpu && deviceChoice.cuda;
        if (options.mixedPrecisionOnGpu && !deviceChoice.cuda)
            log << "mixed precision: requested, but it is GPU-only; this CPU run trains in float32\n";
        else if (result.mixedPrecision)
            log << "mixed precision: float16 autocast with dynamic loss scaling\n";
        net = buildNetwork(config, options, result, log);
        // Its draws continue where the default generator's would have: a training alone gives
        // the numbers it gave before trainings could run side by side.
        generator = at::detail::getDefaultCPUGenerator().clone();
    }
    const TrainingRandomScope random(generator);
    const torch::Device device(deviceChoice.cuda ? torch::kCUDA : torch::kCPU);
    const DeepCtNetConfig& config = net->config();
    net->to(device);

    const Split split = validationSplit(labels, options.validationFraction, options.seed);
    result.trainingCount = split.training.size();
    result.validationCount = split.validation.size();
    for (auto i : split.validation) result.validationPatientIds.push_back(patches[i].patientId);
    const auto validationImages = windowed(patches, split.validation, config);
    const auto validationTarget = labelTensor(labels, split.validation);
    OutputLabels validationLabels(labels.size());
    for (std::size_t t = 0; t < labels.size(); ++t)
        for (auto i : split.validation) validationLabels[t].push_back(labels[t][i]);
    logConfiguration(log, config, *net, deviceChoice.description, split, options, result);

    TrainingContext run{patches,
                        labels,
                        options,
                        *net,
                        device,
                        deviceChoice.description,
                        inverseFrequencyWeights(labels, split.training, device),
                        result.batchSize,
                        result.mixedPrecision};
    torch::optim::Adam optimiser(net->parameters(),
                                 torch::optim::AdamOptions(options.learningRate).weight_decay(options.weightDecay));
    std::mt19937_64 orderRandom(options.seed ^ 0x9e3779b97f4a7c15ULL);
    EarlyStopping stopping(*net, options.earlyStoppingPatience);
    std::vector<double> keptAucByOutput(labels.size(), std::numeric_limits<double>::quiet_NaN());
    LossScaler lossScaler(result.mixedPrecision);
    const auto started = std::chrono::steady_clock::now();
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        setLearningRate(optimiser, learningRateAt(options, epoch));
        const double meanLoss = trainOneEpoch(run, optimiser, lossScaler, split.training, orderRandom, epoch, progress);
        net->eval();
        const Evaluation validation =
            evaluate(*net, validationImages, validationTarget, run.classWeights, device, result.batchSize);
        const ValidationAuc aucs = validationAuc(validation.probabilityByOutput, validationLabels);
        const double auc = aucs.mean;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double secondsLeft = elapsed / epoch * (options.epochs - epoch);
        result.epochsRun = epoch;
        std::ostringstream line;
        line << "epoch " << epoch << "/" << options.epochs << ": lr " << learningRateAt(options, epoch) << ", loss "
             << meanLoss << ", validation AUC " << auc << " (loss " << validation.meanLoss << "), at most "
             << secondsText(secondsLeft) << " left";
        log << line.str() << "\n";
        const bool kept = stopping.record(*net, epoch, auc, validation.meanLoss);
        if (kept) keptAucByOutput = aucs.byOutput;
        if (!kept && stopping.shouldStop()) {
            log << "early stop: no better validation AUC or loss for " << stopping.epochsWithoutGain() << " epochs\n";
            progress.step(static_cast<double>(epoch) / options.epochs, line.str());
            break;
        }
        progress.step(static_cast<double>(epoch) / options.epochs, line.str());
    }
    if (lossScaler.skippedSteps() > 0)
        log << "loss scaling skipped " << lossScaler.skippedSteps() << " steps with non-finite gradients\n";
    stopping.restoreBest(*net);
    net->to(torch::kCPU);
    net->eval();
    result.bestValidationAuc = stopping.bestAuc();
    result.bestEpoch = stopping.bestEpoch();
    result.validationAucByOutput = keptAucByOutput;
    log << "kept epoch " << result.bestEpoch << " (validation AUC " << result.bestValidationAuc
        << (labels.size() > 1 ? "; by output " + aucsText(keptAucByOutput) : std::string()) << ") after "
        << secondsText(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()) << "\n";
    result.log = log.str();
    result.net = net;
    return result;
}

}  // namespace drs::models
