#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs::project {

struct RunRow {
    std::int64_t id = 0;
    std::string kind;            // e.g. "pipeline"
    std::string parametersJson;  // every setting the run used
    std::int64_t seed = 0;
    std::string versionsJson;  // software and library versions
    std::string startedAt;
    std::string finishedAt;  // empty while running
    std::string status;      // running | finished | failed | cancelled
    std::string message;
};

struct SplitRow {
    std::int64_t patientId = 0;
    bool test = false;
};

struct FoldRow {
    int repeat = 0;
    std::int64_t patientId = 0;
    int fold = 0;
};

// Runs, their step checkpoints (resume), and the train/test splits and CV folds they drew.
class RunRepository {
public:
    explicit RunRepository(ProjectDb& db) : db_(db) {}

    std::int64_t start(const std::string& kind, const std::string& parametersJson, std::int64_t seed,
                       const std::string& versionsJson);
    std::optional<RunRow> run(std::int64_t runId);
    // The newest run of that kind still marked running (interrupted), to resume it.
    std::optional<RunRow> latestUnfinished(const std::string& kind);
    // Every run of that kind, newest first.
    std::vector<RunRow> runs(const std::string& kind);
    // Status finished, failed or cancelled, with the end time and an optional message.
    void finish(std::int64_t runId, const std::string& status, const std::string& message = "");
    // Reopens an interrupted, failed or cancelled run for resuming (status back to running).
    void reopen(std::int64_t runId);
    // Records what computed part of the run under `key` of its versions JSON: set when absent; when
    // a resumed run is computed by something else, the record keeps both ("A; resumed with B").
    void recordVersion(std::int64_t runId, const std::string& key, const std::string& value);

    // Call inside the transaction that stores the step's results, so both land or neither does.
    void markStepDone(std::int64_t runId, const std::string& step, const std::string& checkpointJson = "{}");
    bool isStepDone(std::int64_t runId, const std::string& step);
    std::optional<std::string> checkpoint(std::int64_t runId, const std::string& step);

    // Replaces the run's split for an endpoint (and drops its folds). One transaction.
    void saveSplit(std::int64_t runId, const std::string& endpoint, const std::vector<SplitRow>& split);
    std::vector<SplitRow> split(std::int64_t runId, const std::string& endpoint);  // by patient id
    // Replaces the CV folds of an endpoint; every patient must be in the training subset of its split
    // (the database refuses the whole batch otherwise).
    void saveFolds(std::int64_t runId, const std::string& endpoint, const std::vector<FoldRow>& folds);
    std::vector<FoldRow> folds(std::int64_t runId, const std::string& endpoint);  // by repeat, patient id

private:
    std::int64_t endpointId(const std::string& endpoint);
    ProjectDb& db_;
};

}  // namespace drs::project
