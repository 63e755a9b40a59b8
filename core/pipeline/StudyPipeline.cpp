#include "core/pipeline/StudyPipeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>

#include "core/image/ImageIO.h"
#include "core/pipeline/CohortEvidence.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/ExternalValidation.h"
#include "core/pipeline/ModelEvaluation.h"
#include "core/pipeline/PatientExtraction.h"
#include "core/pipeline/StudySplit.h"
#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/project/Results.h"
#include "core/project/Rois.h"
#include "core/project/Runs.h"
#include "core/project/TestEvaluations.h"
#include "core/radiomics/Extractor.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

constexpr const char* kRunKind = "pipeline";
constexpr const char* kTestEvaluationStep = "test-evaluation";

DeepPatch loadPatch(const std::string& path, const std::string& patientId) {
    const Volume patch = readVolume(path);
    if (patch.sizeXyz() != std::array<std::int64_t, 3>{kDeepPatchSizePx, kDeepPatchSizePx, 1})
        throw Error(path + ": the deep patch is not " + std::to_string(kDeepPatchSizePx) + "x" +
                    std::to_string(kDeepPatchSizePx));
    return {patientId, patch.voxels, -1};
}

std::string compact(const QJsonObject& json) {
    return QJsonDocument(json).toJson(QJsonDocument::Compact).toStdString();
}

}  // namespace

std::int64_t resumableRun(project::ProjectDb& db, const std::string& parametersJson) {
    auto query = db.prepare(
        "SELECT id FROM runs WHERE kind = ? AND status <> 'finished' AND parameters_json = ?"
        " AND id NOT IN (SELECT run_id FROM stale_runs) ORDER BY id DESC LIMIT 1");
    query.addBindValue(QString::fromLatin1(kRunKind));
    query.addBindValue(QString::fromStdString(parametersJson));
    db.run(query, "look for an unfinished run");
    return query.next() ? query.value(0).toLongLong() : 0;
}

std::int64_t startRun(project::ProjectDb& db, const std::string& parametersJson, std::uint64_t seed) {
    const std::string versions = compact(QJsonObject{{"deepradscore", DRS_VERSION}, {"qt", qVersion()}});
    return project::RunRepository(db).start(kRunKind, parametersJson, static_cast<std::int64_t>(seed), versions);
}

std::string runModelFolder(std::int64_t runId) { return "runs/" + std::to_string(runId); }

StudyOptions StudyOptions::standard() {
    StudyOptions options;
    // DenseNet121's topology at a quarter of its widths: on 2 CPU cores the full width would take
    // most of an hour for ten endpoints. --backbone/--epochs and a GPU restore the paper's setting.
    options.endpoint.deep = DeepCtOptions::fast();
    return options;
}

StudyOptions StudyOptions::fast() {
    StudyOptions options = standard();
    options.wavelet = false;
    options.endpoint.cvRepeats = 2;
    options.endpoint.deep.epochs = 4;  // keeps the CI run of all ten endpoints under 5 min
    options.endpoint.shapBackgroundRows = 10;
    options.endpoint.gradCamPatients = 2;
    return options;
}

