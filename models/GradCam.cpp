#include "models/GradCam.h"

#include "core/util/Error.h"
#include "models/DeepCtTrainer.h"

namespace drs::models {

torch::Tensor mapsToPatch(const torch::Tensor& maps, Backbone::MapGrid grid, int64_t inputSizePx) {
    // Patch pixel p -> network input pixel q (the align_corners=false resize DeepCtNet applies)
    // -> fractional map cell u -> grid_sample's [-1, 1] with align_corners=true (-1 = cell 0).
    const auto patchPx = torch::arange(kDeepPatchSizePx, torch::TensorOptions(torch::kFloat64));
    const auto inputPx = (patchPx + 0.5) * (static_cast<double>(inputSizePx) / kDeepPatchSizePx) - 0.5;
    const auto cell = (inputPx - grid.firstCentrePx) / grid.stridePx;
    auto normalised = [&](int64_t cells) {
        return cells > 1 ? (cell * (2.0 / static_cast<double>(cells - 1)) - 1).to(torch::kFloat32)
                         : torch::zeros({kDeepPatchSizePx}, torch::kFloat32);
    };
    const auto gx = normalised(maps.size(3)).view({1, kDeepPatchSizePx}).expand({kDeepPatchSizePx, kDeepPatchSizePx});
    const auto gy = normalised(maps.size(2)).view({kDeepPatchSizePx, 1}).expand({kDeepPatchSizePx, kDeepPatchSizePx});
    const auto sampling = torch::stack({gx, gy}, 2).unsqueeze(0).expand({maps.size(0), -1, -1, -1}).to(maps.device());
    return torch::nn::functional::grid_sample(maps.to(torch::kFloat32), sampling,
                                              torch::nn::functional::GridSampleFuncOptions()
                                                  .mode(torch::kBilinear)
                                                  .padding_mode(torch::kBorder)
                                                  .align_corners(true));
}

std::vector<float> gradCam(DeepCtNetImpl& net, const DeepPatch& patch, int output, int targetClass,
                           GradCamLayer layer) {
    checkPatch(patch, seesTumour(net.config().channels));
    if (output < 0 || output >= net.config().outputs)
        throw Error("Grad-CAM: the network has " + std::to_string(net.config().outputs) + " output(s); output " +
                    std::to_string(output) + " does not exist");
    net.eval();
    const auto device = net.parameters().front().device();
    const auto input = patchChannels({&patch}, net.config());
    const bool previous = layer == GradCamLayer::PreviousBlock;
    const auto out = net.forward(input.to(device), previous);
    const auto& maps = previous ? out.previousMaps : out.maps;
    const auto score = out.logits.select(1, 2 * output + targetClass).sum();
    const auto gradient = torch::autograd::grad({score}, {maps})[0];
    const auto channelWeights = gradient.mean({2, 3}, /*keepdim=*/true);
    auto cam = torch::relu((channelWeights * maps).sum(1, /*keepdim=*/true)).detach();
    const auto grid = previous ? net.backbone().previousBlockGrid() : net.backbone().mapGrid();
    cam = mapsToPatch(cam, grid, net.config().inputSizePx);
    const float peak = cam.max().item<float>();
    if (peak > 0) cam = cam / peak;
    cam = cam.to(torch::kCPU).contiguous();
    return std::vector<float>(cam.data_ptr<float>(), cam.data_ptr<float>() + cam.numel());
}

}  // namespace drs::models
