#pragma once
#include <array>
#include <string>
#include <vector>

namespace drs {

// One image series found in a folder, its slices sorted along the slice normal.
struct ScannedSeries {
    std::string seriesInstanceUid;
    std::string description;
    std::string modality;
    std::vector<std::string> filesInSliceOrder;
    std::vector<double> positionsAlongNormalMm;         // of filesInSliceOrder, ascending
    std::vector<std::array<double, 3>> positionsMm;     // ImagePositionPatient (LPS) of filesInSliceOrder
    std::vector<std::array<double, 6>> orientations;    // ImageOrientationPatient: row, then column cosines
    std::vector<std::array<double, 2>> pixelSpacingMm;  // along a row, along a column (PixelSpacing reversed)
};

// What a folder's DICOM files hold.
struct DicomFolderScan {
    std::vector<ScannedSeries> series;  // in SeriesInstanceUID order
    std::vector<std::string> roiFiles;  // RTSTRUCT and DICOM SEG files, whatever series they are drawn on
};

// Walks a folder's files and its subfolders' with DCMTK, reading headers only, and groups the
// image files by SeriesInstanceUID. Files that are not DICOM are ignored; a file that claims to be DICOM (preamble
// "DICM") but cannot be parsed, or whose pixel data is cut short, throws Error naming it. GDCM
// asserts (aborts) on some such files, so nothing reaches it unchecked.
DicomFolderScan scanDicomFolder(const std::string& folder);

// The series among `series` whose SeriesInstanceUIDs `uids` names, in the order of `series`.
std::vector<const ScannedSeries*> seriesNamed(const std::vector<ScannedSeries>& series,
                                              const std::vector<std::string>& uids);

// Why the series' slices are not evenly spaced (a slice missing, uneven or repeated positions),
// naming the files and positions around the first such step; empty when they are even. A series
// without positions (all at 0) is not judged. ITK would read an uneven series onto one averaged
// spacing, so every physical size and feature would be wrong.
std::string sliceSpacingProblem(const ScannedSeries& series);

// Why the slices do not share one plane orientation and pixel spacing (a localizer or a
// reformatted slice filed in the series), naming the first slice that differs from the first; empty
// when they do. ITK would read such slices as one volume with the first slice's geometry.
std::string sliceOrientationProblem(const ScannedSeries& series);

// Where each slice lies within its own plane, beside the line through the first slice's origin
// along the slice normal: a CT acquired with its gantry tilted stacks its slices obliquely, and a
// volume read as a stack of untilted slices shifts the anatomy of slice k by shiftsMm[k].
struct SliceShifts {
    std::vector<std::array<double, 2>> shiftsMm;  // per slice in filesInSliceOrder: along the row, along the column
    double largestMm = 0;                         // the longest shift
    double tiltDegrees = 0;                       // of the line from the first slice's origin to the last's
};
SliceShifts sliceShiftsOf(const ScannedSeries& series);

}  // namespace drs