std::string StudyOptions::toJson() const {
    QJsonArray endpointList;
    for (const auto& e : endpoints) endpointList.append(QString::fromStdString(e));
    QJsonArray classifierList;
    for (const auto& c : endpoint.classifiers) classifierList.append(QString::fromStdString(c));
    const DeepCtOptions& d = endpoint.deep;
    QJsonObject parameters{
        {"seed", QString::number(seed)},
        {"test_fraction", testFraction},
        {"ring_mm", regions.ringThicknessMm},
        {"patch_px", regions.patchSizePx},
        {"radiomics", QJsonDocument::fromJson(QByteArray::fromStdString(radiomics.toJson())).object()},
        {"wavelet", wavelet},
        {"endpoints", endpointList},
        {"cv_folds", endpoint.cvFolds},
        {"cv_repeats", endpoint.cvRepeats},
        {"classifiers", classifierList},
        {"balanced_class_weights", endpoint.balancedClassWeights},
        {"univariate_max_p", endpoint.univariateMaxP},
        {"redundancy_max_abs_r", endpoint.redundancyMaxAbsR},
        {"radscore_lambda", QString::fromStdString(learn::lambdaChoiceName(endpoint.radScoreLambda))},
        {"minimum_class_count", endpoint.minimumClassCount},
        {"deep", QJsonObject{{"backbone", QString::fromStdString(d.backbone)},
                             {"epochs", d.epochs},
                             {"batch_size", d.batchSize},
                             {"batch_size_max", d.maxBatchSize},
                             {"mixed_precision_on_gpu", d.mixedPrecisionOnGpu},
                             {"learning_rate", d.learningRate},
                             {"learning_rate_schedule", QString::fromStdString(d.learningRateSchedule)},
                             {"augment", d.augment},
                             {"flip_left_right", d.flipLeftRight},
                             {"flip_anterior_posterior", d.flipAnteriorPosterior},
                             {"max_rotation_deg", d.maxRotationDeg},
                             {"intensity_jitter", d.intensityJitter},
                             {"weight_decay", d.weightDecay},
                             {"validation_fraction", d.validationFraction},
                             {"patience", d.earlyStoppingPatience},
                             {"width_divisor", d.widthDivisor},
                             {"input_px", d.inputSizePx},
                             {"cpu_threads", d.threads},
                             {"imagenet_weights", QString::fromStdString(d.imagenetWeightsPath)}}},
    };
    // Absent: the paper's native-pixel patch (runs made before the option keep their parameters).
    if (regions.patchSpacingMm) parameters["patch_spacing_mm"] = *regions.patchSpacingMm;
    // Absent: no harmonisation (runs made before the option keep their parameters).
    if (endpoint.combatByCentre) parameters["combat_by_centre"] = true;
    // Absent: automatic choice (runs made before the option keep their parameters). A forced
    // device is recorded: CUDA kernels do not give the CPU's floating-point numbers.
    if (d.device != "auto") parameters["device"] = QString::fromStdString(d.device);
    return compact(parameters);
}

std::int64_t StudyPipeline::run(const StudyOptions& options, Progress& progress, bool resume) {
    project::RunRepository runs(db_);
    const std::string parameters = options.toJson();
    std::int64_t runId = 0;
    if (resume) {
        runId = resumableRun(db_, parameters);
        if (runId != 0) runs.reopen(runId);
    }
    if (runId == 0) runId = startRun(db_, parameters, options.seed);
    try {
        extractFeatures(runId, options, progress);
        drawSplit(runId, options);
        std::vector<std::string> endpoints = options.endpoints;
        if (endpoints.empty()) endpoints = project::CohortRepository(db_).endpoints();
        for (std::size_t e = 0; e < endpoints.size(); ++e) {
            SubProgress endpointProgress(
                progress, 0.3 + 0.7 * static_cast<double>(e) / static_cast<double>(endpoints.size()),
                0.3 + 0.7 * static_cast<double>(e + 1) / static_cast<double>(endpoints.size()));
            analyse(runId, endpoints[e], options, endpointProgress);
        }
        evaluateTestCohort(runId, endpoints);
        runs.finish(runId, "finished");
    } catch (const Cancelled&) {
        runs.finish(runId, "cancelled", "cancelled by the user; run the pipeline again to resume");
        throw;
    } catch (const std::exception& e) {
        runs.finish(runId, "failed", e.what());
        throw;
    }
    progress.step(1.0, "pipeline finished");
    return runId;
}

void StudyPipeline::extractFeatures(std::int64_t runId, const StudyOptions& options, Progress& progress) {
    project::CohortRepository cohort(db_);
    project::FeatureRepository features(db_);
    project::RunRepository runs(db_);
    const auto cases = cohort.caseFiles();
    if (cases.empty()) throw Error(db_.path() + ": the project holds no patient with a study and an ROI");
    const auto tumourSet = features.ensureFeatureSet(featureSetKey("tumour", options), options.radiomics.toJson());
    const auto ringSet = features.ensureFeatureSet(featureSetKey("ring", options), options.radiomics.toJson());

    std::vector<project::CaseFiles> pending;
    for (const auto& c : cases)
        if (!runs.isStepDone(runId, stepOfPatient(c.patientId))) pending.push_back(c);

    const std::size_t threads = static_cast<std::size_t>(std::max(1, options.threads));
    for (std::size_t begin = 0; begin < pending.size(); begin += threads) {
        progress.step(
            0.3 * static_cast<double>(cases.size() - pending.size() + begin) / static_cast<double>(cases.size()),
            "regions and radiomics: patient " + std::to_string(cases.size() - pending.size() + begin + 1) + " of " +
                std::to_string(cases.size()));
        // Computation in parallel; the database is written from this thread only.
        std::vector<std::future<PatientFeatures>> futures;
        const std::size_t end = std::min(pending.size(), begin + threads);
        for (std::size_t i = begin; i < end; ++i)
            futures.push_back(
                std::async(std::launch::async, computePatient, std::cref(pending[i]), std::cref(options)));
        std::vector<PatientFeatures> results;
        for (auto& future : futures) results.push_back(future.get());

        for (std::size_t i = begin; i < end; ++i) {
            const auto& c = pending[i];
            const PatientFeatures& r = results[i - begin];
            const auto regions =
                writeRegionFiles(r.regions, c.pseudonym, db_.absoluteFilePath(regionFolderOf(c.pseudonym)));
            recordPatientStep(db_, runId, tumourSet, ringSet, c, regions, namedValues(r.tumour), namedValues(r.ring));
        }
    }
}

