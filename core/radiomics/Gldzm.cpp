// Grey level distance zone matrix (GLDZM) features, IBSI definitions (pyradiomics has no GLDZM):
// the zone matrix (Zones.h) with each zone counted at its distance to the ROI edge, the smallest
// distance of its voxels. A voxel's distance is the number of steps between face neighbours (6 in
// 3D, 4 in-plane with force2D) that reach a voxel outside the ROI: 1 on the edge. The image border
// is outside.
#include <algorithm>
#include <limits>

#include "core/radiomics/TextureFamilies.h"
#include "core/radiomics/Zones.h"

namespace drs::radiomics {
namespace {

// Per voxel of the padded box, its distance to the edge of `edgeMaskBox` (box layout, x fastest);
// 0 outside it. A breadth-first walk from the edge voxels inwards gives the city-block distance.
std::vector<std::size_t> edgeDistances(const GreyLevelImage& grey, const std::vector<std::uint8_t>& edgeMaskBox,
                                       const Settings& settings) {
    const int skippedAxis = settings.force2D ? 2 - settings.force2Ddimension : -1;  // dimension 0 is z
    std::vector<std::int64_t> steps;
    for (int a = 0; a < 3; ++a) {
        if (a == skippedAxis) continue;
        std::array<int, 3> offset{0, 0, 0};
        offset[a] = 1;
        steps.push_back(grey.indexOffset(offset));
        steps.push_back(-grey.indexOffset(offset));
    }
    constexpr std::size_t kUnreached = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> distance(grey.padded.size(), 0);
    std::size_t i = 0;
    for (std::int64_t z = 0; z < grey.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < grey.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < grey.sizeXyz[0]; ++x, ++i)
                if (edgeMaskBox[i])
                    distance[static_cast<std::size_t>(((z + grey.pad) * grey.paddedSizeXyz[1] + y + grey.pad) *
                                                          grey.paddedSizeXyz[0] +
                                                      x + grey.pad)] = kUnreached;
    std::vector<std::int64_t> front;
    for (std::size_t p = 0; p < distance.size(); ++p) {
        if (distance[p] != kUnreached) continue;
        const auto at = static_cast<std::int64_t>(p);
        if (std::any_of(steps.begin(), steps.end(),
                        [&](std::int64_t s) { return distance[static_cast<std::size_t>(at + s)] == 0; })) {
            distance[p] = 1;
            front.push_back(at);
        }
    }
    std::vector<std::int64_t> next;
    for (std::size_t d = 2; !front.empty(); ++d, front.swap(next)) {
        next.clear();
        for (const std::int64_t at : front)
            for (const std::int64_t s : steps) {
                std::size_t& neighbour = distance[static_cast<std::size_t>(at + s)];
                if (neighbour != kUnreached) continue;
                neighbour = d;
                next.push_back(at + s);
            }
    }
    return distance;
}

}  // namespace

FamilyValues gldzmFeatures(const GreyLevelImage& grey, const std::vector<std::uint8_t>& edgeMaskBox,
                           const Settings& settings) {
    const GreyLevelZones zones = greyLevelZones(grey, settings, true);
    const std::vector<std::size_t> distance = edgeDistances(grey, edgeMaskBox, settings);
    std::vector<std::size_t> zoneDistance(zones.rank.size(), std::numeric_limits<std::size_t>::max());
    for (const std::int64_t at : grey.roiIndex) {
        const auto p = static_cast<std::size_t>(at);
        std::size_t& d = zoneDistance[zones.zoneAt[p] - 1u];
        d = std::min(d, distance[p]);
    }
    const ZoneMatrixFeatures f = zoneMatrixFeatures(zoneMatrix(grey, zones, zoneDistance));
    return {{"GrayLevelNonUniformity", f.greyLevelNonUniformity},
            {"GrayLevelNonUniformityNormalized", f.greyLevelNonUniformityNormalized},
            {"GrayLevelVariance", f.greyLevelVariance},
            {"HighGrayLevelZoneEmphasis", f.highGreyLevelZoneEmphasis},
            {"LargeDistanceEmphasis", f.largeExtentEmphasis},
            {"LargeDistanceHighGrayLevelEmphasis", f.largeExtentHighGreyLevelEmphasis},
            {"LargeDistanceLowGrayLevelEmphasis", f.largeExtentLowGreyLevelEmphasis},
            {"LowGrayLevelZoneEmphasis", f.lowGreyLevelZoneEmphasis},
            {"SmallDistanceEmphasis", f.smallExtentEmphasis},
            {"SmallDistanceHighGrayLevelEmphasis", f.smallExtentHighGreyLevelEmphasis},
            {"SmallDistanceLowGrayLevelEmphasis", f.smallExtentLowGreyLevelEmphasis},
            {"ZoneDistanceEntropy", f.zoneEntropy},
            {"ZoneDistanceNonUniformity", f.extentNonUniformity},
            {"ZoneDistanceNonUniformityNormalized", f.extentNonUniformityNormalized},
            {"ZoneDistanceVariance", f.extentVariance},
            {"ZonePercentage", f.zonePercentage}};
}

}  // namespace drs::radiomics
