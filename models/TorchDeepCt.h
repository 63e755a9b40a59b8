#pragma once
// The LibTorch implementation of drs::DeepCtPort, and the few other entry points the CLI and
// the GUI need. Plain C++ header: safe to include next to Qt headers.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/pipeline/DeepCtPort.h"

namespace drs::models {

std::unique_ptr<DeepCtPort> makeTorchDeepCt();

// Its extract and predict infer this many patches at a time, from the first of the list. A sharded
// job deals patches out in such blocks, so each patch meets the same batch as in a single run.
inline constexpr int kInferenceBatchPatches = 16;

// DeepCtPort::gradCam on the block before the last one (models/GradCam.h: twice as fine).
std::vector<float> gradCamPreviousBlock(const std::string& modelPath, const DeepPatch& patch, int output);

struct BackboneParameterCount {
    std::string backbone;
    std::int64_t parameters = 0;
};
// Every backbone with torchvision's 1000-class ImageNet head (Inception V3 with its auxiliary
// head), as torchvision counts them.
std::vector<BackboneParameterCount> imagenetParameterCounts();

// Checks the training options, builds the network they describe and loads their ImageNet
// weights file into it, so a wrong setting or a weights file of another architecture or width
// fails before a long run starts (drs::Error naming the file and the first tensor that does not
// fit).
void checkDeepCtOptions(const DeepCtOptions& options);

// The backbones the engine builds (models/Backbone.h).
const std::vector<std::string>& backboneNames();

// Malloc tuning for training (see models/Device.h); call once at program start.
void prepareProcessForTraining();

}  // namespace drs::models
