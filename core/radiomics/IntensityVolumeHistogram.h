#pragma once
#include <optional>
#include <vector>

#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

// IBSI's 6 intensity-volume histogram features of the ROI intensities (no pyradiomics
// counterpart; asked for by naming "intensityvolumehistogram" in featureClass), in name order.
// rangeLow / rangeHigh: the bounds of an absolute resegmentRange, which IBSI takes as the
// intensity range of a calibrated image (the original image's HU); unset, the ROI's own range.
FamilyValues intensityVolumeHistogramFeatures(const std::vector<double>& roiValues, const Settings& settings,
                                              std::optional<double> rangeLow, std::optional<double> rangeHigh);

}  // namespace drs::radiomics
