// ROI versions in the project: an edited outline saved as version 2 with its own mask file (the
// old one kept), refusal of an edit based on a superseded version, of an empty or misfit mask,
// with nothing written; runs and feature values derived from version 1 listed as stale; and the
// migration of a version-2 project, which records every existing ROI as its version 1.
#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

#include "core/image/ImageIO.h"
#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/project/ProjectDb.h"
#include "core/project/Rois.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "tests/common/ProjectBackends.h"

using namespace drs;
using namespace drs::project;

namespace {

Geometry studyGrid() {
    Geometry g;
    g.sizeXyz = {12, 10, 6};
    g.spacingMm = {0.9, 0.9, 2.0};
    return g;
}

LabelMap cube(std::int64_t from, std::int64_t to) {
    LabelMap mask(studyGrid(), 0);
    for (std::int64_t z = from; z <= to; ++z)
        for (std::int64_t y = from; y <= to; ++y)
            for (std::int64_t x = from; x <= to; ++x) mask.at(x, y, z) = 1;
    return mask;
}

struct Fixture {
    std::int64_t patientId = 0, studyId = 0, roiId = 0;
};

// One patient with a study and a 3x3x3 ROI, files written as drs import would.
Fixture addPatient(ProjectDb& db, const std::string& pseudonym) {
    CohortRepository cohort(db);
    Fixture f;
    f.patientId = cohort.addPatient(pseudonym, "A");
    StudyRow study;
    study.patientId = f.patientId;
    study.modality = "CT";
    study.sourceKind = "nifti";
    study.imagePath = "images/" + pseudonym + ".nii";
    study.sizeXyz = studyGrid().sizeXyz;
    study.spacingMm = studyGrid().spacingMm;
    std::filesystem::create_directories(db.absoluteFilePath("images"));
    std::filesystem::create_directories(db.absoluteFilePath("masks"));
    writeVolume(Volume(studyGrid(), -100.0f), db.absoluteFilePath(study.imagePath));
    study.imageSha256 = sha256File(db.absoluteFilePath(study.imagePath));
    f.studyId = cohort.addStudy(study);
    RoiRow roi;
    roi.studyId = f.studyId;
    roi.name = "GTV 1";
    roi.sourceKind = "labelmap";
    roi.maskPath = "masks/" + pseudonym + "_GTV.nii.gz";
    writeLabelMap(cube(2, 4), db.absoluteFilePath(roi.maskPath));
    roi.maskSha256 = sha256File(db.absoluteFilePath(roi.maskPath));
    roi.voxelCount = 27;
    f.roiId = cohort.addRoi(roi);
    return f;
}

std::size_t filesIn(const std::string& folder) {
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()));
}

}  // namespace