void StudyPipeline::drawSplit(std::int64_t runId, const StudyOptions& options) {
    project::RunRepository runs(db_);
    if (runs.isStepDone(runId, "split")) return;
    project::CohortRepository cohort(db_);
    const auto patients = cohort.patients();
    const auto endpoints = cohort.endpoints();
    std::map<std::int64_t, std::size_t> rowOf;
    for (std::size_t p = 0; p < patients.size(); ++p) rowOf[patients[p].id] = p;
    std::vector<std::vector<int>> labels(endpoints.size(), std::vector<int>(patients.size(), -1));
    for (std::size_t e = 0; e < endpoints.size(); ++e)
        for (const auto& label : cohort.labels(endpoints[e])) labels[e][rowOf.at(label.patientId)] = label.value;
    const StudySplit split = iterativeStratifiedSplit(labels, patients.size(), options.testFraction, options.seed);

    QJsonArray testPatients;
    project::Transaction transaction(db_);
    for (std::size_t e = 0; e < endpoints.size(); ++e) {
        std::vector<project::SplitRow> rows;
        for (std::size_t p = 0; p < patients.size(); ++p)
            if (labels[e][p] >= 0) rows.push_back({patients[p].id, static_cast<bool>(split.isTest[p])});
        runs.saveSplit(runId, endpoints[e], rows);
    }
    for (std::size_t p = 0; p < patients.size(); ++p)
        if (split.isTest[p]) testPatients.append(static_cast<qint64>(patients[p].id));
    runs.markStepDone(runId, "split", compact(QJsonObject{{"test_patients", testPatients}}));
    transaction.commit();
}

namespace {

// One endpoint's patients (those labelled and with an analysable study) in database order: their
// ids, and everything analyseEndpoint reads about them.
struct LoadedEndpoint {
    std::vector<std::int64_t> patientIds;
    EndpointInputs inputs;
};

LoadedEndpoint loadEndpointInputs(project::ProjectDb& db, std::int64_t runId, const std::string& endpoint,
                                  const StudyOptions& options) {
    project::CohortRepository cohort(db);
    project::FeatureRepository features(db);
    const auto tumourMatrix =
        features.matrix(features.ensureFeatureSet(featureSetKey("tumour", options), options.radiomics.toJson()));
    const auto ringMatrix =
        features.matrix(features.ensureFeatureSet(featureSetKey("ring", options), options.radiomics.toJson()));
    std::map<std::int64_t, std::size_t> tumourRow, ringRow;
    for (std::size_t i = 0; i < tumourMatrix.patientIds.size(); ++i) tumourRow[tumourMatrix.patientIds[i]] = i;
    for (std::size_t i = 0; i < ringMatrix.patientIds.size(); ++i) ringRow[ringMatrix.patientIds[i]] = i;
    std::map<std::int64_t, std::string> pseudonymOf, centreOf;
    for (const auto& p : cohort.patients()) {
        pseudonymOf[p.id] = p.pseudonym;
        centreOf[p.id] = p.centre;
    }
    std::map<std::int64_t, bool> isTestOf;
    for (const auto& s : project::RunRepository(db).split(runId, endpoint)) isTestOf[s.patientId] = s.test;

    LoadedEndpoint loaded;
    EndpointInputs& inputs = loaded.inputs;
    inputs.endpoint = endpoint;
    inputs.tumour.names = tumourMatrix.names;
    inputs.ring.names = ringMatrix.names;
    for (const auto& label : cohort.labels(endpoint)) {
        if (!tumourRow.count(label.patientId) || !ringRow.count(label.patientId) || !isTestOf.count(label.patientId))
            continue;  // a labelled patient without an analysable study
        loaded.patientIds.push_back(label.patientId);
        inputs.patients.push_back(pseudonymOf.at(label.patientId));
        inputs.centres.push_back(centreOf.at(label.patientId));
        inputs.labels.push_back(label.value);
        inputs.isTest.push_back(isTestOf.at(label.patientId));
    }
    const auto n = static_cast<Eigen::Index>(loaded.patientIds.size());
    inputs.tumour.values.resize(n, static_cast<Eigen::Index>(tumourMatrix.names.size()));
    inputs.ring.values.resize(n, static_cast<Eigen::Index>(ringMatrix.names.size()));
    std::map<std::int64_t, std::string> patchOf;
    for (const auto& c : cohort.caseFiles())
        for (const auto& region : cohort.regions(c.roiId))
            if (region.kind == "patch") patchOf[c.patientId] = db.absoluteFilePath(region.path);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto id = loaded.patientIds[static_cast<std::size_t>(i)];
        for (std::size_t j = 0; j < tumourMatrix.names.size(); ++j)
            inputs.tumour.values(i, static_cast<Eigen::Index>(j)) = tumourMatrix.at(tumourRow[id], j);
        for (std::size_t j = 0; j < ringMatrix.names.size(); ++j)
            inputs.ring.values(i, static_cast<Eigen::Index>(j)) = ringMatrix.at(ringRow[id], j);
        inputs.patches.push_back(loadPatch(patchOf.at(id), inputs.patients[static_cast<std::size_t>(i)]));
    }
    return loaded;
}

