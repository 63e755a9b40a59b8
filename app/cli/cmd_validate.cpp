// drs validate: a finished run evaluated on a locked external cohort (core/pipeline/ExternalValidation.h).
#include <iostream>

#include "app/cli/Command.h"
#include "core/pipeline/ExternalValidation.h"
#include "core/pipeline/ReportingRules.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/project/ProjectDb.h"
#include "core/util/Error.h"
#include "models/TorchDeepCt.h"

namespace drs::cli {
namespace {

int runValidate(const Args& args) {
    args.allowOnly({"project", "run", "external", "quiet"});
    if (!args.positional().empty()) throw Error("unexpected argument '" + args.positional().front() + "'");
    project::ProjectDb db(existingProject(args));
    const std::int64_t runId = args.has("run") ? args.integer("run", 0) : newestFinishedRun(db);
    const auto deep = models::makeTorchDeepCt();
    ConsoleProgress progress(args.has("quiet"));
    const ExternalValidation validation = validateOnExternalCohort(db, *deep, runId, args.value("external"), progress);
    std::cout << "endpoint,model,patients,events,auc,ci_low,ci_high,threshold,sensitivity,specificity,brier,"
                 "calibration_slope,descriptive\n";
    for (const auto& e : validation.endpoints) {
        if (e.models.empty()) {
            std::cout << e.endpoint << ",not evaluated," << e.testLabels.size() << "," << testEvents(e)
                      << ",,,,,,,,,\n";
            continue;
        }
        for (const auto& m : e.models)
            std::cout << e.endpoint << "," << m.model << "," << e.testLabels.size() << "," << testEvents(e) << ","
                      << formatDouble(m.testAuc) << "," << formatDouble(m.testAucCiLow) << ","
                      << formatDouble(m.testAucCiHigh) << "," << formatDouble(m.testMetrics.threshold) << ","
                      << formatDouble(m.testMetrics.recall) << "," << formatDouble(m.testMetrics.specificity) << ","
                      << formatDouble(m.brier) << "," << formatDouble(m.calibrationSlope) << ","
                      << (isDescriptiveOnly(e) ? "yes" : "no") << "\n";
    }
    for (const auto& note : validation.notes) std::cerr << "note: " << note << "\n";
    return 0;
}

const Registrar registrar({"validate",
                           "evaluate a finished run on a locked external cohort (AUC with DeLong CI, metrics at the "
                           "run's thresholds, calibration, paired DeLong); stored in the project",
                           "--project P.sqlite --external NAME [--run ID (newest finished)] [--quiet]",
                           {"quiet"},
                           runValidate});

}  // namespace
}  // namespace drs::cli
