#include "core/project/ProjectDb.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <atomic>

#include "core/project/Schema.h"
#include "core/util/Error.h"
#include "core/util/WriteFailure.h"

namespace drs::project {

namespace {

std::atomic<int> connectionCounter{0};

// Mode bits only: QFileInfo's WriteUser answers "may this process write", which is always yes for root.
bool hasAnyWriteBit(const QFileInfo& info) {
    return (info.permissions() & (QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther)) != 0;
}

// The file's own read-only mark is honoured even for an administrator, who could write anyway:
// a user who marks a project read-only means "do not change it".
void requireWritable(const std::string& path) {
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

std::string reasonOf(const QSqlError& error) {
    std::string reason = error.databaseText().toStdString();
    if (reason.empty()) reason = error.text().toStdString();
    return reason;
}

// SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the lock.
bool isBusy(const QSqlError& error) {
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6") ||
           error.databaseText().contains(QLatin1String("database is locked"));
}

[[noreturn]] void fail(const std::string& message, const QSqlError& error, const std::string& databasePath) {
    if (isBusy(error)) throw DatabaseBusy(message + ": " + reasonOf(error));
    // SQLite says only "disk I/O error" when its file or journal meets a file-size limit or a full disk.
    for (const char* suffix : {"-wal", "-journal", ""})
        if (const std::string limit = writeLimitReached(databasePath + suffix); !limit.empty())
            throw Error(message + ": " + reasonOf(error) + " (" + limit + ")");
    throw Error(message + ": " + reasonOf(error));
}

}  // namespace

std::string utcNow() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString(); }

ProjectDb::ProjectDb(const std::string& path, int upToSchemaVersion) : path_(path) {
    if (upToSchemaVersion < 1 || upToSchemaVersion > kCurrentSchemaVersion)
        throw Error(path + ": schema version " + std::to_string(upToSchemaVersion) + " does not exist");
    requireWritable(path);
    connectionName_ = QStringLiteral("drs-project-%1").arg(connectionCounter.fetch_add(1));
    database_ = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName_);
    if (!database_.isValid()) throw Error(path + ": the Qt SQLite driver (QSQLITE) is not available");
    database_.setDatabaseName(QString::fromStdString(path));
    database_.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    try {
        if (!database_.open())
            throw Error(path + ": cannot open the project database: " + reasonOf(database_.lastError()));
        configureConnection();
        migrate(upToSchemaVersion);
    } catch (...) {
        database_.close();
        database_ = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName_);
        throw;
    }
}

ProjectDb::~ProjectDb() {
    database_.close();
    database_ = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName_);
}