void saveCvFolds(project::RunRepository& runs, std::int64_t runId, const LoadedEndpoint& loaded,
                 const EndpointOutcome& outcome) {
    std::vector<std::int64_t> trainIds;
    for (std::size_t i = 0; i < loaded.patientIds.size(); ++i)
        if (!loaded.inputs.isTest[i]) trainIds.push_back(loaded.patientIds[i]);
    std::vector<project::FoldRow> folds;
    for (std::size_t r = 0; r < outcome.cvFoldsByRepeat.size(); ++r)
        for (std::size_t k = 0; k < trainIds.size(); ++k)
            folds.push_back({static_cast<int>(r), trainIds[k], outcome.cvFoldsByRepeat[r][k]});
    runs.saveFolds(runId, loaded.inputs.endpoint, folds);
}

// The model bundle (JSON) beside the database, moved into place only once completely written.
void writeModelBundle(const std::string& path, const EndpointModels& models) {
    const std::string partial = path + ".partial";
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << QJsonDocument(models.toJson()).toJson(QJsonDocument::Indented).toStdString();
    out.close();
    std::error_code renamed;
    if (out.fail()) {
        fs::remove(partial, renamed);
        throw Error(path + ": write failed (disk full?)");
    }
    fs::rename(partial, path, renamed);
    if (renamed) throw Error(path + ": cannot move the finished file into place: " + renamed.message());
}

// One model's row, its predictions and its metrics; returns the model's id.
std::int64_t saveModelResults(project::ResultRepository& results, std::int64_t runId, const LoadedEndpoint& loaded,
                              const ModelEvidence& model, const std::string& bundleFile) {
    project::ModelRow row;
    row.runId = runId;
    row.endpoint = loaded.inputs.endpoint;
    row.model = model.model;
    row.classifier = model.chosenClassifier;
    row.filePath = bundleFile;
    row.threshold = model.testMetrics.threshold;
    ClassifierCv chosen;
    for (const auto& c : model.panel)
        if (c.classifier == model.chosenClassifier) chosen = c;
    row.detailsJson = compact(QJsonObject{{"nested_cv_mean_auc", chosen.meanAuc}, {"nested_cv_sd_auc", chosen.sdAuc}});
    const auto modelId = results.saveModel(row);
    std::vector<project::PredictionRow> train, test;
    std::size_t trainIndex = 0, testIndex = 0;
    for (std::size_t i = 0; i < loaded.patientIds.size(); ++i) {
        if (loaded.inputs.isTest[i])
            test.push_back({loaded.patientIds[i], model.testScores[testIndex++]});
        else
            train.push_back({loaded.patientIds[i], model.trainScores[trainIndex++]});
    }
    results.savePredictions(modelId, "train", train);
    results.savePredictions(modelId, "test", test);
    results.saveMetrics(modelId, "apparent", {{"auc", model.trainAuc}});
    results.saveMetrics(modelId, "nested_cv", {{"auc", chosen.meanAuc}, {"auc_sd", chosen.sdAuc}});
    return modelId;
}

