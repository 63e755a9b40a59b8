#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs::project {

// How many rows each table holds, in the order they were copied.
using TableCounts = std::vector<std::pair<std::string, std::int64_t>>;

// Copies every table of `from` into `to`, a project just created (it holds no patients, runs or
// other rows yet), and the files folder with it: between SQLite and PostgreSQL in either
// direction, ids and insertion order kept. All or nothing: on any error `to` keeps no row.
// Throws Error naming the project and the problem.
TableCounts copyProject(ProjectDb& from, ProjectDb& to);

// The differences between the tables of two projects, one line each ("patients: row 3, column
// centre: 'A' vs 'B'"); empty when every table holds the same rows with the same values.
std::vector<std::string> compareProjects(ProjectDb& a, ProjectDb& b);

}  // namespace drs::project
