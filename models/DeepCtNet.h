#pragma once
// The Deep-CT network: a backbone whose 1000-way ImageNet classifier is replaced by two
// Xavier-initialised fully connected layers, backbone features -> 10 deep features -> 2 classes
// per output (one output per task of a multi-task network; the paper's network has one).
// LibTorch only: no Qt headers.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/pipeline/DeepCtPort.h"
#include "models/Backbone.h"

namespace drs::models {

// Everything needed to rebuild the same network from a saved file.
struct DeepCtNetConfig {
    std::string backbone = "densenet121";
    int64_t widthDivisor = 1;
    int64_t inputSizePx = 160;
    // DeepCtOptions::inputChannels. The backbone's input channels are as many, except that
    // ImageNet weights take 3: one channel is then replicated.
    std::vector<std::string> channels{"lung"};
    int64_t inChannels = 1;
    double windowLevelHu = -600;
    double windowWidthHu = 1500;
    int64_t outputs = 1;                  // tasks sharing the deep features, each with its own pair of logits
    std::string headActivation = "none";  // DeepCtOptions::headActivation

    std::string toText() const;  // "key=value" lines, stored inside the model file
    static DeepCtNetConfig fromText(const std::string& text, const std::string& source);
};

struct DeepCtOutput {
    torch::Tensor logits;        // [N, 2 * outputs]: output t's classes 0 and 1 at columns 2t, 2t + 1
    torch::Tensor deepFeatures;  // [N, 10]
    torch::Tensor auxLogits;     // [N, 2 * outputs], Inception V3 in training mode only
    torch::Tensor maps;          // last convolutional block, [N, C, h, w]
    torch::Tensor previousMaps;  // the block before it (Backbone::featureMaps), when asked for
};

class DeepCtNetImpl : public torch::nn::Module {
public:
    explicit DeepCtNetImpl(DeepCtNetConfig config);

    // windowed: [N, channels, 160, 160] in [0, 1] (patchChannels).
    DeepCtOutput forward(const torch::Tensor& windowed, bool withPreviousMaps = false);

    const DeepCtNetConfig& config() const { return config_; }
    Backbone& backbone() { return *backbone_; }

private:
    torch::Tensor networkInput(const torch::Tensor& windowed) const;

    DeepCtNetConfig config_;
    std::shared_ptr<Backbone> backbone_;
    torch::nn::Linear deepFeatures_{nullptr};
    torch::nn::Linear classifier_{nullptr};
};

// P(class 1) of every output from logits [N, 2 * outputs]: [N, outputs].
torch::Tensor positiveProbabilities(const torch::Tensor& logits);

// Patches -> [N, config.channels, 160, 160] in [0, 1]: HU through each window, the tumour as 0 / 1.
// A patch without a tumour mask is refused when the network sees the tumour.
torch::Tensor patchChannels(const std::vector<const DeepPatch*>& patches, const DeepCtNetConfig& config);

// Whether channel c of patchChannels holds grey values (augmentation jitters those, not the mask).
std::vector<bool> greyChannels(const DeepCtNetConfig& config);

}  // namespace drs::models
