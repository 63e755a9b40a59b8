#pragma once
#include <string>
#include <vector>

#include "core/image/Grid.h"

namespace drs {

// The DICOM image series an exported ROI object (SEG, RTSTRUCT) refers to: study, series, frame
// of reference and the image instance of every slice. A study read from NIfTI or NRRD has no
// DICOM identity: the export then gets fresh study and frame-of-reference UIDs and no per-slice
// references, and carries only the identifiers the caller gives.
struct SourceSeries {
    std::string firstFile;  // a file of the series to copy patient and study attributes from; empty: none
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string frameOfReferenceUid;
    struct Slice {
        std::string sopClassUid;
        std::string sopInstanceUid;
    };
    std::vector<Slice> slices;  // by index z; empty without a DICOM source

    bool isDicom() const { return !firstFile.empty(); }
};

// What an exported ROI object says about itself beyond its voxels.
struct RoiExportInfo {
    std::string seriesDescription = "DeepRadScore ROI";
    // Used only for a study without DICOM source (its files carry no patient): e.g. the pseudonym.
    std::string patientId;
    std::string patientName;
};

// The source series of a study on `grid`. studyPath a DICOM series folder: its files' headers,
// checked to be one file per slice of the grid in slice order (seriesInstanceUid chooses among
// several series). Any other study (a NIfTI or NRRD file): fresh UIDs. Throws Error naming the
// folder when the files do not match the grid.
SourceSeries sourceSeriesOf(const std::string& studyPath, const Geometry& grid,
                            const std::string& seriesInstanceUid = {});

// A new globally unique DICOM UID.
std::string newDicomUid();

}  // namespace drs
