#pragma once
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <cstdint>
#include <memory>
#include <string>

#include "core/util/Error.h"

namespace drs::project {

class SqlDialect;

// Another process held the project's write lock for longer than the busy timeout, or (PostgreSQL)
// changed the same rows at the same time: a transient refusal, nothing written, worth retrying,
// unlike a broken or refused statement.
class DatabaseBusy : public Error {
public:
    using Error::Error;
};

// One project = one SQLite file (WAL journal, foreign keys enforced) or one PostgreSQL database. Opening creates the
// file when absent and migrates an older schema forward; a file written by a newer release is refused. What is
// particular to the database engine is asked of its SqlDialect (SqlDialect.h); statements are written with Statement
// (Statement.h). A ProjectDb owns its own Qt SQL connection, so use it from the thread that opened it only.
class ProjectDb {
public:
    static constexpr int kCurrentSchemaVersion = 6;

    // upToSchemaVersion below the current one only builds or migrates that far (migration tests).
    // location: an SQLite file path, or postgresql://user@host:port/database (SqlDialect.h).
    explicit ProjectDb(const std::string& location, int upToSchemaVersion = kCurrentSchemaVersion);
    ~ProjectDb();
    ProjectDb(const ProjectDb&) = delete;
    ProjectDb& operator=(const ProjectDb&) = delete;

    // The file path, or the PostgreSQL location without its password: what messages name.
    const std::string& path() const { return path_; }
    // The folder that holds the project's files (images, masks, models): "P.sqlite" -> "P.files"
    // beside an SQLite project; the location's ?files= folder for a PostgreSQL one.
    const std::string& filesFolder() const { return filesFolder_; }
    // Absolute path of a file recorded relative to filesFolder().
    std::string absoluteFilePath(const std::string& relativePath) const;
    int schemaVersion() const;
    // Pseudonyms of this project are made with the site key whose id (SiteKey::id()) is keyId. The
    // first call records the id (unless record is false: a preview writes nothing); a project
    // pseudonymised under another key, or by an earlier release that kept a salt inside the
    // project, is refused with what to do.
    void requirePseudonymKey(const std::string& keyId, bool record = true);
    // The salt an earlier release stored in the project (project_info.pseudonym_salt); empty otherwise.
    std::string legacyPseudonymSalt() const { return info("pseudonym_salt"); }
    std::string info(const std::string& key) const;  // project_info value, empty when absent

    const SqlDialect& dialect() const { return dialect_; }

    QSqlDatabase& connection() { return database_; }
    const QSqlDatabase& connection() const { return database_; }

    // Prepares a statement; bind with query.bindValue / addBindValue, then call run().
    QSqlQuery prepare(const std::string& sql);
    // Executes a prepared statement; throws Error naming the project file, `what` and SQLite's reason.
    void run(QSqlQuery& query, const std::string& what);
    // Executes one statement without parameters.
    void execute(const std::string& sql, const std::string& what);
    // Throws DatabaseBusy when another connection held the lock too long, Error otherwise; both name
    // the project, `what` (completing "cannot ...") and the database's reason.
    [[noreturn]] void fail(const std::string& what, const QSqlError& error) const;
    // Id of the row the last INSERT of `query` created.
    std::int64_t insertedId(const QSqlQuery& query) const;

private:
    friend class Transaction;
    void migrate(int upToSchemaVersion);
    void migrateFrom(int found, int upToSchemaVersion);

    std::string path_;
    std::string filesFolder_;
    const SqlDialect& dialect_;
    QString connectionName_;
    QSqlDatabase database_;
    int savepointDepth_ = 0;
};

// RAII transaction. In SQLite the outermost one is BEGIN IMMEDIATE: it takes the write lock at once
// (waiting up to the busy timeout), so what it reads stays true until it commits, and two writers
// never deadlock on upgrading a read to a write, which SQLite refuses at once without waiting. In
// PostgreSQL it is REPEATABLE READ: writers run side by side, and one that changes a row another
// changed since it began fails with DatabaseBusy, nothing written (PostgresDialect.cpp). Inner ones
// are SAVEPOINTs, so a repository call inside a caller's transaction joins it. commit() ends it;
// destruction without commit() rolls back everything written since construction, e.g. when an
// exception unwinds the scope.
class Transaction {
public:
    explicit Transaction(ProjectDb& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    ProjectDb& db_;
    std::string name_;
    int depth_;
    bool open_ = true;
};

// ISO-8601 UTC time stamp with milliseconds, as stored in every *_at column.
std::string utcNow();

}  // namespace drs::project
