#pragma once
// The demo cohort's truth linked to a project and compared with what a run recovered. The truth
// is the generator's (docs/demo-cohort.md), no patient's data, so it may carry pseudonyms.
#include <map>
#include <string>
#include <vector>

#include "core/pipeline/Evidence.h"

namespace drs::synthetic {

// Adds a `pseudonym` column after `patient_id` to the truth CSV (cohort/truth.csv), from the
// import's patient_id -> pseudonym map; a patient the import refused keeps an empty cell. The file
// is replaced atomically; a file that already has the column is left as it is.
void addPseudonymsToTruth(const std::string& truthCsv, const std::map<std::string, std::string>& pseudonymByPatientId);

// Per analysed endpoint of the run: the oracle AUC of the planted latent score on the run's test
// patients (with and without the pattern latent), the three models' test AUCs, the share of the
// chance-to-oracle gap the Deep-RadScore model closed, and how strongly a deep feature follows the
// pattern latent. Patients are matched by the truth CSV's pseudonym column; throws Error naming the
// file when it has none or a test patient is missing from it.
std::vector<DemoTruthRecovery> truthRecovery(const std::string& truthCsv, const StudyEvidence& evidence);

}  // namespace drs::synthetic
