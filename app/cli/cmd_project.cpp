#include <filesystem>
#include <iostream>

#include "app/cli/Command.h"
#include "core/image/Pseudonym.h"
#include "core/pipeline/Rekey.h"
#include "core/project/ProjectCopy.h"
#include "core/project/ProjectDb.h"
#include "core/project/SqlDialect.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

constexpr const char* kUsage =
    "usage: drs project rekey --project P.sqlite --clinical C.csv | drs project copy FROM TO";

int rekey(const Args& args) {
    args.allowOnly({"project", "clinical", "key-file"});
    project::ProjectDb db(existingProject(args));
    const SiteKey key = loadSiteKey(args.valueOr("key-file", ""));
    const RekeyReport report = rekeyProject(db, args.value("clinical"), key);
    std::cerr << "re-keyed " << report.patients << " patients (" << report.files << " files renamed, "
              << report.fileRecords << " file records updated); the project no longer holds a salt\n";
    return 0;
}

// Copies a project into a new one (SQLite file or PostgreSQL database), then compares every table.
int copy(const Args& args) {
    args.allowOnly({});
    const std::string from = args.positional()[1], to = args.positional()[2];
    if (!project::isPostgresLocation(from) && !std::filesystem::is_regular_file(std::filesystem::u8path(from)))
        throw Error(from + ": no such project database file");
    if (!project::isPostgresLocation(to) && std::filesystem::exists(std::filesystem::u8path(to)))
        throw Error(to + ": already exists; copy into a new project file");
    project::ProjectDb source(from, project::ProjectDb::kCurrentSchemaVersion, project::ProjectDb::Create::Never);
    const bool newFile = !project::isPostgresLocation(to);
    const std::string newFolder = newFile ? project::sqliteDialect().filesFolder(to) : std::string();
    const bool folderExisted = newFile && std::filesystem::exists(std::filesystem::u8path(newFolder));
    std::int64_t rows = 0;
    std::size_t tables = 0;
    std::string targetName = to;
    try {
        project::ProjectDb target(to);
        targetName = target.path();
        const auto counts = project::copyProject(source, target);
        tables = counts.size();
        for (const auto& [table, count] : counts) rows += count;
        const auto differences = project::compareProjects(source, target);
        if (!differences.empty()) {
            for (const std::string& difference : differences) std::cerr << difference << "\n";
            throw Error(target.path() + ": the copy differs from " + source.path() + " in " +
                        std::to_string(differences.size()) + " places (listed above)");
        }
    } catch (...) {
        // A new file that did not become a faithful copy goes, with its journal and files folder.
        if (newFile) {
            std::error_code ignored;
            for (const char* suffix : {"", "-wal", "-shm", "-journal"})
                std::filesystem::remove(std::filesystem::u8path(to + suffix), ignored);
            if (!folderExisted) std::filesystem::remove_all(std::filesystem::u8path(newFolder), ignored);
        }
        throw;
    }
    std::cout << "copied " << rows << " rows in " << tables << " tables from " << source.path() << " to " << targetName
              << "; every table compared equal\n";
    return 0;
}

int runProject(const Args& args) {
    const auto& words = args.positional();
    if (words.size() == 1 && words[0] == "rekey") return rekey(args);
    if (words.size() == 3 && words[0] == "copy") return copy(args);
    throw Error(kUsage);
}

const Registrar registrar({"project",
                           "project maintenance: rekey moves a project of an earlier release (salt inside the "
                           "project) to pseudonyms under the site key; copy moves a project between SQLite and "
                           "PostgreSQL (postgresql://user@host:port/database) and compares every table",
                           "rekey --project P.sqlite --clinical C.csv (patient_id of every patient) "
                           "[--key-file SITE.key] | copy FROM TO",
                           {},
                           runProject});

}  // namespace
}  // namespace drs::cli
