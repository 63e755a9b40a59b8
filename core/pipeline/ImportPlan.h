#pragma once
// The import wizard's two steps, over the engine of `drs import` (importCohort): a preview that
// decides every study as the import would and writes nothing, then the import itself, all or
// nothing.
#include <string>

#include "core/pipeline/Import.h"

namespace drs {

// What importCohort would do now: every study is read and checked, nothing is written. Accepted
// outcomes carry the pseudonym, ROI and image size the import would store.
ImportReport planImport(project::ProjectDb& db, const std::string& studiesFolder, const std::string& clinicalCsv,
                        ImportOptions options, Progress& progress);

// importCohort in one transaction: when it is cancelled (Cancelled) or fails (Error), the project is
// left exactly as it was, without the rows and without the files written meanwhile. Refused
// studies are refusals, as in importCohort; they do not undo the accepted ones. The project is
// locked for other writers until it ends.
ImportReport importCohortAllOrNothing(project::ProjectDb& db, const std::string& studiesFolder,
                                      const std::string& clinicalCsv, ImportOptions options, Progress& progress);

}  // namespace drs
