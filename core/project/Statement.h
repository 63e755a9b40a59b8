#pragma once
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drs::project {

class ProjectDb;

// One SQL statement on a project database: parameters bound by name (":pseudonym"), result columns
// read by name, so a query and the code reading it cannot drift apart by position. Failures throw
// drs::Error naming the project file, what was being done and the database's reason.
//
// Outside a transaction, a statement that finds the connection to the server lost reconnects
// (ProjectDb::reconnect) and is prepared again; a query (SELECT) that loses it while running runs
// again, while a change outside a transaction is not repeated, since it may have been saved.
//
// The SQL is the part SQLite and PostgreSQL share (ON CONFLICT upserts, RETURNING id); anything
// else belongs to the SqlDialect (SqlDialect.h).
class Statement {
public:
    Statement(const ProjectDb& db, const std::string& sql);

    Statement& bind(const char* name, const std::string& value);
    Statement& bind(const char* name, const char* value);
    Statement& bind(const char* name, std::int64_t value);
    Statement& bind(const char* name, int value);
    Statement& bind(const char* name, double value);  // NaN is stored as NULL
    Statement& bind(const char* name, const std::optional<double>& value);
    Statement& bind(const char* name, const std::optional<int>& value);
    Statement& bind(const char* name, const std::optional<std::int64_t>& value);
    Statement& bindNull(const char* name);

    // Executes with the values bound so far; `what` completes the error's "cannot ...".
    Statement& run(const std::string& what);
    // Runs an INSERT ... RETURNING id and gives the new row's id.
    std::int64_t insert(const std::string& what);
    // Rows the last run changed (UPDATE, DELETE, INSERT ... SELECT).
    int rowsAffected() const { return query_.numRowsAffected(); }
    // Steps to the next result row; false after the last.
    bool next();
    // Releases the result set (an unfinished read keeps SQLite's read transaction open).
    void finish();

    std::string text(const char* column) const;
    std::int64_t integer(const char* column) const;
    double real(const char* column) const;  // NULL reads as NaN
    std::optional<double> optionalReal(const char* column) const;
    std::optional<int> optionalInteger(const char* column) const;
    bool isNull(const char* column) const;

private:
    int columnIndex(const char* name) const;
    Statement& bindValue(const char* name, const QVariant& value);
    void prepare();

    const ProjectDb& db_;
    std::string sql_;
    QSqlQuery query_;
    mutable std::vector<std::pair<std::string, int>> columns_;  // looked up once per run
    std::vector<std::pair<QString, QVariant>> bound_;           // to bind again after reconnecting
};

}  // namespace drs::project
