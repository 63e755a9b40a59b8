#pragma once
#include "core/image/Grid.h"
#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Region.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

// IBSI's 2 local intensity features (no pyradiomics counterpart; asked for by naming
// "localintensity" in featureClass), of the original image only: the mean intensity in a 1 cm^3
// sphere around ROI voxels, read from `image` (the image the region was cut from, as prepared:
// resampled or cropped), beyond the ROI and its box. Throws drs::Error when the image was cropped
// around the ROI (resampling, preCrop) by fewer voxels than the sphere reaches.
FamilyValues localIntensityFeatures(const Volume& image, const Region& region, const Settings& settings);

}  // namespace drs::radiomics
