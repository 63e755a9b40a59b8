#pragma once
// Runs every function of a Qt Test class once per project engine: on an SQLite file and on a real
// PostgreSQL server started for the test program (PostgresServer.h). The class calls addRows() in
// initTestCase_data() (Qt Test's global data: each test function runs once per row), start() in
// initTestCase(), and takes its project locations from DRS_NEW_PROJECT, which skips a PostgreSQL
// row, saying why, where the server software is absent.
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <string>

#include "tests/common/PostgresServer.h"

namespace drs::test {

class ProjectBackends {
public:
    static void addRows() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    // The server is started once for the program; false (with a failed check) when it could not.
    bool start() {
        server_ = std::make_unique<PostgresServer>();
        if (!server_->skipReason().empty()) qWarning("PostgreSQL rows skip: %s", server_->skipReason().c_str());
        return server_->error().empty();
    }
    void stop() { server_.reset(); }
    PostgresServer& server() { return *server_; }

    // True in the current test function's PostgreSQL row.
    static bool onPostgres() {
        QFETCH_GLOBAL(QString, backend);
        return backend == QStringLiteral("postgresql");
    }

    // A new project of the current row: dir/NAME.sqlite, or a new database whose files folder is
    // dir/NAME_N.files; empty when the PostgreSQL row has no server (skipReason()).
    std::string newProject(const QTemporaryDir& dir, const std::string& name) {
        if (!onPostgres()) return dir.filePath(QString::fromStdString(name + ".sqlite")).toStdString();
        if (!server_->skipReason().empty()) return {};
        const std::string database = name + "_" + std::to_string(++databases_);
        return server_->createDatabase(database) +
               "?files=" + dir.filePath(QString::fromStdString(database + ".files")).toStdString();
    }
    std::string skipReason() const { return "PostgreSQL: " + server_->skipReason(); }

private:
    std::unique_ptr<PostgresServer> server_;
    int databases_ = 0;
};

}  // namespace drs::test

// Declares `location`, a new project of the current row (ProjectBackends::newProject), or skips.
#define DRS_NEW_PROJECT(location, backends, dir, name)                 \
    const std::string location = (backends).newProject((dir), (name)); \
    if (location.empty()) QSKIP((backends).skipReason().c_str());      \
    do {                                                               \
    } while (false)
