#pragma once
#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// The 14 pyradiomics 3D shape features of the region's shape mask, in pyradiomics' order.
FamilyValues shapeFeatures(const Region& region);

}  // namespace drs::radiomics
