// The project-database repositories on both engines: each test runs once on an SQLite file and
// once on a real PostgreSQL server started on loopback for this program (tests/common/
// PostgresServer.h; the PostgreSQL rows skip, saying why, where the server software is absent).
// Expected values are the ones the test writes; the copy test compares every table of an SQLite
// project with its copy on PostgreSQL and back.
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <limits>

#include "core/image/ImageIO.h"
#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/project/Labels.h"
#include "core/project/Overview.h"
#include "core/project/ProjectCopy.h"
#include "core/project/ProjectDb.h"
#include "core/project/Results.h"
#include "core/project/Rois.h"
#include "core/project/Runs.h"
#include "core/project/SqlDialect.h"
#include "core/project/TestEvaluations.h"
#include "core/util/Error.h"
#include "tests/common/ProjectBackends.h"
#include "tests/common/ProjectCounts.h"

using namespace drs;
using namespace drs::project;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

Geometry studyGrid() {
    Geometry g;
    g.sizeXyz = {6, 5, 4};
    g.spacingMm = {0.7421875, 0.7421875, 2.5};
    return g;
}

void writeFile(const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::u8path(path).parent_path());
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.data(), static_cast<qint64>(text.size()));
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

struct Ids {
    std::int64_t a = 0, b = 0, c = 0, external = 0, roi = 0, run = 0, model = 0, featureSet = 0;
};

