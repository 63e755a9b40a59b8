#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/pipeline/Evidence.h"
#include "core/project/ProjectDb.h"

namespace drs::project {

// Keeps the pipeline's evidence (core/pipeline/Evidence.h) in the project, losslessly (JSON per
// document; NaN and infinities survive), so the report and the GUI read exactly what the pipeline
// computed. Patients are named by pseudonym, as in the evidence.
class EvidenceStore {
public:
    explicit EvidenceStore(ProjectDb& db) : db_(db) {}

    // One transaction: the endpoint's evidence and its train/test split (RunRepository::split sees it).
    // Refused with an Error, leaving the project unchanged, when a patient is unknown, a patient is in
    // both subsets, or a label differs from the project's label for that patient and endpoint:
    // labels live once, in the labels table.
    void saveEndpoint(std::int64_t runId, const EndpointEvidence& evidence);
    EndpointEvidence loadEndpoint(std::int64_t runId, const std::string& endpoint);
    std::vector<std::string> savedEndpoints(std::int64_t runId);  // in save order

    // Cohort table and provenance (StudyEvidence without its endpoints).
    void saveStudy(std::int64_t runId, const StudyEvidence& evidence);
    // The study-level parts plus every saved endpoint.
    StudyEvidence loadStudy(std::int64_t runId);

    void savePatientPrediction(std::int64_t runId, const PatientPrediction& prediction);
    PatientPrediction loadPatientPrediction(std::int64_t runId, const std::string& pseudonym);

private:
    void save(std::int64_t runId, const std::string& kind, const std::string& key, const std::string& json);
    std::string load(std::int64_t runId, const std::string& kind, const std::string& key);
    ProjectDb& db_;
};

}  // namespace drs::project
