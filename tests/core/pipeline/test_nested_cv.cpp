// Nested cross-validation of one endpoint on small synthetic tables (seconds, no images, no
// LibTorch): the truth of a null cohort (labels independent of every input) is a CV AUC of 0.5,
// and the operating threshold must come from out-of-fold predictions.
#include <QJsonDocument>
#include <QtTest>
#include <cmath>
#include <random>
#include <tuple>

#include "core/learn/CrossValidation.h"
#include "core/learn/FeatureSelection.h"
#include "core/pipeline/EndpointAnalysis.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/stats/Roc.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "tests/core/stats/ReferenceValues.h"

namespace {

// Deep features that are noise fixed per patient (or, with signal, shifted by the label): a
// deterministic stand-in for the network that records what it was trained on.
class NoiseDeepCt : public drs::DeepCtPort {
public:
    std::vector<std::pair<std::string, int>> trainedOn;
    bool labelsBeyondTraining = false;  // a patch to extract features from came with its label

    std::string backend(const drs::DeepCtOptions&) const override { return "fixed noise (no network)"; }

    drs::DeepCtResult trainAndExtract(const std::vector<drs::DeepPatch>& training,
                                      const std::vector<drs::DeepPatch>& all, const drs::DeepCtOptions&,
                                      const std::string& modelPathOut, drs::Progress&) override {
        trainedOn.clear();
        for (const auto& patch : training) trainedOn.emplace_back(patch.patientId, patch.label);
        for (const auto& patch : all) labelsBeyondTraining = labelsBeyondTraining || patch.label != -1;
        drs::DeepCtResult result;
        result.featuresPerPatient = extract(modelPathOut, all);
        result.probabilityByOutput.assign(1, std::vector<double>(all.size(), 0.5));
        result.modelPath = modelPathOut;
        return result;
    }
    drs::DeepCtResult trainMultiTaskAndExtract(const std::vector<drs::DeepPatch>&, const drs::OutputLabels&,
                                               const std::vector<drs::DeepPatch>&, const drs::DeepCtOptions&,
                                               const std::string&, drs::Progress&) override {
        throw drs::Error("NoiseDeepCt trains single-task networks only");
    }
    std::vector<drs::DeepFeatures> extract(const std::string&, const std::vector<drs::DeepPatch>& patches) override {
        std::vector<drs::DeepFeatures> features;
        for (const auto& patch : patches) {
            std::mt19937_64 random(std::hash<std::string>{}(patch.patientId));
            std::normal_distribution<float> normal;
            drs::DeepFeatures f{};
            for (auto& v : f) v = normal(random);
            features.push_back(f);
        }
        return features;
    }
    std::vector<double> predict(const std::string&, const std::vector<drs::DeepPatch>& patches, int) override {
        return std::vector<double>(patches.size(), 0.5);
    }
    std::vector<float> gradCam(const std::string&, const drs::DeepPatch&, int) override { return {}; }
};

// n patients, 30 % test, `features` columns per region; labels drawn independently of the
// features, unless `signal` > 0 shifts the first three tumour features of the positives.
drs::EndpointInputs syntheticEndpoint(std::uint64_t seed, int n, int features, double signal = 0) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal;
    drs::EndpointInputs in;
    in.endpoint = "EP";
    for (int i = 0; i < n; ++i) {
        in.patients.push_back("P" + std::to_string(seed) + "-" + std::to_string(i));
        in.labels.push_back(i % 2);
        in.isTest.push_back(i % 10 >= 7);
        in.patches.push_back({in.patients.back(), {}, -1, {}});
    }
    std::shuffle(in.labels.begin(), in.labels.end(), random);
    for (auto* table : {&in.tumour, &in.ring}) {
        for (int j = 0; j < features; ++j) table->names.push_back("f" + std::to_string(j));
        table->values.resize(n, features);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < features; ++j) table->values(i, j) = normal(random);
    }
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < 3; ++j) in.tumour.values(i, j) += signal * in.labels[static_cast<std::size_t>(i)];
    return in;
}

