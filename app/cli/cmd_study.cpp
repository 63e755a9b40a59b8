// Project-level commands: train (the pipeline on an imported project), predict (one new patient),
// and demo (synthetic cohort -> import -> pipeline -> report), the product's main job. They write
// PDF reports, so they exist in builds with the report writer.
#ifdef DRS_WITH_REPORT
#include <QJsonDocument>
#include <filesystem>
#include <iostream>

#include "app/cli/Command.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/Prediction.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/util/Error.h"
#include "models/TorchDeepCt.h"
#include "ui/report/ReportWriter.h"

namespace drs::cli {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kStudyOptions{"fast",     "seed",   "threads",    "deep-threads", "endpoints", "weights",
                                          "backbone", "epochs", "no-wavelet", "fresh",        "quiet"};

StudyOptions studyOptions(const Args& args) {
    StudyOptions options = args.has("fast") ? StudyOptions::fast() : StudyOptions::standard();
    const long seed = args.integer("seed", 0);
    if (seed < 0) throw Error("--seed must not be negative");
    options.seed = static_cast<std::uint64_t>(seed);
    options.threads = static_cast<int>(args.integer("threads", 2));
    if (options.threads < 1) throw Error("--threads must be at least 1");
    options.endpoint.deep.threads = static_cast<int>(args.integer("deep-threads", options.endpoint.deep.threads));
    if (options.endpoint.deep.threads < 0) throw Error("--deep-threads must be 0 (all cores) or more");
    options.endpoints = args.list("endpoints");
    options.endpoint.deep.imagenetWeightsPath = args.valueOr("weights", "");
    options.endpoint.deep.backbone = args.valueOr("backbone", options.endpoint.deep.backbone);
    options.endpoint.deep.epochs = static_cast<int>(args.integer("epochs", options.endpoint.deep.epochs));
    if (options.endpoint.deep.epochs < 1) throw Error("--epochs must be at least 1");
    if (args.has("no-wavelet")) options.wavelet = false;
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

int runTrain(const Args& args) {
    auto known = kStudyOptions;
    known.insert({"project", "report"});
    args.allowOnly(known);
    models::prepareProcessForTraining();
    project::ProjectDb db(args.value("project"));
    const auto deep = models::makeTorchDeepCt();
    StudyPipeline pipeline(db, *deep);
    ConsoleProgress progress(args.has("quiet"));
    const std::int64_t runId = pipeline.run(studyOptions(args), progress, !args.has("fresh"));
    writeRunReport(db, runId, args.valueOr("report", ""), progress);
    printSummary(runEvidence(db, runId));
    return 0;
}

int runPredict(const Args& args) {
    args.allowOnly({"project", "image", "mask", "roi", "label", "run", "out-dir", "series", "key-file", "quiet"});
    project::ProjectDb db(args.value("project"));
    PredictionRequest request;
    request.studyPath = args.value("image");
    request.maskPath = args.value("mask");
    request.roiName = args.valueOr("roi", "");
    request.label = static_cast<std::uint16_t>(args.integer("label", 1));
    request.runId = args.integer("run", 0);
    request.outputFolder = args.value("out-dir");
    request.keyFile = args.valueOr("key-file", "");
    const auto deep = models::makeTorchDeepCt();
    ConsoleProgress progress(args.has("quiet"));
    const PatientPrediction prediction = predictPatient(db, *deep, request, progress);
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
    known.insert({"out", "patients", "key-file"});
    args.allowOnly(known);
    models::prepareProcessForTraining();
    const fs::path out = fs::u8path(args.value("out"));
    const long patients = args.integer("patients", 300);
    if (patients < 20) throw Error("--patients must be at least 20 (the split and the folds need them)");
    const StudyOptions options = studyOptions(args);
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
        const auto report = importCohort(db, (cohortFolder / "studies").string(),
                                         (cohortFolder / "clinical.csv").string(), importOptions, importing);
        writeCsv((out / "import-report.csv").string(), report.table());
        if (report.acceptedCount() == 0) throw Error("the demo cohort import accepted no study; see import-report.csv");
    }
    const auto deep = models::makeTorchDeepCt();
    StudyPipeline pipeline(db, *deep);
    SubProgress running(progress, 0.2, 0.97);
    const std::int64_t runId = pipeline.run(options, running, !args.has("fresh"));
    SubProgress reporting(progress, 0.97, 1.0);
    writeRunReport(db, runId, (out / "report.pdf").string(), reporting);
    writeStudyEvidence((out / "evidence.json").string(), runEvidence(db, runId));
    printSummary(runEvidence(db, runId));
    std::cerr << "demo: " << (out / "report.pdf").string() << ", " << projectPath.string() << "\n";
    return 0;
}

const char* kStudyUsage =
    "[--fast] [--seed S] [--threads N] [--deep-threads N (1; 0 = all cores)] [--endpoints LVI,EGFR,...] [--weights IMAGENET.pt] [--backbone NAME] "
    "[--epochs N] [--no-wavelet] [--fresh] [--quiet]";

const Registrar trainRegistrar({"train",
                                "run the Deep-RadScore pipeline on an imported project (resumes an interrupted run)",
                                std::string("--project P.sqlite [--report REPORT.pdf] ") + kStudyUsage,
                                {"fast", "no-wavelet", "fresh", "quiet"},
                                runTrain});
const Registrar predictRegistrar({"predict",
                                  "predict every trained endpoint for one new study + ROI",
                                  "--project P.sqlite --image STUDY --mask MASK|RTSTRUCT.dcm [--roi NAME] [--label 1] "
                                  "[--run ID] --out-dir DIR [--key-file SITE.key] [--quiet]",
                                  {"quiet"},
                                  runPredict});
const Registrar demoRegistrar(
    {"demo",
     "the main job: synthetic cohort -> import -> pipeline -> DIR/project.sqlite, DIR/report.pdf",
     std::string("--out DIR [--patients N (300)] [--key-file SITE.key] ") + kStudyUsage,
     {"fast", "no-wavelet", "fresh", "quiet"},
     runDemo});

}  // namespace
}  // namespace drs::cli
#endif
