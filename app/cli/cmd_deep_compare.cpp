// drs deep-compare: trains the Deep-CT network once per backbone on the same patients and
// reports the shape of the paper's Table 2 - AUC, accuracy, sensitivity, specificity, PPV, NPV
// with 95% CIs on the training, validation (the held-out quarter used for early stopping) and
// test patients. Operating point: P(label = 1) >= 0.5. The backbones are ranked by validation
// AUC: the paper chose its backbone by test AUC, which makes the test cohort part of the fit.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "app/cli/cmd_deep_patches.h"
#include "core/stats/Roc.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "models/TorchDeepCt.h"

namespace drs::cli {
namespace {

struct Interval {
    double value = NAN, low = NAN, high = NAN;
};

// Wilson score interval: well-behaved for small counts and proportions near 0 or 1.
Interval proportion(double successes, double total) {
    Interval result;
    if (total <= 0) return result;
    const double z = 1.959963984540054, p = successes / total;
    const double centre = (p + z * z / (2 * total)) / (1 + z * z / total);
    const double half = z / (1 + z * z / total) * std::sqrt(p * (1 - p) / total + z * z / (4 * total * total));
    return {p, centre - half, centre + half};
}

// AUC with the Hanley & McNeil (1982) standard error.
Interval aucInterval(const std::vector<double>& scores, const std::vector<int>& labels) {
    Interval result;
    double positives = 0;
    for (int label : labels) positives += label;
    const double negatives = static_cast<double>(labels.size()) - positives;
    if (positives == 0 || negatives == 0) return result;
    result.value = stats::auc(labels, scores);
    const double a = result.value, q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
    const double se = std::sqrt((a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a)) /
                                (positives * negatives));
    result.low = std::max(0.0, a - 1.959963984540054 * se);
    result.high = std::min(1.0, a + 1.959963984540054 * se);
    return result;
}

std::string cells(const Interval& interval) {
    return formatDouble(interval.value) + "," + formatDouble(interval.low) + "," + formatDouble(interval.high);
}

std::string metricsRow(const std::vector<double>& probabilities, const std::vector<int>& labels) {
    double tp = 0, tn = 0, fp = 0, fn = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const bool predicted = probabilities[i] >= 0.5;
        if (labels[i] == 1)
            (predicted ? tp : fn) += 1;
        else
            (predicted ? fp : tn) += 1;
    }
    std::ostringstream row;
    row << labels.size() << "," << static_cast<int>(tp + fn) << "," << cells(aucInterval(probabilities, labels)) << ","
        << cells(proportion(tp + tn, tp + tn + fp + fn)) << "," << cells(proportion(tp, tp + fn)) << ","
        << cells(proportion(tn, tn + fp)) << "," << cells(proportion(tp, tp + fp)) << ","
        << cells(proportion(tn, tn + fn));
    return row.str();
}