// Writes a little of everything every repository stores; values chosen to catch rounding (1/3,
// 0.1), NaN (stored as NULL) and order (feature and SHAP names out of alphabetical order).
void fill(ProjectDb& db, Ids& ids) {
    CohortRepository cohort(db);
    ids.a = cohort.addPatient("P-a", "Centre A");
    ids.b = cohort.addPatient("P-b", "Centre B");
    ids.c = cohort.addPatient("P-c", "Centre A");
    const auto externalCohort = cohort.addExternalCohort("site-2");
    ids.external = cohort.addPatient("X-a", "Site 2", externalCohort);
    cohort.setClinicalValue(ids.a, "age", "61");
    cohort.setClinicalValue(ids.a, "age", "62");  // replaces
    cohort.setClinicalValue(ids.b, "sex", "F");
    for (const char* endpoint : {"LVI", "EGFR"}) cohort.ensureEndpoint(endpoint);
    cohort.setLabel(ids.a, "LVI", 1);
    cohort.setLabel(ids.b, "LVI", 0);
    cohort.setLabel(ids.c, "LVI", 1);
    cohort.setLabel(ids.external, "LVI", 0);
    cohort.setLabel(ids.a, "EGFR", 0);

    StudyRow study;
    study.patientId = ids.a;
    study.modality = "CT";
    study.sourceKind = "nifti";
    study.sourceSha256 = "s1";
    study.imagePath = "images/P-a.nii.gz";
    study.imageSha256 = "i1";
    study.sizeXyz = studyGrid().sizeXyz;
    study.spacingMm = studyGrid().spacingMm;
    const auto studyId = cohort.addStudy(study);
    LabelMap mask(studyGrid(), 0);
    mask.at(1, 1, 1) = 1;
    mask.at(2, 1, 1) = 1;
    const std::string maskPath = "masks/P-a_tumour.nii.gz";
    std::filesystem::create_directories(std::filesystem::u8path(db.absoluteFilePath("masks")));
    writeLabelMap(mask, db.absoluteFilePath(maskPath));
    ids.roi = cohort.addRoi({0, studyId, "tumour", "labelmap", "m0", maskPath, "m1", 2, 1});
    const auto region = cohort.saveRegion({0, ids.roi, "ring", "regions/r.nii.gz", "h", 10, 1.0 / 3.0, "{}"});
    QCOMPARE(cohort.saveRegion({0, ids.roi, "ring", "regions/r2.nii.gz", "h2", 11, 0.1, "{\"mm\":3}"}), region);

    FeatureRepository features(db);
    ids.featureSet = features.ensureFeatureSet({"tumour", "hash", "1.0"}, "{\"binWidth\":25}");
    QCOMPARE(features.ensureFeatureSet({"tumour", "hash", "1.0"}, "{}"), ids.featureSet);
    features.storeValues(
        ids.featureSet, ids.a,
        {{"original_shape_Sphericity", 0.1}, {"original_firstorder_Mean", kNan}, {"original_glcm_Idm", 1.0 / 3.0}});
    features.storeValues(
        ids.featureSet, ids.b,
        {{"original_shape_Sphericity", 0.2}, {"original_firstorder_Mean", -7.5}, {"original_glcm_Idm", 1e-300}});

    RunRepository runs(db);
    ids.run = runs.start("pipeline", "{\"seed\":7}", 7, "{}");
    runs.markStepDone(ids.run, "features:1", "{}");
    runs.markStepDone(ids.run, "features:1", "{\"again\":true}");  // replaces
    runs.saveSplit(ids.run, "LVI", {{ids.a, false}, {ids.b, false}, {ids.c, true}});
    runs.saveFolds(ids.run, "LVI", {{0, ids.a, 0}, {0, ids.b, 1}});
    RoiRepository(db).recordUse(ids.run, {ids.featureSet}, *RoiRepository(db).caseOf(ids.a));

    ResultRepository results(db);
    writeFile(db.absoluteFilePath("models/m.bin"), "model");
    ModelRow model;
    model.runId = ids.run;
    model.endpoint = "LVI";
    model.model = "Radiomics-Score";
    model.classifier = "lr";
    model.filePath = "models/m.bin";
    model.threshold = 0.3;
    ids.model = results.saveModel(model);
    model.model = "Deep-CT";
    model.threshold.reset();
    const auto second = results.saveModel(model);
    results.savePredictions(ids.model, "train", {{ids.a, 0.25}, {ids.b, 1.0 / 3.0}});
    results.saveMetrics(ids.model, "train", {{"auc", 0.75}, {"auc_ci_low", kNan}});
    results.saveMetrics(ids.model, "train", {{"auc", 0.8}});  // replaces
    results.saveComparison({ids.model, second, "test", "delong_paired", 1.5, kNan});
    results.saveShap(ids.model, {{ids.a, "zeta", 0.5, 1.0}, {ids.a, "alpha", -0.25, kNan}});
    results.saveCorrelations(ids.run, "LVI", {{"z", "a", "pearson", 0.9, 0.01}, {"b", "a", "spearman", kNan, kNan}});
    writeFile(db.absoluteFilePath("reports/r.pdf"), "%PDF");
    results.addReport(ids.run, "cohort", "reports/r.pdf");
    results.addReport(std::nullopt, "patient", "reports/r.pdf");  // replaces the record of the file
    TestEvaluationRepository(db).record(ids.run, "LVI", 1, "sha");
    LabelRepository(db).change(ids.b, "LVI", 1, "pathology review");
    runs.finish(ids.run, "finished", "done");
}

}  // namespace

class TestProjectBackends : public QObject {
    Q_OBJECT

    test::ProjectBackends backends_;
    std::unique_ptr<QTemporaryDir> dir_;

#define DRS_PROJECT_OR_SKIP(location) DRS_NEW_PROJECT(location, backends_, *dir_, "p")

