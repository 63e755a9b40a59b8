#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

#include "app/cli/Command.h"
#include "core/learn/Dataset.h"
#include "core/stats/Roc.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

int runRoc(const Args& args) {
    args.allowOnly({"scores", "label", "score", "score2", "level", "bootstrap", "seed", "out"});
    const std::string path = args.value("scores");
    const CsvTable table = readCsv(path);
    if (table.rows.empty()) throw Error(path + ": has a header but no rows; an AUC needs scored cases");
    const std::vector<int> labels = learn::binaryColumn(table, args.value("label"));
    const auto positives = std::count(labels.begin(), labels.end(), 1);
    if (positives == 0 || positives == static_cast<long>(labels.size()))
        throw Error(path + ": column '" + args.value("label") + "' holds one class only (" + std::to_string(positives) +
                    " positives of " + std::to_string(labels.size()) + "); the AUC is undefined");
    const std::vector<double> scores = learn::finiteColumn(table, args.value("score"));
    const double level = args.number("level", 0.95);
    if (!(level > 0 && level < 1)) throw Error("--level must lie between 0 and 1");
    const stats::AucWithCi roc = stats::delongCi(labels, scores, level);
    QJsonObject json{{"n", roc.n},          {"n_pos", roc.nPositive}, {"auc", roc.auc},
                     {"ci_low", roc.ciLow}, {"ci_high", roc.ciHigh},  {"auc_variance", roc.variance},
                     {"level", level}};
    const stats::ThresholdMetrics youden = stats::youdenMetrics(labels, scores);
    json["youden_threshold"] = youden.threshold;
    json["youden_sensitivity"] = youden.recall;
    json["youden_specificity"] = youden.specificity;
    if (args.has("bootstrap")) {
        const long replicates = args.integer("bootstrap", 2000);
        if (replicates < 10) throw Error("--bootstrap needs at least 10 replicates");
        const stats::BootstrapCi ci = stats::bootstrapAucCi(labels, scores, static_cast<int>(replicates),
                                                            static_cast<unsigned>(args.integer("seed", 0)), level);
        json["bootstrap_replicates"] = static_cast<qint64>(replicates);
        json["bootstrap_ci_low"] = ci.ciLow;
        json["bootstrap_ci_high"] = ci.ciHigh;
    }
    if (args.has("score2")) {
        const std::vector<double> scores2 = learn::finiteColumn(table, args.value("score2"));
        const stats::AucComparison paired = stats::delongPaired(labels, scores, scores2);
        const stats::AucWithCi roc2 = stats::delongCi(labels, scores2, level);
        json["auc2"] = paired.auc2;
        json["ci2_low"] = roc2.ciLow;
        json["ci2_high"] = roc2.ciHigh;
        json["z"] = paired.z;
        json["p"] = paired.p;
    }
    writeOutput(args, QJsonDocument(json).toJson(QJsonDocument::Indented).toStdString());
    return 0;
}

const Registrar registrar(
    {"roc",
     "AUC with DeLong 95% CI of a score against a 0/1 label; with --score2 the paired DeLong test",
     "--scores S.csv --label COL --score COL [--score2 COL] [--level 0.95] [--bootstrap N [--seed 0]] [--out FILE.json]",
     {},
     runRoc});

}  // namespace
}  // namespace drs::cli
