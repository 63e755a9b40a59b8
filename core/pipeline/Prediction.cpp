#include "core/pipeline/Prediction.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "core/image/ImageIO.h"
#include "core/image/Pseudonym.h"
#include "core/pipeline/EndpointAnalysis.h"
#include "core/pipeline/RunFeatureSettings.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/project/Cohort.h"
#include "core/project/Results.h"
#include "core/project/Runs.h"
#include "core/radiomics/Extractor.h"
#include "core/roi/Contours.h"
#include "core/roi/MaskFile.h"
#include "core/roi/Regions.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/SourceRevision.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

Eigen::MatrixXd rowOf(const std::vector<radiomics::Feature>& features, const std::vector<std::string>& names) {
    Eigen::MatrixXd row(1, static_cast<Eigen::Index>(names.size()));
    for (std::size_t k = 0; k < names.size(); ++k) {
        auto found = std::find_if(features.begin(), features.end(), [&](const auto& f) { return f.name == names[k]; });
        if (found == features.end()) throw Error("the model needs feature '" + names[k] + "', which was not extracted");
        row(0, static_cast<Eigen::Index>(k)) = found->value;
    }
    return row;
}

// The run's ComBat estimates applied to the new patient's features when the run harmonised by
// centre and the patient's centre had training patients; otherwise the features as extracted.
std::vector<radiomics::Feature> harmonised(std::vector<radiomics::Feature> features,
                                           const learn::CentreHarmonisation& step, const std::string& centre) {
    const auto& names = step.harmonisedFeatures();
    const Eigen::MatrixXd moved = step.apply(rowOf(features, names), {centre}, names);
    for (auto& feature : features) {
        const auto k = std::find(names.begin(), names.end(), feature.name);
        if (k != names.end()) feature.value = moved(0, k - names.begin());
    }
    return features;
}

bool hasEstimates(const learn::CentreHarmonisation& step, const std::string& centre) {
    return step.active() && std::find(step.centres().begin(), step.centres().end(), centre) != step.centres().end();
}

// The project patient whose stored study this is: a patient opened from the project and predicted
// again (as the GUI does) keeps the pseudonym its import gave, which a NIfTI cannot carry.
std::optional<project::CaseFiles> projectCaseOfStudy(project::ProjectDb& db, const std::string& studyPath,
                                                     const std::string& pseudonym) {
    std::error_code error;
    const fs::path study = fs::weakly_canonical(fs::absolute(fs::u8path(studyPath)), error);
    project::CohortRepository cohort(db);
    std::vector<std::int64_t> cohorts{project::kDevelopmentCohort};
    for (const auto& name : cohort.externalCohorts()) cohorts.push_back(*cohort.findExternalCohort(name));
    for (std::int64_t cohortId : cohorts)
        for (auto& files : cohort.caseFiles(cohortId)) {
            const bool samePatient = !pseudonym.empty() && files.pseudonym == pseudonym;
            const bool sameImage =
                pseudonym.empty() && !error && fs::weakly_canonical(fs::u8path(files.imagePath), error) == study;
            if (samePatient || sameImage) return std::move(files);
        }
    return std::nullopt;
}

// The endpoint's test set (its size and rarer class, as the study report counts them) and whether
// the project patient (id 0: none) was one of its training patients.
void countTestSet(project::ProjectDb& db, std::int64_t runId, const std::string& endpoint, std::int64_t patientId,
                  EndpointPrediction& prediction) {
    std::map<std::int64_t, int> labelOf;
    for (const auto& label : project::CohortRepository(db).labels(endpoint)) labelOf[label.patientId] = label.value;
    int positives = 0;
    for (const auto& row : project::RunRepository(db).split(runId, endpoint)) {
        if (!row.test) {
            prediction.inSample = prediction.inSample || row.patientId == patientId;
            continue;
        }
        const auto label = labelOf.find(row.patientId);
        if (label == labelOf.end()) continue;
        ++prediction.testPatients;
        positives += label->second;
    }
    prediction.testEvents = std::min(positives, prediction.testPatients - positives);
}

