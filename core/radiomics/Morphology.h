#pragma once
#include <array>
#include <vector>

#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// IBSI's 13 morphological features that pyradiomics' shape lacks (asked for by naming
// "morphology" in featureClass), in name order: the densities of the mesh in its axis-aligned
// bounding box, approximate enclosing ellipsoid, convex hull and minimum-volume enclosing ellipsoid,
// asphericity, and those that read
// the original image's intensities (integrated intensity, centre of mass shift, Moran's I, Geary's
// C). Shape is taken from the region's shape mask (IBSI's morphological mask), intensities from its
// resegmented mask (the intensity mask).
FamilyValues morphologyFeatures(const Region& region);

// The semi-axes (mm, largest first) of the smallest ellipsoid holding every point, to a relative
// volume of about 1e-9: Khachiyan's algorithm with Todd and Yildirim's away steps, the ellipsoid then
// grown to reach the farthest point. All zero when the points span no volume.
std::array<double, 3> minimumVolumeEnclosingEllipsoidSemiAxesMm(const std::vector<std::array<double, 3>>& pointsMm);

}  // namespace drs::radiomics
