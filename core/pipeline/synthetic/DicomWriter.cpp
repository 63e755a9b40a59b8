// Writes the synthetic studies as DICOM with DCMTK's dcmdata: a CT Image Storage file per slice and
// an RT Structure Set with the tumour's contours, carrying the fake patient identity so that import
// has real identifiers to pseudonymise.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/image/DicomWrite.h"
#include "core/pipeline/synthetic/SliceContours.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::synthetic {

namespace {

namespace fs = std::filesystem;

// Decimal String values are limited to 16 characters.
std::string decimalString(double value) {
    char text[32];
    for (int precision = 12; precision > 3; --precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::string(text).size() <= 16) break;
    }
    return text;
}

void put(DcmItem& item, const DcmTagKey& tag, const std::string& value, const std::string& file) {
    if (item.putAndInsertString(tag, value.c_str()).bad())
        throw Error(file + ": cannot set DICOM attribute " + DcmTag(tag).getTagName());
}

void putPatientAndStudy(DcmItem& ds, const DicomIdentity& identity, const std::string& file) {
    put(ds, DCM_SpecificCharacterSet, "ISO_IR 100", file);
    put(ds, DCM_PatientName, identity.patientName, file);
    put(ds, DCM_PatientID, identity.patientId, file);
    put(ds, DCM_PatientBirthDate, identity.birthDate, file);
    put(ds, DCM_PatientSex, identity.patientSex, file);
    put(ds, DCM_StudyInstanceUID, identity.studyInstanceUid, file);
    put(ds, DCM_StudyDate, identity.studyDate, file);
    put(ds, DCM_StudyTime, "093000", file);
    put(ds, DCM_StudyID, "1", file);
    put(ds, DCM_AccessionNumber, "", file);
    put(ds, DCM_ReferringPhysicianName, "", file);
    put(ds, DCM_StudyDescription, "CHEST CT (synthetic demo)", file);
    put(ds, DCM_Manufacturer, "DeepRadScore synthetic cohort", file);
    put(ds, DCM_InstitutionName, identity.institution, file);
}

void save(DcmFileFormat& format, const std::string& path) {
    writeAtomically(path, "the DICOM file",
                    [&format](const std::string& temporary) { return saveDicomFile(format, temporary); });
}

}  // namespace

std::string uidFromKey(const std::string& key) {
    const std::string digest = sha256("drs-synthetic-uid\x1f" + key);
    // The first 120 bits of the digest as a decimal number (schoolbook base conversion).
    std::vector<int> decimalDigits{0};  // least significant first
    for (int i = 0; i < 30; ++i) {
        int carry = std::stoi(digest.substr(i, 1), nullptr, 16);
        for (auto& digit : decimalDigits) {
            const int value = digit * 16 + carry;
            digit = value % 10;
            carry = value / 10;
        }
        for (; carry > 0; carry /= 10) decimalDigits.push_back(carry % 10);
    }
    std::string decimal;
    for (auto it = decimalDigits.rbegin(); it != decimalDigits.rend(); ++it) decimal += static_cast<char>('0' + *it);
    return "2.25." + decimal;
}

