#pragma once
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <chrono>
#include <cstdint>
#include <functional>
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

// The connection to the database server dropped (PostgreSQL restarted, the network failed) while a
// statement ran. The server rolls back the transaction that was open, so nothing of it was saved
// and running it again from its start, after reconnecting, is safe (ProjectDb::inTransaction).
class ConnectionLost : public Error {
public:
    using Error::Error;
};

// The connection to the server dropped during COMMIT: the server may or may not have committed, so
// the change must not be repeated blindly, and files it refers to must stay.
class CommitOutcomeUnknown : public Error {
public:
    using Error::Error;
};

// How a ProjectDb on a database server reconnects after losing its connection: at most `attempts`
// connection attempts, waiting firstDelay after the first failed one and twice as long after each
// further one (up to maxDelay), and none begun later than `limit` after the loss (each attempt
// itself waits at most what is left of the limit, and never less than 1 s). Then it gives up with
// an error naming the server.
struct ReconnectPolicy {
    int attempts = 6;
    std::chrono::milliseconds firstDelay{500};
    std::chrono::milliseconds maxDelay{4000};
    std::chrono::milliseconds limit{30000};
};

// One project = one SQLite file (WAL journal, foreign keys enforced) or one PostgreSQL database. Opening creates the
// file when absent and migrates an older schema forward; a file written by a newer release is refused. What is
// particular to the database engine is asked of its SqlDialect (SqlDialect.h); statements are written with Statement
// (Statement.h). A ProjectDb owns its own Qt SQL connection, so use it from the thread that opened it only.
class ProjectDb {
public:
    static constexpr int kCurrentSchemaVersion = 7;

    // Whether opening a database that holds no project yet creates one, or refuses it unchanged (a
    // source that must already be a project, e.g. of `drs project copy`).
    enum class Create { IfNew, Never };

    // upToSchemaVersion below the current one only builds or migrates that far (migration tests).
    // location: an SQLite file path, or postgresql://user@host:port/database (SqlDialect.h).
    explicit ProjectDb(const std::string& location, int upToSchemaVersion = kCurrentSchemaVersion,
                       Create create = Create::IfNew);
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

    // Prepares a statement; bind with query.bindValue / addBindValue, then call run(). Outside a
    // transaction, a lost connection is restored first (reconnect()).
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

    // Runs body in one transaction and commits it. On a database server, when the connection drops
    // before the commit (ConnectionLost), the server has rolled all of it back, so body runs again
    // from its start after reconnecting, as often as the reconnect policy allows. A drop during
    // COMMIT itself is not repeated (the change may have been saved) but reported (CommitOutcomeUnknown). Inside a
    // caller's transaction body is a savepoint and is not repeated: the caller's transaction went
    // with the connection, so the ConnectionLost goes to the caller.
    void inTransaction(const std::function<void()>& body);
    // Depth of the open transactions: 0 outside any, 1 in an outermost one, more in savepoints.
    int transactionDepth() const { return savepointDepth_; }
    // Connects again after the connection was lost (ReconnectPolicy); throws Error naming the
    // server and the last reason when the policy's attempts or time are used up. Only outside a
    // transaction. Restoring the connection changes no project data, hence const.
    void reconnect() const;
    void setReconnectPolicy(const ReconnectPolicy& policy) { reconnectPolicy_ = policy; }
    const ReconnectPolicy& reconnectPolicy() const { return reconnectPolicy_; }

private:
    friend class Transaction;
    void migrate(int upToSchemaVersion, Create create);
    void migrateFrom(int found, int upToSchemaVersion);

    std::string path_;
    std::string filesFolder_;
    const SqlDialect& dialect_;
    QString connectionName_;
    mutable QSqlDatabase database_;  // reconnect() replaces a lost connection
    int savepointDepth_ = 0;
    ReconnectPolicy reconnectPolicy_;
};

// RAII transaction. In SQLite the outermost one is BEGIN IMMEDIATE: it takes the write lock at once
// (waiting up to the busy timeout), so what it reads stays true until it commits, and two writers
// never deadlock on upgrading a read to a write, which SQLite refuses at once without waiting. In
// PostgreSQL it is REPEATABLE READ: writers run side by side, and one that changes a row another
// changed since it began fails with DatabaseBusy, nothing written (PostgresDialect.cpp). Inner ones
// are SAVEPOINTs, so a repository call inside a caller's transaction joins it. commit() ends it;
// destruction without commit() rolls back everything written since construction, e.g. when an
// exception unwinds the scope. An outermost one that finds the connection to the server lost
// reconnects first (nothing was sent yet); ProjectDb::inTransaction also repeats a body cut short.
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
