#pragma once
// Grad-CAM (Selvaraju et al. 2017) on the backbone's last convolutional block. LibTorch only.
#include <vector>

#include "core/pipeline/DeepCtPort.h"
#include "models/DeepCtNet.h"

namespace drs::models {

// ReLU of the gradient-weighted sum of the last block's maps for `targetClass`, resampled
// bilinearly to 160 x 160 and scaled to [0, 1] by its maximum (all zeros when nothing supports
// the class). Row-major like DeepPatch::hu160x160.
std::vector<float> gradCam(DeepCtNetImpl& net, const DeepPatch& patch, int targetClass = 1);

// Bilinear resampling of maps [N, C, h, w] to the 160 x 160 patch, each map cell placed on the
// patch pixel its receptive field is centred on (`grid` on a network input of inputSizePx,
// which the patch was resized to with align_corners=false); beyond the outermost centres the
// border value continues.
torch::Tensor mapsToPatch(const torch::Tensor& maps, Backbone::MapGrid grid, int64_t inputSizePx);

}  // namespace drs::models
