#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <optional>

#include "app/cli/Command.h"
#include "core/image/ImageIO.h"
#include "core/roi/DicomMask.h"
#include "core/roi/SlicerSegmentation.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

QJsonArray triple(const std::array<double, 3>& v) { return {v[0], v[1], v[2]}; }

// The type SimpleITK reads the image as, in numpy's words.
QString voxelTypeName(StoredVoxel type) {
    switch (type) {
    case StoredVoxel::Float32: return "float32";
    case StoredVoxel::Float64: return "float64";
    case StoredVoxel::Int8: return "int8";
    case StoredVoxel::UInt8: return "uint8";
    case StoredVoxel::Int16: return "int16";
    case StoredVoxel::UInt16: return "uint16";
    case StoredVoxel::Int32: return "int32";
    case StoredVoxel::UInt32: return "uint32";
    case StoredVoxel::Int64: return "int64";
    case StoredVoxel::UInt64: return "uint64";
    }
    return "float32";
}

QJsonArray texts(const std::vector<std::string>& values) {
    QJsonArray array;
    for (const std::string& value : values) array.append(QString::fromStdString(value));
    return array;
}

// The RTSTRUCT and SEG files of a DICOM folder, each with its ROIs and the series it is drawn on.
QJsonArray roiFilesOf(const std::string& folder, const StudyInfo& info) {
    QJsonArray files;
    // Absolute on both sides: a relative folder's files are listed under its relative path.
    const QDir where(QFileInfo(QString::fromStdString(folder)).absoluteFilePath());
    for (const DicomRoiFile& file : describeDicomRoiFiles(info.roiFiles)) {
        QJsonObject entry{
            {"file", where.relativeFilePath(QFileInfo(QString::fromStdString(file.path)).absoluteFilePath())}};
        if (!file.problem.empty()) {
            entry["problem"] = QString::fromStdString(file.problem);
        } else {
            entry["modality"] = QString::fromStdString(file.modality);
            entry["rois"] = texts(file.roiNames);
            entry["series_instance_uids"] = texts(file.seriesUids);
            entry["drawn_on_series_read"] =
                std::count(file.seriesUids.begin(), file.seriesUids.end(), info.seriesInstanceUid) > 0;
        }
        files.append(entry);
    }
    return files;
}

// The 3D Slicer segmentations kept with the study (in a DICOM folder, or beside an image file), with
// their segments when their voxels are the image's, else why they cannot outline it.
QJsonArray slicerSegmentationsWith(const std::string& study, const Geometry& grid) {
    QJsonArray files;
    const QFileInfo studyInfo(QString::fromStdString(study));
    const QDir where(studyInfo.isDir() ? studyInfo.absoluteFilePath() : studyInfo.absolutePath());
    for (const SlicerSegmentationFile& file : slicerSegmentationsOf(study, grid)) {
        QJsonObject entry{
            {"file", where.relativeFilePath(QFileInfo(QString::fromStdString(file.path)).absoluteFilePath())}};
        if (file.problem.empty())
            entry["segments"] = texts(file.segmentNames);
        else
            entry["problem"] = QString::fromStdString(file.problem);
        files.append(entry);
    }
    return files;
}

int runInfo(const Args& args) {
    args.allowOnly({"series", "out", "key-file"});
    if (args.positional().size() != 1) throw Error("usage: drs info STUDY");
    const std::string path = args.positional().front();
    QJsonObject json;
    QJsonArray series;
    if (isDirectory(path)) {
        for (const auto& s : listDicomSeries(path)) {
            series.append(QJsonObject{{"series_instance_uid", QString::fromStdString(s.seriesInstanceUid)},
                                      {"description", QString::fromStdString(s.description)},
                                      {"modality", QString::fromStdString(s.modality)},
                                      {"files", static_cast<qint64>(s.fileCount)},
                                      {"subfolder", QString::fromStdString(s.subfolder)}});
        }
    }
    ReadOptions options;
    options.seriesInstanceUid = args.valueOr("series", "");
    // Only a DICOM study names its patient; only then is a site key needed (and made on first use).
    std::optional<SiteKey> key;
    if (isDirectory(path)) options.siteKey = &key.emplace(loadSiteKey(args.valueOr("key-file", "")));
    StudyInfo info;
    const Volume volume = readVolume(path, options, &info);
    const Geometry& g = volume.geometry;
    QJsonArray direction;
    for (double d : g.direction) direction.append(d);
    json["path"] = QString::fromStdString(path);
    json["size"] = QJsonArray{static_cast<qint64>(g.sizeXyz[0]), static_cast<qint64>(g.sizeXyz[1]),
                              static_cast<qint64>(g.sizeXyz[2])};
    json["spacing"] = triple(g.spacingMm);
    json["origin"] = triple(g.originMm);
    json["direction"] = direction;
    json["voxel_type"] = voxelTypeName(volume.stored);
    if (info.largestSliceShiftMm > 0)
        json["gantry_tilt"] =
            QJsonObject{{"degrees", info.gantryTiltDegrees}, {"largest_slice_shift_mm", info.largestSliceShiftMm}};
    json["modality"] = QString::fromStdString(info.modality);
    json["series_instance_uid"] = QString::fromStdString(info.seriesInstanceUid);
    json["series_description"] = QString::fromStdString(info.seriesDescription);
    if (!info.pseudonym.empty()) json["patient_pseudonym"] = QString::fromStdString(info.pseudonym);
    json["series"] = series;
    if (isDirectory(path)) json["roi_files"] = roiFilesOf(path, info);
    json["slicer_segmentations"] = slicerSegmentationsWith(path, g);
    writeOutput(args, QJsonDocument(json).toJson(QJsonDocument::Indented).toStdString());
    return 0;
}

const Registrar registrar(
    {"info",
     "geometry, voxel type and series of a study (DICOM folder, NIfTI, NRRD) as JSON (a series acquired with its "
     "gantry tilted: the tilt, its slices placed where they were acquired), with a DICOM folder's "
     "RTSTRUCT and SEG files (their ROIs and the series they are drawn on) and the 3D Slicer segmentations "
     "kept with it (their segments, or why they do not fit the image)",
     "STUDY [--series UID] [--key-file SITE.key] [--out FILE.json]",
     {},
     runInfo});

}  // namespace
}  // namespace drs::cli
