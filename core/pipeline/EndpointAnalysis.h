#pragma once
#include <Eigen/Dense>
#include <QJsonObject>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/learn/ComBat.h"
#include "core/learn/CrossValidation.h"
#include "core/learn/RadScore.h"
#include "core/pipeline/DeepCtPort.h"
#include "core/pipeline/Evidence.h"
#include "core/pipeline/ModelKind.h"
#include "core/roi/Regions.h"
#include "core/util/Progress.h"

namespace drs {

// Radiomic features of one region, rows aligned with EndpointInputs::patients.
struct FeatureTable {
    std::vector<std::string> names;
    Eigen::MatrixXd values;
};

// One CV repeat of the shared plan: its outer folds and the deep features by each fold's network.
struct SharedDeepRepeat {
    std::vector<int> outerFold;  // per patient: the plan's fold of a training patient; -1 for a test patient
    std::vector<std::vector<DeepFeatures>> foldFeatures;  // [fold][patient], by that fold's network
};

// Deep features of one endpoint's patients from the Deep-CT networks a run shares between its
// endpoints (core/pipeline/SharedDeepCt.h): the network of each outer fold of the shared plan's
// repeats and the final network, rows in EndpointInputs order.
struct SharedDeepFeatures {
    int output = -1;                          // the endpoint's output in every network
    std::vector<SharedDeepRepeat> repeats;    // the first CV repeats of the endpoint's nested CV
    std::vector<DeepFeatures> finalFeatures;  // [patient], by the final network
    std::string finalModelPath;
    double finalValidationAuc = 0;  // of this endpoint's output
    int finalEpochs = 0;
    bool pretrained = false;
    int outputs = 0;                 // endpoints sharing the networks
    std::vector<std::string> notes;  // what the networks' training adapted (rare classes)

    bool present() const { return !repeats.empty(); }
};

// Everything one endpoint's analysis reads: the patients that carry its label, the shared split,
// their radiomic features (tumour and ring) and their deep patches, all in the same row order.
struct EndpointInputs {
    std::string endpoint;
    std::vector<std::string> patients;
    std::vector<int> labels;
    std::vector<bool> isTest;
    std::vector<std::string> centres;  // per patient; ComBat's batches
    FeatureTable tumour, ring;
    std::vector<DeepPatch> patches;
    SharedDeepFeatures sharedDeep;  // used when EndpointOptions::deepPerOuterFold
    // The tumour's edge on row i's patch (linear pixel indices, as sliceEdgePixels), outlined on its
    // Grad-CAM image; read only for the few patients drawn. Unset: images without an outline.
    std::function<std::vector<std::size_t>(std::size_t row)> tumourEdgeOnPatch;
};

struct EndpointOptions {
    std::uint64_t seed = 0;
    int cvFolds = 5;
    int cvRepeats = 10;
    std::vector<std::string> classifiers = learn::panelClassifierNames();
    bool balancedClassWeights = true;  // rare mutations (ALK, ROS1) would otherwise be ignored
    double univariateMaxP = 0.05;      // Mann-Whitney filter before the LASSO
    double redundancyMaxAbsR = 0.9;    // correlation filter before the LASSO
    // Where on the LASSO path each RadScore is read: cv.glmnet's lambda.min (the paper) or the
    // sparser lambda.1se.
    learn::LambdaChoice radScoreLambda = learn::LambdaChoice::Min;
    // glmnet's alpha for the RadScores: 1 the LASSO (the paper), below 1 the elastic net.
    double radScoreAlpha = 1.0;
    int minimumClassCount = 3;  // per class in the training cohort; fewer: endpoint skipped
    DeepCtOptions deep;
    // Deep-CT from the run's shared networks (EndpointInputs::sharedDeep): the deep models'
    // nested CV uses the shared plan's folds (its repeats are the first CV repeats), each fold's
    // features from its own network. false: a single-task network trained once on all training patients (the paper's
    // way, and paper mode's), whose features enter the nested CV fixed: its CV AUCs are optimistic.
    bool deepPerOuterFold = false;
    // With deepPerOuterFold: how many of the first CV repeats the deep models are cross-validated
    // in, at one network per outer fold each (the Radiomics-Score has all cvRepeats).
    int deepCvRepeats = 1;
    std::string modelFolder;  // where the Deep-CT network and the model bundle are written
    int gradCamPatients = 3;
    int shapBackgroundRows = 20;  // exact SHAP costs 2^12 model calls per background row and patient
    int threads = 2;
    // ComBat by centre on both radiomic tables, first step of the chain: fitted on the training
    // rows of every outer fold and then of the whole training cohort, applied with those estimates.
    bool combatByCentre = false;
    // ComBat's batch effects estimated net of the training rows' labels (sva's mod), so that a
    // prevalence that differs by centre is not harmonised away; rows are moved by their centre's
    // shift and scale alone (learn::ComBat).
    bool combatLabelCovariate = false;
};

// What predicting a new patient needs: both RadScores, the Deep-CT network, and each model's
// scaler, classifier and operating point. Saved as JSON beside the project database.
struct EndpointModels {
    std::string endpoint;
    learn::RadScore tumour, ring;
    // ComBat by centre fitted on the training patients (inactive: the run did not ask for it).
    learn::CentreHarmonisation tumourCombat, ringCombat;
    std::string deepModelPath;
    int deepOutput = 0;  // the endpoint's output of that network (a network shared by endpoints)
    struct Fitted {
        std::string model;
        std::vector<std::string> inputs;
        learn::FittedModel fitted;
        double threshold = 0.5;
    };
    std::vector<Fitted> models;

