#pragma once
#include "core/radiomics/Discretisation.h"
#include "core/radiomics/FeatureValue.h"

namespace drs::radiomics {

// IBSI's 23 intensity histogram features of the discretised ROI (no pyradiomics counterpart;
// asked for by naming "intensityhistogram" in featureClass), in name order.
FamilyValues intensityHistogramFeatures(const GreyLevelImage& grey);

}  // namespace drs::radiomics
