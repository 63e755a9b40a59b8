#pragma once
// Small building blocks shared by the backbones. LibTorch only: include no Qt header here.
#include <torch/torch.h>

#include <string>

namespace drs::models {

// A plain module that only names its children, so state_dict keys nest exactly as torchvision's
// do (features.denseblock1.denselayer1.conv1.weight, layer1.0.downsample.1.running_mean, ...).
inline std::shared_ptr<torch::nn::Module> addContainer(torch::nn::Module& parent, const std::string& name) {
    return parent.register_module(name, std::make_shared<torch::nn::Module>());
}

inline torch::nn::Conv2d makeConv(int64_t in, int64_t out, std::array<int64_t, 2> kernel, int64_t stride = 1,
                                  std::array<int64_t, 2> padding = {0, 0}, bool bias = false) {
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, {kernel[0], kernel[1]})
                                 .stride(stride)
                                 .padding({padding[0], padding[1]})
                                 .bias(bias));
}

inline torch::nn::Conv2d makeConv(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t padding = 0,
                                  bool bias = false) {
    return makeConv(in, out, {kernel, kernel}, stride, {padding, padding}, bias);
}

inline torch::nn::BatchNorm2d makeBatchNorm(int64_t channels, double eps = 1e-5) {
    return torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(channels).eps(eps));
}

// He-normal convolutions (fan_out, as torchvision's ResNet/VGG/DenseNet), batch norm at 1/0,
// linear biases at 0. Training from scratch depends on it; ImageNet weights overwrite it.
void initialiseWeights(torch::nn::Module& module);

}  // namespace drs::models