drs::EndpointOptions quickOptions(const QTemporaryDir& dir) {
    drs::EndpointOptions options;
    options.cvFolds = 5;
    options.cvRepeats = 2;
    options.classifiers = {"lr", "lda", "nb", "knn"};
    options.gradCamPatients = 0;
    options.shapBackgroundRows = 2;
    options.modelFolder = dir.path().toStdString();
    return options;
}

// quickOptions with one CV repeat and logistic regression alone: the whole chain in a blink.
drs::EndpointOptions oneRepeatOfLr(const QTemporaryDir& dir) {
    drs::EndpointOptions options = quickOptions(dir);
    options.cvRepeats = 1;
    options.classifiers = {"lr"};
    return options;
}

double mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    return sum / static_cast<double>(v.size());
}

// The sva fixture of tests/data/stats/combat_three_centres.csv (make_combat_three_centres_r.R: R sva
// 3.46.0 ComBat of 90 patients, centres A/B/C with known location and scale effects) as the
// training patients of an endpoint, with the labels of cohort.csv. 30 test patients follow: copies
// of the first 30 moved far away (+40 in every feature), so estimates that had seen them could not
// match sva's on the training patients.
struct SvaEndpoint {
    drs::EndpointInputs in;
    Eigen::MatrixXd trainingIn, trainingOut;
    std::vector<std::string> trainingCentres;
};

SvaEndpoint svaEndpoint() {
    const drs::CsvTable fixture = drs::readCsv(drs::testing::statsData("combat_three_centres.csv"));
    const drs::CsvTable cohort = drs::readCsv(drs::testing::statsData("cohort.csv"));
    const std::vector<std::string> features{"deep_1", "deep_2", "deep_3", "deep_4", "radscore_tumour", "radscore_ring"};
    const auto n = static_cast<Eigen::Index>(fixture.rows.size());
    const auto f = static_cast<Eigen::Index>(features.size());
    SvaEndpoint sva;
    sva.trainingIn.resize(n, f);
    sva.trainingOut.resize(n, f);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& row = fixture.rows[static_cast<std::size_t>(i)];
        sva.trainingCentres.push_back(row[fixture.column("centre")]);
        for (Eigen::Index j = 0; j < f; ++j) {
            const std::string& name = features[static_cast<std::size_t>(j)];
            sva.trainingIn(i, j) = drs::parseDouble(row[fixture.column("in_" + name)], "combat fixture");
            sva.trainingOut(i, j) = drs::parseDouble(row[fixture.column("out_" + name)], "combat fixture");
        }
    }
    const int testCount = 30;
    drs::EndpointInputs& in = sva.in;
    in.endpoint = "EP";
    for (Eigen::Index i = 0; i < n + testCount; ++i) {
        const auto source = static_cast<std::size_t>(i < n ? i : i - n);
        in.patients.push_back((i < n ? "T" : "X") + fixture.rows[source][fixture.column("id")]);
        in.labels.push_back(std::stoi(cohort.rows[source][cohort.column("label")]));
        in.isTest.push_back(i >= n);
        in.centres.push_back(sva.trainingCentres[source]);
        in.patches.push_back({in.patients.back(), {}, -1, {}});
    }
    for (auto* table : {&in.tumour, &in.ring}) {
        table->names = features;
        table->values.resize(n + testCount, f);
        table->values.topRows(n) = sva.trainingIn;
        table->values.bottomRows(testCount) = sva.trainingIn.topRows(testCount).array() + 40.0;
    }
    return sva;
}

