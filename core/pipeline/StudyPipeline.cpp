#include "core/pipeline/StudyPipeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <itkConfigure.h>
#include <Eigen/Core>

#include "core/image/ImageIO.h"
#include "core/pipeline/CohortEvidence.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/ExternalValidation.h"
#include "core/pipeline/ModelEvaluation.h"
#include "core/pipeline/PatientExtraction.h"
#include "core/pipeline/SharedDeepCt.h"
#include "core/pipeline/StudySplit.h"
#include "core/project/Cohort.h"
#include "core/project/Features.h"
#include "core/project/Results.h"
#include "core/project/Rois.h"
#include "core/project/Runs.h"
#include "core/project/TestEvaluations.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/Resampling.h"
#include "core/roi/Contours.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/Parallel.h"
#include "core/util/SourceRevision.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

constexpr const char* kRunKind = "pipeline";
constexpr const char* kTestEvaluationStep = "test-evaluation";

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

// What computed the run's numbers, for whoever reproduces them: the libraries, the compiler and
// the system.
std::string runVersions() {
    return compact(QJsonObject{
        {"deepradscore", DRS_VERSION},
        {"source", sourceRevision()},
        {"qt", qVersion()},
        {"eigen",
         QStringLiteral("%1.%2.%3").arg(EIGEN_WORLD_VERSION).arg(EIGEN_MAJOR_VERSION).arg(EIGEN_MINOR_VERSION)},
        {"itk", ITK_VERSION_STRING},
        {"compiler", __VERSION__},
        {"os", QSysInfo::prettyProductName()}});
}

std::int64_t startRun(project::ProjectDb& db, const std::string& parametersJson, std::uint64_t seed) {
    const std::string versions = runVersions();
    return project::RunRepository(db).start(kRunKind, parametersJson, static_cast<std::int64_t>(seed), versions);
}

std::string runModelFolder(std::int64_t runId) { return "runs/" + std::to_string(runId); }

StudyOptions StudyOptions::standard() {
    StudyOptions options;
    // DenseNet121's topology at a quarter of its widths: on 2 CPU cores the full width would take
    // most of an hour for ten endpoints. --backbone/--epochs and a GPU restore the paper's setting.
    options.endpoint.deep = DeepCtOptions::fast();
    options.endpoint.deepPerOuterFold = true;
    // Choosing among seven classifiers on 5 folds of 1-2 rare positives each flattered the fused
    // model's CV AUC; 25 folds cost 20 more networks (BENCHMARKS.md, "Deep-CT CV repeats").
    options.endpoint.deepCvRepeats = 5;
    // Scanners differ in noise and kernel far more than the texture a label depends on; harmonising
    // by centre raised the demo's fused test AUC at each of three seeds (BENCHMARKS.md, "ComBat by
    // centre"). A project of one centre is left as it is, and the evidence says so.
    options.endpoint.combatByCentre = true;
    return options;
}

StudyOptions StudyOptions::fast() {
    StudyOptions options = standard();
    options.wavelet = false;
    options.endpoint.cvRepeats = 2;
    options.endpoint.deepCvRepeats = 1;  // two took 1.5x as long (BENCHMARKS.md, "Deep-CT CV repeats")
    options.endpoint.deep.epochs = 4;    // keeps the CI run of all ten endpoints under 5 min
    options.endpoint.shapBackgroundRows = 10;
    options.endpoint.gradCamPatients = 2;
    return options;
}

