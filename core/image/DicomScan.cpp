#include "core/image/DicomScan.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/oflog/oflog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>

#include "core/util/Error.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

bool hasDicomPreamble(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char magic[4] = {};
    in.seekg(128);
    in.read(magic, 4);
    return in && std::string(magic, 4) == "DICM";
}

std::string text(DcmDataset& dataset, const DcmTagKey& tag) {
    OFString value;
    dataset.findAndGetOFStringArray(tag, value);
    return value.c_str();
}

// Files beside the series that are no DICOM at all (no preamble): a slice overwritten or
// mangled on its way looks like a missing slice, so the message names them.
std::string nonDicomFilesBeside(const ScannedSeries& series) {
    const fs::path folder = fs::path(series.filesInSliceOrder.front()).parent_path();
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error))
        if (entry.is_regular_file() && !hasDicomPreamble(entry.path()))
            names.push_back(entry.path().filename().string());
    if (names.empty()) return {};
    std::sort(names.begin(), names.end());
    std::string list;
    for (std::size_t k = 0; k < names.size() && k < 3; ++k) list += (k ? ", " : "") + names[k];
    if (names.size() > 3) list += " and " + std::to_string(names.size() - 3) + " more";
    return "; not DICOM files in that folder, which may be the missing slices: " + list;
}

struct Slice {
    std::string path;
    double positionAlongNormal = 0;
    long instanceNumber = 0;
    std::array<double, 3> positionMm{};
    std::array<double, 6> orientation{1, 0, 0, 0, 1, 0};
    std::array<double, 2> pixelSpacingMm{1, 1};
};

using Vector3 = std::array<double, 3>;

double dot(const Vector3& a, const Vector3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

Vector3 rowOf(const std::array<double, 6>& orientation) { return {orientation[0], orientation[1], orientation[2]}; }
Vector3 columnOf(const std::array<double, 6>& orientation) { return {orientation[3], orientation[4], orientation[5]}; }

Vector3 normalOf(const std::array<double, 6>& orientation) {
    const Vector3 row = rowOf(orientation), column = columnOf(orientation);
    return {row[1] * column[2] - row[2] * column[1], row[2] * column[0] - row[0] * column[2],
            row[0] * column[1] - row[1] * column[0]};
}

std::string fileName(const std::string& path) { return fs::path(path).filename().string(); }

}  // namespace

DicomFolderScan scanDicomFolder(const std::string& folder) {
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::recursive_directory_iterator it(fs::u8path(folder), fs::directory_options::skip_permission_denied, error),
         end;
         it != end && !error; it.increment(error))
        if (it->is_regular_file()) files.push_back(it->path());
    if (error) throw Error(folder + ": cannot list the folder: " + error.message());
    std::sort(files.begin(), files.end());

    DicomFolderScan scan;
    std::map<std::string, ScannedSeries> series;
    std::map<std::string, std::vector<Slice>> slices;
    for (const auto& file : files) {
        DcmFileFormat dicom;
        // Values longer than 1 KiB are skipped, not read; a truncated file still fails.
        const OFCondition status = dicom.loadFile(file.string().c_str(), EXS_Unknown, EGL_noChange, 1024);
        if (status.bad()) {
            if (hasDicomPreamble(file))
                throw Error(file.string() + ": corrupt or truncated DICOM file (" + status.text() + ")");
            continue;
        }
        DcmDataset& dataset = *dicom.getDataset();
        const std::string modality = text(dataset, DCM_Modality);
        if (modality == "RTSTRUCT" || modality == "SEG") scan.roiFiles.push_back(file.string());
        // An RTSTRUCT (or an SR) has no pixels, and a segmentation's frames are no image series.
        if (!dataset.tagExists(DCM_PixelData) || modality == "SEG") continue;
        const std::string uid = text(dataset, DCM_SeriesInstanceUID);
        auto& entry = series[uid];
        if (entry.seriesInstanceUid.empty()) {
            entry.seriesInstanceUid = uid;
            entry.description = text(dataset, DCM_SeriesDescription);
            entry.modality = modality;
        }
        Slice slice;
        slice.path = file.string();
        for (unsigned long i = 0; i < 3; ++i) {
            dataset.findAndGetFloat64(DCM_ImagePositionPatient, slice.positionMm[i], i);
            dataset.findAndGetFloat64(DCM_ImageOrientationPatient, slice.orientation[i], i);
            dataset.findAndGetFloat64(DCM_ImageOrientationPatient, slice.orientation[i + 3], i + 3);
        }
        // PixelSpacing is the distance between rows, then between columns.
        dataset.findAndGetFloat64(DCM_PixelSpacing, slice.pixelSpacingMm[1], 0);
        dataset.findAndGetFloat64(DCM_PixelSpacing, slice.pixelSpacingMm[0], 1);
        slice.positionAlongNormal = dot(slice.positionMm, normalOf(slice.orientation));
        Sint32 instance = 0;
        dataset.findAndGetSint32(DCM_InstanceNumber, instance);
        slice.instanceNumber = instance;
        slices[uid].push_back(slice);
    }

    for (auto& [uid, entry] : series) {
        auto& list = slices[uid];
        std::stable_sort(list.begin(), list.end(), [](const Slice& a, const Slice& b) {
            if (a.positionAlongNormal != b.positionAlongNormal) return a.positionAlongNormal < b.positionAlongNormal;
            return a.instanceNumber < b.instanceNumber;
        });
        for (const auto& slice : list) {
            entry.filesInSliceOrder.push_back(slice.path);
            entry.positionsAlongNormalMm.push_back(slice.positionAlongNormal);
            entry.positionsMm.push_back(slice.positionMm);
            entry.orientations.push_back(slice.orientation);
            entry.pixelSpacingMm.push_back(slice.pixelSpacingMm);
        }
        scan.series.push_back(std::move(entry));
    }
    return scan;
}

