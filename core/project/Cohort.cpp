#include "core/project/Cohort.h"

#include "core/util/Error.h"

namespace drs::project {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }
std::string s(const QVariant& value) { return value.toString().toStdString(); }
}  // namespace

std::int64_t CohortRepository::addPatient(const std::string& pseudonym, const std::string& centre,
                                          std::int64_t externalCohortId) {
    if (findPatient(pseudonym)) throw Error(db_.path() + ": patient " + pseudonym + " is already in the project");
    Transaction transaction(db_);
    // A development patient leaves external_cohort_id out, so the statement also works on a
    // project opened at an older schema version (migration tests).
    const bool external = externalCohortId != kDevelopmentCohort;
    auto insert = db_.prepare(external ? "INSERT INTO patients(pseudonym, centre, imported_at, external_cohort_id)"
                                         " VALUES (?, ?, ?, ?)"
                                       : "INSERT INTO patients(pseudonym, centre, imported_at) VALUES (?, ?, ?)");
    insert.addBindValue(q(pseudonym));
    insert.addBindValue(q(centre));
    insert.addBindValue(q(utcNow()));
    if (external) insert.addBindValue(QVariant::fromValue<qlonglong>(externalCohortId));
    db_.run(insert, "add patient " + pseudonym);
    const auto id = db_.insertedId(insert);
    transaction.commit();
    return id;
}

std::optional<std::int64_t> CohortRepository::findPatient(const std::string& pseudonym) {
    auto query = db_.prepare("SELECT id FROM patients WHERE pseudonym = ?");
    query.addBindValue(q(pseudonym));
    db_.run(query, "look up patient " + pseudonym);
    if (!query.next()) return std::nullopt;
    return query.value(0).toLongLong();
}

std::vector<PatientRow> CohortRepository::patients(std::int64_t cohortId) {
    auto query =
        db_.prepare("SELECT id, pseudonym, centre FROM patients WHERE coalesce(external_cohort_id, 0) = ? ORDER BY id");
    query.addBindValue(QVariant::fromValue<qlonglong>(cohortId));
    db_.run(query, "list patients");
    std::vector<PatientRow> rows;
    while (query.next()) rows.push_back({query.value(0).toLongLong(), s(query.value(1)), s(query.value(2))});
    return rows;
}

std::int64_t CohortRepository::addExternalCohort(const std::string& name) {
    if (findExternalCohort(name))
        throw Error(db_.path() + ": an external cohort named '" + name + "' is already in the project");
    Transaction transaction(db_);
    auto insert = db_.prepare("INSERT INTO external_cohorts(name, created_at) VALUES (?, ?)");
    insert.addBindValue(q(name));
    insert.addBindValue(q(utcNow()));
    db_.run(insert, "add external cohort " + name);
    const auto id = db_.insertedId(insert);
    transaction.commit();
    return id;
}

std::optional<std::int64_t> CohortRepository::findExternalCohort(const std::string& name) {
    auto query = db_.prepare("SELECT id FROM external_cohorts WHERE name = ?");
    query.addBindValue(q(name));
    db_.run(query, "look up external cohort " + name);
    if (!query.next()) return std::nullopt;
    return query.value(0).toLongLong();
}

std::vector<std::string> CohortRepository::externalCohorts() {
    auto query = db_.prepare("SELECT name FROM external_cohorts ORDER BY id");
    db_.run(query, "list external cohorts");
    std::vector<std::string> names;
    while (query.next()) names.push_back(s(query.value(0)));
    return names;
}

std::vector<std::string> CohortRepository::clinicalVariableNames(std::int64_t cohortId) {
    auto query = db_.prepare(
        "SELECT DISTINCT c.name FROM clinical_values c JOIN patients p ON p.id = c.patient_id"
        " WHERE coalesce(p.external_cohort_id, 0) = ? ORDER BY c.name");
    query.addBindValue(QVariant::fromValue<qlonglong>(cohortId));
    db_.run(query, "list clinical variables");
    std::vector<std::string> names;
    while (query.next()) names.push_back(s(query.value(0)));
    return names;
}

void CohortRepository::setClinicalValue(std::int64_t patientId, const std::string& name, const std::string& value) {
    Transaction transaction(db_);
    auto upsert = db_.prepare("INSERT OR REPLACE INTO clinical_values(patient_id, name, value) VALUES (?, ?, ?)");
    upsert.addBindValue(QVariant::fromValue<qlonglong>(patientId));
    upsert.addBindValue(q(name));
    upsert.addBindValue(q(value));
    db_.run(upsert, "store clinical value " + name);
    transaction.commit();
}

std::map<std::string, std::string> CohortRepository::clinicalValues(std::int64_t patientId) {
    auto query = db_.prepare("SELECT name, value FROM clinical_values WHERE patient_id = ?");
    query.addBindValue(QVariant::fromValue<qlonglong>(patientId));
    db_.run(query, "read clinical values");
    std::map<std::string, std::string> values;
    while (query.next()) values[s(query.value(0))] = s(query.value(1));
    return values;
}

