#pragma once
// A feature map (pyradiomics' voxel-based maps, core/radiomics/VoxelMaps.h) shown over the slices.
#include <QColor>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/image/Grid.h"

namespace drs::viewers {

// The map's values as colours over the image: a colour index per image voxel (1..palette size;
// 0 where the map has no finite value or does not reach), low..high spread evenly over the palette.
struct HeatOverlay {
    std::shared_ptr<const LabelMap> colourIndex;  // on the image's grid
    std::vector<QColor> palette;
    double low = 0, high = 0;                // the finite values' range
    std::array<std::int64_t, 3> startXyz{};  // the map's first voxel in the image's grid
};

// 256 colours from black through purple, red and orange to pale yellow, luminance rising
// steadily (in the manner of matplotlib's inferno), so that a brighter voxel has a higher value in
// grey print and for colour-blind readers.
const std::vector<QColor>& heatPalette();

// Throws drs::Error when the map's grid is not a part of the image's (another spacing, direction,
// an origin between voxels, or voxels outside the image).
HeatOverlay heatOverlayOf(const ValueMap& map, const Geometry& imageGrid);

}  // namespace drs::viewers