    QJsonObject toJson() const;
    static EndpointModels fromJson(const QJsonObject& json, const std::string& source);
    const Fitted& model(const std::string& name) const;
    const Fitted& model(ModelKind kind) const { return model(displayName(kind)); }
    bool has(ModelKind kind) const;  // false: not built (the Radiomics-Score model without a signature)
};

struct EndpointOutcome {
    EndpointEvidence evidence;
    bool analysed = false;  // false: skipped, the reason is in evidence.notes
    EndpointModels models;
    std::vector<std::vector<int>> cvFoldsByRepeat;                   // training rows' folds (for the database)
    std::vector<std::array<float, kDeepFeatureCount>> deepFeatures;  // per patient
};

// Fits one endpoint on its training patients: RadScores (z-score, Mann-Whitney filter,
// redundancy removal, LASSO at lambda.min or lambda.1se; a LASSO that keeps no feature
// leaves "no radiomic signature" for that region), Deep-CT training and features, the classifier panel
// of the three models chosen by nested CV, refit of each winner on all training patients with
// its out-of-fold operating point, predictions for the test patients, correlation of the
// RadScores with the deep features, SHAP of the Deep-RadScore model, and Grad-CAM images. The
// test patients' labels are not read (beyond counting whether an evaluation will be possible):
// the evidence comes back with testPending set.
EndpointOutcome analyseEndpoint(const EndpointInputs& inputs, const EndpointOptions& options, DeepCtPort& deep,
                                Progress& progress);

// The one evaluation of a fitted endpoint on its test patients (labels in evidence.testPatients
// order): ROC, DeLong CI, metrics at each model's operating point, calibration, net benefit and
// the paired DeLong tests. Throws Error when the evidence was already evaluated.
void evaluateEndpointOnTest(EndpointEvidence& evidence, const std::vector<int>& testLabels);

// Paired DeLong tests on evidence.testLabels between the models that were built.
void compareModelsOnTest(EndpointEvidence& evidence);

// A patient's deep patch and the tumour on it, from its regions.
DeepPatch deepPatchOf(const std::string& patientId, const Regions& regions);

// The 160x160 patch in a lung window with a heat map blended over it, as RGB bytes.
std::vector<std::uint8_t> heatMapOverlay(const std::vector<float>& hu160x160, const std::vector<float>& heat160x160);

// The colour of the tumour's outline on a patch: magenta, which the heat map's ramp never reaches.
constexpr std::array<std::uint8_t, 3> kOutlineRgb{255, 0, 255};

// Paints the given pixels (linear indices of an RGB image's pixels) in kOutlineRgb.
void paintOutline(std::vector<std::uint8_t>& rgb, const std::vector<std::size_t>& pixels);

}  // namespace drs
