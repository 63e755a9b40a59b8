#pragma once
#include <vector>

namespace drs::project {

// One forward step of the project schema: the statements that take a database from
// toVersion - 1 to toVersion. Steps are only ever appended; a released step never changes.
struct Migration {
    int toVersion;
    std::vector<const char*> statements;
};

const std::vector<Migration>& migrations();

}  // namespace drs::project
