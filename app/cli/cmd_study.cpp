// Project-level commands: train (the pipeline on an imported project), predict (one new patient),
// and demo (synthetic cohort -> import -> pipeline -> report), the product's main job. They write
// PDF reports, so they exist in builds with the report writer.
#ifdef DRS_WITH_REPORT
#include <QJsonDocument>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

#include "app/cli/Command.h"
#include "app/cli/cmd_deep_patches.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/ExternalValidation.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/Prediction.h"
#include "core/pipeline/ProjectShards.h"
#include "core/pipeline/ReportingRules.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/pipeline/synthetic/DemoTruth.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/radiomics/Settings.h"
#include "core/util/Error.h"
#include "models/TorchDeepCt.h"
#include "ui/report/ReportWriter.h"

namespace drs::cli {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kStudyOptions{"fast",
                                          "seed",
                                          "threads",
                                          "deep-threads",
                                          "endpoints",
                                          "weights",
                                          "backbone",
                                          "epochs",
                                          "patience",
                                          "width-divisor",
                                          "paper-network",
                                          "flip-ap",
                                          "no-flip-lr",
                                          "rotation-deg",
                                          "intensity-jitter",
                                          "lr-schedule",
                                          "head-activation",
                                          "input-channels",
                                          "patch-mm",
                                          "patch-fit",
                                          "no-wavelet",
                                          "fresh",
                                          "quiet",
                                          "device",
                                          "radscore-lambda",
                                          "radscore-alpha",
                                          "combat",
                                          "no-combat",
                                          "deep-cv-repeats",
                                          "radiomics-params",
                                          "combat-label-covariate"};

StudyOptions studyOptions(const Args& args) {
    StudyOptions options = args.has("fast") ? StudyOptions::fast() : StudyOptions::standard();
    const long seed = args.integer("seed", 0);
    if (seed < 0) throw Error("--seed must not be negative");
    options.seed = static_cast<std::uint64_t>(seed);
    options.threads = static_cast<int>(args.integer("threads", 2));
    if (options.threads < 1) throw Error("--threads must be at least 1");
    if (args.has("paper-network")) options.usePaperNetwork();
    options.endpoint.deep.threads = static_cast<int>(args.integer("deep-threads", options.endpoint.deep.threads));
    if (options.endpoint.deep.threads < 0) throw Error("--deep-threads must be 0 (all cores) or more");
    options.endpoints = args.list("endpoints");
    options.endpoint.deep.imagenetWeightsPath = args.valueOr("weights", "");
    options.endpoint.deep.backbone = args.valueOr("backbone", options.endpoint.deep.backbone);
    options.endpoint.deep.device = args.valueOr("device", "auto");
    if (options.endpoint.deep.device != "auto" && options.endpoint.deep.device != "cpu" &&
        options.endpoint.deep.device != "cuda")
        throw Error("--device must be auto, cpu or cuda");
    options.endpoint.deep.epochs = static_cast<int>(args.integer("epochs", options.endpoint.deep.epochs));
    if (options.endpoint.deep.epochs < 1) throw Error("--epochs must be at least 1");
    options.endpoint.deep.widthDivisor =
        static_cast<int>(args.integer("width-divisor", options.endpoint.deep.widthDivisor));
    if (options.endpoint.deep.widthDivisor < 1) throw Error("--width-divisor must be at least 1 (1 = full width)");
    applyTrainingArgs(args, options.endpoint.deep);
    applyInputChannelsArg(args, options.endpoint.deep);
    applyPatchFieldArgs(args, options.regions);
    if (args.has("radiomics-params")) {
        const radiomics::ParameterFile params = radiomics::readParameterFile(args.value("radiomics-params"));
        radiomics::requireEveryFeature(params, args.value("radiomics-params"));
        options.radiomics = params.settings;
        options.wavelet = params.waveletEnabled;
    }
    if (args.has("no-wavelet")) options.wavelet = false;
    if (args.has("combat") && args.has("no-combat")) throw Error("--combat and --no-combat contradict each other");
    if (args.has("no-combat")) options.endpoint.combatByCentre = false;
    if (args.has("combat-label-covariate")) {
        if (!options.endpoint.combatByCentre)
            throw Error("--combat-label-covariate is a setting of ComBat by centre, which --no-combat turns off");
        options.endpoint.combatLabelCovariate = true;
    }
    options.endpoint.radScoreLambda = learn::lambdaChoiceFromName(args.valueOr("radscore-lambda", "lambda.min"));
    if (args.has("radscore-alpha")) {
        const double alpha = args.number("radscore-alpha", 1.0);
        if (!(alpha > 0 && alpha <= 1))
            throw Error("--radscore-alpha must lie in (0, 1] (1 = the LASSO, below 1 the elastic net), got " +
                        args.value("radscore-alpha"));
        options.endpoint.radScoreAlpha = alpha;
    }
    if (args.has("deep-cv-repeats")) {
        if (!options.endpoint.deepPerOuterFold)
            throw Error("--deep-cv-repeats needs the shared networks per outer fold, which --paper-network replaces");
        const long repeats = args.integer("deep-cv-repeats", options.endpoint.deepCvRepeats);
        if (repeats < 1 || repeats > options.endpoint.cvRepeats)
            throw Error("--deep-cv-repeats must be 1 to " + std::to_string(options.endpoint.cvRepeats) +
                        " (the nested CV's repeats), got " + std::to_string(repeats));
        options.endpoint.deepCvRepeats = static_cast<int>(repeats);
    }
    return options;
}

void printSummary(const StudyEvidence& evidence) {
    std::cout << "endpoint,model,classifier,test_auc,ci_low,ci_high\n";
    for (const auto& endpoint : evidence.endpoints) {
        if (endpoint.models.empty()) {
            std::cout << endpoint.endpoint << ",not analysed,,,,\n";
            continue;
        }
        for (const auto& model : endpoint.models)
            std::cout << endpoint.endpoint << "," << model.model << "," << model.chosenClassifier << ","
                      << formatDouble(model.testAuc) << "," << formatDouble(model.testAucCiLow) << ","
                      << formatDouble(model.testAucCiHigh) << "\n";
    }
}

// endpoint, test_patients, test_events (the rarer class), oracle_auc, oracle_without_pattern_auc,
// the three models' test AUCs, gap_closed, deep_pattern_max_abs_r; a row "mean" averages every
// column over the endpoints, and "mean_ranked" over those with enough test events for the report
// to rank their AUCs (the others' rest on a few events: ReportingRules.h).
CsvTable truthRecoveryTable(const std::vector<DemoTruthRecovery>& rows, const StudyEvidence& evidence) {
    CsvTable table;
    table.header = {"endpoint", "test_patients", "test_events", "oracle_auc", "oracle_without_pattern_auc"};
    for (ModelKind kind : kModelKinds) table.header.push_back(displayName(kind) + " test_auc");
    table.header.insert(table.header.end(), {"gap_closed", "deep_pattern_max_abs_r"});
    std::vector<double> sums(table.header.size() - 1, 0.0), rankedSums(sums.size(), 0.0);
    int ranked = 0;
    for (const auto& r : rows) {
        const EndpointEvidence* endpoint = endpointEvidence(evidence, r.endpoint);
        if (!endpoint) throw Error("the truth recovery names endpoint " + r.endpoint + ", which the evidence lacks");
        std::vector<double> values = {double(r.testPatients), double(testEvents(*endpoint)), r.oracleAuc,
                                      r.oracleWithoutPatternAuc};
        for (ModelKind kind : kModelKinds) {
            const auto found = r.modelTestAuc.find(displayName(kind));
            values.push_back(found == r.modelTestAuc.end() ? std::nan("") : found->second);
        }
        values.insert(values.end(), {r.gapClosed, r.deepPatternMaxAbsR});
        const bool isRanked = !isDescriptiveOnly(*endpoint);
        ranked += isRanked;
        std::vector<std::string> cells = {r.endpoint};
        for (std::size_t k = 0; k < values.size(); ++k) {
            cells.push_back(formatDouble(values[k]));
            sums[k] += values[k];
            if (isRanked) rankedSums[k] += values[k];
        }
        table.rows.push_back(std::move(cells));
    }
    const auto meanRow = [&](const std::string& name, const std::vector<double>& columnSums, int count) {
        std::vector<std::string> mean = {name};
        for (double sum : columnSums) mean.push_back(formatDouble(sum / count));
        table.rows.push_back(std::move(mean));
    };
    if (!rows.empty()) meanRow("mean", sums, static_cast<int>(rows.size()));
    if (ranked > 0) meanRow("mean_ranked", rankedSums, ranked);
    return table;
}

// drs train --shard I/N --out-dir DIR: only the features step, for this task's share of the
// patients; drs merge --shards DIR --project P records it, and drs train then continues.
int runTrainShard(const Args& args) {
    if (args.has("report") || args.has("fresh")) throw Error("--shard computes features only: no --report or --fresh");
    project::ProjectDb db(existingProject(args));
    ConsoleProgress progress(args.has("quiet"));
    const Shard shard = parseShard(args.value("shard"));
    const ShardTaskSummary summary =
        extractProjectShard(db, studyOptions(args), shard, args.value("out-dir"), progress);
    for (const auto& failure : summary.failures) std::cerr << "drs train: patient " << failure << "\n";
    std::cerr << "drs train: shard " << shard.index << "/" << shard.count << ": " << summary.computed << " computed, "
              << summary.alreadyDone << " already done, " << summary.failures.size() << " failed\n";
    return summary.failures.empty() ? 0 : 1;
}

int runTrain(const Args& args) {
    auto known = kStudyOptions;
    known.insert({"project", "report", "shard", "out-dir"});
    args.allowOnly(known);
    if (args.has("shard") != args.has("out-dir")) throw Error("--shard and --out-dir go together");
    if (args.has("shard")) return runTrainShard(args);
    const StudyOptions options = studyOptions(args);    // a bad option must not create the project file
    models::checkDeepCtOptions(options.endpoint.deep);  // nor a weights file that does not fit the network
    models::prepareProcessForTraining();
    project::ProjectDb db(existingProject(args));
    const auto deep = models::makeTorchDeepCt();
    StudyPipeline pipeline(db, *deep);
    ConsoleProgress progress(args.has("quiet"));
    const std::int64_t runId = pipeline.run(options, progress, !args.has("fresh"));
    writeRunReport(db, runId, args.valueOr("report", ""), progress);
    printSummary(runEvidence(db, runId));
    return 0;
}

int runPredict(const Args& args) {
    args.allowOnly({"project", "image", "mask", "roi", "label", "run", "centre", "out-dir", "series", "key-file",
                    "quiet", "show-paths"});
    project::ProjectDb db(existingProject(args));
    PredictionRequest request;
    request.studyPath = args.value("image");
    request.seriesInstanceUid = args.valueOr("series", "");
    request.maskPath = args.value("mask");
    request.roiName = args.valueOr("roi", "");
    request.label = static_cast<std::uint16_t>(args.integer("label", 1));
    request.runId = args.integer("run", 0);
    request.centre = args.valueOr("centre", "");
    request.outputFolder = args.value("out-dir");
    request.keyFile = args.valueOr("key-file", "");
    request.showPaths = args.has("show-paths");
    const auto deep = models::makeTorchDeepCt();
    ConsoleProgress progress(args.has("quiet"));
    const PatientPrediction prediction = predictPatient(db, *deep, request, progress);
    const auto combat = prediction.provenance.find("combat_by_centre");
    if (combat != prediction.provenance.end() && combat->second.rfind("not applied", 0) == 0)
        std::cerr << "drs predict: warning: ComBat " << combat->second << " (--centre NAME gives the patient's)\n";
    const fs::path folder = fs::u8path(request.outputFolder);
    writePatientPrediction((folder / "prediction.json").string(), prediction);
    writePatientReport(prediction, (folder / "prediction.pdf").string());
    std::cout << "endpoint,probability,threshold,call,test_auc\n";
    for (const auto& e : prediction.endpoints)
        std::cout << e.endpoint << "," << formatDouble(e.probability) << "," << formatDouble(e.threshold) << ","
                  << (e.positive ? "positive" : "negative") << "," << formatDouble(e.testAuc) << "\n";
    return 0;
}

int runDemo(const Args& args) {
    auto known = kStudyOptions;
    known.insert({"out", "patients", "key-file", "external-patients"});
    args.allowOnly(known);
    models::prepareProcessForTraining();
    const fs::path out = fs::u8path(args.value("out"));
    const long patients = args.integer("patients", 300);
    if (patients < 20) throw Error("--patients must be at least 20 (the split and the folds need them)");
    const long externalPatients = args.integer("external-patients", 0);
    if (externalPatients < 0 || externalPatients > 1000) throw Error("--external-patients must be 0 to 1000");
    const StudyOptions options = studyOptions(args);
    models::checkDeepCtOptions(options.endpoint.deep);
    ConsoleProgress progress(args.has("quiet"));
    fs::create_directories(out);
    const fs::path cohortFolder = out / "cohort";
    const fs::path projectPath = out / "project.sqlite";

    // A demo folder from an interrupted run resumes: the cohort and the import are reused.
    if (!fs::exists(cohortFolder / "clinical.csv")) {
        if (fs::exists(cohortFolder)) fs::remove_all(cohortFolder);
        SubProgress generation(progress, 0.0, 0.1);
        synthetic::writeSyntheticCohort(cohortFolder.string(), static_cast<int>(patients), options.seed, generation);
    }
    project::ProjectDb db(projectPath.string());
    if (project::CohortRepository(db).patients().empty()) {
        SubProgress importing(progress, 0.1, 0.2);
        ImportOptions importOptions;
        importOptions.keyFile = args.valueOr("key-file", "");
        importOptions.covariates = synthetic::syntheticCovariates();
        importOptions.threads = options.threads;
        const auto report = importCohort(db, (cohortFolder / "studies").string(),
                                         (cohortFolder / "clinical.csv").string(), importOptions, importing);
        writeCsv((out / "import-report.csv").string(), report.table());
        if (report.acceptedCount() == 0) throw Error("the demo cohort import accepted no study; see import-report.csv");
        std::map<std::string, std::string> pseudonyms;
        for (const auto& outcome : report.outcomes)
            if (outcome.accepted) pseudonyms[outcome.patientId] = outcome.pseudonym;
        synthetic::addPseudonymsToTruth((cohortFolder / "truth.csv").string(), pseudonyms);
    }
    // The locked external cohort: another seed, scanned at a centre no development patient visited.
    const std::string externalName = "Centre-D external";
    const fs::path externalFolder = out / "external-cohort";
    if (externalPatients > 0 && !project::CohortRepository(db).findExternalCohort(externalName)) {
        if (fs::exists(externalFolder)) fs::remove_all(externalFolder);
        SubProgress generation(progress, 0.2, 0.22);
        synthetic::writeSyntheticCohort(externalFolder.string(), static_cast<int>(externalPatients),
                                        options.seed + 1000003, generation, true);
        ImportOptions locked;
        locked.externalCohort = externalName;
        locked.keyFile = args.valueOr("key-file", "");
        locked.threads = options.threads;
        const auto report = importCohort(db, (externalFolder / "studies").string(),
                                         (externalFolder / "clinical.csv").string(), locked, generation);
        writeCsv((out / "external-import-report.csv").string(), report.table());
    }
    const auto deep = models::makeTorchDeepCt();
    StudyPipeline pipeline(db, *deep);
    SubProgress running(progress, 0.22, 0.95);
    const std::int64_t runId = pipeline.run(options, running, !args.has("fresh"));
    if (project::CohortRepository(db).findExternalCohort(externalName)) {
        SubProgress validating(progress, 0.95, 0.97);
        validateOnExternalCohort(db, *deep, runId, externalName, validating);
    }
    SubProgress reporting(progress, 0.97, 1.0);
    writeRunReport(db, runId, "", reporting);
    // The demo's own report and evidence add the planted truth (an appendix); the project keeps
    // the run's report as for any cohort.
    StudyEvidence evidence = runEvidence(db, runId);
    evidence.demoTruth = synthetic::truthRecovery((cohortFolder / "truth.csv").string(), evidence);
    writeStudyReport(evidence, (out / "report.pdf").string());
    writeStudyEvidence((out / "evidence.json").string(), evidence);
    writeCsv((out / "truth-recovery.csv").string(), truthRecoveryTable(evidence.demoTruth, evidence));
    printSummary(evidence);
    std::cerr << "demo: " << (out / "report.pdf").string() << ", " << projectPath.string() << "\n";
    return 0;
}

const char* kStudyUsage =
    "[--fast] [--seed S] [--threads N] [--deep-threads N (1; 0 = all cores)] [--endpoints LVI,EGFR,...] "
    "[--paper-network] [--width-divisor N] [--weights IMAGENET.pt] [--backbone NAME] [--epochs N] [--patience N] "
    "[--device auto|cpu|cuda] [--no-flip-lr] [--flip-ap] [--rotation-deg 10] [--intensity-jitter 0.1] "
    "[--lr-schedule cosine|constant] [--head-activation none|relu] [--input-channels lung] [--patch-mm MM | --patch-fit K] [--radscore-lambda lambda.min|lambda.1se] [--radscore-alpha 1] [--radiomics-params P.yaml|P.json] "
    "[--no-wavelet] "
    "[--no-combat (ComBat by centre, fitted on training patients, is on by default)] [--combat-label-covariate] "
    "[--deep-cv-repeats R] "
    "[--fresh] [--quiet]\n"
    "  --deep-cv-repeats: the first CV repeats, in which Deep-CT and Deep-RadScore are cross-validated with one\n"
    "  network per outer fold (5; 1 with --fast; at most the CV's 10, 2 with --fast); the Radiomics-Score has all\n"
    "  Deep-CT: DenseNet121 at 1/4 width by default (CPU budget); --paper-network: the paper's full-width\n"
    "  single-task DenseNet121 per endpoint, 25 % validation, up to 30 epochs; --width-divisor 1 = full width\n"
    "  --radiomics-params: a pyradiomics parameter file (as drs extract --params) for both regions' features;\n"
    "  its imageType decides the wavelet features; a featureClass must keep every feature\n"
    "  --patience: epochs without a better validation AUC or loss before a Deep-CT network stops (3; 6 with\n"
    "  --paper-network); the best epoch is kept\n"
    "  --head-activation: between Deep-CT's 10 deep features and its classes, none (a linear head) or relu (the\n"
    "  head before 7 Dec 2026, whose units could stop firing for every patient)\n"
    "  --input-channels: what Deep-CT sees, a channel each, joined by +: lung (window -600/1500 HU), mediastinal\n"
    "  (40/400 HU) and tumour (the outline's mask on the patch)\n"
    "  --patch-mm / --patch-fit: the deep patch resampled to MM mm pixels, or to a field of K times the tumour's\n"
    "  largest in-plane extent (every tumour the same share of the patch); neither: the scanner's pixels (the paper)\n"
    "  --combat-label-covariate: ComBat's centre effects estimated net of the endpoint's label (sva's mod), so a\n"
    "  prevalence that differs by centre is not harmonised away";

const Registrar trainRegistrar({"train",
                                "run the Deep-RadScore pipeline on an imported project (resumes an interrupted run)",
                                std::string("--project P.sqlite [--report REPORT.pdf] ") + kStudyUsage +
                                    "\n       with --shard I/N --out-dir DIR: only the features step of task I of N "
                                    "(drs merge --shards DIR --project P.sqlite records it; docs/cluster.md)",
                                {"fast", "no-wavelet", "fresh", "quiet", "paper-network", "flip-ap", "no-flip-lr",
                                 "combat", "no-combat", "combat-label-covariate"},
                                runTrain});
const Registrar predictRegistrar(
    {"predict",
     "predict every trained endpoint for one new study + ROI",
     "--project P.sqlite --image STUDY --mask MASK|RTSTRUCT.dcm|SEG.dcm|S.seg.nrrd [--series UID (a DICOM folder "
     "holding several image series)] [--roi NAME] [--label 1] "
     "[--run ID] [--centre NAME (a run harmonised by centre: that centre's estimates; default: a project "
     "patient's own)] --out-dir DIR "
     "[--key-file SITE.key] [--show-paths] [--quiet]",
     {"quiet", "show-paths"},
     runPredict});
const Registrar demoRegistrar(
    {"demo",
     "the main job: synthetic cohort -> import -> pipeline -> DIR/project.sqlite, DIR/report.pdf",
     std::string("--out DIR [--patients N (300)] [--key-file SITE.key] [--external-patients N (0): a locked "
                 "external cohort from another seed and scanner, validated after the run] ") +
         kStudyUsage,
     {"fast", "no-wavelet", "fresh", "quiet", "paper-network", "flip-ap", "no-flip-lr", "combat", "no-combat",
      "combat-label-covariate"},
     runDemo});

}  // namespace
}  // namespace drs::cli
#endif
