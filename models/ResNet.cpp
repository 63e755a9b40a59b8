// ResNet-50/101 (He et al. 2016, torchvision's "v1.5": stride on the 3x3 convolution) with
// torchvision's module names: conv1, bn1, layer1..4.K.{conv1..3, bn1..3, downsample.0/1}, fc.
#include "models/Backbone.h"
#include "models/Layers.h"

namespace drs::models {
namespace {

constexpr int64_t kExpansion = 4;

struct Bottleneck {
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr}, downsampleConv{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr}, downsampleNorm{nullptr};

    torch::Tensor forward(const torch::Tensor& x) {
        auto out = torch::relu(bn1->forward(conv1->forward(x)));
        out = torch::relu(bn2->forward(conv2->forward(out)));
        out = bn3->forward(conv3->forward(out));
        auto identity = downsampleConv ? downsampleNorm->forward(downsampleConv->forward(x)) : x;
        return torch::relu(out + identity);
    }
};

class ResNet : public Backbone {
public:
    ResNet(const BackboneOptions& options, std::array<int64_t, 4> blocksPerStage) : Backbone(options) {
        int64_t channels = 64 / options.widthDivisor;
        conv1_ = register_module("conv1", makeConv(options.inChannels, channels, 7, 2, 3));
        bn1_ = register_module("bn1", makeBatchNorm(channels));
        for (int stage = 0; stage < 4; ++stage) {
            const int64_t width = (64 << stage) / options.widthDivisor;
            auto layer = addContainer(*this, "layer" + std::to_string(stage + 1));
            for (int64_t index = 0; index < blocksPerStage[stage]; ++index) {
                const int64_t stride = (index == 0 && stage > 0) ? 2 : 1;
                auto blockModule = addContainer(*layer, std::to_string(index));
                Bottleneck block;
                block.conv1 = blockModule->register_module("conv1", makeConv(channels, width, 1));
                block.bn1 = blockModule->register_module("bn1", makeBatchNorm(width));
                block.conv2 = blockModule->register_module("conv2", makeConv(width, width, 3, stride, 1));
                block.bn2 = blockModule->register_module("bn2", makeBatchNorm(width));
                block.conv3 = blockModule->register_module("conv3", makeConv(width, width * kExpansion, 1));
                block.bn3 = blockModule->register_module("bn3", makeBatchNorm(width * kExpansion));
                if (stride != 1 || channels != width * kExpansion) {
                    auto downsample = addContainer(*blockModule, "downsample");
                    block.downsampleConv =
                        downsample->register_module("0", makeConv(channels, width * kExpansion, 1, stride));
                    block.downsampleNorm = downsample->register_module("1", makeBatchNorm(width * kExpansion));
                }
                if (stage == 3 && index == 0) lastStageStart_ = blocks_.size();
                blocks_.push_back(block);
                channels = width * kExpansion;
            }
        }
        featureCount_ = channels;
        if (options.imagenetClasses > 0)
            imagenetClassifier_ = register_module("fc", torch::nn::Linear(channels, options.imagenetClasses));
        initialiseWeights(*this);
    }

    torch::Tensor featureMaps(const torch::Tensor& images, torch::Tensor*, torch::Tensor* previousBlock) override {
        auto x = torch::max_pool2d(torch::relu(bn1_->forward(conv1_->forward(images))), 3, 2, 1);
        for (std::size_t i = 0; i < blocks_.size(); ++i) {
            if (previousBlock && i == lastStageStart_) *previousBlock = x;  // layer3's output
            x = blocks_[i].forward(x);
        }
        return x;
    }

    torch::Tensor pooledFeatures(const torch::Tensor& maps) override {
        return torch::flatten(torch::adaptive_avg_pool2d(maps, {1, 1}), 1);
    }

    // Every downsampling step (7x7/2 padding 3, 3x3/2 max pool padding 1, the 3x3/2 convolutions
    // and 1x1/2 shortcuts of layers 2-4) maps cell j onto cell 2j: the first centre stays on pixel 0.
    MapGrid mapGrid() const override { return {0, 32}; }
    MapGrid previousBlockGrid() const override { return {0, 16}; }

    int64_t featureCount() const override { return featureCount_; }
    std::vector<std::string> classifierKeyPrefixes() const override { return {"fc."}; }

private:
    std::size_t lastStageStart_ = 0;  // index in blocks_ of layer4.0
    torch::nn::Conv2d conv1_{nullptr};
    torch::nn::BatchNorm2d bn1_{nullptr};
    std::vector<Bottleneck> blocks_;
    int64_t featureCount_ = 0;
};

}  // namespace

std::shared_ptr<Backbone> makeResNet(const BackboneOptions& options, std::array<int64_t, 4> blocksPerStage) {
    return std::make_shared<ResNet>(options, blocksPerStage);
}

}  // namespace drs::models
