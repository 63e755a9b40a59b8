#pragma once
// The five CNN backbones of the Deep-CT comparison, built with LibTorch's C++ API so that their
// module tree, parameter shapes and state_dict keys equal torchvision's (DenseNet121, ResNet50,
// ResNet101, VGG19 [+BN], Inception V3 with its auxiliary head). LibTorch only: no Qt headers.
#include <torch/torch.h>

#include <string>
#include <vector>

namespace drs::models {

struct BackboneOptions {
    std::string name = "densenet121";  // densenet121 resnet50 resnet101 vgg19 vgg19_bn inception_v3
    int64_t inChannels = 3;
    // > 0: the torchvision ImageNet classifier (1000 for parameter counts and weight import);
    // 0: no classifier, the Deep-CT head is attached outside the backbone.
    int64_t imagenetClasses = 0;
    // Inception V3 only: classes of the auxiliary head (0: no auxiliary head).
    int64_t auxiliaryClasses = 0;
    // Divides every channel width (1 = the published architecture). A CPU-budget option for
    // tests and the fast demo; widths other than 1 cannot take ImageNet weights.
    int64_t widthDivisor = 1;
};

class Backbone : public torch::nn::Module {
public:
    // Output of the last convolutional block, [N, C, h, w]; Grad-CAM differentiates against it.
    // Inception V3 in training mode with an auxiliary head also returns its logits in auxLogits.
    // previousBlock, when given, receives the output of the block before the last downsampling
    // (DenseNet: denseblock3, ResNet: layer3, VGG: the fourth block before its pool, Inception:
    // Mixed_6e), twice as fine: Grad-CAM's alternative layer.
    virtual torch::Tensor featureMaps(const torch::Tensor& images, torch::Tensor* auxLogits = nullptr,
                                      torch::Tensor* previousBlock = nullptr) = 0;
    // What the final classifier reads, [N, featureCount()].
    virtual torch::Tensor pooledFeatures(const torch::Tensor& maps) = 0;
    virtual int64_t featureCount() const = 0;
    // Where the cells of featureMaps() sit on the network's input: cell j (either axis) is centred
    // on input pixel firstCentrePx + stridePx * j, as the kernels, strides and paddings on the way
    // place it. Grad-CAM needs it to put the heat back on the right pixels: a stride-2 3x3
    // convolution with padding 1 centres its cells on even pixels, so ResNet's last cells do not
    // sit where a plain "align_corners=false" resize assumes (half a cell, 15.5 px, away).
    struct MapGrid {
        double firstCentrePx = 0;
        double stridePx = 1;
    };
    virtual MapGrid mapGrid() const = 0;
    virtual MapGrid previousBlockGrid() const = 0;
    // Smallest square input the network accepts (Inception's auxiliary head needs 299).
    virtual int64_t nativeInputSizePx() const { return 160; }
    // torchvision-style logits; only when built with imagenetClasses > 0. auxLogits as in featureMaps.
    torch::Tensor imagenetLogits(const torch::Tensor& images, torch::Tensor* auxLogits = nullptr);

    const BackboneOptions& options() const { return options_; }
    // state_dict key prefixes of torchvision's classifier(s), replaced by the Deep-CT head.
    virtual std::vector<std::string> classifierKeyPrefixes() const = 0;

protected:
    explicit Backbone(BackboneOptions options) : options_(std::move(options)) {}
    torch::nn::Linear imagenetClassifier_{nullptr};

private:
    BackboneOptions options_;
};

// Throws drs::Error for an unknown name or an unsupported option combination.
std::shared_ptr<Backbone> makeBackbone(const BackboneOptions& options);
const std::vector<std::string>& backboneNames();

std::shared_ptr<Backbone> makeDenseNet121(const BackboneOptions& options);
std::shared_ptr<Backbone> makeResNet(const BackboneOptions& options, std::array<int64_t, 4> blocksPerStage);
std::shared_ptr<Backbone> makeVgg19(const BackboneOptions& options, bool batchNorm);
std::shared_ptr<Backbone> makeInceptionV3(const BackboneOptions& options);

int64_t countParameters(const torch::nn::Module& module);

}  // namespace drs::models
