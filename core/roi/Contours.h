#pragma once
#include <array>
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

}  // namespace drs
