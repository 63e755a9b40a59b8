#pragma once
// Automatic batch size: the largest of cap, cap/2, ..., 2 whose training step fits the memory.
// On CUDA a real forward + backward step is tried at each size, halving on out-of-memory. On the
// CPU, where Linux overcommits and an oversized step ends in the OOM killer rather than an
// exception, the step's tensor memory is measured at batches 2 and 4 (a counting CPU allocator),
// extrapolated linearly and compared with the budget (MemAvailable from /proc/meminfo unless one
// is given). LibTorch only: no Qt headers.
#include <cstdint>
#include <string>

#include "models/DeepCtNet.h"

namespace drs::models {

struct BatchSizeChoice {
    int batchSize = 0;
    std::string reason;  // one line for the run's log
};

// Throws drs::Error naming the backbone when not even a batch of 2 fits. budgetBytes 0 = measure
// (CPU: 80 % of MemAvailable; CUDA: the device itself). Uses LibTorch's random generator: call
// before seeding the run.
BatchSizeChoice chooseBatchSize(const DeepCtNetConfig& config, int cap, bool cuda, std::int64_t budgetBytes);

// Peak bytes of CPU tensors alive during one training step (forward, loss, backward) of a fresh
// network at batchSize, plus Adam's two moment buffers per parameter. 0 when it cannot be counted.
std::int64_t measureCpuTrainingStepBytes(const DeepCtNetConfig& config, int batchSize);

// LibTorch's out-of-memory errors: CUDA's OutOfMemoryError and the CPU allocator's failures.
bool isOutOfMemory(const c10::Error& e);

// MemAvailable of /proc/meminfo in bytes; 0 when unknown.
std::int64_t availableMemoryBytes();

}  // namespace drs::models
