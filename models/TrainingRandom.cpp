#include "models/TrainingRandom.h"

namespace drs::models {
namespace {

thread_local at::Generator current;  // undefined outside a TrainingRandomScope

}  // namespace

TrainingRandomScope::TrainingRandomScope(at::Generator generator) : previous_(std::move(current)) {
    current = std::move(generator);
}

TrainingRandomScope::~TrainingRandomScope() { current = std::move(previous_); }

at::Generator trainingGenerator() { return current.defined() ? current : at::detail::getDefaultCPUGenerator(); }

torch::Tensor dropout(const torch::Tensor& x, double p, bool training) {
    if (!training || p == 0 || !x.device().is_cpu()) return torch::dropout(x, p, training);
    // LibTorch's CPU dropout: a Bernoulli(1 - p) mask scaled by 1 / (1 - p).
    auto mask = torch::empty_like(x).bernoulli_(1 - p, trainingGenerator());
    mask.div_(1 - p);
    return x * mask;
}

}  // namespace drs::models
