#pragma once
// Re-keying a project of an earlier release, whose pseudonyms were SHA-256 of a salt kept inside the
// project (so anyone holding it could re-identify patients), to pseudonyms under the site key.
#include <cstddef>
#include <string>

#include "core/image/Pseudonym.h"
#include "core/project/ProjectDb.h"

namespace drs {

struct RekeyReport {
    std::size_t patients = 0;     // pseudonyms replaced
    std::size_t files = 0;        // files and folders renamed
    std::size_t fileRecords = 0;  // path columns rewritten
};

// Needs the patients' identifiers (clinicalCsv's patient_id column): a pseudonym cannot be turned
// back into an identifier, so each old pseudonym is recomputed from the identifiers with the project's
// salt and replaced by the identifier's pseudonym under key. Renames the project's files named by the
// old pseudonyms, rewrites their recorded paths, deletes the salt and records the key's id, all in one
// transaction (files are renamed back if it fails). Refuses, changing nothing, a project without a
// salt, or one with a patient that the table does not name.
RekeyReport rekeyProject(project::ProjectDb& db, const std::string& clinicalCsv, const SiteKey& key);

}  // namespace drs
