// 3D shape features, pyradiomics definitions. V = mesh volume and A = mesh surface area of the
// marching-cubes mesh (MarchingCubes.cpp); N_v = ROI voxels; lambda_major >= lambda_minor >=
// lambda_least the eigenvalues of the covariance of the voxel centres' physical coordinates
// (population covariance, spacing applied, direction ignored as it is a rotation).
#include "core/radiomics/Shape.h"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <numbers>

#include "core/radiomics/MarchingCubes.h"

namespace drs::radiomics {
namespace {

struct ShapeInput {
    MeshMeasures mesh;
    double voxelCount = 0;
    double voxelVolumeMm3 = 1;
    double lambdaLeast = 0, lambdaMinor = 0, lambdaMajor = 0;
};

// Elongation = sqrt(lambda_minor / lambda_major)
double elongation(const ShapeInput& s) { return std::sqrt(s.lambdaMinor / s.lambdaMajor); }
// Flatness = sqrt(lambda_least / lambda_major)
double flatness(const ShapeInput& s) { return std::sqrt(s.lambdaLeast / s.lambdaMajor); }
// Least axis length = 4 sqrt(lambda_least)
double leastAxisLength(const ShapeInput& s) { return 4 * std::sqrt(s.lambdaLeast); }
// Major axis length = 4 sqrt(lambda_major)
double majorAxisLength(const ShapeInput& s) { return 4 * std::sqrt(s.lambdaMajor); }
// Maximum 2D diameter (column) = largest vertex distance within one coronal plane (same y)
double maximum2DDiameterColumn(const ShapeInput& s) { return s.mesh.maxDiameterSameYMm; }
// Maximum 2D diameter (row) = largest vertex distance within one sagittal plane (same x)
double maximum2DDiameterRow(const ShapeInput& s) { return s.mesh.maxDiameterSameXMm; }
// Maximum 2D diameter (slice) = largest vertex distance within one axial plane (same z)
double maximum2DDiameterSlice(const ShapeInput& s) { return s.mesh.maxDiameterSameZMm; }
// Maximum 3D diameter = largest distance between two mesh vertices
double maximum3DDiameter(const ShapeInput& s) { return s.mesh.maxDiameter3DMm; }
// Mesh volume = sum over mesh triangles of the signed tetrahedron volumes (origin, a, b, c)
double meshVolume(const ShapeInput& s) { return s.mesh.volumeMm3; }
// Minor axis length = 4 sqrt(lambda_minor)
double minorAxisLength(const ShapeInput& s) { return 4 * std::sqrt(s.lambdaMinor); }
// Sphericity = (36 pi V^2)^(1/3) / A
double sphericity(const ShapeInput& s) {
    return std::cbrt(36 * std::numbers::pi * s.mesh.volumeMm3 * s.mesh.volumeMm3) / s.mesh.surfaceAreaMm2;
}
// Surface area = sum over mesh triangles of |(a - c) x (b - c)| / 2
double surfaceArea(const ShapeInput& s) { return s.mesh.surfaceAreaMm2; }
// Surface to volume ratio = A / V
double surfaceVolumeRatio(const ShapeInput& s) { return s.mesh.surfaceAreaMm2 / s.mesh.volumeMm3; }
// Voxel volume = N_v times the volume of one voxel
double voxelVolume(const ShapeInput& s) { return s.voxelCount * s.voxelVolumeMm3; }

}  // namespace

VoxelCentrePca voxelCentrePca(const Region& region) {
    const auto& size = region.box.sizeXyz;
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    std::vector<Eigen::Vector3d> points;
    std::size_t i = 0;
    for (std::int64_t z = 0; z < size[2]; ++z)
        for (std::int64_t y = 0; y < size[1]; ++y)
            for (std::int64_t x = 0; x < size[0]; ++x, ++i)
                if (region.shapeMask[i]) {
                    points.emplace_back(double(x) * region.spacingMm[0], double(y) * region.spacingMm[1],
                                        double(z) * region.spacingMm[2]);
                    sum += points.back();
                }
    VoxelCentrePca pca;
    pca.voxelCount = static_cast<double>(points.size());
    const Eigen::Vector3d mean = sum / pca.voxelCount;
    pca.centroidMm = {mean[0], mean[1], mean[2]};
    Eigen::Matrix3d covariance = Eigen::Matrix3d::Zero();
    for (const auto& p : points) {
        const Eigen::Vector3d centred = (p - mean) / std::sqrt(pca.voxelCount);
        covariance += centred * centred.transpose();
    }
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> solver(covariance, Eigen::EigenvaluesOnly);
    Eigen::Vector3d lambda = solver.eigenvalues();  // ascending
    for (int k = 0; k < 3; ++k)
        if (lambda[k] < 0 && lambda[k] > -1e-10) lambda[k] = 0;  // rounding noise of flat ROIs
    pca.eigenvaluesMm2 = {lambda[0], lambda[1], lambda[2]};
    return pca;
}

FamilyValues shapeFeatures(const Region& region) {
    ShapeInput s;
    const auto& size = region.box.sizeXyz;
    s.mesh = measureMesh(region.shapeMask, size, region.spacingMm);
    s.voxelVolumeMm3 = region.spacingMm[0] * region.spacingMm[1] * region.spacingMm[2];

    const VoxelCentrePca pca = voxelCentrePca(region);
    s.voxelCount = pca.voxelCount;
    s.lambdaLeast = pca.eigenvaluesMm2[0];
    s.lambdaMinor = pca.eigenvaluesMm2[1];
    s.lambdaMajor = pca.eigenvaluesMm2[2];

    return {{"Elongation", elongation(s)},
            {"Flatness", flatness(s)},
            {"LeastAxisLength", leastAxisLength(s)},
            {"MajorAxisLength", majorAxisLength(s)},
            {"Maximum2DDiameterColumn", maximum2DDiameterColumn(s)},
            {"Maximum2DDiameterRow", maximum2DDiameterRow(s)},
            {"Maximum2DDiameterSlice", maximum2DDiameterSlice(s)},
            {"Maximum3DDiameter", maximum3DDiameter(s)},
            {"MeshVolume", meshVolume(s)},
            {"MinorAxisLength", minorAxisLength(s)},
            {"Sphericity", sphericity(s)},
            {"SurfaceArea", surfaceArea(s)},
            {"SurfaceVolumeRatio", surfaceVolumeRatio(s)},
            {"VoxelVolume", voxelVolume(s)}};
}

TumourSize tumourSize(const LabelMap& mask, std::uint16_t label) {
    const Box box = labelBox(mask, label);
    TumourSize size;
    if (box.voxelCount() == 0) return size;
    std::vector<std::uint8_t> inside(box.voxelCount(), 0);
    std::size_t voxels = 0, i = 0;
    for (std::int64_t z = 0; z < box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < box.sizeXyz[0]; ++x, ++i)
                if (mask.at(box.startXyz[0] + x, box.startXyz[1] + y, box.startXyz[2] + z) == label) {
                    inside[i] = 1;
                    ++voxels;
                }
    const MeshMeasures mesh = measureMesh(inside, box.sizeXyz, mask.geometry.spacingMm);
    size.volumeMm3 = static_cast<double>(voxels) * mask.geometry.voxelVolumeMm3();
    size.longestSliceDiameterMm = mesh.maxDiameterSameZMm;
    size.longest3dDiameterMm = mesh.maxDiameter3DMm;
    return size;
}

}  // namespace drs::radiomics