// Every test runs on an SQLite file and on a PostgreSQL database (ProjectBackends.h).
class TestRoiVersions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase_data() { drs::test::ProjectBackends::addRows(); }
    void initTestCase() { QVERIFY2(backends_.start(), backends_.server().error().c_str()); }
    void cleanupTestCase() { backends_.stop(); }
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
    }

    void newRoiIsVersionOne() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        const Fixture f = addPatient(db, "P-1");
        RoiRepository rois(db);
        QCOMPARE(rois.roi(f.roiId)->version, 1);
        const auto versions = rois.versions(f.roiId);
        QCOMPARE(versions.size(), std::size_t(1));
        QCOMPARE(versions[0].maskPath, std::string("masks/P-1_GTV.nii.gz"));
        QCOMPARE(versions[0].reason, std::string("imported"));
        QCOMPARE(rois.caseOf(f.patientId)->roiVersion, 1);
        QVERIFY(!rois.caseOf(f.patientId + 1));
    }

    void editedOutlineBecomesVersionTwo() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        const Fixture f = addPatient(db, "P-1");
        RoiRepository rois(db);
        const LabelMap edited = cube(1, 4);  // 4 x 4 x 4
        QCOMPARE(rois.saveVersion(f.roiId, 1, edited, "drawn", "corrected the lower edge"), 2);
        const RoiRow current = *rois.roi(f.roiId);
        QCOMPARE(current.version, 2);
        QCOMPARE(current.voxelCount, std::int64_t(64));
        QCOMPARE(current.sourceKind, std::string("drawn"));
        QCOMPARE(current.name, std::string("GTV 1"));
        QCOMPARE(readLabelMap(db.absoluteFilePath(current.maskPath)).voxels, edited.voxels);
        QCOMPARE(sha256File(db.absoluteFilePath(current.maskPath)), current.maskSha256);
        const auto versions = rois.versions(f.roiId);
        QCOMPARE(versions.size(), std::size_t(2));
        QCOMPARE(versions[1].reason, std::string("corrected the lower edge"));
        QCOMPARE(versions[1].maskPath, current.maskPath);
        // Version 1 and its file stay.
        QVERIFY(std::filesystem::exists(db.absoluteFilePath(versions[0].maskPath)));
        QCOMPARE(readLabelMap(db.absoluteFilePath(versions[0].maskPath)).voxels, cube(2, 4).voxels);
        // The pipeline reads the new version.
        const CaseFiles c = *rois.caseOf(f.patientId);
        QCOMPARE(c.roiVersion, 2);
        QCOMPARE(c.maskPath, db.absoluteFilePath(current.maskPath));
        // Label values other than 1 are stored as the binary ROI.
        LabelMap labelTwo = cube(0, 1);
        for (auto& v : labelTwo.voxels) v *= 2;
        QCOMPARE(rois.saveVersion(f.roiId, 2, labelTwo, "seg", "imported from SEG"), 3);
        QCOMPARE(readLabelMap(db.absoluteFilePath(rois.roi(f.roiId)->maskPath)).voxels, cube(0, 1).voxels);
    }

    void supersededEditIsRefusedAndNothingWritten() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        const Fixture f = addPatient(db, "P-1");
        RoiRepository rois(db);
        QCOMPARE(rois.saveVersion(f.roiId, 1, cube(1, 4), "drawn", "first"), 2);
        const std::size_t masks = filesIn(db.absoluteFilePath("masks"));
        // A second editor who opened version 1 saves after the first: refused.
        try {
            ProjectDb other(db.path());
            RoiRepository(other).saveVersion(f.roiId, 1, cube(3, 5), "drawn", "second");
            QFAIL("an edit of a superseded version was saved");
        } catch (const Error& e) {
            QVERIFY2(
                QString::fromUtf8(e.what()).contains(QLatin1String("version 2 was saved since you opened version 1")),
                e.what());
        }
        QCOMPARE(rois.roi(f.roiId)->version, 2);
        QCOMPARE(rois.versions(f.roiId).size(), std::size_t(2));
        QCOMPARE(filesIn(db.absoluteFilePath("masks")), masks);
        // Empty and misfit masks are refused too.
        QVERIFY_THROWS_EXCEPTION(Error, rois.saveVersion(f.roiId, 2, LabelMap(studyGrid(), 0), "drawn", ""));
        Geometry other = studyGrid();
        other.sizeXyz[2] = 5;
        QVERIFY_THROWS_EXCEPTION(Error, rois.saveVersion(f.roiId, 2, LabelMap(other, 1), "drawn", ""));
        QCOMPARE(filesIn(db.absoluteFilePath("masks")), masks);
        QCOMPARE(rois.roi(f.roiId)->version, 2);
    }

    void derivedValuesOfOldVersionAreStale() {
        DRS_NEW_PROJECT(location, backends_, *dir_, "p");
        ProjectDb db(location);
        const Fixture first = addPatient(db, "P-1");
        const Fixture second = addPatient(db, "P-2");
        RoiRepository rois(db);
        RunRepository runs(db);
        FeatureRepository features(db);
        const auto set = features.ensureFeatureSet({"tumour", "h", "v"}, "{}");
        features.storeValues(set, first.patientId, {{"original_shape_VoxelVolume", 27}});
        features.storeValues(set, second.patientId, {{"original_shape_VoxelVolume", 27}});
        const auto run = runs.start("pipeline", "{}", 1, "{}");
        CohortRepository cohort(db);
        cohort.saveRegion({0, first.roiId, "tumour", "regions/P-1/tumour.nii.gz", "x", 27, 27.0, "{}"});
        for (const CaseFiles& c : cohort.caseFiles()) rois.recordUse(run, {set}, c);
        QVERIFY(rois.staleRuns().empty());
        QVERIFY(rois.staleFeatures().empty());
        QVERIFY(!rois.isRunStale(run));

        rois.saveVersion(first.roiId, 1, cube(1, 4), "drawn", "edit");
        QVERIFY(rois.isRunStale(run));
        const auto staleRuns = rois.staleRuns();
        QCOMPARE(staleRuns.size(), std::size_t(1));
        QCOMPARE(staleRuns[0].id, run);
        QCOMPARE(staleRuns[0].patientId, first.patientId);
        QCOMPARE(staleRuns[0].usedVersion, 1);
        QCOMPARE(staleRuns[0].currentVersion, 2);
        const auto staleFeatures = rois.staleFeatures();
        QCOMPARE(staleFeatures.size(), std::size_t(1));
        QCOMPARE(staleFeatures[0].id, set);
        QCOMPARE(staleFeatures[0].patientId, first.patientId);
        auto regionVersion = db.prepare("SELECT roi_version FROM regions WHERE roi_id = ?");
        regionVersion.addBindValue(QVariant::fromValue<qlonglong>(first.roiId));
        db.run(regionVersion, "read");
        QVERIFY(regionVersion.next());
        QCOMPARE(regionVersion.value(0).toInt(), 1);

        // A later run that derives from version 2 is current; the first stays stale.
        const auto later = runs.start("pipeline", "{}", 1, "{}");
        for (const CaseFiles& c : cohort.caseFiles()) rois.recordUse(later, {set}, c);
        QVERIFY(!rois.isRunStale(later));
        QVERIFY(rois.isRunStale(run));
        QVERIFY(rois.staleFeatures().empty());
    }

    void version2ProjectMigrates() {
        DRS_NEW_PROJECT(path, backends_, *dir_, "old");
        {
            ProjectDb v2(path, 2);
            const auto exec = [&](const std::string& sql) { v2.execute(sql, "fill the old project"); };
            exec("INSERT INTO patients(id, pseudonym, imported_at) VALUES (1, 'P-1', 't0'), (2, 'P-2', 't0')");
            exec(
                "INSERT INTO studies(id, patient_id, modality, source_kind, source_sha256, image_path, image_sha256,"
                " size_x, size_y, size_z, spacing_x, spacing_y, spacing_z, imported_at) VALUES"
                " (1, 1, 'CT', 'nifti', 'a', 'images/1.nii', 'b', 12, 10, 6, 1, 1, 1, '2024-01-01'),"
                " (2, 2, 'CT', 'nifti', 'a', 'images/2.nii', 'b', 12, 10, 6, 1, 1, 1, '2024-01-02')");
            exec(
                "INSERT INTO rois(id, study_id, name, source_kind, source_sha256, mask_path, mask_sha256, voxel_count)"
                " VALUES (5, 1, 'GTV', 'rtstruct', 's', 'masks/1.nii.gz', 'm', 27),"
                " (6, 2, 'GTV', 'labelmap', 's', 'masks/2.nii.gz', 'm', 8)");
            exec(
                "INSERT INTO feature_sets(id, region_kind, settings_hash, settings_json, software_version, created_at)"
                " VALUES (3, 'tumour', 'h', '{}', 'v', 't')");
            exec(
                "INSERT INTO feature_values(feature_set_id, patient_id, name, value) VALUES (3, 1, 'a', 1), (3, 1, 'b', 2),"
                " (3, 2, 'a', 3)");
            exec(
                "INSERT INTO runs(id, kind, parameters_json, seed, versions_json, started_at, status) VALUES"
                " (9, 'pipeline', '{}', 0, '{}', 't', 'cancelled')");
            exec("INSERT INTO run_steps(run_id, step, finished_at) VALUES (9, 'features:1', 't'), (9, 'split', 't')");
        }
        ProjectDb db(path);
        QCOMPARE(db.schemaVersion(), ProjectDb::kCurrentSchemaVersion);
        RoiRepository rois(db);
        const auto versions = rois.versions(5);
        QCOMPARE(versions.size(), std::size_t(1));
        QCOMPARE(versions[0].version, 1);
        QCOMPARE(versions[0].sourceKind, std::string("rtstruct"));
        QCOMPARE(versions[0].maskPath, std::string("masks/1.nii.gz"));
        QCOMPARE(versions[0].createdAt, std::string("2024-01-01"));
        QCOMPARE(rois.roi(6)->version, 1);
        auto count = [&](const std::string& sql) {
            auto query = db.prepare(sql);
            db.run(query, "count");
            query.next();
            return query.value(0).toInt();
        };
        QCOMPARE(count("SELECT count(*) FROM feature_rois WHERE roi_version = 1"), 2);  // (set 3, patients 1 and 2)
        QCOMPARE(count("SELECT roi_id FROM run_rois WHERE run_id = 9"), 5);
        QCOMPARE(count("SELECT count(*) FROM run_rois"), 1);
        QVERIFY(rois.staleRuns().empty());
        QVERIFY(!db.connection().tables().contains(QStringLiteral("case_rois")));
    }

private:
    drs::test::ProjectBackends backends_;
    std::unique_ptr<QTemporaryDir> dir_;
};

QTEST_GUILESS_MAIN(TestRoiVersions)
#include "test_roi_versions.moc"