void StudyOptions::usePaperNetwork() {
    const int threads = endpoint.deep.threads;
    endpoint.deep = DeepCtOptions::paper();
    endpoint.deep.threads = threads;
    endpoint.deepPerOuterFold = false;
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
        {"deep_per_outer_fold", endpoint.deepPerOuterFold},
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
    if (regions.patchTumourExtents) parameters["patch_tumour_extents"] = *regions.patchTumourExtents;
    // Absent: no harmonisation (runs made before the option keep their parameters).
    if (endpoint.combatByCentre) parameters["combat_by_centre"] = true;
    if (endpoint.combatByCentre && endpoint.combatLabelCovariate) parameters["combat_label_covariate"] = true;
    // Absent: the LASSO (runs made before the option keep their parameters).
    if (endpoint.radScoreAlpha != 1.0) parameters["radscore_alpha"] = endpoint.radScoreAlpha;
    // Absent: the deep models in the first CV repeat only (runs made before the option keep their parameters).
    if (endpoint.deepPerOuterFold && endpoint.deepCvRepeats != 1)
        parameters["deep_cv_repeats"] = endpoint.deepCvRepeats;
    // Absent: automatic choice (runs made before the option keep their parameters). A forced
    // device is recorded: CUDA kernels do not give the CPU's floating-point numbers.
    if (d.device != "auto") parameters["device"] = QString::fromStdString(d.device);
    QJsonObject deep = parameters["deep"].toObject();
    // Absent: the lung window alone (runs made before the option keep their parameters).
    if (d.inputChannels != DeepCtOptions{}.inputChannels)
        deep["input_channels"] = QString::fromStdString(inputChannelsText(d.inputChannels));
    // Absent: the ReLU head, which runs made before the option trained with.
    if (d.headActivation != "relu") deep["head_activation"] = QString::fromStdString(d.headActivation);
    parameters["deep"] = deep;
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
    runs.recordVersion(runId, "deep_ct", deep_.backend(options.endpoint.deep));
    try {
        shared_.reset();
        extractFeatures(runId, options, progress);
        drawSplit(runId, options);
        std::vector<std::string> endpoints = options.endpoints;
        if (endpoints.empty()) endpoints = project::CohortRepository(db_).endpoints();
        double endpointsStart = 0.3;
        if (options.endpoint.deepPerOuterFold) {
            SubProgress networksProgress(progress, 0.3, 0.65);
            trainSharedNetworks(runId, endpoints, options, networksProgress);
            endpointsStart = 0.65;
        }
        const double share = (1 - endpointsStart) / static_cast<double>(endpoints.size());
        for (std::size_t e = 0; e < endpoints.size(); ++e) {
            SubProgress endpointProgress(progress, endpointsStart + share * static_cast<double>(e),
                                         endpointsStart + share * static_cast<double>(e + 1));
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

    const int threads = std::max(1, options.threads);
    for (std::size_t begin = 0; begin < pending.size(); begin += static_cast<std::size_t>(threads)) {
        progress.step(
            0.3 * static_cast<double>(cases.size() - pending.size() + begin) / static_cast<double>(cases.size()),
            "regions and radiomics: patient " + std::to_string(cases.size() - pending.size() + begin + 1) + " of " +
                std::to_string(cases.size()));
        // Computation in parallel; the database is written from this thread only.
        const std::size_t end = std::min(pending.size(), begin + static_cast<std::size_t>(threads));
        std::vector<PatientFeatures> results(end - begin);
        parallelFor(static_cast<int>(end - begin), threads, &progress,
                    [&](int k) { results[static_cast<std::size_t>(k)] = computePatient(pending[begin + k], options); });

        for (std::size_t i = begin; i < end; ++i) {
            const auto& c = pending[i];
            const PatientFeatures& r = results[i - begin];
            const auto regions = writeRegionFiles(r.regions, options.regions, c.pseudonym,
                                                  db_.absoluteFilePath(regionFolderOf(c.pseudonym)));
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

// Every patient's tumour and deep patch files, by patient id: the patch the run's settings cut
// (the region rows hold the one cut last, perhaps by another run).
struct RegionFiles {
    std::map<std::int64_t, std::string> tumour, patch;
};

RegionFiles regionFiles(project::ProjectDb& db, const RegionSettings& settings) {
    project::CohortRepository cohort(db);
    RegionFiles files;
    for (const auto& c : cohort.caseFiles()) {
        for (const auto& region : cohort.regions(c.roiId))
            if (region.kind == "tumour") files.tumour[c.patientId] = db.absoluteFilePath(region.path);
        files.patch[c.patientId] = db.absoluteFilePath(patchFileOf(c.pseudonym, settings));
    }
    return files;
}

// The tumour (on the image grid) carried onto the patch's grid: the pixels the extraction cut
// out with it, native or resampled alike.
LabelMap tumourOnPatch(const std::string& tumourPath, const Volume& patch) {
    return radiomics::resampleLabel(readLabelMap(tumourPath), 1, patch.geometry,
                                    radiomics::Interpolator::NearestNeighbor);
}

// Its edge is the outline.
std::vector<std::size_t> tumourEdgeOnPatch(const std::string& tumourPath, const std::string& patchPath) {
    return sliceEdgePixels(tumourOnPatch(tumourPath, readVolume(patchPath)), 0);
}

// The patient's deep patch, with its tumour mask when the network sees the tumour.
DeepPatch loadPatch(const RegionFiles& files, std::int64_t patientId, const std::string& pseudonym,
                    const DeepCtOptions& deep) {
    const std::string& path = files.patch.at(patientId);
    const Volume patch = readVolume(path);
    if (patch.sizeXyz() != std::array<std::int64_t, 3>{kDeepPatchSizePx, kDeepPatchSizePx, 1})
        throw Error(path + ": the deep patch is not " + std::to_string(kDeepPatchSizePx) + "x" +
                    std::to_string(kDeepPatchSizePx));
    DeepPatch loaded{pseudonym, patch.voxels, -1, {}};
    if (seesTumour(deep.inputChannels)) {
        const auto tumour = files.tumour.find(patientId);
        if (tumour == files.tumour.end()) throw Error(path + ": the project holds no tumour region beside this patch");
        const LabelMap onPatch = tumourOnPatch(tumour->second, patch);
        loaded.tumour160x160.assign(onPatch.voxels.begin(), onPatch.voxels.end());
    }
    return loaded;
}

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
    RegionFiles files = regionFiles(db, options.regions);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto id = loaded.patientIds[static_cast<std::size_t>(i)];
        for (std::size_t j = 0; j < tumourMatrix.names.size(); ++j)
            inputs.tumour.values(i, static_cast<Eigen::Index>(j)) = tumourMatrix.at(tumourRow[id], j);
        for (std::size_t j = 0; j < ringMatrix.names.size(); ++j)
            inputs.ring.values(i, static_cast<Eigen::Index>(j)) = ringMatrix.at(ringRow[id], j);
        inputs.patches.push_back(
            loadPatch(files, id, inputs.patients[static_cast<std::size_t>(i)], options.endpoint.deep));
    }
    inputs.tumourEdgeOnPatch = [files = std::move(files), ids = loaded.patientIds](std::size_t row) {
        const auto tumour = files.tumour.find(ids.at(row));
        if (tumour == files.tumour.end()) throw Error("the project holds no tumour region for this patient");
        return tumourEdgeOnPatch(tumour->second, files.patch.at(ids.at(row)));
    };
    return loaded;
}

// The first repeat's networks keep the names they had before there could be more repeats.
std::string networkStep(SharedNetworkId id) {
    if (id.final()) return "deep-network:final";
    return "deep-network:" + (id.repeat == 0 ? std::string() : "repeat-" + std::to_string(id.repeat + 1) + "-") +
           "fold-" + std::to_string(id.fold + 1);
}

std::string networkFile(std::int64_t runId, SharedNetworkId id) {
    if (id.final()) return runModelFolder(runId) + "/deepct.pt";
    return runModelFolder(runId) + "/deepct-" +
           (id.repeat == 0 ? std::string() : "repeat" + std::to_string(id.repeat + 1) + "-") + "fold" +
           std::to_string(id.fold + 1) + ".pt";
}

// Patients whose study gave features of both regions: those an endpoint's analysis reads.
std::set<std::int64_t> analysablePatients(project::ProjectDb& db, const StudyOptions& options) {
    project::FeatureRepository features(db);
    std::set<std::int64_t> tumour, both;
    for (auto id :
         features.matrix(features.ensureFeatureSet(featureSetKey("tumour", options), options.radiomics.toJson()))
             .patientIds)
        tumour.insert(id);
    for (auto id :
         features.matrix(features.ensureFeatureSet(featureSetKey("ring", options), options.radiomics.toJson()))
             .patientIds)
        if (tumour.count(id)) both.insert(id);
    return both;
}

QJsonArray numbersToJson(const std::vector<double>& values) {
    QJsonArray array;
    for (double v : values) array.append(std::isnan(v) ? QJsonValue() : QJsonValue(v));  // NaN: no AUC
    return array;
}

double numberFromJson(const QJsonValue& value) { return value.isNull() ? std::nan("") : value.toDouble(); }

}  // namespace

// The run's shared Deep-CT networks: the plan, and each network's file, features and provenance.
struct StudyPipeline::SharedNetworks {
    struct Network {
        std::string modelPath;
        std::map<std::int64_t, DeepFeatures> features;  // every analysable patient, by id
        std::vector<double> validationAucByOutput;
        int epochs = 0;
        bool pretrained = false;
        std::string note;
    };
    DeepPlan plan;
    std::vector<std::int64_t> planIds;        // patient id of each plan patient
    std::vector<std::int64_t> allIds;         // every analysable patient, training and test
    std::vector<std::vector<Network>> folds;  // [repeat][fold]
    Network final;
};

namespace {

// What a network step keeps: its model file, its deep features of every analysable patient, its
// validation AUCs and how it was trained.
std::string networkCheckpoint(const DeepCtResult& result, const std::string& modelFile,
                              const std::vector<std::int64_t>& ids, const DeepPlan& plan, const std::string& note) {
    QJsonArray outputs, patients, features;
    for (const auto& o : plan.outputs) outputs.append(QString::fromStdString(o));
    for (auto id : ids) patients.append(static_cast<qint64>(id));
    for (const auto& f : result.featuresPerPatient) {
        QJsonArray row;
        for (float v : f) row.append(static_cast<double>(v));
        features.append(row);
    }
    return compact(QJsonObject{{"model", QString::fromStdString(modelFile)},
                               {"outputs", outputs},
                               {"patients", patients},
                               {"features", features},
                               {"validation_auc", numbersToJson({result.bestValidationAuc}).at(0)},
                               {"validation_auc_by_output", numbersToJson(result.validationAucByOutput)},
                               {"epochs", result.epochsRun},
                               {"pretrained", result.pretrainedWeightsUsed},
                               {"note", QString::fromStdString(note)}});
}

using FeaturesById = std::map<std::int64_t, DeepFeatures>;

// The endpoint's view of the shared networks (no output: not analysable, sharedDeep left empty).
// foldFeatures[repeat][fold] are the features by that fold's network.
SharedDeepFeatures sharedFeaturesOf(const DeepPlan& plan, const std::vector<std::int64_t>& planIds,
                                    const std::vector<std::vector<const FeaturesById*>>& foldFeatures,
                                    const FeaturesById& finalFeatures, const LoadedEndpoint& loaded) {
    SharedDeepFeatures shared;
    shared.output = plan.outputOf(loaded.inputs.endpoint);
    if (shared.output < 0) return shared;
    shared.outputs = static_cast<int>(plan.outputs.size());
    auto featuresOf = [&](const FeaturesById& network, std::int64_t id) {
        const auto found = network.find(id);
        if (found == network.end())
            throw Error("endpoint " + loaded.inputs.endpoint + ": the run's Deep-CT networks lack patient " +
                        std::to_string(id));
        return found->second;
    };
    for (std::size_t r = 0; r < foldFeatures.size(); ++r) {
        std::map<std::int64_t, int> foldOf;
        for (std::size_t p = 0; p < planIds.size(); ++p) foldOf[planIds[p]] = plan.foldOf[r][p];
        SharedDeepRepeat& repeat = shared.repeats.emplace_back();
        repeat.foldFeatures.resize(foldFeatures[r].size());
        for (std::size_t i = 0; i < loaded.patientIds.size(); ++i) {
            const auto id = loaded.patientIds[i];
            const auto fold = foldOf.find(id);
            repeat.outerFold.push_back(loaded.inputs.isTest[i] || fold == foldOf.end() ? -1 : fold->second);
            for (std::size_t k = 0; k < foldFeatures[r].size(); ++k)
                repeat.foldFeatures[k].push_back(featuresOf(*foldFeatures[r][k], id));
        }
    }
    for (auto id : loaded.patientIds) shared.finalFeatures.push_back(featuresOf(finalFeatures, id));
    return shared;
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

void StudyPipeline::trainSharedNetworks(std::int64_t runId, const std::vector<std::string>& endpoints,
                                        const StudyOptions& options, Progress& progress) {
    project::RunRepository runs(db_);
    project::CohortRepository cohort(db_);
    auto shared = std::make_shared<SharedNetworks>();

    // The plan: training patients with an analysable study, their labels of the run's endpoints.
    const std::set<std::int64_t> analysable = analysablePatients(db_, options);
    std::set<std::int64_t> training;
    for (const auto& endpoint : endpoints)
        for (const auto& s : runs.split(runId, endpoint))
            if (!s.test && analysable.count(s.patientId)) training.insert(s.patientId);
    std::map<std::int64_t, std::string> pseudonymOf;
    for (const auto& p : cohort.patients()) pseudonymOf[p.id] = p.pseudonym;
    const std::vector<std::int64_t> trainingIds(training.begin(), training.end());
    std::map<std::int64_t, std::size_t> rowOf;
    std::vector<std::string> pseudonyms;
    for (std::size_t p = 0; p < trainingIds.size(); ++p) {
        rowOf[trainingIds[p]] = p;
        pseudonyms.push_back(pseudonymOf.at(trainingIds[p]));
    }
    std::vector<std::vector<int>> labels(endpoints.size(), std::vector<int>(trainingIds.size(), -1));
    for (std::size_t e = 0; e < endpoints.size(); ++e)
        for (const auto& label : cohort.labels(endpoints[e]))
            if (rowOf.count(label.patientId)) labels[e][rowOf.at(label.patientId)] = label.value;
    shared->plan = planSharedNetworks(endpoints, pseudonyms, labels, options.endpoint.minimumClassCount,
                                      options.endpoint.cvFolds, options.endpoint.deepCvRepeats, options.seed);
    std::map<std::string, std::int64_t> idOf;
    for (auto id : trainingIds) idOf[pseudonymOf.at(id)] = id;
    for (const auto& p : shared->plan.patients) shared->planIds.push_back(idOf.at(p));
    shared->allIds.assign(analysable.begin(), analysable.end());

    // Patches are read only when a network is still to be trained.
    std::vector<DeepPatch> planPatches, all;
    auto readPatches = [&] {
        if (!all.empty()) return;
        const RegionFiles files = regionFiles(db_, options.regions);
        const DeepCtOptions& deep = options.endpoint.deep;
        for (auto id : shared->allIds) all.push_back(loadPatch(files, id, pseudonymOf.at(id), deep));
        for (auto id : shared->planIds) planPatches.push_back(loadPatch(files, id, pseudonymOf.at(id), deep));
    };
    // Every repeat's fold networks, then the final one.
    std::vector<SharedNetworkId> networkIds;
    for (int r = 0; r < shared->plan.repeats(); ++r)
        for (int f = 0; f < shared->plan.folds; ++f) networkIds.push_back({r, f});
    networkIds.push_back({});
    const int networks = static_cast<int>(networkIds.size());
    auto networkAt = [&](int n) { return networkIds[static_cast<std::size_t>(n)]; };
    std::vector<int> pending;
    for (int n = 0; n < networks; ++n)
        if (!runs.isStepDone(runId, networkStep(networkAt(n)))) pending.push_back(n);
    // The networks are independent; those that may run at once train side by side, and each is
    // recorded from this thread (the database's) as soon as its group is done.
    const int atOnce = std::max(1, deep_.trainingsAtOnce(options.endpoint.deep, options.threads));
    for (std::size_t begin = 0; begin < pending.size(); begin += static_cast<std::size_t>(atOnce)) {
        readPatches();
        const std::size_t end = std::min(pending.size(), begin + static_cast<std::size_t>(atOnce));
        std::vector<std::string> labels;
        for (std::size_t i = begin; i < end; ++i)
            labels.push_back(describeNetwork(networkAt(pending[i]), shared->plan));
        const double from = static_cast<double>(networks - pending.size() + begin) / networks;
        const double to = static_cast<double>(networks - pending.size() + end) / networks;
        std::string what = "Deep-CT " + labels.front();
        for (std::size_t i = 1; i < labels.size(); ++i) what += (i + 1 == labels.size() ? " and " : ", ") + labels[i];
        progress.step(from, what + " (" + std::to_string(shared->plan.outputs.size()) + " endpoints)");
        SideBySideProgress networkProgress(progress, from, to, labels);
        std::vector<DeepCtResult> results(end - begin);
        std::vector<std::string> notes(end - begin);
        std::vector<std::string> modelFiles;
        for (std::size_t i = begin; i < end; ++i) {
            modelFiles.push_back(networkFile(runId, networkAt(pending[i])));
            fs::create_directories(fs::u8path(db_.absoluteFilePath(modelFiles.back())).parent_path());
        }
        parallelFor(static_cast<int>(end - begin), atOnce, &progress, [&](int k) {
            const auto i = static_cast<std::size_t>(k);
            DeepCtOptions deepOptions = options.endpoint.deep;
            deepOptions.seed = options.seed;
            results[i] =
                trainSharedNetwork(shared->plan, networkAt(pending[begin + i]), planPatches, all, deepOptions,
                                   db_.absoluteFilePath(modelFiles[i]), deep_, networkProgress.part(k), &notes[i]);
        });
        for (std::size_t i = 0; i < results.size(); ++i) {
            project::Transaction transaction(db_);
            runs.markStepDone(runId, networkStep(networkAt(pending[begin + i])),
                              networkCheckpoint(results[i], modelFiles[i], shared->allIds, shared->plan, notes[i]));
            transaction.commit();
        }
    }
    shared->folds.resize(static_cast<std::size_t>(shared->plan.repeats()));
    for (int n = 0; n < networks; ++n) {
        const SharedNetworkId id = networkAt(n);
        const std::string step = networkStep(id);
        const auto checkpoint = runs.checkpoint(runId, step);
        if (!checkpoint) throw Error(db_.path() + ": run " + std::to_string(runId) + " has no checkpoint of " + step);
        const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(*checkpoint)).object();
        SharedNetworks::Network network;
        network.modelPath = db_.absoluteFilePath(json["model"].toString().toStdString());
        const QJsonArray patients = json["patients"].toArray(), features = json["features"].toArray();
        if (patients.size() != features.size())
            throw Error(db_.path() + ": run " + std::to_string(runId) + ": checkpoint of " + step + " is inconsistent");
        for (qsizetype i = 0; i < patients.size(); ++i) {
            DeepFeatures f{};
            const QJsonArray row = features[i].toArray();
            for (int k = 0; k < kDeepFeatureCount; ++k)
                f[static_cast<std::size_t>(k)] = static_cast<float>(row[k].toDouble());
            network.features[patients[i].toInteger()] = f;
        }
        for (const auto& v : json["validation_auc_by_output"].toArray())
            network.validationAucByOutput.push_back(numberFromJson(v));
        network.epochs = json["epochs"].toInt();
        network.pretrained = json["pretrained"].toBool();
        network.note = json["note"].toString().toStdString();
        if (id.final())
            shared->final = std::move(network);
        else
            shared->folds[static_cast<std::size_t>(id.repeat)].push_back(std::move(network));
    }
    shared_ = shared;
}

void StudyPipeline::analyse(std::int64_t runId, const std::string& endpoint, const StudyOptions& options,
                            Progress& progress) {
    project::RunRepository runs(db_);
    const std::string step = "endpoint:" + endpoint;
    if (runs.isStepDone(runId, step)) return;
    progress.step(0.0, endpoint + ": preparing");
    LoadedEndpoint loaded = loadEndpointInputs(db_, runId, endpoint, options);
    if (options.endpoint.deepPerOuterFold) {
        if (!shared_) throw Error("the run's shared Deep-CT networks are not trained");
        std::vector<std::vector<const FeaturesById*>> foldFeatures;
        for (const auto& repeat : shared_->folds) {
            foldFeatures.emplace_back();
            for (const auto& network : repeat) foldFeatures.back().push_back(&network.features);
        }
        SharedDeepFeatures& deep = loaded.inputs.sharedDeep;
        deep = sharedFeaturesOf(shared_->plan, shared_->planIds, foldFeatures, shared_->final.features, loaded);
        if (deep.output >= 0) {
            deep.finalModelPath = shared_->final.modelPath;
            deep.finalValidationAuc = shared_->final.validationAucByOutput.at(static_cast<std::size_t>(deep.output));
            deep.finalEpochs = shared_->final.epochs;
            deep.pretrained = shared_->final.pretrained;
            // One line per distinct reason rather than per network: with five repeats a rare
            // endpoint would otherwise fill its page with 25 near-identical notes.
            std::map<std::string, int> foldNotes;
            int foldNetworks = 0;
            for (const auto& repeat : shared_->folds)
                for (const auto& network : repeat) {
                    ++foldNetworks;
                    if (!network.note.empty()) ++foldNotes[network.note];
                }
            for (const auto& [note, count] : foldNotes)
                deep.notes.push_back("Deep-CT networks of " + std::to_string(count) + " of the " +
                                     std::to_string(foldNetworks) + " outer folds: " + note);
            if (!shared_->final.note.empty())
                deep.notes.push_back("Deep-CT network of all training patients: " + shared_->final.note);
        }
    }

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
