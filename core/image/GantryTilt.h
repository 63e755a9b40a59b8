#pragma once
#include <array>
#include <vector>

#include "core/image/Grid.h"

namespace drs {

// A CT acquired with its gantry tilted has its slices stacked obliquely: slice k's origin lies
// shiftsMm[k] (along the row, along the column) beside the line along the slice normal through
// the first slice's origin. ITK reads such a series as an untilted stack (every slice on that
// line, spaced by the distance between slice origins), which moves each slice's anatomy by its
// shift and stretches the slice spacing. This puts each slice back where it was acquired, on an
// orthogonal grid of the slices' own planes: every slice moved by its shift within its plane
// (bilinear; a shift within 0.001 pixel of a whole number moves it exactly), planeSpacingMm apart,
// the grid grown so that no acquired voxel falls outside it, and the voxels no slice reaches
// given the series' lowest value (what CT stores outside its field of view).
Volume placeTiltedSlices(const Volume& stack, const std::vector<std::array<double, 2>>& shiftsMm,
                         double planeSpacingMm);

}  // namespace drs
