#include "core/learn/CrossValidation.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include "core/stats/Roc.h"
#include "core/util/Error.h"

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
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::mutex reportLock;
    std::exception_ptr failure;
    const auto work = [&] {
        for (int task = next++; task < tasks; task = next++) {
            try {
                if (progress) progress->throwIfCancelled();
                const int repeat = task / foldCount;
                const int fold = task % foldCount;
                const FoldAssignment& assignment = folds.repeats[static_cast<std::size_t>(repeat)];
                const std::vector<int> train = trainRows(assignment, fold);
                const std::vector<int> test = testRows(assignment, fold);
                const std::vector<int> trainLabels = labelsOf(labels, train);
                const std::vector<int> testLabels = labelsOf(labels, test);
                const ZScore scaler = ZScore::fit(rowsOf(x, train));
                const Eigen::MatrixXd xTrain = scaler.apply(rowsOf(x, train));
                const Eigen::MatrixXd xTest = scaler.apply(rowsOf(x, test));
                ClassifierOptions foldOptions = options.classifier;
                foldOptions.seed = options.classifier.seed + static_cast<unsigned long>(task);
                for (std::size_t m = 0; m < models; ++m) {
                    auto model = makeClassifier(options.classifiers[m], foldOptions);
                    model->fit(xTrain, trainLabels);
                    const Eigen::VectorXd p = model->predictProbability(xTest);
                    aucs[m][static_cast<std::size_t>(task)] = stats::auc(testLabels, {p.data(), p.data() + p.size()});
                }
                const int finished = ++done;
                if (progress) {
                    const std::lock_guard<std::mutex> guard(reportLock);
                    progress->step(
                        static_cast<double>(finished) / tasks,
                        "cross-validation fold " + std::to_string(finished) + " of " + std::to_string(tasks));
                }
            } catch (...) {
                const std::lock_guard<std::mutex> guard(reportLock);
                if (!failure) failure = std::current_exception();
                next = tasks;  // stop the other workers
            }
        }
    };
    const int threads = std::max(
        1,
        std::min(tasks, options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency())));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);

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
    double bestMean = -1;
    for (std::size_t m = 0; m < models; ++m) {
        ClassifierCvResult c;
        c.name = options.classifiers[m];
        c.foldAucs = aucs[m];
        const Eigen::Map<const Eigen::VectorXd> values(c.foldAucs.data(), static_cast<Eigen::Index>(c.foldAucs.size()));
        c.meanAuc = values.mean();
        c.sdAuc = values.size() > 1
                      ? std::sqrt((values.array() - c.meanAuc).square().sum() / static_cast<double>(values.size() - 1))
                      : 0.0;
        if (c.meanAuc > bestMean) {
            bestMean = c.meanAuc;
            result.best = c.name;
        }
        result.classifiers.push_back(std::move(c));
    }
    return result;
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