    // An unexpected exception fails the test instead of aborting the program (and leaving the server running).
    void guarded(void (TestProjectBackends::*body)()) {
        try {
            (this->*body)();
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    void migratesStepByStepBody() {
        DRS_PROJECT_OR_SKIP(location);
        for (int version = 1; version <= ProjectDb::kCurrentSchemaVersion; ++version) {
            ProjectDb db(location, version);
            QCOMPARE(db.schemaVersion(), version);
        }
        ProjectDb db(location);
        QCOMPARE(db.schemaVersion(), ProjectDb::kCurrentSchemaVersion);
        QVERIFY(!db.info("created_at").empty());
        // The same tables and columns as a new SQLite project.
        ProjectDb reference(dir_->filePath(QStringLiteral("reference.sqlite")).toStdString());
        auto tables = db.dialect().tables(db), expected = reference.dialect().tables(reference);
        std::sort(tables.begin(), tables.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(tables, expected);
        for (const std::string& table : expected)
            QCOMPARE(db.dialect().columns(db, table), reference.dialect().columns(reference, table));
    }

    void repositoriesReadWhatTheyWroteBody() {
        DRS_PROJECT_OR_SKIP(location);
        ProjectDb db(location);
        Ids ids;
        fill(db, ids);
        if (QTest::currentTestFailed()) return;
        CohortRepository cohort(db);
        QCOMPARE(cohort.patients().size(), std::size_t(3));
        QCOMPARE(cohort.patients(*cohort.findExternalCohort("site-2")).at(0).pseudonym, std::string("X-a"));
        QCOMPARE(cohort.clinicalValues(ids.a).at("age"), std::string("62"));
        QCOMPARE(cohort.clinicalVariableNames(), (std::vector<std::string>{"age", "sex"}));
        QCOMPARE(cohort.endpoints(), (std::vector<std::string>{"LVI", "EGFR"}));
        // Positional parameters and insertedId, as core/pipeline uses them.
        auto insert = db.prepare("INSERT INTO external_cohorts(name, created_at) VALUES (?, ?)");
        insert.addBindValue(QStringLiteral("site-3"));
        insert.addBindValue(QString::fromStdString(utcNow()));
        db.run(insert, "add a cohort");
        QCOMPARE(db.insertedId(insert), *cohort.findExternalCohort("site-3"));
        QCOMPARE(db.insertedId(insert), std::int64_t(2));
        QCOMPARE(cohort.labels("LVI").size(), std::size_t(3));
        const auto study = cohort.studies(ids.a).at(0);
        QCOMPARE(study.spacingMm, studyGrid().spacingMm);
        const auto regions = cohort.regions(ids.roi);
        QCOMPARE(regions.size(), std::size_t(1));
        QCOMPARE(regions[0].volumeMm3, 0.1);
        QCOMPARE(regions[0].detailsJson, std::string("{\"mm\":3}"));
        const auto cases = cohort.caseFiles();
        QCOMPARE(cases.size(), std::size_t(1));
        QCOMPARE(cases[0].maskPath, db.absoluteFilePath("masks/P-a_tumour.nii.gz"));

        FeatureRepository features(db);
        const auto values = features.values(ids.featureSet, ids.a);
        QCOMPARE(values.size(), std::size_t(3));
        QCOMPARE(values[0].first, std::string("original_shape_Sphericity"));  // stored order, not sorted
        QVERIFY(std::isnan(values[1].second));
        QCOMPARE(values[2].second, 1.0 / 3.0);
        const auto matrix = features.matrix(ids.featureSet);
        QCOMPARE(matrix.patientIds, (std::vector<std::int64_t>{ids.a, ids.b}));
        QCOMPARE(matrix.values.back(), 1e-300);

        RunRepository runs(db);
        const auto run = runs.run(ids.run);
        QVERIFY(run);
        QCOMPARE(run->status, std::string("finished"));
        QCOMPARE(run->seed, std::int64_t(7));
        QCOMPARE(runs.checkpoint(ids.run, "features:1"), std::optional<std::string>("{\"again\":true}"));
        QCOMPARE(runs.split(ids.run, "LVI").size(), std::size_t(3));
        QCOMPARE(runs.folds(ids.run, "LVI").size(), std::size_t(2));
        // The database refuses a test patient in a fold (trigger), with SQLite's message.
        try {
            runs.saveFolds(ids.run, "LVI", {{0, ids.c, 0}});
            QFAIL("a test patient entered a fold");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("outside the training set") != std::string::npos, e.what());
        }
        QCOMPARE(runs.folds(ids.run, "LVI").size(), std::size_t(2));  // nothing of the refused call stayed

        ResultRepository results(db);
        const auto models = results.models(ids.run, "LVI");
        QCOMPARE(models.size(), std::size_t(2));
        QCOMPARE(models[0].threshold, std::optional<double>(0.3));
        QCOMPARE(models[1].threshold, std::optional<double>());
        QCOMPARE(results.models(ids.run).size(), std::size_t(2));
        QCOMPARE(results.predictions(ids.model, "train").at(1).probability, 1.0 / 3.0);
        const auto metrics = results.metrics(ids.model, "train");
        QCOMPARE(metrics.at("auc"), 0.8);
        QVERIFY(std::isnan(metrics.at("auc_ci_low")));
        QVERIFY(std::isnan(results.comparisons(ids.model).at(0).pValue));
        const auto shap = results.shap(ids.model);
        QCOMPARE(shap.at(0).feature, std::string("zeta"));
        QVERIFY(std::isnan(shap.at(1).featureValue));
        QCOMPARE(results.correlations(ids.run, "LVI").at(0).featureA, std::string("z"));
        const auto reports = results.reports();
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].runId, std::optional<std::int64_t>());

        QCOMPARE(TestEvaluationRepository(db).evaluations(ids.run).size(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, TestEvaluationRepository(db).record(ids.run, "LVI", 1, "sha"));
        QVERIFY_THROWS_EXCEPTION(Error, db.execute("UPDATE test_evaluations SET test_patients = 2", "change it"));

        LabelRepository labels(db);
        QCOMPARE(labels.changes().size(), std::size_t(1));
        QVERIFY(labels.isRunOnSupersededLabels(ids.run));  // the view's IS NOT / IS DISTINCT FROM
        const auto overview = readOverview(db);
        QCOMPARE(overview.patients, 4);
        QCOMPARE(overview.labelChanges, 1);
        QCOMPARE(overview.supersededLabelRuns, 1);

        RoiRepository rois(db);
        LabelMap edited(studyGrid(), 0);
        edited.at(3, 3, 2) = 1;
        QCOMPARE(rois.saveVersion(ids.roi, 1, edited, "drawn", "fixed"), 2);
        QVERIFY_THROWS_EXCEPTION(Error, rois.saveVersion(ids.roi, 1, edited, "drawn", "stale base"));
        QCOMPARE(rois.versions(ids.roi).size(), std::size_t(2));
        QCOMPARE(rois.staleRuns().size(), std::size_t(1));
        QVERIFY(rois.isRunStale(ids.run));
        QCOMPARE(rois.staleFeatures().size(), std::size_t(1));
    }

    // Two coordinators read the same label; the first change wins, the second is told who changed it.
    void secondEditorOfALabelIsToldBody() {
        DRS_PROJECT_OR_SKIP(location);
        ProjectDb first(location);
        Ids ids;
        fill(first, ids);
        if (QTest::currentTestFailed()) return;
        ProjectDb second(location);
        const auto seen = LabelRepository(first).label(ids.a, "LVI");
        QCOMPARE(seen, std::optional<int>(1));
        QCOMPARE(LabelRepository(second).label(ids.a, "LVI"), seen);
        const QByteArray user = qgetenv("USER");
        qputenv("USER", "coordinator-b");
        QVERIFY(LabelRepository(second).changeFrom(ids.a, "LVI", seen, 0, "re-read the slides"));
        qputenv("USER", user);
        try {
            LabelRepository(first).changeFrom(ids.a, "LVI", seen, std::nullopt, "sample lost");
            QFAIL("the second edit overwrote the first");
        } catch (const LabelConflict& e) {
            const std::string message = e.what();
            const std::string who = "changed by coordinator-b@" + QSysInfo::machineHostName().toStdString();
            QVERIFY2(message.find(who + " from 1 to 0") != std::string::npos, e.what());
            QVERIFY2(message.find("re-read the slides") != std::string::npos, e.what());
            QVERIFY2(message.find("was not saved") != std::string::npos, e.what());
        }
        QCOMPARE(LabelRepository(first).label(ids.a, "LVI"), std::optional<int>(0));
        QCOMPARE(test::countOf(first, "SELECT count(*) FROM label_changes WHERE reason = 'sample lost'"), 0LL);
    }

    // PostgreSQL: a transaction that read a label before another client changed it cannot
    // overwrite it (REPEATABLE READ); SQLite serialises writers instead (BEGIN IMMEDIATE, tested
    // by test_import_concurrency).
    void concurrentWriterIsRefusedBody() {
        DRS_PROJECT_OR_SKIP(location);
        ProjectDb first(location);
        Ids ids;
        fill(first, ids);
        if (QTest::currentTestFailed()) return;
        ProjectDb second(location);
        Transaction transaction(first);
        QCOMPARE(LabelRepository(first).label(ids.c, "LVI"), std::optional<int>(1));
        QVERIFY(LabelRepository(second).change(ids.c, "LVI", 0, "second coordinator"));
        try {
            LabelRepository(first).change(ids.c, "LVI", std::nullopt, "first coordinator");
            QFAIL("a write based on an outdated read went through");
        } catch (const DatabaseBusy& e) {
            QVERIFY2(std::string(e.what()).find("another user changed the same data") != std::string::npos, e.what());
        }
    }

    // drs project copy's engine: SQLite -> PostgreSQL -> SQLite, every table compared; new ids
    // continue after the copied ones; a changed value is reported.
    void copyKeepsEveryTableBody() {
        DRS_PROJECT_OR_SKIP(location);
        const std::string original = dir_->filePath(QStringLiteral("original.sqlite")).toStdString();
        const std::string back = dir_->filePath(QStringLiteral("back.sqlite")).toStdString();
        {
            ProjectDb source(original);
            Ids ids;
            fill(source, ids);
            if (QTest::currentTestFailed()) return;
        }
        ProjectDb source(original);
        ProjectDb onServer(location);
        const auto counts = copyProject(source, onServer);
        QCOMPARE(counts.size(), source.dialect().tables(source).size());
        std::int64_t rows = 0;
        for (const auto& [table, count] : counts) rows += count;
        QVERIFY(rows > 40);
        const auto differences = compareProjects(source, onServer);
        QVERIFY2(differences.empty(), joined(differences).c_str());
        QCOMPARE(test::filesUnder(onServer.filesFolder()), test::filesUnder(source.filesFolder()));
        // Copying into a project that holds data is refused.
        QVERIFY_THROWS_EXCEPTION(Error, copyProject(source, onServer));

        ProjectDb copiedBack(back);
        copyProject(onServer, copiedBack);
        const auto differencesBack = compareProjects(source, copiedBack);
        QVERIFY2(differencesBack.empty(), joined(differencesBack).c_str());
        QCOMPARE(FeatureRepository(copiedBack).values(1, 2),
                 FeatureRepository(source).values(1, 2));  // no NaN: NaN != NaN

        const auto next = CohortRepository(onServer).addPatient("P-new", "Centre C");
        QCOMPARE(next, std::int64_t(5));
        onServer.execute("UPDATE studies SET spacing_x = 0.7421876", "change a value");
        const auto changed = compareProjects(source, onServer);
        QVERIFY(changed.size() >= 2);  // the new patient, the spacing
        bool spacing = false;
        for (const auto& line : changed) spacing = spacing || line.find("column spacing_x") != std::string::npos;
        QVERIFY(spacing);
    }
private slots:
    void initTestCase_data() { test::ProjectBackends::addRows(); }
    void initTestCase() { QVERIFY2(backends_.start(), backends_.server().error().c_str()); }
    void cleanupTestCase() { backends_.stop(); }
    void init() { dir_ = std::make_unique<QTemporaryDir>(); }
    void cleanup() { dir_.reset(); }

    void migratesStepByStep() { guarded(&TestProjectBackends::migratesStepByStepBody); }
    void repositoriesReadWhatTheyWrote() { guarded(&TestProjectBackends::repositoriesReadWhatTheyWroteBody); }
    void secondEditorOfALabelIsTold() { guarded(&TestProjectBackends::secondEditorOfALabelIsToldBody); }
    void concurrentWriterIsRefused() {
        if (!test::ProjectBackends::onPostgres()) QSKIP("SQLite makes the second writer wait instead");
        guarded(&TestProjectBackends::concurrentWriterIsRefusedBody);
    }
    void copyKeepsEveryTable() {
        if (!test::ProjectBackends::onPostgres()) QSKIP("copies SQLite -> PostgreSQL -> SQLite in the PostgreSQL row");
        guarded(&TestProjectBackends::copyKeepsEveryTableBody);
    }
};

QTEST_GUILESS_MAIN(TestProjectBackends)
#include "test_project_backends.moc"
