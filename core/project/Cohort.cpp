#include "core/project/Cohort.h"

#include "core/project/Statement.h"
#include "core/util/Error.h"

namespace drs::project {

std::int64_t CohortRepository::addPatient(const std::string& pseudonym, const std::string& centre,
                                          std::int64_t externalCohortId) {
    if (findPatient(pseudonym)) throw Error(db_.path() + ": patient " + pseudonym + " is already in the project");
    Transaction transaction(db_);
    // A development patient leaves external_cohort_id out, so the statement also works on a
    // project opened at an older schema version (migration tests).
    const bool external = externalCohortId != kDevelopmentCohort;
    Statement insert(db_, external ? "INSERT INTO patients(pseudonym, centre, imported_at, external_cohort_id)"
                                     " VALUES (:pseudonym, :centre, :at, :cohort) RETURNING id"
                                   : "INSERT INTO patients(pseudonym, centre, imported_at)"
                                     " VALUES (:pseudonym, :centre, :at) RETURNING id");
    insert.bind(":pseudonym", pseudonym).bind(":centre", centre).bind(":at", utcNow());
    if (external) insert.bind(":cohort", externalCohortId);
    const auto id = insert.insert("add patient " + pseudonym);
    transaction.commit();
    return id;
}

std::optional<std::int64_t> CohortRepository::findPatient(const std::string& pseudonym) {
    Statement query(db_, "SELECT id FROM patients WHERE pseudonym = :pseudonym");
    query.bind(":pseudonym", pseudonym).run("look up patient " + pseudonym);
    if (!query.next()) return std::nullopt;
    return query.integer("id");
}

std::vector<PatientRow> CohortRepository::patients(std::int64_t cohortId) {
    Statement query(db_,
                    "SELECT id, pseudonym, centre FROM patients WHERE coalesce(external_cohort_id, 0) = :cohort"
                    " ORDER BY id");
    query.bind(":cohort", cohortId).run("list patients");
    std::vector<PatientRow> rows;
    while (query.next()) rows.push_back({query.integer("id"), query.text("pseudonym"), query.text("centre")});
    return rows;
}

std::int64_t CohortRepository::addExternalCohort(const std::string& name) {
    if (findExternalCohort(name))
        throw Error(db_.path() + ": an external cohort named '" + name + "' is already in the project");
    Transaction transaction(db_);
    const auto id = Statement(db_, "INSERT INTO external_cohorts(name, created_at) VALUES (:name, :at) RETURNING id")
                        .bind(":name", name)
                        .bind(":at", utcNow())
                        .insert("add external cohort " + name);
    transaction.commit();
    return id;
}

std::optional<std::int64_t> CohortRepository::findExternalCohort(const std::string& name) {
    Statement query(db_, "SELECT id FROM external_cohorts WHERE name = :name");
    query.bind(":name", name).run("look up external cohort " + name);
    if (!query.next()) return std::nullopt;
    return query.integer("id");
}

std::vector<std::string> CohortRepository::externalCohorts() {
    Statement query(db_, "SELECT name FROM external_cohorts ORDER BY id");
    query.run("list external cohorts");
    std::vector<std::string> names;
    while (query.next()) names.push_back(query.text("name"));
    return names;
}

std::vector<std::string> CohortRepository::clinicalVariableNames(std::int64_t cohortId) {
    Statement query(db_,
                    "SELECT DISTINCT c.name FROM clinical_values c JOIN patients p ON p.id = c.patient_id"
                    " WHERE coalesce(p.external_cohort_id, 0) = :cohort ORDER BY c.name");
    query.bind(":cohort", cohortId).run("list clinical variables");
    std::vector<std::string> names;
    while (query.next()) names.push_back(query.text("name"));
    return names;
}

void CohortRepository::setClinicalValue(std::int64_t patientId, const std::string& name, const std::string& value) {
    Transaction transaction(db_);
    Statement(db_,
              "INSERT INTO clinical_values(patient_id, name, value) VALUES (:patient, :name, :value)"
              " ON CONFLICT(patient_id, name) DO UPDATE SET value = excluded.value")
        .bind(":patient", patientId)
        .bind(":name", name)
        .bind(":value", value)
        .run("store clinical value " + name);
    transaction.commit();
}

std::map<std::string, std::string> CohortRepository::clinicalValues(std::int64_t patientId) {
    Statement query(db_, "SELECT name, value FROM clinical_values WHERE patient_id = :patient");
    query.bind(":patient", patientId).run("read clinical values");
    std::map<std::string, std::string> values;
    while (query.next()) values[query.text("name")] = query.text("value");
    return values;
}

std::int64_t CohortRepository::addStudy(const StudyRow& study) {
    Transaction transaction(db_);
    const auto id =
        Statement(db_,
                  "INSERT INTO studies(patient_id, modality, source_kind, source_sha256, image_path, image_sha256,"
                  " size_x, size_y, size_z, spacing_x, spacing_y, spacing_z, imported_at) VALUES (:patient, :modality,"
                  " :source_kind, :source_sha256, :image_path, :image_sha256, :size_x, :size_y, :size_z, :spacing_x,"
                  " :spacing_y, :spacing_z, :at) RETURNING id")
            .bind(":patient", study.patientId)
            .bind(":modality", study.modality)
            .bind(":source_kind", study.sourceKind)
            .bind(":source_sha256", study.sourceSha256)
            .bind(":image_path", study.imagePath)
            .bind(":image_sha256", study.imageSha256)
            .bind(":size_x", study.sizeXyz[0])
            .bind(":size_y", study.sizeXyz[1])
            .bind(":size_z", study.sizeXyz[2])
            .bind(":spacing_x", study.spacingMm[0])
            .bind(":spacing_y", study.spacingMm[1])
            .bind(":spacing_z", study.spacingMm[2])
            .bind(":at", utcNow())
            .insert("add a study");
    transaction.commit();
    return id;
}

std::vector<StudyRow> CohortRepository::studies(std::int64_t patientId) {
    Statement query(db_,
                    "SELECT id, patient_id, modality, source_kind, source_sha256, image_path, image_sha256, size_x,"
                    " size_y, size_z, spacing_x, spacing_y, spacing_z FROM studies WHERE patient_id = :patient"
                    " ORDER BY id");
    query.bind(":patient", patientId).run("list studies");
    std::vector<StudyRow> rows;
    while (query.next()) {
        StudyRow row;
        row.id = query.integer("id");
        row.patientId = query.integer("patient_id");
        row.modality = query.text("modality");
        row.sourceKind = query.text("source_kind");
        row.sourceSha256 = query.text("source_sha256");
        row.imagePath = query.text("image_path");
        row.imageSha256 = query.text("image_sha256");
        row.sizeXyz = {query.integer("size_x"), query.integer("size_y"), query.integer("size_z")};
        row.spacingMm = {query.real("spacing_x"), query.real("spacing_y"), query.real("spacing_z")};
        rows.push_back(std::move(row));
    }
    return rows;
}

std::int64_t CohortRepository::addRoi(const RoiRow& roi) {
    Transaction transaction(db_);
    const auto id = Statement(db_,
                              "INSERT INTO rois(study_id, name, source_kind, source_sha256, mask_path, mask_sha256,"
                              " voxel_count) VALUES (:study, :name, :source_kind, :source_sha256, :mask_path,"
                              " :mask_sha256, :voxel_count) RETURNING id")
                        .bind(":study", roi.studyId)
                        .bind(":name", roi.name)
                        .bind(":source_kind", roi.sourceKind)
                        .bind(":source_sha256", roi.sourceSha256)
                        .bind(":mask_path", roi.maskPath)
                        .bind(":mask_sha256", roi.maskSha256)
                        .bind(":voxel_count", roi.voxelCount)
                        .insert("add ROI " + roi.name);
    Statement(
        db_,
        "INSERT INTO roi_versions(roi_id, version, source_kind, source_sha256, mask_path, mask_sha256, voxel_count,"
        " reason, created_at) VALUES (:roi, 1, :source_kind, :source_sha256, :mask_path, :mask_sha256,"
        " :voxel_count, 'imported', :at)")
        .bind(":roi", id)
        .bind(":source_kind", roi.sourceKind)
        .bind(":source_sha256", roi.sourceSha256)
        .bind(":mask_path", roi.maskPath)
        .bind(":mask_sha256", roi.maskSha256)
        .bind(":voxel_count", roi.voxelCount)
        .bind(":at", utcNow())
        .run("record version 1 of ROI " + roi.name);
    transaction.commit();
    return id;
}

std::vector<RoiRow> CohortRepository::rois(std::int64_t studyId) {
    Statement query(
        db_,
        "SELECT id, study_id, name, source_kind, source_sha256, mask_path, mask_sha256, voxel_count, version"
        " FROM rois WHERE study_id = :study ORDER BY id");
    query.bind(":study", studyId).run("list ROIs");
    std::vector<RoiRow> rows;
    while (query.next())
        rows.push_back({query.integer("id"), query.integer("study_id"), query.text("name"), query.text("source_kind"),
                        query.text("source_sha256"), query.text("mask_path"), query.text("mask_sha256"),
                        query.integer("voxel_count"), static_cast<int>(query.integer("version"))});
    return rows;
}

std::int64_t CohortRepository::saveRegion(const RegionRow& region) {
    Transaction transaction(db_);
    const auto id = Statement(db_,
                              "INSERT INTO regions(roi_id, kind, path, sha256, voxel_count, volume_mm3, details_json)"
                              " VALUES (:roi, :kind, :path, :sha256, :voxel_count, :volume_mm3, :details_json)"
                              " ON CONFLICT(roi_id, kind) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256,"
                              " voxel_count = excluded.voxel_count, volume_mm3 = excluded.volume_mm3,"
                              " details_json = excluded.details_json RETURNING id")
                        .bind(":roi", region.roiId)
                        .bind(":kind", region.kind)
                        .bind(":path", region.path)
                        .bind(":sha256", region.sha256)
                        .bind(":voxel_count", region.voxelCount)
                        .bind(":volume_mm3", region.volumeMm3)
                        .bind(":details_json", region.detailsJson)
                        .insert("store the " + region.kind + " region");
    transaction.commit();
    return id;
}

std::vector<RegionRow> CohortRepository::regions(std::int64_t roiId) {
    Statement query(db_,
                    "SELECT id, roi_id, kind, path, sha256, voxel_count, volume_mm3, details_json FROM regions"
                    " WHERE roi_id = :roi ORDER BY id");
    query.bind(":roi", roiId).run("list regions");
    std::vector<RegionRow> rows;
    while (query.next())
        rows.push_back({query.integer("id"), query.integer("roi_id"), query.text("kind"), query.text("path"),
                        query.text("sha256"), query.integer("voxel_count"), query.real("volume_mm3"),
                        query.text("details_json")});
    return rows;
}

std::vector<CaseFiles> CohortRepository::caseFiles(std::int64_t cohortId) {
    Statement query(db_,
                    "SELECT p.id AS patient_id, p.pseudonym, p.centre, s.id AS study_id, r.id AS roi_id, s.image_path,"
                    " r.mask_path, r.version AS roi_version FROM patients p"
                    " JOIN studies s ON s.id = (SELECT min(id) FROM studies WHERE patient_id = p.id)"
                    " JOIN rois r ON r.id = (SELECT min(id) FROM rois WHERE study_id = s.id)"
                    " WHERE coalesce(p.external_cohort_id, 0) = :cohort ORDER BY p.id");
    query.bind(":cohort", cohortId).run("list cases");
    std::vector<CaseFiles> rows;
    while (query.next())
        rows.push_back({query.integer("patient_id"), query.text("pseudonym"), query.text("centre"),
                        query.integer("study_id"), query.integer("roi_id"),
                        db_.absoluteFilePath(query.text("image_path")), db_.absoluteFilePath(query.text("mask_path")),
                        static_cast<int>(query.integer("roi_version"))});
    return rows;
}

std::int64_t CohortRepository::ensureEndpoint(const std::string& name) {
    Transaction transaction(db_);
    Statement(db_, "INSERT INTO endpoints(name) VALUES (:name) ON CONFLICT(name) DO NOTHING")
        .bind(":name", name)
        .run("add endpoint " + name);
    Statement query(db_, "SELECT id FROM endpoints WHERE name = :name");
    query.bind(":name", name).run("look up endpoint " + name);
    query.next();
    const auto id = query.integer("id");
    query.finish();
    transaction.commit();
    return id;
}

std::vector<std::string> CohortRepository::endpoints() {
    Statement query(db_, "SELECT name FROM endpoints ORDER BY id");
    query.run("list endpoints");
    std::vector<std::string> names;
    while (query.next()) names.push_back(query.text("name"));
    return names;
}

void CohortRepository::setLabel(std::int64_t patientId, const std::string& endpoint, int value) {
    if (value != 0 && value != 1)
        throw Error(db_.path() + ": label " + std::to_string(value) + " for " + endpoint + " is not 0 or 1");
    Transaction transaction(db_);
    const auto endpointId = ensureEndpoint(endpoint);
    Statement(db_,
              "INSERT INTO labels(patient_id, endpoint_id, value) VALUES (:patient, :endpoint, :value)"
              " ON CONFLICT(patient_id, endpoint_id) DO UPDATE SET value = excluded.value")
        .bind(":patient", patientId)
        .bind(":endpoint", endpointId)
        .bind(":value", value)
        .run("store the " + endpoint + " label");
    transaction.commit();
}

std::vector<LabelRow> CohortRepository::labels(const std::string& endpoint, std::int64_t cohortId) {
    Statement query(db_,
                    "SELECT l.patient_id, l.value FROM labels l JOIN endpoints e ON e.id = l.endpoint_id"
                    " JOIN patients p ON p.id = l.patient_id WHERE e.name = :endpoint"
                    " AND coalesce(p.external_cohort_id, 0) = :cohort ORDER BY l.patient_id");
    query.bind(":endpoint", endpoint).bind(":cohort", cohortId).run("read the " + endpoint + " labels");
    std::vector<LabelRow> rows;
    while (query.next()) rows.push_back({query.integer("patient_id"), static_cast<int>(query.integer("value"))});
    return rows;
}

}  // namespace drs::project
