#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs::project {

struct PatientRow {
    std::int64_t id = 0;
    std::string pseudonym;
    std::string centre;
};

// An image as imported into the project: a pseudonymised copy under the project's files folder.
struct StudyRow {
    std::int64_t id = 0;
    std::int64_t patientId = 0;
    std::string modality;
    std::string sourceKind;    // dicom | nifti | nrrd | other
    std::string sourceSha256;  // hash of the source files, for provenance (no source path: it may name the patient)
    std::string imagePath;     // relative to ProjectDb::filesFolder()
    std::string imageSha256;
    std::array<std::int64_t, 3> sizeXyz{0, 0, 0};
    std::array<double, 3> spacingMm{0, 0, 0};
};

struct RoiRow {
    std::int64_t id = 0;
    std::int64_t studyId = 0;
    std::string name;
    std::string sourceKind;  // rtstruct | labelmap | seg | drawn
    std::string sourceSha256;
    std::string maskPath;  // binary mask on the study's grid, relative to filesFolder()
    std::string maskSha256;
    std::int64_t voxelCount = 0;
    int version = 1;  // the current version (RoiRepository); maskPath is its mask
};

struct RegionRow {
    std::int64_t id = 0;
    std::int64_t roiId = 0;
    std::string kind;  // tumour | ring | patch
    std::string path;  // relative to filesFolder()
    std::string sha256;
    std::int64_t voxelCount = 0;
    double volumeMm3 = 0;
    std::string detailsJson = "{}";
};

// Everything a pipeline step needs to load one patient's image and tumour mask.
struct CaseFiles {
    std::int64_t patientId = 0;
    std::string pseudonym;
    std::string centre;
    std::int64_t studyId = 0;
    std::int64_t roiId = 0;
    std::string imagePath;  // absolute
    std::string maskPath;   // absolute
    int roiVersion = 1;     // the ROI version maskPath holds
};

struct LabelRow {
    std::int64_t patientId = 0;
    int value = 0;  // 0 or 1
};

// The development cohort (training and internal test): every patient outside an external cohort.
inline constexpr std::int64_t kDevelopmentCohort = 0;

// Patients, clinical variables, studies, ROIs, derived regions, endpoints and labels.
// Every write method is one transaction (joining the caller's, when one is open).
//
// External validation cohorts are locked: patients(), caseFiles() and labels() read one cohort,
// the development cohort unless an external cohort's id is given, so nothing that fits, selects
// or chooses thresholds can see an external patient; the database also refuses an external
// patient in a split (and so in any fold).
class CohortRepository {
public:
    explicit CohortRepository(ProjectDb& db) : db_(db) {}

    // Throws Error when the pseudonym is already in the project (in any cohort).
    std::int64_t addPatient(const std::string& pseudonym, const std::string& centre,
                            std::int64_t externalCohortId = kDevelopmentCohort);
    std::optional<std::int64_t> findPatient(const std::string& pseudonym);
    std::vector<PatientRow> patients(std::int64_t cohortId = kDevelopmentCohort);  // ordered by id

    // Throws Error when a cohort of that name exists.
    std::int64_t addExternalCohort(const std::string& name);
    std::optional<std::int64_t> findExternalCohort(const std::string& name);
    std::vector<std::string> externalCohorts();  // ordered by id
    // Names of the clinical variables the cohort's patients carry, sorted.
    std::vector<std::string> clinicalVariableNames(std::int64_t cohortId = kDevelopmentCohort);
    void setClinicalValue(std::int64_t patientId, const std::string& name, const std::string& value);
    std::map<std::string, std::string> clinicalValues(std::int64_t patientId);

    std::int64_t addStudy(const StudyRow& study);
    std::vector<StudyRow> studies(std::int64_t patientId);
    // A new ROI, as its version 1.
    std::int64_t addRoi(const RoiRow& roi);
    std::vector<RoiRow> rois(std::int64_t studyId);
    // Inserts or replaces the region of that kind for the ROI.
    std::int64_t saveRegion(const RegionRow& region);
    std::vector<RegionRow> regions(std::int64_t roiId);
    // First study and its first ROI of every patient of the cohort that has both, ordered by patient id.
    std::vector<CaseFiles> caseFiles(std::int64_t cohortId = kDevelopmentCohort);

    std::int64_t ensureEndpoint(const std::string& name);
    std::vector<std::string> endpoints();  // ordered by id (import order)
    // Sets or replaces the one label of a patient for an endpoint (value 0 or 1).
    void setLabel(std::int64_t patientId, const std::string& endpoint, int value);
    // Labelled patients of the cohort for an endpoint, ordered by patient id; patients without a
    // label are absent.
    std::vector<LabelRow> labels(const std::string& endpoint, std::int64_t cohortId = kDevelopmentCohort);

private:
    ProjectDb& db_;
};

}  // namespace drs::project
