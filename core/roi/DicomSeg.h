#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/roi/DicomSource.h"

namespace drs {

// DICOM Segmentation (SEG) import and export with DCMTK's dcmseg.

struct SegmentToExport {
    std::uint16_t label = 1;  // mask voxels equal to this value
    std::string name;         // Segment Label, e.g. the ROI name
};

// Writes a binary SEG of the mask's grid: one segment per entry (segment numbers 1, 2, ... in
// the given order), one frame per segment and axial slice that holds its label, the image plane
// of each frame as the grid's, and (for a DICOM source) patient, study and frame of reference of
// the source with a reference from every frame to its source slice. Written atomically. Throws
// Error naming the file for an empty segment or a failed write.
void writeDicomSeg(const LabelMap& mask, const std::vector<SegmentToExport>& segments, const SourceSeries& source,
                   const RoiExportInfo& info, const std::string& path);

struct DicomSegment {
    int number = 0;
    std::string name;
    std::size_t frameCount = 0;
};

std::vector<DicomSegment> listDicomSegments(const std::string& path);

// Reads a SEG onto an image grid. segmentName chooses one segment, read as label 1; empty: a SEG
// with one segment gives label 1, one with several gives each segment its number as label (a
// voxel in several segments keeps the highest number). Frames may be in any order and orientation
// but must lie on the grid's voxels (within 0.05 voxel); fractional SEGs count a pixel in at half
// the maximum value or more. Throws Error naming the file when it is not a SEG, the segment is
// absent, or a frame lies off the grid or outside the image.
LabelMap readDicomSeg(const std::string& path, const std::string& segmentName, const Geometry& grid);

}  // namespace drs
