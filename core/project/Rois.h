#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"

namespace drs::project {

struct RoiVersionRow {
    std::int64_t roiId = 0;
    int version = 0;
    std::string sourceKind;  // rtstruct | labelmap | seg | drawn
    std::string sourceSha256;
    std::string maskPath;  // relative to filesFolder(); never removed while the project holds the version
    std::string maskSha256;
    std::int64_t voxelCount = 0;
    std::string reason;
    std::string createdAt;
};

// A value derived from an older version of its ROI than the current one.
struct StaleUse {
    std::int64_t id = 0;  // run id (staleRuns) or feature set id (staleFeatures)
    std::int64_t patientId = 0;
    std::int64_t roiId = 0;
    int usedVersion = 0;
    int currentVersion = 0;
};

// ROI versions and what was derived from which. An edited outline becomes a new version of its ROI
// (the old versions and their masks stay); regions, feature values and runs record the version
// they were computed from, and are stale once a newer version exists: they are listed as such and
// a pipeline run never resumes on them (StudyPipeline starts a new run instead).
class RoiRepository {
public:
    explicit RoiRepository(ProjectDb& db) : db_(db) {}

    std::optional<RoiRow> roi(std::int64_t roiId);
    std::vector<RoiVersionRow> versions(std::int64_t roiId);  // oldest first
    // The patient's current tumour ROI: the first ROI of the first study (what the pipeline reads).
    std::optional<CaseFiles> caseOf(std::int64_t patientId);

    // Stores `mask` (non-zero voxels are the ROI; the study's grid) as the next version of the ROI
    // and makes it current: the mask file under masks/, then its row, in one transaction.
    // baseVersion is the version the edit started from: when someone saved another version since,
    // nothing is stored and Error says so (nobody's committed work is overwritten). Also refused:
    // an empty mask, a mask of another size than the study. Returns the new version number.
    int saveVersion(std::int64_t roiId, int baseVersion, const LabelMap& mask, const std::string& sourceKind,
                    const std::string& reason);

    // Records that a run derived the patient's regions and the given feature sets from this ROI
    // version. Call in the transaction that stores them.
    void recordUse(std::int64_t runId, const std::vector<std::int64_t>& featureSetIds, const CaseFiles& use);

    std::vector<StaleUse> staleRuns();
    std::vector<StaleUse> staleFeatures();
    bool isRunStale(std::int64_t runId);

private:
    ProjectDb& db_;
};

}  // namespace drs::project
