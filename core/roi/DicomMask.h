#pragma once
#include <string>
#include <vector>

#include "core/image/Grid.h"

namespace drs {

// Masks stored as DICOM objects: an RTSTRUCT (contours) or a SEG (frames), told apart by modality.

// True when the file carries the DICOM preamble ("DICM" at byte 128).
bool isDicomFile(const std::string& path);

// The Modality of a DICOM file; throws Error naming the file when it is not readable DICOM.
std::string dicomModalityOf(const std::string& path);

// The mask on the image grid: an RTSTRUCT ROI rasterised as label 1 (rasteriseRtStruct) or SEG
// segments (readDicomSeg). roiName: the ROI or segment to read (empty: the only one; a SEG with
// several gives each its number). Throws Error naming the file for any other modality, or for a
// mask in another frame of reference than imageFrameOfReferenceUid (empty: the image has none).
LabelMap readDicomMask(const std::string& path, const std::string& roiName, const Geometry& grid,
                       const std::string& imageFrameOfReferenceUid = {});

// The ROIs with contours (RTSTRUCT) or the segments (SEG) the file defines, by name.
std::vector<std::string> dicomMaskRoiNames(const std::string& path);

// The SeriesInstanceUIDs of the image series the mask is drawn on, as the file references them (an
// RTSTRUCT's referenced frame of reference > study > series, a SEG's referenced series); empty
// when it names none. Throws Error naming the file when it is not readable DICOM.
std::vector<std::string> dicomMaskReferencedSeries(const std::string& path);

// A DICOM ROI file as a folder holds it beside its images (StudyInfo::roiFiles).
struct DicomRoiFile {
    std::string path;
    std::string modality;                 // RTSTRUCT or SEG
    std::vector<std::string> roiNames;    // dicomMaskRoiNames
    std::vector<std::string> seriesUids;  // dicomMaskReferencedSeries
    std::string problem;                  // why the file could not be read; the fields above are then empty
};

// Each file described; one that cannot be read keeps its problem, so that a listing names it and
// goes on with the others.
std::vector<DicomRoiFile> describeDicomRoiFiles(const std::vector<std::string>& paths);

}  // namespace drs
