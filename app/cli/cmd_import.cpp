#include <iostream>

#include "app/cli/Command.h"
#include "core/pipeline/Import.h"
#include "core/project/ProjectDb.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

int runImport(const Args& args) {
    args.allowOnly({"project", "studies", "clinical", "roi", "roi-file-type", "mask-label", "report", "key-file",
                    "quiet", "external", "covariates", "threads"});
    ImportOptions options;
    options.roiName = args.valueOr("roi", "");
    options.roiFileType = args.valueOr("roi-file-type", "");
    options.maskLabel = static_cast<int>(args.integer("mask-label", 1));
    options.keyFile = args.valueOr("key-file", "");
    if (args.has("covariates")) options.covariates = args.list("covariates");
    if (options.maskLabel < 1 || options.maskLabel > 65535) throw Error("--mask-label must be 1..65535");
    options.threads = static_cast<int>(args.integer("threads", options.threads));
    if (options.threads < 0) throw Error("--threads must be 0 (one per core) or more");
    if (args.has("external")) {
        options.externalCohort = args.value("external");
        if (options.externalCohort.empty()) throw Error("--external needs the external cohort's name");
    }
    const bool quiet = args.has("quiet");
    project::ProjectDb db(args.value("project"));
    ConsoleProgress progress(quiet);
    const auto report = importCohort(db, args.value("studies"), args.value("clinical"), options, progress);

    const CsvTable table = report.table();
    if (args.has("report")) {
        writeCsv(args.value("report"), table);
    } else {
        std::cout << csvText(table);
    }
    for (const auto& warning : report.warnings) std::cerr << "warning: " << warning << "\n";
    const std::string summary =
        "accepted " + std::to_string(report.acceptedCount()) + ", refused " + std::to_string(report.refusedCount());
    if (report.transientCount() > 0)
        throw Error(summary + ", of which " + std::to_string(report.transientCount()) +
                    " only because another process kept the project busy; run the same import again for them");
    if (report.acceptedCount() == 0 && !report.outcomes.empty())
        throw Error(summary + ": no study was accepted; the report lists the reasons");
    std::cerr << summary << "\n";
    return 0;
}

const Registrar registrar({"import",
                           "import studies + ROIs and a clinical CSV into a project database (pseudonymised); "
                           "prints the import report (CSV)",
                           "--project P.sqlite --studies DIR --clinical C.csv [--covariates age,sex,...] [--roi NAME] "
                           "[--roi-file-type rtstruct|seg|seg.nrrd] [--mask-label 1] "
                           "[--external NAME (a locked external validation cohort)] [--report REPORT.csv] "
                           "[--key-file SITE.key] [--threads N (2; 0 = one per core)] [--quiet]\n"
                           "A study folder holding several ROI files (as TCIA's NSCLC-Radiomics holds an RTSTRUCT and\n"
                           "a SEG of each tumour) imports the one of --roi-file-type, or the one defining --roi.\n"
                           "Only patient_id, the endpoint columns, centre and the declared covariates are stored;\n"
                           "columns whose header or values identify patients never are.\n"
                           "Pseudonyms are keyed with the site key (--key-file, else DRS_KEY_FILE, else\n"
                           "~/.config/DeepRadScore/site-key, made on first use); see docs/privacy.md.",
                           {"quiet"},
                           runImport});

}  // namespace
}  // namespace drs::cli
