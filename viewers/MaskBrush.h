#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "core/image/Grid.h"
#include "viewers/SlicePlane.h"

namespace drs::viewers {

enum class BrushMode { Paint, Erase };

// Paints (sets to label) or erases (label -> 0, other labels untouched) the voxels of one slice
// whose in-plane physical distance from centreXyz is <= radiusMm. Returns how many voxels changed.
std::size_t applyBrush(LabelMap& mask, const SlicePlane& plane, const std::array<std::int64_t, 3>& centreXyz,
                       double radiusMm, BrushMode mode, std::uint16_t label);

}  // namespace drs::viewers
