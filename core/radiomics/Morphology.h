#pragma once
#include <array>
#include <vector>

#include "core/radiomics/FeatureValue.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// IBSI's 15 morphological features that pyradiomics' shape lacks (asked for by naming
// "morphology" in featureClass), in name order: the densities of the mesh in its axis-aligned
// bounding box, approximate enclosing ellipsoid, convex hull, minimum-volume enclosing ellipsoid and
// oriented minimum bounding box, asphericity, and those that read
// the original image's intensities (integrated intensity, centre of mass shift, Moran's I, Geary's
// C). Shape is taken from the region's shape mask (IBSI's morphological mask), intensities from its
// resegmented mask (the intensity mask).
FamilyValues morphologyFeatures(const Region& region);

// The semi-axes (mm, largest first) of the smallest ellipsoid holding every point, to a relative
// volume of about 1e-9: Khachiyan's algorithm with Todd and Yildirim's away steps, the ellipsoid then
// grown to reach the farthest point. All zero when the points span no volume.
std::array<double, 3> minimumVolumeEnclosingEllipsoidSemiAxesMm(const std::vector<std::array<double, 3>>& pointsMm);

// The sides (mm, longest first) of a box of least volume holding every point, in any orientation:
// the best of the boxes with a face on a face of the points' convex hull, each with the smallest
// cross-section about that face's normal, then turned about its own axes while that makes it
// smaller (Chan and Tan's refinement). Exact when the smallest box has a face on the hull.
std::array<double, 3> orientedMinimumBoundingBoxSidesMm(const std::vector<std::array<double, 3>>& pointsMm);

}  // namespace drs::radiomics
