#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/image/Grid.h"

namespace drs {

// A closed outline on one axial slice; vertices in continuous index coordinates (x, y).
using OutlineXy = std::vector<std::array<double, 2>>;

// The outlines of the voxels equal to `label` on axial slice z, traced along the voxel edges
// (vertices at half-integer coordinates, collinear ones dropped). Holes get their own outlines, and
// a voxel centre lies inside an odd number of outlines exactly when the voxel has the label, so
// rasterising them with the even-odd rule gives back the same voxels. Outer outlines run
// clockwise on screen (x right, y down), holes counter-clockwise.
std::vector<OutlineXy> sliceOutlines(const LabelMap& mask, std::int64_t z, std::uint16_t label);

// The voxels of axial slice z on the mask's edge, for drawing it into an image of that slice: non-zero,
// with a 4-neighbour that is zero or outside the slice. Linear in-slice indices y * width + x, ascending.
std::vector<std::size_t> sliceEdgePixels(const LabelMap& mask, std::int64_t z);

}  // namespace drs