std::vector<std::string> writeCtSeries(const Volume& volume, const CentreProtocol& protocol,
                                       const DicomIdentity& identity, const std::string& folder) {
    std::error_code error;
    fs::create_directories(fs::u8path(folder), error);
    if (error) throw Error(folder + ": cannot create the folder: " + error.message());
    const Geometry& g = volume.geometry;
    const auto [nx, ny, nz] = g.sizeXyz;
    const double intercept = protocol.signedPixels ? 0.0 : -1024.0;
    std::vector<std::string> sopInstanceUids;
    std::vector<Uint16> pixels(static_cast<std::size_t>(nx * ny));
    for (std::int64_t z = 0; z < nz; ++z) {
        char name[32];
        std::snprintf(name, sizeof name, "CT%04d.dcm", static_cast<int>(z + 1));
        const std::string path = (fs::u8path(folder) / name).string();
        const std::string sopInstanceUid = uidFromKey(identity.seriesInstanceUid + "/slice/" + std::to_string(z));
        DcmFileFormat format;
        DcmDataset& ds = *format.getDataset();
        put(ds, DCM_SOPClassUID, UID_CTImageStorage, path);
        put(ds, DCM_SOPInstanceUID, sopInstanceUid, path);
        putPatientAndStudy(ds, identity, path);
        put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL", path);
        put(ds, DCM_Modality, "CT", path);
        put(ds, DCM_SeriesInstanceUID, identity.seriesInstanceUid, path);
        put(ds, DCM_SeriesNumber, "1", path);
        put(ds, DCM_SeriesDescription, "Chest " + decimalString(protocol.sliceMm) + "mm " + protocol.kernelName, path);
        put(ds, DCM_PatientPosition, "HFS", path);
        put(ds, DCM_FrameOfReferenceUID, identity.frameOfReferenceUid, path);
        put(ds, DCM_PositionReferenceIndicator, "", path);
        put(ds, DCM_InstanceNumber, std::to_string(z + 1), path);
        put(ds, DCM_AcquisitionNumber, "1", path);
        put(ds, DCM_ContentDate, identity.studyDate, path);
        put(ds, DCM_ContentTime, "093000", path);
        put(ds, DCM_KVP, "120", path);
        put(ds, DCM_ConvolutionKernel, protocol.kernelName, path);
        put(ds, DCM_SliceThickness, decimalString(protocol.sliceMm), path);
        put(ds, DCM_PixelSpacing, decimalString(g.spacingMm[1]) + "\\" + decimalString(g.spacingMm[0]), path);
        put(ds, DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0", path);
        const auto position = g.physicalPointMm(0, 0, static_cast<double>(z));
        put(ds, DCM_ImagePositionPatient,
            decimalString(position[0]) + "\\" + decimalString(position[1]) + "\\" + decimalString(position[2]), path);
        put(ds, DCM_SliceLocation, decimalString(position[2]), path);
        put(ds, DCM_SamplesPerPixel, "1", path);
        put(ds, DCM_PhotometricInterpretation, "MONOCHROME2", path);
        ds.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(ny));
        ds.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(nx));
        ds.putAndInsertUint16(DCM_BitsAllocated, 16);
        ds.putAndInsertUint16(DCM_BitsStored, 16);
        ds.putAndInsertUint16(DCM_HighBit, 15);
        ds.putAndInsertUint16(DCM_PixelRepresentation, protocol.signedPixels ? 1 : 0);
        put(ds, DCM_RescaleIntercept, decimalString(intercept), path);
        put(ds, DCM_RescaleSlope, decimalString(protocol.rescaleSlope), path);
        put(ds, DCM_RescaleType, "HU", path);
        put(ds, DCM_WindowCenter, "-600", path);
        put(ds, DCM_WindowWidth, "1500", path);
        for (std::int64_t y = 0; y < ny; ++y) {
            for (std::int64_t x = 0; x < nx; ++x) {
                const double stored = std::round((volume.at(x, y, z) - intercept) / protocol.rescaleSlope);
                pixels[static_cast<std::size_t>(y * nx + x)] = protocol.signedPixels
                                                                   ? static_cast<Uint16>(static_cast<Sint16>(stored))
                                                                   : static_cast<Uint16>(stored);
            }
        }
        if (ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size())).bad())
            throw Error(path + ": cannot store the pixel data");
        save(format, path);
        sopInstanceUids.push_back(sopInstanceUid);
    }
    return sopInstanceUids;
}

