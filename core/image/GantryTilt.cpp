#include "core/image/GantryTilt.h"

#include <algorithm>
#include <cmath>

namespace drs {

namespace {

// A shift in pixels, whole when it is within rounding of the positions written in the header.
double pixelsOf(double shiftMm, double spacingMm) {
    const double pixels = shiftMm / spacingMm;
    return std::abs(pixels - std::round(pixels)) < 1e-3 ? std::round(pixels) : pixels;
}

// Linear interpolation weights of a continuous index on [0, size - 1]: the lower sample and the
// upper one's weight; false when the index lies outside the samples.
bool between(double index, std::int64_t size, std::int64_t& lower, double& upperWeight) {
    if (index < -1e-9 || index > static_cast<double>(size - 1) + 1e-9) return false;
    lower =
        std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(index)), 0, std::max<std::int64_t>(size - 2, 0));
    upperWeight = size > 1 ? std::clamp(index - static_cast<double>(lower), 0.0, 1.0) : 0.0;
    return true;
}

}  // namespace

Volume placeTiltedSlices(const Volume& stack, const std::vector<std::array<double, 2>>& shiftsMm,
                         double planeSpacingMm) {
    const Geometry& in = stack.geometry;
    const std::int64_t nx = in.sizeXyz[0], ny = in.sizeXyz[1], nz = in.sizeXyz[2];
    std::vector<double> columnShift, rowShift;  // in pixels, per slice
    for (const auto& shift : shiftsMm) {
        columnShift.push_back(pixelsOf(shift[0], in.spacingMm[0]));
        rowShift.push_back(pixelsOf(shift[1], in.spacingMm[1]));
    }
    const auto [lowX, highX] = std::minmax_element(columnShift.begin(), columnShift.end());
    const auto [lowY, highY] = std::minmax_element(rowShift.begin(), rowShift.end());
    const auto firstX = static_cast<std::int64_t>(std::floor(*lowX));
    const auto firstY = static_cast<std::int64_t>(std::floor(*lowY));

    Geometry out = in;
    out.sizeXyz = {nx + static_cast<std::int64_t>(std::ceil(*highX)) - firstX,
                   ny + static_cast<std::int64_t>(std::ceil(*highY)) - firstY, nz};
    out.spacingMm[2] = planeSpacingMm;
    // The directions of the index axes: along a row (x), down a column (y).
    const auto axis = [&](int a) {
        return std::array<double, 3>{in.direction[a], in.direction[3 + a], in.direction[6 + a]};
    };
    const auto row = axis(0), down = axis(1);
    const std::array<double, 3> normal{row[1] * down[2] - row[2] * down[1], row[2] * down[0] - row[0] * down[2],
                                       row[0] * down[1] - row[1] * down[0]};
    for (int r = 0; r < 3; ++r) {
        out.direction[static_cast<std::size_t>(r * 3 + 2)] = normal[static_cast<std::size_t>(r)];
        out.originMm[static_cast<std::size_t>(r)] +=
            static_cast<double>(firstX) * in.spacingMm[0] * row[static_cast<std::size_t>(r)] +
            static_cast<double>(firstY) * in.spacingMm[1] * down[static_cast<std::size_t>(r)];
    }

    Volume placed(out, *std::min_element(stack.voxels.begin(), stack.voxels.end()));
    placed.stored = stack.stored;
    for (std::int64_t z = 0; z < nz; ++z) {
        const auto k = static_cast<std::size_t>(z);
        for (std::int64_t y = 0; y < out.sizeXyz[1]; ++y) {
            std::int64_t y0 = 0;
            double wy = 0;
            if (!between(static_cast<double>(y + firstY) - rowShift[k], ny, y0, wy)) continue;
            for (std::int64_t x = 0; x < out.sizeXyz[0]; ++x) {
                std::int64_t x0 = 0;
                double wx = 0;
                if (!between(static_cast<double>(x + firstX) - columnShift[k], nx, x0, wx)) continue;
                const auto sample = [&](std::int64_t dx, std::int64_t dy) {
                    return static_cast<double>(stack.at(std::min(x0 + dx, nx - 1), std::min(y0 + dy, ny - 1), z));
                };
                const double value = (1 - wy) * ((1 - wx) * sample(0, 0) + wx * sample(1, 0)) +
                                     wy * ((1 - wx) * sample(0, 1) + wx * sample(1, 1));
                placed.at(x, y, z) = static_cast<float>(value);
            }
        }
    }
    return placed;
}

}  // namespace drs
