// The study pipeline end to end on a small synthetic cohort, through the real project database,
// importer, regions, radiomics and classifier panel. Deep-CT is played by a small real
// implementation of the port (patch intensity statistics), so this test needs no LibTorch;
// the LibTorch network has its own tests in tests/models.
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <Eigen/Core>

#include "core/image/ImageIO.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/PatientExtraction.h"
#include "core/pipeline/RunFeatureSettings.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/project/Results.h"
#include "core/project/Rois.h"
#include "core/project/Runs.h"
#include "core/project/TestEvaluations.h"
#include "core/roi/Contours.h"
#include "core/roi/Regions.h"
#include "core/util/Error.h"
#include "tests/core/pipeline/PatchStatisticsDeepCt.h"
#include "tests/core/pipeline/SmallStudyOptions.h"

namespace {

// Cancels the run at the first progress message that starts with `prefix` ("EGFR:" when that
// endpoint's analysis starts, "Deep-CT" when the first shared network does).
class CancelAtMessage : public drs::Progress {
public:
    explicit CancelAtMessage(std::string prefix) : prefix_(std::move(prefix)) {}

protected:
    void report(double, const std::string& message) override {
        if (message.rfind(prefix_, 0) == 0) cancel();
    }

private:
    std::string prefix_;
};

// A run's evidence as text, apart from where its files live and the pseudonyms (patients come in
// the same import order in every project of these tests).
std::string evidenceWithoutPlaces(drs::StudyEvidence evidence) {
    evidence.provenance.clear();
    for (auto& e : evidence.endpoints) {
        e.gradCamImages.clear();
        e.trainPatients.clear();
        e.testPatients.clear();
    }
    return drs::studyEvidenceToJsonText(evidence);
}

using drs::testing::smallStudyOptions;

}  // namespace

class TestStudyPipeline : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    std::string cohortStudies, cohortClinical;

    std::string importedProject(const std::string& name) {
        const std::string path = dir.path().toStdString() + "/" + name + ".sqlite";
        drs::project::ProjectDb db(path);
        drs::SilentProgress progress;
        const auto report = drs::importCohort(db, cohortStudies, cohortClinical, {}, progress);
        if (report.acceptedCount() < 40) qFatal("import accepted only %zu studies", report.acceptedCount());
        return path;
    }

