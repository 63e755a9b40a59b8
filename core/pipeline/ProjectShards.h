#pragma once
// The study pipeline's features step as a cluster job: each array task computes the regions and
// radiomics of its share of the project's patients into a shard folder (reading the project only),
// and the merge records them in a pipeline run with the task's options, so that `drs train` with
// the same options resumes that run and computes no patient again. A merge records exactly what the
// pipeline records for a patient (PatientExtraction.h), so its rows equal a single run's.
#include <cstdint>
#include <string>
#include <vector>

#include "core/pipeline/Shard.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/project/ProjectDb.h"
#include "core/util/Progress.h"

namespace drs {

struct ShardTaskSummary {
    std::size_t computed = 0, alreadyDone = 0;
    std::vector<std::string> failures;  // "pseudonym: reason"
};

// Computes the task's share of the project's cases (CohortRepository::caseFiles, by patient id).
// A case whose ROI was edited since its stored result is computed again.
ShardTaskSummary extractProjectShard(project::ProjectDb& db, const StudyOptions& options, const Shard& shard,
                                     const std::string& folder, Progress& progress);

struct ShardMergeSummary {
    std::int64_t runId = 0;
    std::size_t merged = 0, alreadyMerged = 0;
    // Cases not merged, with the reason: failed in their task, or their ROI changed since (run the
    // task again, then merge again).
    std::vector<std::string> skipped;
};

// Records every case of the folder in the newest unfinished pipeline run with the tasks' options
// (a new run, marked cancelled until `drs train` continues it, when there is none). Cases already
// recorded in that run are left as they are, so merging twice changes nothing.
ShardMergeSummary mergeProjectShards(project::ProjectDb& db, const std::string& folder);

}  // namespace drs
