#include "viewers/HeatMap.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/util/Error.h"

namespace drs::viewers {
namespace {

// Stops of the ramp (red, green, blue in 0..1), evenly spaced.
constexpr double kStops[][3] = {{0.00, 0.00, 0.02}, {0.26, 0.04, 0.41}, {0.58, 0.15, 0.40},
                                {0.87, 0.32, 0.23}, {0.99, 0.64, 0.04}, {0.99, 1.00, 0.64}};

}  // namespace

const std::vector<QColor>& heatPalette() {
    static const std::vector<QColor> palette = [] {
        std::vector<QColor> colours;
        constexpr int kColours = 256;
        constexpr int kLast = static_cast<int>(std::size(kStops)) - 1;
        for (int i = 0; i < kColours; ++i) {
            const double t = double(i) / (kColours - 1) * kLast;
            const int below = std::min(static_cast<int>(t), kLast - 1);
            const double f = t - below;
            const auto channel = [&](int c) {
                return static_cast<int>(std::lround(255 * ((1 - f) * kStops[below][c] + f * kStops[below + 1][c])));
            };
            colours.emplace_back(channel(0), channel(1), channel(2));
        }
        return colours;
    }();
    return palette;
}

HeatOverlay heatOverlayOf(const ValueMap& map, const Geometry& imageGrid) {
    const Geometry& grid = map.geometry;
    for (std::size_t k = 0; k < 9; ++k)
        if (std::abs(grid.direction[k] - imageGrid.direction[k]) > 1e-6)
            throw Error("the feature map's axes are not the image's");
    HeatOverlay overlay;
    for (int a = 0; a < 3; ++a) {
        if (std::abs(grid.spacingMm[a] - imageGrid.spacingMm[a]) > 1e-6 * imageGrid.spacingMm[a])
            throw Error("the feature map's voxel spacing is not the image's");
        // The map's origin in the image's index space: direction^T (origin difference) / spacing.
        double along = 0;
        for (int r = 0; r < 3; ++r)
            along += imageGrid.direction[r * 3 + a] * (grid.originMm[r] - imageGrid.originMm[r]);
        const double index = along / imageGrid.spacingMm[a];
        overlay.startXyz[a] = std::llround(index);
        if (std::abs(index - overlay.startXyz[a]) > 1e-3 || overlay.startXyz[a] < 0 ||
            overlay.startXyz[a] + grid.sizeXyz[a] > imageGrid.sizeXyz[a])
            throw Error("the feature map's voxels are not the image's");
    }
    overlay.low = std::numeric_limits<double>::infinity();
    overlay.high = -overlay.low;
    for (double v : map.voxels)
        if (std::isfinite(v)) {
            overlay.low = std::min(overlay.low, v);
            overlay.high = std::max(overlay.high, v);
        }
    overlay.palette = heatPalette();
    auto colourIndex = std::make_shared<LabelMap>(imageGrid, 0);
    const auto colours = static_cast<double>(overlay.palette.size());
    const double range = overlay.high - overlay.low;
    for (std::int64_t z = 0; z < grid.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < grid.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < grid.sizeXyz[0]; ++x) {
                const double v = map.at(x, y, z);
                if (!std::isfinite(v)) continue;
                const double share = range > 0 ? (v - overlay.low) / range : 0.5;
                const auto index = std::clamp(1.0 + std::floor(share * colours), 1.0, colours);
                colourIndex->at(overlay.startXyz[0] + x, overlay.startXyz[1] + y, overlay.startXyz[2] + z) =
                    static_cast<std::uint16_t>(index);
            }
    overlay.colourIndex = std::move(colourIndex);
    return overlay;
}

}  // namespace drs::viewers
