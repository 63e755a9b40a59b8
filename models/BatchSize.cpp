#include "models/BatchSize.h"

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <c10/core/CPUAllocator.h>

#include "core/pipeline/DeepCtPort.h"
#include "core/util/Error.h"

#if __has_include(<cuda_runtime_api.h>) && __has_include(<c10/cuda/CUDACachingAllocator.h>)
#include <c10/cuda/CUDACachingAllocator.h>
#define DRS_HAVE_CUDA_ALLOCATOR 1
#endif

namespace drs::models {
namespace {

// Wraps the CPU allocator and keeps the current and peak bytes of the tensors it handed out.
// The data pointer doubles as the context (LibTorch's raw_allocate callers require that), so
// the wrapped allocations live in a table keyed by it. One instance for the whole process.
class CountingCpuAllocator final : public c10::Allocator {
public:
    static CountingCpuAllocator& instance() {
        static CountingCpuAllocator counting;  // outlives every tensor it allocated
        return counting;
    }
    void start(c10::Allocator* inner) {
        std::lock_guard<std::mutex> lock(mutex_);
        inner_ = inner;
        measuring_ = std::this_thread::get_id();
        peak_ = current_;
        base_ = current_;
    }
    std::int64_t peakSinceStart() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return peak_ - base_;
    }

    c10::DataPtr allocate(size_t bytes) const override {
        c10::DataPtr inner = inner_->allocate(bytes);
        // Only the measuring thread's tensors count: a training beside it allocates too.
        if (std::this_thread::get_id() != measuring_.load()) return inner;
        void* data = inner.get();
        const c10::Device device = inner.device();
        std::lock_guard<std::mutex> lock(mutex_);
        current_ += static_cast<std::int64_t>(bytes);
        peak_ = std::max(peak_, current_);
        live_.emplace(data, Allocation{std::move(inner), static_cast<std::int64_t>(bytes)});
        return {data, data, &release, device};
    }
    c10::DeleterFnPtr raw_deleter() const override { return &release; }

private:
    struct Allocation {
        c10::DataPtr inner;
        std::int64_t bytes;
    };
    static void release(void* data) {
        auto& self = instance();
        c10::DataPtr freed;
        {
            std::lock_guard<std::mutex> lock(self.mutex_);
            const auto found = self.live_.find(data);
            if (found == self.live_.end()) return;
            self.current_ -= found->second.bytes;
            freed = std::move(found->second.inner);
            self.live_.erase(found);
        }
    }

    c10::Allocator* inner_ = nullptr;
    std::atomic<std::thread::id> measuring_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<void*, Allocation> live_;
    mutable std::int64_t current_ = 0, peak_ = 0, base_ = 0;
};

// One training step on a fresh network at batchSize; what the trainer does per batch. Returns
// the bytes of the network's parameters.
std::int64_t trialStep(const DeepCtNetConfig& config, int batchSize, torch::Device device) {
    auto net = std::make_shared<DeepCtNetImpl>(config);
    net->to(device);
    net->train();
    const int64_t side = kDeepPatchSizePx;
    const auto images = torch::rand({int64_t{batchSize}, 1, side, side}).to(device);
    const auto labels = (torch::arange(batchSize) % 2).to(device);
    const auto out = net->forward(images);
    auto loss = torch::nn::functional::cross_entropy(out.logits, labels);
    if (out.auxLogits.defined()) loss = loss + 0.4 * torch::nn::functional::cross_entropy(out.auxLogits, labels);
    loss.backward();
    std::int64_t parameterBytes = 0;
    for (const auto& p : net->parameters()) parameterBytes += p.numel() * static_cast<std::int64_t>(p.element_size());
    return parameterBytes;
}

void releaseCachedCudaMemory() {
#ifdef DRS_HAVE_CUDA_ALLOCATOR
    c10::cuda::CUDACachingAllocator::emptyCache();
#endif
}

std::string megabytes(std::int64_t bytes) { return std::to_string((bytes + (1 << 19)) >> 20) + " MB"; }

std::string candidatesText(int cap) {
    std::string text;
    for (int b = cap; b >= 2; b /= 2) text += (text.empty() ? "" : ", ") + std::to_string(b);
    return text;
}

std::string backboneText(const DeepCtNetConfig& config) {
    const std::string width = config.widthDivisor > 1 ? " at 1/" + std::to_string(config.widthDivisor) + " width" : "";
    return config.backbone + width + " (" + std::to_string(config.inputSizePx) + " px)";
}

}  // namespace

