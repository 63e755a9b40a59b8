#include "core/project/Rois.h"

#include <filesystem>
#include <random>

#include "core/image/ImageIO.h"
#include "core/project/Statement.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::project {

namespace {

namespace fs = std::filesystem;

std::string fileSafe(const std::string& text) {
    std::string safe;
    for (unsigned char c : text) safe += std::isalnum(c) || c == '-' || c == '_' ? static_cast<char>(c) : '_';
    return safe;
}

// Two processes saving the same version at once must not write the same file: the loser's
// clean-up would delete the winner's mask.
std::string randomTag() {
    std::random_device device;
    char text[9];
    std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>(device()));
    return text;
}

// Reads rows of stale_runs or stale_features (with the patient's id) in the columns StaleUse holds.
std::vector<StaleUse> readStale(ProjectDb& db, const std::string& sql, const std::string& what) {
    Statement query(db, sql);
    query.run(what);
    std::vector<StaleUse> rows;
    while (query.next())
        rows.push_back({query.integer("owner_id"), query.integer("patient_id"), query.integer("roi_id"),
                        static_cast<int>(query.integer("used_version")),
                        static_cast<int>(query.integer("current_version"))});
    return rows;
}

}  // namespace

std::optional<RoiRow> RoiRepository::roi(std::int64_t roiId) {
    Statement query(db_,
                    "SELECT id, study_id, name, source_kind, source_sha256, mask_path, mask_sha256, voxel_count,"
                    " version FROM rois WHERE id = :roi");
    query.bind(":roi", roiId).run("read ROI " + std::to_string(roiId));
    if (!query.next()) return std::nullopt;
    return RoiRow{query.integer("id"),       query.integer("study_id"),    query.text("name"),
                  query.text("source_kind"), query.text("source_sha256"),  query.text("mask_path"),
                  query.text("mask_sha256"), query.integer("voxel_count"), static_cast<int>(query.integer("version"))};
}

std::vector<RoiVersionRow> RoiRepository::versions(std::int64_t roiId) {
    Statement query(db_,
                    "SELECT roi_id, version, source_kind, source_sha256, mask_path, mask_sha256, voxel_count, reason,"
                    " created_at FROM roi_versions WHERE roi_id = :roi ORDER BY version");
    query.bind(":roi", roiId).run("list the versions of ROI " + std::to_string(roiId));
    std::vector<RoiVersionRow> rows;
    while (query.next())
        rows.push_back({query.integer("roi_id"), static_cast<int>(query.integer("version")), query.text("source_kind"),
                        query.text("source_sha256"), query.text("mask_path"), query.text("mask_sha256"),
                        query.integer("voxel_count"), query.text("reason"), query.text("created_at")});
    return rows;
}

std::optional<CaseFiles> RoiRepository::caseOf(std::int64_t patientId) {
    for (const CaseFiles& c : CohortRepository(db_).caseFiles())
        if (c.patientId == patientId) return c;
    return std::nullopt;
}

