#include "models/MixedPrecision.h"

#include <ATen/autocast_mode.h>

namespace drs::models {

CudaAutocastScope::CudaAutocastScope(bool enabled) : enabled_(enabled) {
    if (!enabled_) return;
    previous_ = at::autocast::is_enabled();
    at::autocast::set_enabled(true);
    at::autocast::increment_nesting();
}

CudaAutocastScope::~CudaAutocastScope() {
    if (!enabled_) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    at::autocast::set_enabled(previous_);
}

LossScaler::LossScaler(bool enabled, double initialScale, int growthInterval)
    : enabled_(enabled), scale_(enabled ? initialScale : 1.0), growthInterval_(growthInterval) {}

torch::Tensor LossScaler::scale(const torch::Tensor& loss) const { return enabled_ ? loss * scale_ : loss; }

bool LossScaler::step(torch::optim::Optimizer& optimiser) {
    if (!enabled_) {
        optimiser.step();
        return true;
    }
    std::vector<torch::Tensor> gradients;
    for (const auto& group : optimiser.param_groups())
        for (const auto& parameter : group.params())
            if (parameter.grad().defined()) gradients.push_back(parameter.grad());
    bool finite = true;
    if (!gradients.empty()) {
        std::vector<torch::Tensor> allFinite;
        for (const auto& g : gradients) allFinite.push_back(torch::isfinite(g).all());
        finite = torch::stack(allFinite).all().item<bool>();  // one device sync per step
    }
    if (!finite) {
        ++skipped_;
        finiteInARow_ = 0;
        scale_ *= 0.5;
        return false;
    }
    {
        torch::NoGradGuard noGrad;
        for (auto& g : gradients) g.mul_(1.0 / scale_);
    }
    optimiser.step();
    if (++finiteInARow_ >= growthInterval_) {
        finiteInARow_ = 0;
        scale_ *= 2;
    }
    return true;
}

}  // namespace drs::models
