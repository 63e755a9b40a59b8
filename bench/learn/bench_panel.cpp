// Times the classifier panel's repeated cross-validation (the work of `drs cv`) on a table.
// Usage: bench_learn_panel TABLE.csv LABEL FEATURES(a,b,..) FOLD_FILE [threads] [endpoints]
// Prints one line per classifier (wall and process-CPU seconds of its 50 fits, mean AUC) and the
// panel total;
// `endpoints` > 1 repeats the whole panel that many times (one per endpoint in a study).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>

#include "core/learn/CrossValidation.h"
#include "core/learn/Dataset.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

int main(int argc, char** argv) {
    using Clock = std::chrono::steady_clock;
    if (argc < 5) {
        std::fprintf(stderr, "usage: bench_learn_panel TABLE.csv LABEL FEATURES FOLD_FILE [threads] [endpoints]\n");
        return 2;
    }
    try {
        std::vector<std::string> features;
        std::stringstream list(argv[3]);
        for (std::string name; std::getline(list, name, ',');) features.push_back(name);
        const drs::learn::Dataset data = drs::learn::datasetFromTable(drs::readCsv(argv[1]), {argv[2], features, "id"});
        const drs::learn::RepeatedFolds folds = drs::learn::readFoldFile(argv[4], data.labels, true);
        const int threads = argc > 5 ? std::atoi(argv[5]) : 1;
        const int endpoints = argc > 6 ? std::atoi(argv[6]) : 1;
        double total = 0;
        double totalCpu = 0;
        for (const auto& name : drs::learn::panelClassifierNames()) {
            drs::learn::PanelCvOptions options;
            options.classifiers = {name};
            options.threads = threads;
            const auto start = Clock::now();
            const std::clock_t cpuStart = std::clock();
            double auc = 0;
            for (int e = 0; e < endpoints; ++e) {
                options.classifier.seed = static_cast<unsigned long>(e);
                auc = drs::learn::crossValidatePanel(data.features, data.labels, folds, options).classifiers[0].meanAuc;
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            const double cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
            total += seconds;
            totalCpu += cpuSeconds;
            std::printf("%-4s %8.3f s wall %8.3f s CPU  mean AUC %.4f\n", name.c_str(), seconds, cpuSeconds, auc);
        }
        std::printf("panel %7.3f s wall %8.3f s CPU  (%d x %zu repeats x %d folds, %d thread(s), %d endpoint(s))\n",
                    total, totalCpu, static_cast<int>(drs::learn::panelClassifierNames().size()), folds.repeats.size(),
                    folds.folds, threads, endpoints);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_learn_panel: %s\n", e.what());
        return 1;
    }
    return 0;
}
