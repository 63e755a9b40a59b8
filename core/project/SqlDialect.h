#pragma once
#include <QSqlError>
#include <QString>
#include <string>
#include <vector>

namespace drs::project {

class ProjectDb;
struct Migration;

// Everything that differs between the database engines a project can live in. The repositories
// (Cohort.cpp, Runs.cpp, ...) write only the SQL that SQLite and PostgreSQL share: named
// parameters, ON CONFLICT ... DO UPDATE / DO NOTHING, INSERT ... RETURNING id, SAVEPOINT. What
// they do not share is asked of the dialect here: the Qt driver and its connection, where the
// schema version is kept, how a foreign database is recognised, the DDL of each migration, and
// how the outermost transaction begins. SqliteDialect (SqlDialect.cpp) is the one implemented.
// A new engine is a new subclass plus its branch in dialectFor().
class SqlDialect {
public:
    virtual ~SqlDialect() = default;

    virtual QString qtDriver() const = 0;
    virtual QString connectOptions() const = 0;
    // Before connecting: refuses a location that cannot hold a project, naming it and the problem.
    virtual void checkLocation(const std::string& location) const = 0;
    // Once after connecting: per-connection settings; refuses a database this program cannot use.
    virtual void configure(ProjectDb& db) const = 0;

    // The schema version recorded in the database, 0 for a new one.
    virtual int schemaVersion(const ProjectDb& db) const = 0;
    // Records the version, inside the migration's transaction.
    virtual void setSchemaVersion(ProjectDb& db, int version) const = 0;
    // True when a database without a schema version already holds tables: not a project.
    virtual bool hasTables(const ProjectDb& db) const = 0;
    // The statements of one migration for this engine (Schema.cpp writes them in SQLite's SQL).
    virtual std::vector<std::string> migrationStatements(const Migration& migration) const = 0;

    // What a database of this engine without a schema version is called in the refusal: "an SQLite file".
    virtual std::string foreignDatabase() const = 0;

    // True when a statement failed because another connection holds the lock (worth retrying).
    virtual bool isBusy(const QSqlError& error) const = 0;
    // A cause the database's own message leaves out (e.g. a full disk), empty when none is seen.
    virtual std::string explainFailure(const std::string& location) const = 0;

    // Transactions nest as savepoints; `depth` 0 is the outermost, where some engines need BEGIN.
    virtual std::string beginTransaction(const std::string& savepoint, int depth) const = 0;
    virtual std::string commitTransaction(const std::string& savepoint, int depth) const = 0;
    virtual std::vector<std::string> rollbackTransaction(const std::string& savepoint, int depth) const = 0;
};

// One SQLite file per project, WAL journal, foreign keys enforced.
const SqlDialect& sqliteDialect();

// The dialect for a project location: every location is an SQLite file today.
const SqlDialect& dialectFor(const std::string& location);

}  // namespace drs::project
