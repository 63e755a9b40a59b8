// RTSTRUCT writing with dcmdata directly: dcmrt's IOD classes read well, but building the nested
// sequences through them takes more code than the dataset itself.
#include "core/roi/RtStructExport.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/oflog/oflog.h>

#include <QDateTime>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/image/DicomWrite.h"
#include "core/roi/Contours.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

// The retired Detached Study Management SOP Class: what RT Referenced Study Sequence items conventionally name.
constexpr const char* kStudyReferenceClass = "1.2.840.10008.3.1.2.3.1";

std::string decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", std::abs(value) < 1e-9 ? 0.0 : value);
    return text;
}

class DatasetWriter {
public:
    explicit DatasetWriter(std::string path) : path_(std::move(path)) {}
    void put(DcmItem& item, const DcmTagKey& tag, const std::string& value) {
        if (item.putAndInsertString(tag, value.c_str()).bad())
            throw Error(path_ + ": cannot store " + std::string(DcmTag(tag).getTagName()));
    }
    DcmItem& append(DcmItem& parent, const DcmTagKey& sequence) {
        DcmItem* item = nullptr;
        if (parent.findOrCreateSequenceItem(sequence, item, -2).bad() || !item)
            throw Error(path_ + ": cannot add to " + std::string(DcmTag(sequence).getTagName()));
        return *item;
    }

private:
    std::string path_;
};

void copyFromSource(DcmDataset& target, const std::string& sourceFile, const std::string& path) {
    DcmFileFormat source;
    if (source.loadFile(sourceFile.c_str(), EXS_Unknown, EGL_noChange, 1024).bad())
        throw Error(path + ": cannot read the source image " + sourceFile);
    DcmDataset& from = *source.getDataset();
    for (const DcmTagKey& tag : {DCM_SpecificCharacterSet, DCM_PatientName, DCM_PatientID, DCM_PatientBirthDate,
                                 DCM_PatientSex, DCM_StudyInstanceUID, DCM_StudyDate, DCM_StudyTime,
                                 DCM_ReferringPhysicianName, DCM_StudyID, DCM_AccessionNumber, DCM_StudyDescription}) {
        DcmElement* element = nullptr;
        if (from.findAndGetElement(tag, element).good() && element)
            target.insert(dynamic_cast<DcmElement*>(element->clone()), true);
    }
}

}  // namespace

