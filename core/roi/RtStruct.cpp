// RTSTRUCT reading with DCMTK's dcmrt. Sequences are walked by index: DCMTK's gotoNextItem()
// reports success one step past the end and yields an empty item.
#include "core/roi/RtStruct.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmrt/drtstrct.h>
#include <dcmtk/oflog/oflog.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>

#include "core/util/Error.h"

namespace drs {

namespace {

struct Polygon {
    std::int64_t sliceZ = 0;
    std::vector<std::array<double, 2>> pointsXy;  // continuous voxel index coordinates
};

struct LoadedRtStruct {
    DcmFileFormat file;
    DRTStructureSetIOD structureSet;
};

void load(const std::string& path, LoadedRtStruct& loaded) {
    // dcmrt warns about every absent type-2 attribute; those are not the user's problem.
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    if (loaded.file.loadFile(path.c_str()).bad()) throw Error(path + ": not a readable DICOM file");
    OFString modality;
    loaded.file.getDataset()->findAndGetOFString(DCM_Modality, modality);
    if (modality != "RTSTRUCT")
        throw Error(path + ": not an RTSTRUCT (modality is '" + std::string(modality.c_str()) + "')");
    if (loaded.structureSet.read(*loaded.file.getDataset()).bad())
        throw Error(path + ": the RT structure set could not be read");
}

std::map<Sint32, std::size_t> contoursPerRoi(DRTStructureSetIOD& structureSet) {
    std::map<Sint32, std::size_t> counts;
    auto& roiContours = structureSet.getROIContourSequence();
    for (std::size_t i = 0; i < roiContours.getNumberOfItems(); ++i) {
        auto& item = roiContours.getItem(i);
        Sint32 number = 0;
        item.getReferencedROINumber(number);
        counts[number] += item.getContourSequence().getNumberOfItems();
    }
    return counts;
}

std::vector<RtStructRoi> roisOf(DRTStructureSetIOD& structureSet) {
    const auto counts = contoursPerRoi(structureSet);
    std::vector<RtStructRoi> rois;
    auto& sequence = structureSet.getStructureSetROISequence();
    for (std::size_t i = 0; i < sequence.getNumberOfItems(); ++i) {
        auto& item = sequence.getItem(i);
        RtStructRoi roi;
        Sint32 number = 0;
        item.getROINumber(number);
        OFString name;
        item.getROIName(name);
        OFString frame;
        item.getReferencedFrameOfReferenceUID(frame);
        roi.number = number;
        roi.name = name.c_str();
        roi.frameOfReferenceUid = frame.c_str();
        auto found = counts.find(number);
        roi.contourCount = found == counts.end() ? 0 : found->second;
        rois.push_back(roi);
    }
    return rois;
}

std::string namesOf(const std::vector<RtStructRoi>& rois) {
    std::string names;
    for (const auto& roi : rois) names += (names.empty() ? "'" : ", '") + roi.name + "'";
    return names.empty() ? "none" : names;
}

bool inside(const std::vector<std::array<double, 2>>& polygon, double x, double y) {
    bool in = false;
    const std::size_t n = polygon.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const auto& a = polygon[i];
        const auto& b = polygon[j];
        if ((a[1] > y) != (b[1] > y)) {
            const double crossingX = a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
            if (x < crossingX) in = !in;
        }
    }
    return in;
}

}  // namespace

std::vector<RtStructRoi> listRtStructRois(const std::string& path) {
    LoadedRtStruct loaded;
    load(path, loaded);
    return roisOf(loaded.structureSet);
}

