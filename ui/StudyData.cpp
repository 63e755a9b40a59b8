#include "ui/StudyData.h"

#include <fstream>
#include <map>
#include <string_view>

#include "core/image/ImageIO.h"
#include "core/roi/DicomMask.h"
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

bool isDicomFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    char preamble[132] = {};
    return file.read(preamble, sizeof preamble) && std::string_view(preamble + 128, 4) == "DICM";
}

std::shared_ptr<LabelMap> loadMaskFor(const Volume& volume, const std::string& maskPath, Progress& progress,
                                      const std::string& roiName, const std::string& studyFrameOfReferenceUid) {
    progress.step(0.0, "reading mask " + maskPath);
    if (isDicomFile(maskPath)) {
        auto mask =
            std::make_shared<LabelMap>(readDicomMask(maskPath, roiName, volume.geometry, studyFrameOfReferenceUid));
        progress.step(1.0, "DICOM mask read");
        return mask;
    }
    auto mask = std::make_shared<LabelMap>(readLabelMap(maskPath));
    const std::string mismatch = geometryMismatch(volume.geometry, mask->geometry);
    if (!mismatch.empty()) throw Error(maskPath + ": mask does not fit the study: " + mismatch);
    progress.step(1.0, "mask read");
    return mask;
}

LoadedStudy loadStudy(const std::string& studyPath, const std::string& maskPath, Progress& progress,
                      const std::string& roiName) {
    LoadedStudy study;
    study.studyPath = studyPath;
    study.maskPath = maskPath;
    progress.step(0.0, "reading study " + studyPath);
    StudyInfo info;
    study.volume = std::make_shared<Volume>(readVolume(studyPath, {}, &info));
    study.frameOfReferenceUid = info.frameOfReferenceUid;
    if (!maskPath.empty()) {
        SubProgress maskProgress(progress, 0.8, 1.0);
        study.mask = loadMaskFor(*study.volume, maskPath, maskProgress, roiName, study.frameOfReferenceUid);
    }
    progress.step(1.0, "study read");
    return study;
}

}  // namespace drs::ui
