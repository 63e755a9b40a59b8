#pragma once
// Our trained Deep-CT models on disk: MODEL.pt (LibTorch archive: every tensor + the network
// description) and MODEL.pt.json (provenance for people and the report: backbone, options,
// pretrained or not, epochs, validation AUC, SHA-256 of the model file and of the ImageNet
// weights). Both are written beside the target and renamed into place only when complete.
#include <string>

#include "models/DeepCtTrainer.h"

namespace drs::models {

void saveDeepCtModel(const TrainedDeepCt& trained, const DeepCtOptions& options, const std::string& path);

// Throws drs::Error naming the file when it is missing, not a Deep-CT model, or incomplete.
std::shared_ptr<DeepCtNetImpl> loadDeepCtModel(const std::string& path);

}  // namespace drs::models
