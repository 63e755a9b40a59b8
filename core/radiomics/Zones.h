#pragma once
#include <cstdint>
#include <map>
#include <vector>

#include "core/radiomics/Discretisation.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

// The zones of the discretised ROI: connected sets of voxels of one grey level, 26-connected in 3D
// (8-connected per slice with force2D). GLSZM counts them by size, GLDZM by distance to the ROI edge.
struct GreyLevelZones {
    std::vector<std::uint16_t> rank;  // per zone, its grey level's rank (GreyLevelImage::levelOfRank)
    std::vector<std::size_t> size;    // per zone, its voxels
    // Per voxel of the padded box, 1 + the index of its zone (0 outside the ROI); filled only when asked.
    std::vector<std::uint32_t> zoneAt;
};

GreyLevelZones greyLevelZones(const GreyLevelImage& grey, const Settings& settings, bool withZoneMap);

// A zone matrix P(i,j): zones of grey level i and extent j, the extent being a zone's size (GLSZM)
// or its distance to the ROI edge (GLDZM). N_z = sum P(i,j) the zones, N_p the ROI voxels,
// p_g(i) = sum_j P(i,j), p_e(j) = sum_i P(i,j), p(i,j) = P(i,j) / N_z.
struct ZoneMatrix {
    std::vector<double> level;                            // grey level values i, ascending
    std::vector<std::map<std::size_t, double>> byExtent;  // per level: extent -> count
    std::vector<double> pg;
    std::map<std::size_t, double> pe;
    double zones = 0, voxels = 0;
};

// The matrix of the zones, each counted at extentOfZone[zone].
ZoneMatrix zoneMatrix(const GreyLevelImage& grey, const GreyLevelZones& zones,
                      const std::vector<std::size_t>& extentOfZone);

// The 16 features both families compute from their matrix, named here by the extent (IBSI names the
// GLSZM ones by "zone size", the GLDZM ones by "distance").
struct ZoneMatrixFeatures {
    double smallExtentEmphasis, largeExtentEmphasis, lowGreyLevelZoneEmphasis, highGreyLevelZoneEmphasis,
        smallExtentLowGreyLevelEmphasis, smallExtentHighGreyLevelEmphasis, largeExtentLowGreyLevelEmphasis,
        largeExtentHighGreyLevelEmphasis, greyLevelNonUniformity, greyLevelNonUniformityNormalized, extentNonUniformity,
        extentNonUniformityNormalized, zonePercentage, greyLevelVariance, extentVariance, zoneEntropy;
};
ZoneMatrixFeatures zoneMatrixFeatures(const ZoneMatrix& m);

}  // namespace drs::radiomics
