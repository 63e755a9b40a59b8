#pragma once
// External validation cohorts: patients imported under a cohort name are locked, never used to fit,
// select features, choose a classifier or set a threshold (CohortRepository keeps them out of the
// development cohort, the database keeps them out of every split); a finished run is evaluated on
// them afterwards (ExternalValidation.h).
#include <cstdint>
#include <string>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs {

// Creates the external cohort `name` for an import whose clinical CSV (clinicalCsv, for messages)
// has these endpoint and other columns. Throws Error, writing nothing, when the name is empty or
// taken, when the project has no development cohort yet, or when the columns differ from the
// project's (each missing and unexpected column named).
std::int64_t openExternalCohort(project::ProjectDb& db, const std::string& name,
                                const std::vector<std::string>& endpointColumns,
                                const std::vector<std::string>& otherColumns, const std::string& clinicalCsv);

// Removes an external cohort that received no patient (an import that refused every study).
void dropEmptyExternalCohort(project::ProjectDb& db, std::int64_t cohortId);

}  // namespace drs
