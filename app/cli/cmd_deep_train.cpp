// drs deep-train: trains the Deep-CT network on a patch list, saves the model (+ .json sidecar)
// and optionally the 10 deep features of every listed patient.
#include <algorithm>
#include <iostream>

#include "app/cli/cmd_deep_patches.h"
#include "core/util/Error.h"
#include "models/TorchDeepCt.h"

namespace drs::cli {
namespace {

int runDeepTrain(const Args& args) {
    auto known = deepCtOptionNames();
    known.insert({"patches", "model", "features"});
    args.allowOnly(known);
    const PatchList list = readPatchList(args.value("patches"));
    const DeepCtOptions options = deepCtOptionsFromArgs(args);
    std::vector<DeepPatch> training;
    for (std::size_t i = 0; i < list.patches.size(); ++i)
        if (list.patches[i].label >= 0 && list.splits[i] != "test") training.push_back(list.patches[i]);
    // Refused here, naming the list, before a network is built (the trainer's own refusal cannot name it).
    const auto positives = static_cast<std::size_t>(
        std::count_if(training.begin(), training.end(), [](const DeepPatch& patch) { return patch.label == 1; }));
    const std::size_t negatives = training.size() - positives;
    const auto minimum = static_cast<std::size_t>(options.minimumClassCount);
    if (positives < minimum || negatives < minimum)
        throw Error(args.value("patches") + ": Deep-CT training needs at least " + std::to_string(minimum) +
                    " patients of each class among the rows it trains on (a label, split not test); the list has " +
                    std::to_string(positives) + " positive and " + std::to_string(negatives) + " negative");
    models::prepareProcessForTraining();
    DeepConsoleProgress progress;
    const DeepCtResult result =
        models::makeTorchDeepCt()->trainAndExtract(training, list.patches, options, args.value("model"), progress);
    std::cerr << result.log;
    if (args.has("features")) {
        Args featuresOut({"--out", args.value("features")}, {});
        writeOutput(featuresOut,
                    featuresCsv(list.patches, result.featuresPerPatient, result.probabilityByOutput.front()));
    }
    return 0;
}

const Registrar registrar(
    {"deep-train",
     "train the Deep-CT network on 160x160 patches (CSV id,label,patch[,split][,mask])",
     "--patches P.csv --model OUT.pt [--features OUT.csv] [--fast] [--backbone densenet121|resnet50|resnet101|"
     "vgg19|vgg19_bn|inception_v3] [--epochs N] [--batch-size auto|N] [--max-batch-size 8] "
     "[--memory-budget-mb MB] [--amp] [--lr X] [--weight-decay X] "
     "[--validation-fraction 0.25] [--patience N] [--seed N] [--threads N] [--imagenet-weights W.pt] "
     "[--width-divisor N] [--input-size PX] [--no-augment] [--no-flip-lr] [--flip-ap] [--rotation-deg 10] "
     "[--intensity-jitter 0.1] [--lr-schedule cosine|constant] [--head-activation none|relu] "
     "[--input-channels lung]\n"
     "  --input-channels: lung, mediastinal and tumour joined by +; tumour needs the list's mask column\n"
     "  augmentation: left-right flip, rotation and intensity jitter; --flip-ap adds the anterior-posterior flip\n"
     "  rows with split=test or an empty label are not trained on; all rows get features\n"
     "  --batch-size auto (default): the largest of max, max/2, ..., 2 that fits the memory (--fast: max 16)\n"
     "  --amp: float16 mixed precision on a CUDA GPU; the CPU trains in float32 and says so",
     {"fast", "no-augment", "amp", "flip-ap", "no-flip-lr"},
     runDeepTrain});

}  // namespace
}  // namespace drs::cli