std::int64_t CohortRepository::addStudy(const StudyRow& study) {
    Transaction transaction(db_);
    auto insert = db_.prepare(
        "INSERT INTO studies(patient_id, modality, source_kind, source_sha256, image_path, image_sha256,"
        " size_x, size_y, size_z, spacing_x, spacing_y, spacing_z, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    insert.addBindValue(QVariant::fromValue<qlonglong>(study.patientId));
    insert.addBindValue(q(study.modality));
    insert.addBindValue(q(study.sourceKind));
    insert.addBindValue(q(study.sourceSha256));
    insert.addBindValue(q(study.imagePath));
    insert.addBindValue(q(study.imageSha256));
    for (auto size : study.sizeXyz) insert.addBindValue(QVariant::fromValue<qlonglong>(size));
    for (auto spacing : study.spacingMm) insert.addBindValue(spacing);
    insert.addBindValue(q(utcNow()));
    db_.run(insert, "add a study");
    const auto id = db_.insertedId(insert);
    transaction.commit();
    return id;
}

std::vector<StudyRow> CohortRepository::studies(std::int64_t patientId) {
    auto query = db_.prepare(
        "SELECT id, patient_id, modality, source_kind, source_sha256, image_path, image_sha256, size_x, size_y, size_z,"
        " spacing_x, spacing_y, spacing_z FROM studies WHERE patient_id = ? ORDER BY id");
    query.addBindValue(QVariant::fromValue<qlonglong>(patientId));
    db_.run(query, "list studies");
    std::vector<StudyRow> rows;
    while (query.next()) {
        StudyRow row;
        row.id = query.value(0).toLongLong();
        row.patientId = query.value(1).toLongLong();
        row.modality = s(query.value(2));
        row.sourceKind = s(query.value(3));
        row.sourceSha256 = s(query.value(4));
        row.imagePath = s(query.value(5));
        row.imageSha256 = s(query.value(6));
        for (int a = 0; a < 3; ++a) {
            row.sizeXyz[a] = query.value(7 + a).toLongLong();
            row.spacingMm[a] = query.value(10 + a).toDouble();
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::int64_t CohortRepository::addRoi(const RoiRow& roi) {
    Transaction transaction(db_);
    auto insert = db_.prepare(
        "INSERT INTO rois(study_id, name, source_kind, source_sha256, mask_path, mask_sha256, voxel_count)"
        " VALUES (?,?,?,?,?,?,?)");
    insert.addBindValue(QVariant::fromValue<qlonglong>(roi.studyId));
    insert.addBindValue(q(roi.name));
    insert.addBindValue(q(roi.sourceKind));
    insert.addBindValue(q(roi.sourceSha256));
    insert.addBindValue(q(roi.maskPath));
    insert.addBindValue(q(roi.maskSha256));
    insert.addBindValue(QVariant::fromValue<qlonglong>(roi.voxelCount));
    db_.run(insert, "add ROI " + roi.name);
    const auto id = db_.insertedId(insert);
    auto version = db_.prepare(
        "INSERT INTO roi_versions(roi_id, version, source_kind, source_sha256, mask_path, mask_sha256, voxel_count,"
        " reason, created_at) VALUES (?, 1, ?, ?, ?, ?, ?, 'imported', ?)");
    version.addBindValue(QVariant::fromValue<qlonglong>(id));
    version.addBindValue(q(roi.sourceKind));
    version.addBindValue(q(roi.sourceSha256));
    version.addBindValue(q(roi.maskPath));
    version.addBindValue(q(roi.maskSha256));
    version.addBindValue(QVariant::fromValue<qlonglong>(roi.voxelCount));
    version.addBindValue(q(utcNow()));
    db_.run(version, "record version 1 of ROI " + roi.name);
    transaction.commit();
    return id;
}

std::vector<RoiRow> CohortRepository::rois(std::int64_t studyId) {
    auto query = db_.prepare(
        "SELECT id, study_id, name, source_kind, source_sha256, mask_path, mask_sha256, voxel_count, version FROM rois"
        " WHERE study_id = ? ORDER BY id");
    query.addBindValue(QVariant::fromValue<qlonglong>(studyId));
    db_.run(query, "list ROIs");
    std::vector<RoiRow> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), query.value(1).toLongLong(), s(query.value(2)), s(query.value(3)),
                        s(query.value(4)), s(query.value(5)), s(query.value(6)), query.value(7).toLongLong(),
                        query.value(8).toInt()});
    return rows;
}

std::int64_t CohortRepository::saveRegion(const RegionRow& region) {
    Transaction transaction(db_);
    auto upsert = db_.prepare(
        "INSERT INTO regions(roi_id, kind, path, sha256, voxel_count, volume_mm3, details_json) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(roi_id, kind) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256,"
        " voxel_count = excluded.voxel_count, volume_mm3 = excluded.volume_mm3, details_json = excluded.details_json");
    upsert.addBindValue(QVariant::fromValue<qlonglong>(region.roiId));
    upsert.addBindValue(q(region.kind));
    upsert.addBindValue(q(region.path));
    upsert.addBindValue(q(region.sha256));
    upsert.addBindValue(QVariant::fromValue<qlonglong>(region.voxelCount));
    upsert.addBindValue(region.volumeMm3);
    upsert.addBindValue(q(region.detailsJson));
    db_.run(upsert, "store the " + region.kind + " region");
    auto id = db_.prepare("SELECT id FROM regions WHERE roi_id = ? AND kind = ?");
    id.addBindValue(QVariant::fromValue<qlonglong>(region.roiId));
    id.addBindValue(q(region.kind));
    db_.run(id, "read the region id");
    id.next();
    const auto regionId = id.value(0).toLongLong();
    id.finish();
    transaction.commit();
    return regionId;
}

std::vector<RegionRow> CohortRepository::regions(std::int64_t roiId) {
    auto query = db_.prepare(
        "SELECT id, roi_id, kind, path, sha256, voxel_count, volume_mm3, details_json FROM regions WHERE roi_id = ?"
        " ORDER BY id");
    query.addBindValue(QVariant::fromValue<qlonglong>(roiId));
    db_.run(query, "list regions");
    std::vector<RegionRow> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), query.value(1).toLongLong(), s(query.value(2)), s(query.value(3)),
                        s(query.value(4)), query.value(5).toLongLong(), query.value(6).toDouble(), s(query.value(7))});
    return rows;
}

