#pragma once
#include <vector>

#include "core/radiomics/Discretisation.h"
#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

// The 18 pyradiomics first-order features, in pyradiomics' order. roiValues are the ROI
// intensities; grey holds the same voxels discretised (for Entropy and Uniformity).
FamilyValues firstOrderFeatures(const std::vector<double>& roiValues, const GreyLevelImage& grey,
                                const Settings& settings);

// IBSI's intensity-based statistics that first order lacks (asked for by naming
// "intensitystatistics" in featureClass), of the same ROI intensities, in name order.
FamilyValues intensityStatisticsFeatures(const std::vector<double>& roiValues, const Settings& settings);

}  // namespace drs::radiomics
