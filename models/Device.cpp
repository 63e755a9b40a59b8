#include "models/Device.h"

#include <malloc.h>
#include <torch/torch.h>

namespace drs::models {

DeviceChoice chooseDevice() {
    DeviceChoice choice;
    choice.cuda = torch::cuda::is_available();
    choice.description = choice.cuda ? "cuda:0" : "cpu (" + std::to_string(torch::get_num_threads()) + " threads)";
    return choice;
}

void tuneAllocatorForTraining() {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
    mallopt(M_TOP_PAD, 256 * 1024 * 1024);
}

}  // namespace drs::models