// A model's metrics on the test cohort, once it is evaluated.
void saveTestMetrics(project::ResultRepository& results, std::int64_t modelId, const ModelEvidence& model) {
    results.saveMetrics(modelId, "test", storedTestMetrics(model));
}

void saveShap(project::ResultRepository& results, std::int64_t modelId, const LoadedEndpoint& loaded,
              const ShapSummary& shap) {
    std::vector<project::ShapRow> shapRows;
    std::size_t testIndex = 0;
    for (std::size_t i = 0; i < loaded.patientIds.size(); ++i) {
        if (!loaded.inputs.isTest[i]) continue;
        for (std::size_t f = 0; f < shap.features.size() && testIndex < shap.values.size(); ++f)
            shapRows.push_back(
                {loaded.patientIds[i], shap.features[f], shap.values[testIndex][f], shap.featureValues[testIndex][f]});
        ++testIndex;
    }
    results.saveShap(modelId, shapRows);
}

void saveCorrelations(project::ResultRepository& results, std::int64_t runId, const std::string& endpoint,
                      const CorrelationSummary& c) {
    std::vector<project::CorrelationRow> correlations;
    for (std::size_t r = 0; r < c.rows.size(); ++r)
        for (std::size_t k = 0; k < c.columns.size(); ++k)
            correlations.push_back({c.rows[r], c.columns[k], "pearson", c.r[r][k], c.p[r][k]});
    results.saveCorrelations(runId, endpoint, correlations);
}

// Everything an analysed endpoint produced, in the caller's transaction.
void storeOutcome(project::ProjectDb& db, std::int64_t runId, const LoadedEndpoint& loaded,
                  const EndpointOutcome& outcome) {
    project::RunRepository runs(db);
    project::ResultRepository results(db);
    saveCvFolds(runs, runId, loaded, outcome);
    const std::string bundleFile = runModelFolder(runId) + "/" + loaded.inputs.endpoint + "-models.json";
    writeModelBundle(db.absoluteFilePath(bundleFile), outcome.models);
    std::map<std::string, std::int64_t> modelIds;
    for (const ModelEvidence& model : outcome.evidence.models)
        modelIds[model.model] = saveModelResults(results, runId, loaded, model, bundleFile);
    saveShap(results, modelIds.at(displayName(ModelKind::DeepRadScore)), loaded, outcome.evidence.shap);
    saveCorrelations(results, runId, loaded.inputs.endpoint, outcome.evidence.correlation);
}

}  // namespace

void StudyPipeline::analyse(std::int64_t runId, const std::string& endpoint, const StudyOptions& options,
                            Progress& progress) {
    project::RunRepository runs(db_);
    const std::string step = "endpoint:" + endpoint;
    if (runs.isStepDone(runId, step)) return;
    progress.step(0.0, endpoint + ": preparing");
    const LoadedEndpoint loaded = loadEndpointInputs(db_, runId, endpoint, options);

    EndpointOptions endpointOptions = options.endpoint;
    endpointOptions.seed = options.seed;
    endpointOptions.threads = options.threads;
    endpointOptions.deep.seed = options.seed;
    endpointOptions.modelFolder = db_.absoluteFilePath(runModelFolder(runId));
    const EndpointOutcome outcome = analyseEndpoint(loaded.inputs, endpointOptions, deep_, progress);

    // Everything the endpoint produced lands in one transaction with its "done" mark.
    StudyEvidence single;
    single.endpoints.push_back(outcome.evidence);
    project::Transaction transaction(db_);
    if (outcome.analysed) storeOutcome(db_, runId, loaded, outcome);
    runs.markStepDone(runId, step, studyEvidenceToJsonText(single));
    transaction.commit();
}

