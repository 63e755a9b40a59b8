#include "core/image/Grid.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <type_traits>

namespace drs {

std::array<double, 3> Geometry::physicalPointMm(double x, double y, double z) const {
    const double scaled[3] = {x * spacingMm[0], y * spacingMm[1], z * spacingMm[2]};
    std::array<double, 3> point = originMm;
    for (int row = 0; row < 3; ++row)
        for (int col = 0; col < 3; ++col) point[row] += direction[row * 3 + col] * scaled[col];
    return point;
}

std::optional<std::array<double, 2>> storedRange(StoredVoxel type) {
    return withStoredType(type, [](auto voxel) -> std::optional<std::array<double, 2>> {
        using Type = decltype(voxel);
        if constexpr (std::is_floating_point_v<Type>)
            return std::nullopt;
        else
            return std::array<double, 2>{double(std::numeric_limits<Type>::lowest()),
                                         double(std::numeric_limits<Type>::max())};
    });
}

std::string geometryMismatch(const Geometry& image, const Geometry& mask) {
    std::ostringstream why;
    if (image.sizeXyz != mask.sizeXyz) {
        why << "size " << mask.sizeXyz[0] << "x" << mask.sizeXyz[1] << "x" << mask.sizeXyz[2]
            << " differs from the image's " << image.sizeXyz[0] << "x" << image.sizeXyz[1] << "x" << image.sizeXyz[2];
        return why.str();
    }
    for (int a = 0; a < 3; ++a) {
        const double tolerance = 1e-4 * std::max(1.0, image.spacingMm[a]);
        if (std::abs(image.spacingMm[a] - mask.spacingMm[a]) > tolerance) {
            why << "spacing " << mask.spacingMm[0] << "," << mask.spacingMm[1] << "," << mask.spacingMm[2]
                << " mm differs from the image's " << image.spacingMm[0] << "," << image.spacingMm[1] << ","
                << image.spacingMm[2] << " mm";
            return why.str();
        }
    }
    for (int a = 0; a < 3; ++a) {
        const double tolerance =
            1e-3 * std::max(1.0, *std::max_element(image.spacingMm.begin(), image.spacingMm.end()));
        if (std::abs(image.originMm[a] - mask.originMm[a]) > tolerance) {
            why << "origin " << mask.originMm[0] << "," << mask.originMm[1] << "," << mask.originMm[2]
                << " mm differs from the image's " << image.originMm[0] << "," << image.originMm[1] << ","
                << image.originMm[2] << " mm";
            return why.str();
        }
    }
    for (int i = 0; i < 9; ++i) {
        if (std::abs(image.direction[i] - mask.direction[i]) > 1e-4) {
            why << "direction cosines differ from the image's";
            return why.str();
        }
    }
    return {};
}

namespace {

// gridIndex = step * ownIndex + offset, whole numbers, when own's voxel centres are grid's.
struct VoxelMapping {
    std::array<std::array<std::int64_t, 3>, 3> step{};
    std::array<std::int64_t, 3> offset{};
};

std::optional<VoxelMapping> voxelMappingOnto(const Geometry& own, const Geometry& grid, std::string& why) {
    // step = S_grid^-1 D_grid^T D_own S_own (directions are orthonormal) and
    // offset = S_grid^-1 D_grid^T (origin_own - origin_grid).
    VoxelMapping mapping;
    auto& [step, offset] = mapping;
    for (int row = 0; row < 3; ++row) {
        int nonZero = 0;
        for (int col = 0; col < 3; ++col) {
            double along = 0;
            for (int k = 0; k < 3; ++k) along += grid.direction[k * 3 + row] * own.direction[k * 3 + col];
            const double ratio = along * own.spacingMm[col] / grid.spacingMm[row];
            step[row][col] = std::llround(ratio);
            if (std::abs(ratio - static_cast<double>(step[row][col])) > 1e-4 || std::abs(step[row][col]) > 1) {
                why = "its spacing or axes differ from the image's, so its voxels are not the image's";
                return std::nullopt;
            }
            nonZero += step[row][col] != 0;
        }
        if (nonZero != 1) {
            why = "its axes differ from the image's, so its voxels are not the image's";
            return std::nullopt;
        }
        double shift = 0;
        for (int k = 0; k < 3; ++k) shift += grid.direction[k * 3 + row] * (own.originMm[k] - grid.originMm[k]);
        const double voxels = shift / grid.spacingMm[row];
        offset[row] = std::llround(voxels);
        if (std::abs(voxels - static_cast<double>(offset[row])) > 1e-3) {
            std::ostringstream text;
            text << "its voxel centres fall between the image's (" << voxels << " voxels along image axis " << row
                 << ")";
            why = text.str();
            return std::nullopt;
        }
    }
    return mapping;
}

}  // namespace

bool voxelsAlignWith(const Geometry& own, const Geometry& grid, std::string& why) {
    return voxelMappingOnto(own, grid, why).has_value();
}

std::optional<LabelMap> alignedOnto(const LabelMap& labels, const Geometry& grid, std::string& why) {
    const Geometry& own = labels.geometry;
    const std::optional<VoxelMapping> mapping = voxelMappingOnto(own, grid, why);
    if (!mapping) return std::nullopt;
    const auto& [step, offset] = *mapping;
    LabelMap placed(grid, 0);
    std::size_t outside = 0;
    for (std::int64_t z = 0; z < own.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < own.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < own.sizeXyz[0]; ++x) {
                const std::uint16_t value = labels.at(x, y, z);
                if (value == 0) continue;
                std::array<std::int64_t, 3> at = offset;
                for (int row = 0; row < 3; ++row) at[row] += step[row][0] * x + step[row][1] * y + step[row][2] * z;
                if (grid.contains(at[0], at[1], at[2]))
                    placed.at(at[0], at[1], at[2]) = value;
                else
                    ++outside;
            }
    if (outside > 0) {
        why = std::to_string(outside) + " labelled voxels lie outside the image";
        return std::nullopt;
    }
    return placed;
}

}  // namespace drs
