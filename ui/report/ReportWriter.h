#pragma once
#include <string>

#include "core/pipeline/Evidence.h"
#include "core/project/ProjectDb.h"
#include "core/util/Progress.h"

namespace drs {

// PDF reports (A4). Both need a running QApplication and must be called from its (main) thread:
// charts are QCustomPlot widgets drawn as vectors. Headless callers use the offscreen platform;
// GUI workers hand the evidence back to the GUI thread to print. The file is written atomically: on any
// failure the previous file at pdfPath (if any) is untouched and an Error names the path.

// The study report: title page, cohort table, three pages per endpoint (discrimination,
// explanation, images and clinical usefulness), notes, provenance. docs/report.md shows the pages.
void writeStudyReport(const StudyEvidence& evidence, const std::string& pdfPath, Progress* progress = nullptr);

// One new patient's predictions for every endpoint, with the ROI images and provenance.
void writePatientReport(const PatientPrediction& prediction, const std::string& pdfPath);

// A run's study report kept with its project: reports/run-N.pdf under the project's files
// folder with the evidence as JSON beside it, recorded in the database, and copied to pdfPath
// when that is not empty. Called from the thread that opened db (the main thread, as above).
void writeRunReport(project::ProjectDb& db, std::int64_t runId, const std::string& pdfPath, Progress& progress);

}  // namespace drs
