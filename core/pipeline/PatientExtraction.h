#pragma once
// The study pipeline's per-patient step, features:<patient> (regions and the radiomics of tumour
// and ring), in two halves: computing it, and recording it in a run. The pipeline does both in
// one process; cluster shards (ProjectShards.h) compute on the nodes and drs merge records, with
// these same functions, so both paths store the same rows.
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/pipeline/StudyPipeline.h"
#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/radiomics/Extractor.h"
#include "core/roi/Regions.h"

namespace drs {

struct PatientFeatures {
    Regions regions;
    std::vector<radiomics::Feature> tumour, ring;
};

PatientFeatures computePatient(const project::CaseFiles& files, const StudyOptions& options);

// The feature set of a region under the options (settings hash and release), as the pipeline keys it:
// a ring of another thickness than the paper's 3 mm has a set of its own, so runs with different
// rings in one project never read each other's values.
project::FeatureSetKey featureSetKey(const std::string& region, const StudyOptions& options);
std::string stepOfPatient(std::int64_t patientId);

// Writes the tumour, ring and patch files of a patient into `folder` (absolute) and describes them
// as region rows whose paths are "regions/<pseudonym>/<kind>.nii.gz" (relative to a project's
// files folder; ring-<MM>mm.nii.gz for a ring other than 3 mm, the patch as patchFileOf names it)
// and whose hashes are those of the files written.
std::array<project::RegionRow, 3> writeRegionFiles(const Regions& regions, const RegionSettings& settings,
                                                   const std::string& pseudonym, const std::string& folder);
// "regions/<pseudonym>": where a patient's region files live under the project's files folder.
std::string regionFolderOf(const std::string& pseudonym);
// The patient's deep patch under those settings: "regions/<pseudonym>/patch.nii.gz" for the
// paper's native patch, patch-fit<K>.nii.gz or patch-<MM>mm.nii.gz otherwise, so runs of one
// project with different patches, even at the same time, each read their own.
std::string patchFileOf(const std::string& pseudonym, const RegionSettings& settings);

using NamedValues = std::vector<std::pair<std::string, double>>;
NamedValues namedValues(const std::vector<radiomics::Feature>& features);

// Records a computed step in the run, in one transaction: the regions (their files already under
// the project's files folder), both feature sets' values, the ROI version used, the step's mark.
void recordPatientStep(project::ProjectDb& db, std::int64_t runId, std::int64_t tumourSet, std::int64_t ringSet,
                       const project::CaseFiles& files, const std::array<project::RegionRow, 3>& regions,
                       const NamedValues& tumour, const NamedValues& ring);

}  // namespace drs
