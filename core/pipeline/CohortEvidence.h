#pragma once
#include <cstdint>

#include "core/pipeline/Evidence.h"
#include "core/project/ProjectDb.h"

namespace drs {

// Table 1 of a run from the database: its training and internal test cohorts (the run's split) and
// each locked external cohort of the project ("External: NAME"), each compared with training, with
// every clinical covariate of the project (continuous when looksContinuous()), the centre and each
// endpoint's label; and the same patients by centre, descriptive, when there is more than one
// centre. Leaves both tables empty when the run has no split yet.
void addPatientCharacteristics(project::ProjectDb& db, std::int64_t runId, StudyEvidence& study);

}  // namespace drs
