#pragma once
// Small generated cases for the cluster-batch tests: CT-like volumes with an ellipsoid ROI, every
// case different in texture and shape, and their case list.
#include <fstream>
#include <string>

#include "core/image/ImageIO.h"

namespace drs::testing {

inline void writeShardCase(const std::string& folder, int n) {
    Geometry geometry;
    geometry.sizeXyz = {24, 22, 8};
    geometry.spacingMm = {0.8, 0.8, 2.5};
    Volume image(geometry);
    LabelMap mask(geometry, 0);
    std::uint32_t state = 12345u + 977u * static_cast<std::uint32_t>(n);
    for (std::int64_t z = 0; z < 8; ++z)
        for (std::int64_t y = 0; y < 22; ++y)
            for (std::int64_t x = 0; x < 24; ++x) {
                state = state * 1664525u + 1013904223u;
                image.at(x, y, z) = static_cast<float>(-100 + 3 * n + static_cast<int>(state >> 24) % 90);
                const double dx = (x - 12.0) / (5.0 + n % 3), dy = (y - 11.0) / 6.0, dz = (z - 4.0) / 3.0;
                if (dx * dx + dy * dy + dz * dz <= 1.0) mask.at(x, y, z) = 1;
            }
    writeVolume(image, folder + "/img" + std::to_string(n) + ".nii.gz");
    writeLabelMap(mask, folder + "/mask" + std::to_string(n) + ".nii.gz");
}

// folder/cases.csv (id,image,mask,label and the clinical columns outcome,centre, which drs extract
// carries into its table) for `count` cases; case `failing` (if in range) asks for label 7, which
// its mask lacks. Returns the list's path.
inline std::string writeShardCases(const std::string& folder, int count, int failing = -1) {
    const std::string path = folder + "/cases.csv";
    std::ofstream list(path);
    list << "id,image,mask,label,outcome,centre\n";
    for (int n = 0; n < count; ++n) {
        writeShardCase(folder, n);
        list << "case" << n << ",img" << n << ".nii.gz,mask" << n << ".nii.gz," << (n == failing ? 7 : 1) << ","
             << n % 2 << "," << (n % 3 == 0 ? "\"Leiden, NL\"" : "Ghent") << "\n";
    }
    return path;
}

}  // namespace drs::testing
