#include "models/Backbone.h"

#include "core/util/Error.h"
#include "models/Layers.h"

namespace drs::models {

void initialiseWeights(torch::nn::Module& module) {
    torch::NoGradGuard noGrad;
    for (auto& child : module.modules(/*include_self=*/false)) {
        if (auto* conv = child->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
            if (conv->bias.defined()) conv->bias.zero_();
        } else if (auto* norm = child->as<torch::nn::BatchNorm2d>()) {
            norm->weight.fill_(1.0);
            norm->bias.zero_();
        } else if (auto* linear = child->as<torch::nn::Linear>()) {
            if (linear->bias.defined()) linear->bias.zero_();
        }
    }
}

torch::Tensor Backbone::imagenetLogits(const torch::Tensor& images, torch::Tensor* auxLogits) {
    if (!imagenetClassifier_) throw Error(options_.name + ": built without the ImageNet classifier");
    return imagenetClassifier_->forward(pooledFeatures(featureMaps(images, auxLogits)));
}

const std::vector<std::string>& backboneNames() {
    static const std::vector<std::string> names{"densenet121", "resnet50", "resnet101",
                                                "vgg19",       "vgg19_bn", "inception_v3"};
    return names;
}

std::shared_ptr<Backbone> makeBackbone(const BackboneOptions& options) {
    if (options.widthDivisor < 1) throw Error("backbone width divisor must be at least 1");
    if (options.inChannels < 1) throw Error("backbone input must have at least one channel");
    if (options.auxiliaryClasses > 0 && options.name != "inception_v3")
        throw Error(options.name + ": only inception_v3 has an auxiliary head");
    if (options.name == "densenet121") return makeDenseNet121(options);
    if (options.name == "resnet50") return makeResNet(options, {3, 4, 6, 3});
    if (options.name == "resnet101") return makeResNet(options, {3, 4, 23, 3});
    if (options.name == "vgg19") return makeVgg19(options, false);
    if (options.name == "vgg19_bn") return makeVgg19(options, true);
    if (options.name == "inception_v3") return makeInceptionV3(options);
    std::string known;
    for (const auto& name : backboneNames()) known += (known.empty() ? "" : ", ") + name;
    throw Error("unknown backbone '" + options.name + "' (known: " + known + ")");
}

int64_t countParameters(const torch::nn::Module& module) {
    int64_t total = 0;
    for (const auto& parameter : module.parameters()) total += parameter.numel();
    return total;
}

}  // namespace drs::models
