#pragma once
#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// IBSI's 11 morphological features that pyradiomics' shape lacks (asked for by naming
// "morphology" in featureClass), in name order: the densities of the mesh in its axis-aligned
// bounding box, approximate enclosing ellipsoid and convex hull, asphericity, and those that read
// the original image's intensities (integrated intensity, centre of mass shift, Moran's I, Geary's
// C). Shape is taken from the region's shape mask (IBSI's morphological mask), intensities from its
// resegmented mask (the intensity mask).
FamilyValues morphologyFeatures(const Region& region);

}  // namespace drs::radiomics
