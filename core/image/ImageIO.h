#pragma once
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/image/Pseudonym.h"
#include "core/util/Error.h"

namespace drs {

struct DicomSeriesSummary {
    std::string seriesInstanceUid;
    std::string description;
    std::string modality;
    std::size_t fileCount = 0;
    std::string subfolder;  // of its first slice, relative to the folder listed; empty: that folder itself
};

// A DICOM folder (with its subfolders) holding several image series when none was chosen: the
// message lists them and says to choose one with --series; a GUI offers series() to choose from.
class SeveralDicomSeries : public Error {
public:
    SeveralDicomSeries(const std::string& folder, std::vector<DicomSeriesSummary> series,
                       std::vector<std::string> roiFiles = {});
    const std::vector<DicomSeriesSummary>& series() const { return series_; }
    // The folder's RTSTRUCT and SEG files, which tell the series an outline is drawn on.
    const std::vector<std::string>& roiFiles() const { return roiFiles_; }

private:
    std::vector<DicomSeriesSummary> series_;
    std::vector<std::string> roiFiles_;
};

struct ReadOptions {
    // For a DICOM folder holding several series: the one to load. Empty: the folder must hold one,
    // or exactly one of maskSeriesUids (else SeveralDicomSeries).
    std::string seriesInstanceUid;
    // The image series a mask is drawn on, as it references them (readStudyForMask).
    std::vector<std::string> maskSeriesUids;
    // Key for the pseudonym in StudyInfo (see Pseudonym.h); none: StudyInfo has no pseudonym.
    const SiteKey* siteKey = nullptr;
};

// Loads a CT (or any scalar image): a DICOM folder (rescaled to HU, LPS geometry), or a NIfTI /
// NRRD / MetaImage file. A DICOM folder is read with its subfolders, as a study exported from a
// scanner or a PACS keeps each series in a folder of its own. info, when given, receives modality, series and
// pseudonym.
Volume readVolume(const std::string& path, const ReadOptions& options = {}, StudyInfo* info = nullptr);

// Loads a label map file (NIfTI, NRRD, ...). Voxel values must be whole numbers in 0..65535.
LabelMap readLabelMap(const std::string& path);

// Loads a label map whose voxels may each hold several labels, one per layer (an NRRD "list" axis,
// as 3D Slicer stores overlapping segments): one LabelMap per layer; a scalar file has one layer.
std::vector<LabelMap> readLabelLayers(const std::string& path);

// The geometry of a 3D image file (NIfTI, NRRD, MetaImage; an NRRD list axis aside) from its
// header alone; throws Error naming the file when it cannot be read.
Geometry readImageGeometry(const std::string& path);

// The DICOM series found (recursively) in a folder, one entry per SeriesInstanceUID.
std::vector<DicomSeriesSummary> listDicomSeries(const std::string& folder);

// Writes through a temporary sibling and renames, so a failed write leaves no partial file.
void writeVolume(const Volume& volume, const std::string& path);
void writeLabelMap(const LabelMap& labels, const std::string& path);
void writeValueMap(const ValueMap& values, const std::string& path);  // as double voxels

// Writes an 8-bit grey PNG (row-major, widthPx * heightPx bytes), atomically.
void writeGreyPng(const std::vector<std::uint8_t>& pixels, int widthPx, int heightPx, const std::string& path);

// Writes an 8-bit RGB PNG (row-major, 3 bytes per pixel), atomically.
void writeRgbPng(const std::vector<std::uint8_t>& rgb, int widthPx, int heightPx, const std::string& path);

bool isDirectory(const std::string& path);

}  // namespace drs