std::vector<const ScannedSeries*> seriesNamed(const std::vector<ScannedSeries>& series,
                                              const std::vector<std::string>& uids) {
    std::vector<const ScannedSeries*> named;
    for (const auto& candidate : series)
        if (std::find(uids.begin(), uids.end(), candidate.seriesInstanceUid) != uids.end()) named.push_back(&candidate);
    return named;
}

std::string sliceSpacingProblem(const ScannedSeries& series) {
    const auto& z = series.positionsAlongNormalMm;
    if (z.size() < 3) return {};
    std::vector<double> steps;
    for (std::size_t i = 1; i < z.size(); ++i) steps.push_back(z[i] - z[i - 1]);
    std::vector<double> sorted = steps;
    const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    const double spacing = *middle;
    if (spacing <= 0) return {};
    // Positions are written with a few decimals; a missing slice doubles a step.
    const double tolerance = std::max(0.01, 0.01 * spacing);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (std::abs(steps[i] - spacing) <= tolerance) continue;
        const auto name = [&](std::size_t k) { return fileName(series.filesInSliceOrder[k]); };
        char where[200];
        std::snprintf(where, sizeof where,
                      " (%.3f mm) and %s (%.3f mm) are %.3f mm apart, where the series' spacing is %.3f mm", z[i],
                      name(i + 1).c_str(), z[i + 1], steps[i], spacing);
        const long missing = std::lround(steps[i] / spacing) - 1;
        std::string what;
        if (steps[i] <= tolerance)
            what = "two slices at one position";
        else if (missing >= 1 && std::abs(steps[i] - static_cast<double>(missing + 1) * spacing) <= tolerance)
            what = std::to_string(missing) + (missing == 1 ? " slice is" : " slices are") + " missing";
        else
            what = "the slices are unevenly spaced";
        return what + ": slices " + name(i) + where + (missing >= 1 ? nonDicomFilesBeside(series) : std::string());
    }
    return {};
}

std::string sliceOrientationProblem(const ScannedSeries& series) {
    const auto& first = series.orientations.front();
    for (std::size_t k = 1; k < series.orientations.size(); ++k) {
        double largest = 0;
        for (std::size_t i = 0; i < 6; ++i) largest = std::max(largest, std::abs(series.orientations[k][i] - first[i]));
        // Cosines are written with a few decimals.
        const bool turned = largest > 1e-4;
        const bool rescaled = std::abs(series.pixelSpacingMm[k][0] - series.pixelSpacingMm[0][0]) > 1e-4 ||
                              std::abs(series.pixelSpacingMm[k][1] - series.pixelSpacingMm[0][1]) > 1e-4;
        if (!turned && !rescaled) continue;
        return std::string("slice ") + fileName(series.filesInSliceOrder[k]) + " has another " +
               (turned ? "orientation" : "pixel spacing") + " than slice " +
               fileName(series.filesInSliceOrder.front()) +
               " (a localizer or a reformatted image in the series?); the series is not read, as one volume "
               "cannot hold both";
    }
    return {};
}

SliceShifts sliceShiftsOf(const ScannedSeries& series) {
    SliceShifts shifts;
    const Vector3 row = rowOf(series.orientations.front()), column = columnOf(series.orientations.front());
    const Vector3& origin = series.positionsMm.front();
    for (const Vector3& position : series.positionsMm) {
        const Vector3 step{position[0] - origin[0], position[1] - origin[1], position[2] - origin[2]};
        const std::array<double, 2> shift{dot(step, row), dot(step, column)};
        shifts.shiftsMm.push_back(shift);
        shifts.largestMm = std::max(shifts.largestMm, std::hypot(shift[0], shift[1]));
    }
    const double along = series.positionsAlongNormalMm.back() - series.positionsAlongNormalMm.front();
    const auto& last = shifts.shiftsMm.back();
    if (along > 0) shifts.tiltDegrees = std::atan2(std::hypot(last[0], last[1]), along) * 180.0 / std::numbers::pi;
    return shifts;
}

}  // namespace drs
