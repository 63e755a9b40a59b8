// `drs project copy FROM TO` run as a user runs it: an SQLite project copied onto a real PostgreSQL
// server (tests/common/PostgresServer.h) and back into a new file, the two files then compared
// table by table here and their files folders byte by byte; a copy that fails part-way (under a
// file-size limit) leaves no new file behind; a wrong source or an existing target gives a clear
// error and creates nothing. The PostgreSQL parts skip, saying why, where the server software is
// absent.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/project/ProjectCopy.h"
#include "core/project/ProjectDb.h"
#include "tests/common/DrsProcess.h"
#include "tests/common/PostgresServer.h"
#include "tests/common/ProjectCounts.h"

using namespace drs;
using namespace drs::project;
using drs::test::ProcessRun;
using drs::test::runDrs;

namespace {

constexpr int kPatients = 40;
constexpr int kFeatures = 60;

// A project with patients, labels, clinical values, 2,400 feature values (about 250 kB of
// database, so a copy under a 128 kB file-size limit fails part-way) and one file in its folder.
void makeProject(const std::string& path) {
    ProjectDb db(path);
    CohortRepository cohort(db);
    FeatureRepository features(db);
    cohort.ensureEndpoint("EGFR");
    const auto set = features.ensureFeatureSet({"tumour", "hash", "1.0"}, "{\"binWidth\":25}");
    Transaction transaction(db);
    for (int p = 0; p < kPatients; ++p) {
        const auto id = cohort.addPatient("P-" + std::to_string(p), p % 2 ? "Centre A" : "Centre B");
        cohort.setLabel(id, "EGFR", p % 3 == 0);
        cohort.setClinicalValue(id, "age", std::to_string(40 + p));
        std::vector<std::pair<std::string, double>> values;
        for (int f = 0; f < kFeatures; ++f)
            values.emplace_back("original_firstorder_F" + std::to_string(f), (p + 1) / 3.0 + f * 0.1);
        features.storeValues(set, id, values);
    }
    transaction.commit();
    std::filesystem::create_directories(std::filesystem::u8path(db.absoluteFilePath("reports")));
    std::ofstream(db.absoluteFilePath("reports/cohort.txt")) << "a file of the project\n";
}

QByteArray contentsOf(const std::string& path) {
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

}  // namespace

class TestCliProjectCopy : public QObject {
    Q_OBJECT
    std::unique_ptr<test::PostgresServer> server_;

private slots:
    void initTestCase() {
        server_ = std::make_unique<test::PostgresServer>();
        if (!server_->skipReason().empty()) qWarning("PostgreSQL parts skip: %s", server_->skipReason().c_str());
        QVERIFY2(server_->error().empty(), server_->error().c_str());
    }
    void cleanupTestCase() { server_.reset(); }

