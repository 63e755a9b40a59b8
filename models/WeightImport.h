#pragma once
// Loads torchvision ImageNet weights into a backbone. Accepted files (see docs/deep-models.md):
// a TorchScript module (torch.jit.save of a torchvision model) or a zip written by
// torch.save(dict(model.state_dict())). LibTorch only: no Qt headers.
#include <map>
#include <string>

#include "models/Backbone.h"

namespace drs::models {

// Every tensor of a weights file by state_dict key. Throws drs::Error naming the file when it
// is neither format.
std::map<std::string, torch::Tensor> readStateDict(const std::string& path);

// Copies the tensors into `backbone` (its parameters and buffers, every one required, shapes
// equal). The file may additionally hold only torchvision's classifier keys. On any mismatch
// throws drs::Error naming the file and the first offending key, and leaves `backbone` unchanged.
void importImagenetWeights(Backbone& backbone, const std::string& path);

}  // namespace drs::models
