#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace drs::radiomics {

// Surface measures of a binary mask, from a marching-cubes mesh whose vertices sit halfway along
// the voxel edges that cross the mask border, as pyradiomics builds it.
struct MeshMeasures {
    double surfaceAreaMm2 = 0;
    double volumeMm3 = 0;
    // Largest vertex-to-vertex distances: within one axial plane (same z), one coronal plane
    // (same y), one sagittal plane (same x), and overall.
    double maxDiameterSameZMm = 0;
    double maxDiameterSameYMm = 0;
    double maxDiameterSameXMm = 0;
    double maxDiameter3DMm = 0;
    // The mesh vertices that can be corners of its convex hull (each axial plane's hull corners),
    // x, y, z in mm from the centre of the mask's first voxel: every extreme of the mesh is one.
    std::vector<std::array<double, 3>> hullCandidatesXyzMm;
};

// mask: sizeXyz voxels, x fastest, non-zero = inside.
MeshMeasures measureMesh(const std::vector<std::uint8_t>& mask, const std::array<std::int64_t, 3>& sizeXyz,
                         const std::array<double, 3>& spacingMm);

}  // namespace drs::radiomics
