#include <sstream>

#include "app/cli/Command.h"
#include "app/cli/FeatureTable.h"
#include "core/learn/Dataset.h"
#include "core/learn/Folds.h"
#include "core/learn/Lasso.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

int runLasso(const Args& args) {
    args.allowOnly(
        {"table", "label", "features", "exclude", "id", "folds", "fold-file", "seed", "thresh", "alpha", "out"});
    const learn::Dataset data = datasetFromArgs(args, "lasso");
    learn::FoldAssignment folds;
    if (args.has("fold-file")) {
        folds = learn::readFoldFile(args.value("fold-file"), data.labels, false).repeats.front();
    } else {
        const long count = args.integer("folds", 5);
        if (count < 3 || count > data.rows()) throw Error("--folds must lie between 3 and the number of rows");
        folds = learn::repeatedStratifiedFolds(data.labels, static_cast<int>(count), 1,
                                               static_cast<unsigned long>(args.integer("seed", 0)))
                    .repeats.front();
    }
    learn::LassoOptions options;
    if (args.has("thresh")) {
        options.convergenceThreshold = parseDouble(args.value("thresh"), "--thresh");
        if (!(options.convergenceThreshold > 0 && options.convergenceThreshold < 1))
            throw Error("--thresh must lie between 0 and 1 (glmnet's thresh; default 1e-7)");
    }
    if (args.has("alpha")) {
        options.alpha = parseDouble(args.value("alpha"), "--alpha");
        if (!(options.alpha > 0 && options.alpha <= 1))
            throw Error("--alpha must lie in (0, 1] (glmnet's alpha: 1 the LASSO, below 1 the elastic net)");
    }
    const learn::CvLasso cv = learn::cvLasso(data, folds, options);
    std::ostringstream out;
    out << "row_type,lambda,intercept";
    for (const auto& name : data.featureNames) out << ',' << csvEscape(name);
    out << '\n';
    for (const auto& [name, coefficients] :
         {std::pair{"lambda.min", &cv.lambdaMin}, std::pair{"lambda.1se", &cv.lambda1se}}) {
        out << name << ',' << formatDouble(coefficients->lambda) << ',' << formatDouble(coefficients->intercept);
        for (Eigen::Index j = 0; j < coefficients->coefficients.size(); ++j)
            out << ',' << formatDouble(coefficients->coefficients[j]);
        out << '\n';
    }
    writeOutput(args, out.str());
    return 0;
}

const Registrar registrar(
    {"lasso",
     "LASSO (or with --alpha < 1 elastic-net) logistic regression on z-scored features, lambda chosen by "
     "cv.glmnet's binomial deviance",
     "--table T.csv --label COL [--features a,b,c | --exclude a,b] [--id COL] [--folds 5] [--seed 0] "
     "[--fold-file F.csv (row,fold)] [--thresh 1e-7] [--alpha 1] [--out FILE.csv]\n"
     "The features are the table's columns but id, the label and diagnostics_*, less --exclude (e.g. the clinical columns "
     "drs extract copies from its cases file) and constant columns (listed on stderr), or --features.",
     {},
     runLasso});

}  // namespace
}  // namespace drs::cli
