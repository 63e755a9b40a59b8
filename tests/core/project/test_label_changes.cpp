// Label edits with history: each change recorded with time, reason, old and new value, in the
// same transaction as the label; runs whose patients' labels have changed since the run started
// are listed as based on superseded labels (an undone change supersedes nothing); the project
// overview and cohort listing count what was built here by hand.
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <thread>

#include "core/project/Cohort.h"
#include "core/project/Labels.h"
#include "core/project/Overview.h"
#include "core/project/ProjectDb.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"
#include "tests/common/ProjectBackends.h"
#include "tests/common/ProjectCounts.h"

using namespace drs;
using namespace drs::project;

namespace {

using drs::test::rowCount;

// Time stamps have millisecond resolution: let the clock move on between a run and an edit.
void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(3)); }

}  // namespace

// Every test runs on an SQLite file and on a PostgreSQL database (ProjectBackends.h).
class TestLabelChanges : public QObject {
    Q_OBJECT
private slots:
    void initTestCase_data() { drs::test::ProjectBackends::addRows(); }
    void initTestCase() { QVERIFY2(backends_.start(), backends_.server().error().c_str()); }
    void cleanupTestCase() { backends_.stop(); }
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        db_ = std::make_unique<ProjectDb>(location);
        CohortRepository cohort(*db_);
        for (const char* name : {"P-a", "P-b", "P-c"}) patients_.push_back(cohort.addPatient(name, "X"));
        cohort.ensureEndpoint("EGFR");
        cohort.ensureEndpoint("KRAS");
        cohort.setLabel(patients_[0], "EGFR", 1);
        cohort.setLabel(patients_[1], "EGFR", 0);
        cohort.setLabel(patients_[2], "EGFR", 1);
        cohort.setLabel(patients_[0], "KRAS", 0);
    }
    void cleanup() {
        db_.reset();
        dir_.reset();
        patients_.clear();
    }

    void changeIsRecordedWithReasonAndValues() {
        LabelRepository labels(*db_);
        const std::string before = utcNow();
        tick();
        const QByteArray user = qgetenv("USER");
        qputenv("USER", "coordinator-a");
        QVERIFY(labels.change(patients_[0], "EGFR", 0, "pathology review"));
        qputenv("USER", user);
        QCOMPARE(labels.label(patients_[0], "EGFR"), std::optional<int>(0));
        QVERIFY(labels.change(patients_[2], "EGFR", std::nullopt, "sample lost"));
        QCOMPARE(labels.label(patients_[2], "EGFR"), std::optional<int>());
        QVERIFY(labels.change(patients_[1], "KRAS", 1, "late result"));
        const auto changes = labels.changes();
        QCOMPARE(changes.size(), std::size_t(3));
        QCOMPARE(changes[0].patientId, patients_[0]);
        QCOMPARE(changes[0].endpoint, std::string("EGFR"));
        QCOMPARE(changes[0].oldValue, std::optional<int>(1));
        QCOMPARE(changes[0].newValue, std::optional<int>(0));
        QCOMPARE(changes[0].reason, std::string("pathology review"));
        QVERIFY(changes[0].changedAt > before);
        QCOMPARE(QString::fromStdString(changes[0].changedBy),
                 QStringLiteral("coordinator-a@") + QSysInfo::machineHostName());
        QCOMPARE(changes[1].oldValue, std::optional<int>(1));
        QCOMPARE(changes[1].newValue, std::optional<int>());
        QCOMPARE(changes[2].oldValue, std::optional<int>());
        QCOMPARE(changes[2].newValue, std::optional<int>(1));
        QCOMPARE(CohortRepository(*db_).labels("EGFR").size(), std::size_t(2));
    }

    // A change recorded before schema version 7 does not say who made it: the refusal says "someone else".
    void conflictWithAnOlderChangeNamesNoOne() {
        LabelRepository labels(*db_);
        QVERIFY(labels.change(patients_[0], "EGFR", 0, "review"));
        db_->execute("UPDATE label_changes SET changed_by = NULL", "forget who changed it, as before version 7");
        try {
            labels.changeFrom(patients_[0], "EGFR", 1, std::nullopt, "late");
            QFAIL("a stale edit was saved");
        } catch (const LabelConflict& e) {
            QVERIFY2(std::string(e.what()).find("was changed by someone else from 1 to 0 at ") != std::string::npos,
                     e.what());
        }
    }

    void unchangedValueRecordsNothing() {
        LabelRepository labels(*db_);
        QVERIFY(!labels.change(patients_[0], "EGFR", 1, "same"));
        QVERIFY(!labels.change(patients_[1], "KRAS", std::nullopt, "same"));
        QCOMPARE(rowCount(*db_, "label_changes"), 0LL);
    }

    void refusedChangeWritesNothing() {
        LabelRepository labels(*db_);
        QVERIFY_THROWS_EXCEPTION(Error, labels.change(patients_[0], "EGFR", 0, "  "));
        QVERIFY_THROWS_EXCEPTION(Error, labels.change(patients_[0], "EGFR", 2, "typo"));
        QVERIFY_THROWS_EXCEPTION(Error, labels.change(patients_[0], "ALK", 1, "no such endpoint"));
        QCOMPARE(labels.label(patients_[0], "EGFR"), std::optional<int>(1));
        QCOMPARE(rowCount(*db_, "label_changes"), 0LL);
        QCOMPARE(rowCount(*db_, "endpoints"), 2LL);
    }

    void runOnOldLabelIsSupersededUntilUndone() {
        RunRepository runs(*db_);
        const auto early = runs.start("pipeline", "{}", 1, "{}");
        runs.saveSplit(early, "EGFR", {{patients_[0], false}, {patients_[1], false}, {patients_[2], true}});
        tick();
        LabelRepository labels(*db_);
        QVERIFY(!labels.isRunOnSupersededLabels(early));
        labels.change(patients_[2], "EGFR", 0, "review");
        tick();
        const auto late = runs.start("pipeline", "{}", 2, "{}");
        runs.saveSplit(late, "EGFR", {{patients_[0], false}, {patients_[1], false}, {patients_[2], true}});

        auto superseded = labels.supersededRuns();
        QCOMPARE(superseded.size(), std::size_t(1));
        QCOMPARE(superseded[0].runId, early);
        QCOMPARE(superseded[0].endpoint, std::string("EGFR"));
        QCOMPARE(superseded[0].patientId, patients_[2]);
        QCOMPARE(superseded[0].usedValue, std::optional<int>(1));
        QCOMPARE(superseded[0].currentValue, std::optional<int>(0));
        QVERIFY(labels.isRunOnSupersededLabels(early));
        QVERIFY(!labels.isRunOnSupersededLabels(late));  // it read the corrected value

        // A label the run did not use (KRAS was not split) supersedes nothing.
        tick();
        labels.change(patients_[0], "KRAS", 1, "review");
        QCOMPARE(labels.supersededRuns().size(), std::size_t(1));

        // Undo: back to the value the early run used; now the late run is the superseded one.
        tick();
        labels.change(patients_[2], "EGFR", 1, "undo: review");
        superseded = labels.supersededRuns();
        QCOMPARE(superseded.size(), std::size_t(1));
        QCOMPARE(superseded[0].runId, late);
        QCOMPARE(superseded[0].usedValue, std::optional<int>(0));
        QCOMPARE(superseded[0].currentValue, std::optional<int>(1));
        QVERIFY(!labels.isRunOnSupersededLabels(early));
        QCOMPARE(rowCount(*db_, "label_changes"), 3LL);
    }

    void overviewAndListingCountWhatIsThere() {
        CohortRepository cohort(*db_);
        StudyRow study;
        study.patientId = patients_[1];
        study.modality = "CT";
        study.sourceKind = "nifti";
        study.imagePath = "images/b.nii";
        study.sizeXyz = {512, 512, 300};
        study.spacingMm = {0.7, 0.7, 1.25};
        const auto studyId = cohort.addStudy(study);
        RoiRow roi;
        roi.studyId = studyId;
        roi.name = "GTV";
        roi.sourceKind = "rtstruct";
        roi.maskPath = "masks/b.nii.gz";
        roi.voxelCount = 10;
        cohort.addRoi(roi);
        RunRepository runs(*db_);
        const auto run = runs.start("pipeline", "{}", 1, "{}");
        runs.saveSplit(run, "EGFR", {{patients_[0], false}, {patients_[1], true}});
        runs.saveSplit(run, "KRAS", {{patients_[0], true}});
        runs.finish(run, "finished");
        runs.start("pipeline", "{}", 2, "{}");
        tick();
        LabelRepository(*db_).change(patients_[1], "EGFR", 1, "review");

        const ProjectOverview overview = readOverview(*db_);
        QCOMPARE(overview.patients, 3);
        QCOMPARE(overview.studies, 1);
        QCOMPARE(overview.rois, 1);
        QCOMPARE(overview.editedRois, 0);
        QCOMPARE(overview.runs, 2);
        QCOMPARE(overview.finishedRuns, 1);
        QCOMPARE(overview.staleRuns, 0);
        QCOMPARE(overview.supersededLabelRuns, 1);
        QCOMPARE(overview.labelChanges, 1);
        QCOMPARE(overview.endpoints.size(), std::size_t(2));
        QCOMPARE(overview.endpoints[0].name, std::string("EGFR"));
        QCOMPARE(overview.endpoints[0].positives, 3);
        QCOMPARE(overview.endpoints[0].negatives, 0);
        QCOMPARE(overview.endpoints[0].unlabelled, 0);
        QCOMPARE(overview.endpoints[1].positives, 0);
        QCOMPARE(overview.endpoints[1].negatives, 1);
        QCOMPARE(overview.endpoints[1].unlabelled, 2);

        const CohortListing listing = readCohortListing(*db_);
        QCOMPARE(listing.endpoints, (std::vector<std::string>{"EGFR", "KRAS"}));
        QCOMPARE(listing.runIds, (std::vector<std::int64_t>{run}));
        QCOMPARE(listing.rows.size(), std::size_t(3));
        const auto& a = listing.rows[0];
        QCOMPARE(a.pseudonym, std::string("P-a"));
        QCOMPARE(a.studyCount, 0);
        QCOMPARE(a.roiVersion, 0);
        QCOMPARE(a.labels, (std::vector<std::optional<int>>{1, 0}));
        QCOMPARE(a.splits, (std::vector<std::string>{"train, test"}));
        const auto& b = listing.rows[1];
        QCOMPARE(b.studyCount, 1);
        QCOMPARE(b.modality, std::string("CT"));
        QCOMPARE(b.sizeXyz, (std::array<std::int64_t, 3>{512, 512, 300}));
        QCOMPARE(b.spacingMm[2], 1.25);
        QCOMPARE(b.roiName, std::string("GTV"));
        QCOMPARE(b.roiVersion, 1);
        QCOMPARE(b.roiSourceKind, std::string("rtstruct"));
        QCOMPARE(b.labels, (std::vector<std::optional<int>>{1, std::nullopt}));
        QCOMPARE(b.splits, (std::vector<std::string>{"test"}));
        QCOMPARE(listing.rows[2].splits, (std::vector<std::string>{""}));
    }

    void versionThreeProjectGainsTheHistory() {
        DRS_NEW_PROJECT(path, backends_, *dir_, "old");
        {
            ProjectDb old(path, 3);
            QCOMPARE(old.schemaVersion(), 3);
        }
        ProjectDb current(path);
        QCOMPARE(current.schemaVersion(), ProjectDb::kCurrentSchemaVersion);
        QCOMPARE(rowCount(current, "label_changes"), 0LL);
        QCOMPARE(rowCount(current, "superseded_label_runs"), 0LL);
    }

private:
    drs::test::ProjectBackends backends_;
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<ProjectDb> db_;
    std::vector<std::int64_t> patients_;
};

QTEST_GUILESS_MAIN(TestLabelChanges)
#include "test_label_changes.moc"
