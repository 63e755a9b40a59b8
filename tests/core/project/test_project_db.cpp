#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <memory>

#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/project/ProjectDb.h"
#include "core/project/Results.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"
#include "tests/common/ProjectBackends.h"
#include "tests/common/ProjectCounts.h"

using namespace drs;
using namespace drs::project;

namespace {

using drs::test::rowCount;

// Changes a file's schema version behind the product's back, as a newer release would.
void setUserVersion(const QString& path, int version) {
    {
        auto raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery query(raw);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version=%1").arg(version)));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

template <class F>
QString errorOf(F&& action) {
    try {
        action();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

// Every test runs on an SQLite file and on a PostgreSQL database (ProjectBackends.h); the few
// about the file itself skip on PostgreSQL.
class TestProjectDb : public QObject {
    Q_OBJECT
private slots:
    void initTestCase_data() { drs::test::ProjectBackends::addRows(); }
    void initTestCase() { QVERIFY2(backends_.start(), backends_.server().error().c_str()); }
    void cleanupTestCase() { backends_.stop(); }

    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
    }

    void newProjectHasCurrentSchemaWalForeignKeysAndNoSalt() {
        DRS_NEW_PROJECT(a, backends_, *dir_, "a");
        DRS_NEW_PROJECT(b, backends_, *dir_, "b");
        ProjectDb first(a);
        ProjectDb second(b);
        QCOMPARE(first.schemaVersion(), ProjectDb::kCurrentSchemaVersion);
        // Pseudonyms are keyed outside the project (core/image/Pseudonym.h): no salt inside it.
        QVERIFY(first.legacyPseudonymSalt().empty());
        QVERIFY(second.legacyPseudonymSalt().empty());
        if (drs::test::ProjectBackends::onPostgres()) {
            QVERIFY2(QString::fromStdString(first.filesFolder()).startsWith(dir_->filePath("a_")),
                     first.filesFolder().c_str());
            return;
        }
        auto journal = first.prepare("PRAGMA journal_mode");
        first.run(journal, "read journal mode");
        QVERIFY(journal.next());
        QCOMPARE(journal.value(0).toString(), QStringLiteral("wal"));
        auto keys = first.prepare("PRAGMA foreign_keys");
        first.run(keys, "read foreign keys");
        QVERIFY(keys.next());
        QCOMPARE(keys.value(0).toInt(), 1);
        QCOMPARE(QString::fromStdString(first.filesFolder()), dir_->filePath("a.files"));
    }

    void rolledBackTransactionLeavesDatabaseUnchanged() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        CohortRepository cohort(db);
        const auto kept = cohort.addPatient("P-kept", "A");
        cohort.setLabel(kept, "EGFR", 1);
        try {
            Transaction transaction(db);
            const auto added = cohort.addPatient("P-lost", "B");
            cohort.setLabel(added, "EGFR", 0);
            cohort.setLabel(kept, "EGFR", 0);
            cohort.setClinicalValue(added, "age", "61");
            throw Error("simulated failure in the middle of an import");
        } catch (const Error&) {}
        QCOMPARE(rowCount(db, "patients"), 1LL);
        QCOMPARE(rowCount(db, "clinical_values"), 0LL);
        const auto labels = cohort.labels("EGFR");
        QCOMPARE(labels.size(), std::size_t(1));
        QCOMPARE(labels[0].patientId, kept);
        QCOMPARE(labels[0].value, 1);
    }

    void innerCommitIsUndoneByOuterRollback() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        CohortRepository cohort(db);
        {
            Transaction outer(db);
            {
                Transaction inner(db);
                cohort.addPatient("P-inner", "A");
                inner.commit();
            }
            QCOMPARE(rowCount(db, "patients"), 1LL);
        }
        QCOMPARE(rowCount(db, "patients"), 0LL);
        {
            Transaction outer(db);
            cohort.addPatient("P-outer", "A");
            outer.commit();
        }
        QCOMPARE(rowCount(db, "patients"), 1LL);
    }

    void databaseFromNewerSchemaIsRefused() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "newer");
        std::string shown;
        {
            ProjectDb db(location);
            shown = db.path();
            if (drs::test::ProjectBackends::onPostgres())
                db.execute(
                    "UPDATE drs_schema_version SET version = " + std::to_string(ProjectDb::kCurrentSchemaVersion + 1),
                    "pretend a newer release wrote it");
        }
        if (!drs::test::ProjectBackends::onPostgres())
            setUserVersion(QString::fromStdString(location), ProjectDb::kCurrentSchemaVersion + 1);
        const QString message = errorOf([&] { ProjectDb db(location); });
        QVERIFY2(message.contains(QStringLiteral("newer")), qPrintable(message));
        QVERIFY(message.contains(QString::fromStdString(shown)));
    }

