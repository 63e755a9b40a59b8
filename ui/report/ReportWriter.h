#pragma once
#include <string>

#include "core/pipeline/Evidence.h"
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

}  // namespace drs