int runDeepCompare(const Args& args) {
    auto known = deepCtOptionNames();
    known.insert({"patches", "backbones", "model-dir", "out"});
    args.allowOnly(known);
    const PatchList list = readPatchList(args.value("patches"));
    std::vector<std::string> backbones = args.list("backbones");
    if (backbones.empty()) backbones = {"densenet121", "resnet50", "resnet101", "vgg19", "inception_v3"};
    const std::string modelDir = args.valueOr("model-dir", std::filesystem::temp_directory_path().string());
    std::vector<DeepPatch> training;
    for (std::size_t i = 0; i < list.patches.size(); ++i) {
        if (list.splits[i].empty())
            throw Error(args.value("patches") + ": deep-compare needs a split column (train/test)");
        if (list.splits[i] == "train") {
            if (list.patches[i].label < 0)
                throw Error(list.patches[i].patientId + ": training patient without a label");
            training.push_back(list.patches[i]);
        }
    }
    models::prepareProcessForTraining();
    std::ostringstream csv;
    csv << "backbone,subset,n,n_positive";
    for (const char* metric : {"auc", "accuracy", "sensitivity", "specificity", "ppv", "npv"})
        csv << "," << metric << "," << metric << "_ci_low," << metric << "_ci_high";
    csv << ",pretrained,epochs_run,rank_by_validation_auc\n";
    struct Compared {
        std::string backbone;
        std::map<std::string, std::pair<std::vector<double>, std::vector<int>>> subsets;
        bool pretrained = false;
        int epochsRun = 0;
        double validationAuc = NAN;
    };
    std::vector<Compared> compared;
    auto port = models::makeTorchDeepCt();
    for (const auto& backbone : backbones) {
        DeepCtOptions options = deepCtOptionsFromArgs(args);
        options.backbone = backbone;
        std::cerr << "== " << backbone << "\n";
        DeepConsoleProgress progress;
        const auto modelPath = (std::filesystem::path(modelDir) / ("deep-compare-" + backbone + ".pt")).string();
        const DeepCtResult result = port->trainAndExtract(training, list.patches, options, modelPath, progress);
        std::cerr << result.log;
        const std::set<std::string> validation(result.validationPatientIds.begin(), result.validationPatientIds.end());
        std::map<std::string, std::pair<std::vector<double>, std::vector<int>>> subsets;
        for (std::size_t i = 0; i < list.patches.size(); ++i) {
            if (list.patches[i].label < 0) continue;
            const std::string subset = list.splits[i] == "test"                      ? "test"
                                       : validation.count(list.patches[i].patientId) ? "validation"
                                                                                     : "training";
            subsets[subset].first.push_back(result.probabilityByOutput.front()[i]);
            subsets[subset].second.push_back(list.patches[i].label);
        }
        Compared entry{backbone, subsets, result.pretrainedWeightsUsed, result.epochsRun};
        if (subsets.count("validation"))
            entry.validationAuc = aucInterval(subsets["validation"].first, subsets["validation"].second).value;
        compared.push_back(std::move(entry));
    }
    // Best validation AUC first; a backbone without one (too few patients to validate) last.
    std::stable_sort(compared.begin(), compared.end(), [](const Compared& a, const Compared& b) {
        return !std::isnan(a.validationAuc) && (std::isnan(b.validationAuc) || a.validationAuc > b.validationAuc);
    });
    for (std::size_t rank = 0; rank < compared.size(); ++rank) {
        auto& c = compared[rank];
        for (const char* subset : {"training", "validation", "test"}) {
            if (!c.subsets.count(subset)) continue;
            csv << c.backbone << "," << subset << "," << metricsRow(c.subsets[subset].first, c.subsets[subset].second)
                << "," << (c.pretrained ? "true" : "false") << "," << c.epochsRun << "," << rank + 1 << "\n";
        }
    }
    if (!compared.empty())
        std::cerr << "chosen backbone: " << compared.front().backbone << " (best validation AUC "
                  << formatDouble(compared.front().validationAuc)
                  << "); the test rows are reported, never used to rank\n";
    writeOutput(args, csv.str());
    return 0;
}

const Registrar registrar(
    {"deep-compare",
     "Table 2: Deep-CT with each backbone, AUC/accuracy/sensitivity/specificity/PPV/NPV (CSV)",
     "--patches P.csv (id,label,patch,split=train|test) [--backbones densenet121,resnet50,resnet101,vgg19,"
     "inception_v3] [--model-dir DIR] [--out TABLE.csv] [deep-train options: --fast --epochs --seed ...]\n"
     "  CIs: Hanley-McNeil for AUC, Wilson for proportions; threshold P >= 0.5; backbones ranked by validation "
     "AUC, best first (the test rows never rank them)",
     {"fast", "no-augment", "amp", "flip-ap", "no-flip-lr"},
     runDeepCompare});

}  // namespace
}  // namespace drs::cli
