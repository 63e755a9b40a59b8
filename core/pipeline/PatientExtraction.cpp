#include "core/pipeline/PatientExtraction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <filesystem>

#include "core/image/ImageIO.h"
#include "core/project/Rois.h"
#include "core/project/Runs.h"
#include "core/util/Hash.h"

namespace drs {

namespace {

std::string regionDetails(const Regions& regions) {
    const QJsonObject details{
        {"largest_slice_index", static_cast<qint64>(regions.largestSliceZ)},
        {"slice_centroid_mm",
         QJsonArray{regions.sliceCentroidMm[0], regions.sliceCentroidMm[1], regions.sliceCentroidMm[2]}},
        {"tumour_centroid_mm",
         QJsonArray{regions.tumourCentroidMm[0], regions.tumourCentroidMm[1], regions.tumourCentroidMm[2]}},
        {"patch_origin_index_xy",
         QJsonArray{static_cast<qint64>(regions.patchOriginXy[0]), static_cast<qint64>(regions.patchOriginXy[1])}},
        {"largest_slice_extent_mm", regions.largestSliceExtentMm},
        {"patch_pixel_mm", regions.patch.geometry.spacingMm[0]}};
    return QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString();
}

}  // namespace

PatientFeatures computePatient(const project::CaseFiles& files, const StudyOptions& options) {
    const Volume image = readVolume(files.imagePath);
    const LabelMap mask = readLabelMap(files.maskPath);
    PatientFeatures result;
    result.regions = computeRegions(image, mask, options.regions, files.maskPath);
    result.tumour = radiomics::extractFeatures(image, result.regions.tumour, 1, options.radiomics, options.wavelet);
    result.ring = radiomics::extractFeatures(image, result.regions.ring, 1, options.radiomics, options.wavelet);
    return result;
}

NamedValues namedValues(const std::vector<radiomics::Feature>& features) {
    NamedValues values;
    values.reserve(features.size());
    for (const auto& f : features) values.emplace_back(f.name, f.value);
    return values;
}

namespace {

// The paper's 3 mm ring keeps the names (and feature-set hashes) it had before rings could differ.
std::string ringSuffix(const RegionSettings& settings) {
    return settings.ringThicknessMm == RegionSettings{}.ringThicknessMm
               ? std::string()
               : "-" + formatDouble(settings.ringThicknessMm) + "mm";
}

}  // namespace

project::FeatureSetKey featureSetKey(const std::string& region, const StudyOptions& options) {
    std::string settings = options.radiomics.toJson() + (options.wavelet ? "+wavelet" : "");
    if (region == "ring") settings += ringSuffix(options.regions);
    return {region, sha256(settings), DRS_VERSION};
}

std::string stepOfPatient(std::int64_t patientId) { return "features:" + std::to_string(patientId); }

std::string regionFolderOf(const std::string& pseudonym) { return "regions/" + pseudonym; }

std::string patchFileOf(const std::string& pseudonym, const RegionSettings& settings) {
    std::string name = "patch";
    if (settings.patchTumourExtents) name += "-fit" + formatDouble(*settings.patchTumourExtents);
    if (settings.patchSpacingMm) name += "-" + formatDouble(*settings.patchSpacingMm) + "mm";
    return regionFolderOf(pseudonym) + "/" + name + ".nii.gz";
}

std::array<project::RegionRow, 3> writeRegionFiles(const Regions& regions, const RegionSettings& settings,
                                                   const std::string& pseudonym, const std::string& folder) {
    namespace fs = std::filesystem;
    fs::create_directories(fs::u8path(folder));
    const std::string relative = regionFolderOf(pseudonym) + "/";
    const std::string patch = patchFileOf(pseudonym, settings);
    const std::string patchPath = folder + "/" + fs::u8path(patch).filename().string();
    const std::string ring = "ring" + ringSuffix(settings) + ".nii.gz";
    writeLabelMap(regions.tumour, folder + "/tumour.nii.gz");
    writeLabelMap(regions.ring, folder + "/" + ring);
    writeVolume(regions.patch, patchPath);
    const double voxelMm3 = regions.tumour.geometry.voxelVolumeMm3();
    const std::string details = regionDetails(regions);
    return {project::RegionRow{0, 0, "tumour", relative + "tumour.nii.gz", sha256File(folder + "/tumour.nii.gz"),
                               static_cast<std::int64_t>(regions.tumourVoxels),
                               static_cast<double>(regions.tumourVoxels) * voxelMm3, details},
            project::RegionRow{0, 0, "ring", relative + ring, sha256File(folder + "/" + ring),
                               static_cast<std::int64_t>(regions.ringVoxels),
                               static_cast<double>(regions.ringVoxels) * voxelMm3, details},
            project::RegionRow{0, 0, "patch", patch, sha256File(patchPath),
                               static_cast<std::int64_t>(regions.patchTumourPixels), 0.0, details}};
}

void recordPatientStep(project::ProjectDb& db, std::int64_t runId, std::int64_t tumourSet, std::int64_t ringSet,
                       const project::CaseFiles& files, const std::array<project::RegionRow, 3>& regions,
                       const NamedValues& tumour, const NamedValues& ring) {
    project::CohortRepository cohort(db);
    project::FeatureRepository features(db);
    project::Transaction transaction(db);
    for (project::RegionRow region : regions) {
        region.roiId = files.roiId;
        cohort.saveRegion(region);
    }
    features.storeValues(tumourSet, files.patientId, tumour);
    features.storeValues(ringSet, files.patientId, ring);
    project::RoiRepository(db).recordUse(runId, {tumourSet, ringSet}, files);
    project::RunRepository(db).markStepDone(runId, stepOfPatient(files.patientId));
    transaction.commit();
}

}  // namespace drs
