// drs report: renders saved evidence (study) or a saved prediction (one patient) as a PDF.
// Present only in builds with the report writer (DRS_WITH_GUI); main() then runs a QApplication
// on the offscreen platform, which the charts need.
#ifdef DRS_WITH_REPORT
#include <iostream>

#include "app/cli/Command.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/util/Error.h"
#include "ui/report/ReportWriter.h"

namespace drs::cli {
namespace {

int runReport(const Args& args) {
    args.allowOnly({"evidence", "patient", "project", "run", "out"});
    if (!args.positional().empty()) throw Error("unexpected argument '" + args.positional().front() + "'");
    if (args.has("evidence") + args.has("patient") + args.has("project") != 1)
        throw Error("give exactly one of --project P.sqlite, --evidence EVIDENCE.json or --patient PREDICTION.json");
    const std::string out = args.value("out");
    if (args.has("project")) {
        project::ProjectDb db(existingProject(args));
        ConsoleProgress progress(false);
        writeRunReport(db, args.has("run") ? args.integer("run", 0) : newestFinishedRun(db), out, progress);
    } else if (args.has("evidence")) {
        const StudyEvidence evidence = readStudyEvidence(args.value("evidence"));
        CallbackProgress progress([](double, const std::string& message) { std::cerr << message << "\n"; });
        writeStudyReport(evidence, out, &progress);
    } else {
        writePatientReport(readPatientPrediction(args.value("patient")), out);
    }
    std::cout << out << "\n";
    return 0;
}

const Registrar registrar({"report",
                           "PDF report of a project's run, of saved study evidence, or of a patient prediction",
                           "(--project P.sqlite [--run ID] | --evidence EVIDENCE.json | --patient PREDICTION.json) "
                           "--out REPORT.pdf",
                           {},
                           runReport});

}  // namespace
}  // namespace drs::cli
#endif
