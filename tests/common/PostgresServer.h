#pragma once
// A real PostgreSQL server for one test program: initdb in a temporary folder, pg_ctl start on a
// free loopback port, pg_ctl stop when the object goes. Without initdb (Debian: postgresql) or
// Qt's QPSQL driver (libqt6sql6-psql) skipReason() says so and the tests skip.
#include <pwd.h>
#include <signal.h>
#include <unistd.h>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <exception>
#include <fstream>
#include <memory>
#include <set>
#include <string>

namespace drs::test {

class PostgresServer {
public:
    PostgresServer() {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            skipReason_ = "Qt's PostgreSQL driver QPSQL is not installed (Debian: libqt6sql6-psql)";
            return;
        }
        binDir_ = findBinDir();
        if (binDir_.isEmpty()) {
            skipReason_ =
                "PostgreSQL's initdb was not found on PATH or in /usr/lib/postgresql/*/bin (Debian: postgresql)";
            return;
        }
        dir_ = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/drs-pg-XXXXXX"));
        // initdb refuses to run as root: the server then runs as the postgres user.
        if (geteuid() == 0) {
            const passwd* user = getpwnam("postgres");
            if (!user) {
                skipReason_ = "running as root and there is no postgres user to run the server as";
                return;
            }
            if (chown(dir_->path().toLocal8Bit().constData(), user->pw_uid, user->pw_gid) != 0) {
                error_ = "cannot give " + dir_->path().toStdString() + " to the postgres user";
                return;
            }
            asPostgres_ = true;
        }
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("drs"), QStringLiteral("-A"),
                  QStringLiteral("trust"), QStringLiteral("-N"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                  QStringLiteral("--locale=C")}))
            return;
        port_ = freePort();
        start();
        // An exception no test caught ends the program without destructors: stop the server anyway.
        static const std::terminate_handler previous = std::set_terminate([] {
            for (PostgresServer* server : live()) server->kill();
            previous ? previous() : std::abort();
        });
        live().insert(this);
    }

    ~PostgresServer() {
        live().erase(this);
        stop(QStringLiteral("immediate"));
    }

    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // Why the tests skip (no server software here); empty when the server could start or failed.
    const std::string& skipReason() const { return skipReason_; }
    // Why the server failed to start (a test failure, not a skip); empty otherwise.
    const std::string& error() const { return error_; }
    bool running() const { return started_; }
    int port() const { return port_; }

    // Starts the server again on the same port (after stop()); false with error() on failure.
    bool start() {
        const QString options = QStringLiteral(
                                    "-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                                    " -c full_page_writes=off")
                                    .arg(port_)
                                    .arg(dir_->path());
        started_ = run(QStringLiteral("pg_ctl"),
                       {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"),
                        dir_->filePath(QStringLiteral("server.log")), QStringLiteral("-w"), QStringLiteral("-t"),
                        QStringLiteral("60"), QStringLiteral("-o"), options, QStringLiteral("start")});
        return started_;
    }

    // Stops the server as an administrator's restart does (mode "fast"): every client loses its
    // connection, open transactions are rolled back, committed ones kept. "immediate" is a crash
    // (with this server's fsync=off, only for the end).
    bool stop(const QString& mode = QStringLiteral("fast")) {
        if (!started_) return true;
        started_ = !run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), mode,
                                                   QStringLiteral("-w"), QStringLiteral("stop")});
        return !started_;
    }

    bool restart() { return stop() && start(); }

    // A new, empty database sorting text as bytes (as SQLite does); its project location.
    std::string createDatabase(const std::string& name) {
        const QString connection = QStringLiteral("drs-test-admin");
        std::string failure;
        {
            QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            admin.setHostName(QStringLiteral("127.0.0.1"));
            admin.setPort(port_);
            admin.setUserName(QStringLiteral("drs"));
            admin.setDatabaseName(QStringLiteral("postgres"));
            if (!admin.open()) {
                failure = admin.lastError().text().toStdString();
            } else {
                QSqlQuery create(admin);
                if (!create.exec(QString::fromStdString(
                        "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")))
                    failure = create.lastError().text().toStdString();
            }
            admin.close();
        }
        QSqlDatabase::removeDatabase(connection);
        if (!failure.empty()) throw std::runtime_error("cannot create database " + name + ": " + failure);
        return location(name);
    }

    std::string location(const std::string& database) const {
        return "postgresql://drs@127.0.0.1:" + std::to_string(port_) + "/" + database;
    }

private:
    QString dataDir() const { return dir_->filePath(QStringLiteral("data")); }

    static std::set<PostgresServer*>& live() {
        static std::set<PostgresServer*> servers;
        return servers;
    }

    // SIGQUIT: the postmaster's immediate shutdown (its pid is the first line of postmaster.pid);
    // once it has gone (a few seconds at most), its folder goes too.
    void kill() const {
        pid_t pid = 0;
        std::ifstream(dataDir().toStdString() + "/postmaster.pid") >> pid;
        if (!started_ || pid <= 0 || ::kill(pid, SIGQUIT) != 0) return;
        for (int wait = 0; wait < 50 && ::kill(pid, 0) == 0; ++wait) usleep(100000);
        QDir(dir_->path()).removeRecursively();
    }

    static QString findBinDir() {
        const QString onPath = QStandardPaths::findExecutable(QStringLiteral("initdb"));
        if (!onPath.isEmpty() && !QStandardPaths::findExecutable(QStringLiteral("pg_ctl")).isEmpty())
            return QFileInfo(onPath).canonicalPath();
        QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        std::sort(versions.begin(), versions.end(),
                  [](const QString& a, const QString& b) { return a.toInt() > b.toInt(); });
        for (const QString& version : versions) {
            const QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(version);
            if (QFileInfo::exists(bin + QStringLiteral("/initdb"))) return bin;
        }
        return {};
    }

    static int freePort() {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    bool run(const QString& tool, const QStringList& arguments) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(dir_->path());
        const QString program = binDir_ + QLatin1Char('/') + tool;
        if (asPostgres_)
            process.start(QStringLiteral("runuser"),
                          QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} +
                              arguments);
        else
            process.start(program, arguments);
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() != 0) {
            error_ = tool.toStdString() + " failed: " + process.readAll().toStdString();
            QFile log(dir_->filePath(QStringLiteral("server.log")));
            if (log.open(QIODevice::ReadOnly)) error_ += "\nserver log:\n" + log.readAll().toStdString();
            return false;
        }
        return true;
    }

    QString binDir_;
    std::unique_ptr<QTemporaryDir> dir_;
    bool asPostgres_ = false;
    bool started_ = false;
    int port_ = 0;
    std::string skipReason_;
    std::string error_;
};

}  // namespace drs::test