// What the run did with a project patient, since a patient the models were fitted on gets
// probabilities that are no independent estimate.
std::string roleInRun(project::ProjectDb& db, std::int64_t runId, const std::vector<std::string>& endpoints,
                      std::int64_t patientId) {
    project::RunRepository runs(db);
    std::string training, test;
    for (const auto& endpoint : endpoints)
        for (const auto& row : runs.split(runId, endpoint))
            if (row.patientId == patientId) {
                std::string& list = row.test ? test : training;
                list += (list.empty() ? "" : ", ") + endpoint;
            }
    const std::string run = "run " + std::to_string(runId);
    if (training.empty() && test.empty()) return "not used by " + run;
    std::string role;
    if (!training.empty())
        role = "a training patient of " + run + " for " + training +
               ": those models were fitted on this patient, so their probabilities are not independent estimates";
    if (!test.empty()) role += (role.empty() ? "a test patient of " + run + " for " : "; a test patient for ") + test;
    return role;
}

}  // namespace

std::string recordedSourcePath(const std::string& path, const std::string& filesFolder, bool showPaths) {
    const fs::path source = fs::weakly_canonical(fs::absolute(fs::u8path(path)));
    if (showPaths) return source.string();
    const fs::path files = fs::weakly_canonical(fs::absolute(fs::u8path(filesFolder)));
    const fs::path inside = source.lexically_relative(files);
    if (inside.empty() || *inside.begin() == ".." || inside == ".") return {};
    return (files.filename() / inside).generic_string();
}

