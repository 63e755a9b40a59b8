#include "core/project/ProjectDb.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "core/project/Schema.h"
#include "core/project/SqlDialect.h"
#include "core/project/Statement.h"
#include "core/util/Error.h"

namespace drs::project {

namespace {

std::atomic<int> connectionCounter{0};

std::string reasonOf(const QSqlError& error) {
    std::string reason = error.databaseText().toStdString();
    if (reason.empty()) reason = error.text().toStdString();
    return reason;
}

}  // namespace

std::string utcNow() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString(); }

ProjectDb::ProjectDb(const std::string& location, int upToSchemaVersion, Create create)
    : path_(dialectFor(location).displayName(location)),
      filesFolder_(dialectFor(location).filesFolder(location)),
      dialect_(dialectFor(location)) {
    const std::string& path = path_;
    if (upToSchemaVersion < 1 || upToSchemaVersion > kCurrentSchemaVersion)
        throw Error(path + ": schema version " + std::to_string(upToSchemaVersion) + " does not exist");
    dialect_.checkLocation(location);
    connectionName_ = QStringLiteral("drs-project-%1").arg(connectionCounter.fetch_add(1));
    database_ = QSqlDatabase::addDatabase(dialect_.qtDriver(), connectionName_);
    if (!database_.isValid())
        throw Error(path + ": the Qt database driver " + dialect_.qtDriver().toStdString() + " is not available");
    dialect_.prepareConnection(database_, location);
    try {
        if (!database_.open())
            throw Error(path + ": cannot open the project database: " + reasonOf(database_.lastError()));
        dialect_.configure(*this);
        migrate(upToSchemaVersion, create);
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

void ProjectDb::migrate(int upToSchemaVersion, Create create) {
    const int found = dialect_.schemaVersion(*this);
    if (found > kCurrentSchemaVersion)
        throw Error(path_ + ": was written by a newer DeepRadScore (schema version " + std::to_string(found) +
                    "; this release reads up to " + std::to_string(kCurrentSchemaVersion) +
                    "); open it with a newer release");
    if (found == 0 && dialect_.hasTables(*this))
        throw Error(path_ + ": is " + dialect_.foreignDatabase() +
                    " but not a DeepRadScore project (no schema version)");
    if (found == 0 && create == Create::Never)
        throw Error(path_ + ": is empty, not a DeepRadScore project (no schema version); nothing was written to it");
    if (found >= upToSchemaVersion) return;
    dialect_.lockSchema(*this, true);
    try {
        migrateFrom(found, upToSchemaVersion);
    } catch (...) {
        dialect_.lockSchema(*this, false);
        throw;
    }
    dialect_.lockSchema(*this, false);
}

void ProjectDb::migrateFrom(int found, int upToSchemaVersion) {
    for (const Migration& migration : migrations()) {
        if (migration.toVersion <= found || migration.toVersion > upToSchemaVersion) continue;
        Transaction transaction(*this);
        // Another process may have migrated (or created) the file while this one waited for the lock.
        if (schemaVersion() >= migration.toVersion) continue;
        for (const std::string& statement : dialect_.migrationStatements(migration))
            execute(statement, "migrate to schema version " + std::to_string(migration.toVersion));
        if (migration.toVersion == 1) {
            Statement insert(*this, "INSERT INTO project_info(key, value) VALUES (:key, :value)");
            for (const auto& [key, value] : {std::pair<std::string, std::string>{"created_at", utcNow()},
                                             {"created_by", std::string("DeepRadScore ") + DRS_VERSION}})
                insert.bind(":key", key).bind(":value", value).run("store project information");
        }
        dialect_.setSchemaVersion(*this, migration.toVersion);
        transaction.commit();
    }
}

std::string ProjectDb::absoluteFilePath(const std::string& relativePath) const {
    return QDir(QString::fromStdString(filesFolder())).filePath(QString::fromStdString(relativePath)).toStdString();
}

int ProjectDb::schemaVersion() const { return dialect_.schemaVersion(*this); }

std::string ProjectDb::info(const std::string& key) const {
    Statement query(*this, "SELECT value FROM project_info WHERE key = :key");
    query.bind(":key", key).run("read project information");
    return query.next() ? query.text("value") : std::string();
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
        Statement(*this, "INSERT INTO project_info(key, value) VALUES ('pseudonym_key_id', :key_id)")
            .bind(":key_id", keyId)
            .run("record the site key id");
    } else if (recorded != keyId) {
        throw Error(path_ + ": its pseudonyms were made with another site key (id " + recorded + ", this key has id " +
                    keyId + "); use that site's key file (--key-file or DRS_KEY_FILE)");
    }
    transaction.commit();
}

QSqlQuery ProjectDb::prepare(const std::string& sql) {
    QSqlQuery query(database_);
    if (query.prepare(QString::fromStdString(sql))) return query;
    // As Statement does: nothing was sent yet, so outside a transaction reconnecting is safe.
    if (savepointDepth_ == 0 && dialect_.isConnectionLost(*this, query.lastError())) {
        reconnect();
        query = QSqlQuery(database_);
        if (query.prepare(QString::fromStdString(sql))) return query;
    }
    throw Error(path_ + ": cannot prepare '" + sql + "': " + reasonOf(query.lastError()));
}

void ProjectDb::run(QSqlQuery& query, const std::string& what) {
    if (!query.exec()) fail(what, query.lastError());
}

void ProjectDb::execute(const std::string& sql, const std::string& what) {
    QSqlQuery query(database_);
    if (!query.exec(QString::fromStdString(sql))) fail(what, query.lastError());
}

void ProjectDb::fail(const std::string& what, const QSqlError& error) const {
    if (dialect_.isConnectionLost(*this, error)) {
        // libpq's reason spans lines (or is empty when the driver had closed the connection).
        const std::string reason = QString::fromStdString(reasonOf(error)).simplified().toStdString();
        std::string message = path_ + ": cannot " + what + ": the connection to the database server was lost";
        if (!reason.empty()) message += " (" + reason + ")";
        if (savepointDepth_ > 0) message += "; the server rolled back the open transaction: nothing of it was saved";
        throw ConnectionLost(message);
    }
    std::string message = path_ + ": cannot " + what + ": " + reasonOf(error);
    if (const std::string why = dialect_.explainFailure(path_, error); !why.empty()) message += " (" + why + ")";
    if (dialect_.isBusy(error)) throw DatabaseBusy(message);
    throw Error(message);
}

void ProjectDb::reconnect() const {
    using Clock = std::chrono::steady_clock;
    using std::chrono::milliseconds;
    const auto lost = Clock::now();
    const ReconnectPolicy& policy = reconnectPolicy_;
    milliseconds delay = policy.firstDelay;
    std::string reason = "the connection was lost";
    int attempts = 0;
    while (attempts < policy.attempts) {
        const auto left = policy.limit - std::chrono::duration_cast<milliseconds>(Clock::now() - lost);
        if (left <= milliseconds(0)) break;
        ++attempts;
        database_.close();
        dialect_.setConnectTimeout(database_,
                                   static_cast<int>(std::clamp<long long>((left.count() + 999) / 1000, 1, 10)));
        if (database_.open()) {
            try {
                // Per-connection settings, as after opening; they change no project data.
                dialect_.configure(const_cast<ProjectDb&>(*this));
                dialect_.setConnectTimeout(database_, 10);
                return;
            } catch (const Error& error) {
                reason = error.what();
            }
        } else {
            reason = QString::fromStdString(reasonOf(database_.lastError())).simplified().toStdString();
        }
        if (attempts == policy.attempts) break;
        const auto remaining = policy.limit - std::chrono::duration_cast<milliseconds>(Clock::now() - lost);
        std::this_thread::sleep_for(std::min(delay, std::max(remaining, milliseconds(0))));
        delay = std::min(delay * 2, policy.maxDelay);
    }
    database_.close();
    const auto seconds = std::chrono::duration_cast<milliseconds>(Clock::now() - lost).count() / 1000.0;
    char spent[32];
    std::snprintf(spent, sizeof spent, "%.1f", seconds);
    throw Error(path_ + ": lost the connection to the database server and could not connect again (" +
                std::to_string(attempts) + " attempts in " + spent + " s; last: " + reason +
                "); check that the server is running and reachable, then run again");
}

void ProjectDb::inTransaction(const std::function<void()>& body) {
    for (int run = 1;; ++run) {
        try {
            Transaction transaction(*this);
            body();
            transaction.commit();
            return;
        } catch (const ConnectionLost&) {
            if (savepointDepth_ > 0 || run >= reconnectPolicy_.attempts) throw;
        }
        reconnect();
    }
}

std::int64_t ProjectDb::insertedId(const QSqlQuery& query) const { return dialect_.lastInsertedId(*this, query); }

Transaction::Transaction(ProjectDb& db)
    : db_(db), name_("drs_sp" + std::to_string(db.savepointDepth_ + 1)), depth_(db.savepointDepth_) {
    if (depth_ > 0) {
        db_.execute("SAVEPOINT " + name_, "begin a transaction");
    } else {
        try {
            db_.execute(db_.dialect_.beginTransaction(), "begin a transaction");
        } catch (const ConnectionLost&) {
            // Nothing of this transaction reached the server yet.
            db_.reconnect();
            db_.execute(db_.dialect_.beginTransaction(), "begin a transaction");
        }
    }
    ++db_.savepointDepth_;
}

void Transaction::commit() {
    if (!open_) return;
    // A connection found lost before (the driver closed it) took the transaction with it for sure.
    if (!db_.database_.isOpen())
        throw ConnectionLost(
            db_.path() +
            ": cannot commit the transaction: the connection to the database server was lost during it, and "
            "the server kept nothing of it");
    try {
        db_.execute(depth_ == 0 ? "COMMIT" : "RELEASE SAVEPOINT " + name_, "commit the transaction");
    } catch (const ConnectionLost& lost) {
        if (depth_ > 0) throw;
        // The server may have committed before the connection went: repeating could save it twice.
        throw CommitOutcomeUnknown(
            std::string(lost.what()) +
            "; it went while committing, so the change may or may not have been saved: check before repeating it");
    }
    open_ = false;
    --db_.savepointDepth_;
}

Transaction::~Transaction() {
    if (!open_) return;
    // Failures here cannot be reported (a destructor must not throw); the database undoes an
    // unfinished transaction anyway when the connection closes.
    QSqlQuery query(db_.database_);
    const std::vector<std::string> statements =
        depth_ == 0 ? std::vector<std::string>{"ROLLBACK"}
                    : std::vector<std::string>{"ROLLBACK TO SAVEPOINT " + name_, "RELEASE SAVEPOINT " + name_};
    for (const std::string& statement : statements) query.exec(QString::fromStdString(statement));
    --db_.savepointDepth_;
}

}  // namespace drs::project