// Labels that are the centre (A positive, B negative) and radiomic features that carry nothing but
// a location effect of the centre: the centre is all there is to learn.
drs::EndpointInputs centreIsTheLabel(std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal;
    drs::EndpointInputs in;
    in.endpoint = "EP";
    const int n = 130, features = 20;
    for (int i = 0; i < n; ++i) {
        in.patients.push_back("C" + std::to_string(seed) + "-" + std::to_string(i));
        in.centres.push_back(i % 2 ? "A" : "B");
        in.labels.push_back(i % 2);
        in.isTest.push_back(i % 10 >= 7);
        in.patches.push_back({in.patients.back(), {}, -1, {}});
    }
    for (auto* table : {&in.tumour, &in.ring}) {
        for (int j = 0; j < features; ++j) table->names.push_back("f" + std::to_string(j));
        table->values.resize(n, features);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < features; ++j) table->values(i, j) = normal(random) + 2.0 * in.labels[i];
    }
    return in;
}

// The Mann-Whitney AUC counted pair by pair: P(score of a positive > score of a negative) + half the ties.
double pairwiseAuc(const std::vector<double>& scores, const std::vector<int>& labels) {
    double wins = 0, pairs = 0;
    for (std::size_t i = 0; i < scores.size(); ++i)
        for (std::size_t j = 0; j < scores.size(); ++j)
            if (labels[i] == 1 && labels[j] == 0) {
                wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
                pairs += 1;
            }
    return wins / pairs;
}

double meanCvAuc(const drs::EndpointEvidence& evidence) {
    std::vector<double> aucs;
    for (const auto& model : evidence.models)
        for (const auto& cv : model.panel) aucs.push_back(cv.meanAuc);
    return mean(aucs);
}
}  // namespace

