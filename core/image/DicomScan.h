#pragma once
#include <string>
#include <vector>

namespace drs {

// One image series found in a folder, its slices sorted along the slice normal.
struct ScannedSeries {
    std::string seriesInstanceUid;
    std::string description;
    std::string modality;
    std::vector<std::string> filesInSliceOrder;
};

// Walks a folder's files with DCMTK, reading headers only, and groups the image files by
// SeriesInstanceUID. Files that are not DICOM are ignored; a file that claims to be DICOM (preamble
// "DICM") but cannot be parsed, or whose pixel data is cut short, throws Error naming it. GDCM
// asserts (aborts) on some such files, so nothing reaches it unchecked.
std::vector<ScannedSeries> scanDicomFolder(const std::string& folder, bool recursive);

}  // namespace drs
