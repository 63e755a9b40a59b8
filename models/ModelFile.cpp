#include "models/ModelFile.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::models {
namespace {

const char* const kConfigKey = "drs_deepct_config";

std::string jsonString(const std::string& text) {
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') quoted += '\\';
        if (c == '\n') {
            quoted += "\\n";
            continue;
        }
        quoted += c;
    }
    return quoted + "\"";
}

std::string jsonNumber(double value) { return std::isfinite(value) ? formatDouble(value) : "null"; }

std::string numbersJson(const std::vector<double>& values) {
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + jsonNumber(values[i]);
    return text + "]";
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(path + ": cannot open for writing");
    out << text;
    if (!out.flush()) throw Error(path + ": write failed (disk full?)");
}

}  // namespace

void saveDeepCtModel(const TrainedDeepCt& trained, const DeepCtOptions& options, const std::string& path) {
    const std::string partialModel = path + ".partial";
    const std::string sidecar = path + ".json";
    const std::string partialSidecar = sidecar + ".partial";
    // LibTorch's file writer throws from its destructor when a write fails (a full disk), which
    // ends the process; serialising into memory cannot fail that way, and our own write reports.
    std::ostringstream serialised;
    try {
        torch::serialize::OutputArchive archive;
        trained.net->save(archive);
        archive.write(kConfigKey, c10::IValue(trained.net->config().toText()));
        archive.save_to(serialised);
    } catch (const c10::Error& e) {
        throw Error(path + ": cannot serialise the model");
    }
    try {
        writeText(partialModel, serialised.str());
    } catch (...) {
        std::remove(partialModel.c_str());
        throw;
    }
    const auto& config = trained.net->config();
    std::ostringstream json;
    json << "{\n"
         << "  \"format\": \"drs-deepct-1\",\n"
         << "  \"model_sha256\": " << jsonString(sha256File(partialModel)) << ",\n"
         << "  \"backbone\": " << jsonString(config.backbone) << ",\n"
         << "  \"width_divisor\": " << config.widthDivisor << ",\n"
         << "  \"input_size_px\": " << config.inputSizePx << ",\n"
         << "  \"input_channels\": " << jsonString(inputChannelsText(config.channels)) << ",\n"
         << "  \"in_channels\": " << config.inChannels << ",\n"
         << "  \"window_level_hu\": " << jsonNumber(config.windowLevelHu) << ",\n"
         << "  \"window_width_hu\": " << jsonNumber(config.windowWidthHu) << ",\n"
         << "  \"outputs\": " << config.outputs << ",\n"
         << "  \"head_activation\": " << jsonString(config.headActivation) << ",\n"
         << "  \"pretrained_imagenet\": " << (trained.pretrainedWeightsUsed ? "true" : "false") << ",\n"
         << "  \"imagenet_weights_sha256\": " << jsonString(trained.imagenetWeightsSha256) << ",\n"
         << "  \"seed\": " << options.seed << ",\n"
         << "  \"epochs_max\": " << options.epochs << ",\n"
         << "  \"epochs_run\": " << trained.epochsRun << ",\n"
         << "  \"best_epoch\": " << trained.bestEpoch << ",\n"
         << "  \"batch_size\": " << trained.batchSize << ",\n"
         << "  \"batch_size_choice\": " << jsonString(trained.batchSizeChoice)
         << ",\n"
         // The floating-point results depend on it (reduction order), so it is provenance.
         << "  \"cpu_threads\": " << torch::get_num_threads() << ",\n"
         << "  \"mixed_precision\": " << (trained.mixedPrecision ? "true" : "false") << ",\n"
         << "  \"learning_rate\": " << jsonNumber(options.learningRate) << ",\n"
         << "  \"weight_decay\": " << jsonNumber(options.weightDecay) << ",\n"
         << "  \"validation_fraction\": " << jsonNumber(options.validationFraction) << ",\n"
         << "  \"learning_rate_schedule\": " << jsonString(options.learningRateSchedule) << ",\n"
         << "  \"augment\": " << (options.augment ? "true" : "false") << ",\n"
         << "  \"flip_left_right\": " << (options.flipLeftRight ? "true" : "false") << ",\n"
         << "  \"flip_anterior_posterior\": " << (options.flipAnteriorPosterior ? "true" : "false") << ",\n"
         << "  \"max_rotation_deg\": " << jsonNumber(options.maxRotationDeg) << ",\n"
         << "  \"intensity_jitter\": " << jsonNumber(options.intensityJitter) << ",\n"
         << "  \"training_patients\": " << trained.trainingCount << ",\n"
         << "  \"validation_patients\": " << trained.validationCount << ",\n"
         << "  \"best_validation_auc\": " << jsonNumber(trained.bestValidationAuc) << ",\n"
         << "  \"validation_auc_by_output\": " << numbersJson(trained.validationAucByOutput) << ",\n"
         << "  \"log\": " << jsonString(trained.log) << "\n"
         << "}\n";
    try {
        writeText(partialSidecar, json.str());
    } catch (...) {
        std::remove(partialModel.c_str());
        std::remove(partialSidecar.c_str());
        throw;
    }
    if (std::rename(partialModel.c_str(), path.c_str()) != 0 ||
        std::rename(partialSidecar.c_str(), sidecar.c_str()) != 0) {
        std::remove(partialModel.c_str());
        std::remove(partialSidecar.c_str());
        throw Error(path + ": cannot move the finished model into place");
    }
}

std::shared_ptr<DeepCtNetImpl> loadDeepCtModel(const std::string& path) {
    if (!std::ifstream(path).good()) throw Error(path + ": model file not found");
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path, torch::kCPU);
    } catch (const c10::Error&) {
        throw Error(path + ": not a Deep-CT model file (unreadable archive)");
    }
    c10::IValue configText;
    if (!archive.try_read(kConfigKey, configText) || !configText.isString())
        throw Error(path + ": not a Deep-CT model saved by this program (no network description)");
    auto net = std::make_shared<DeepCtNetImpl>(DeepCtNetConfig::fromText(configText.toStringRef(), path));
    try {
        net->load(archive);
    } catch (const c10::Error& e) {
        throw Error(path + ": model file is incomplete or does not match its description");
    }
    net->eval();
    return net;
}

}  // namespace drs::models
