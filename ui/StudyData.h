#pragma once
#include <QString>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/image/ImageIO.h"
#include "core/roi/DicomMask.h"
#include "core/util/Progress.h"

namespace drs::ui {

// What the main window shows: the study, and optionally a mask on the same grid.
struct LoadedStudy {
    std::shared_ptr<Volume> volume;
    std::shared_ptr<LabelMap> mask;  // null when no mask was given
    std::string studyPath;
    std::string maskPath;
    std::string frameOfReferenceUid;  // of a DICOM series; empty for NIfTI / NRRD
    std::string seriesInstanceUid;    // of the DICOM series read; empty for NIfTI / NRRD
    std::string seriesDescription;
    std::vector<std::string> roiFiles;  // of a DICOM folder: its RTSTRUCT and SEG files (StudyInfo::roiFiles)
    double gantryTiltDegrees = 0;       // of a DICOM series acquired tilted, placed as acquired (StudyInfo)
    double largestSliceShiftMm = 0;
};

// One line for a series in a list to choose from: modality, description, images, subfolder, UID,
// and the ROIs of roiFiles drawn on it.
QString seriesChoiceText(const DicomSeriesSummary& series, const std::vector<DicomRoiFile>& roiFiles = {});

// The files of roiFiles drawn on the series (that reference it), as the folder holds them; one
// that could not be read names no ROI and is left out, as it could not be opened either.
std::vector<DicomRoiFile> roiFilesDrawnOn(const std::string& seriesInstanceUid,
                                          const std::vector<DicomRoiFile>& roiFiles);

struct LabelCount {
    std::uint16_t label = 0;
    std::size_t voxels = 0;
};

// Non-zero labels of a mask with their voxel counts, ascending by label.
std::vector<LabelCount> labelsPresent(const LabelMap& mask);

// Throws drs::Error naming the mask and the labels it has when label is not among them.
void requireLabel(const LabelMap& mask, int label, const std::string& maskPath);

// The mask of a study on the volume's grid (readMaskOnGrid): a label map on that grid (or carried
// onto it exactly), a DICOM RTSTRUCT or SEG, or a 3D Slicer segmentation; roiName: which ROI or segment (empty when
// the file has exactly one). Refused with drs::Error naming the mask when it does not fit the
// volume or is drawn in another frame of reference than the study's (studyFrameOfReferenceUid;
// empty: the study is not DICOM, nothing to compare).
std::shared_ptr<LabelMap> loadMaskFor(const Volume& volume, const std::string& maskPath, Progress& progress,
                                      const std::string& roiName = {},
                                      const std::string& studyFrameOfReferenceUid = {});

// Reads a study and, when maskPath is not empty, its mask (as above). seriesInstanceUid chooses
// among the image series of a DICOM folder; empty: the folder must hold one, or the mask must
// reference one of them (readStudyForMask), else SeveralDicomSeries.
LoadedStudy loadStudy(const std::string& studyPath, const std::string& maskPath, Progress& progress,
                      const std::string& roiName = {}, const std::string& seriesInstanceUid = {});

}  // namespace drs::ui
