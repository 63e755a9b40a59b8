#include <iostream>

#include "app/cli/Command.h"
#include "core/image/Pseudonym.h"
#include "core/pipeline/Rekey.h"
#include "core/project/ProjectDb.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

int runProject(const Args& args) {
    const auto& words = args.positional();
    if (words.size() != 1 || words[0] != "rekey")
        throw Error("usage: drs project rekey --project P.sqlite --clinical C.csv");
    args.allowOnly({"project", "clinical", "key-file"});
    project::ProjectDb db(args.value("project"));
    const SiteKey key = loadSiteKey(args.valueOr("key-file", ""));
    const RekeyReport report = rekeyProject(db, args.value("clinical"), key);
    std::cerr << "re-keyed " << report.patients << " patients (" << report.files << " files renamed, "
              << report.fileRecords << " file records updated); the project no longer holds a salt\n";
    return 0;
}

const Registrar registrar({"project",
                           "project maintenance: rekey moves a project of an earlier release (salt inside the "
                           "project) to pseudonyms under the site key",
                           "rekey --project P.sqlite --clinical C.csv (patient_id of every patient) "
                           "[--key-file SITE.key]",
                           {},
                           runProject});

}  // namespace
}  // namespace drs::cli
