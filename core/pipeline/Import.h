#pragma once
// Cohort import: a folder of studies with tumour ROIs plus a clinical CSV -> the project database,
// pseudonymised. Each patient is imported in one transaction, so a refused or failed patient leaves
// the database as it was.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/project/ProjectDb.h"
#include "core/util/Csv.h"
#include "core/util/Progress.h"

namespace drs {

// The ten endpoint columns the clinical CSV may hold (0, 1, or empty / NA for unknown).
const std::vector<std::string>& importEndpointColumns();

struct ImportOptions {
    // RTSTRUCT ROI to import; empty: the file must define exactly one ROI with contours.
    std::string roiName;
    // Of a study folder holding several ROI files (TCIA's NSCLC-Radiomics holds an RTSTRUCT and a SEG
    // of each tumour): the type to import, "rtstruct", "seg" or "seg.nrrd"; empty: any. Several left
    // are narrowed to those defining roiName; a folder where more than one is still left is refused.
    std::string roiFileType;
    // Label value of the tumour in NIfTI / NRRD masks.
    int maskLabel = 1;
    // The site key file pseudonyms are made with; empty: $DRS_KEY_FILE, else the user's configuration
    // folder (created on first use; see core/image/Pseudonym.h).
    std::string keyFile;
    // Decide and check everything (every image and ROI is read) but write nothing: the import
    // preview. Accepted outcomes then say what would be imported.
    bool dryRun = false;
    // The clinical columns to store besides patient_id, the endpoints and "centre": only these, and
    // only if their values do not identify patients (IdentifierColumns.h). The import report names
    // every column left out. Empty for an external cohort: the project's clinical columns, all of
    // which it must have.
    std::vector<std::string> covariates;
    // Non-empty: the patients form this new external validation cohort, locked out of every
    // fit (ExternalCohort.h); its clinical CSV must have exactly the project's endpoint and
    // clinical columns.
    std::string externalCohort;
    // Studies read, checked and written side by side (0: one per hardware thread); each holds its
    // image in memory until it is recorded. The outcome does not depend on it.
    int threads = 2;
};

// What happened to one study folder or clinical row. The report is for the person importing and
// names patients by their source identifiers; it is never stored in the project.
struct ImportOutcome {
    std::string source;     // study folder name, or "clinical.csv line N"
    std::string patientId;  // as in the source
    bool accepted = false;
    std::string pseudonym;   // when accepted
    std::string reason;      // why it was refused
    bool transient = false;  // refused only because the project was busy: running again may accept it
    // Of an accepted study: its ROI and image as imported.
    std::string roiName;
    std::size_t roiVoxels = 0;
    std::array<std::int64_t, 3> sizeXyz{0, 0, 0};
    std::string note;  // e.g. which image series was imported when the folder held several
};

struct ImportReport {
    std::vector<ImportOutcome> outcomes;  // study folders in name order, then clinical rows without a study
    std::vector<std::string> warnings;    // e.g. an endpoint without positive labels
    std::size_t acceptedCount() const;
    std::size_t refusedCount() const;
    std::size_t transientCount() const;
    // status, source, patient_id, pseudonym, reason, note
    CsvTable table() const;
};

// Imports every immediate sub-folder of studiesFolder as one patient's study:
//  - DICOM: one CT image series (in any sub-folder), or several of which the RTSTRUCT or SEG file
//    references one, and that ROI file (chosen among several by options.roiFileType and roiName);
//    the patient id is the DICOM PatientID;
//  - or an image/mask pair: image.{nii,nii.gz,nrrd,nhdr,mha,mhd} and mask.* (also *_image.* and
//    *_mask.*); the patient id is the folder name.
// The image and a binary mask (1 = ROI) are written as NIfTI under the project's files folder, named
// by pseudonym (HMAC of the patient id under the site key); the database keeps their paths and SHA-256s and the hash of
// the source files. clinicalCsv needs a patient_id column; endpoint columns become labels; "centre" and the declared
// covariates become clinical values ("centre" also names the patient's centre).
// Throws Error only for problems with the inputs as a whole (missing folder, unreadable CSV, no
// patient_id column); each patient's problem is a refusal in the report.
ImportReport importCohort(project::ProjectDb& db, const std::string& studiesFolder, const std::string& clinicalCsv,
                          const ImportOptions& options, Progress& progress);

}  // namespace drs
