#include "models/DeepCtNet.h"

#include <map>
#include <sstream>

#include "core/pipeline/DeepCtPort.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::models {

std::string DeepCtNetConfig::toText() const {
    std::ostringstream text;
    text << "format=drs-deepct-1\n"
         << "backbone=" << backbone << "\n"
         << "width_divisor=" << widthDivisor << "\n"
         << "input_size_px=" << inputSizePx << "\n"
         << "channels=" << inputChannelsText(channels) << "\n"
         << "in_channels=" << inChannels << "\n"
         << "window_level_hu=" << formatDouble(windowLevelHu) << "\n"
         << "window_width_hu=" << formatDouble(windowWidthHu) << "\n"
         << "outputs=" << outputs << "\n"
         << "head_activation=" << headActivation << "\n";
    return text.str();
}

DeepCtNetConfig DeepCtNetConfig::fromText(const std::string& text, const std::string& source) {
    std::map<std::string, std::string> values;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto eq = line.find('=');
        if (eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 1);
    }
    if (values["format"] != "drs-deepct-1") throw Error(source + ": not a Deep-CT model saved by this program");
    auto number = [&](const std::string& key) {
        if (!values.count(key)) throw Error(source + ": model description lacks '" + key + "'");
        return parseDouble(values[key], source + " " + key);
    };
    DeepCtNetConfig config;
    config.backbone = values["backbone"];
    config.widthDivisor = static_cast<int64_t>(number("width_divisor"));
    config.inputSizePx = static_cast<int64_t>(number("input_size_px"));
    config.inChannels = static_cast<int64_t>(number("in_channels"));
    // Models saved before the channels were a setting saw the lung window only.
    if (values.count("channels")) config.channels = parseInputChannels(values["channels"], source);
    config.windowLevelHu = number("window_level_hu");
    config.windowWidthHu = number("window_width_hu");
    // Models saved before multi-task networks have one output.
    config.outputs = values.count("outputs") ? static_cast<int64_t>(number("outputs")) : 1;
    if (config.outputs < 1) throw Error(source + ": model description has " + values["outputs"] + " outputs");
    // Models saved before the head was a setting put a ReLU between the deep features and the classes.
    config.headActivation = values.count("head_activation") ? values["head_activation"] : "relu";
    checkHeadActivation(config.headActivation, source);
    return config;
}

DeepCtNetImpl::DeepCtNetImpl(DeepCtNetConfig config) : config_(std::move(config)) {
    BackboneOptions options;
    options.name = config_.backbone;
    options.inChannels = config_.inChannels;
    options.widthDivisor = config_.widthDivisor;
    if (config_.outputs < 1) throw Error("a Deep-CT network needs at least one output");
    checkHeadActivation(config_.headActivation, "Deep-CT network");
    const auto channels = static_cast<int64_t>(config_.channels.size());
    if (config_.inChannels != channels && !(channels == 1 && config_.inChannels == 3))
        throw Error("a Deep-CT network of " + std::to_string(channels) + " input channel(s) cannot take " +
                    std::to_string(config_.inChannels));
    options.auxiliaryClasses = config_.backbone == "inception_v3" ? 2 * config_.outputs : 0;
    backbone_ = register_module("backbone", makeBackbone(options));
    if (config_.inputSizePx < 32) throw Error("Deep-CT input size must be at least 32 pixels");
    if (config_.backbone == "inception_v3" && config_.inputSizePx < backbone_->nativeInputSizePx())
        throw Error("inception_v3 needs an input of at least 299 pixels (its auxiliary head)");
    deepFeatures_ = register_module("deep_features", torch::nn::Linear(backbone_->featureCount(), kDeepFeatureCount));
    classifier_ = register_module("classifier", torch::nn::Linear(kDeepFeatureCount, 2 * config_.outputs));
    torch::NoGradGuard noGrad;
    for (auto* linear : {deepFeatures_.get(), classifier_.get()}) {
        torch::nn::init::xavier_uniform_(linear->weight);
        linear->bias.zero_();
    }
}

torch::Tensor DeepCtNetImpl::networkInput(const torch::Tensor& windowed) const {
    auto x = windowed;
    if (x.size(2) != config_.inputSizePx || x.size(3) != config_.inputSizePx) {
        x = torch::nn::functional::interpolate(x,
                                               torch::nn::functional::InterpolateFuncOptions()
                                                   .size(std::vector<int64_t>{config_.inputSizePx, config_.inputSizePx})
                                                   .mode(torch::kBilinear)
                                                   .align_corners(false));
    }
    if (config_.inChannels == 3) {
        // ImageNet weights expect RGB normalised with ImageNet's channel statistics; three channels
        // of our own are normalised alike, with or without them, so a model file need not say which.
        const auto mean = torch::tensor({0.485f, 0.456f, 0.406f}, x.options()).view({1, 3, 1, 1});
        const auto sd = torch::tensor({0.229f, 0.224f, 0.225f}, x.options()).view({1, 3, 1, 1});
        return (x.expand({-1, 3, -1, -1}) - mean) / sd;
    }
    return (x - 0.5f) / 0.25f;
}

DeepCtOutput DeepCtNetImpl::forward(const torch::Tensor& windowed, bool withPreviousMaps) {
    DeepCtOutput out;
    torch::Tensor backboneAux;
    out.maps =
        backbone_->featureMaps(networkInput(windowed), &backboneAux, withPreviousMaps ? &out.previousMaps : nullptr);
    out.deepFeatures = deepFeatures_->forward(backbone_->pooledFeatures(out.maps));
    out.logits =
        classifier_->forward(config_.headActivation == "relu" ? torch::relu(out.deepFeatures) : out.deepFeatures);
    if (backboneAux.defined()) out.auxLogits = backboneAux;
    return out;
}

torch::Tensor positiveProbabilities(const torch::Tensor& logits) {
    return torch::softmax(logits.view({logits.size(0), -1, 2}), 2).select(2, 1);
}

torch::Tensor patchChannels(const std::vector<const DeepPatch*>& patches, const DeepCtNetConfig& config) {
    const int64_t count = static_cast<int64_t>(patches.size());
    const int64_t channels = static_cast<int64_t>(config.channels.size());
    constexpr std::size_t pixels = static_cast<std::size_t>(kDeepPatchSizePx) * kDeepPatchSizePx;
    auto batch = torch::empty({count, channels, kDeepPatchSizePx, kDeepPatchSizePx}, torch::kFloat32);
    float* out = batch.data_ptr<float>();
    for (const DeepPatch* patch : patches) {
        for (const auto& channel : config.channels) {
            if (channel == "tumour") {
                if (patch->tumour160x160.size() != pixels)
                    throw Error("patient '" + patch->patientId +
                                "': the network sees the tumour, but the deep patch comes without its tumour mask");
                for (float inside : patch->tumour160x160) *out++ = inside > 0.5f ? 1.0f : 0.0f;
                continue;
            }
            const auto [level, width] = channel == "mediastinal"
                                            ? std::pair{kMediastinalLevelHu, kMediastinalWidthHu}
                                            : std::pair{config.windowLevelHu, config.windowWidthHu};
            const double lowest = level - width / 2;
            for (float hu : patch->hu160x160) {
                const double scaled = (hu - lowest) / width;
                *out++ = static_cast<float>(scaled < 0 ? 0 : (scaled > 1 ? 1 : scaled));
            }
        }
    }
    return batch;
}

std::vector<bool> greyChannels(const DeepCtNetConfig& config) {
    std::vector<bool> grey;
    for (const auto& channel : config.channels) grey.push_back(channel != "tumour");
    return grey;
}

}  // namespace drs::models
