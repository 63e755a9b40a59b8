#include "viewers/MaskBrush.h"

#include <algorithm>
#include <cmath>

namespace drs::viewers {

std::size_t applyBrush(LabelMap& mask, const SlicePlane& plane, const std::array<std::int64_t, 3>& centreXyz,
                       double radiusMm, BrushMode mode, std::uint16_t label) {
    const int a = plane.columnAxis, b = plane.rowAxis;
    const double spacingA = plane.spacingMm[a], spacingB = plane.spacingMm[b];
    const auto reachA = static_cast<std::int64_t>(std::floor(radiusMm / spacingA));
    const auto reachB = static_cast<std::int64_t>(std::floor(radiusMm / spacingB));
    std::size_t changed = 0;
    for (std::int64_t db = -reachB; db <= reachB; ++db) {
        for (std::int64_t da = -reachA; da <= reachA; ++da) {
            if (std::hypot(da * spacingA, db * spacingB) > radiusMm) continue;
            auto index = centreXyz;
            index[a] += da;
            index[b] += db;
            if (!mask.geometry.contains(index[0], index[1], index[2])) continue;
            auto& voxel = mask.at(index[0], index[1], index[2]);
            const std::uint16_t wanted = mode == BrushMode::Paint ? label : (voxel == label ? 0 : voxel);
            if (voxel != wanted) {
                voxel = wanted;
                ++changed;
            }
        }
    }
    return changed;
}

}  // namespace drs::viewers