void ProjectDb::configureConnection() {
    // A file that is not SQLite fails on its first read, so read before changing anything.
    QSqlQuery probe(database_);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        throw Error(path_ + ": is not a project database (" + reasonOf(probe.lastError()) + ")");
    probe.finish();  // an unfinished read keeps a transaction open, and WAL cannot be switched on inside one
    QSqlQuery journal(database_);
    if (!journal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !journal.next() ||
        journal.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
        throw Error(path_ + ": cannot switch the database to WAL journaling (" + reasonOf(journal.lastError()) + ")");
    journal.finish();
    execute("PRAGMA foreign_keys=ON", "enable foreign keys");
    execute("PRAGMA synchronous=NORMAL", "set synchronous mode");
}

void ProjectDb::migrate(int upToSchemaVersion) {
    QSqlQuery versionQuery(database_);
    if (!versionQuery.exec(QStringLiteral("PRAGMA user_version")) || !versionQuery.next())
        throw Error(path_ + ": cannot read the schema version: " + reasonOf(versionQuery.lastError()));
    const int found = versionQuery.value(0).toInt();
    versionQuery.finish();
    if (found > kCurrentSchemaVersion)
        throw Error(path_ + ": was written by a newer DeepRadScore (schema version " + std::to_string(found) +
                    "; this release reads up to " + std::to_string(kCurrentSchemaVersion) +
                    "); open it with a newer release");
    if (found == 0) {
        QSqlQuery tables(database_);
        tables.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table'"));
        if (tables.next() && tables.value(0).toInt() > 0)
            throw Error(path_ + ": is an SQLite file but not a DeepRadScore project (no schema version)");
        tables.finish();
    }
    for (const Migration& migration : migrations()) {
        if (migration.toVersion <= found || migration.toVersion > upToSchemaVersion) continue;
        Transaction transaction(*this);
        // Another process may have migrated (or created) the file while this one waited for the lock.
        if (schemaVersion() >= migration.toVersion) continue;
        for (const char* statement : migration.statements)
            execute(statement, "migrate to schema version " + std::to_string(migration.toVersion));
        if (migration.toVersion == 1) {
            auto insert = prepare("INSERT INTO project_info(key, value) VALUES (?, ?)");
            for (const auto& [key, value] : {std::pair<std::string, std::string>{"created_at", utcNow()},
                                             {"created_by", std::string("DeepRadScore ") + DRS_VERSION}}) {
                insert.addBindValue(QString::fromStdString(key));
                insert.addBindValue(QString::fromStdString(value));
                run(insert, "store project information");
            }
        }
        execute("PRAGMA user_version=" + std::to_string(migration.toVersion), "record the schema version");
        transaction.commit();
    }
}

std::string ProjectDb::filesFolder() const {
    const QFileInfo file(QString::fromStdString(path_));
    return QDir(file.absolutePath()).filePath(file.completeBaseName() + QStringLiteral(".files")).toStdString();
}

std::string ProjectDb::absoluteFilePath(const std::string& relativePath) const {
    return QDir(QString::fromStdString(filesFolder())).filePath(QString::fromStdString(relativePath)).toStdString();
}

int ProjectDb::schemaVersion() const {
    QSqlQuery query(database_);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        throw Error(path_ + ": cannot read the schema version: " + reasonOf(query.lastError()));
    return query.value(0).toInt();
}

std::string ProjectDb::info(const std::string& key) const {
    QSqlQuery query(database_);
    query.prepare(QStringLiteral("SELECT value FROM project_info WHERE key = ?"));
    query.addBindValue(QString::fromStdString(key));
    if (!query.exec()) throw Error(path_ + ": cannot read project information: " + reasonOf(query.lastError()));
    return query.next() ? query.value(0).toString().toStdString() : std::string();
}

void ProjectDb::requirePseudonymKey(const std::string& keyId, bool record) {
    if (!legacyPseudonymSalt().empty())
        throw Error(path_ +
                    ": was made by an earlier release that kept its pseudonym salt inside the project, so anyone "
                    "holding the file and a list of identifiers can re-identify its patients; re-key it with "
                    "'drs project rekey' (needs the patients' identifiers) or import into a new project");
    const std::string known = info("pseudonym_key_id");
    if (known == keyId || (!record && known.empty())) return;  // the usual case needs no write lock
    Transaction transaction(*this);
    const std::string recorded = info("pseudonym_key_id");
    if (recorded.empty()) {
        auto insert = prepare("INSERT INTO project_info(key, value) VALUES ('pseudonym_key_id', ?)");
        insert.addBindValue(QString::fromStdString(keyId));
        run(insert, "record the site key id");
    } else if (recorded != keyId) {
        throw Error(path_ + ": its pseudonyms were made with another site key (id " + recorded + ", this key has id " +
                    keyId + "); use that site's key file (--key-file or DRS_KEY_FILE)");
    }
    transaction.commit();
}

QSqlQuery ProjectDb::prepare(const std::string& sql) {
    QSqlQuery query(database_);
    if (!query.prepare(QString::fromStdString(sql)))
        throw Error(path_ + ": cannot prepare '" + sql + "': " + reasonOf(query.lastError()));
    return query;
}

void ProjectDb::run(QSqlQuery& query, const std::string& what) {
    if (!query.exec()) fail(path_ + ": cannot " + what, query.lastError(), path_);
}

void ProjectDb::execute(const std::string& sql, const std::string& what) {
    QSqlQuery query(database_);
    if (!query.exec(QString::fromStdString(sql))) fail(path_ + ": cannot " + what, query.lastError(), path_);
}

std::int64_t ProjectDb::insertedId(const QSqlQuery& query) const { return query.lastInsertId().toLongLong(); }

Transaction::Transaction(ProjectDb& db) : db_(db), name_("drs_sp" + std::to_string(db.savepointDepth_ + 1)) {
    db_.execute(db_.savepointDepth_ == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT " + name_, "begin a transaction");
    ++db_.savepointDepth_;
}

void Transaction::commit() {
    if (!open_) return;
    db_.execute(db_.savepointDepth_ == 1 ? "COMMIT" : "RELEASE " + name_, "commit the transaction");
    open_ = false;
    --db_.savepointDepth_;
}

Transaction::~Transaction() {
    if (!open_) return;
    // Failures here cannot be reported (a destructor must not throw); SQLite undoes an unfinished
    // transaction anyway when the connection closes.
    QSqlQuery query(db_.database_);
    if (db_.savepointDepth_ == 1) {
        query.exec(QStringLiteral("ROLLBACK"));
    } else {
        query.exec(QString::fromStdString("ROLLBACK TO " + name_));
        query.exec(QString::fromStdString("RELEASE " + name_));
    }
    --db_.savepointDepth_;
}

}  // namespace drs::project
