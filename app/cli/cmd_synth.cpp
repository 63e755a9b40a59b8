#include <iostream>

#include "app/cli/Command.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

int runSynth(const Args& args) {
    args.allowOnly({"out", "patients", "seed", "quiet"});
    const long patients = args.integer("patients", 60);
    const long seed = args.integer("seed", 0);
    if (seed < 0) throw Error("--seed " + std::to_string(seed) + ": the seed must not be negative");
    const bool quiet = args.has("quiet");
    ConsoleProgress progress(quiet);
    const auto files = synthetic::writeSyntheticCohort(args.value("out"), static_cast<int>(patients),
                                                       static_cast<std::uint64_t>(seed), progress);
    std::cout << "studies:  " << files.studiesFolder << "\nclinical: " << files.clinicalCsv
              << "\ntruth:    " << files.truthCsv << "\npatients: " << files.patientIds.size() << "\n";
    return 0;
}

const Registrar registrar({"synth",
                           "write the synthetic demo cohort (DICOM CT + RTSTRUCT, clinical CSV)",
                           "--out DIR [--patients N (60)] [--seed S (0)] [--quiet]",
                           {"quiet"},
                           runSynth});

}  // namespace
}  // namespace drs::cli
