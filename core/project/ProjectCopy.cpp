#include "core/project/ProjectCopy.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/project/Schema.h"
#include "core/project/SqlDialect.h"
#include "core/util/Error.h"

namespace drs::project {

namespace {

namespace fs = std::filesystem;

// Tables in an order where each comes after the tables its foreign keys refer to.
std::vector<std::string> insertionOrder(const ProjectDb& db) {
    const SqlDialect& dialect = db.dialect();
    std::vector<std::string> remaining = dialect.tables(db), ordered;
    std::set<std::string> placed;
    while (!remaining.empty()) {
        const auto ready = std::find_if(remaining.begin(), remaining.end(), [&](const std::string& table) {
            for (const std::string& target : dialect.referencedTables(db, table))
                if (target != table && !placed.count(target)) return false;
            return true;
        });
        if (ready == remaining.end())
            throw Error(db.path() + ": the tables' foreign keys refer to each other in a cycle");
        placed.insert(*ready);
        ordered.push_back(*ready);
        remaining.erase(ready);
    }
    return ordered;
}

bool readInInsertionOrder(const std::string& table) {
    const auto& tables = insertionOrderedTables();
    return std::find(tables.begin(), tables.end(), table) != tables.end();
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

std::string columnList(const std::vector<std::string>& columns) {
    std::string list;
    for (const std::string& column : columns) list += (list.empty() ? "" : ", ") + quoted(column);
    return list;
}

// Rows in insertion order (byRowid), else sorted by every column (NULLS FIRST spelled out:
// PostgreSQL's default puts them last, SQLite's first).
std::string orderedSelect(const std::string& table, const std::vector<std::string>& columns, bool byRowid) {
    std::string sql = "SELECT " + columnList(columns) + " FROM " + quoted(table) + " ORDER BY ";
    if (byRowid) return sql + "rowid";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + std::to_string(i + 1) + " NULLS FIRST";
    return sql;
}

QSqlQuery readAll(ProjectDb& db, const std::string& sql, const std::string& what) {
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    if (!query.exec(QString::fromStdString(sql))) db.fail(what, query.lastError());
    return query;
}

std::int64_t rowCount(ProjectDb& db, const std::string& table) {
    QSqlQuery query = readAll(db, "SELECT count(*) FROM " + quoted(table), "count the rows of " + table);
    return query.next() ? query.value(0).toLongLong() : 0;
}

bool isInteger(const QVariant& value) {
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool: return true;
    default: return false;
    }
}

bool isNumber(const QVariant& value) { return isInteger(value) || value.typeId() == QMetaType::Double; }

// Equal values whichever driver read them: integers as integers, any other number as a double
// (bit for bit), text as text.
bool sameValue(const QVariant& a, const QVariant& b) {
    if (a.isNull() || b.isNull()) return a.isNull() && b.isNull();
    if (isInteger(a) && isInteger(b)) return a.toLongLong() == b.toLongLong();
    if (isNumber(a) && isNumber(b)) return a.toDouble() == b.toDouble();
    if (isNumber(a) != isNumber(b)) return false;
    return a.toString() == b.toString();
}

std::string shown(const QVariant& value) {
    if (value.isNull()) return "NULL";
    if (value.typeId() == QMetaType::Double) return QString::number(value.toDouble(), 'g', 17).toStdString();
    return "'" + value.toString().toStdString() + "'";
}

void copyFiles(const std::string& from, const std::string& to, const std::string& what) {
    const fs::path source = fs::u8path(from), target = fs::u8path(to);
    std::error_code error;
    if (!fs::exists(source, error) || source == target) return;
    if (fs::exists(target, error) && !fs::is_empty(target, error))
        throw Error(what + ": its files folder " + to + " already holds files; copy into a new project");
    fs::create_directories(target, error);
    if (error) throw Error(what + ": cannot create its files folder " + to + ": " + error.message());
    fs::copy(source, target, fs::copy_options::recursive, error);
    if (error) throw Error(what + ": cannot copy the files of " + from + " to " + to + ": " + error.message());
}

}  // namespace

TableCounts copyProject(ProjectDb& from, ProjectDb& to) {
    const std::vector<std::string> tables = insertionOrder(from);
    const std::vector<std::string> targetTables = to.dialect().tables(to);
    for (const std::string& table : targetTables)
        if (table != "project_info" && rowCount(to, table) > 0)
            throw Error(to.path() + ": already holds data (table " + table + "); copy into a new project");
    for (const std::string& table : tables) {
        if (std::find(targetTables.begin(), targetTables.end(), table) == targetTables.end())
            throw Error(to.path() + ": has no table " + table + " (" + from.path() + " has one)");
        if (from.dialect().columns(from, table) != to.dialect().columns(to, table))
            throw Error(to.path() + ": the table " + table + " has other columns than in " + from.path());
    }

    TableCounts counts;
    Transaction snapshot(from);  // what is copied is one consistent state of `from`
    Transaction transaction(to);
    to.execute("DELETE FROM project_info", "replace the project information");
    for (const std::string& table : tables) {
        const std::vector<std::string> columns = from.dialect().columns(from, table);
        QSqlQuery rows =
            readAll(from, orderedSelect(table, columns, readInInsertionOrder(table)), "read the table " + table);
        std::string placeholders;
        for (std::size_t i = 0; i < columns.size(); ++i) placeholders += i ? ", ?" : "?";
        QSqlQuery insert =
            to.prepare("INSERT INTO " + quoted(table) + "(" + columnList(columns) + ") VALUES (" + placeholders + ")");
        std::int64_t count = 0;
        while (rows.next()) {
            for (int i = 0; i < static_cast<int>(columns.size()); ++i) insert.bindValue(i, rows.value(i));
            to.run(insert, "copy a row of " + table);
            ++count;
        }
        to.dialect().resetIdentity(to, table);
        counts.emplace_back(table, count);
    }
    copyFiles(from.filesFolder(), to.filesFolder(), to.path());
    transaction.commit();
    snapshot.commit();
    return counts;
}

std::vector<std::string> compareProjects(ProjectDb& a, ProjectDb& b) {
    std::vector<std::string> differences;
    if (a.schemaVersion() != b.schemaVersion())
        differences.push_back("the two projects have different schema versions");
    std::vector<std::string> tablesA = a.dialect().tables(a), tablesB = b.dialect().tables(b);
    std::sort(tablesA.begin(), tablesA.end());
    std::sort(tablesB.begin(), tablesB.end());
    if (tablesA != tablesB) differences.push_back("the two projects have different tables");
    for (const std::string& table : tablesA) {
        if (!std::binary_search(tablesB.begin(), tablesB.end(), table)) continue;
        const std::vector<std::string> columns = a.dialect().columns(a, table);
        if (columns != b.dialect().columns(b, table)) {
            differences.push_back(table + ": different columns");
            continue;
        }
        const bool byRowid = readInInsertionOrder(table);
        QSqlQuery rowsA = readAll(a, orderedSelect(table, columns, byRowid), "read the table " + table);
        QSqlQuery rowsB = readAll(b, orderedSelect(table, columns, byRowid), "read the table " + table);
        for (std::int64_t row = 1;; ++row) {
            const bool moreA = rowsA.next(), moreB = rowsB.next();
            if (!moreA && !moreB) break;
            if (moreA != moreB) {
                differences.push_back(table + ": " + (moreA ? a.path() : b.path()) + " has more rows (from row " +
                                      std::to_string(row) + ")");
                break;
            }
            for (int i = 0; i < static_cast<int>(columns.size()); ++i)
                if (!sameValue(rowsA.value(i), rowsB.value(i)))
                    differences.push_back(table + ": row " + std::to_string(row) + ", column " + columns[i] + ": " +
                                          shown(rowsA.value(i)) + " vs " + shown(rowsB.value(i)));
        }
    }
    return differences;
}

}  // namespace drs::project
