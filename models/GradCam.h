#pragma once
// Grad-CAM (Selvaraju et al. 2017) on the backbone's last convolutional block. LibTorch only.
#include <vector>

#include "core/pipeline/DeepCtPort.h"
#include "models/DeepCtNet.h"

namespace drs::models {

// Which maps Grad-CAM weighs: the last convolutional block (the method's choice, coarse: 5 x 5 for
// DenseNet-121 at 160 px) or the block before the last downsampling (twice as fine, less
// class-specific).
enum class GradCamLayer { LastBlock, PreviousBlock };

// ReLU of the gradient-weighted sum of the layer's maps for `targetClass` of the network's output
// `output`, resampled bilinearly to 160 x 160 and scaled to [0, 1] by its maximum (all zeros when
// nothing supports the class). Row-major like DeepPatch::hu160x160. Throws drs::Error when the
// network has no such output.
std::vector<float> gradCam(DeepCtNetImpl& net, const DeepPatch& patch, int output = 0, int targetClass = 1,
                           GradCamLayer layer = GradCamLayer::LastBlock);

// Bilinear resampling of maps [N, C, h, w] to the 160 x 160 patch, each map cell placed on the
// patch pixel its receptive field is centred on (`grid` on a network input of inputSizePx,
// which the patch was resized to with align_corners=false); beyond the outermost centres the
// border value continues.
torch::Tensor mapsToPatch(const torch::Tensor& maps, Backbone::MapGrid grid, int64_t inputSizePx);

}  // namespace drs::models
