#pragma once
#include <cstdint>
#include <string>

#include "core/pipeline/DeepCtPort.h"
#include "core/pipeline/Evidence.h"
#include "core/project/ProjectDb.h"
#include "core/util/Progress.h"

namespace drs {

struct PredictionRequest {
    std::string studyPath;  // DICOM folder, NIfTI or NRRD
    // Of a DICOM folder holding several image series; empty: it holds one, or the mask references one.
    std::string seriesInstanceUid;
    std::string maskPath;      // label map, RTSTRUCT, DICOM SEG or 3D Slicer segmentation (readMaskOnGrid)
    std::string roiName;       // the ROI or segment the file names; empty: the only one
    std::uint16_t label = 1;   // label value, when the file does not hold one named ROI
    std::int64_t runId = 0;    // 0: the newest finished pipeline run
    std::string centre;        // for a run harmonised by centre (ComBat); empty: a project patient's own, else unknown
    std::string outputFolder;  // patch and Grad-CAM images are written here
    std::string keyFile;       // site key for the patient's pseudonym; empty: the default (Pseudonym.h)
    bool showPaths = false;    // record the study's and mask's absolute paths (see recordedSourcePath)
};

// How a source file is named in a prediction and its report: a file in the project's files folder
// (the program's own copies, named by pseudonym) as "<files folder>/<path inside it>"; any other
// path not at all (empty), since folder and file names are often the patient's identifier or name,
// beside the project too (a cohort folder of hospital IDs); with showPaths, the absolute path.
std::string recordedSourcePath(const std::string& path, const std::string& filesFolder, bool showPaths);

// Predicts every analysed endpoint for one new patient with a finished run's models: the same
// regions and radiomic settings as the run, both RadScores, the Deep-CT features, and the
// Deep-RadScore model's probability against its operating point (the Youden threshold of its
// out-of-fold training predictions), with that model's test-set AUC, sensitivity and specificity.
PatientPrediction predictPatient(project::ProjectDb& db, DeepCtPort& deep, const PredictionRequest& request,
                                 Progress& progress);

}  // namespace drs
