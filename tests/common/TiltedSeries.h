#pragma once
// A DICOM series as a CT scanner with its gantry tilted writes it (GantryTilt.h).
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <string>

namespace drs::test {

// Moves every slice of a DICOM series within its plane by (z - z0) times rowPerMm along the row
// and columnPerMm along the column, z0 the lowest slice, as a scanner writes the positions of a
// series acquired with its gantry tilted, to a thousandth of a millimetre. The contours of an RTSTRUCT drawn on it
// (when given) are moved with their slices, so they stay on the anatomy they outline. False when a file cannot be read
// or written.
inline bool tiltSeries(const std::string& folder, double rowPerMm, double columnPerMm,
                       const std::string& rtstruct = {}) {
    double lowest = std::numeric_limits<double>::infinity();
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        DcmFileFormat file;
        if (file.loadFile(entry.path().c_str()).bad()) return false;
        Float64 z = 0;
        if (file.getDataset()->findAndGetFloat64(DCM_ImagePositionPatient, z, 2).bad()) return false;
        lowest = std::min(lowest, z);
    }
    const auto moved = [&](double x, double y, double z) {
        char text[120];
        std::snprintf(text, sizeof text, "%.3f\\%.3f\\%.3f", x + (z - lowest) * rowPerMm,
                      y + (z - lowest) * columnPerMm, z);
        return std::string(text);
    };
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        DcmFileFormat file;
        if (file.loadFile(entry.path().c_str()).bad()) return false;
        if (file.loadAllDataIntoMemory().bad()) return false;
        Float64 p[3] = {0, 0, 0};
        for (unsigned long i = 0; i < 3; ++i) file.getDataset()->findAndGetFloat64(DCM_ImagePositionPatient, p[i], i);
        if (file.getDataset()->putAndInsertString(DCM_ImagePositionPatient, moved(p[0], p[1], p[2]).c_str()).bad())
            return false;
        if (file.saveFile(entry.path().c_str()).bad()) return false;
    }
    if (rtstruct.empty()) return true;
    DcmFileFormat file;
    if (file.loadFile(rtstruct.c_str()).bad()) return false;
    if (file.loadAllDataIntoMemory().bad()) return false;
    DcmItem* roi = nullptr;
    for (long r = 0; file.getDataset()->findAndGetSequenceItem(DCM_ROIContourSequence, roi, r).good(); ++r) {
        DcmItem* contour = nullptr;
        for (long c = 0; roi->findAndGetSequenceItem(DCM_ContourSequence, contour, c).good(); ++c) {
            DcmElement* data = nullptr;
            if (contour->findAndGetElement(DCM_ContourData, data).bad()) return false;
            std::string points;
            for (unsigned long i = 0; i < data->getVM(); i += 3) {
                Float64 x = 0, y = 0, z = 0;
                data->getFloat64(x, i);
                data->getFloat64(y, i + 1);
                data->getFloat64(z, i + 2);
                points += (points.empty() ? "" : "\\") + moved(x, y, z);
            }
            if (contour->putAndInsertString(DCM_ContourData, points.c_str()).bad()) return false;
        }
    }
    return file.saveFile(rtstruct.c_str()).good();
}

}  // namespace drs::test
