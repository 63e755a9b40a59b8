#include "core/learn/CrossValidation.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

#include "core/stats/Roc.h"
#include "core/util/Error.h"
#include "core/util/Parallel.h"

namespace drs::learn {
namespace {

Eigen::MatrixXd rowsOf(const Eigen::MatrixXd& x, const std::vector<int>& rows) {
    Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
    for (std::size_t k = 0; k < rows.size(); ++k) out.row(static_cast<Eigen::Index>(k)) = x.row(rows[k]);
    return out;
}

std::vector<int> labelsOf(const std::vector<int>& labels, const std::vector<int>& rows) {
    std::vector<int> out;
    out.reserve(rows.size());
    for (int r : rows) out.push_back(labels[static_cast<std::size_t>(r)]);
    return out;
}

}  // namespace

PanelCvResult crossValidatePanel(const Eigen::MatrixXd& x, const std::vector<int>& labels, const RepeatedFolds& folds,
                                 const PanelCvOptions& options, Progress* progress) {
    if (x.rows() != static_cast<Eigen::Index>(labels.size()))
        throw Error("cross-validation: feature rows and labels differ in number");
    if (folds.repeats.empty()) throw Error("cross-validation: no folds");
    if (options.classifiers.empty()) throw Error("cross-validation: no classifiers asked for");
    for (const auto& name : options.classifiers) makeClassifier(name);  // unknown names fail before any work
    for (const auto& assignment : folds.repeats)
        if (assignment.size() != labels.size()) throw Error("cross-validation: the folds do not cover every row");

    const int foldCount = folds.folds;
    const int tasks = static_cast<int>(folds.repeats.size()) * foldCount;
    const std::size_t models = options.classifiers.size();
    std::vector<std::vector<double>> aucs(models, std::vector<double>(static_cast<std::size_t>(tasks), 0.0));
    std::atomic<int> done{0};
    std::mutex reportLock;
    parallelFor(tasks, options.threads, progress, [&](int task) {
        const FoldAssignment& assignment = folds.repeats[static_cast<std::size_t>(task / foldCount)];
        const std::vector<int> train = trainRows(assignment, task % foldCount);
        const std::vector<int> test = testRows(assignment, task % foldCount);
        const std::vector<int> testLabels = labelsOf(labels, test);
        ClassifierOptions foldOptions = options.classifier;
        foldOptions.seed = options.classifier.seed + static_cast<unsigned long>(task);
        const auto probabilities = panelFoldProbabilities(rowsOf(x, train), labelsOf(labels, train), rowsOf(x, test),
                                                          options.classifiers, foldOptions);
        for (std::size_t m = 0; m < models; ++m)
            aucs[m][static_cast<std::size_t>(task)] =
                stats::auc(testLabels, {probabilities[m].data(), probabilities[m].data() + probabilities[m].size()});
        const int finished = ++done;
        if (progress) {
            const std::lock_guard<std::mutex> guard(reportLock);
            progress->step(static_cast<double>(finished) / tasks,
                           "cross-validation fold " + std::to_string(finished) + " of " + std::to_string(tasks));
        }
    });

    PanelCvResult result;
    double positives = 0;
    for (int y : labels) positives += y;
    result.prevalence = positives / static_cast<double>(labels.size());
    result.fewestTestPositives = static_cast<int>(labels.size());
    for (const auto& assignment : folds.repeats)
        for (int f = 0; f < foldCount; ++f) {
            int count = 0;
            for (int r : testRows(assignment, f)) count += labels[static_cast<std::size_t>(r)];
            result.fewestTestPositives = std::min(result.fewestTestPositives, count);
        }
    for (std::size_t m = 0; m < models; ++m) result.classifiers.push_back({options.classifiers[m], aucs[m]});
    summarisePanel(result);
    return result;
}

std::vector<Eigen::VectorXd> panelFoldProbabilities(const Eigen::MatrixXd& xTrain, const std::vector<int>& trainLabels,
                                                    const Eigen::MatrixXd& xHeldOut,
                                                    const std::vector<std::string>& classifiers,
                                                    const ClassifierOptions& options) {
    const ZScore scaler = ZScore::fit(xTrain);
    const Eigen::MatrixXd scaledTrain = scaler.apply(xTrain);
    const Eigen::MatrixXd scaledHeldOut = scaler.apply(xHeldOut);
    std::vector<Eigen::VectorXd> probabilities;
    for (const auto& name : classifiers) {
        auto model = makeClassifier(name, options);
        model->fit(scaledTrain, trainLabels);
        probabilities.push_back(model->predictProbability(scaledHeldOut));
    }
    return probabilities;
}

void summarisePanel(PanelCvResult& result) {
    double bestMean = -1;
    for (ClassifierCvResult& c : result.classifiers) {
        // A fold without both classes among its held-out rows has no AUC (NaN); the others count.
        std::vector<double> defined;
        for (double auc : c.foldAucs)
            if (!std::isnan(auc)) defined.push_back(auc);
        const Eigen::Map<const Eigen::VectorXd> values(defined.data(), static_cast<Eigen::Index>(defined.size()));
        c.meanAuc = values.mean();
        c.sdAuc = values.size() > 1
                      ? std::sqrt((values.array() - c.meanAuc).square().sum() / static_cast<double>(values.size() - 1))
                      : 0.0;
        if (c.meanAuc > bestMean) {
            bestMean = c.meanAuc;
            result.best = c.name;
        }
    }
}

Eigen::VectorXd FittedModel::predictProbability(const Eigen::MatrixXd& rawFeatures) const {
    return classifier->predictProbability(scaler.apply(rawFeatures));
}

FittedModel fitModel(const std::string& classifier, const Eigen::MatrixXd& x, const std::vector<int>& labels,
                     const ClassifierOptions& options) {
    FittedModel fitted;
    fitted.scaler = ZScore::fit(x);
    fitted.classifier = makeClassifier(classifier, options);
    fitted.classifier->fit(fitted.scaler.apply(x), labels);
    return fitted;
}

}  // namespace drs::learn
