#include "app/cli/cmd_deep_patches.h"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "core/image/ImageIO.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::cli {

PatchList readPatchList(const std::string& csvPath) {
    const CsvTable table = readCsv(csvPath);
    const auto idColumn = table.column("id");
    const auto labelColumn = table.column("label");
    const auto patchColumn = table.column("patch");
    const bool hasSplit = table.hasColumn("split");
    const bool hasMask = table.hasColumn("mask");
    const auto folder = std::filesystem::path(csvPath).parent_path();
    PatchList list;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const std::string where = csvPath + " line " + std::to_string(r + 2);
        DeepPatch patch;
        patch.patientId = row[idColumn];
        if (patch.patientId.empty()) throw Error(where + ": empty id");
        const std::string label = row[labelColumn];
        if (label == "1")
            patch.label = 1;
        else if (label == "0")
            patch.label = 0;
        else if (label.empty() || label == "-1" || label == "NA")
            patch.label = -1;
        else
            throw Error(where + ": label '" + label + "' is not 0, 1 or empty");
        const auto readPixels = [&](const std::string& cell) {
            std::filesystem::path file = cell;
            if (file.is_relative()) file = folder / file;
            const Volume volume = readVolume(file.string());
            const auto& size = volume.geometry.sizeXyz;
            if (size[0] != kDeepPatchSizePx || size[1] != kDeepPatchSizePx || size[2] != 1)
                throw Error(file.string() + ": deep patch is " + std::to_string(size[0]) + "x" +
                            std::to_string(size[1]) + "x" + std::to_string(size[2]) + ", expected 160x160x1");
            return volume.voxels;  // x fastest, then y: row-major y then x
        };
        patch.hu160x160 = readPixels(row[patchColumn]);
        if (hasMask && !row[table.column("mask")].empty()) patch.tumour160x160 = readPixels(row[table.column("mask")]);
        list.patches.push_back(std::move(patch));
        std::string split = hasSplit ? row[table.column("split")] : "";
        if (hasSplit && split != "train" && split != "test")
            throw Error(where + ": split '" + split + "' is not train or test");
        list.splits.push_back(split);
    }
    if (list.patches.empty()) throw Error(csvPath + ": no patches listed");
    return list;
}

const std::set<std::string>& deepCtOptionNames() {
    static const std::set<std::string> names{"backbone",
                                             "epochs",
                                             "batch-size",
                                             "lr",
                                             "weight-decay",
                                             "validation-fraction",
                                             "patience",
                                             "seed",
                                             "threads",
                                             "imagenet-weights",
                                             "width-divisor",
                                             "input-size",
                                             "no-augment",
                                             "flip-ap",
                                             "no-flip-lr",
                                             "rotation-deg",
                                             "intensity-jitter",
                                             "lr-schedule",
                                             "head-activation",
                                             "input-channels",
                                             "fast",
                                             "amp",
                                             "max-batch-size",
                                             "memory-budget-mb"};
    return names;
}

DeepCtOptions deepCtOptionsFromArgs(const Args& args) {
    DeepCtOptions options = args.has("fast") ? DeepCtOptions::fast() : DeepCtOptions{};
    options.backbone = args.valueOr("backbone", options.backbone);
    options.epochs = static_cast<int>(args.integer("epochs", options.epochs));
    const std::string batch = args.valueOr("batch-size", "auto");
    options.batchSize = batch == "auto" ? 0 : static_cast<int>(args.integer("batch-size", 0));
    if (batch != "auto" && options.batchSize < 2) throw Error("--batch-size must be 'auto' or at least 2");
    options.maxBatchSize = static_cast<int>(args.integer("max-batch-size", options.maxBatchSize));
    const double budgetMb = args.number("memory-budget-mb", 0);
    if (budgetMb < 0) throw Error("--memory-budget-mb must not be negative");
    options.memoryBudgetBytes = static_cast<std::int64_t>(budgetMb * 1024 * 1024);
    options.mixedPrecisionOnGpu = args.has("amp");
    options.learningRate = args.number("lr", options.learningRate);
    options.weightDecay = args.number("weight-decay", options.weightDecay);
    options.validationFraction = args.number("validation-fraction", options.validationFraction);
    const long seed = args.integer("seed", 0);
    if (seed < 0) throw Error("--seed must not be negative");
    options.seed = static_cast<std::uint64_t>(seed);
    options.threads = static_cast<int>(args.integer("threads", options.threads));
    options.imagenetWeightsPath = args.valueOr("imagenet-weights", "");
    options.widthDivisor = static_cast<int>(args.integer("width-divisor", options.widthDivisor));
    options.inputSizePx = static_cast<int>(args.integer("input-size", options.inputSizePx));
    if (args.has("no-augment")) options.augment = false;
    applyTrainingArgs(args, options);
    applyInputChannelsArg(args, options);
    return options;
}

