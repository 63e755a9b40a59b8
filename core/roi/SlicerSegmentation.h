#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/image/Grid.h"

namespace drs {

// 3D Slicer's segmentation files (.seg.nrrd): an NRRD label map whose header names each segment
// (Segment<i>_Name), the value it is stored under (Segment<i>_LabelValue) and, when segments
// overlap, the layer that holds it (Segment<i>_Layer: an NRRD "list" axis). Files from Slicer
// before 4.11 have neither key: segment i is layer i, stored as 1.
struct SlicerSegment {
    std::string name;
    std::uint16_t labelValue = 1;
    unsigned layer = 0;
};

// True when a file name is 3D Slicer's for a segmentation: it ends in .seg.nrrd, in any case.
bool isSlicerSegmentationFileName(const std::string& fileName);

// True when the file is an NRRD whose header names Slicer segments.
bool isSlicerSegmentation(const std::string& path);

// The segments, in the header's order; throws Error naming the file when it names none.
std::vector<SlicerSegment> slicerSegments(const std::string& path);

// The segmentation on the image grid. roiName: the segment to read, as label 1; empty: the
// file's only segment as label 1, or, when all its segments share one layer, that layer with
// each segment under its own value. Slicer can save a segmentation cropped to the segments'
// extent: its grid is carried onto the image's exactly (alignedOnto). Anything else (another
// spacing or orientation, a fraction of a voxel, segment voxels outside the image) is refused with
// an Error naming the file.
LabelMap readSlicerSegmentation(const std::string& path, const std::string& roiName, const Geometry& grid);

// A 3D Slicer segmentation kept with a study, described from its header alone.
struct SlicerSegmentationFile {
    std::string path;
    std::vector<std::string> segmentNames;
    std::string problem;  // why it cannot outline the study (unreadable, other voxels); names empty then
};

// The .seg.nrrd files kept with a study: in a DICOM study folder and its subfolders, or beside an
// image file; in path order, each checked against the study's grid (a segmentation saved cropped
// to its segments fits).
std::vector<SlicerSegmentationFile> slicerSegmentationsOf(const std::string& studyPath, const Geometry& grid);

}  // namespace drs
