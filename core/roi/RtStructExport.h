#pragma once
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/roi/DicomSource.h"

namespace drs {

struct RoiToExport {
    std::uint16_t label = 1;  // mask voxels equal to this value
    std::string name;         // ROI Name
};

// Writes an RTSTRUCT with one ROI per entry: on every axial slice, the closed planar contours that
// trace its voxels' edges (sliceOutlines), in patient coordinates (LPS mm). Rasterising them again
// (rasteriseRtStruct, voxel centres inside by the even-odd rule) gives back exactly those voxels.
// With a DICOM source the structure set refers to its study, series, frame of reference and each
// contour to its slice's image. Written atomically; throws Error naming the file for an empty ROI.
void writeRtStruct(const LabelMap& mask, const std::vector<RoiToExport>& rois, const SourceSeries& source,
                   const RoiExportInfo& info, const std::string& path);

}  // namespace drs