void applyInputChannelsArg(const Args& args, DeepCtOptions& options) {
    if (args.has("input-channels"))
        options.inputChannels = parseInputChannels(args.value("input-channels"), "--input-channels");
}

void applyPatchFieldArgs(const Args& args, RegionSettings& settings) {
    if (args.has("patch-mm") && args.has("patch-fit"))
        throw Error(
            "--patch-mm and --patch-fit contradict each other: a fixed pixel size or a field fitted to the "
            "tumour");
    if (args.has("patch-mm")) {
        settings.patchSpacingMm = args.number("patch-mm", 1.0);
        if (!(*settings.patchSpacingMm > 0 && *settings.patchSpacingMm < 100))
            throw Error("--patch-mm must be a pixel size in (0, 100) mm, got " + args.value("patch-mm"));
    }
    if (args.has("patch-fit")) {
        settings.patchTumourExtents = args.number("patch-fit", 2.0);
        if (!(*settings.patchTumourExtents >= kMinPatchTumourExtents &&
              *settings.patchTumourExtents <= kMaxPatchTumourExtents))
            throw Error("--patch-fit must be " + formatDouble(kMinPatchTumourExtents) + " to " +
                        formatDouble(kMaxPatchTumourExtents) + " tumour extents, got " + args.value("patch-fit"));
    }
}

void applyTrainingArgs(const Args& args, DeepCtOptions& options) {
    if (args.has("flip-ap")) options.flipAnteriorPosterior = true;
    if (args.has("no-flip-lr")) options.flipLeftRight = false;
    options.maxRotationDeg = args.number("rotation-deg", options.maxRotationDeg);
    options.intensityJitter = args.number("intensity-jitter", options.intensityJitter);
    options.learningRateSchedule = args.valueOr("lr-schedule", options.learningRateSchedule);
    const long patience = args.integer("patience", options.earlyStoppingPatience);
    if (patience < 1) throw Error("--patience must be at least 1 epoch, got " + args.value("patience"));
    options.earlyStoppingPatience = static_cast<int>(patience);
    options.headActivation = args.valueOr("head-activation", options.headActivation);
    checkHeadActivation(options.headActivation, "--head-activation");
}

namespace {
std::atomic<Progress*> interruptible{nullptr};
void onInterrupt(int) {
    if (Progress* progress = interruptible.load()) progress->cancel();
}
}  // namespace

DeepConsoleProgress::DeepConsoleProgress() {
    interruptible.store(this);
    std::signal(SIGINT, onInterrupt);
}

DeepConsoleProgress::~DeepConsoleProgress() {
    std::signal(SIGINT, SIG_DFL);
    interruptible.store(nullptr);
}

void DeepConsoleProgress::report(double fraction, const std::string& message) {
    // Batch ticks only serve cancellation; epoch summaries and stage changes are worth a line.
    if (message.find(", batch ") != std::string::npos) return;
    std::cerr << "[" << static_cast<int>(fraction * 100 + 0.5) << "%] " << message << std::endl;
}

std::string featuresCsv(const std::vector<DeepPatch>& patches, const std::vector<DeepFeatures>& features,
                        const std::vector<double>& probabilities) {
    std::ostringstream csv;
    csv << "id";
    for (int k = 1; k <= kDeepFeatureCount; ++k) csv << ",deep_" << k;
    csv << ",probability\n";
    for (std::size_t i = 0; i < patches.size(); ++i) {
        csv << csvEscape(patches[i].patientId);
        for (float value : features[i]) csv << "," << formatDouble(value);
        csv << "," << formatDouble(probabilities[i]) << "\n";
    }
    return csv.str();
}

}  // namespace drs::cli