bool isOutOfMemory(const c10::Error& e) {
    if (dynamic_cast<const c10::OutOfMemoryError*>(&e)) return true;
    const std::string what = e.what();
    return what.find("out of memory") != std::string::npos || what.find("can't allocate") != std::string::npos;
}

std::int64_t availableMemoryBytes() {
    std::ifstream meminfo("/proc/meminfo");
    for (std::string line; std::getline(meminfo, line);) {
        std::istringstream fields(line);
        std::string key;
        std::int64_t kilobytes = 0;
        if (fields >> key >> kilobytes && key == "MemAvailable:") return kilobytes * 1024;
    }
    return 0;
}

std::int64_t measureCpuTrainingStepBytes(const DeepCtNetConfig& config, int batchSize) {
    auto& counting = CountingCpuAllocator::instance();
    c10::Allocator* previous = c10::GetCPUAllocator();
    counting.start(previous);
    c10::SetCPUAllocator(&counting, /*priority=*/0);
    const bool installed = c10::GetCPUAllocator() == &counting;
    std::int64_t peak = 0, parameterBytes = 0;
    try {
        if (installed) parameterBytes = trialStep(config, batchSize, torch::kCPU);
        peak = counting.peakSinceStart();
    } catch (const c10::Error&) {
        peak = 0;  // an operation the counting wrapper cannot serve: no estimate
    }
    if (installed) c10::SetCPUAllocator(previous, /*priority=*/0);
    if (peak == 0) return 0;
    return peak + 2 * parameterBytes;  // Adam's first and second moments
}

BatchSizeChoice chooseBatchSize(const DeepCtNetConfig& config, int cap, bool cuda, std::int64_t budgetBytes) {
    if (cap < 2) throw Error("Deep-CT: the largest automatic batch size must be at least 2");
    BatchSizeChoice choice;
    const std::string candidates = candidatesText(cap);
    if (cuda) {
        for (int batch = cap; batch >= 2; batch /= 2) {
            try {
                trialStep(config, batch, torch::kCUDA);
                releaseCachedCudaMemory();
                choice.batchSize = batch;
                choice.reason = "automatic: largest of " + candidates + " whose trial training step fits the GPU";
                return choice;
            } catch (const c10::Error& e) {
                if (!isOutOfMemory(e)) throw;
                releaseCachedCudaMemory();
            }
        }
        throw Error("out of memory: " + backboneText(config) +
                    " does not train with a batch of 2 on this GPU; lower --input-size or use the CPU");
    }
    const std::int64_t budget = budgetBytes > 0 ? budgetBytes : availableMemoryBytes() / 10 * 8;
    const std::int64_t atTwo = measureCpuTrainingStepBytes(config, 2);
    const std::int64_t atFour = atTwo > 0 ? measureCpuTrainingStepBytes(config, 4) : 0;
    if (budget <= 0 || atTwo <= 0 || atFour <= 0) {
        choice.batchSize = cap;
        choice.reason = "automatic: " + std::to_string(cap) + " (memory could not be measured here)";
        return choice;
    }
    const double perImage = static_cast<double>(atFour - atTwo) / 2;
    const double fixed = static_cast<double>(atTwo) - 2 * perImage;
    auto needed = [&](int batch) { return static_cast<std::int64_t>(fixed + perImage * batch); };
    for (int batch = cap; batch >= 2; batch /= 2) {
        if (needed(batch) <= budget) {
            choice.batchSize = batch;
            choice.reason = "automatic: largest of " + candidates + " within the memory budget (a step needs about " +
                            megabytes(needed(batch)) + " of " + megabytes(budget) + ")";
            return choice;
        }
    }
    throw Error("out of memory: " + backboneText(config) + " needs about " + megabytes(needed(2)) +
                " for a batch of 2 but only " + megabytes(budget) + " is available");
}

}  // namespace drs::models
