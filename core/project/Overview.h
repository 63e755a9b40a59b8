#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs::project {

struct EndpointCounts {
    std::string name;
    int positives = 0;
    int negatives = 0;
    int unlabelled = 0;  // patients without a label for it
};

// What a project holds, at a glance.
struct ProjectOverview {
    int patients = 0;
    int studies = 0;
    int rois = 0;
    int editedRois = 0;                     // ROIs whose current version is not the imported one
    std::vector<EndpointCounts> endpoints;  // in import order
    int runs = 0;
    int finishedRuns = 0;
    int staleRuns = 0;            // runs derived from an ROI version that was superseded since
    int supersededLabelRuns = 0;  // runs whose patients' labels have another value now
    int labelChanges = 0;
};

ProjectOverview readOverview(ProjectDb& db);

// One patient as the cohort table shows it.
struct CohortListingRow {
    std::int64_t patientId = 0;
    std::string pseudonym;
    std::string centre;
    std::string externalCohort;  // the locked external cohort's name; empty: the development cohort
    int studyCount = 0;
    std::string modality;  // of the first study; empty without a study
    std::array<std::int64_t, 3> sizeXyz{0, 0, 0};
    std::array<double, 3> spacingMm{0, 0, 0};
    std::string roiName;  // the first study's first ROI (the one the pipeline reads); empty without
    int roiVersion = 0;
    std::string roiSourceKind;               // of the current version: rtstruct | labelmap | seg | drawn
    std::int64_t roiVoxelCount = 0;          // of the current version
    std::vector<std::optional<int>> labels;  // per CohortListing::endpoints
    std::vector<std::string> splits;         // per CohortListing::runIds: train | test | train, test | ""
};

struct CohortListing {
    std::vector<std::string> endpoints;  // in import order
    std::vector<std::int64_t> runIds;    // runs that drew a split, oldest first
    std::vector<CohortListingRow> rows;  // by patient id
};

CohortListing readCohortListing(ProjectDb& db);

}  // namespace drs::project
