#pragma once
// Small synthetic study shared by the viewer and UI tests: anisotropic voxels (0.7 x 0.7 x 2.5
// mm), intensities that encode their own index, and a ball-shaped tumour label.
#include <cmath>

#include "core/image/Grid.h"

namespace drs::testing {

inline Geometry syntheticGeometry() {
    Geometry g;
    g.sizeXyz = {20, 16, 10};
    g.spacingMm = {0.7, 0.7, 2.5};
    g.originMm = {-7.0, -5.6, -12.5};
    return g;
}

// HU = 10 x + 100 y - 1000 + z: every voxel distinct, so a pixel tells which voxel it shows.
inline float syntheticHu(std::int64_t x, std::int64_t y, std::int64_t z) {
    return static_cast<float>(10 * x + 100 * y - 1000 + z);
}

inline Volume syntheticVolume() {
    Volume volume(syntheticGeometry());
    const auto& s = volume.geometry.sizeXyz;
    for (std::int64_t z = 0; z < s[2]; ++z)
        for (std::int64_t y = 0; y < s[1]; ++y)
            for (std::int64_t x = 0; x < s[0]; ++x) volume.at(x, y, z) = syntheticHu(x, y, z);
    return volume;
}

// Label `label` inside a ball of radiusMm around voxel centre (cx, cy, cz).
inline void addBall(LabelMap& mask, std::uint16_t label, std::array<std::int64_t, 3> centre, double radiusMm) {
    const auto& s = mask.geometry.sizeXyz;
    const auto& d = mask.geometry.spacingMm;
    for (std::int64_t z = 0; z < s[2]; ++z)
        for (std::int64_t y = 0; y < s[1]; ++y)
            for (std::int64_t x = 0; x < s[0]; ++x) {
                const double dx = (x - centre[0]) * d[0], dy = (y - centre[1]) * d[1], dz = (z - centre[2]) * d[2];
                if (std::sqrt(dx * dx + dy * dy + dz * dz) <= radiusMm) mask.at(x, y, z) = label;
            }
}

}  // namespace drs::testing
