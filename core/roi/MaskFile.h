#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/image/ImageIO.h"

namespace drs {

// A tumour mask read from any file the product takes, on the image's grid.
struct MaskOnGrid {
    LabelMap labels;
    std::string kind;     // "rtstruct", "seg" (DICOM SEG) or "labelmap" (also a 3D Slicer .seg.nrrd)
    bool oneRoi = false;  // labels holds one ROI the file names, as label 1
    // The names of the labels, when labels holds several ROIs the file names (the segments of a 3D
    // Slicer segmentation, read without choosing one).
    std::map<std::uint16_t, std::string> namesByLabel;
};

// The ROIs a mask file names, in its order: an RTSTRUCT's ROIs with contours, a DICOM SEG's or a
// 3D Slicer segmentation's segments; none for a plain label map, whose ROIs are label values.
std::vector<std::string> maskRoiNames(const std::string& path);

// Reads a mask onto grid: an RTSTRUCT or SEG (readDicomMask), a 3D Slicer segmentation
// (readSlicerSegmentation), or a label map, on the image grid or carried onto it exactly (alignedOnto).
// roiName chooses among the ROIs the file names (empty: its only one); it does not apply to a
// plain label map. Errors name the file.
MaskOnGrid readMaskOnGrid(const std::string& path, const std::string& roiName, const Geometry& grid,
                          const std::string& imageFrameOfReferenceUid = {});

// Reads the study a mask is drawn on (readVolume). When a DICOM folder holds several image series
// and options choose none, the one the mask (an RTSTRUCT or SEG) references is read, if the folder
// holds exactly one such; otherwise SeveralDicomSeries, as readVolume throws it.
Volume readStudyForMask(const std::string& studyPath, const std::string& maskPath, ReadOptions options = {},
                        StudyInfo* info = nullptr);

}  // namespace drs
