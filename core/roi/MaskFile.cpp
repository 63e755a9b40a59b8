#include "core/roi/MaskFile.h"

#include "core/image/ImageIO.h"
#include "core/roi/DicomMask.h"
#include "core/roi/SlicerSegmentation.h"
#include "core/util/Error.h"

namespace drs {

std::vector<std::string> maskRoiNames(const std::string& path) {
    if (isDicomFile(path)) return dicomMaskRoiNames(path);
    std::vector<std::string> names;
    if (isSlicerSegmentation(path))
        for (const auto& segment : slicerSegments(path)) names.push_back(segment.name);
    return names;
}

MaskOnGrid readMaskOnGrid(const std::string& path, const std::string& roiName, const Geometry& grid,
                          const std::string& imageFrameOfReferenceUid) {
    MaskOnGrid mask;
    const std::size_t namedRois = maskRoiNames(path).size();
    mask.oneRoi = namedRois == 1 || (namedRois > 1 && !roiName.empty());
    if (isDicomFile(path)) {
        mask.kind = dicomModalityOf(path) == "SEG" ? "seg" : "rtstruct";
        mask.labels = readDicomMask(path, roiName, grid, imageFrameOfReferenceUid);
        return mask;
    }
    mask.kind = "labelmap";
    if (namedRois > 0) {
        mask.labels = readSlicerSegmentation(path, roiName, grid);
        if (!mask.oneRoi)
            for (const SlicerSegment& segment : slicerSegments(path))
                mask.namesByLabel[segment.labelValue] = segment.name;
        return mask;
    }
    mask.labels = readLabelMap(path);
    if (const std::string mismatch = geometryMismatch(grid, mask.labels.geometry); !mismatch.empty()) {
        std::string why;
        std::optional<LabelMap> aligned = alignedOnto(mask.labels, grid, why);
        if (!aligned) throw Error(path + ": mask does not match the image: " + mismatch);
        mask.labels = std::move(*aligned);
    }
    return mask;
}

Volume readStudyForMask(const std::string& studyPath, const std::string& maskPath, ReadOptions options,
                        StudyInfo* info) {
    if (options.seriesInstanceUid.empty() && !maskPath.empty() && isDicomFile(maskPath))
        options.maskSeriesUids = dicomMaskReferencedSeries(maskPath);
    return readVolume(studyPath, options, info);
}

}  // namespace drs
