#include "core/pipeline/ImportPlan.h"

#include <filesystem>
#include <set>

namespace drs {

namespace {

namespace fs = std::filesystem;

std::set<fs::path> filesUnder(const fs::path& folder) {
    std::set<fs::path> files;
    std::error_code error;
    for (fs::recursive_directory_iterator it(folder, error), end; it != end && !error; it.increment(error))
        if (it->is_regular_file()) files.insert(it->path());
    return files;
}

}  // namespace

ImportReport planImport(project::ProjectDb& db, const std::string& studiesFolder, const std::string& clinicalCsv,
                        ImportOptions options, Progress& progress) {
    options.dryRun = true;
    if (options.externalCohort.empty()) return importCohort(db, studiesFolder, clinicalCsv, options, progress);
    // The engine records a new external cohort before its patients; the preview keeps nothing of it.
    // (Only then a transaction: it would hold the project's write lock for the whole preview.)
    project::Transaction nothingKept(db);
    return importCohort(db, studiesFolder, clinicalCsv, options, progress);
}

ImportReport importCohortAllOrNothing(project::ProjectDb& db, const std::string& studiesFolder,
                                      const std::string& clinicalCsv, ImportOptions options, Progress& progress) {
    options.dryRun = false;
    const fs::path files = fs::u8path(db.filesFolder());
    const std::set<fs::path> before = filesUnder(files);
    project::Transaction transaction(db);
    try {
        ImportReport report = importCohort(db, studiesFolder, clinicalCsv, options, progress);
        transaction.commit();
        return report;
    } catch (...) {
        // The rows go with the transaction; the files written since are no one's.
        std::error_code ignored;
        for (const auto& file : filesUnder(files))
            if (!before.count(file)) fs::remove(file, ignored);
        throw;
    }
}

}  // namespace drs
