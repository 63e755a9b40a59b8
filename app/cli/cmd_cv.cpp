#include <cstdio>
#include <sstream>

#include "app/cli/Command.h"
#include "app/cli/FeatureTable.h"
#include "core/learn/CrossValidation.h"
#include "core/learn/Dataset.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

int runCv(const Args& args) {
    args.allowOnly({"table", "label", "features", "exclude", "id", "folds", "repeats", "seed", "fold-file",
                    "classifiers", "class-weight", "threads", "per-fold", "out"});
    const learn::Dataset data = datasetFromArgs(args, "cv");
    learn::RepeatedFolds folds;
    if (args.has("fold-file")) {
        folds = learn::readFoldFile(args.value("fold-file"), data.labels, true);
    } else {
        const long count = args.integer("folds", 5);
        const long repeats = args.integer("repeats", 10);
        if (count < 2 || count > data.rows())
            throw Error("--folds must lie between 2 and the number of rows (" + std::to_string(data.rows()) + ")");
        if (repeats < 1) throw Error("--repeats must be at least 1");
        folds = learn::repeatedStratifiedFolds(data.labels, static_cast<int>(count), static_cast<int>(repeats),
                                               static_cast<unsigned long>(args.integer("seed", 0)));
    }
    learn::PanelCvOptions options;
    if (args.has("classifiers")) options.classifiers = args.list("classifiers");
    const std::string weighting = args.valueOr("class-weight", "none");
    if (weighting != "none" && weighting != "balanced") throw Error("--class-weight must be 'none' or 'balanced'");
    options.classifier.balancedClassWeights = weighting == "balanced";
    options.classifier.seed = static_cast<unsigned long>(args.integer("seed", 0));
    options.threads = static_cast<int>(args.integer("threads", 0));
    const learn::PanelCvResult result = learn::crossValidatePanel(data.features, data.labels, folds, options);

    std::ostringstream out;
    out << "classifier,mean_auc,sd_auc\n";
    for (const auto& c : result.classifiers)
        out << c.name << ',' << formatDouble(c.meanAuc) << ',' << formatDouble(c.sdAuc) << '\n';
    writeOutput(args, out.str());
    if (args.has("per-fold")) {
        CsvTable perFold;
        perFold.header = {"classifier", "repeat", "fold", "auc"};
        for (const auto& c : result.classifiers)
            for (std::size_t k = 0; k < c.foldAucs.size(); ++k)
                perFold.rows.push_back({c.name, std::to_string(k / static_cast<std::size_t>(folds.folds)),
                                        std::to_string(k % static_cast<std::size_t>(folds.folds)),
                                        formatDouble(c.foldAucs[k])});
        writeCsv(args.value("per-fold"), perFold);
    }
    std::fprintf(stderr, "drs cv: best by mean AUC: %s; prevalence %.1f%%, fewest positives in a test fold: %d%s\n",
                 result.best.c_str(), 100 * result.prevalence, result.fewestTestPositives,
                 result.prevalence < 0.1 && !options.classifier.balancedClassWeights
                     ? " (rare endpoint: consider --class-weight balanced)"
                     : "");
    return 0;
}

const Registrar registrar(
    {"cv",
     "repeated stratified cross-validation of the classifier panel (z-score inside each training fold)",
     "--table T.csv --label COL [--features a,b,c | --exclude a,b] [--id COL] [--folds 5] [--repeats 10] [--seed 0] "
     "[--fold-file F.csv (repeat,row,fold)] [--classifiers svm,knn,rf,nb,lr,mlp,lda] "
     "[--class-weight none|balanced] [--threads N] [--per-fold FILE.csv] [--out FILE.csv]\n"
     "The features are the table's columns but id, the label and diagnostics_*, less --exclude (e.g. the clinical columns "
     "drs extract copies from its cases file) and constant columns (listed on stderr), or --features.",
     {},
     runCv});

}  // namespace
}  // namespace drs::cli