class TestNestedCv : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private slots:
    // Labels independent of 2 x 200 noise features (12 cohorts): every classifier's nested CV AUC,
    // for every model, averages 0.5. Selecting the features on all training patients first and
    // cross-validating only the classifier (the design this replaces) finds a signal in the same
    // noise, so the test can tell the two apart.
    void nullCohortCentresOnHalf() {
        std::vector<double> nested, selectedFirst;
        for (std::uint64_t seed = 1; seed <= 12; ++seed) {
            const drs::EndpointInputs in = syntheticEndpoint(seed, 130, 200);
            NoiseDeepCt deep;
            drs::SilentProgress progress;
            const auto outcome = drs::analyseEndpoint(in, quickOptions(dir), deep, progress);
            QVERIFY(outcome.analysed);
            for (const auto& model : outcome.evidence.models)
                for (const auto& cv : model.panel) nested.push_back(cv.meanAuc);

            drs::learn::Dataset train;
            for (std::size_t i = 0; i < in.patients.size(); ++i)
                if (!in.isTest[i]) {
                    train.ids.push_back(in.patients[i]);
                    train.labels.push_back(in.labels[i]);
                }
            train.features.resize(static_cast<Eigen::Index>(train.ids.size()), in.tumour.values.cols());
            for (Eigen::Index r = 0, i = 0; i < in.tumour.values.rows(); ++i)
                if (!in.isTest[static_cast<std::size_t>(i)]) train.features.row(r++) = in.tumour.values.row(i);
            const std::vector<int> ranked = drs::learn::byRelevance(train, drs::learn::mannWhitneyFilter(train, 0.05));
            QVERIFY(ranked.size() >= 3);
            Eigen::MatrixXd chosen(train.features.rows(), 3);
            for (int k = 0; k < 3; ++k) chosen.col(k) = train.features.col(ranked[static_cast<std::size_t>(k)]);
            drs::learn::PanelCvOptions panel;
            panel.classifiers = {"lr"};
            const auto folds = drs::learn::repeatedStratifiedFolds(train.labels, 5, 2, seed);
            selectedFirst.push_back(
                drs::learn::crossValidatePanel(chosen, train.labels, folds, panel).classifiers[0].meanAuc);
        }
        qInfo("null cohorts: nested CV AUC %.3f over %zu classifier x model x cohort; selection before CV %.3f",
              mean(nested), nested.size(), mean(selectedFirst));
        QVERIFY2(std::abs(mean(nested) - 0.5) < 0.04, qPrintable(QString::number(mean(nested))));
        QVERIFY2(mean(selectedFirst) > 0.65, qPrintable(QString::number(mean(selectedFirst))));
    }

    // With one repeat each training patient has exactly one out-of-fold prediction: the
    // operating point is Youden's J on those, and the random forest's apparent AUC (on its own
    // training patients) is not what chose or tuned anything.
    void thresholdComesFromOutOfFoldPredictions() {
        const drs::EndpointInputs in = syntheticEndpoint(7, 200, 60, 1.2);
        drs::EndpointOptions options = quickOptions(dir);
        options.cvRepeats = 1;
        options.classifiers = {"rf"};
        NoiseDeepCt deep;
        drs::SilentProgress progress;
        auto outcome = drs::analyseEndpoint(in, options, deep, progress);
        QVERIFY(outcome.analysed);
        auto& e = outcome.evidence;
        std::vector<int> testLabels;
        for (std::size_t i = 0; i < in.patients.size(); ++i)
            if (in.isTest[i]) testLabels.push_back(in.labels[i]);
        drs::evaluateEndpointOnTest(e, testLabels);
        for (const auto& model : e.models) {
            QCOMPARE(model.cvScores.size(), e.trainLabels.size());
            const double outOfFold = drs::stats::youdenMetrics(e.trainLabels, model.cvScores).threshold;
            QCOMPARE(model.testMetrics.threshold, outOfFold);
            QCOMPARE(outcome.models.model(model.model).threshold, outOfFold);
            // The forest is near perfect on its own training patients, not out of fold.
            QVERIFY2(model.trainAuc > 0.95, qPrintable(QString::number(model.trainAuc)));
            QVERIFY2(drs::stats::auc(e.trainLabels, model.cvScores) < model.trainAuc - 0.1,
                     qPrintable(QString::number(drs::stats::auc(e.trainLabels, model.cvScores))));
        }
        // The planted signal is found honestly: well above chance out of fold and on the test patients.
        const auto& radiomics = e.models.front();
        QVERIFY2(radiomics.panel.front().meanAuc > 0.7, qPrintable(QString::number(radiomics.panel.front().meanAuc)));
        QVERIFY2(radiomics.testAuc > 0.7, qPrintable(QString::number(radiomics.testAuc)));
    }

    // The evidence publishes each RadScore as a formula: sum of coefficient * (x - mean) / sd over
    // its features. Computed from the patients' raw features, it gives the RadScore the fused model
    // read for every test patient (the SHAP summary keeps those inputs).
    void radScoreFormulaReproducesTheScores() {
        const drs::EndpointInputs in = syntheticEndpoint(7, 200, 60, 1.2);
        drs::EndpointOptions options = oneRepeatOfLr(dir);
        NoiseDeepCt deep;
        drs::SilentProgress progress;
        const auto outcome = drs::analyseEndpoint(in, options, deep, progress);
        QVERIFY(outcome.analysed);
        drs::StudyEvidence study;
        study.endpoints = {outcome.evidence};
        const drs::EndpointEvidence evidence =
            drs::studyEvidenceFromJsonText(drs::studyEvidenceToJsonText(study), "round trip").endpoints.front();
        const auto& shap = evidence.shap;
        std::vector<int> testRows;
        for (int i = 0; i < int(in.patients.size()); ++i)
            if (in.isTest[std::size_t(i)]) testRows.push_back(i);
        QCOMPARE(shap.featureValues.size(), testRows.size());
        int checked = 0;
        for (const auto& [column, region, coefficients, scaling] :
             {std::tuple{"RadScore_tumour", &in.tumour, &evidence.radScoreTumour, &evidence.radScoreTumourScaling},
              std::tuple{"RadScore_ring", &in.ring, &evidence.radScoreRing, &evidence.radScoreRingScaling}}) {
            const auto at = std::find(shap.features.begin(), shap.features.end(), column);
            if (coefficients->empty()) continue;
            QVERIFY2(at != shap.features.end(), column);
            QCOMPARE(scaling->size(), coefficients->size());
            for (std::size_t k = 0; k < testRows.size(); ++k) {
                double score = 0;
                for (const auto& [feature, coefficient] : *coefficients) {
                    const auto j =
                        std::find(region->names.begin(), region->names.end(), feature) - region->names.begin();
                    const drs::FeatureScaling& z = scaling->at(feature);
                    score += coefficient * (region->values(testRows[k], j) - z.mean) / z.sd;
                }
                const double read = shap.featureValues[k][std::size_t(at - shap.features.begin())];
                QVERIFY2(std::abs(score - read) < 1e-9 * (1 + std::abs(read)),
                         qPrintable(QStringLiteral("%1 %2: %3 against %4").arg(column).arg(k).arg(score).arg(read)));
                ++checked;
            }
        }
        QVERIFY(checked >= int(testRows.size()));
    }

    // --radscore-alpha reaches both RadScores and the evidence says so (the solver's optimality is
    // test_learn_lasso's): the elastic net's coefficients differ from the LASSO's on the same rows.
    void elasticNetReachesTheRadScores() {
        const drs::EndpointInputs in = syntheticEndpoint(7, 200, 60, 1.2);
        drs::EndpointOptions options = oneRepeatOfLr(dir);
        NoiseDeepCt deep;
        drs::SilentProgress progress;
        const auto lasso = drs::analyseEndpoint(in, options, deep, progress);
        options.radScoreAlpha = 0.5;
        const auto elasticNet = drs::analyseEndpoint(in, options, deep, progress);
        QVERIFY(lasso.analysed && elasticNet.analysed);
        const auto says = [](const drs::EndpointOutcome& outcome) {
            return std::any_of(outcome.evidence.notes.begin(), outcome.evidence.notes.end(), [](const std::string& n) {
                return n == "RadScores by the elastic net (glmnet alpha = 0.5, --radscore-alpha) instead of the LASSO";
            });
        };
        QVERIFY(says(elasticNet) && !says(lasso));
        QVERIFY(!lasso.models.tumour.empty() && !elasticNet.models.tumour.empty());
        QVERIFY(lasso.evidence.radScoreTumour != elasticNet.evidence.radScoreTumour);
        QVERIFY(lasso.evidence.radScoreRing != elasticNet.evidence.radScoreRing);
    }

    // Every classifier's fold AUCs are kept with their repeats, through the evidence's JSON: each
    // repeat's mean, weighted by its folds, averages to the stored mean, and their sample SD is the
    // stored SD (closed form). With one repeat and one classifier each fold's AUC is the Mann-Whitney
    // statistic of the stored out-of-fold predictions of that fold's held-out patients, counted
    // here pair by pair.
    void foldAucsAreKeptWithTheirRepeats() {
        const drs::EndpointInputs in = syntheticEndpoint(5, 130, 40, 0.8);
        drs::EndpointOptions options = quickOptions(dir);
        options.cvRepeats = 3;
        options.classifiers = {"lr", "nb"};
        NoiseDeepCt deep;
        drs::SilentProgress progress;
        const auto outcome = drs::analyseEndpoint(in, options, deep, progress);
        QVERIFY(outcome.analysed);
        drs::StudyEvidence study;
        study.endpoints.push_back(outcome.evidence);
        const auto reread = drs::studyEvidenceFromJsonText(drs::studyEvidenceToJsonText(study), "evidence.json");
        const auto& models = reread.endpoints.front().models;
        QCOMPARE(models.size(), std::size_t(3));
        const std::vector<int> repeats{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        for (const auto& model : models)
            for (const auto& cv : model.panel) {
                QCOMPARE(cv.foldRepeats, repeats);
                QCOMPARE(cv.foldAucs.size(), repeats.size());
                const std::vector<double> byRepeat = drs::repeatMeanAucs(cv);
                QCOMPARE(byRepeat.size(), std::size_t(3));
                double weighted = 0, folds = 0, squares = 0;
                for (std::size_t r = 0; r < byRepeat.size(); ++r) {
                    double defined = 0;
                    for (std::size_t k = 0; k < cv.foldAucs.size(); ++k)
                        defined += cv.foldRepeats[k] == int(r) && !std::isnan(cv.foldAucs[k]);
                    weighted += defined * byRepeat[r];
                    folds += defined;
                }
                QCOMPARE(folds, 15.0);  // every held-out fold of this cohort has both classes
                QVERIFY2(std::abs(weighted / folds - cv.meanAuc) < 1e-12, (model.model + " " + cv.classifier).c_str());
                QVERIFY(std::abs(mean(byRepeat) - cv.meanAuc) < 1e-12);
                for (double auc : cv.foldAucs) squares += (auc - cv.meanAuc) * (auc - cv.meanAuc);
                QVERIFY(std::abs(std::sqrt(squares / (folds - 1)) - cv.sdAuc) < 1e-12);
                // The repeats differ: a distribution, not one value copied three times.
                QVERIFY(byRepeat[0] != byRepeat[1] || byRepeat[1] != byRepeat[2]);
            }

        options.cvRepeats = 1;
        options.classifiers = {"lr"};
        const auto single = drs::analyseEndpoint(in, options, deep, progress);
        QVERIFY(single.analysed);
        const auto& e = single.evidence;
        const std::vector<int>& foldOf = single.cvFoldsByRepeat.front();
        for (const auto& model : e.models) {
            const auto& cv = model.panel.front();
            QCOMPARE(cv.foldAucs.size(), std::size_t(5));
            QCOMPARE(drs::repeatMeanAucs(cv).size(), std::size_t(1));
            for (int fold = 0; fold < 5; ++fold) {
                std::vector<double> scores;
                std::vector<int> labels;
                for (std::size_t k = 0; k < foldOf.size(); ++k)
                    if (foldOf[k] == fold) {
                        scores.push_back(model.cvScores[k]);
                        labels.push_back(e.trainLabels[k]);
                    }
                const double expected = pairwiseAuc(scores, labels);
                QVERIFY2(std::abs(cv.foldAucs[std::size_t(fold)] - expected) < 1e-12,
                         qPrintable(QStringLiteral("%1 fold %2: %3 vs %4")
                                        .arg(QString::fromStdString(model.model))
                                        .arg(fold)
                                        .arg(cv.foldAucs[std::size_t(fold)])
                                        .arg(expected)));
            }
        }
    }

    // Leakage: the test patients' labels are read only by the one evaluation, after the fit.
    // Permuting them leaves every fitted artefact as it was: the ComBat estimates, the RadScores (filters, LASSO
    // coefficients, scaling),
    // what the network was trained on, the folds, every classifier's CV AUC, the chosen
    // classifiers and their fitted state, the thresholds, and every prediction.
    void permutedTestLabelsChangeNoFittedArtefact() {
        drs::EndpointInputs in = syntheticEndpoint(11, 130, 60, 0.8);
        // Three centres, harmonised with the labels as ComBat's covariate: a second step that reads labels.
        for (std::size_t i = 0; i < in.patients.size(); ++i) in.centres.push_back(std::string(1, char('A' + i % 3)));
        drs::EndpointInputs permuted = in;
        std::vector<int> testRows;
        for (std::size_t i = 0; i < in.patients.size(); ++i)
            if (in.isTest[i]) testRows.push_back(static_cast<int>(i));
        std::vector<int> testLabels;
        for (int r : testRows) testLabels.push_back(in.labels[static_cast<std::size_t>(r)]);
        std::mt19937_64 random(5);
        std::shuffle(testLabels.begin(), testLabels.end(), random);
        int changed = 0;
        for (std::size_t k = 0; k < testRows.size(); ++k) {
            changed += permuted.labels[static_cast<std::size_t>(testRows[k])] != testLabels[k];
            permuted.labels[static_cast<std::size_t>(testRows[k])] = testLabels[k];
        }
        QVERIFY(changed >= 10);

        drs::EndpointOptions options = quickOptions(dir);
        options.classifiers = {"lr", "rf", "knn", "svm"};
        options.combatByCentre = true;
        options.combatLabelCovariate = true;
        NoiseDeepCt deep, deepPermuted;
        drs::SilentProgress progress;
        auto a = drs::analyseEndpoint(in, options, deep, progress);
        auto b = drs::analyseEndpoint(permuted, options, deepPermuted, progress);
        QVERIFY(a.analysed && b.analysed);
        QVERIFY(a.evidence.testPending && a.evidence.testLabels.empty());
        QVERIFY(std::any_of(a.evidence.notes.begin(), a.evidence.notes.end(), [](const std::string& note) {
            return note.find("; the centre effects were estimated net of the label (--combat-label-covariate)") !=
                   std::string::npos;
        }));
        QVERIFY(!deep.labelsBeyondTraining);
        QVERIFY(deep.trainedOn == deepPermuted.trainedOn);
        QCOMPARE(QJsonDocument(a.models.toJson()).toJson(), QJsonDocument(b.models.toJson()).toJson());
        QVERIFY(a.cvFoldsByRepeat == b.cvFoldsByRepeat);
        QVERIFY(a.deepFeatures == b.deepFeatures);
        QVERIFY(a.evidence.radScoreTumour == b.evidence.radScoreTumour);
        QVERIFY(a.evidence.radScoreRing == b.evidence.radScoreRing);
        QCOMPARE(a.evidence.models.size(), b.evidence.models.size());
        bool testAucMoved = false;
        for (std::size_t m = 0; m < a.evidence.models.size(); ++m) {
            const auto &x = a.evidence.models[m], &y = b.evidence.models[m];
            QCOMPARE(x.chosenClassifier, y.chosenClassifier);
            for (std::size_t c = 0; c < x.panel.size(); ++c) QCOMPARE(x.panel[c].meanAuc, y.panel[c].meanAuc);
            QVERIFY(x.cvScores == y.cvScores);
            QVERIFY(x.trainScores == y.trainScores);
            QVERIFY(x.testScores == y.testScores);
            QCOMPARE(x.testMetrics.threshold, y.testMetrics.threshold);
        }
        std::vector<int> originalLabels;
        for (int r : testRows) originalLabels.push_back(in.labels[static_cast<std::size_t>(r)]);
        drs::evaluateEndpointOnTest(a.evidence, originalLabels);
        drs::evaluateEndpointOnTest(b.evidence, testLabels);
        QVERIFY_THROWS_EXCEPTION(drs::Error, drs::evaluateEndpointOnTest(a.evidence, originalLabels));
        for (std::size_t m = 0; m < a.evidence.models.size(); ++m)
            testAucMoved = testAucMoved || a.evidence.models[m].testAuc != b.evidence.models[m].testAuc;
        QVERIFY2(testAucMoved, "the permutation changed no test AUC: it tested nothing");
    }

    // ComBat by centre, the chain's first step, is fitted on the training patients only: the
    // bundle's estimates reproduce R sva's ComBat of exactly those 90 patients (the fixture), though
    // 30 test patients 40 units away were in the tables too.
    void combatEstimatesAreSvaOnTheTrainingPatients() {
        const SvaEndpoint sva = svaEndpoint();
        drs::EndpointOptions options = quickOptions(dir);
        options.classifiers = {"lr"};
        options.combatByCentre = true;
        NoiseDeepCt deep;
        drs::SilentProgress progress;
        const auto outcome = drs::analyseEndpoint(sva.in, options, deep, progress);
        QVERIFY(outcome.analysed);
        for (const auto* step : {&outcome.models.tumourCombat, &outcome.models.ringCombat}) {
            QCOMPARE(step->centres(), (std::vector<std::string>{"A", "B", "C"}));
            QCOMPARE(step->harmonisedFeatures(), sva.in.tumour.names);
            const Eigen::MatrixXd mine = step->apply(sva.trainingIn, sva.trainingCentres, sva.in.tumour.names);
            const double error =
                ((mine - sva.trainingOut).array().abs() / sva.trainingOut.array().abs().max(1.0)).maxCoeff();
            QVERIFY2(error < 1e-9, qPrintable(QString::number(error)));
        }
        // Recorded where the reader of the evidence sees it, with the median share of variance the
        // centre explains on the training patients before and after: 0.119672 and 0.004023, the
        // one-way ANOVA R² of the fixture's in_ and sva's out_ columns computed with numpy
        // (/usr/bin/python3, np.median over the 6 features); kept in the bundle.
        int noted = 0;
        for (const auto& note : outcome.evidence.notes)
            noted += note.rfind("ComBat by centre (", 0) == 0 &&
                     note.find("6 of 6 features harmonised over A, B, C") != std::string::npos &&
                     note.find("(R², training patients): 0.120 before, 0.004 after") != std::string::npos;
        QCOMPARE(noted, 2);
        // The label's prevalence by centre and Fisher's exact p, counted from the fixture's first 90
        // rows and cohort.csv's labels, p summed over every 3 x 2 table with those margins no more
        // likely than the observed one (/usr/bin/python3, math.comb): 0.0724, no caution.
        const std::string prevalence =
            "ComBat by centre: positives of the training patients by centre A 13/30, "
            "B 14/30, C 6/30 (Fisher's exact test of label against centre, p = 0.072)";
        QCOMPARE(std::count(outcome.evidence.notes.begin(), outcome.evidence.notes.end(), prevalence), 1);
        const QJsonObject bundle = outcome.models.toJson();
        QVERIFY(bundle.contains("combat_tumour") && bundle.contains("combat_ring"));
        const auto reread = drs::EndpointModels::fromJson(bundle, (dir.path() + "/bundle.json").toStdString());
        QCOMPARE(QJsonDocument(reread.toJson()).toJson(), QJsonDocument(bundle).toJson());
    }

    // ComBat runs inside every outer fold, not only in the final chain: when the label is the
    // centre and the features carry only the centre's location effect, harmonising removes all
    // there is to learn, so the nested CV AUC falls from near 1 to chance (0.5, the closed-form
    // truth for features independent of the label). A chain that harmonised only its final fit
    // would still report the unharmonised CV AUC.
    void combatRunsInsideEveryOuterFold() {
        std::vector<double> plain, harmonised;
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const drs::EndpointInputs in = centreIsTheLabel(seed);
            drs::EndpointOptions options = quickOptions(dir);
            options.classifiers = {"lr", "lda"};
            NoiseDeepCt deep;
            drs::SilentProgress progress;
            const auto without = drs::analyseEndpoint(in, options, deep, progress);
            options.combatByCentre = true;
            const auto with = drs::analyseEndpoint(in, options, deep, progress);
            QVERIFY(without.analysed && with.analysed);
            QVERIFY(!without.models.tumourCombat.active() && with.models.tumourCombat.active());
            // ... and the evidence says that the harmonisation took the label's signal with the centre's.
            QVERIFY(std::any_of(with.evidence.notes.begin(), with.evidence.notes.end(), [](const std::string& note) {
                return note.find(
                           "(Fisher's exact test of label against centre, p < 0.001): the prevalence differs "
                           "by centre") != std::string::npos;
            }));
            plain.push_back(drs::modelOf(without.evidence, drs::ModelKind::RadiomicsScore).panel.front().meanAuc);
            harmonised.push_back(meanCvAuc(with.evidence));
        }
        qInfo("centre = label: Radiomics-Score nested CV AUC %.3f without ComBat; every model with ComBat %.3f",
              mean(plain), mean(harmonised));
        QVERIFY2(mean(plain) > 0.95, qPrintable(QString::number(mean(plain))));
        QVERIFY2(std::abs(mean(harmonised) - 0.5) < 0.08, qPrintable(QString::number(mean(harmonised))));
    }
};

QTEST_GUILESS_MAIN(TestNestedCv)
#include "test_nested_cv.moc"
