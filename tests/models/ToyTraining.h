#pragma once
// A tiny Deep-CT (DenseNet121 topology at 1/8 width, 64 px input) trained through the port on
// generated patches, so the tests of what a network can learn take seconds on one CPU core.
#include <QDir>
#include <QString>
#include <QtGlobal>
#include <string>
#include <utility>
#include <vector>

#include "core/stats/Roc.h"
#include "models/TorchDeepCt.h"

namespace drs::testing {

inline DeepCtOptions toyOptions() {
    DeepCtOptions options;  // the defaults' augmentation and schedule
    options.widthDivisor = 8;
    options.inputSizePx = 64;
    options.epochs = 12;
    options.earlyStoppingPatience = 12;
    options.learningRate = 3e-3;
    options.batchSize = 16;
    options.threads = 1;
    options.seed = 3;
    return options;
}

// The test AUC of a toy network trained on `training` and saved to modelPath, and its log.
inline std::pair<double, std::string> toyTestAuc(const std::vector<DeepPatch>& training,
                                                 const std::vector<DeepPatch>& test, const DeepCtOptions& options,
                                                 const std::string& modelPath) {
    std::vector<int> labels;
    for (const auto& patch : test) labels.push_back(patch.label);
    auto port = models::makeTorchDeepCt();
    SilentProgress progress;
    const auto result = port->trainAndExtract(training, test, options, modelPath, progress);
    const double auc = stats::auc(labels, result.probabilityByOutput.front());
    qInfo("%s\ntest AUC %.3f", result.log.c_str(), auc);
    return {auc, result.log};
}

}  // namespace drs::testing
