#pragma once
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/pipeline/ModelKind.h"
#include "core/util/Error.h"

namespace drs {

// What the study pipeline proves per endpoint, in plain values: the contract between the
// pipeline (which computes it), the project database (which keeps it) and the report and GUI
// (which show it). Scores and labels are aligned with the patient lists they belong to.

struct ThresholdMetrics {
    double threshold = 0.5;
    double accuracy = 0, precision = 0, recall = 0, f1 = 0, specificity = 0, npv = 0;
    // sensitivity == recall and ppv == precision; both names are printed in reports.
};

struct CurvePoint {
    double x = 0, y = 0;
};

struct ClassifierCv {
    std::string classifier;         // svm, knn, rf, nb, lr, mlp, lda
    double meanAuc = 0, sdAuc = 0;  // over every outer fold that has an AUC
    // Each outer fold's AUC, repeat by repeat, and the repeat (0-based) it belongs to. NaN: the
    // fold's held-out patients were all of one class. Empty in evidence written before format 2.
    std::vector<double> foldAucs;
    std::vector<int> foldRepeats;
};

// Each repeat's mean fold AUC (folds without an AUC left out; NaN for a repeat without any), by
// repeat: the distribution of the cross-validated AUC across repeats. Weighted by each repeat's
// number of folds with an AUC, these means average to meanAuc.
inline std::vector<double> repeatMeanAucs(const ClassifierCv& cv) {
    std::vector<double> sums, counts;
    for (std::size_t k = 0; k < cv.foldAucs.size() && k < cv.foldRepeats.size(); ++k) {
        const auto repeat = static_cast<std::size_t>(cv.foldRepeats[k]);
        if (repeat >= sums.size()) sums.resize(repeat + 1, 0.0), counts.resize(repeat + 1, 0.0);
        if (std::isnan(cv.foldAucs[k])) continue;
        sums[repeat] += cv.foldAucs[k];
        counts[repeat] += 1;
    }
    for (std::size_t r = 0; r < sums.size(); ++r) sums[r] = counts[r] > 0 ? sums[r] / counts[r] : std::nan("");
    return sums;
}

struct ModelEvidence {
    std::string model;                // displayName() of its ModelKind
    std::vector<std::string> inputs;  // feature names the model reads
    // Every classifier's nested CV AUC (each outer fold's, and their mean and SD): the whole chain
    // (RadScores with their filters and LASSO, the classifier) refitted in each outer fold. With
    // Deep-CT networks per outer fold the deep models have the shared plan's repeats only (the first ones).
    std::vector<ClassifierCv> panel;
    std::string chosenClassifier;  // best nested CV AUC, refit on all training patients
    double trainAuc = 0;           // apparent: the refitted model on its own training patients
    double testAuc = 0, testAucCiLow = 0, testAucCiHigh = 0;  // DeLong 95% CI
    ThresholdMetrics testMetrics;                             // at the Youden threshold of the out-of-fold predictions
    std::vector<double> trainScores, testScores;              // predicted probabilities of the refitted model
    std::vector<double> cvScores;     // out-of-fold probabilities per training patient, mean over repeats
    std::vector<CurvePoint> testRoc;  // (1 - specificity, sensitivity)
    double brier = 0, calibrationSlope = 0, calibrationIntercept = 0;
    std::vector<CurvePoint> reliability;  // mean predicted vs observed, per bin
    std::vector<CurvePoint> netBenefit;   // threshold probability -> net benefit
};

// The training mean and population SD a RadScore's z-score takes for one feature: with them the
// score is reproducible as the sum of coefficient * (x - mean) / sd.
struct FeatureScaling {
    double mean = 0, sd = 1;
};

struct DelongComparison {
    std::string modelA, modelB;
    double aucA = 0, aucB = 0, z = 0, p = 1;
};

struct ShapSummary {
    std::vector<std::string> features;
    std::vector<double> meanAbs;                     // per feature, over test patients
    std::vector<std::vector<double>> values;         // test patient x feature
    std::vector<std::vector<double>> featureValues;  // the inputs the values explain
    double baseline = 0;                             // expected model output
};

struct CorrelationSummary {
    std::vector<std::string> rows, columns;  // RadScores x deep features
    std::vector<std::vector<double>> r, p;
    double maxAbsR = 0, meanAbsR = 0, sdAbsR = 0;
};

struct EndpointEvidence {
    std::string endpoint;
    std::vector<std::string> trainPatients, testPatients;
    std::vector<int> trainLabels, testLabels;
    std::vector<std::string> notes;  // what was skipped or adapted, and why
    // Fitted, its test cohort not yet evaluated: testLabels and every test metric are empty until
    // the run's final step evaluates the test cohort (once).
    bool testPending = false;
    std::map<std::string, double> radScoreTumour, radScoreRing;  // selected feature -> coefficient
    std::map<std::string, FeatureScaling> radScoreTumourScaling, radScoreRingScaling;  // absent before 5 Dec 2026
    std::vector<ModelEvidence> models;
    std::vector<DelongComparison> comparisons;  // paired on the same test patients
    CorrelationSummary correlation;
    ShapSummary shap;                        // of the Deep-RadScore model
    std::vector<std::string> gradCamImages;  // PNG paths, test patients
    std::string deepBackbone;
    bool deepPretrained = false;
    double deepValidationAuc = 0;
    int deepEpochs = 0;
};

// The evidence of one of an endpoint's models; throws Error when the endpoint lacks it.
inline const ModelEvidence& modelOf(const EndpointEvidence& endpoint, ModelKind kind) {
    for (const auto& model : endpoint.models)
        if (model.model == displayName(kind)) return model;
    throw Error("endpoint " + endpoint.endpoint + " has no " + displayName(kind) + " model");
}

// Table 1 (patient characteristics): cohorts as columns, one row per variable level.
struct CohortColumn {
    std::string name;  // "Training", "Internal test", "External: <cohort>", or a centre
    int patients = 0;
};

// A p-value column: columnA compared with columnB.
struct CohortComparison {
    int columnA = 0, columnB = 0;
    std::string label;  // "Training vs Internal test"
};

struct CohortRow {
    std::string variable;
    std::string level;               // a category, "mean ± SD", "median [IQR]", "missing", or "n"
    std::vector<std::string> cells;  // per column: "n (%)", "mean ± SD", "median [Q1, Q3]"
    std::vector<double> p;           // per comparison; < 0 where no test applies
    std::vector<std::string> tests;  // per comparison: "Mann-Whitney U test", "chi-square test", "Fisher's exact test"
};

struct CohortCharacteristics {
    std::vector<CohortColumn> columns;
    std::vector<CohortComparison> comparisons;
    std::vector<CohortRow> rows;
    bool empty() const { return rows.empty(); }
};

// The demo cohort's planted truth beside what a run recovered (docs/demo-cohort.md), per endpoint.
struct DemoTruthRecovery {
    std::string endpoint;
    int testPatients = 0;
    // AUC on the test patients of the planted latent score (the best any model can reach), and of
    // the same score without the pattern latent that only a CNN can see.
    double oracleAuc = 0, oracleWithoutPatternAuc = 0;
    std::map<std::string, double> modelTestAuc;  // by model display name
    double gapClosed = 0;                        // (Deep-RadScore test AUC - 0.5) / (oracle AUC - 0.5)
    // Largest |Pearson r| of a deep feature with the pattern latent over the test patients.
    double deepPatternMaxAbsR = 0;
};

// A finished run evaluated once on a locked external cohort, per analysed endpoint. In each
// EndpointEvidence the test fields hold the external patients, the train fields stay empty, and
// every model's metrics are at the run's own operating threshold.
struct ExternalValidation {
    std::string cohort;
    std::vector<EndpointEvidence> endpoints;
    std::vector<std::string> notes;  // patients left out, and why
};

struct StudyEvidence {
    CohortCharacteristics cohortTable;     // training, internal test, each external cohort
    CohortCharacteristics cohortByCentre;  // one column per centre, descriptive; empty with one centre
    std::vector<EndpointEvidence> endpoints;
    std::vector<ExternalValidation> externalValidations;
    std::map<std::string, std::string> provenance;  // versions, settings, seeds, hashes, weights
    std::vector<DemoTruthRecovery> demoTruth;       // drs demo only: empty for a real cohort
};

}  // namespace drs

namespace drs {

// One new patient's predictions with the trained models (the single-patient report).
struct EndpointPrediction {
    std::string endpoint;
    std::string model;  // displayName(ModelKind::DeepRadScore)
    double probability = 0;
    double threshold = 0.5;  // the model's operating point (Youden threshold of its out-of-fold predictions)
    bool positive = false;   // probability >= threshold
    double testAuc = 0, testSensitivity = 0, testSpecificity = 0;  // how good that operating point was
    double testAucCiLow = 0, testAucCiHigh = 0;                    // DeLong 95 %
    int testPatients = 0, testEvents = 0;  // the test set's size and its patients of the rarer class
    // The project patient was one of the training patients this endpoint's models were fitted on:
    // the probability is no independent estimate.
    bool inSample = false;
};

struct PatientPrediction {
    std::string patientPseudonym;
    std::string studyPath, maskPath;
    std::string patchImage;       // PNG of the deep patch, the network's input
    std::string gradCamImage;     // PNG overlay, may be empty
    std::string gradCamEndpoint;  // whose Deep-CT output the overlay explains
    std::vector<EndpointPrediction> endpoints;
    std::map<std::string, std::string> provenance;
};

}  // namespace drs
