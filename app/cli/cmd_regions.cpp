#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/cli/Command.h"
#include "app/cli/cmd_deep_patches.h"
#include "core/image/ImageIO.h"
#include "core/roi/MaskFile.h"
#include "core/roi/Regions.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

QJsonArray jsonArray(const auto& values) {
    QJsonArray array;
    for (auto v : values) array.append(static_cast<double>(v));
    return array;
}

// The deep patch as a lung-window (W 1500, L -600) 8-bit picture, for eyes and reports.
std::vector<std::uint8_t> lungWindowPixels(const Volume& patch) {
    std::vector<std::uint8_t> pixels(patch.voxels.size());
    constexpr double lowHu = -600 - 750, highHu = -600 + 750;
    std::transform(patch.voxels.begin(), patch.voxels.end(), pixels.begin(), [](float hu) {
        const double scaled = (hu - lowHu) / (highHu - lowHu) * 255.0;
        return static_cast<std::uint8_t>(std::clamp(std::lround(scaled), 0L, 255L));
    });
    return pixels;
}

int runRegions(const Args& args) {
    args.allowOnly({"image", "mask", "roi", "label", "ring-mm", "patch", "patch-mm", "patch-fit", "out-dir", "series"});
    const std::string imagePath = args.value("image");
    const std::string maskPath = args.value("mask");
    const std::filesystem::path outDir = std::filesystem::u8path(args.value("out-dir"));
    RegionSettings settings;
    const long label = args.integer("label", 1);
    if (label < 1 || label > 65535) throw Error("--label must be in 1..65535");
    settings.label = static_cast<std::uint16_t>(label);
    settings.ringThicknessMm = args.number("ring-mm", 3.0);
    settings.patchSizePx = static_cast<int>(args.integer("patch", 160));
    if (settings.patchSizePx < 8 || settings.patchSizePx > 2048) throw Error("--patch must be in 8..2048 pixels");
    applyPatchFieldArgs(args, settings);

    ReadOptions options;
    options.seriesInstanceUid = args.valueOr("series", "");
    StudyInfo info;
    const Volume image = readStudyForMask(imagePath, maskPath, options, &info);
    const MaskOnGrid mask = readMaskOnGrid(maskPath, args.valueOr("roi", ""), image.geometry, info.frameOfReferenceUid);
    if (mask.oneRoi && !args.has("label")) settings.label = 1;
    const Regions regions = computeRegions(image, mask.labels, settings, maskPath);

    std::error_code error;
    std::filesystem::create_directories(outDir, error);
    if (error) throw Error(outDir.string() + ": cannot create the folder: " + error.message());
    writeLabelMap(regions.tumour, (outDir / "tumour.nii.gz").string());
    writeLabelMap(regions.ring, (outDir / "ring.nii.gz").string());
    writeVolume(regions.patch, (outDir / "patch.nii.gz").string());
    writeLabelMap(regions.patchMask, (outDir / "patch_mask.nii.gz").string());
    writeGreyPng(lungWindowPixels(regions.patch), settings.patchSizePx, settings.patchSizePx,
                 (outDir / "patch.png").string());

    const double voxelMm3 = image.geometry.voxelVolumeMm3();
    QJsonObject json{
        {"image", QString::fromStdString(imagePath)},
        {"mask", QString::fromStdString(maskPath)},
        {"label", static_cast<int>(settings.label)},
        {"ring_mm", settings.ringThicknessMm},
        {"patch_size", settings.patchSizePx},
        {"patch_spacing_mm", settings.patchSpacingMm ? QJsonValue(*settings.patchSpacingMm) : QJsonValue()},
        {"patch_tumour_extents", settings.patchTumourExtents ? QJsonValue(*settings.patchTumourExtents) : QJsonValue()},
        {"patch_pixel_mm", regions.patch.geometry.spacingMm[0]},
        {"largest_slice_extent_mm", regions.largestSliceExtentMm},
        {"largest_slice_index", static_cast<qint64>(regions.largestSliceZ)},
        {"largest_slice_centroid_index_xy", jsonArray(regions.sliceCentroidXy)},
        {"largest_slice_centroid_mm", jsonArray(regions.sliceCentroidMm)},
        {"tumour_centroid_mm", jsonArray(regions.tumourCentroidMm)},
        {"patch_origin_index_xy", jsonArray(regions.patchOriginXy)},
        {"voxel_counts", QJsonObject{{"tumour", static_cast<qint64>(regions.tumourVoxels)},
                                     {"ring", static_cast<qint64>(regions.ringVoxels)},
                                     {"patch_tumour", static_cast<qint64>(regions.patchTumourPixels)}}},
        {"volumes_mm3", QJsonObject{{"tumour", static_cast<double>(regions.tumourVoxels) * voxelMm3},
                                    {"ring", static_cast<double>(regions.ringVoxels) * voxelMm3}}},
        {"spacing_mm", jsonArray(image.geometry.spacingMm)},
    };
    writeTextAtomically((outDir / "regions.json").string(),
                        QJsonDocument(json).toJson(QJsonDocument::Indented).toStdString());
    return 0;
}

const Registrar registrar(
    {"regions",
     "tumour, 3 mm peritumoral ring and 160x160 deep patch of a study",
     "--image STUDY --mask MASK|RS.dcm|SEG.dcm|S.seg.nrrd [--roi NAME] [--label 1] [--ring-mm 3] [--patch 160] [--patch-mm MM | --patch-fit K] "
     "[--series UID] "
     "--out-dir DIR",
     {},
     runRegions});

}  // namespace
}  // namespace drs::cli
