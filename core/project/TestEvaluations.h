#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs::project {

// The record that a run's test cohort was evaluated for an endpoint: when, on how many patients,
// and which fitted models (SHA-256 of the model bundle). A run evaluates its test cohort once:
// a second record for the same run and endpoint is refused, and a record is never changed.
struct TestEvaluationRow {
    std::int64_t runId = 0;
    std::string endpoint;
    std::string evaluatedAt;
    int testPatients = 0;
    std::string modelsSha256;
};

class TestEvaluationRepository {
public:
    explicit TestEvaluationRepository(ProjectDb& db) : db_(db) {}

    // Throws Error naming the run and endpoint when that test cohort was already evaluated.
    void record(std::int64_t runId, const std::string& endpoint, int testPatients, const std::string& modelsSha256);
    std::vector<TestEvaluationRow> evaluations(std::int64_t runId);  // by endpoint name

private:
    ProjectDb& db_;
};

}  // namespace drs::project