int RoiRepository::saveVersion(std::int64_t roiId, int baseVersion, const LabelMap& mask, const std::string& sourceKind,
                               const std::string& reason) {
    Statement query(db_,
                    "SELECT r.version, r.name, s.size_x, s.size_y, s.size_z, p.pseudonym FROM rois r"
                    " JOIN studies s ON s.id = r.study_id JOIN patients p ON p.id = s.patient_id WHERE r.id = :roi");
    query.bind(":roi", roiId).run("read ROI " + std::to_string(roiId));
    if (!query.next()) throw Error(db_.path() + ": no ROI " + std::to_string(roiId));
    const int current = static_cast<int>(query.integer("version"));
    const std::string name = query.text("name");
    const std::array<std::int64_t, 3> studySize{query.integer("size_x"), query.integer("size_y"),
                                                query.integer("size_z")};
    const std::string pseudonym = query.text("pseudonym");
    query.finish();
    const auto refused = [&](const std::string& why) {
        return Error(db_.path() + ": ROI '" + name + "' of " + pseudonym + ": " + why + "; nothing was saved");
    };
    if (current != baseVersion)
        throw refused("version " + std::to_string(current) + " was saved since you opened version " +
                      std::to_string(baseVersion) + "; open it again, or export your edit first");
    if (mask.geometry.sizeXyz != studySize) throw refused("the mask does not have the study's size");
    LabelMap binary(mask.geometry, 0);
    std::int64_t voxels = 0;
    for (std::size_t i = 0; i < mask.voxels.size(); ++i) {
        binary.voxels[i] = mask.voxels[i] != 0 ? 1 : 0;
        voxels += binary.voxels[i];
    }
    if (voxels == 0) throw refused("the outline is empty");

    const int version = current + 1;
    const std::string relative =
        "masks/" + pseudonym + "_" + fileSafe(name) + "_v" + std::to_string(version) + "_" + randomTag() + ".nii.gz";
    const std::string absolute = db_.absoluteFilePath(relative);
    std::error_code error;
    fs::create_directories(fs::u8path(absolute).parent_path(), error);
    if (error) throw refused("cannot create " + fs::u8path(absolute).parent_path().string() + ": " + error.message());
    writeLabelMap(binary, absolute);
    try {
        const std::string maskSha = sha256File(absolute);
        Transaction transaction(db_);
        Statement update(
            db_,
            "UPDATE rois SET version = :version, source_kind = :source_kind, source_sha256 = :source_sha256,"
            " mask_path = :mask_path, mask_sha256 = :mask_sha256, voxel_count = :voxel_count"
            " WHERE id = :roi AND version = :base_version");
        update.bind(":version", version)
            .bind(":source_kind", sourceKind)
            .bind(":source_sha256", maskSha)
            .bind(":mask_path", relative)
            .bind(":mask_sha256", maskSha)
            .bind(":voxel_count", voxels)
            .bind(":roi", roiId)
            .bind(":base_version", baseVersion)
            .run("make version " + std::to_string(version) + " of ROI " + name + " current");
        if (update.rowsAffected() != 1) throw refused("another version was saved at the same moment");
        Statement(db_,
                  "INSERT INTO roi_versions(roi_id, version, source_kind, source_sha256, mask_path, mask_sha256,"
                  " voxel_count, reason, created_at) VALUES (:roi, :version, :source_kind, :source_sha256, :mask_path,"
                  " :mask_sha256, :voxel_count, :reason, :at)")
            .bind(":roi", roiId)
            .bind(":version", version)
            .bind(":source_kind", sourceKind)
            .bind(":source_sha256", maskSha)
            .bind(":mask_path", relative)
            .bind(":mask_sha256", maskSha)
            .bind(":voxel_count", voxels)
            .bind(":reason", reason)
            .bind(":at", utcNow())
            .run("record version " + std::to_string(version) + " of ROI " + name);
        transaction.commit();
    } catch (...) {
        fs::remove(fs::u8path(absolute), error);
        throw;
    }
    return version;
}

void RoiRepository::recordUse(std::int64_t runId, const std::vector<std::int64_t>& featureSetIds,
                              const CaseFiles& use) {
    Transaction transaction(db_);
    Statement(db_,
              "INSERT INTO run_rois(run_id, roi_id, roi_version) VALUES (:run, :roi, :version)"
              " ON CONFLICT(run_id, roi_id) DO UPDATE SET roi_version = excluded.roi_version")
        .bind(":run", runId)
        .bind(":roi", use.roiId)
        .bind(":version", use.roiVersion)
        .run("record the ROI version run " + std::to_string(runId) + " used");
    Statement features(db_,
                       "INSERT INTO feature_rois(feature_set_id, patient_id, roi_id, roi_version)"
                       " VALUES (:set, :patient, :roi, :version) ON CONFLICT(feature_set_id, patient_id)"
                       " DO UPDATE SET roi_id = excluded.roi_id, roi_version = excluded.roi_version");
    for (std::int64_t set : featureSetIds)
        features.bind(":set", set)
            .bind(":patient", use.patientId)
            .bind(":roi", use.roiId)
            .bind(":version", use.roiVersion)
            .run("record the ROI version of the features");
    Statement(db_, "UPDATE regions SET roi_version = :version WHERE roi_id = :roi")
        .bind(":version", use.roiVersion)
        .bind(":roi", use.roiId)
        .run("record the ROI version of the regions");
    transaction.commit();
}

std::vector<StaleUse> RoiRepository::staleRuns() {
    return readStale(
        db_,
        "SELECT v.run_id AS owner_id, s.patient_id, v.roi_id, v.used_version, v.current_version FROM stale_runs v"
        " JOIN rois r ON r.id = v.roi_id JOIN studies s ON s.id = r.study_id ORDER BY v.run_id, s.patient_id",
        "list stale runs");
}

std::vector<StaleUse> RoiRepository::staleFeatures() {
    return readStale(db_,
                     "SELECT feature_set_id AS owner_id, patient_id, roi_id, used_version, current_version"
                     " FROM stale_features"
                     " ORDER BY feature_set_id, patient_id",
                     "list stale feature values");
}

bool RoiRepository::isRunStale(std::int64_t runId) {
    Statement query(db_, "SELECT 1 FROM stale_runs WHERE run_id = :run LIMIT 1");
    query.bind(":run", runId).run("check run " + std::to_string(runId) + " for superseded ROIs");
    return query.next();
}

}  // namespace drs::project