PatientPrediction predictPatient(project::ProjectDb& db, DeepCtPort& deep, const PredictionRequest& request,
                                 Progress& progress) {
    const std::int64_t runId = request.runId ? request.runId : newestFinishedRun(db);
    const auto run = project::RunRepository(db).run(runId);
    if (!run) throw Error(db.path() + ": has no run " + std::to_string(runId));
    if (run->status != "finished")
        throw Error(db.path() + ": run " + std::to_string(runId) + " is not finished (" + run->status + ")");
    const RunFeatureSettings settings = runFeatureSettings(run->parametersJson, db.path() + " run parameters");

    progress.step(0.0, "loading the study");
    StudyInfo info;
    ReadOptions readOptions;
    readOptions.seriesInstanceUid = request.seriesInstanceUid;
    const SiteKey key = loadSiteKey(request.keyFile);
    readOptions.siteKey = &key;
    const Volume image = readStudyForMask(request.studyPath, request.maskPath, readOptions, &info);
    const MaskOnGrid mask = readMaskOnGrid(request.maskPath, request.roiName, image.geometry, info.frameOfReferenceUid);

    RegionSettings regionSettings = settings.regions;
    regionSettings.label = mask.oneRoi ? 1 : request.label;
    const Regions regions = computeRegions(image, mask.labels, regionSettings, request.maskPath);

    progress.step(0.2, "radiomics");
    const auto tumourFeatures =
        radiomics::extractFeatures(image, regions.tumour, 1, settings.radiomics, settings.wavelet);
    const auto ringFeatures = radiomics::extractFeatures(image, regions.ring, 1, settings.radiomics, settings.wavelet);

    PatientPrediction prediction;
    const auto member = projectCaseOfStudy(db, request.studyPath, info.pseudonym);
    prediction.patientPseudonym = member                   ? member->pseudonym
                                  : info.pseudonym.empty() ? pseudonymise(sha256File(request.maskPath), key)
                                                           : info.pseudonym;
    prediction.studyPath = recordedSourcePath(request.studyPath, db.filesFolder(), request.showPaths);
    prediction.maskPath = recordedSourcePath(request.maskPath, db.filesFolder(), request.showPaths);
    // A project patient predicted again is harmonised as its centre's training patients were.
    const std::string centre = request.centre.empty() && member ? member->centre : request.centre;
    fs::create_directories(fs::u8path(request.outputFolder));
    const DeepPatch patch = deepPatchOf(prediction.patientPseudonym, regions);
    // The reader checks that the outline is the tumour meant.
    const std::vector<std::size_t> tumourEdge = sliceEdgePixels(regions.patchMask, 0);
    prediction.patchImage = (fs::u8path(request.outputFolder) / "patch.png").string();
    std::vector<std::uint8_t> patchRgb =
        heatMapOverlay(patch.hu160x160, std::vector<float>(patch.hu160x160.size(), 0.0f));
    paintOutline(patchRgb, tumourEdge);
    writeRgbPng(patchRgb, kDeepPatchSizePx, kDeepPatchSizePx, prediction.patchImage);

    project::ResultRepository results(db);
    const auto endpoints = project::CohortRepository(db).endpoints();
    double bestProbability = -1;
    std::string bestDeepModel;
    int bestDeepOutput = 0;  // the endpoint's output of that network (one network may serve every endpoint)
    for (std::size_t e = 0; e < endpoints.size(); ++e) {
        progress.step(0.4 + 0.5 * static_cast<double>(e) / static_cast<double>(endpoints.size()), endpoints[e]);
        const auto rows = results.models(runId, endpoints[e]);
        auto fusedRow = std::find_if(rows.begin(), rows.end(),
                                     [](const auto& r) { return r.model == displayName(ModelKind::DeepRadScore); });
        if (fusedRow == rows.end()) continue;  // endpoint not analysed in this run
        const std::string bundlePath = results.verifiedModelFile(*fusedRow);
        QFile file(QString::fromStdString(bundlePath));
        if (!file.open(QIODevice::ReadOnly)) throw Error(bundlePath + ": cannot open the model bundle");
        const EndpointModels bundle =
            EndpointModels::fromJson(QJsonDocument::fromJson(file.readAll()).object(), bundlePath);

        std::vector<radiomics::Feature> tumour = tumourFeatures, ring = ringFeatures;
        if (bundle.tumourCombat.active()) {
            const bool known = hasEstimates(bundle.tumourCombat, centre);
            prediction.provenance["combat_by_centre"] =
                known ? "applied with the training estimates of centre '" + centre + "'" +
                            (request.centre.empty() ? std::string(", the project patient's own") : std::string())
                      : "not applied: the run harmonised its features by centre, and " +
                            (centre.empty() ? std::string("no centre was given")
                                            : "centre '" + centre + "' had no training patients") +
                            ", so this patient's features were used as extracted";
            if (known) {
                tumour = harmonised(tumour, bundle.tumourCombat, centre);
                ring = harmonised(ring, bundle.ringCombat, centre);
            }
        }
        const double radTumour = bundle.tumour.score(rowOf(tumour, bundle.tumour.featureNames))[0];
        const double radRing = bundle.ring.score(rowOf(ring, bundle.ring.featureNames))[0];
        const DeepFeatures deepFeatures = deep.extract(bundle.deepModelPath, {patch}).front();
        std::map<std::string, double> inputs{{"RadScore_tumour", radTumour}, {"RadScore_ring", radRing}};
        for (int k = 0; k < kDeepFeatureCount; ++k)
            inputs["deep_" + std::to_string(k + 1)] = deepFeatures[static_cast<std::size_t>(k)];

        const auto& fused = bundle.model(ModelKind::DeepRadScore);
        Eigen::MatrixXd x(1, static_cast<Eigen::Index>(fused.inputs.size()));
        for (std::size_t k = 0; k < fused.inputs.size(); ++k)
            x(0, static_cast<Eigen::Index>(k)) = inputs.at(fused.inputs[k]);
        EndpointPrediction endpoint;
        endpoint.endpoint = endpoints[e];
        endpoint.model = fused.model;
        endpoint.probability = fused.fitted.predictProbability(x)[0];
        endpoint.threshold = fused.threshold;
        endpoint.positive = endpoint.probability >= endpoint.threshold;
        const auto metrics = results.metrics(fusedRow->id, "test");
        endpoint.testAuc = metrics.count("auc") ? metrics.at("auc") : 0;
        endpoint.testSensitivity = metrics.count("sensitivity") ? metrics.at("sensitivity") : 0;
        endpoint.testSpecificity = metrics.count("specificity") ? metrics.at("specificity") : 0;
        endpoint.testAucCiLow = metrics.count("auc_ci_low") ? metrics.at("auc_ci_low") : 0;
        endpoint.testAucCiHigh = metrics.count("auc_ci_high") ? metrics.at("auc_ci_high") : 0;
        countTestSet(db, runId, endpoints[e], member ? member->patientId : 0, endpoint);
        prediction.endpoints.push_back(endpoint);
        if (endpoint.probability > bestProbability) {
            bestProbability = endpoint.probability;
            bestDeepModel = bundle.deepModelPath;
            bestDeepOutput = bundle.deepOutput;
            prediction.gradCamEndpoint = endpoints[e];
        }
    }
    if (prediction.endpoints.empty())
        throw Error(db.path() + ": run " + std::to_string(runId) + " has no trained endpoint");

    // Grad-CAM of the Deep-CT network's output for the endpoint with the highest probability.
    progress.step(0.95, "Grad-CAM");
    prediction.gradCamImage = (fs::u8path(request.outputFolder) / "gradcam.png").string();
    std::vector<std::uint8_t> gradCamRgb =
        heatMapOverlay(patch.hu160x160, deep.gradCam(bestDeepModel, patch, bestDeepOutput));
    paintOutline(gradCamRgb, tumourEdge);
    writeRgbPng(gradCamRgb, kDeepPatchSizePx, kDeepPatchSizePx, prediction.gradCamImage);

    prediction.provenance["run"] = std::to_string(runId);
    if (member) {
        std::vector<std::string> analysed;
        for (const auto& e : prediction.endpoints) analysed.push_back(e.endpoint);
        prediction.provenance["project_patient"] = roleInRun(db, runId, analysed, member->patientId);
    }
    prediction.provenance["project"] =
        request.showPaths ? fs::absolute(fs::u8path(db.path())).string() : fs::u8path(db.path()).filename().string();
    prediction.provenance["software"] = std::string("DeepRadScore Studio ") + DRS_VERSION + ", " + sourceRevision();
    prediction.provenance["roi_file_sha256"] = sha256File(request.maskPath);  // as the project's rois.source_sha256
    prediction.provenance["tumour_voxels"] = std::to_string(regions.tumourVoxels);
    // In millimetres too, for a reader to set beside their own measurement.
    char millimetres[96];
    std::snprintf(millimetres, sizeof millimetres, "%.1f",
                  double(regions.tumourVoxels) * image.geometry.voxelVolumeMm3());
    prediction.provenance["tumour_volume_mm3"] = millimetres;
    // The longest diameters a reader would measure (within an axial slice, as RECIST does, and in
    // 3D), as the tumour's shape features found them.
    for (const auto& [feature, key] :
         {std::pair{"original_shape_Maximum2DDiameterSlice", "tumour_max_axial_diameter_mm"},
          std::pair{"original_shape_Maximum3DDiameter", "tumour_max_3d_diameter_mm"}}) {
        const auto found = std::find_if(tumourFeatures.begin(), tumourFeatures.end(),
                                        [&](const radiomics::Feature& f) { return f.name == feature; });
        if (found == tumourFeatures.end()) continue;
        std::snprintf(millimetres, sizeof millimetres, "%.1f", found->value);
        prediction.provenance[key] = millimetres;
    }
    const auto& patchGrid = regions.patch.geometry;
    std::snprintf(millimetres, sizeof millimetres, "%lld x %lld pixels of %.3f x %.3f mm",
                  static_cast<long long>(patchGrid.sizeXyz[0]), static_cast<long long>(patchGrid.sizeXyz[1]),
                  patchGrid.spacingMm[0], patchGrid.spacingMm[1]);
    prediction.provenance["deep_patch"] = millimetres;
    progress.step(1.0, "prediction done");
    return prediction;
}

}  // namespace drs
