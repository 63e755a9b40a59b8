#include "core/project/Overview.h"

#include <map>
#include <set>

namespace drs::project {

namespace {

int countOf(ProjectDb& db, const std::string& sql) {
    auto query = db.prepare(sql);
    db.run(query, "count for the project overview");
    return query.next() ? query.value(0).toInt() : 0;
}

std::string s(const QVariant& value) { return value.toString().toStdString(); }

}  // namespace

ProjectOverview readOverview(ProjectDb& db) {
    ProjectOverview overview;
    overview.patients = countOf(db, "SELECT count(*) FROM patients");
    overview.studies = countOf(db, "SELECT count(*) FROM studies");
    overview.rois = countOf(db, "SELECT count(*) FROM rois");
    overview.editedRois = countOf(db, "SELECT count(*) FROM rois WHERE version > 1");
    overview.runs = countOf(db, "SELECT count(*) FROM runs");
    overview.finishedRuns = countOf(db, "SELECT count(*) FROM runs WHERE status = 'finished'");
    overview.staleRuns = countOf(db, "SELECT count(DISTINCT run_id) FROM stale_runs");
    overview.supersededLabelRuns = countOf(db, "SELECT count(DISTINCT run_id) FROM superseded_label_runs");
    overview.labelChanges = countOf(db, "SELECT count(*) FROM label_changes");
    auto query = db.prepare(
        "SELECT e.name, (SELECT count(*) FROM labels l WHERE l.endpoint_id = e.id AND l.value = 1),"
        " (SELECT count(*) FROM labels l WHERE l.endpoint_id = e.id AND l.value = 0) FROM endpoints e ORDER BY e.id");
    db.run(query, "count labels per endpoint");
    while (query.next()) {
        EndpointCounts counts;
        counts.name = s(query.value(0));
        counts.positives = query.value(1).toInt();
        counts.negatives = query.value(2).toInt();
        counts.unlabelled = overview.patients - counts.positives - counts.negatives;
        overview.endpoints.push_back(counts);
    }
    return overview;
}

CohortListing readCohortListing(ProjectDb& db) {
    CohortListing listing;
    std::map<std::int64_t, std::size_t> rowOf;
    auto patients = db.prepare(
        "SELECT p.id, p.pseudonym, p.centre, (SELECT count(*) FROM studies s WHERE s.patient_id = p.id), c.name"
        " FROM patients p LEFT JOIN external_cohorts c ON c.id = p.external_cohort_id ORDER BY p.id");
    db.run(patients, "list the cohort");
    while (patients.next()) {
        CohortListingRow row;
        row.patientId = patients.value(0).toLongLong();
        row.pseudonym = s(patients.value(1));
        row.centre = s(patients.value(2));
        row.studyCount = patients.value(3).toInt();
        row.externalCohort = s(patients.value(4));
        rowOf[row.patientId] = listing.rows.size();
        listing.rows.push_back(std::move(row));
    }

    // The first study of each patient and its first ROI: what the pipeline reads (caseFiles).
    auto studies = db.prepare(
        "SELECT s.patient_id, s.modality, s.size_x, s.size_y, s.size_z, s.spacing_x, s.spacing_y, s.spacing_z,"
        " r.name, r.version, r.source_kind FROM studies s"
        " LEFT JOIN rois r ON r.id = (SELECT min(id) FROM rois WHERE study_id = s.id)"
        " WHERE s.id = (SELECT min(id) FROM studies WHERE patient_id = s.patient_id)");
    db.run(studies, "list the cohort's studies");
    while (studies.next()) {
        auto& row = listing.rows[rowOf.at(studies.value(0).toLongLong())];
        row.modality = s(studies.value(1));
        for (int axis = 0; axis < 3; ++axis) {
            row.sizeXyz[axis] = studies.value(2 + axis).toLongLong();
            row.spacingMm[axis] = studies.value(5 + axis).toDouble();
        }
        if (!studies.value(8).isNull()) {
            row.roiName = s(studies.value(8));
            row.roiVersion = studies.value(9).toInt();
            row.roiSourceKind = s(studies.value(10));
        }
    }

    std::map<std::int64_t, std::size_t> endpointColumn;
    auto endpoints = db.prepare("SELECT id, name FROM endpoints ORDER BY id");
    db.run(endpoints, "list endpoints");
    while (endpoints.next()) {
        endpointColumn[endpoints.value(0).toLongLong()] = listing.endpoints.size();
        listing.endpoints.push_back(s(endpoints.value(1)));
    }
    for (auto& row : listing.rows) row.labels.assign(listing.endpoints.size(), std::nullopt);
    auto labels = db.prepare("SELECT patient_id, endpoint_id, value FROM labels");
    db.run(labels, "read labels");
    while (labels.next())
        listing.rows[rowOf.at(labels.value(0).toLongLong())].labels[endpointColumn.at(labels.value(1).toLongLong())] =
            labels.value(2).toInt();

    // A run splits each endpoint's labelled patients; a patient may be train for one, test for another.
    auto splits = db.prepare("SELECT run_id, patient_id, subset FROM splits ORDER BY run_id, subset DESC");
    db.run(splits, "read splits");
    std::map<std::int64_t, std::map<std::int64_t, std::set<std::string>>> subsets;  // run -> patient -> subsets
    while (splits.next())
        subsets[splits.value(0).toLongLong()][splits.value(1).toLongLong()].insert(s(splits.value(2)));
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
