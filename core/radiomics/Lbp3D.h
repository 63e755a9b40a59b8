#pragma once
#include <array>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// The vertices of trimesh's icosphere (its icosahedron, each triangle split into four `subdivisions`
// times, the vertices put back on the sphere after each split), on a sphere of `radius`, in no
// particular order: 12, 42, 162, ... vertices.
std::vector<std::array<double, 3>> icosphereVertices(int subdivisions, double radius);

// pyradiomics' LBP3D image type (getLBP3DImage), at the voxels of region.mask, on region.box (0
// elsewhere): around each voxel the icosphere's vertices, offset in voxel indices in the order
// z, y, x, are sampled by scipy's map_coordinates (cubic B-spline, mirror-boundary coefficients,
// 0 beyond the image), each sample set when it is at or above the voxel, equal meaning within 1e-9
// relative (pyradiomics leaves an exact tie to the last bit of scipy's arithmetic). levels[n] is the energy
// of the set samples' spherical harmonics of degree n: with c_m the sum over vertices of the set
// samples' Y_n^m, the real part of sqrt(sum over vertices of (sum_m c_m Y_n^m)^2), Y as scipy's
// sph_harm(m, n, acos(x offset / radius), atan2(y offset, z offset)), the angles in the order
// pyradiomics passes them. kurtosis is the samples' (Fisher, biased), NaN where they are all equal.
struct Lbp3DImages {
    std::vector<std::vector<double>> levels;  // lbp-3D-m1, m2, ... (degree 0, 1, ...)
    std::vector<double> kurtosis;             // lbp-3D-k
};
Lbp3DImages localBinaryPattern3D(const Volume& image, const Region& region, int levels, double icosphereRadius,
                                 int subdivisions);

}  // namespace drs::radiomics