std::vector<CaseFiles> CohortRepository::caseFiles(std::int64_t cohortId) {
    auto query = db_.prepare(
        "SELECT p.id, p.pseudonym, p.centre, s.id, r.id, s.image_path, r.mask_path, r.version FROM patients p"
        " JOIN studies s ON s.id = (SELECT min(id) FROM studies WHERE patient_id = p.id)"
        " JOIN rois r ON r.id = (SELECT min(id) FROM rois WHERE study_id = s.id)"
        " WHERE coalesce(p.external_cohort_id, 0) = ? ORDER BY p.id");
    query.addBindValue(QVariant::fromValue<qlonglong>(cohortId));
    db_.run(query, "list cases");
    std::vector<CaseFiles> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), s(query.value(1)), s(query.value(2)), query.value(3).toLongLong(),
                        query.value(4).toLongLong(), db_.absoluteFilePath(s(query.value(5))),
                        db_.absoluteFilePath(s(query.value(6))), query.value(7).toInt()});
    return rows;
}

std::int64_t CohortRepository::ensureEndpoint(const std::string& name) {
    Transaction transaction(db_);
    auto insert = db_.prepare("INSERT OR IGNORE INTO endpoints(name) VALUES (?)");
    insert.addBindValue(q(name));
    db_.run(insert, "add endpoint " + name);
    auto query = db_.prepare("SELECT id FROM endpoints WHERE name = ?");
    query.addBindValue(q(name));
    db_.run(query, "look up endpoint " + name);
    query.next();
    const auto id = query.value(0).toLongLong();
    query.finish();
    transaction.commit();
    return id;
}

std::vector<std::string> CohortRepository::endpoints() {
    auto query = db_.prepare("SELECT name FROM endpoints ORDER BY id");
    db_.run(query, "list endpoints");
    std::vector<std::string> names;
    while (query.next()) names.push_back(s(query.value(0)));
    return names;
}

void CohortRepository::setLabel(std::int64_t patientId, const std::string& endpoint, int value) {
    if (value != 0 && value != 1)
        throw Error(db_.path() + ": label " + std::to_string(value) + " for " + endpoint + " is not 0 or 1");
    Transaction transaction(db_);
    const auto endpointId = ensureEndpoint(endpoint);
    auto upsert = db_.prepare("INSERT OR REPLACE INTO labels(patient_id, endpoint_id, value) VALUES (?, ?, ?)");
    upsert.addBindValue(QVariant::fromValue<qlonglong>(patientId));
    upsert.addBindValue(QVariant::fromValue<qlonglong>(endpointId));
    upsert.addBindValue(value);
    db_.run(upsert, "store the " + endpoint + " label");
    transaction.commit();
}

std::vector<LabelRow> CohortRepository::labels(const std::string& endpoint, std::int64_t cohortId) {
    auto query = db_.prepare(
        "SELECT l.patient_id, l.value FROM labels l JOIN endpoints e ON e.id = l.endpoint_id"
        " JOIN patients p ON p.id = l.patient_id WHERE e.name = ? AND coalesce(p.external_cohort_id, 0) = ?"
        " ORDER BY l.patient_id");
    query.addBindValue(q(endpoint));
    query.addBindValue(QVariant::fromValue<qlonglong>(cohortId));
    db_.run(query, "read the " + endpoint + " labels");
    std::vector<LabelRow> rows;
    while (query.next()) rows.push_back({query.value(0).toLongLong(), query.value(1).toInt()});
    return rows;
}

}  // namespace drs::project
