#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/pipeline/EndpointAnalysis.h"
#include "core/pipeline/Evidence.h"
#include "core/project/ProjectDb.h"
#include "core/project/Runs.h"
#include "core/radiomics/Settings.h"
#include "core/roi/Regions.h"
#include "core/util/Progress.h"

namespace drs {

struct StudyOptions {
    std::uint64_t seed = 0;
    double testFraction = 0.3;
    RegionSettings regions;
    radiomics::Settings radiomics;
    bool wavelet = true;  // 851 features per region; false: the 107 of the original image
    EndpointOptions endpoint;
    // Patients' radiomics, cross-validation folds, and Deep-CT networks side by side (threads
    // divided by the networks' own LibTorch threads, endpoint.deep.threads).
    int threads = 2;
    std::vector<std::string> endpoints;  // empty: every endpoint of the project

    // The paper's method sized for 2 CPU cores: 851 features per region, 7 classifiers x 5 folds
    // x 10 repeats, Deep-CT with DenseNet121's topology at a quarter of its widths, <= 8 epochs.
    static StudyOptions standard();
    // The CI / quick-look configuration: as standard, with the 107 original-image features per
    // region, 5 folds x 2 repeats and <= 6 Deep-CT epochs.
    static StudyOptions fast();
    // The paper's network in place of the budget one (DeepCtOptions::paper()): one single-task
    // network per endpoint trained once, not per outer fold, since six full-width networks per run
    // would take most of a day on a CPU; the evidence then says the deep CV AUCs are optimistic.
    // The Deep-CT thread count is kept.
    void usePaperNetwork();

    // Every setting that changes a number, as the run's parameters record.
    std::string toJson() const;
};

// The study workflow on a project database, as resumable steps:
//   features:<patient>  regions (tumour, ring, deep patch) and radiomics of both regions
//   split               one training/test split shared by every endpoint
//   deep-network:fold-<k>, deep-network:repeat-<r>-fold-<k> (r >= 2), deep-network:final
//                       with EndpointOptions::deepPerOuterFold (the default): one multi-task Deep-CT
//                       network per outer fold of each repeat of the plan shared by every endpoint,
//                       trained on that fold's training patients, and the final one on every training patient
//                       (core/pipeline/SharedDeepCt.h); each step keeps its network's deep features
//   endpoint:<name>     RadScores, Deep-CT (its own single-task network without deepPerOuterFold),
//                       nested CV, final models, test predictions, evidence
//   test-evaluation     every endpoint's test cohort evaluated once, after every endpoint is fitted
// Each step's results and its "done" mark are written in one transaction, so a crash or a
// cancel leaves the database consistent, and run() on the same project resumes the newest
// unfinished run where it stopped, with the same numbers an uninterrupted run gives.
class StudyPipeline {
public:
    StudyPipeline(project::ProjectDb& db, DeepCtPort& deep) : db_(db), deep_(deep) {}

    // Returns the run id. With resume, an unfinished "pipeline" run with the same parameters is
    // continued; otherwise (or when none exists) a new run starts.
    std::int64_t run(const StudyOptions& options, Progress& progress, bool resume = true);

private:
    void extractFeatures(std::int64_t runId, const StudyOptions& options, Progress& progress);
    void drawSplit(std::int64_t runId, const StudyOptions& options);
    void trainSharedNetworks(std::int64_t runId, const std::vector<std::string>& endpoints, const StudyOptions& options,
                             Progress& progress);
    void analyse(std::int64_t runId, const std::string& endpoint, const StudyOptions& options, Progress& progress);
    void evaluateTestCohort(std::int64_t runId, const std::vector<std::string>& endpoints);

    project::ProjectDb& db_;
    DeepCtPort& deep_;
    struct SharedNetworks;
    std::shared_ptr<const SharedNetworks> shared_;  // of the run being worked on, once trained
};

// The evidence of a run (cohort table, every analysed endpoint, provenance) from the database.
StudyEvidence runEvidence(project::ProjectDb& db, std::int64_t runId);

// The newest finished pipeline run of the project; throws Error when there is none.
std::int64_t newestFinishedRun(project::ProjectDb& db);

// Every pipeline run of the project (finished, running, cancelled or failed), newest first.
std::vector<project::RunRow> pipelineRuns(project::ProjectDb& db);

// The newest pipeline run with these parameters that did not finish (killed, cancelled or failed)
// and used no superseded ROI version: the run StudyPipeline::run resumes; 0 when there is none.
std::int64_t resumableRun(project::ProjectDb& db, const std::string& parametersJson);
// A new pipeline run (status running) with the parameters and seed, and this release's versions.
std::int64_t startRun(project::ProjectDb& db, const std::string& parametersJson, std::uint64_t seed);

// Where a run keeps its model files, relative to the project's files folder.
std::string runModelFolder(std::int64_t runId);

}  // namespace drs
