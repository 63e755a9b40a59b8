#include "models/Device.h"

#include <malloc.h>
#include <torch/torch.h>

#include "core/util/Error.h"

namespace drs::models {

DeviceChoice chooseDevice(const std::string& requested) {
    if (requested != "auto" && requested != "cpu" && requested != "cuda")
        throw Error("device '" + requested + "': expected auto, cpu or cuda");
    const bool available = torch::cuda::is_available();
    if (requested == "cuda" && !available)
        throw Error("device cuda: this LibTorch build or this machine has no CUDA device (use auto or cpu)");
    DeviceChoice choice;
    choice.cuda = available && requested != "cpu";
    const int threads = torch::get_num_threads();
    choice.description =
        choice.cuda ? "cuda:0" : "cpu (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
    return choice;
}

void tuneAllocatorForTraining() {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
    mallopt(M_TOP_PAD, 256 * 1024 * 1024);
}

}  // namespace drs::models