    // A database that must already be a project (the source of a copy) is refused when empty,
    // and stays empty: opening it does not make it a project.
    void emptyDatabaseIsRefusedWhenAProjectIsRequired() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "empty");
        if (!drs::test::ProjectBackends::onPostgres()) std::ofstream{location};  // an empty file
        for (int attempt = 0; attempt < 2; ++attempt) {
            const QString message =
                errorOf([&] { ProjectDb db(location, ProjectDb::kCurrentSchemaVersion, ProjectDb::Create::Never); });
            QVERIFY2(message.contains(QStringLiteral(": is empty, not a DeepRadScore project")), qPrintable(message));
        }
        ProjectDb created(location);
        QCOMPARE(created.schemaVersion(), ProjectDb::kCurrentSchemaVersion);
    }

    void readOnlyProjectFileIsRefused() {
        if (drs::test::ProjectBackends::onPostgres()) QSKIP("a file's permissions: SQLite only");
        const QString path = dir_->filePath("locked.sqlite");
        { ProjectDb db(path.toStdString()); }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        const QString message = errorOf([&] { ProjectDb db(path.toStdString()); });
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY2(message.contains(QStringLiteral("read-only")), qPrintable(message));
        QVERIFY(message.contains(path));
    }

    void fileThatIsNotADatabaseIsRefused() {
        if (drs::test::ProjectBackends::onPostgres()) QSKIP("a file's content: SQLite only");
        const QString path = dir_->filePath("notes.sqlite");
        std::ofstream(path.toStdString()) << "patient list, not a database\n" << std::string(200, 'x');
        const QString message = errorOf([&] { ProjectDb db(path.toStdString()); });
        QVERIFY2(message.contains(QStringLiteral("not a project database")), qPrintable(message));
    }

    void version1DatabaseMigratesKeepingItsData() {
        DRS_NEW_PROJECT(path, backends_, *dir_, "old");
        std::int64_t patient = 0;
        {
            ProjectDb v1(path, 1);
            QCOMPARE(v1.schemaVersion(), 1);
            QVERIFY(!v1.connection().tables().contains(QStringLiteral("runs")));
            CohortRepository cohort(v1);
            patient = cohort.addPatient("P-0001", "A");
            cohort.setLabel(patient, "KRAS", 1);
        }
        ProjectDb current(path);
        QCOMPARE(current.schemaVersion(), ProjectDb::kCurrentSchemaVersion);
        CohortRepository cohort(current);
        QCOMPARE(cohort.patients().size(), std::size_t(1));
        QCOMPARE(cohort.labels("KRAS").at(0).value, 1);
        RunRepository runs(current);
        const auto run = runs.start("pipeline", "{}", 7, "{}");
        runs.saveSplit(run, "KRAS", {{patient, false}});
        QCOMPARE(runs.split(run, "KRAS").size(), std::size_t(1));
    }

    void oneLabelPerPatientAndEndpointOnlyZeroOrOne() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        CohortRepository cohort(db);
        const auto patient = cohort.addPatient("P-1", "A");
        cohort.setLabel(patient, "ALK", 0);
        cohort.setLabel(patient, "ALK", 1);
        QCOMPARE(cohort.labels("ALK").size(), std::size_t(1));
        QCOMPARE(cohort.labels("ALK")[0].value, 1);
        QVERIFY(!errorOf([&] { cohort.setLabel(patient, "ALK", 2); }).isEmpty());
        // The CHECK constraint guards the table against writers that bypass the repository.
        QVERIFY(!errorOf([&] { db.execute("UPDATE labels SET value = 2", "corrupt labels"); }).isEmpty());
        QVERIFY(!errorOf([&] { cohort.addPatient("P-1", "B"); }).isEmpty());
    }

    void foreignKeysAreEnforced() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        CohortRepository cohort(db);
        StudyRow orphan;
        orphan.patientId = 4242;
        orphan.modality = "CT";
        orphan.sourceKind = "dicom";
        const QString message = errorOf([&] { cohort.addStudy(orphan); });
        QVERIFY2(message.contains(QStringLiteral("FOREIGN KEY"), Qt::CaseInsensitive), qPrintable(message));
    }

    void testPatientCannotEnterACrossValidationFold() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        CohortRepository cohort(db);
        RunRepository runs(db);
        const auto trainee = cohort.addPatient("P-train", "A");
        const auto tested = cohort.addPatient("P-test", "A");
        cohort.ensureEndpoint("PI");
        const auto run = runs.start("pipeline", "{}", 1, "{}");
        runs.saveSplit(run, "PI", {{trainee, false}, {tested, true}});
        runs.saveFolds(run, "PI", {{0, trainee, 3}});
        const QString message = errorOf([&] { runs.saveFolds(run, "PI", {{1, trainee, 0}, {1, tested, 1}}); });
        QVERIFY2(message.contains(QStringLiteral("outside the training set")), qPrintable(message));
        const auto folds = runs.folds(run, "PI");
        QCOMPARE(folds.size(), std::size_t(1));
        QCOMPARE(folds[0].fold, 3);
    }

    void runStepsSurviveReopeningForResume() {
        DRS_NEW_PROJECT(path, backends_, *dir_, "p");
        std::int64_t run = 0;
        {
            ProjectDb db(path);
            RunRepository runs(db);
            run = runs.start("pipeline", "{\"patients\":3}", 11, "{}");
            runs.markStepDone(run, "regions", "{\"cases\":3}");
        }
        ProjectDb db(path);
        RunRepository runs(db);
        const auto unfinished = runs.latestUnfinished("pipeline");
        QVERIFY(unfinished.has_value());
        QCOMPARE(unfinished->id, run);
        QCOMPARE(unfinished->seed, 11LL);
        QVERIFY(runs.isStepDone(run, "regions"));
        QVERIFY(!runs.isStepDone(run, "radiomics"));
        QCOMPARE(*runs.checkpoint(run, "regions"), std::string("{\"cases\":3}"));
        runs.finish(run, "finished");
        QVERIFY(!runs.latestUnfinished("pipeline").has_value());
        QVERIFY(!runs.run(run)->finishedAt.empty());
        // Listing: newest first, only the kind asked for.
        const auto second = runs.start("pipeline", "{}", 12, "{}");
        runs.start("other", "{}", 13, "{}");
        const auto listed = runs.runs("pipeline");
        QCOMPARE(listed.size(), std::size_t{2});
        QCOMPARE(listed[0].id, second);
        QCOMPARE(listed[0].status, std::string("running"));
        QCOMPARE(listed[1].id, run);
        QCOMPARE(listed[1].status, std::string("finished"));
    }

    void featureValuesRoundTripWithMissingValues() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        CohortRepository cohort(db);
        FeatureRepository features(db);
        const auto p1 = cohort.addPatient("P-1", "A");
        const auto p2 = cohort.addPatient("P-2", "A");
        const auto set = features.ensureFeatureSet({"tumour", "abc", "0.1.0"}, "{}");
        QCOMPARE(features.ensureFeatureSet({"tumour", "abc", "0.1.0"}, "{}"), set);
        features.storeValues(set, p1, {{"original_firstorder_Mean", -12.5}, {"original_shape_Sphericity", 0.75}});
        features.storeValues(set, p2, {{"original_firstorder_Mean", 30.0}, {"original_shape_Sphericity", NAN}});
        const auto matrix = features.matrix(set);
        QCOMPARE(matrix.patientIds, (std::vector<std::int64_t>{p1, p2}));
        QCOMPARE(matrix.names.size(), std::size_t(2));
        QCOMPARE(matrix.at(0, 0), -12.5);
        QCOMPARE(matrix.at(1, 0), 30.0);
        QVERIFY(std::isnan(matrix.at(1, 1)));
    }

    // Writing a report again over the same file leaves one record, with the new file's hash.
    void rewrittenReportKeepsOneCurrentRecord() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "r");
        ProjectDb db(location);
        QDir().mkpath(QString::fromStdString(db.absoluteFilePath("reports")));
        const std::string pdf = db.absoluteFilePath("reports/run-1.pdf");
        ResultRepository results(db);
        std::ofstream(pdf) << "first version";
        results.addReport(std::nullopt, "cohort", "reports/run-1.pdf");
        std::ofstream(pdf) << "second version";
        results.addReport(std::nullopt, "cohort", "reports/run-1.pdf");
        const auto rows = results.reports();
        QCOMPARE(rows.size(), std::size_t(1));
        // sha256sum of the text "second version"
        QCOMPARE(rows[0].sha256, std::string("ebfa015966891a400bf353bdf8ef30444a71b1751e2808ef6c014db34d168d85"));
    }

    void modelFileHashIsCheckedOnLoad() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        CohortRepository cohort(db);
        ResultRepository results(db);
        RunRepository runs(db);
        const auto patient = cohort.addPatient("P-1", "A");
        cohort.ensureEndpoint("T4");
        const auto run = runs.start("pipeline", "{}", 1, "{}");
        QVERIFY(QDir().mkpath(QString::fromStdString(db.filesFolder()) + "/models"));
        const std::string file = db.absoluteFilePath("models/t4.bin");
        std::ofstream(file) << "abc";
        ModelRow row;
        row.runId = run;
        row.endpoint = "T4";
        row.model = "deep_radscore";
        row.classifier = "lr";
        row.filePath = "models/t4.bin";
        row.threshold = 0.42;
        const auto modelId = results.saveModel(row);
        const auto stored = results.model(modelId);
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        QCOMPARE(stored->sha256, std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(*stored->threshold, 0.42);
        QCOMPARE(results.verifiedModelFile(*stored), file);
        results.savePredictions(modelId, "test", {{patient, 0.8}});
        results.saveMetrics(modelId, "test", {{"auc", 0.9}, {"ci_low", NAN}});
        QCOMPARE(results.metrics(modelId, "test").at("auc"), 0.9);
        QVERIFY(std::isnan(results.metrics(modelId, "test").at("ci_low")));
        std::ofstream(file) << "abd";
        const QString message = errorOf([&] { results.verifiedModelFile(*stored); });
        QVERIFY2(message.contains(QStringLiteral("changed")), qPrintable(message));
        // Replacing the model drops the predictions that belonged to the old one.
        results.saveModel(row);
        QCOMPARE(rowCount(db, "predictions"), 0LL);
    }

private:
    drs::test::ProjectBackends backends_;
    std::unique_ptr<QTemporaryDir> dir_;  // fresh per test function
};

QTEST_GUILESS_MAIN(TestProjectDb)
#include "test_project_db.moc"
