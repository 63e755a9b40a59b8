// Several `drs import` processes writing into one project at once, as two operators (or a re-run
// started too early) do: no committed row may lose its file, and a patient refused only because the
// project was busy must make the command fail loudly.
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <string>
#include <vector>

#include "core/image/Pseudonym.h"
#include "core/project/ProjectDb.h"
#include "core/util/Hash.h"

namespace {

constexpr int kPatients = 3;

struct Finished {
    int exitCode = -1;
    QString err;
};

// Starts every import before waiting for any, so they overlap.
std::vector<Finished> importConcurrently(const QString& project, const QStringList& cohorts) {
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const auto& cohort : cohorts) {
        auto process = std::make_unique<QProcess>();
        process->start(
            QStringLiteral(DRS_BIN_DIR "/drs"),
            {"import", "--project", project, "--studies", cohort + "/studies", "--clinical", cohort + "/clinical.csv",
             "--report", project + "." + QString::number(processes.size()) + ".csv", "--quiet"});
        processes.push_back(std::move(process));
    }
    std::vector<Finished> finished;
    for (auto& process : processes) {
        process->waitForFinished(120000);
        finished.push_back({process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1,
                            QString::fromUtf8(process->readAllStandardError())});
    }
    return finished;
}

}  // namespace

class TestImportConcurrency : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        for (const char* seed : {"11", "12", "13"}) {
            // Cohort 13 has one patient: each refused patient costs the importer's whole retry time.
            const QString patients = QString::number(seed == std::string("13") ? 1 : kPatients);
            QProcess synth;
            synth.start(QStringLiteral(DRS_BIN_DIR "/drs"), {"synth", "--out", dir_.filePath(QString("cohort-") + seed),
                                                             "--patients", patients, "--seed", seed, "--quiet"});
            QVERIFY(synth.waitForFinished(120000));
            QCOMPARE(synth.exitCode(), 0);
        }
    }

    void concurrentImports_data() {
        QTest::addColumn<QStringList>("cohorts");
        QTest::addColumn<int>("patients");
        QTest::addColumn<bool>("createFirst");  // else the imports also race to create the project
        const QString a = dir_.filePath("cohort-11"), b = dir_.filePath("cohort-12");
        QTest::newRow("same cohort twice") << QStringList{a, a} << kPatients << true;
        QTest::newRow("same cohort three times") << QStringList{a, a, a} << kPatients << true;
        QTest::newRow("three, two of them the same") << QStringList{a, b, a} << 2 * kPatients << true;
        QTest::newRow("two different cohorts, new project") << QStringList{a, b} << 2 * kPatients << false;
    }

    void concurrentImports() {
        QFETCH(QStringList, cohorts);
        QFETCH(int, patients);
        QFETCH(bool, createFirst);
        QTemporaryDir work;
        const QString project = work.filePath("p.sqlite");
        if (createFirst) drs::project::ProjectDb create(project.toStdString());
        const auto runs = importConcurrently(project, cohorts);
        for (std::size_t i = 0; i < runs.size(); ++i) {
            // Waiting for the lock is the importer's job: nothing may be refused for being busy.
            QVERIFY2(!runs[i].err.contains("busy") && !runs[i].err.contains("locked"), qPrintable(runs[i].err));
            // A cohort imported by one process only is accepted whole.
            if (cohorts.count(cohorts[static_cast<int>(i)]) == 1) {
                QCOMPARE(runs[i].exitCode, 0);
                QVERIFY2(runs[i].err.contains(QString("accepted %1, refused 0").arg(kPatients)),
                         qPrintable(runs[i].err));
            }
        }

        drs::project::ProjectDb db(project.toStdString());
        auto count = db.prepare("SELECT count(*) FROM patients");
        db.run(count, "count patients");
        QVERIFY(count.next());
        QCOMPARE(count.value(0).toInt(), patients);
        // Every row's file is there, with the bytes its row recorded.
        auto files = db.prepare(
            "SELECT image_path, image_sha256 FROM studies UNION ALL SELECT mask_path, mask_sha256 FROM rois");
        db.run(files, "list files");
        int checked = 0;
        while (files.next()) {
            const std::string path = db.absoluteFilePath(files.value(0).toString().toStdString());
            QVERIFY2(QFile::exists(QString::fromStdString(path)), path.c_str());
            QCOMPARE(drs::sha256File(path), files.value(1).toString().toStdString());
            ++checked;
        }
        QCOMPARE(checked, 2 * patients);
        // Nothing else is left behind: no temporary of any process, no unreferenced file.
        int onDisk = 0;
        for (QDirIterator it(QString::fromStdString(db.filesFolder()), QDir::Files, QDirIterator::Subdirectories);
             it.hasNext(); it.next())
            ++onDisk;
        QCOMPARE(onDisk, 2 * patients);
    }

    // Another process keeps the write lock for longer than the importer retries: the patient is
    // refused, the command fails, and its one-line summary says why.
    void busyProjectFailsTheCommand() {
        QTemporaryDir work;
        const QString project = work.filePath("p.sqlite");
        {
            // The site key (the tests' DRS_KEY_FILE, which drs inherits) is recorded beforehand: here
            // only the patient's own transaction is to meet the busy project.
            drs::project::ProjectDb create(project.toStdString());
            create.requirePseudonymKey(drs::loadSiteKey().id());
        }
        auto holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        holder.setDatabaseName(project);
        QVERIFY(holder.open());
        {
            QSqlQuery lock(holder);
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
            const QString cohort = dir_.filePath("cohort-13");
            QProcess import;
            import.start(QStringLiteral(DRS_BIN_DIR "/drs"),
                         {"import", "--project", project, "--studies", cohort + "/studies", "--clinical",
                          cohort + "/clinical.csv", "--quiet"});
            QVERIFY(import.waitForFinished(120000));
            const QString err = QString::fromUtf8(import.readAllStandardError());
            const QString out = QString::fromUtf8(import.readAllStandardOutput());
            QCOMPARE(import.exitCode(), 1);
            // Warnings about the (empty) project's labels may come first; the summary is the last line.
            const QString summary = err.trimmed().split('\n').last();
            QVERIFY2(summary.startsWith("drs import: accepted 0, refused 1, of which 1 only because another process "
                                        "kept the project busy"),
                     qPrintable(err));
            QVERIFY2(out.contains("the project was busy"), qPrintable(out));
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        }
        holder.close();
        holder = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        // Nothing of the refused patients was left in the files folder.
        drs::project::ProjectDb db(project.toStdString());
        const QDir images(QString::fromStdString(db.filesFolder()) + "/images");
        QCOMPARE(images.entryList(QDir::Files).size(), 0);
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestImportConcurrency)
#include "test_import_concurrency.moc"
