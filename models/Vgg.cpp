// VGG-19 (configuration "E", Simonyan & Zisserman 2015), optionally with batch norm, with
// torchvision's numbering: features.N (conv / [bn] / relu / maxpool in one sequence),
// classifier.{0, 3, 6} (4096, 4096, classes) behind a 7x7 adaptive average pool.
#include "models/Backbone.h"
#include "models/Layers.h"
#include "models/TrainingRandom.h"

namespace drs::models {
namespace {

struct ConvStep {
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d norm{nullptr};
    bool poolAfter = false;
};

class Vgg19 : public Backbone {
public:
    Vgg19(const BackboneOptions& options, bool batchNorm) : Backbone(options) {
        const std::vector<int64_t> stageWidths{64, 128, 256, 512, 512};
        const std::vector<int> convsPerStage{2, 2, 4, 4, 4};
        auto features = addContainer(*this, "features");
        int64_t index = 0;
        int64_t channels = options.inChannels;
        for (std::size_t stage = 0; stage < stageWidths.size(); ++stage) {
            const int64_t width = stageWidths[stage] / options.widthDivisor;
            for (int c = 0; c < convsPerStage[stage]; ++c) {
                ConvStep step;
                step.conv =
                    features->register_module(std::to_string(index++), makeConv(channels, width, 3, 1, 1, true));
                if (batchNorm) step.norm = features->register_module(std::to_string(index++), makeBatchNorm(width));
                ++index;  // ReLU: no parameters, but it takes a number in torchvision's Sequential
                step.poolAfter = c + 1 == convsPerStage[stage];
                if (step.poolAfter) ++index;  // MaxPool2d
                steps_.push_back(step);
                channels = width;
            }
        }
        const int64_t hidden = 4096 / options.widthDivisor;
        auto classifier = addContainer(*this, "classifier");
        fc0_ = classifier->register_module("0", torch::nn::Linear(channels * 7 * 7, hidden));
        fc3_ = classifier->register_module("3", torch::nn::Linear(hidden, hidden));
        featureCount_ = hidden;
        if (options.imagenetClasses > 0)
            imagenetClassifier_ = classifier->register_module("6", torch::nn::Linear(hidden, options.imagenetClasses));
        initialiseWeights(*this);
        torch::NoGradGuard noGrad;
        for (auto* linear : {fc0_.get(), fc3_.get()}) torch::nn::init::normal_(linear->weight, 0.0, 0.01);
        if (imagenetClassifier_) torch::nn::init::normal_(imagenetClassifier_->weight, 0.0, 0.01);
    }

    // The last block's activations before its max pool: twice the resolution of the pooled maps,
    // which Grad-CAM needs at 160x160 (10x10 instead of 5x5).
    torch::Tensor featureMaps(const torch::Tensor& images, torch::Tensor*, torch::Tensor* previousBlock) override {
        auto x = images;
        int poolsDone = 0;
        for (std::size_t i = 0; i < steps_.size(); ++i) {
            x = steps_[i].conv->forward(x);
            if (steps_[i].norm) x = steps_[i].norm->forward(x);
            x = torch::relu(x);
            if (steps_[i].poolAfter && i + 1 < steps_.size()) {
                if (previousBlock && ++poolsDone == 4) *previousBlock = x;
                x = torch::max_pool2d(x, 2, 2);
            }
        }
        return x;
    }

    torch::Tensor pooledFeatures(const torch::Tensor& maps) override {
        auto x = torch::flatten(torch::adaptive_avg_pool2d(torch::max_pool2d(maps, 2, 2), {7, 7}), 1);
        x = models::dropout(torch::relu(fc0_->forward(x)), 0.5, is_training());
        return models::dropout(torch::relu(fc3_->forward(x)), 0.5, is_training());
    }

    // Padded 3x3 convolutions keep centres; each of the four 2x2 pools before the maps moves the
    // first centre by half its input stride: 0.5 + 1 + 2 + 4.
    MapGrid mapGrid() const override { return {7.5, 16}; }
    MapGrid previousBlockGrid() const override { return {3.5, 8}; }

    int64_t featureCount() const override { return featureCount_; }
    std::vector<std::string> classifierKeyPrefixes() const override { return {"classifier.6."}; }

private:
    std::vector<ConvStep> steps_;
    torch::nn::Linear fc0_{nullptr}, fc3_{nullptr};
    int64_t featureCount_ = 0;
};

}  // namespace

std::shared_ptr<Backbone> makeVgg19(const BackboneOptions& options, bool batchNorm) {
    return std::make_shared<Vgg19>(options, batchNorm);
}

}  // namespace drs::models
