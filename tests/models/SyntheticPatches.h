#pragma once
// Generated 160x160 CT patches whose class depends only on one blob: lung-like background
// (-850 HU with noise) for every patient, plus a soft-tissue disc (+30 HU) for positives.
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/pipeline/DeepCtPort.h"

namespace drs::testing {

struct BlobPatch {
    DeepPatch patch;
    double blobXPx = -1, blobYPx = -1, radiusPx = 0;  // the disc of a positive patch
};

inline BlobPatch makeBlobPatch(std::mt19937& random, bool positive, const std::string& id, double radiusPx = 24) {
    BlobPatch result;
    result.patch.patientId = id;
    result.patch.label = positive ? 1 : 0;
    result.patch.hu160x160.resize(kDeepPatchSizePx * kDeepPatchSizePx);
    std::normal_distribution<float> noise(0.0f, 40.0f);
    std::uniform_real_distribution<double> centre(radiusPx + 4, kDeepPatchSizePx - radiusPx - 4);
    if (positive) {
        result.blobXPx = centre(random);
        result.blobYPx = centre(random);
        result.radiusPx = radiusPx;
    }
    for (int y = 0; y < kDeepPatchSizePx; ++y) {
        for (int x = 0; x < kDeepPatchSizePx; ++x) {
            float hu = -850.0f + noise(random);
            if (positive && std::hypot(x - result.blobXPx, y - result.blobYPx) <= radiusPx) hu = 30.0f + noise(random);
            result.patch.hu160x160[static_cast<std::size_t>(y * kDeepPatchSizePx + x)] = hu;
        }
    }
    return result;
}

// count patches, alternating negative / positive.
inline std::vector<BlobPatch> makeBlobSet(int count, unsigned seed, const std::string& prefix) {
    std::mt19937 random(seed);
    std::vector<BlobPatch> set;
    for (int i = 0; i < count; ++i) set.push_back(makeBlobPatch(random, i % 2 == 1, prefix + std::to_string(i)));
    return set;
}

inline std::vector<DeepPatch> patchesOf(const std::vector<BlobPatch>& set) {
    std::vector<DeepPatch> patches;
    for (const auto& item : set) patches.push_back(item.patch);
    return patches;
}

}  // namespace drs::testing