void writeRtStruct(const LabelMap& mask, const std::vector<RoiToExport>& rois, const SourceSeries& source,
                   const RoiExportInfo& info, const std::string& path) {
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    const Geometry& g = mask.geometry;
    if (rois.empty()) throw Error(path + ": nothing to export (no ROI chosen)");
    if (source.isDicom() && static_cast<std::int64_t>(source.slices.size()) != g.sizeXyz[2])
        throw Error(path + ": the source series does not have one image per slice of the mask");
    DatasetWriter w(path);
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();

    const QDateTime now = QDateTime::currentDateTime();
    const std::string date = now.toString(QStringLiteral("yyyyMMdd")).toStdString();
    const std::string time = now.toString(QStringLiteral("HHmmss")).toStdString();
    if (source.isDicom()) {
        copyFromSource(ds, source.firstFile, path);
    } else {
        w.put(ds, DCM_PatientName, info.patientName);
        w.put(ds, DCM_PatientID, info.patientId);
        w.put(ds, DCM_PatientBirthDate, "");
        w.put(ds, DCM_PatientSex, "");
        w.put(ds, DCM_StudyInstanceUID, source.studyInstanceUid);
        w.put(ds, DCM_StudyDate, date);
        w.put(ds, DCM_StudyTime, time);
        w.put(ds, DCM_ReferringPhysicianName, "");
        w.put(ds, DCM_StudyID, "");
        w.put(ds, DCM_AccessionNumber, "");
    }
    w.put(ds, DCM_SOPClassUID, UID_RTStructureSetStorage);
    w.put(ds, DCM_SOPInstanceUID, newDicomUid());
    w.put(ds, DCM_Modality, "RTSTRUCT");
    w.put(ds, DCM_SeriesInstanceUID, newDicomUid());
    w.put(ds, DCM_SeriesNumber, "301");
    w.put(ds, DCM_SeriesDescription, info.seriesDescription);
    w.put(ds, DCM_OperatorsName, "");
    w.put(ds, DCM_Manufacturer, "DeepRadScore");
    w.put(ds, DCM_ManufacturerModelName, "DeepRadScore Studio");
    w.put(ds, DCM_SoftwareVersions, DRS_VERSION);
    w.put(ds, DCM_FrameOfReferenceUID, source.frameOfReferenceUid);
    w.put(ds, DCM_PositionReferenceIndicator, "");
    w.put(ds, DCM_InstanceNumber, "1");
    w.put(ds, DCM_StructureSetLabel, "ROI");
    w.put(ds, DCM_StructureSetDate, date);
    w.put(ds, DCM_StructureSetTime, time);

    DcmItem& frame = w.append(ds, DCM_ReferencedFrameOfReferenceSequence);
    w.put(frame, DCM_FrameOfReferenceUID, source.frameOfReferenceUid);
    if (source.isDicom()) {
        DcmItem& study = w.append(frame, DCM_RTReferencedStudySequence);
        w.put(study, DCM_ReferencedSOPClassUID, kStudyReferenceClass);
        w.put(study, DCM_ReferencedSOPInstanceUID, source.studyInstanceUid);
        DcmItem& series = w.append(study, DCM_RTReferencedSeriesSequence);
        w.put(series, DCM_SeriesInstanceUID, source.seriesInstanceUid);
        for (const auto& slice : source.slices) {
            DcmItem& image = w.append(series, DCM_ContourImageSequence);
            w.put(image, DCM_ReferencedSOPClassUID, slice.sopClassUid);
            w.put(image, DCM_ReferencedSOPInstanceUID, slice.sopInstanceUid);
        }
    }

    for (std::size_t r = 0; r < rois.size(); ++r) {
        const RoiToExport& roi = rois[r];
        const std::string number = std::to_string(r + 1);
        DcmItem& definition = w.append(ds, DCM_StructureSetROISequence);
        w.put(definition, DCM_ROINumber, number);
        w.put(definition, DCM_ReferencedFrameOfReferenceUID, source.frameOfReferenceUid);
        w.put(definition, DCM_ROIName, roi.name);
        w.put(definition, DCM_ROIGenerationAlgorithm, "MANUAL");

        DcmItem& contours = w.append(ds, DCM_ROIContourSequence);
        w.put(contours, DCM_ReferencedROINumber, number);
        w.put(contours, DCM_ROIDisplayColor, "255\\0\\0");
        std::size_t contourCount = 0;
        for (std::int64_t z = 0; z < g.sizeXyz[2]; ++z) {
            for (const OutlineXy& outline : sliceOutlines(mask, z, roi.label)) {
                DcmItem& contour = w.append(contours, DCM_ContourSequence);
                if (source.isDicom()) {
                    DcmItem& image = w.append(contour, DCM_ContourImageSequence);
                    w.put(image, DCM_ReferencedSOPClassUID, source.slices[static_cast<std::size_t>(z)].sopClassUid);
                    w.put(image, DCM_ReferencedSOPInstanceUID,
                          source.slices[static_cast<std::size_t>(z)].sopInstanceUid);
                }
                w.put(contour, DCM_ContourGeometricType, "CLOSED_PLANAR");
                w.put(contour, DCM_NumberOfContourPoints, std::to_string(outline.size()));
                std::string data;
                for (const auto& vertex : outline) {
                    const auto point = g.physicalPointMm(vertex[0], vertex[1], static_cast<double>(z));
                    for (double coordinate : point) data += (data.empty() ? "" : "\\") + decimal(coordinate);
                }
                w.put(contour, DCM_ContourData, data);
                ++contourCount;
            }
        }
        if (contourCount == 0)
            throw Error(path + ": ROI '" + roi.name + "' is empty (no voxel with label " + std::to_string(roi.label) +
                        ")");

        DcmItem& observation = w.append(ds, DCM_RTROIObservationsSequence);
        w.put(observation, DCM_ObservationNumber, number);
        w.put(observation, DCM_ReferencedROINumber, number);
        w.put(observation, DCM_RTROIInterpretedType, "GTV");
        w.put(observation, DCM_ROIInterpreter, "");
    }

    writeAtomically(path, "the RTSTRUCT",
                    [&file](const std::string& temporary) { return saveDicomFile(file, temporary); });
}

}  // namespace drs