LabelMap rasteriseRtStruct(const std::string& path, const std::string& roiName, const Geometry& grid,
                           const std::string& imageFrameOfReferenceUid) {
    LoadedRtStruct loaded;
    load(path, loaded);
    const auto rois = roisOf(loaded.structureSet);

    const RtStructRoi* chosen = nullptr;
    if (roiName.empty()) {
        std::vector<const RtStructRoi*> withContours;
        for (const auto& roi : rois)
            if (roi.contourCount) withContours.push_back(&roi);
        if (withContours.size() != 1)
            throw Error(path + ": defines " + std::to_string(withContours.size()) +
                        " ROIs with contours; choose one with --roi (ROIs: " + namesOf(rois) + ")");
        chosen = withContours.front();
    } else {
        for (const auto& roi : rois)
            if (roi.name == roiName) {
                if (chosen) throw Error(path + ": more than one ROI is named '" + roiName + "'");
                chosen = &roi;
            }
        if (!chosen) throw Error(path + ": no ROI named '" + roiName + "' (ROIs: " + namesOf(rois) + ")");
    }
    if (chosen->contourCount == 0) throw Error(path + ": ROI '" + chosen->name + "' has no contours");
    // Contours from another frame of reference may still fall on the grid, in the wrong place.
    if (!imageFrameOfReferenceUid.empty() && !chosen->frameOfReferenceUid.empty() &&
        chosen->frameOfReferenceUid != imageFrameOfReferenceUid)
        throw Error(path + ": ROI '" + chosen->name + "' is drawn in frame of reference " +
                    chosen->frameOfReferenceUid + ", the image series is in " + imageFrameOfReferenceUid +
                    "; the contours belong to another scan's coordinates");

    // Patient (LPS, mm) -> continuous index: inverse of origin + D * diag(spacing) * index.
    Eigen::Matrix3d indexToPhysical;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) indexToPhysical(r, c) = grid.direction[r * 3 + c] * grid.spacingMm[c];
    const Eigen::Matrix3d physicalToIndex = indexToPhysical.inverse();
    const Eigen::Vector3d origin(grid.originMm[0], grid.originMm[1], grid.originMm[2]);

    std::vector<Polygon> polygons;
    auto& roiContours = loaded.structureSet.getROIContourSequence();
    for (std::size_t i = 0; i < roiContours.getNumberOfItems(); ++i) {
        auto& item = roiContours.getItem(i);
        Sint32 number = 0;
        item.getReferencedROINumber(number);
        if (number != chosen->number) continue;
        auto& contours = item.getContourSequence();
        for (std::size_t c = 0; c < contours.getNumberOfItems(); ++c) {
            auto& contour = contours.getItem(c);
            OFString type;
            contour.getContourGeometricType(type);
            OFVector<Float64> data;
            contour.getContourData(data);
            if (data.size() < 9 || data.size() % 3 != 0) continue;  // a point or a line encloses nothing
            if (type != "CLOSED_PLANAR")
                throw Error(path + ": ROI '" + chosen->name + "' has a contour of type '" + std::string(type.c_str()) +
                            "'; only CLOSED_PLANAR contours can be rasterised");
            Polygon polygon;
            double zSum = 0;
            for (std::size_t p = 0; p < data.size(); p += 3) {
                const Eigen::Vector3d index =
                    physicalToIndex * (Eigen::Vector3d(data[p], data[p + 1], data[p + 2]) - origin);
                polygon.pointsXy.push_back({index.x(), index.y()});
                zSum += index.z();
            }
            const double zIndex = zSum / static_cast<double>(data.size() / 3);
            polygon.sliceZ = std::llround(zIndex);
            if (std::abs(zIndex - static_cast<double>(polygon.sliceZ)) > 0.25)
                throw Error(path + ": a contour of ROI '" + chosen->name +
                            "' lies between the image's slices (index z " + std::to_string(zIndex) +
                            "); is this RTSTRUCT for another series?");
            if (polygon.sliceZ < 0 || polygon.sliceZ >= grid.sizeXyz[2]) continue;
            polygons.push_back(std::move(polygon));
        }
    }

    LabelMap mask(grid, 0);
    std::size_t filled = 0;
    for (const auto& polygon : polygons) {
        double minX = polygon.pointsXy[0][0], maxX = minX, minY = polygon.pointsXy[0][1], maxY = minY;
        for (const auto& p : polygon.pointsXy) {
            minX = std::min(minX, p[0]);
            maxX = std::max(maxX, p[0]);
            minY = std::min(minY, p[1]);
            maxY = std::max(maxY, p[1]);
        }
        const std::int64_t x0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil(minX)));
        const std::int64_t x1 =
            std::min<std::int64_t>(grid.sizeXyz[0] - 1, static_cast<std::int64_t>(std::floor(maxX)));
        const std::int64_t y0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil(minY)));
        const std::int64_t y1 =
            std::min<std::int64_t>(grid.sizeXyz[1] - 1, static_cast<std::int64_t>(std::floor(maxY)));
        for (std::int64_t y = y0; y <= y1; ++y)
            for (std::int64_t x = x0; x <= x1; ++x)
                if (inside(polygon.pointsXy, static_cast<double>(x), static_cast<double>(y)))
                    mask.at(x, y, polygon.sliceZ) ^= 1;  // even-odd across contours of one slice: holes
    }
    for (auto v : mask.voxels) filled += v;
    if (filled == 0)
        throw Error(path + ": ROI '" + chosen->name + "' covers no voxel of the image grid; is it for another series?");
    return mask;
}

}  // namespace drs
