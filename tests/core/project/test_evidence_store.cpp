#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <limits>

#include "core/project/Cohort.h"
#include "core/project/EvidenceStore.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::project;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Equal as stored values: NaN equals NaN, otherwise bit-exact.
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
bool same(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}
bool same(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}
bool same(const std::vector<CurvePoint>& a, const std::vector<CurvePoint>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i].x, b[i].x) || !same(a[i].y, b[i].y)) return false;
    return true;
}

ModelEvidence model(const std::string& name, double shift) {
    ModelEvidence m;
    m.model = name;
    m.inputs = {"RadScore_tumour", "deep_" + name};
    m.panel = {{"svm", 0.71 + shift, 0.05}, {"lr", 1.0 / 3.0, kNan}};
    m.chosenClassifier = "svm";
    m.trainAuc = 0.1 + 0.2;
    m.testAuc = 0.75 + shift;
    m.testAucCiLow = 0.6;
    m.testAucCiHigh = 0.9;
    m.testMetrics = {0.42, 0.7, 0.6, 0.5, 0.55, 0.8, 0.77};
    m.trainScores = {0.2, 0.9, 1e-300};
    m.testScores = {0.8, 0.3};
    m.testRoc = {{0, 0}, {0.5, 1}, {1, 1}};
    m.brier = 0.2;
    m.calibrationSlope = -kInf;
    m.calibrationIntercept = kInf;
    m.reliability = {{0.25, 0.3}};
    m.netBenefit = {{0.1, kNan}};
    return m;
}

}  // namespace

