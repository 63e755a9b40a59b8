#include "core/project/SqlDialect.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include "core/project/ProjectDb.h"
#include "core/project/Schema.h"
#include "core/util/Error.h"
#include "core/util/WriteFailure.h"

namespace drs::project {

namespace {

// How long a connection waits for another's lock before "database is locked".
constexpr int kBusyTimeoutMs = 5000;

std::string reasonOf(const QSqlError& error) {
    std::string reason = error.databaseText().toStdString();
    if (reason.empty()) reason = error.text().toStdString();
    return reason;
}

// Mode bits only: QFileInfo's WriteUser answers "may this process write", which is always yes for root.
bool hasAnyWriteBit(const QFileInfo& info) {
    return (info.permissions() & (QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther)) != 0;
}

// Reads one integer a PRAGMA or count query answers.
int singleInteger(const ProjectDb& db, const char* sql, const std::string& what) {
    QSqlQuery query(db.connection());
    if (!query.exec(QString::fromLatin1(sql)) || !query.next())
        throw Error(db.path() + ": cannot " + what + ": " + reasonOf(query.lastError()));
    const int value = query.value(0).toInt();
    query.finish();
    return value;
}

// The first column of every row of a query without parameters.
std::vector<std::string> strings(const ProjectDb& db, const std::string& sql, const std::string& what) {
    QSqlQuery query(db.connection());
    if (!query.exec(QString::fromStdString(sql))) db.fail(what, query.lastError());
    std::vector<std::string> values;
    while (query.next()) values.push_back(query.value(0).toString().toStdString());
    return values;
}

class SqliteDialect final : public SqlDialect {
public:
    QString qtDriver() const override { return QStringLiteral("QSQLITE"); }

    // The file's own read-only mark is honoured even for an administrator, who could write anyway:
    // a user who marks a project read-only means "do not change it".
    void checkLocation(const std::string& path) const override {
        const QFileInfo file(QString::fromStdString(path));
        const QFileInfo folder(file.absolutePath());
        if (!folder.exists())
            throw Error(path + ": the folder " + folder.absoluteFilePath().toStdString() + " does not exist");
        if (file.exists()) {
            if (file.isDir()) throw Error(path + ": is a folder; a project file (.sqlite) is expected");
            if (!file.isWritable() || !hasAnyWriteBit(file))
                throw Error(path + ": the project file is read-only; make it writable or copy it to open it");
        }
        // SQLite's WAL journal lives beside the database, so the folder must be writable too.
        if (!folder.isWritable() || !hasAnyWriteBit(folder))
            throw Error(path + ": the folder " + folder.absoluteFilePath().toStdString() +
                        " is read-only; the project needs to write its journal there");
    }

    void prepareConnection(QSqlDatabase& db, const std::string& path) const override {
        db.setDatabaseName(QString::fromStdString(path));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    }

    std::string displayName(const std::string& path) const override { return path; }

    // "P.sqlite" -> "P.files" beside it.
    std::string filesFolder(const std::string& path) const override {
        const QFileInfo file(QString::fromStdString(path));
        return QDir(file.absolutePath()).filePath(file.completeBaseName() + QStringLiteral(".files")).toStdString();
    }

    void configure(ProjectDb& db) const override {
        // A file that is not SQLite fails on its first read, so read before changing anything.
        QSqlQuery probe(db.connection());
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
            throw Error(db.path() + ": is not a project database (" + reasonOf(probe.lastError()) + ")");
        probe.finish();  // an unfinished read keeps a transaction open, and WAL cannot be switched on inside one
        // Processes that open a new project at once each ask for WAL, and SQLite refuses all but one
        // at once (SQLITE_BUSY without waiting, as each holds a shared lock) rather than let them
        // deadlock; a refused one asks again for as long as the busy timeout would have waited.
        // Once one has switched, the file is in WAL for every connection.
        QSqlQuery journal(db.connection());
        QElapsedTimer waited;
        waited.start();
        for (;;) {
            if (journal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) && journal.next()) break;
            if (!isBusy(journal.lastError()) || waited.elapsed() > kBusyTimeoutMs)
                throw Error(db.path() + ": cannot switch the database to WAL journaling (" +
                            reasonOf(journal.lastError()) + ")");
            journal.finish();
            QThread::msleep(20);
        }
        if (journal.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
            throw Error(db.path() + ": cannot switch the database to WAL journaling (it stays in " +
                        journal.value(0).toString().toStdString() + " mode)");
        journal.finish();
        db.execute("PRAGMA foreign_keys=ON", "enable foreign keys");
        db.execute("PRAGMA synchronous=NORMAL", "set synchronous mode");
    }

    int schemaVersion(const ProjectDb& db) const override {
        return singleInteger(db, "PRAGMA user_version", "read the schema version");
    }

    void setSchemaVersion(ProjectDb& db, int version) const override {
        db.execute("PRAGMA user_version=" + std::to_string(version), "record the schema version");
    }

    // BEGIN IMMEDIATE already serialises the migrations.
    void lockSchema(ProjectDb&, bool) const override {}

    bool hasTables(const ProjectDb& db) const override {
        return singleInteger(db, "SELECT count(*) FROM sqlite_master WHERE type='table'", "list tables") > 0;
    }

    std::vector<std::string> migrationStatements(const Migration& migration) const override {
        return {migration.statements.begin(), migration.statements.end()};
    }

    std::vector<std::string> tables(const ProjectDb& db) const override {
        return strings(
            db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
            "list the tables");
    }

    std::vector<std::string> columns(const ProjectDb& db, const std::string& table) const override {
        return strings(db, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid",
                       "list the columns of " + table);
    }

    std::vector<std::string> referencedTables(const ProjectDb& db, const std::string& table) const override {
        return strings(db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list('" + table + "')",
                       "list the references of " + table);
    }

    std::int64_t lastInsertedId(const ProjectDb&, const QSqlQuery& query) const override {
        return query.lastInsertId().toLongLong();
    }

    // SQLite gives a new row the largest id + 1 anyway.
    void resetIdentity(ProjectDb&, const std::string&) const override {}

    std::string foreignDatabase() const override { return "an SQLite file"; }

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the lock.
    bool isBusy(const QSqlError& error) const override {
        const QString code = error.nativeErrorCode();
        return code == QLatin1String("5") || code == QLatin1String("6") ||
               error.databaseText().contains(QLatin1String("database is locked"));
    }

    // A file has no connection to lose.
    bool isConnectionLost(const ProjectDb&, const QSqlError&) const override { return false; }
    void setConnectTimeout(QSqlDatabase&, int) const override {}

    // SQLite says only "disk I/O error" when its file or journal meets a file-size limit or a full disk.
    std::string explainFailure(const std::string& path, const QSqlError&) const override {
        for (const char* suffix : {"-wal", "-journal", ""})
            if (std::string limit = writeLimitReached(path + suffix); !limit.empty()) return limit;
        return {};
    }

    // The outermost transaction is BEGIN IMMEDIATE: it takes the write lock at once (waiting up to
    // the busy timeout), so two writers never deadlock upgrading a read to a write, which SQLite
    // refuses at once without waiting.
    std::string beginTransaction() const override { return "BEGIN IMMEDIATE"; }
};

}  // namespace

const SqlDialect& sqliteDialect() {
    static const SqliteDialect dialect;
    return dialect;
}

bool isPostgresLocation(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

const SqlDialect& dialectFor(const std::string& location) {
    return isPostgresLocation(location) ? postgresDialect() : sqliteDialect();
}

}  // namespace drs::project
