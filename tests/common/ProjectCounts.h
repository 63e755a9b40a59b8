#pragma once
// What a project holds, counted for tests: the value of a count query, the rows of a table, and
// the files under a folder (none when the folder does not exist).
#include <cstddef>
#include <filesystem>
#include <string>

#include "core/project/ProjectDb.h"

namespace drs::test {

inline long long countOf(project::ProjectDb& db, const std::string& countQuery) {
    auto query = db.prepare(countQuery);
    db.run(query, "count");
    query.next();
    return query.value(0).toLongLong();
}

inline long long rowCount(project::ProjectDb& db, const std::string& table) {
    return countOf(db, "SELECT count(*) FROM " + table);
}

inline std::size_t filesUnder(const std::string& folder) {
    if (!std::filesystem::exists(folder)) return 0;
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) files += entry.is_regular_file();
    return files;
}

}  // namespace drs::test
