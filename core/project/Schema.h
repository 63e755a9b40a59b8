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

// The tables the repositories read back in insertion order (ORDER BY rowid): a PostgreSQL project
// gives them a column of that name; other tables' rows have no order.
const std::vector<const char*>& insertionOrderedTables();

}  // namespace drs::project