void StudyPipeline::evaluateTestCohort(std::int64_t runId, const std::vector<std::string>& endpoints) {
    project::RunRepository runs(db_);
    if (runs.isStepDone(runId, kTestEvaluationStep)) return;
    project::CohortRepository cohort(db_);
    project::ResultRepository results(db_);
    project::TestEvaluationRepository evaluations(db_);
    std::map<std::string, std::int64_t> idOfPseudonym;
    for (const auto& p : cohort.patients()) idOfPseudonym[p.pseudonym] = p.id;

    StudyEvidence evaluated;
    project::Transaction transaction(db_);
    for (const auto& endpoint : endpoints) {
        const auto checkpoint = runs.checkpoint(runId, "endpoint:" + endpoint);
        if (!checkpoint) throw Error(db_.path() + ": run " + std::to_string(runId) + " has not fitted " + endpoint);
        StudyEvidence single = studyEvidenceFromJsonText(*checkpoint, db_.path() + " run " + std::to_string(runId));
        for (EndpointEvidence& e : single.endpoints) {
            if (e.testPending) {
                // The test labels are read here, for the first time in the run.
                std::map<std::int64_t, int> labelOf;
                for (const auto& label : cohort.labels(endpoint)) labelOf[label.patientId] = label.value;
                std::vector<int> testLabels;
                for (const auto& pseudonym : e.testPatients)
                    testLabels.push_back(labelOf.at(idOfPseudonym.at(pseudonym)));
                evaluateEndpointOnTest(e, testLabels);
                std::map<std::string, std::int64_t> modelIds;
                std::string bundleFile;
                for (const auto& row : results.models(runId, endpoint)) {
                    modelIds[row.model] = row.id;
                    bundleFile = row.filePath;
                }
                for (const ModelEvidence& model : e.models) saveTestMetrics(results, modelIds.at(model.model), model);
                for (const auto& c : e.comparisons)
                    results.saveComparison(
                        {modelIds.at(c.modelA), modelIds.at(c.modelB), "test", "delong_paired", c.z, c.p});
                evaluations.record(runId, endpoint, static_cast<int>(testLabels.size()),
                                   sha256File(db_.absoluteFilePath(bundleFile)));
            }
            evaluated.endpoints.push_back(std::move(e));
        }
    }
    runs.markStepDone(runId, kTestEvaluationStep, studyEvidenceToJsonText(evaluated));
    transaction.commit();
}

std::int64_t newestFinishedRun(project::ProjectDb& db) {
    auto query = db.prepare("SELECT id FROM runs WHERE kind = ? AND status = 'finished' ORDER BY id DESC LIMIT 1");
    query.addBindValue(QString::fromLatin1(kRunKind));
    db.run(query, "find the newest finished run");
    if (!query.next()) throw Error(db.path() + ": no finished pipeline run; train first (drs train)");
    return query.value(0).toLongLong();
}

std::vector<project::RunRow> pipelineRuns(project::ProjectDb& db) { return project::RunRepository(db).runs(kRunKind); }

StudyEvidence runEvidence(project::ProjectDb& db, std::int64_t runId) {
    project::RunRepository runs(db);
    project::CohortRepository cohort(db);
    const auto run = runs.run(runId);
    if (!run) throw Error(db.path() + ": no run " + std::to_string(runId));
    StudyEvidence study;
    const std::string source = db.path() + " run " + std::to_string(runId);
    // Once the test cohort is evaluated its step holds every endpoint's final evidence; before,
    // the fitted endpoints are shown without any test number.
    if (const auto evaluated = runs.checkpoint(runId, kTestEvaluationStep)) {
        study.endpoints = studyEvidenceFromJsonText(*evaluated, source).endpoints;
    } else {
        for (const auto& endpoint : cohort.endpoints()) {
            const auto checkpoint = runs.checkpoint(runId, "endpoint:" + endpoint);
            if (!checkpoint) continue;
            const StudyEvidence single = studyEvidenceFromJsonText(*checkpoint, source);
            study.endpoints.insert(study.endpoints.end(), single.endpoints.begin(), single.endpoints.end());
        }
    }

    addPatientCharacteristics(db, runId, study);
    study.externalValidations = externalValidations(db, runId);

    study.provenance["run"] = std::to_string(runId);
    study.provenance["status"] = run->status;
    study.provenance["started"] = run->startedAt;
    study.provenance["finished"] = run->finishedAt;
    study.provenance["seed"] = std::to_string(run->seed);
    study.provenance["parameters"] = run->parametersJson;
    study.provenance["versions"] = run->versionsJson;
    study.provenance["project"] = db.path();
    return study;
}

}  // namespace drs
