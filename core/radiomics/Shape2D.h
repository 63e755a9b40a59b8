#pragma once
#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// pyradiomics' 9 shape2D features of a one-slice ROI (its shape2D class, computed with force2D),
// in pyradiomics' order: Elongation, MajorAxisLength, MaximumDiameter, MeshSurface,
// MinorAxisLength, Perimeter, PerimeterSurfaceRatio, PixelSurface, Sphericity. The plane is the
// one force2Ddimension leaves (0: the axial plane). Needs requireOneSlice.
FamilyValues shape2DFeatures(const Region& region, int force2Ddimension);

// Throws drs::Error naming `what` when the ROI spans more than one slice along force2Ddimension.
void requireOneSlice(const Region& region, int force2Ddimension, const std::string& what);

// Their names, in that order.
const std::vector<std::string>& shape2DFeatureNames();

}  // namespace drs::radiomics