void writeRtStruct(const LabelMap& mask, const std::string& roiName, const DicomIdentity& identity,
                   const std::vector<std::string>& sliceSopInstanceUids, const std::string& path) {
    const Geometry& g = mask.geometry;
    if (sliceSopInstanceUids.size() != static_cast<std::size_t>(g.sizeXyz[2]))
        throw Error(path + ": " + std::to_string(sliceSopInstanceUids.size()) + " slice UIDs for a mask of " +
                    std::to_string(g.sizeXyz[2]) + " slices");
    DcmFileFormat format;
    DcmDataset& ds = *format.getDataset();
    put(ds, DCM_SOPClassUID, UID_RTStructureSetStorage, path);
    put(ds, DCM_SOPInstanceUID, uidFromKey(identity.seriesInstanceUid + "/rtstruct/instance"), path);
    putPatientAndStudy(ds, identity, path);
    put(ds, DCM_Modality, "RTSTRUCT", path);
    put(ds, DCM_SeriesInstanceUID, uidFromKey(identity.seriesInstanceUid + "/rtstruct/series"), path);
    put(ds, DCM_SeriesNumber, "2", path);
    put(ds, DCM_SeriesDescription, "Tumour contours", path);
    put(ds, DCM_InstanceNumber, "1", path);
    put(ds, DCM_StructureSetLabel, roiName, path);
    put(ds, DCM_StructureSetDate, identity.studyDate, path);
    put(ds, DCM_StructureSetTime, "100000", path);
    put(ds, DCM_OperatorsName, "", path);

    DcmItem* frame = nullptr;
    ds.findOrCreateSequenceItem(DCM_ReferencedFrameOfReferenceSequence, frame, -2);
    put(*frame, DCM_FrameOfReferenceUID, identity.frameOfReferenceUid, path);
    DcmItem* study = nullptr;
    frame->findOrCreateSequenceItem(DCM_RTReferencedStudySequence, study, -2);
    put(*study, DCM_ReferencedSOPClassUID, "1.2.840.10008.3.1.2.3.1", path);  // Study Component Management
    put(*study, DCM_ReferencedSOPInstanceUID, identity.studyInstanceUid, path);
    DcmItem* series = nullptr;
    study->findOrCreateSequenceItem(DCM_RTReferencedSeriesSequence, series, -2);
    put(*series, DCM_SeriesInstanceUID, identity.seriesInstanceUid, path);
    for (const auto& uid : sliceSopInstanceUids) {
        DcmItem* image = nullptr;
        series->findOrCreateSequenceItem(DCM_ContourImageSequence, image, -2);
        put(*image, DCM_ReferencedSOPClassUID, UID_CTImageStorage, path);
        put(*image, DCM_ReferencedSOPInstanceUID, uid, path);
    }

    DcmItem* roi = nullptr;
    ds.findOrCreateSequenceItem(DCM_StructureSetROISequence, roi, -2);
    put(*roi, DCM_ROINumber, "1", path);
    put(*roi, DCM_ReferencedFrameOfReferenceUID, identity.frameOfReferenceUid, path);
    put(*roi, DCM_ROIName, roiName, path);
    put(*roi, DCM_ROIGenerationAlgorithm, "MANUAL", path);

    DcmItem* roiContour = nullptr;
    ds.findOrCreateSequenceItem(DCM_ROIContourSequence, roiContour, -2);
    put(*roiContour, DCM_ROIDisplayColor, "255\\64\\0", path);
    put(*roiContour, DCM_ReferencedROINumber, "1", path);
    int contourNumber = 0;
    for (std::int64_t z = 0; z < g.sizeXyz[2]; ++z) {
        for (const auto& outline : traceSliceOutlines(mask, z)) {
            DcmItem* contour = nullptr;
            roiContour->findOrCreateSequenceItem(DCM_ContourSequence, contour, -2);
            DcmItem* image = nullptr;
            contour->findOrCreateSequenceItem(DCM_ContourImageSequence, image, -2);
            put(*image, DCM_ReferencedSOPClassUID, UID_CTImageStorage, path);
            put(*image, DCM_ReferencedSOPInstanceUID, sliceSopInstanceUids[static_cast<std::size_t>(z)], path);
            put(*contour, DCM_ContourNumber, std::to_string(++contourNumber), path);
            put(*contour, DCM_ContourGeometricType, "CLOSED_PLANAR", path);
            put(*contour, DCM_NumberOfContourPoints, std::to_string(outline.size()), path);
            std::string data;
            for (const auto& corner : outline) {
                const auto point = g.physicalPointMm(corner[0], corner[1], static_cast<double>(z));
                for (double coordinate : point) data += (data.empty() ? "" : "\\") + decimalString(coordinate);
            }
            put(*contour, DCM_ContourData, data, path);
        }
    }
    if (contourNumber == 0) throw Error(path + ": the ROI " + roiName + " is empty; nothing to contour");

    DcmItem* observation = nullptr;
    ds.findOrCreateSequenceItem(DCM_RTROIObservationsSequence, observation, -2);
    put(*observation, DCM_ObservationNumber, "1", path);
    put(*observation, DCM_ReferencedROINumber, "1", path);
    put(*observation, DCM_RTROIInterpretedType, "GTV", path);
    put(*observation, DCM_ROIInterpreter, "", path);
    save(format, path);
}

}  // namespace drs::synthetic
