#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/image/Grid.h"

namespace drs::synthetic {

// Closed outlines of the non-zero voxels of one axial slice, traced along voxel edges, in continuous
// index coordinates (x, y) (a voxel centre is at whole numbers, its corners at +-0.5). Each voxel
// centre lies strictly inside or outside, never on an edge, so filling the polygons at voxel centres
// gives back the slice exactly. Collinear corners are dropped. Holes are not traced: fill them first.
std::vector<std::vector<std::array<double, 2>>> traceSliceOutlines(const LabelMap& mask, std::int64_t z);

}  // namespace drs::synthetic