private slots:
    void initTestCase() {
        drs::SilentProgress progress;
        const auto files = drs::synthetic::writeSyntheticCohort(dir.path().toStdString() + "/cohort", 44, 11, progress);
        cohortStudies = files.studiesFolder;
        cohortClinical = files.clinicalCsv;
    }

    void runsEndToEndWithoutLeakage() {
        const std::string path = importedProject("full");
        drs::project::ProjectDb db(path);
        drs::testing::PatchStatisticsDeepCt deep;
        drs::StudyPipeline pipeline(db, deep);
        drs::SilentProgress progress;
        drs::StudyOptions options = smallStudyOptions();
        options.endpoint.deepCvRepeats = 2;
        const auto runId = pipeline.run(options, progress);
        // No single-task network: one multi-task network per outer fold of both CV repeats, shared
        // by the endpoints, and the final one.
        QCOMPARE(deep.trainings, 0);
        QCOMPARE(deep.multiTaskTrainings.size(), std::size_t{11});

        const auto evidence = drs::runEvidence(db, runId);
        QCOMPARE(evidence.endpoints.size(), std::size_t{2});
        drs::project::ResultRepository results(db);
        bool someEndpointHasAllThreeModels = false;
        const auto cases = drs::project::CohortRepository(db).caseFiles();
        for (const auto& endpoint : evidence.endpoints) {
            // A LASSO that keeps nothing in either region leaves no Radiomics-Score model and only
            // the Deep-CT vs Deep-RadScore comparison.
            const bool signature = !endpoint.radScoreTumour.empty() || !endpoint.radScoreRing.empty();
            const std::size_t built = signature ? 3 : 2;
            someEndpointHasAllThreeModels |= signature;
            QVERIFY2(endpoint.models.size() == built, endpoint.endpoint.c_str());
            QCOMPARE(endpoint.comparisons.size(), signature ? std::size_t{3} : std::size_t{1});
            QCOMPARE(results.models(runId, endpoint.endpoint).size(), built);
            QCOMPARE(endpoint.models.back().model, std::string("Deep-RadScore"));
            for (const auto& model : endpoint.models) {
                QVERIFY(model.testAuc >= 0 && model.testAuc <= 1);
                QVERIFY(model.testAucCiLow <= model.testAuc && model.testAuc <= model.testAucCiHigh);
                QCOMPARE(model.testScores.size(), endpoint.testPatients.size());
            }
            // The shared split: no patient is on both sides.
            for (const auto& p : endpoint.testPatients)
                QVERIFY(std::find(endpoint.trainPatients.begin(), endpoint.trainPatients.end(), p) ==
                        endpoint.trainPatients.end());
            // SHAP efficiency: contributions add up to the prediction minus the baseline.
            const auto& fused = endpoint.models.back();
            for (std::size_t i = 0; i < endpoint.shap.values.size(); ++i) {
                double sum = endpoint.shap.baseline;
                for (double v : endpoint.shap.values[i]) sum += v;
                QVERIFY2(std::abs(sum - fused.testScores[i]) < 1e-6,
                         qPrintable(QString::number(sum - fused.testScores[i])));
            }
            QVERIFY(!endpoint.gradCamImages.empty());
            // Each Grad-CAM outlines its patient's tumour in magenta: the edge of the patch's tumour
            // pixels as the regions of its study and mask give them afresh.
            for (const auto& png : endpoint.gradCamImages) {
                const std::string name = std::filesystem::path(png).stem().string();  // ENDPOINT-gradcam-PSEUDONYM
                const std::string pseudonym = name.substr(name.find("-gradcam-") + 9);
                const auto c =
                    std::find_if(cases.begin(), cases.end(), [&](const auto& f) { return f.pseudonym == pseudonym; });
                QVERIFY2(c != cases.end(), png.c_str());
                const drs::Regions regions = drs::computeRegions(
                    drs::readVolume(c->imagePath), drs::readLabelMap(c->maskPath), options.regions, c->maskPath);
                std::set<std::size_t> expected;
                for (const std::size_t pixel : drs::sliceEdgePixels(regions.patchMask, 0)) expected.insert(pixel);
                const QImage image(QString::fromStdString(png));
                std::set<std::size_t> magenta;
                for (int y = 0; y < image.height(); ++y)
                    for (int x = 0; x < image.width(); ++x)
                        if (image.pixel(x, y) == qRgb(255, 0, 255)) magenta.insert(std::size_t(y * image.width() + x));
                QVERIFY(!expected.empty());
                QVERIFY2(magenta == expected, png.c_str());
            }
        }
        QVERIFY(someEndpointHasAllThreeModels);
        QVERIFY(!evidence.cohortTable.empty());
        // The run records what computed it.
        const QJsonObject versions =
            QJsonDocument::fromJson(QByteArray::fromStdString(evidence.provenance.at("versions"))).object();
        QCOMPARE(versions["eigen"].toString(),
                 QStringLiteral("%1.%2.%3").arg(EIGEN_WORLD_VERSION).arg(EIGEN_MAJOR_VERSION).arg(EIGEN_MINOR_VERSION));
        QCOMPARE(versions["os"].toString(), QSysInfo::prettyProductName());
        for (const char* key : {"deepradscore", "qt", "itk", "compiler"})
            QVERIFY2(!versions[key].toString().isEmpty(), key);
        QCOMPARE(versions["deep_ct"].toString(), QStringLiteral("patch statistics (no network)"));
        // ... and the commit it was built from, as git names it.
        QProcess git;
        git.start("git", {"-C", DRS_TEST_DATA, "rev-parse", "--short=12", "HEAD"});
        const QString source = versions["source"].toString();
        // (A commit since the last build fails this too, rightly: rebuild, then test.)
        if (git.waitForFinished(10000) && git.exitCode() == 0) {
            const QString head = QString::fromLatin1(git.readAllStandardOutput()).trimmed();
            QVERIFY2(source.startsWith("git " + head),
                     qPrintable("the run records " + source + "; the checkout is at " + head));
        } else
            QCOMPARE(source, QStringLiteral("unknown: git could not name the commit of the source"));

        // Asked of the database itself: no test patient of any endpoint is in any training fold.
        QSqlQuery query(db.connection());
        QVERIFY(
            query.exec("SELECT count(*) FROM cv_folds f JOIN splits s ON s.run_id = f.run_id AND s.patient_id = "
                       "f.patient_id WHERE s.subset = 'test'"));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        QVERIFY(query.exec("SELECT count(*) FROM cv_folds"));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toInt() > 0);

        // No Deep-CT network learnt from a test patient, and the network of outer fold k of repeat r
        // from no patient that fold holds out, as the database records the CV repeats of each
        // endpoint. The networks come repeat by repeat, five folds each, then the final one.
        std::map<std::string, int> foldOf[2];  // [repeat]: pseudonym -> fold
        for (int repeat = 0; repeat < 2; ++repeat) {
            QVERIFY(
                query.exec("SELECT DISTINCT p.pseudonym, f.fold FROM cv_folds f JOIN patients p ON p.id = "
                           "f.patient_id WHERE f.repeat = " +
                           QString::number(repeat)));
            while (query.next()) {
                const std::string pseudonym = query.value(0).toString().toStdString();
                auto& folds = foldOf[repeat];
                QVERIFY2(!folds.count(pseudonym) || folds[pseudonym] == query.value(1).toInt(), pseudonym.c_str());
                folds[pseudonym] = query.value(1).toInt();
            }
        }
        QCOMPARE(foldOf[1].size(), foldOf[0].size());
        QVERIFY(foldOf[1] != foldOf[0]);
        std::set<std::string> testPatients;
        for (const auto& endpoint : evidence.endpoints)
            testPatients.insert(endpoint.testPatients.begin(), endpoint.testPatients.end());
        for (std::size_t k = 0; k < deep.multiTaskTrainings.size(); ++k) {
            const auto& training = deep.multiTaskTrainings[k];
            QCOMPARE(training.labels.size(), std::size_t{2});  // PI and EGFR
            for (const auto& patient : training.patients) QVERIFY2(!testPatients.count(patient), patient.c_str());
            if (k == 10) {
                QCOMPARE(training.patients.size(), foldOf[0].size());
                continue;
            }
            const auto& folds = foldOf[k / 5];
            const int fold = static_cast<int>(k % 5);
            std::size_t heldOutOfFold = 0;
            for (const auto& [pseudonym, f] : folds) heldOutOfFold += f == fold;
            for (const auto& patient : training.patients)
                QVERIFY2(!folds.count(patient) || folds.at(patient) != fold, patient.c_str());
            // Every training patient outside the fold was used.
            QCOMPARE(training.patients.size() + heldOutOfFold, folds.size());
        }
        // A rare class in the networks' training patients is told once per distinct count, not once
        // per network: the counts of the grouped notes add up to at most the 10 fold networks.
        for (const auto& endpoint : evidence.endpoints) {
            int grouped = 0, networksNamed = 0;
            for (const auto& note : endpoint.notes) {
                QVERIFY2(note.rfind("Deep-CT network of outer fold", 0) != 0, note.c_str());
                int count = 0;
                if (std::sscanf(note.c_str(), "Deep-CT networks of %d of the 10 outer folds:", &count) == 1) {
                    ++grouped;
                    networksNamed += count;
                }
            }
            QVERIFY2(grouped >= 1, endpoint.endpoint.c_str());  // EGFR is rare in every fold's 30 patients
            QVERIFY2(networksNamed <= 10, endpoint.endpoint.c_str());
            QVERIFY2(grouped < networksNamed || networksNamed == 1, endpoint.endpoint.c_str());
        }
        // The deep models are cross-validated on both repeats' folds, the Radiomics-Score on every repeat.
        for (const auto& endpoint : evidence.endpoints)
            for (const auto& model : endpoint.models) {
                const auto& repeats = model.panel.front().foldRepeats;
                QVERIFY2(std::set<int>(repeats.begin(), repeats.end()) == (std::set<int>{0, 1}), model.model.c_str());
            }

        // The test cohort was evaluated once per endpoint, recorded, and cannot be evaluated again.
        drs::project::TestEvaluationRepository evaluations(db);
        const auto recorded = evaluations.evaluations(runId);
        QCOMPARE(recorded.size(), std::size_t{2});
        for (const auto& row : recorded) {
            QCOMPARE(static_cast<std::size_t>(row.testPatients),
                     (row.endpoint == evidence.endpoints[0].endpoint ? evidence.endpoints[0] : evidence.endpoints[1])
                         .testPatients.size());
            QCOMPARE(row.modelsSha256.size(), std::size_t{64});
        }
        try {
            evaluations.record(runId, "PI", 1, recorded.front().modelsSha256);
            QFAIL("a second evaluation of the same test cohort was recorded");
        } catch (const drs::Error& e) {
            QVERIFY2(std::string(e.what()).find("evaluates its test cohort once") != std::string::npos, e.what());
        }
        QVERIFY(!query.exec("UPDATE test_evaluations SET test_patients = 0"));
    }

    // While the endpoints are fitted nothing shows a test number: a run stopped before its final
    // step has evidence without test labels or metrics.
    void unfinishedRunShowsNoTestNumbers() {
        const std::string path = importedProject("unfinished");
        drs::project::ProjectDb db(path);
        drs::testing::PatchStatisticsDeepCt deep;
        drs::StudyPipeline pipeline(db, deep);
        CancelAtMessage cancelling("EGFR:");
        QVERIFY_THROWS_EXCEPTION(drs::Cancelled, pipeline.run(smallStudyOptions(), cancelling));
        const auto evidence = drs::runEvidence(db, 1);
        QCOMPARE(evidence.endpoints.size(), std::size_t{1});
        const auto& pi = evidence.endpoints.front();
        QVERIFY(pi.testPending);
        QVERIFY(pi.testLabels.empty());
        QVERIFY(pi.comparisons.empty());
        for (const auto& model : pi.models) {
            QCOMPARE(model.testAuc, 0.0);
            QVERIFY(model.testRoc.empty());
        }
        QVERIFY(drs::project::TestEvaluationRepository(db).evaluations(1).empty());
    }

    void resumedRunGivesTheSameNumbers() {
        drs::testing::PatchStatisticsDeepCt deep;
        drs::SilentProgress quiet;
        const std::string straightPath = importedProject("straight");
        drs::project::ProjectDb straightDb(straightPath);
        drs::StudyPipeline straight(straightDb, deep);
        const auto straightEvidence = drs::runEvidence(straightDb, straight.run(smallStudyOptions(), quiet));

        const std::string resumedPath = importedProject("resumed");
        drs::project::ProjectDb resumedDb(resumedPath);
        drs::StudyPipeline resumed(resumedDb, deep);
        CancelAtMessage cancelling("EGFR:");
        bool cancelled = false;
        try {
            resumed.run(smallStudyOptions(), cancelling);
        } catch (const drs::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        drs::project::RunRepository runs(resumedDb);
        const auto interrupted = runs.run(1);
        QVERIFY(interrupted.has_value());
        QCOMPARE(interrupted->status, std::string("cancelled"));
        QVERIFY(runs.isStepDone(1, "endpoint:PI"));
        QVERIFY(!runs.isStepDone(1, "endpoint:EGFR"));

        // Resumed on another machine: the same numbers, and the run says what computed which part.
        struct ElsewherePatchStatistics : drs::testing::PatchStatisticsDeepCt {
            std::string backend(const drs::DeepCtOptions&) const override { return "patch statistics elsewhere"; }
        } elsewhere;
        drs::StudyPipeline resumedElsewhere(resumedDb, elsewhere);
        const auto runId = resumedElsewhere.run(smallStudyOptions(), quiet);
        QCOMPARE(runId, std::int64_t{1});
        auto resumedEvidence = drs::runEvidence(resumedDb, runId);
        const QJsonObject versions =
            QJsonDocument::fromJson(QByteArray::fromStdString(resumedEvidence.provenance.at("versions"))).object();
        QCOMPARE(versions["deep_ct"].toString(),
                 QStringLiteral("patch statistics (no network); resumed with patch statistics elsewhere"));
        QCOMPARE(evidenceWithoutPlaces(resumedEvidence), evidenceWithoutPlaces(straightEvidence));
    }

    // Two runs of one project with different regions: the paper's native patch and 3 mm ring,
    // interrupted before its networks, and a patch fitted to the tumour with a 5 mm ring run in
    // between. Resumed, the first gives the numbers of a run alone in its project: every run reads
    // the patches it cut and the ring features it computed.
    void runsWithDifferentRegionsEachReadTheirOwn() {
        drs::testing::PatchStatisticsDeepCt deep;
        drs::SilentProgress quiet;
        drs::StudyOptions native = smallStudyOptions();
        native.endpoints = {"PI"};
        drs::StudyOptions fitted = native;
        fitted.regions.patchTumourExtents = 2.0;
        fitted.regions.ringThicknessMm = 5.0;

        drs::project::ProjectDb aloneDb(importedProject("patch-alone"));
        const auto alone = drs::runEvidence(aloneDb, drs::StudyPipeline(aloneDb, deep).run(native, quiet));

        drs::project::ProjectDb db(importedProject("patch-shared"));
        drs::StudyPipeline pipeline(db, deep);
        CancelAtMessage cancelling("Deep-CT");
        QVERIFY_THROWS_EXCEPTION(drs::Cancelled, pipeline.run(native, cancelling));
        const auto fittedRun = pipeline.run(fitted, quiet);
        QCOMPARE(fittedRun, std::int64_t{2});
        const auto nativeRun = pipeline.run(native, quiet);
        QCOMPARE(nativeRun, std::int64_t{1});
        QCOMPARE(evidenceWithoutPlaces(drs::runEvidence(db, nativeRun)), evidenceWithoutPlaces(alone));
        QVERIFY(evidenceWithoutPlaces(drs::runEvidence(db, fittedRun)) != evidenceWithoutPlaces(alone));

        const drs::project::CaseFiles first = drs::project::CohortRepository(db).caseFiles().front();
        const drs::Volume image = drs::readVolume(first.imagePath);
        const drs::Volume nativePatch =
            drs::readVolume(db.absoluteFilePath(drs::patchFileOf(first.pseudonym, native.regions)));
        QCOMPARE(nativePatch.geometry.spacingMm[0], image.geometry.spacingMm[0]);
        const drs::Regions fittedRegions =
            drs::computeRegions(image, drs::readLabelMap(first.maskPath), fitted.regions, first.maskPath);
        QVERIFY(drs::readVolume(db.absoluteFilePath(drs::patchFileOf(first.pseudonym, fitted.regions))).voxels ==
                fittedRegions.patch.voxels);
        const std::string folder = db.absoluteFilePath(drs::regionFolderOf(first.pseudonym));
        QVERIFY(drs::readLabelMap(folder + "/ring-5mm.nii.gz").voxels == fittedRegions.ring.voxels);
        QVERIFY(drs::readLabelMap(folder + "/ring.nii.gz").voxels != fittedRegions.ring.voxels);
    }

    // A run cancelled after its features, then an outline saved as ROI version 2: running again
    // must not resume the run (its features came from version 1) but start a new one that
    // extracts the edited patient's features from version 2; the old run is listed as stale.
    void editedRoiIsNeverReused() {
        drs::testing::PatchStatisticsDeepCt deep;
        drs::SilentProgress quiet;
        const std::string path = importedProject("edited");
        drs::project::ProjectDb db(path);
        drs::StudyPipeline pipeline(db, deep);
        drs::StudyOptions options = smallStudyOptions();
        options.endpoints = {"PI"};
        CancelAtMessage cancelling("PI:");
        QVERIFY_THROWS_EXCEPTION(drs::Cancelled, pipeline.run(options, cancelling));
        drs::project::RoiRepository rois(db);
        drs::project::FeatureRepository features(db);
        const drs::project::CaseFiles edited = drs::project::CohortRepository(db).caseFiles().front();
        auto volumeOf = [&](std::int64_t patientId) {
            for (const auto& set : {std::int64_t(1), std::int64_t(2)})
                for (const auto& [name, value] : features.values(set, patientId))
                    if (name == "original_shape_VoxelVolume") return value;
            return -1.0;
        };
        const double before = volumeOf(edited.patientId);
        QVERIFY(before > 0);
        drs::LabelMap mask = drs::readLabelMap(edited.maskPath);
        std::size_t erased = 0;
        for (std::size_t i = 0; i < mask.voxels.size() && erased < 20; ++i)
            if (mask.voxels[i]) {
                mask.voxels[i] = 0;
                ++erased;
            }
        QCOMPARE(rois.saveVersion(edited.roiId, 1, mask, "drawn", "test edit"), 2);
        QVERIFY(rois.isRunStale(1));
        QVERIFY(!rois.staleFeatures().empty());

        const auto runId = pipeline.run(options, quiet);
        QCOMPARE(runId, std::int64_t{2});  // a new run, not the stale one resumed
        QVERIFY(!rois.isRunStale(runId));
        QVERIFY(rois.isRunStale(1));
        QVERIFY(rois.staleFeatures().empty());
        const double after = volumeOf(edited.patientId);
        const double voxelMm3 = mask.geometry.voxelVolumeMm3();
        QVERIFY2(std::abs((before - after) - 20 * voxelMm3) < 1e-6 * before,
                 qPrintable(QString("volume %1 -> %2 mm3").arg(before).arg(after)));
    }

    // A new or external patient gets the run's patch: the choice of field is read back from the
    // run's parameters; a run without it (and every run made before the option) stays native.
    void patchFieldIsReadBackFromTheRun() {
        drs::StudyOptions options = smallStudyOptions();
        QVERIFY(options.toJson().find("patch_tumour_extents") == std::string::npos);
        const drs::RunFeatureSettings native = drs::runFeatureSettings(options.toJson(), "run");
        QVERIFY(!native.regions.patchTumourExtents && !native.regions.patchSpacingMm);
        options.regions.patchTumourExtents = 2.5;
        const drs::RunFeatureSettings fitted = drs::runFeatureSettings(options.toJson(), "run");
        QCOMPARE(fitted.regions.patchTumourExtents.value_or(0), 2.5);
        QVERIFY(!fitted.regions.patchSpacingMm);
    }

    void emptyProjectIsRefused() {
        drs::project::ProjectDb db(dir.path().toStdString() + "/empty.sqlite");
        drs::testing::PatchStatisticsDeepCt deep;
        drs::StudyPipeline pipeline(db, deep);
        drs::SilentProgress progress;
        try {
            pipeline.run(smallStudyOptions(), progress);
            QFAIL("an empty project ran");
        } catch (const drs::Error& e) {
            QVERIFY2(std::string(e.what()).find("holds no patient") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestStudyPipeline)
#include "test_study_pipeline.moc"
