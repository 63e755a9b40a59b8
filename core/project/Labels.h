#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs::project {

// One edit of a label after import. A missing value means "no label" (unknown).
struct LabelChange {
    std::int64_t id = 0;
    std::int64_t patientId = 0;
    std::string endpoint;
    std::optional<int> oldValue;
    std::optional<int> newValue;
    std::string reason;
    std::string changedAt;  // ISO-8601 UTC
    std::string changedBy;  // login@machine; empty for changes recorded before schema version 7
};

// A patient of a run whose label for the endpoint has another value now than when the run started.
struct SupersededLabel {
    std::int64_t runId = 0;
    std::string endpoint;
    std::int64_t patientId = 0;
    std::optional<int> usedValue;
    std::optional<int> currentValue;
};

// An edit refused because someone else changed the label after the editor read it.
class LabelConflict : public Error {
public:
    using Error::Error;
};

// Label edits with their history. Import sets the first labels (CohortRepository::setLabel); every
// later change goes through change(), which writes the label and its history row together, so the
// database can tell which runs were based on labels that have been superseded since.
class LabelRepository {
public:
    explicit LabelRepository(ProjectDb& db) : db_(db) {}

    std::optional<int> label(std::int64_t patientId, const std::string& endpoint);
    // Sets the label (0 or 1) or removes it (nullopt) and records the change with who made it
    // (login@machine), in one transaction.
    // The endpoint must exist and the reason must not be empty (Error otherwise). Returns false and
    // records nothing when the label already has that value.
    bool change(std::int64_t patientId, const std::string& endpoint, std::optional<int> value,
                const std::string& reason);
    // The same for an editor who saw the label as `seen`: when it holds another value now (another
    // coordinator changed it since), nothing is written and LabelConflict says who changed it to
    // what, when and why. Two editors changing the same label from the same value: the first wins.
    bool changeFrom(std::int64_t patientId, const std::string& endpoint, std::optional<int> seen,
                    std::optional<int> value, const std::string& reason);
    std::vector<LabelChange> changes();             // oldest first
    std::vector<SupersededLabel> supersededRuns();  // by run, endpoint, patient
    bool isRunOnSupersededLabels(std::int64_t runId);

private:
    std::int64_t endpointId(const std::string& endpoint);
    bool write(std::int64_t patientId, const std::string& endpoint, const std::optional<int>* seen,
               std::optional<int> value, const std::string& reason);
    ProjectDb& db_;
};

}  // namespace drs::project
