#pragma once
#include <string>

namespace drs::models {

// The compute device, chosen at run time: CUDA when the linked LibTorch has it and a GPU is
// present, otherwise the CPU. Same code path either way.
struct DeviceChoice {
    bool cuda = false;
    std::string description;  // e.g. "cpu (2 threads)" or "cuda:0"
};

// requested: "auto", "cpu" or "cuda" (DeepCtOptions::device); throws drs::Error for "cuda"
// without a CUDA device and for any other name.
DeviceChoice chooseDevice(const std::string& requested = "auto");

// glibc's default malloc trimming makes LibTorch CPU training erratic (up to 2x slower): keep
// large blocks mapped. Call once at start-up of any program that trains.
void tuneAllocatorForTraining();

}  // namespace drs::models
