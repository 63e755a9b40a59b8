#include "models/WeightImport.h"

#include <torch/script.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "core/util/Error.h"

namespace drs::models {
namespace {

std::string shapeText(const torch::Tensor& tensor) {
    std::string text;
    for (auto size : tensor.sizes()) text += (text.empty() ? "" : "x") + std::to_string(size);
    return text;
}

std::map<std::string, torch::Tensor> fromPickledDict(const std::vector<char>& bytes) {
    std::map<std::string, torch::Tensor> tensors;
    const auto value = torch::pickle_load(bytes);
    if (!value.isGenericDict()) return tensors;
    for (const auto& entry : value.toGenericDict()) {
        if (entry.key().isString() && entry.value().isTensor())
            tensors[entry.key().toStringRef()] = entry.value().toTensor();
    }
    return tensors;
}

std::map<std::string, torch::Tensor> fromTorchScript(const std::string& path) {
    std::map<std::string, torch::Tensor> tensors;
    auto module = torch::jit::load(path, torch::kCPU);
    for (const auto& parameter : module.named_parameters(/*recurse=*/true)) tensors[parameter.name] = parameter.value;
    for (const auto& buffer : module.named_buffers(/*recurse=*/true)) tensors[buffer.name] = buffer.value;
    return tensors;
}

bool startsWithAny(const std::string& key, const std::vector<std::string>& prefixes) {
    for (const auto& prefix : prefixes)
        if (key.compare(0, prefix.size(), prefix) == 0) return true;
    return false;
}

}  // namespace

std::map<std::string, torch::Tensor> readStateDict(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the weights file");
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::string pickleProblem;
    try {
        auto tensors = fromPickledDict(bytes);
        if (!tensors.empty()) return tensors;
        pickleProblem = "holds no dict of tensors";
    } catch (const c10::Error& e) {
        pickleProblem = "not a torch.save zip";
    }
    try {
        auto tensors = fromTorchScript(path);
        if (!tensors.empty()) return tensors;
    } catch (const c10::Error&) {}
    throw Error(path + ": not ImageNet weights in a readable format (" + pickleProblem +
                ", not TorchScript either; see docs/deep-models.md for the conversion)");
}

void importImagenetWeights(Backbone& backbone, const std::string& path) {
    const auto tensors = readStateDict(path);
    const std::string& name = backbone.options().name;
    auto ours = backbone.named_parameters(/*recurse=*/true);
    auto buffers = backbone.named_buffers(/*recurse=*/true);
    std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;  // (destination, source)
    std::size_t missing = 0;
    std::string firstMissing;
    const auto classifierPrefixes = backbone.classifierKeyPrefixes();
    auto plan = [&](const std::string& key, const torch::Tensor& destination) {
        if (startsWithAny(key, classifierPrefixes)) return;  // the Deep-CT head replaces them
        const auto found = tensors.find(key);
        if (found == tensors.end()) {
            if (missing++ == 0) firstMissing = key;
            return;
        }
        if (!found->second.sizes().equals(destination.sizes()))
            throw Error(path + ": weights for another architecture or width: '" + key + "' has shape " +
                        shapeText(found->second) + ", " + name + " needs " + shapeText(destination));
        copies.emplace_back(destination, found->second);
    };
    for (const auto& item : ours) plan(item.key(), item.value());
    for (const auto& item : buffers) plan(item.key(), item.value());
    const std::size_t expected = copies.size() + missing;
    if (missing * 2 > expected)
        throw Error(path + ": weights for another architecture, not " + name + " (" + std::to_string(missing) + " of " +
                    std::to_string(expected) + " tensors missing, e.g. '" + firstMissing + "')");
    if (missing > 0)
        throw Error(path + ": " + std::to_string(missing) + " " + name + " tensors missing, first '" + firstMissing +
                    "'");
    for (const auto& [key, tensor] : tensors) {
        if (!ours.contains(key) && !buffers.contains(key) && !startsWithAny(key, classifierPrefixes))
            throw Error(path + ": weights for another architecture: unexpected tensor '" + key + "' for " + name);
    }
    torch::NoGradGuard noGrad;
    for (auto& [destination, source] : copies) destination.copy_(source.to(destination.dtype()));
}

}  // namespace drs::models
