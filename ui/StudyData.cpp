#include "ui/StudyData.h"

#include <QCoreApplication>
#include <algorithm>
#include <map>

#include "core/image/ImageIO.h"
#include "core/roi/MaskFile.h"
#include "core/util/Error.h"

namespace drs::ui {

std::vector<LabelCount> labelsPresent(const LabelMap& mask) {
    std::map<std::uint16_t, std::size_t> counts;
    for (std::uint16_t value : mask.voxels)
        if (value != 0) ++counts[value];
    std::vector<LabelCount> labels;
    for (const auto& [label, voxels] : counts) labels.push_back({label, voxels});
    return labels;
}

void requireLabel(const LabelMap& mask, int label, const std::string& maskPath) {
    std::string present;
    for (const LabelCount& entry : labelsPresent(mask)) {
        if (entry.label == label) return;
        present += (present.empty() ? "" : ", ") + std::to_string(entry.label);
    }
    throw Error(maskPath + ": label " + std::to_string(label) +
                " is not present in the mask (labels present: " + (present.empty() ? "none" : present) + ")");
}

std::shared_ptr<LabelMap> loadMaskFor(const Volume& volume, const std::string& maskPath, Progress& progress,
                                      const std::string& roiName, const std::string& studyFrameOfReferenceUid) {
    progress.step(0.0, "reading mask " + maskPath);
    auto mask =
        std::make_shared<LabelMap>(readMaskOnGrid(maskPath, roiName, volume.geometry, studyFrameOfReferenceUid).labels);
    progress.step(1.0, "mask read");
    return mask;
}

std::vector<DicomRoiFile> roiFilesDrawnOn(const std::string& seriesInstanceUid,
                                          const std::vector<DicomRoiFile>& roiFiles) {
    std::vector<DicomRoiFile> drawnOn;
    for (const DicomRoiFile& file : roiFiles)
        if (!file.roiNames.empty() && std::count(file.seriesUids.begin(), file.seriesUids.end(), seriesInstanceUid) > 0)
            drawnOn.push_back(file);
    return drawnOn;
}

QString seriesChoiceText(const DicomSeriesSummary& series, const std::vector<DicomRoiFile>& roiFiles) {
    QString text = series.modality.empty() ? QStringLiteral("?") : QString::fromStdString(series.modality);
    if (!series.description.empty()) text += QStringLiteral(" '") + QString::fromStdString(series.description) + "'";
    text += QStringLiteral(", ") + QCoreApplication::translate("StudyData", "%n image(s)", "", int(series.fileCount));
    if (!series.subfolder.empty())
        text += QStringLiteral(", ") +
                QCoreApplication::translate("StudyData", "in %1").arg(QString::fromStdString(series.subfolder) + "/");
    text += QStringLiteral(" (") + QString::fromStdString(series.seriesInstanceUid) + ")";
    QStringList rois;
    for (const DicomRoiFile& file : roiFilesDrawnOn(series.seriesInstanceUid, roiFiles))
        for (const std::string& name : file.roiNames)
            rois << QString::fromStdString(name) + " (" + QString::fromStdString(file.modality) + ")";
    if (!rois.isEmpty())
        text += QStringLiteral("; ") + QCoreApplication::translate("StudyData", "outlines: %1").arg(rois.join(", "));
    return text;
}

LoadedStudy loadStudy(const std::string& studyPath, const std::string& maskPath, Progress& progress,
                      const std::string& roiName, const std::string& seriesInstanceUid) {
    LoadedStudy study;
    study.studyPath = studyPath;
    study.maskPath = maskPath;
    progress.step(0.0, "reading study " + studyPath);
    StudyInfo info;
    ReadOptions options;
    options.seriesInstanceUid = seriesInstanceUid;
    study.volume = std::make_shared<Volume>(readStudyForMask(studyPath, maskPath, options, &info));
    study.frameOfReferenceUid = info.frameOfReferenceUid;
    study.seriesInstanceUid = info.seriesInstanceUid;
    study.seriesDescription = info.seriesDescription;
    study.roiFiles = info.roiFiles;
    study.gantryTiltDegrees = info.gantryTiltDegrees;
    study.largestSliceShiftMm = info.largestSliceShiftMm;
    if (!maskPath.empty()) {
        SubProgress maskProgress(progress, 0.8, 1.0);
        study.mask = loadMaskFor(*study.volume, maskPath, maskProgress, roiName, study.frameOfReferenceUid);
    }
    progress.step(1.0, "study read");
    return study;
}

}  // namespace drs::ui
