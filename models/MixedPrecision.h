#pragma once
// Mixed precision for CUDA training: an autocast scope (float16 where LibTorch's autocast lists
// allow it) and dynamic loss scaling with the rules of PyTorch's GradScaler, which LibTorch 1.13
// has no C++ class for. The scaler is written with ordinary tensor operations, so it runs (and is
// tested) on the CPU too. LibTorch only: no Qt headers.
#include <torch/torch.h>

namespace drs::models {

// While alive, CUDA operations autocast to float16 (no effect on CPU tensors). Restores the
// previous state and clears autocast's weight cache on leaving, as torch.autocast does.
class CudaAutocastScope {
public:
    explicit CudaAutocastScope(bool enabled);
    ~CudaAutocastScope();
    CudaAutocastScope(const CudaAutocastScope&) = delete;
    CudaAutocastScope& operator=(const CudaAutocastScope&) = delete;

private:
    bool enabled_;
    bool previous_ = false;
};

// Multiplies the loss by a scale before backward, so float16 gradients do not flush to zero;
// step() divides the gradients back and steps the optimiser only when all are finite. The scale
// halves after a step with an infinite or NaN gradient (that step is skipped) and doubles after
// growthInterval finite steps in a row. Disabled, it scales by 1 and always steps.
class LossScaler {
public:
    explicit LossScaler(bool enabled, double initialScale = 65536.0, int growthInterval = 2000);

    torch::Tensor scale(const torch::Tensor& loss) const;
    // Returns whether the optimiser stepped.
    bool step(torch::optim::Optimizer& optimiser);

    double currentScale() const { return scale_; }
    int skippedSteps() const { return skipped_; }

private:
    bool enabled_;
    double scale_;
    int growthInterval_;
    int finiteInARow_ = 0;
    int skipped_ = 0;
};

}  // namespace drs::models
