#pragma once
// drs validate: a finished run evaluated once on a locked external cohort. Nothing is fitted,
// selected or chosen here: each external patient gets the run's regions and radiomics, its
// RadScores, Deep-CT features and the three models' probabilities, judged at the run's own
// operating thresholds.
#include <cstdint>
#include <string>

#include "core/pipeline/DeepCtPort.h"
#include "core/pipeline/Evidence.h"
#include "core/project/ProjectDb.h"
#include "core/util/Progress.h"

namespace drs {

// Per analysed endpoint with both classes among the cohort's labelled patients: AUC with DeLong
// CI, metrics at the run's threshold, calibration, net benefit and paired DeLong tests between
// the three models. Stored in one transaction (replacing an earlier validation of the same run on
// the same cohort): the evidence, every probability, the metrics and comparisons under the subset
// "external:<cohort>". Throws Error, writing nothing, when the run is missing or not finished,
// or the cohort is unknown or has no analysable patient.
ExternalValidation validateOnExternalCohort(project::ProjectDb& db, DeepCtPort& deep, std::int64_t runId,
                                            const std::string& cohort, Progress& progress);

// The stored validations of a run, in cohort order (empty when there are none).
std::vector<ExternalValidation> externalValidations(project::ProjectDb& db, std::int64_t runId);

}  // namespace drs
