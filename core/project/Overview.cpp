#include "core/project/Overview.h"

#include <map>
#include <set>

#include "core/project/Statement.h"

namespace drs::project {

namespace {

// `sql` selects one number named n.
int countOf(ProjectDb& db, const std::string& sql) {
    Statement query(db, sql);
    query.run("count for the project overview");
    return query.next() ? static_cast<int>(query.integer("n")) : 0;
}

}  // namespace

ProjectOverview readOverview(ProjectDb& db) {
    ProjectOverview overview;
    overview.patients = countOf(db, "SELECT count(*) AS n FROM patients");
    overview.studies = countOf(db, "SELECT count(*) AS n FROM studies");
    overview.rois = countOf(db, "SELECT count(*) AS n FROM rois");
    overview.editedRois = countOf(db, "SELECT count(*) AS n FROM rois WHERE version > 1");
    overview.runs = countOf(db, "SELECT count(*) AS n FROM runs");
    overview.finishedRuns = countOf(db, "SELECT count(*) AS n FROM runs WHERE status = 'finished'");
    overview.staleRuns = countOf(db, "SELECT count(DISTINCT run_id) AS n FROM stale_runs");
    overview.supersededLabelRuns = countOf(db, "SELECT count(DISTINCT run_id) AS n FROM superseded_label_runs");
    overview.labelChanges = countOf(db, "SELECT count(*) AS n FROM label_changes");
    Statement query(db,
                    "SELECT e.name, (SELECT count(*) FROM labels l WHERE l.endpoint_id = e.id AND l.value = 1)"
                    " AS positives, (SELECT count(*) FROM labels l WHERE l.endpoint_id = e.id AND l.value = 0)"
                    " AS negatives FROM endpoints e ORDER BY e.id");
    query.run("count labels per endpoint");
    while (query.next()) {
        EndpointCounts counts;
        counts.name = query.text("name");
        counts.positives = static_cast<int>(query.integer("positives"));
        counts.negatives = static_cast<int>(query.integer("negatives"));
        counts.unlabelled = overview.patients - counts.positives - counts.negatives;
        overview.endpoints.push_back(counts);
    }
    return overview;
}

CohortListing readCohortListing(ProjectDb& db) {
    CohortListing listing;
    std::map<std::int64_t, std::size_t> rowOf;
    Statement patients(db,
                       "SELECT p.id, p.pseudonym, p.centre, (SELECT count(*) FROM studies s WHERE s.patient_id = p.id)"
                       " AS studies, c.name AS cohort FROM patients p"
                       " LEFT JOIN external_cohorts c ON c.id = p.external_cohort_id ORDER BY p.id");
    patients.run("list the cohort");
    while (patients.next()) {
        CohortListingRow row;
        row.patientId = patients.integer("id");
        row.pseudonym = patients.text("pseudonym");
        row.centre = patients.text("centre");
        row.studyCount = static_cast<int>(patients.integer("studies"));
        row.externalCohort = patients.text("cohort");
        rowOf[row.patientId] = listing.rows.size();
        listing.rows.push_back(std::move(row));
    }

    // The first study of each patient and its first ROI: what the pipeline reads (caseFiles).
    Statement studies(db,
                      "SELECT s.patient_id, s.modality, s.size_x, s.size_y, s.size_z, s.spacing_x, s.spacing_y,"
                      " s.spacing_z, r.name AS roi_name, r.version AS roi_version, r.source_kind AS roi_source_kind,"
                      " r.voxel_count AS roi_voxels"
                      " FROM studies s LEFT JOIN rois r ON r.id = (SELECT min(id) FROM rois WHERE study_id = s.id)"
                      " WHERE s.id = (SELECT min(id) FROM studies WHERE patient_id = s.patient_id)");
    studies.run("list the cohort's studies");
    while (studies.next()) {
        auto& row = listing.rows[rowOf.at(studies.integer("patient_id"))];
        row.modality = studies.text("modality");
        row.sizeXyz = {studies.integer("size_x"), studies.integer("size_y"), studies.integer("size_z")};
        row.spacingMm = {studies.real("spacing_x"), studies.real("spacing_y"), studies.real("spacing_z")};
        if (!studies.isNull("roi_name")) {
            row.roiName = studies.text("roi_name");
            row.roiVersion = static_cast<int>(studies.integer("roi_version"));
            row.roiSourceKind = studies.text("roi_source_kind");
            row.roiVoxelCount = studies.integer("roi_voxels");
        }
    }

    std::map<std::int64_t, std::size_t> endpointColumn;
    Statement endpoints(db, "SELECT id, name FROM endpoints ORDER BY id");
    endpoints.run("list endpoints");
    while (endpoints.next()) {
        endpointColumn[endpoints.integer("id")] = listing.endpoints.size();
        listing.endpoints.push_back(endpoints.text("name"));
    }
    for (auto& row : listing.rows) row.labels.assign(listing.endpoints.size(), std::nullopt);
    Statement labels(db, "SELECT patient_id, endpoint_id, value FROM labels");
    labels.run("read labels");
    while (labels.next())
        listing.rows[rowOf.at(labels.integer("patient_id"))].labels[endpointColumn.at(labels.integer("endpoint_id"))] =
            static_cast<int>(labels.integer("value"));

    // A run splits each endpoint's labelled patients; a patient may be train for one, test for another.
    Statement splits(db, "SELECT run_id, patient_id, subset FROM splits ORDER BY run_id, subset DESC");
    splits.run("read splits");
    std::map<std::int64_t, std::map<std::int64_t, std::set<std::string>>> subsets;  // run -> patient -> subsets
    while (splits.next()) subsets[splits.integer("run_id")][splits.integer("patient_id")].insert(splits.text("subset"));
    for (const auto& [runId, byPatient] : subsets) {
        const std::size_t column = listing.runIds.size();
        listing.runIds.push_back(runId);
        for (auto& row : listing.rows) row.splits.resize(column + 1);
        for (const auto& [patientId, names] : byPatient) {
            std::string text;
            for (const char* name : {"train", "test"})
                if (names.count(name)) text += (text.empty() ? "" : ", ") + std::string(name);
            listing.rows[rowOf.at(patientId)].splits[column] = text;
        }
    }
    return listing;
}

}  // namespace drs::project