    // SQLite -> PostgreSQL -> SQLite: the last file equals the first, table by table.
    void roundTripThroughPostgresKeepsEverything() {
        if (!server_->skipReason().empty()) QSKIP(("PostgreSQL: " + server_->skipReason()).c_str());
        QTemporaryDir dir;
        const std::string first = dir.filePath("first.sqlite").toStdString();
        makeProject(first);
        const std::string onServer =
            server_->createDatabase("copied") + "?files=" + dir.filePath("server.files").toStdString();
        const std::string back = dir.filePath("back.sqlite").toStdString();

        const ProcessRun up =
            runDrs({"project", "copy", QString::fromStdString(first), QString::fromStdString(onServer)});
        QVERIFY2(up.exitCode == 0, qPrintable(up.all()));
        QVERIFY2(up.out.contains("every table compared equal"), qPrintable(up.out));
        QVERIFY2(up.out.contains(QString::fromStdString(server_->location("copied"))), qPrintable(up.out));
        const ProcessRun down =
            runDrs({"project", "copy", QString::fromStdString(onServer), QString::fromStdString(back)});
        QVERIFY2(down.exitCode == 0, qPrintable(down.all()));

        ProjectDb a(first);
        ProjectDb b(back);
        const auto differences = compareProjects(a, b);
        QVERIFY2(differences.empty(), differences.empty() ? "" : differences.front().c_str());
        QCOMPARE(test::rowCount(b, "patients"), static_cast<long long>(kPatients));
        QCOMPARE(test::rowCount(b, "feature_values"), static_cast<long long>(kPatients * kFeatures));
        QCOMPARE(contentsOf(b.absoluteFilePath("reports/cohort.txt")), QByteArray("a file of the project\n"));
        QCOMPARE(contentsOf(dir.filePath("server.files/reports/cohort.txt").toStdString()),
                 QByteArray("a file of the project\n"));

        // The server's copy is no longer new: a second copy into it is refused.
        const ProcessRun again =
            runDrs({"project", "copy", QString::fromStdString(first), QString::fromStdString(onServer)});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QString::fromStdString(server_->location("copied"))), qPrintable(again.err));
    }

    // A copy into a new file that fails part-way removes the file, its journal and its folder.
    void failedCopyRemovesTheNewFile() {
        QTemporaryDir dir;
        const std::string source = dir.filePath("source.sqlite").toStdString();
        makeProject(source);
        const QString target = dir.filePath("target.sqlite");
        const ProcessRun run =
            test::runDrsUnderFileSizeLimit(128 * 1024, {"project", "copy", QString::fromStdString(source), target});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(target) && run.err.contains("file-size limit"), qPrintable(run.err));
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QVERIFY2(!QFile::exists(target + suffix), qPrintable(target + suffix));
        QVERIFY(!QFile::exists(dir.filePath("target.files")));
        // The source is untouched.
        ProjectDb db(source);
        QCOMPARE(test::rowCount(db, "feature_values"), static_cast<long long>(kPatients * kFeatures));
    }

    // A wrong source or an existing target: one clear line, nothing created.
    void wrongSourceOrTargetIsRefused() {
        QTemporaryDir dir;
        const QString target = dir.filePath("target.sqlite");
        const QString missing = dir.filePath("missing.sqlite");
        const ProcessRun noFile = runDrs({"project", "copy", missing, target});
        QCOMPARE(noFile.exitCode, 1);
        QVERIFY2(noFile.err.contains(missing + ": no such project database file"), qPrintable(noFile.err));
        QVERIFY(!QFile::exists(target));

        const QString notes = dir.filePath("notes.sqlite");
        std::ofstream(notes.toStdString()) << "patient list, not a database\n" << std::string(200, 'x');
        const ProcessRun notAProject = runDrs({"project", "copy", notes, target});
        QCOMPARE(notAProject.exitCode, 1);
        QVERIFY2(notAProject.err.contains(notes + ": ") && notAProject.err.contains("not a project database"),
                 qPrintable(notAProject.err));
        QVERIFY(!QFile::exists(target));

        const QString existing = dir.filePath("existing.sqlite");
        makeProject(existing.toStdString());
        const ProcessRun exists = runDrs({"project", "copy", existing, existing});
        QCOMPARE(exists.exitCode, 1);
        QVERIFY2(exists.err.contains(existing + ": already exists"), qPrintable(exists.err));

        if (!server_->skipReason().empty()) QSKIP(("PostgreSQL: " + server_->skipReason()).c_str());
        const QString absent = QString::fromStdString(server_->location("no_such_database"));
        const ProcessRun noDatabase = runDrs({"project", "copy", absent, target});
        QCOMPARE(noDatabase.exitCode, 1);
        QVERIFY2(noDatabase.err.contains(absent + ": cannot open the project database") &&
                     noDatabase.err.contains("does not exist"),
                 qPrintable(noDatabase.err));
        QVERIFY(!QFile::exists(target));

        // An empty database is no project: refused, and left empty (not made a project by opening it).
        const QString empty = QString::fromStdString(server_->createDatabase("empty_source"));
        for (int run = 0; run < 2; ++run) {
            const ProcessRun noProject = runDrs({"project", "copy", empty, target});
            QCOMPARE(noProject.exitCode, 1);
            QVERIFY2(noProject.err.contains(empty + ": is empty, not a DeepRadScore project"),
                     qPrintable(noProject.err));
        }
        QVERIFY(!QFile::exists(target));
    }
};

QTEST_GUILESS_MAIN(TestCliProjectCopy)
#include "test_cli_project_copy.moc"
