// drs validate end to end on synthetic cohorts: a development cohort trains a run, a locked
// external cohort (another seed, another scanner) is evaluated on it, and permuting the external
// labels changes nothing the run fitted.
#include <QFile>
#include <QImage>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>

#include <QJsonDocument>
#include <set>

#include "core/image/ImageIO.h"
#include "core/learn/ComBat.h"
#include "core/pipeline/EndpointAnalysis.h"
#include "core/pipeline/ExternalValidation.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/Prediction.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/project/Results.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"
#include "tests/core/pipeline/PatchStatisticsDeepCt.h"
#include "tests/core/pipeline/SmallStudyOptions.h"

using namespace drs;

namespace {

using testing::smallStudyOptions;

long long count(project::ProjectDb& db, const std::string& sql) {
    QSqlQuery query(db.connection());
    if (!query.exec(QString::fromStdString(sql)) || !query.next()) qFatal("%s", sql.c_str());
    return query.value(0).toLongLong();
}

// Everything a run fitted or decided, as text: model bundles (RadScores, scalers, classifiers,
// thresholds), model rows, every training and test prediction, the split and the folds.
std::string fittedArtefacts(project::ProjectDb& db, std::int64_t runId) {
    std::string text;
    project::ResultRepository results(db);
    project::RunRepository runs(db);
    for (const auto& endpoint : smallStudyOptions().endpoints) {
        for (const auto& row : results.models(runId, endpoint)) {
            QFile bundle(QString::fromStdString(results.verifiedModelFile(row)));
            if (!bundle.open(QIODevice::ReadOnly)) qFatal("cannot read %s", row.filePath.c_str());
            text += row.model + " " + row.classifier + " " + std::to_string(row.threshold.value_or(-1)) + "\n" +
                    bundle.readAll().toStdString();
            for (const char* subset : {"train", "test"})
                for (const auto& p : results.predictions(row.id, subset))
                    text += std::to_string(p.patientId) + ":" + formatDouble(p.probability) + " ";
        }
        for (const auto& s : runs.split(runId, endpoint)) text += std::to_string(s.patientId) + (s.test ? "t " : "v ");
        for (const auto& f : runs.folds(runId, endpoint))
            text += std::to_string(f.repeat) + "/" + std::to_string(f.patientId) + "/" + std::to_string(f.fold) + " ";
    }
    return text;
}

}  // namespace

