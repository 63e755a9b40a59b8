#pragma once
// LibTorch's default CPU generator is one per process. Trainings that run side by side (the
// pipeline's shared networks) would take turns drawing from it, and each run's numbers would then
// depend on the other's timing. So a training draws its augmentation and dropout from a generator
// of its own, installed for its thread by a TrainingRandomScope.
#include <torch/torch.h>

namespace drs::models {

class TrainingRandomScope {
public:
    explicit TrainingRandomScope(at::Generator generator);
    ~TrainingRandomScope();
    TrainingRandomScope(const TrainingRandomScope&) = delete;
    TrainingRandomScope& operator=(const TrainingRandomScope&) = delete;

private:
    at::Generator previous_;
};

// This thread's training generator; LibTorch's default CPU generator outside a training.
at::Generator trainingGenerator();

// torch::dropout drawing from trainingGenerator(): the same mask for the same generator state.
// Tensors on a GPU keep that device's generator (GPU trainings do not run side by side).
torch::Tensor dropout(const torch::Tensor& x, double p, bool training);

}  // namespace drs::models
