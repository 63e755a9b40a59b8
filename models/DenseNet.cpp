// DenseNet-121 (Huang et al. 2017) with torchvision's module names: features.{conv0, norm0,
// denseblock1..4 (denselayerK: norm1, conv1, norm2, conv2), transition1..3 (norm, conv), norm5},
// classifier. Growth rate 32, blocks (6, 12, 24, 16), 64 initial features, bottleneck width 4x.
#include "models/Backbone.h"
#include "models/Layers.h"

namespace drs::models {
namespace {

struct DenseLayer {
    torch::nn::BatchNorm2d norm1{nullptr}, norm2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};

    torch::Tensor forward(const torch::Tensor& concatenated) {
        auto bottleneck = conv1->forward(torch::relu(norm1->forward(concatenated)));
        return conv2->forward(torch::relu(norm2->forward(bottleneck)));
    }
};

struct Transition {
    torch::nn::BatchNorm2d norm{nullptr};
    torch::nn::Conv2d conv{nullptr};
};

class DenseNet121 : public Backbone {
public:
    explicit DenseNet121(const BackboneOptions& options) : Backbone(options) {
        const int64_t growth = 32 / options.widthDivisor;
        const int64_t bottleneckWidth = 4 * growth;
        int64_t channels = 64 / options.widthDivisor;
        const std::array<int, 4> layersPerBlock{6, 12, 24, 16};

        auto features = addContainer(*this, "features");
        conv0_ = features->register_module("conv0", makeConv(options.inChannels, channels, 7, 2, 3));
        norm0_ = features->register_module("norm0", makeBatchNorm(channels));
        for (std::size_t block = 0; block < layersPerBlock.size(); ++block) {
            auto blockModule = addContainer(*features, "denseblock" + std::to_string(block + 1));
            std::vector<DenseLayer> layers;
            for (int layer = 0; layer < layersPerBlock[block]; ++layer) {
                auto layerModule = addContainer(*blockModule, "denselayer" + std::to_string(layer + 1));
                DenseLayer dense;
                dense.norm1 = layerModule->register_module("norm1", makeBatchNorm(channels));
                dense.conv1 = layerModule->register_module("conv1", makeConv(channels, bottleneckWidth, 1));
                dense.norm2 = layerModule->register_module("norm2", makeBatchNorm(bottleneckWidth));
                dense.conv2 = layerModule->register_module("conv2", makeConv(bottleneckWidth, growth, 3, 1, 1));
                layers.push_back(dense);
                channels += growth;
            }
            blocks_.push_back(std::move(layers));
            if (block + 1 < layersPerBlock.size()) {
                auto transitionModule = addContainer(*features, "transition" + std::to_string(block + 1));
                Transition transition;
                transition.norm = transitionModule->register_module("norm", makeBatchNorm(channels));
                transition.conv = transitionModule->register_module("conv", makeConv(channels, channels / 2, 1));
                transitions_.push_back(transition);
                channels /= 2;
            }
        }
        norm5_ = features->register_module("norm5", makeBatchNorm(channels));
        featureCount_ = channels;
        if (options.imagenetClasses > 0)
            imagenetClassifier_ = register_module("classifier", torch::nn::Linear(channels, options.imagenetClasses));
        initialiseWeights(*this);
    }

    torch::Tensor featureMaps(const torch::Tensor& images, torch::Tensor*, torch::Tensor* previousBlock) override {
        auto x = torch::relu(norm0_->forward(conv0_->forward(images)));
        x = torch::max_pool2d(x, 3, 2, 1);
        for (std::size_t block = 0; block < blocks_.size(); ++block) {
            std::vector<torch::Tensor> produced{x};
            for (auto& layer : blocks_[block]) produced.push_back(layer.forward(torch::cat(produced, 1)));
            x = torch::cat(produced, 1);
            if (previousBlock && block + 2 == blocks_.size()) *previousBlock = x;
            if (block < transitions_.size()) {
                auto& t = transitions_[block];
                x = torch::avg_pool2d(t.conv->forward(torch::relu(t.norm->forward(x))), 2, 2);
            }
        }
        return torch::relu(norm5_->forward(x));
    }

    torch::Tensor pooledFeatures(const torch::Tensor& maps) override {
        return torch::flatten(torch::adaptive_avg_pool2d(maps, {1, 1}), 1);
    }

    // conv0 (7x7, stride 2, padding 3) and the 3x3 max pool (stride 2, padding 1) centre cells on
    // pixel 4j; the three 2x2 average pools of the transitions add 2 + 4 + 8.
    MapGrid mapGrid() const override { return {14, 32}; }
    // denseblock3, before transition3's pool: 2 + 4.
    MapGrid previousBlockGrid() const override { return {6, 16}; }

    int64_t featureCount() const override { return featureCount_; }
    std::vector<std::string> classifierKeyPrefixes() const override { return {"classifier."}; }

private:
    torch::nn::Conv2d conv0_{nullptr};
    torch::nn::BatchNorm2d norm0_{nullptr}, norm5_{nullptr};
    std::vector<std::vector<DenseLayer>> blocks_;
    std::vector<Transition> transitions_;
    int64_t featureCount_ = 0;
};

}  // namespace

std::shared_ptr<Backbone> makeDenseNet121(const BackboneOptions& options) {
    return std::make_shared<DenseNet121>(options);
}

}  // namespace drs::models
