#include "core/project/Rois.h"

#include <filesystem>
#include <random>

#include "core/image/ImageIO.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::project {

namespace {

namespace fs = std::filesystem;

QString q(const std::string& text) { return QString::fromStdString(text); }
std::string s(const QVariant& value) { return value.toString().toStdString(); }
QVariant id(std::int64_t value) { return QVariant::fromValue<qlonglong>(value); }

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

std::vector<StaleUse> readStale(ProjectDb& db, const std::string& sql, const std::string& what) {
    auto query = db.prepare(sql);
    db.run(query, what);
    std::vector<StaleUse> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toLongLong(),
                        query.value(3).toInt(), query.value(4).toInt()});
    return rows;
}

}  // namespace

std::optional<RoiRow> RoiRepository::roi(std::int64_t roiId) {
    auto query = db_.prepare(
        "SELECT id, study_id, name, source_kind, source_sha256, mask_path, mask_sha256, voxel_count, version FROM rois"
        " WHERE id = ?");
    query.addBindValue(id(roiId));
    db_.run(query, "read ROI " + std::to_string(roiId));
    if (!query.next()) return std::nullopt;
    return RoiRow{query.value(0).toLongLong(), query.value(1).toLongLong(), s(query.value(2)),
                  s(query.value(3)),           s(query.value(4)),           s(query.value(5)),
                  s(query.value(6)),           query.value(7).toLongLong(), query.value(8).toInt()};
}

std::vector<RoiVersionRow> RoiRepository::versions(std::int64_t roiId) {
    auto query = db_.prepare(
        "SELECT roi_id, version, source_kind, source_sha256, mask_path, mask_sha256, voxel_count, reason, created_at"
        " FROM roi_versions WHERE roi_id = ? ORDER BY version");
    query.addBindValue(id(roiId));
    db_.run(query, "list the versions of ROI " + std::to_string(roiId));
    std::vector<RoiVersionRow> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), query.value(1).toInt(), s(query.value(2)), s(query.value(3)),
                        s(query.value(4)), s(query.value(5)), query.value(6).toLongLong(), s(query.value(7)),
                        s(query.value(8))});
    return rows;
}

std::optional<CaseFiles> RoiRepository::caseOf(std::int64_t patientId) {
    for (const CaseFiles& c : CohortRepository(db_).caseFiles())
        if (c.patientId == patientId) return c;
    return std::nullopt;
}

int RoiRepository::saveVersion(std::int64_t roiId, int baseVersion, const LabelMap& mask, const std::string& sourceKind,
                               const std::string& reason) {
    auto query = db_.prepare(
        "SELECT r.version, r.name, s.size_x, s.size_y, s.size_z, p.pseudonym FROM rois r"
        " JOIN studies s ON s.id = r.study_id JOIN patients p ON p.id = s.patient_id WHERE r.id = ?");
    query.addBindValue(id(roiId));
    db_.run(query, "read ROI " + std::to_string(roiId));
    if (!query.next()) throw Error(db_.path() + ": no ROI " + std::to_string(roiId));
    const int current = query.value(0).toInt();
    const std::string name = s(query.value(1));
    const std::array<std::int64_t, 3> studySize{query.value(2).toLongLong(), query.value(3).toLongLong(),
                                                query.value(4).toLongLong()};
    const std::string pseudonym = s(query.value(5));
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
        auto update = db_.prepare(
            "UPDATE rois SET version = ?, source_kind = ?, source_sha256 = ?, mask_path = ?, mask_sha256 = ?,"
            " voxel_count = ? WHERE id = ? AND version = ?");
        for (const QVariant& value :
             {QVariant(version), QVariant(q(sourceKind)), QVariant(q(maskSha)), QVariant(q(relative)),
              QVariant(q(maskSha)), id(voxels), id(roiId), QVariant(baseVersion)})
            update.addBindValue(value);
        db_.run(update, "make version " + std::to_string(version) + " of ROI " + name + " current");
        if (update.numRowsAffected() != 1) throw refused("another version was saved at the same moment");
        auto insert = db_.prepare(
            "INSERT INTO roi_versions(roi_id, version, source_kind, source_sha256, mask_path, mask_sha256, voxel_count,"
            " reason, created_at) VALUES (?,?,?,?,?,?,?,?,?)");
        for (const QVariant& value :
             {id(roiId), QVariant(version), QVariant(q(sourceKind)), QVariant(q(maskSha)), QVariant(q(relative)),
              QVariant(q(maskSha)), id(voxels), QVariant(q(reason)), QVariant(q(utcNow()))})
            insert.addBindValue(value);
        db_.run(insert, "record version " + std::to_string(version) + " of ROI " + name);
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
    auto run = db_.prepare("INSERT OR REPLACE INTO run_rois(run_id, roi_id, roi_version) VALUES (?, ?, ?)");
    run.addBindValue(id(runId));
    run.addBindValue(id(use.roiId));
    run.addBindValue(use.roiVersion);
    db_.run(run, "record the ROI version run " + std::to_string(runId) + " used");
    for (std::int64_t set : featureSetIds) {
        auto features = db_.prepare(
            "INSERT OR REPLACE INTO feature_rois(feature_set_id, patient_id, roi_id, roi_version) VALUES (?, ?, ?, ?)");
        features.addBindValue(id(set));
        features.addBindValue(id(use.patientId));
        features.addBindValue(id(use.roiId));
        features.addBindValue(use.roiVersion);
        db_.run(features, "record the ROI version of the features");
    }
    auto regions = db_.prepare("UPDATE regions SET roi_version = ? WHERE roi_id = ?");
    regions.addBindValue(use.roiVersion);
    regions.addBindValue(id(use.roiId));
    db_.run(regions, "record the ROI version of the regions");
    transaction.commit();
}

std::vector<StaleUse> RoiRepository::staleRuns() {
    return readStale(
        db_,
        "SELECT v.run_id, s.patient_id, v.roi_id, v.used_version, v.current_version FROM stale_runs v"
        " JOIN rois r ON r.id = v.roi_id JOIN studies s ON s.id = r.study_id ORDER BY v.run_id, s.patient_id",
        "list stale runs");
}

std::vector<StaleUse> RoiRepository::staleFeatures() {
    return readStale(db_,
                     "SELECT feature_set_id, patient_id, roi_id, used_version, current_version FROM stale_features"
                     " ORDER BY feature_set_id, patient_id",
                     "list stale feature values");
}

bool RoiRepository::isRunStale(std::int64_t runId) {
    auto query = db_.prepare("SELECT 1 FROM stale_runs WHERE run_id = ? LIMIT 1");
    query.addBindValue(id(runId));
    db_.run(query, "check run " + std::to_string(runId) + " for superseded ROIs");
    return query.next();
}

}  // namespace drs::project
