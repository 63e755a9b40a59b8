#pragma once
// The Deep-CT network: a backbone whose 1000-way ImageNet classifier is replaced by two
// Xavier-initialised fully connected layers, backbone features -> 10 deep features -> 2 classes
// per output (one output per task of a multi-task network; the paper's network has one).
// LibTorch only: no Qt headers.
#include <torch/torch.h>

#include <string>

#include "models/Backbone.h"

namespace drs::models {

// Everything needed to rebuild the same network from a saved file.
struct DeepCtNetConfig {
    std::string backbone = "densenet121";
    int64_t widthDivisor = 1;
    int64_t inputSizePx = 160;
    int64_t inChannels = 1;  // 3 when ImageNet weights are used (the gray patch replicated)
    double windowLevelHu = -600;
    double windowWidthHu = 1500;
    int64_t outputs = 1;  // tasks sharing the deep features, each with its own pair of logits

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

    // windowed: [N, 1, 160, 160], the lung-windowed patch in [0, 1].
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

// HU patches (row-major 160 x 160 each) -> [N, 1, 160, 160] lung-windowed to [0, 1].
torch::Tensor windowPatches(const std::vector<const std::vector<float>*>& patchesHu, double levelHu, double widthHu);

}  // namespace drs::models
