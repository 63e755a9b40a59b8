// The study report of a run kept with its project, as `drs train/report/demo` and the GUI write it.
#include <filesystem>

#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/project/Results.h"
#include "ui/report/ReportWriter.h"

namespace drs {

void writeRunReport(project::ProjectDb& db, std::int64_t runId, const std::string& pdf, Progress& progress) {
    namespace fs = std::filesystem;
    const StudyEvidence evidence = runEvidence(db, runId);
    const std::string stem = "reports/run-" + std::to_string(runId);
    fs::create_directories(fs::u8path(db.absoluteFilePath("reports")));
    writeStudyReport(evidence, db.absoluteFilePath(stem + ".pdf"), &progress);
    writeStudyEvidence(db.absoluteFilePath(stem + "-evidence.json"), evidence);
    project::ResultRepository(db).addReport(runId, "cohort", stem + ".pdf");
    if (!pdf.empty())
        fs::copy_file(fs::u8path(db.absoluteFilePath(stem + ".pdf")), fs::u8path(pdf),
                      fs::copy_options::overwrite_existing);
}

}  // namespace drs
