#pragma once
#include <cstdint>
#include <string>

#include "core/project/ProjectDb.h"
#include "core/util/Progress.h"

namespace drs::cli {

// Renders a run's study report under the project's files folder (reports/run-N.pdf, with the
// evidence as JSON beside it), records it in the database and copies it to `pdf` when given.
void writeRunReport(project::ProjectDb& db, std::int64_t runId, const std::string& pdf, Progress& progress);

}  // namespace drs::cli
