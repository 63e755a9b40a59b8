#pragma once
#include <cstdint>
#include <vector>

#include "core/radiomics/Discretisation.h"
#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

// The texture families of pyradiomics, each in its own file, each returning its features in
// pyradiomics' order. All take the discretised ROI.
FamilyValues glcmFeatures(const GreyLevelImage& grey, const Settings& settings);   // 24, Glcm.cpp
FamilyValues gldmFeatures(const GreyLevelImage& grey, const Settings& settings);   // 14, Gldm.cpp
FamilyValues glrlmFeatures(const GreyLevelImage& grey, const Settings& settings);  // 16, Glrlm.cpp
FamilyValues glszmFeatures(const GreyLevelImage& grey, const Settings& settings);  // 16, Glszm.cpp
FamilyValues ngtdmFeatures(const GreyLevelImage& grey, const Settings& settings);  // 5, Ngtdm.cpp
// IBSI's GLDZM (no pyradiomics counterpart; asked for by naming "gldzm" in featureClass): the
// zones' distances to the edge of edgeMaskBox (the region's box layout).
FamilyValues gldzmFeatures(const GreyLevelImage& grey, const std::vector<std::uint8_t>& edgeMaskBox,
                           const Settings& settings);  // 16, Gldzm.cpp
// IBSI's NGLDM features that GLDM lacks (asked for by naming "ngldm" in featureClass), of GLDM's
// matrix.
FamilyValues ngldmFeatures(const GreyLevelImage& grey, const Settings& settings);  // 3, Gldm.cpp

// The lengths of a direction's offset scaled by the voxel spacing (d = |offset| .* spacing), by
// which weightingNorm weighs the directions it merges: infinity max|d|, euclidean |d|, manhattan
// sum|d|; no_weighting (and none) 0. GLCM and GLRLM weigh by different functions of it.
double offsetLengthMm(const std::array<int, 3>& offsetXyz, const std::array<double, 3>& spacingMm, WeightingNorm norm);

}  // namespace drs::radiomics
