#include "models/TorchDeepCt.h"

#include <torch/version.h>

#include <algorithm>

#include "core/util/Error.h"
#include "models/Backbone.h"
#include "models/DeepCtTrainer.h"
#include "models/Device.h"
#include "models/GradCam.h"
#include "models/ModelFile.h"
#include "models/WeightImport.h"

namespace drs::models {
namespace {

DeepCtResult trainAndSave(const std::vector<DeepPatch>& training, const OutputLabels& labels,
                          const std::vector<DeepPatch>& all, const DeepCtOptions& options,
                          const std::string& modelPathOut, Progress& progress) {
    if (modelPathOut.empty()) throw Error("Deep-CT training needs a path for the model file");
    checkTrainingOptions(options);
    for (const auto& patch : all) checkPatch(patch, seesTumour(options.inputChannels));
    SubProgress trainingProgress(progress, 0.0, 0.95);
    const TrainedDeepCt trained = trainDeepCt(training, labels, options, trainingProgress);
    progress.step(0.95, "Deep-CT: extracting deep features");
    const Inference inference = runInference(*trained.net, all, kInferenceBatchPatches);
    saveDeepCtModel(trained, options, modelPathOut);
    progress.step(1.0, "Deep-CT: model saved to " + modelPathOut);
    DeepCtResult result;
    result.featuresPerPatient = inference.features;
    result.probabilityByOutput = inference.probabilityByOutput;
    result.modelPath = modelPathOut;
    result.pretrainedWeightsUsed = trained.pretrainedWeightsUsed;
    result.log = trained.log;
    result.bestValidationAuc = trained.bestValidationAuc;
    result.validationAucByOutput = trained.validationAucByOutput;
    result.epochsRun = trained.epochsRun;
    result.batchSize = trained.batchSize;
    result.validationPatientIds = trained.validationPatientIds;
    return result;
}

// The network of the file, checked to have the output asked for.
std::shared_ptr<DeepCtNetImpl> loadWithOutput(const std::string& modelPath, int output) {
    auto net = loadDeepCtModel(modelPath);
    if (output < 0 || output >= net->config().outputs)
        throw Error(modelPath + ": the model has " + std::to_string(net->config().outputs) + " output(s); output " +
                    std::to_string(output) + " does not exist");
    return net;
}

class TorchDeepCt : public DeepCtPort {
public:
    DeepCtResult trainAndExtract(const std::vector<DeepPatch>& training, const std::vector<DeepPatch>& all,
                                 const DeepCtOptions& options, const std::string& modelPathOut,
                                 Progress& progress) override {
        std::vector<int> labels;
        for (const auto& patch : training) labels.push_back(patch.label);
        return trainAndSave(training, OutputLabels{labels}, all, options, modelPathOut, progress);
    }

    DeepCtResult trainMultiTaskAndExtract(const std::vector<DeepPatch>& training, const OutputLabels& labels,
                                          const std::vector<DeepPatch>& all, const DeepCtOptions& options,
                                          const std::string& modelPathOut, Progress& progress) override {
        return trainAndSave(training, labels, all, options, modelPathOut, progress);
    }

    // Each training draws from its own generator (TrainingRandom.h) on its own LibTorch threads.
    // A GPU is one device, and a training on every core leaves none for a second.
    int trainingsAtOnce(const DeepCtOptions& options, int threads) const override {
        if (options.threads == 0 || chooseDevice(options.device).cuda) return 1;
        return std::max(1, threads / options.threads);
    }
    std::string backend(const DeepCtOptions& options) const override {
        const std::string library = "LibTorch " TORCH_VERSION;
        if (chooseDevice(options.device).cuda) return library + " on CUDA device 0";
        const std::string threads = options.threads == 0   ? "all cores"
                                    : options.threads == 1 ? "1 thread"
                                                           : std::to_string(options.threads) + " threads";
        return library + " on the CPU, " + threads;
    }
    std::vector<DeepFeatures> extract(const std::string& modelPath, const std::vector<DeepPatch>& patches) override {
        auto net = loadDeepCtModel(modelPath);
        return runInference(*net, patches, kInferenceBatchPatches).features;
    }

    std::vector<double> predict(const std::string& modelPath, const std::vector<DeepPatch>& patches,
                                int output) override {
        auto net = loadWithOutput(modelPath, output);
        return runInference(*net, patches, kInferenceBatchPatches)
            .probabilityByOutput[static_cast<std::size_t>(output)];
    }

    std::vector<float> gradCam(const std::string& modelPath, const DeepPatch& patch, int output) override {
        auto net = loadWithOutput(modelPath, output);
        return models::gradCam(*net, patch, output);
    }
};

}  // namespace

std::unique_ptr<DeepCtPort> makeTorchDeepCt() { return std::make_unique<TorchDeepCt>(); }

std::vector<float> gradCamPreviousBlock(const std::string& modelPath, const DeepPatch& patch, int output) {
    auto net = loadWithOutput(modelPath, output);
    return models::gradCam(*net, patch, output, 1, GradCamLayer::PreviousBlock);
}

std::vector<BackboneParameterCount> imagenetParameterCounts() {
    std::vector<BackboneParameterCount> counts;
    for (const auto& name : backboneNames()) {
        BackboneOptions options;
        options.name = name;
        options.imagenetClasses = 1000;
        options.auxiliaryClasses = name == "inception_v3" ? 1000 : 0;
        counts.push_back({name, countParameters(*makeBackbone(options))});
    }
    return counts;
}

void checkDeepCtOptions(const DeepCtOptions& options) {
    checkTrainingOptions(options);
    DeepCtNetImpl net(networkConfig(options));
    if (!options.imagenetWeightsPath.empty()) importImagenetWeights(net.backbone(), options.imagenetWeightsPath);
}

void prepareProcessForTraining() { tuneAllocatorForTraining(); }

}  // namespace drs::models
