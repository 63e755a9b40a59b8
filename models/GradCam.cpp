#include "models/GradCam.h"

#include "models/DeepCtTrainer.h"

namespace drs::models {

std::vector<float> gradCam(DeepCtNetImpl& net, const DeepPatch& patch, int targetClass) {
    checkPatch(patch);
    net.eval();
    const auto device = net.parameters().front().device();
    const auto input = windowPatches({&patch.hu160x160}, net.config().windowLevelHu, net.config().windowWidthHu);
    const auto out = net.forward(input.to(device));
    const auto score = out.logits.select(1, targetClass).sum();
    const auto gradient = torch::autograd::grad({score}, {out.maps})[0];
    const auto channelWeights = gradient.mean({2, 3}, /*keepdim=*/true);
    auto cam = torch::relu((channelWeights * out.maps).sum(1, /*keepdim=*/true)).detach();
    cam = torch::nn::functional::interpolate(cam, torch::nn::functional::InterpolateFuncOptions()
                                                      .size(std::vector<int64_t>{kDeepPatchSizePx, kDeepPatchSizePx})
                                                      .mode(torch::kBilinear)
                                                      .align_corners(false));
    const float peak = cam.max().item<float>();
    if (peak > 0) cam = cam / peak;
    cam = cam.to(torch::kCPU).contiguous();
    return std::vector<float>(cam.data_ptr<float>(), cam.data_ptr<float>() + cam.numel());
}

}  // namespace drs::models
