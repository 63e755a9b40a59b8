#pragma once
#include <string>
#include <vector>

#include "core/image/Grid.h"

namespace drs {

struct RtStructRoi {
    int number = 0;
    std::string name;
    std::size_t contourCount = 0;
    std::string frameOfReferenceUid;  // the coordinate system its contours are drawn in
};

// The ROIs an RTSTRUCT file defines (with how many contours each has).
std::vector<RtStructRoi> listRtStructRois(const std::string& path);

// Rasterises one ROI's closed planar contours onto an image grid. A voxel is inside when its
// centre lies inside the contour on its slice (even-odd rule, so holes drawn as inner contours
// stay empty). roiName empty: the file must define exactly one ROI with contours.
// Throws Error naming the file for a missing/ambiguous ROI, a non-RTSTRUCT file, contours that do
// not lie on the image's slices, an ROI that covers no voxel of the grid, or an ROI drawn in another
// frame of reference than imageFrameOfReferenceUid (empty: the image has none, e.g. NIfTI).
LabelMap rasteriseRtStruct(const std::string& path, const std::string& roiName, const Geometry& grid,
                           const std::string& imageFrameOfReferenceUid = {});

}  // namespace drs