class TestEvidenceStore : public QObject {
    Q_OBJECT
private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        db_ = std::make_unique<ProjectDb>(dir_->filePath("p.sqlite").toStdString());
        CohortRepository cohort(*db_);
        for (int i = 0; i < 4; ++i) {
            const auto id = cohort.addPatient("P-" + std::to_string(i), "A");
            cohort.setLabel(id, "EGFR", i % 2);
        }
        run_ = RunRepository(*db_).start("pipeline", "{}", 3, "{}");
    }
    void cleanup() { db_.reset(); }

    void endpointEvidenceRoundTripsEveryField() {
        EndpointEvidence e;
        e.endpoint = "EGFR";
        e.trainPatients = {"P-0", "P-1", "P-3"};
        e.trainLabels = {0, 1, 1};
        e.testPatients = {"P-2"};
        e.testLabels = {0};
        e.notes = {"ALK skipped: 2 positives", "ünïcode note"};
        e.radScoreTumour = {{"original_firstorder_Mean", 0.125}, {"intercept", -kInf}};
        e.radScoreRing = {{"wavelet-LLH_glcm_Contrast", kNan}};
        e.models = {model("Radiomics-Score", 0), model("Deep-CT", 0.01), model("Deep-RadScore", 0.02)};
        e.comparisons = {{"Deep-RadScore", "Deep-CT", 0.77, 0.76, 1.96, 0.05}};
        e.correlation.rows = {"RadScore_tumour"};
        e.correlation.columns = {"deep_1", "deep_2"};
        e.correlation.r = {{0.5, -0.25}};
        e.correlation.p = {{kNan, 0.01}};
        e.correlation.maxAbsR = 0.5;
        e.correlation.meanAbsR = 0.375;
        e.correlation.sdAbsR = 0.125;
        e.shap.features = {"a", "b"};
        e.shap.meanAbs = {0.3, 0.1};
        e.shap.values = {{0.3, -0.1}};
        e.shap.featureValues = {{1.5, kNan}};
        e.shap.baseline = 0.4;
        e.gradCamImages = {"gradcam/P-2.png"};
        e.deepBackbone = "densenet121";
        e.deepPretrained = true;
        e.deepValidationAuc = 0.68;
        e.deepEpochs = 12;

        EvidenceStore store(*db_);
        store.saveEndpoint(run_, e);
        const EndpointEvidence r = store.loadEndpoint(run_, "EGFR");
        QCOMPARE(r.endpoint, e.endpoint);
        QCOMPARE(r.trainPatients, e.trainPatients);
        QCOMPARE(r.testPatients, e.testPatients);
        QCOMPARE(r.trainLabels, e.trainLabels);
        QCOMPARE(r.testLabels, e.testLabels);
        QCOMPARE(r.notes, e.notes);
        QCOMPARE(r.radScoreTumour.size(), e.radScoreTumour.size());
        for (const auto& [name, value] : e.radScoreTumour) QVERIFY(same(r.radScoreTumour.at(name), value));
        QVERIFY(std::isnan(r.radScoreRing.at("wavelet-LLH_glcm_Contrast")));
        QCOMPARE(r.models.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) {
            const auto &a = r.models[i], &b = e.models[i];
            QCOMPARE(a.model, b.model);
            QCOMPARE(a.inputs, b.inputs);
            QCOMPARE(a.panel.size(), b.panel.size());
            for (std::size_t c = 0; c < a.panel.size(); ++c) {
                QCOMPARE(a.panel[c].classifier, b.panel[c].classifier);
                QVERIFY(same(a.panel[c].meanAuc, b.panel[c].meanAuc) && same(a.panel[c].sdAuc, b.panel[c].sdAuc));
            }
            QCOMPARE(a.chosenClassifier, b.chosenClassifier);
            QVERIFY(same(a.trainAuc, b.trainAuc) && same(a.testAuc, b.testAuc));
            QVERIFY(same(a.testAucCiLow, b.testAucCiLow) && same(a.testAucCiHigh, b.testAucCiHigh));
            const auto &ma = a.testMetrics, &mb = b.testMetrics;
            QVERIFY(same(ma.threshold, mb.threshold) && same(ma.accuracy, mb.accuracy) && same(ma.precision, mb.precision) &&
                    same(ma.recall, mb.recall) && same(ma.f1, mb.f1) && same(ma.specificity, mb.specificity) &&
                    same(ma.npv, mb.npv));
            QVERIFY(same(a.trainScores, b.trainScores) && same(a.testScores, b.testScores));
            QVERIFY(same(a.testRoc, b.testRoc) && same(a.reliability, b.reliability) && same(a.netBenefit, b.netBenefit));
            QVERIFY(same(a.brier, b.brier) && same(a.calibrationSlope, b.calibrationSlope) &&
                    same(a.calibrationIntercept, b.calibrationIntercept));
        }
        QCOMPARE(r.comparisons.size(), std::size_t(1));
        QCOMPARE(r.comparisons[0].modelA, std::string("Deep-RadScore"));
        QCOMPARE(r.comparisons[0].modelB, std::string("Deep-CT"));
        QVERIFY(same(r.comparisons[0].z, 1.96) && same(r.comparisons[0].p, 0.05) && same(r.comparisons[0].aucA, 0.77) &&
                same(r.comparisons[0].aucB, 0.76));
        QCOMPARE(r.correlation.rows, e.correlation.rows);
        QCOMPARE(r.correlation.columns, e.correlation.columns);
        QVERIFY(same(r.correlation.r, e.correlation.r) && same(r.correlation.p, e.correlation.p));
        QVERIFY(same(r.correlation.maxAbsR, 0.5) && same(r.correlation.meanAbsR, 0.375) && same(r.correlation.sdAbsR, 0.125));
        QCOMPARE(r.shap.features, e.shap.features);
        QVERIFY(same(r.shap.meanAbs, e.shap.meanAbs) && same(r.shap.values, e.shap.values) &&
                same(r.shap.featureValues, e.shap.featureValues) && same(r.shap.baseline, e.shap.baseline));
        QCOMPARE(r.gradCamImages, e.gradCamImages);
        QCOMPARE(r.deepBackbone, e.deepBackbone);
        QCOMPARE(r.deepPretrained, true);
        QVERIFY(same(r.deepValidationAuc, 0.68));
        QCOMPARE(r.deepEpochs, 12);

        // The split went to the splits table in the same transaction.
        const auto split = RunRepository(*db_).split(run_, "EGFR");
        QCOMPARE(split.size(), std::size_t(4));
        int tests = 0;
        for (const auto& row : split) tests += row.test;
        QCOMPARE(tests, 1);
    }

    void labelThatDiffersFromTheProjectIsRefused() {
        EndpointEvidence e;
        e.endpoint = "EGFR";
        e.trainPatients = {"P-0", "P-1"};
        e.trainLabels = {0, 1};
        EvidenceStore store(*db_);
        store.saveEndpoint(run_, e);
        EndpointEvidence wrong = e;
        wrong.trainLabels = {1, 1};  // P-0 is 0 in the project
        try {
            store.saveEndpoint(run_, wrong);
            QFAIL("evidence with a different label was stored");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("differs from the project's label"), error.what());
        }
        EndpointEvidence twice = e;
        twice.testPatients = {"P-0"};
        twice.testLabels = {0};
        QVERIFY_THROWS_EXCEPTION(Error, store.saveEndpoint(run_, twice));
        EndpointEvidence stranger = e;
        stranger.testPatients = {"P-9"};
        stranger.testLabels = {0};
        QVERIFY_THROWS_EXCEPTION(Error, store.saveEndpoint(run_, stranger));
        // Nothing changed: the first evidence and its split are intact.
        QCOMPARE(store.loadEndpoint(run_, "EGFR").trainLabels, (std::vector<int>{0, 1}));
        QCOMPARE(RunRepository(*db_).split(run_, "EGFR").size(), std::size_t(2));
    }

    void studyAndPatientPredictionRoundTrip() {
        EvidenceStore store(*db_);
        StudyEvidence study;
        study.cohortTable = {{"age", "", "63.1 ± 8.9", "62.0 ± 9.4", 0.41, "Welch t"}, {"sex", "M", "20 (50%)", "8 (47%)", -1, ""}};
        study.provenance = {{"seed", "3"}, {"weights", "trained from scratch"}};
        store.saveStudy(run_, study);
        EndpointEvidence e;
        e.endpoint = "EGFR";
        e.trainPatients = {"P-0"};
        e.trainLabels = {0};
        store.saveEndpoint(run_, e);
        const StudyEvidence read = store.loadStudy(run_);
        QCOMPARE(read.cohortTable.size(), std::size_t(2));
        QCOMPARE(read.cohortTable[0].train, std::string("63.1 ± 8.9"));
        QCOMPARE(read.cohortTable[0].testName, std::string("Welch t"));
        QVERIFY(same(read.cohortTable[1].p, -1));
        QCOMPARE(read.provenance, study.provenance);
        QCOMPARE(read.endpoints.size(), std::size_t(1));
        QCOMPARE(read.endpoints[0].trainPatients, e.trainPatients);

        PatientPrediction prediction;
        prediction.patientPseudonym = "P-new";
        prediction.studyPath = "images/P-new.nii";
        prediction.patchImage = "patch.png";
        prediction.endpoints = {{"EGFR", "Deep-RadScore", 0.64, 0.5, true, 0.8, 0.7, 0.75}};
        prediction.provenance = {{"model_sha256", "abc"}};
        store.savePatientPrediction(run_, prediction);
        const auto back = store.loadPatientPrediction(run_, "P-new");
        QCOMPARE(back.studyPath, prediction.studyPath);
        QCOMPARE(back.patchImage, prediction.patchImage);
        QCOMPARE(back.endpoints.size(), std::size_t(1));
        QVERIFY(back.endpoints[0].positive);
        QVERIFY(same(back.endpoints[0].probability, 0.64) && same(back.endpoints[0].testSpecificity, 0.75));
        QCOMPARE(back.provenance, prediction.provenance);
        QVERIFY_THROWS_EXCEPTION(Error, store.loadPatientPrediction(run_, "P-other"));
    }

private:
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<ProjectDb> db_;
    std::int64_t run_ = 0;
};

QTEST_GUILESS_MAIN(TestEvidenceStore)
#include "test_evidence_store.moc"
