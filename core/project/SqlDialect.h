#pragma once
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

namespace drs::project {

class ProjectDb;
struct Migration;

// Everything that differs between the database engines a project can live in. The repositories
// (Cohort.cpp, Runs.cpp, ...) write only the SQL that SQLite and PostgreSQL share: named
// parameters, ON CONFLICT ... DO UPDATE / DO NOTHING, INSERT ... RETURNING id, SAVEPOINT, and
// `ORDER BY rowid` on the three tables read in insertion order (a PostgreSQL project gives them a
// column of that name). What they do not share is asked of the dialect here: the Qt driver and
// its connection, where the files folder and the schema version are kept, how a foreign database
// is recognised, the DDL of each migration, and how transactions begin. SqliteDialect
// (SqlDialect.cpp) and PostgresDialect (PostgresDialect.cpp) implement it; dialectFor() picks one.
class SqlDialect {
public:
    virtual ~SqlDialect() = default;

    virtual QString qtDriver() const = 0;
    // Before connecting: refuses a location that cannot hold a project, naming it and the problem.
    virtual void checkLocation(const std::string& location) const = 0;
    // Points a new connection at the location (a file; or host, port, user, database).
    virtual void prepareConnection(QSqlDatabase& db, const std::string& location) const = 0;
    // The location as messages show it (never a password).
    virtual std::string displayName(const std::string& location) const = 0;
    // The folder that holds the project's files (images, masks, models).
    virtual std::string filesFolder(const std::string& location) const = 0;
    // Once after connecting: per-connection settings; refuses a database this program cannot use.
    virtual void configure(ProjectDb& db) const = 0;

    // The schema version recorded in the database, 0 for a new one.
    virtual int schemaVersion(const ProjectDb& db) const = 0;
    // Records the version, inside the migration's transaction.
    virtual void setSchemaVersion(ProjectDb& db, int version) const = 0;
    // Held around the migrations, so two clients opening a new database do not both migrate it.
    virtual void lockSchema(ProjectDb& db, bool lock) const = 0;
    // True when a database without a schema version already holds tables: not a project.
    virtual bool hasTables(const ProjectDb& db) const = 0;
    // What a database of this engine without a schema version is called in the refusal: "an SQLite file".
    virtual std::string foreignDatabase() const = 0;
    // The statements of one migration for this engine (Schema.cpp writes them in SQLite's SQL).
    virtual std::vector<std::string> migrationStatements(const Migration& migration) const = 0;
    // The tables of the project, in creation order (what `drs project copy` moves and compares).
    virtual std::vector<std::string> tables(const ProjectDb& db) const = 0;
    // The columns of a table, in order, without the engine's own row id.
    virtual std::vector<std::string> columns(const ProjectDb& db, const std::string& table) const = 0;
    // The tables a table's foreign keys refer to (copying inserts those first).
    virtual std::vector<std::string> referencedTables(const ProjectDb& db, const std::string& table) const = 0;
    // The id the last INSERT of `query` generated (for code that does not use RETURNING).
    virtual std::int64_t lastInsertedId(const ProjectDb& db, const QSqlQuery& query) const = 0;
    // After rows were inserted with their ids given: the next generated id follows the largest.
    virtual void resetIdentity(ProjectDb& db, const std::string& table) const = 0;

    // True when a statement failed because another connection holds the lock or changed the same
    // rows at the same time: nothing was written, and trying again is worthwhile.
    virtual bool isBusy(const QSqlError& error) const = 0;
    // A cause the database's own message leaves out (e.g. a full disk), empty when none is seen.
    virtual std::string explainFailure(const std::string& location, const QSqlError& error) const = 0;

    // The statement that opens an outermost transaction; nested ones are standard SQL savepoints,
    // which both engines take alike (ProjectDb's Transaction).
    virtual std::string beginTransaction() const = 0;
};

// One SQLite file per project, WAL journal, foreign keys enforced.
const SqlDialect& sqliteDialect();
// A PostgreSQL database, located by postgresql://user[:password]@host[:port]/database[?files=FOLDER].
const SqlDialect& postgresDialect();

// True for a postgresql:// (or postgres://) location.
bool isPostgresLocation(const std::string& location);
// The dialect for a project location: PostgreSQL for a postgresql:// location, else an SQLite file.
const SqlDialect& dialectFor(const std::string& location);

}  // namespace drs::project
