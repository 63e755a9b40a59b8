#pragma once
#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// The 14 pyradiomics 3D shape features of the region's shape mask, in pyradiomics' order.
FamilyValues shapeFeatures(const Region& region);

// The voxel centres of the region's shape mask (mm, box coordinates): their count, centroid and
// the eigenvalues of their population covariance, ascending (pyradiomics' principal axes; IBSI's
// use the sample covariance, N / (N - 1) times these).
struct VoxelCentrePca {
    double voxelCount = 0;
    std::array<double, 3> centroidMm{0, 0, 0};
    std::array<double, 3> eigenvaluesMm2{0, 0, 0};
};
VoxelCentrePca voxelCentrePca(const Region& region);

// What a reader measures on a tumour, as the shape features define it: its volume (VoxelVolume)
// and its longest diameters between surface mesh vertices, within one slice of the image's
// rows and columns (Maximum2DDiameterSlice: the axial plane of an axial CT, where RECIST
// measures) and in 3D (Maximum3DDiameter). All zero when the label is absent.
struct TumourSize {
    double volumeMm3 = 0;
    double longestSliceDiameterMm = 0;
    double longest3dDiameterMm = 0;
};
TumourSize tumourSize(const LabelMap& mask, std::uint16_t label);

}  // namespace drs::radiomics