class TestExternalValidation : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        SilentProgress progress;
        const auto development =
            synthetic::writeSyntheticCohort(dir_.filePath("development").toStdString(), 44, 11, progress);
        const auto external =
            synthetic::writeSyntheticCohort(dir_.filePath("external").toStdString(), 16, 12, progress, true);
        db_ = std::make_unique<project::ProjectDb>(dir_.filePath("project.sqlite").toStdString());
        QVERIFY(importCohort(*db_, development.studiesFolder, development.clinicalCsv, {}, progress).acceptedCount() >=
                40);
        ImportOptions locked;
        locked.externalCohort = "Holdout";
        QCOMPARE(importCohort(*db_, external.studiesFolder, external.clinicalCsv, locked, progress).acceptedCount(),
                 std::size_t(16));
        StudyPipeline pipeline(*db_, deep_);
        runId_ = pipeline.run(smallStudyOptions(), progress);
    }

    void validationIsComputedAtTheRunsThresholdsAndStored() {
        SilentProgress progress;
        const ExternalValidation validation = validateOnExternalCohort(*db_, deep_, runId_, "Holdout", progress);
        QCOMPARE(validation.cohort, std::string("Holdout"));
        QCOMPARE(validation.endpoints.size(), std::size_t(2));
        project::ResultRepository results(*db_);
        project::CohortRepository cohort(*db_);
        const auto cohortId = *cohort.findExternalCohort("Holdout");
        long long comparisons = 0, predictions = 0;
        bool someEndpointHasAllThreeModels = false;
        for (const auto& e : validation.endpoints) {
            // Every model the run built, and no other (without a radiomic signature there is no
            // Radiomics-Score model, and Deep-CT vs Deep-RadScore is the only comparison).
            const std::size_t built = results.models(runId_, e.endpoint).size();
            QVERIFY2(e.models.size() == built, e.endpoint.c_str());
            QCOMPARE(e.comparisons.size(), built == 3 ? std::size_t(3) : std::size_t(1));
            someEndpointHasAllThreeModels |= built == 3;
            comparisons += static_cast<long long>(e.comparisons.size());
            predictions += static_cast<long long>(built * e.testLabels.size());
            QVERIFY(e.trainPatients.empty());
            QCOMPARE(e.testLabels.size(), cohort.labels(e.endpoint, cohortId).size());
            std::map<std::string, double> thresholds;
            for (const auto& row : results.models(runId_, e.endpoint)) thresholds[row.model] = *row.threshold;
            for (const auto& m : e.models) {
                // The run's operating point, and sensitivity / specificity counted here at it.
                QCOMPARE(m.testMetrics.threshold, thresholds.at(m.model));
                int truePositives = 0, positives = 0, trueNegatives = 0, negatives = 0;
                for (std::size_t i = 0; i < e.testLabels.size(); ++i) {
                    const bool called = m.testScores[i] >= m.testMetrics.threshold;
                    (e.testLabels[i] ? positives : negatives) += 1;
                    (e.testLabels[i] ? truePositives : trueNegatives) += e.testLabels[i] ? called : !called;
                }
                QCOMPARE(m.testMetrics.recall, double(truePositives) / positives);
                QCOMPARE(m.testMetrics.specificity, double(trueNegatives) / negatives);
                // The AUC as the Mann-Whitney probability that a positive outranks a negative.
                double wins = 0;
                for (std::size_t i = 0; i < e.testLabels.size(); ++i)
                    for (std::size_t j = 0; j < e.testLabels.size(); ++j)
                        if (e.testLabels[i] == 1 && e.testLabels[j] == 0)
                            wins += m.testScores[i] > m.testScores[j]    ? 1.0
                                    : m.testScores[i] == m.testScores[j] ? 0.5
                                                                         : 0.0;
                QVERIFY(std::fabs(m.testAuc - wins / (double(positives) * negatives)) < 1e-12);
                QVERIFY(m.testAucCiLow <= m.testAuc && m.testAuc <= m.testAucCiHigh);
                QVERIFY(std::isfinite(m.brier));
            }
        }
        QVERIFY(someEndpointHasAllThreeModels);
        QCOMPARE(count(*db_, "SELECT count(*) FROM external_validations"), 1LL);
        QCOMPARE(count(*db_, "SELECT count(DISTINCT subset) FROM metrics WHERE subset = 'external:Holdout'"), 1LL);
        QCOMPARE(count(*db_, "SELECT count(*) FROM model_comparisons WHERE subset = 'external:Holdout'"), comparisons);
        QCOMPARE(count(*db_, "SELECT count(*) FROM external_predictions"), predictions);
        // The run's evidence carries it (the report's external-validation pages read it from there).
        const StudyEvidence evidence = runEvidence(*db_, runId_);
        QCOMPARE(evidence.externalValidations.size(), std::size_t(1));
        QCOMPARE(evidence.externalValidations[0].endpoints[1].models.back().testAuc,
                 validation.endpoints[1].models.back().testAuc);
        // Validating again replaces, never duplicates.
        validateOnExternalCohort(*db_, deep_, runId_, "Holdout", progress);
        QCOMPARE(count(*db_, "SELECT count(*) FROM external_validations"), 1LL);
        QCOMPARE(count(*db_, "SELECT count(*) FROM external_predictions"), predictions);
    }

    void externalPatientsNeverReachTheRun() {
        const std::string locked = " p ON p.id = x.patient_id WHERE p.external_cohort_id IS NOT NULL";
        QCOMPARE(count(*db_, "SELECT count(*) FROM splits x JOIN patients" + locked), 0LL);
        QCOMPARE(count(*db_, "SELECT count(*) FROM cv_folds x JOIN patients" + locked), 0LL);
        QCOMPARE(count(*db_, "SELECT count(*) FROM predictions x JOIN patients" + locked), 0LL);
        QCOMPARE(count(*db_, "SELECT count(*) FROM feature_values x JOIN patients" + locked), 0LL);
    }

    void permutingTheExternalLabelsChangesNoFittedArtefact() {
        SilentProgress progress;
        const std::string before = fittedArtefacts(*db_, runId_);
        const ExternalValidation first = validateOnExternalCohort(*db_, deep_, runId_, "Holdout", progress);

        // Rotate every endpoint's external labels by one patient.
        project::CohortRepository cohort(*db_);
        const auto cohortId = *cohort.findExternalCohort("Holdout");
        for (const auto& endpoint : cohort.endpoints()) {
            const auto labels = cohort.labels(endpoint, cohortId);
            for (std::size_t i = 0; i < labels.size(); ++i)
                cohort.setLabel(labels[i].patientId, endpoint, labels[(i + 1) % labels.size()].value);
        }
        StudyPipeline pipeline(*db_, deep_);
        const std::int64_t again = pipeline.run(smallStudyOptions(), progress, false);
        QVERIFY(again != runId_);
        const std::string after = fittedArtefacts(*db_, again);
        QVERIFY(!before.empty());
        QVERIFY2(after == before, "a fitted artefact of the run changed with the external labels");

        // The validation itself does read them.
        const ExternalValidation second = validateOnExternalCohort(*db_, deep_, runId_, "Holdout", progress);
        bool changed = false;
        for (std::size_t e = 0; e < first.endpoints.size(); ++e)
            for (std::size_t m = 0; m < first.endpoints[e].models.size(); ++m)
                changed |= first.endpoints[e].models[m].testAuc != second.endpoints[e].models[m].testAuc;
        QVERIFY(changed);
    }

    void unfinishedRunOrUnknownCohortIsRefusedAndNothingWritten() {
        SilentProgress progress;
        const auto validationsBefore = count(*db_, "SELECT count(*) FROM external_validations");
        const auto metricsBefore = count(*db_, "SELECT count(*) FROM metrics");
        const auto running = project::RunRepository(*db_).start("pipeline", smallStudyOptions().toJson(), 3, "{}");
        try {
            validateOnExternalCohort(*db_, deep_, running, "Holdout", progress);
            QFAIL("an unfinished run was validated");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("is running, not finished"), e.what());
        }
        try {
            validateOnExternalCohort(*db_, deep_, runId_, "Nowhere", progress);
            QFAIL("an unknown cohort was validated");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("no external cohort named 'Nowhere' (known: Holdout)"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, validateOnExternalCohort(*db_, deep_, 9999, "Holdout", progress));
        QCOMPARE(count(*db_, "SELECT count(*) FROM external_validations"), validationsBefore);
        QCOMPARE(count(*db_, "SELECT count(*) FROM metrics"), metricsBefore);
    }

    void combatIsFittedOnTrainingPatientsAndRecorded() {
        SilentProgress progress;
        StudyOptions options = smallStudyOptions();
        options.endpoint.combatByCentre = true;
        StudyPipeline pipeline(*db_, deep_);
        const std::int64_t runId = pipeline.run(options, progress, false);
        QVERIFY(project::RunRepository(*db_).run(runId)->parametersJson.find("\"combat_by_centre\":true") !=
                std::string::npos);
        // The bundle's estimates are ComBat fitted here on the run's training patients alone.
        project::ResultRepository results(*db_);
        project::FeatureRepository features(*db_);
        project::CohortRepository cohort(*db_);
        std::map<std::int64_t, std::string> centreOf;
        for (const auto& p : cohort.patients()) centreOf[p.id] = p.centre;
        const auto row = results.models(runId, "EGFR").front();
        QFile file(QString::fromStdString(results.verifiedModelFile(row)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const EndpointModels bundle =
            EndpointModels::fromJson(QJsonDocument::fromJson(file.readAll()).object(), row.filePath);
        QVERIFY(bundle.tumourCombat.active());
        QCOMPARE(bundle.tumourCombat.centres(), (std::vector<std::string>{"Centre-A", "Centre-B", "Centre-C"}));
        std::set<std::int64_t> training;
        for (const auto& s : project::RunRepository(*db_).split(runId, "EGFR"))
            if (!s.test) training.insert(s.patientId);
        const project::FeatureMatrix tumour =
            features.matrix(count(*db_, "SELECT id FROM feature_sets WHERE region_kind = 'tumour'"));
        std::vector<int> trainRows;
        std::vector<std::string> centres;
        for (std::size_t i = 0; i < tumour.patientIds.size(); ++i) {
            centres.push_back(centreOf.at(tumour.patientIds[i]));
            if (training.count(tumour.patientIds[i])) trainRows.push_back(static_cast<int>(i));
        }
        Eigen::MatrixXd x(static_cast<Eigen::Index>(tumour.patientIds.size()),
                          static_cast<Eigen::Index>(tumour.names.size()));
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            for (Eigen::Index j = 0; j < x.cols(); ++j)
                x(i, j) = tumour.at(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
        Eigen::MatrixXd trainX(static_cast<Eigen::Index>(trainRows.size()), x.cols());
        std::vector<std::string> trainCentres;
        for (std::size_t k = 0; k < trainRows.size(); ++k) {
            trainX.row(static_cast<Eigen::Index>(k)) = x.row(trainRows[k]);
            trainCentres.push_back(centres[static_cast<std::size_t>(trainRows[k])]);
        }
        const auto expected = learn::CentreHarmonisation::fit(trainX, trainCentres, tumour.names);
        QCOMPARE(bundle.tumourCombat.harmonisedFeatures(), expected.harmonisedFeatures());
        const Eigen::MatrixXd a = bundle.tumourCombat.apply(x, centres, tumour.names);
        const Eigen::MatrixXd b = expected.apply(x, centres, tumour.names);
        QVERIFY(((a - b).array().abs() <= 1e-9 * (1 + b.array().abs())).all());
        // The external centre has no estimates, and the validation says so.
        const ExternalValidation validation = validateOnExternalCohort(*db_, deep_, runId, "Holdout", progress);
        bool noted = false;
        for (const auto& e : validation.endpoints)
            for (const auto& note : e.notes)
                noted |= note.find("'Centre-D' had no training patients") != std::string::npos;
        QVERIFY(noted);

        // drs predict applies the estimates of the centre it is given: a development test patient,
        // predicted from its files, gets the probability the run stored for it; without its centre
        // the features stay as extracted, and the prediction says so.
        const auto rows = results.models(runId, "EGFR");
        const auto fused = std::find_if(rows.begin(), rows.end(),
                                        [](const auto& r) { return r.model == displayName(ModelKind::DeepRadScore); });
        QVERIFY(fused != rows.end());
        const project::PredictionRow stored = results.predictions(fused->id, "test").front();
        const auto files = cohort.caseFiles();
        const auto patient =
            std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.patientId == stored.patientId; });
        QVERIFY(patient != files.end());
        PredictionRequest request;
        request.studyPath = patient->imagePath;
        request.maskPath = patient->maskPath;
        request.runId = runId;
        request.outputFolder = dir_.filePath("predict").toStdString();
        request.centre = patient->centre;
        const auto egfr = [](const PatientPrediction& p) {
            return std::find_if(p.endpoints.begin(), p.endpoints.end(),
                                [](const auto& e) { return e.endpoint == "EGFR"; })
                ->probability;
        };
        const PatientPrediction applied = predictPatient(*db_, deep_, request, progress);
        // Both images carry the tumour's outline in magenta, at the same pixels: around the patch's
        // centre (the tumour's centroid) and no more than the tumour's pixels on the patch.
        const auto outline = [](const std::string& png) {
            const QImage image(QString::fromStdString(png));
            std::set<std::pair<int, int>> pixels;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    if (image.pixel(x, y) == qRgb(255, 0, 255)) pixels.insert({x, y});
            return pixels;
        };
        const auto patchOutline = outline(applied.patchImage);
        QCOMPARE(outline(applied.gradCamImage), patchOutline);
        QVERIFY(!patchOutline.empty());
        QVERIFY(patchOutline.begin()->first < 80 && patchOutline.rbegin()->first > 80);
        QSqlQuery patchPixels(db_->connection());
        QVERIFY(
            patchPixels.exec("SELECT g.voxel_count FROM regions g JOIN rois r ON r.id = g.roi_id JOIN studies s ON "
                             "s.id = r.study_id WHERE g.kind = 'patch' AND s.patient_id = " +
                             QString::number(stored.patientId)));
        QVERIFY(patchPixels.next());
        QVERIFY2(patchOutline.size() <= patchPixels.value(0).toULongLong(),
                 qPrintable(QString("%1 outline pixels").arg(patchOutline.size())));
        QVERIFY(applied.provenance.at("combat_by_centre").rfind("applied", 0) == 0);
        // A project patient keeps the pseudonym of its import (its NIfTI carries none), and the
        // prediction says what the run did with it.
        QSqlQuery pseudonym(db_->connection());
        QVERIFY(pseudonym.exec("SELECT pseudonym FROM patients WHERE id = " + QString::number(stored.patientId)));
        QVERIFY(pseudonym.next());
        QCOMPARE(QString::fromStdString(applied.patientPseudonym), pseudonym.value(0).toString());
        QVERIFY2(applied.provenance.at("project_patient").rfind("a test patient of run", 0) == 0,
                 applied.provenance.at("project_patient").c_str());
        // Its tumour volume in mm^3 is the one the pipeline stored when it extracted the patient.
        QSqlQuery volume(db_->connection());
        QVERIFY(
            volume.exec("SELECT g.volume_mm3 FROM regions g JOIN rois r ON r.id = g.roi_id JOIN studies s ON s.id = "
                        "r.study_id WHERE g.kind = 'tumour' AND s.patient_id = " +
                        QString::number(stored.patientId)));
        QVERIFY(volume.next());
        QVERIFY2(std::abs(std::stod(applied.provenance.at("tumour_volume_mm3")) - volume.value(0).toDouble()) < 0.051,
                 applied.provenance.at("tumour_volume_mm3").c_str());
        // Its longest diameters are the shape features the pipeline stored for its tumour.
        for (const auto& [feature, key] :
             {std::pair{"original_shape_Maximum2DDiameterSlice", "tumour_max_axial_diameter_mm"},
              std::pair{"original_shape_Maximum3DDiameter", "tumour_max_3d_diameter_mm"}}) {
            QSqlQuery shape(db_->connection());
            QVERIFY(shape.exec(QStringLiteral("SELECT v.value FROM feature_values v JOIN feature_sets s ON s.id = "
                                              "v.feature_set_id WHERE s.region_kind = 'tumour' AND v.name = '%1' "
                                              "AND v.patient_id = %2")
                                   .arg(QLatin1String(feature))
                                   .arg(stored.patientId)));
            QVERIFY(shape.next());
            QVERIFY2(std::abs(std::stod(applied.provenance.at(key)) - shape.value(0).toDouble()) < 0.051,
                     applied.provenance.at(key).c_str());
        }
        QVERIFY2(std::abs(egfr(applied) - stored.probability) < 1e-9,
                 qPrintable(QString("%1 vs stored %2").arg(egfr(applied)).arg(stored.probability)));
        // Without --centre a project patient is harmonised with its own centre's estimates ...
        request.centre.clear();
        const PatientPrediction own = predictPatient(*db_, deep_, request, progress);
        QVERIFY2(own.provenance.at("combat_by_centre") == "applied with the training estimates of centre '" +
                                                              patient->centre + "', the project patient's own",
                 own.provenance.at("combat_by_centre").c_str());
        QVERIFY(std::abs(egfr(own) - stored.probability) < 1e-9);
        // ... and a study from outside the project (the same image, copied) with none.
        const std::string outside =
            dir_.filePath("outside-").toStdString() + std::filesystem::path(patient->imagePath).filename().string();
        std::filesystem::copy_file(patient->imagePath, outside);
        request.studyPath = outside;
        const PatientPrediction plain = predictPatient(*db_, deep_, request, progress);
        QVERIFY(plain.provenance.at("combat_by_centre").find("no centre was given") != std::string::npos);
        // ... which matters: the RadScores read harmonised features.
        QVERIFY2(std::abs(egfr(plain) - stored.probability) > 1e-6,
                 qPrintable(QString("%1 vs stored %2").arg(egfr(plain)).arg(stored.probability)));

        // The patient's study folder as the scanner wrote it (the series in CT/, RTSTRUCT.dcm beside
        // it) predicts as the project's copy did, and so it does beside a second series (another
        // patient's, in other/): the RTSTRUCT names its series.
        namespace fs = std::filesystem;
        const SiteKey key = loadSiteKey();
        ReadOptions keyed;
        keyed.siteKey = &key;
        std::string study;
        StudyInfo info;
        for (const auto& folder : fs::directory_iterator(dir_.filePath("development/studies").toStdString())) {
            StudyInfo candidate;
            readVolume(folder.path().string(), keyed, &candidate);
            if (candidate.pseudonym == patient->pseudonym) {
                study = folder.path().string();
                info = candidate;
            }
        }
        QVERIFY2(!study.empty(), patient->pseudonym.c_str());
        request.studyPath = study;
        request.maskPath = study + "/RTSTRUCT.dcm";
        request.centre = patient->centre;
        // (To 1e-6, not 1e-9: the project's copy is a NIfTI file, whose header keeps the spacing
        // and origin in single precision.)
        const PatientPrediction fromStudy = predictPatient(*db_, deep_, request, progress);
        QVERIFY2(std::abs(egfr(fromStudy) - stored.probability) < 1e-6,
                 qPrintable(QString("%1 vs stored %2").arg(egfr(fromStudy)).arg(stored.probability)));
        const std::string two = dir_.filePath("two-series").toStdString();
        fs::copy(study, two, fs::copy_options::recursive);
        std::string otherUid;
        for (const auto& folder : fs::directory_iterator(dir_.filePath("development/studies").toStdString()))
            if (folder.path().string() != study) {
                fs::copy(folder.path() / "CT", fs::path(two) / "other");
                otherUid = listDicomSeries((fs::path(two) / "other").string()).at(0).seriesInstanceUid;
                break;
            }
        request.studyPath = two;
        request.maskPath = two + "/RTSTRUCT.dcm";
        QCOMPARE(egfr(predictPatient(*db_, deep_, request, progress)), egfr(fromStudy));
        // Chosen by UID, a series wins over the RTSTRUCT's: the other patient's scan, refused as
        // another frame of reference than the contours'; the patient's own, as before.
        request.seriesInstanceUid = otherUid;
        try {
            predictPatient(*db_, deep_, request, progress);
            QFAIL("another patient's series was read under this patient's contours");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("frame of reference") != std::string::npos, e.what());
        }
        request.seriesInstanceUid = info.seriesInstanceUid;
        QCOMPARE(egfr(predictPatient(*db_, deep_, request, progress)), egfr(fromStudy));
    }

    void cleanupTestCase() { db_.reset(); }

private:
    QTemporaryDir dir_;
    testing::PatchStatisticsDeepCt deep_;
    std::unique_ptr<project::ProjectDb> db_;
    std::int64_t runId_ = 0;
};

QTEST_GUILESS_MAIN(TestExternalValidation)
#include "test_external_validation.moc"
