// Does the Deep-CT network learn the demo's planted pattern? Trains the product's multi-task
// network (models/DeepCtTrainer) on the demo's deep patches with the given options and reports,
// on held-out TRAINING patients (the study's test patients are never read), each output's AUC, the
// largest |Pearson r| between a deep feature and each truth latent (`pattern`, which only a CNN can
// see; `smoking`, the lung density of the whole patch; `solidity`), and the CPU time.
// Input: the folder bench/models/dump_deep_patches.py writes (patches.f32, patients.csv).
// Usage: bench_deep_learn --data DIR [--epochs 8] [--lr 1e-3] [--batch 16] [--level -600]
//        [--width 1500] [--width-divisor 4] [--input-px 0] [--patience 3] [--held-out 0.25]
//        [--schedule cosine] [--rotation-deg 10] [--intensity-jitter 0.1] [--seed 0]
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>
#include <sstream>

#include "core/stats/Roc.h"
#include "core/util/Progress.h"
#include "models/DeepCtTrainer.h"

using namespace drs;

namespace {

struct Patient {
    std::string pseudonym, subset;
    std::vector<int> labels;
    std::vector<double> latents;  // kLatents' columns
};

// The truth latents whose correlation with the deep features is reported, as patients.csv names them.
const std::vector<std::string> kLatents = {"z_pattern", "z_smoking", "z_solidity"};

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
    return cells;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = static_cast<double>(a.size());
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n, mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;
}

class Quiet : public Progress {
protected:
    void report(double, const std::string&) override {}
};

}  // namespace

int main(int argc, char** argv) {
    std::string data;
    double heldOut = 0.25;
    DeepCtOptions options = DeepCtOptions::fast();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--data")
            data = value;
        else if (flag == "--epochs")
            options.epochs = std::stoi(value);
        else if (flag == "--lr")
            options.learningRate = std::stod(value);
        else if (flag == "--batch")
            options.batchSize = std::stoi(value);
        else if (flag == "--level")
            options.windowLevelHu = std::stod(value);
        else if (flag == "--width")
            options.windowWidthHu = std::stod(value);
        else if (flag == "--width-divisor")
            options.widthDivisor = std::stoi(value);
        else if (flag == "--input-px")
            options.inputSizePx = std::stoi(value);
        else if (flag == "--patience")
            options.earlyStoppingPatience = std::stoi(value);
        else if (flag == "--held-out")
            heldOut = std::stod(value);
        else if (flag == "--schedule")
            options.learningRateSchedule = value;
        else if (flag == "--rotation-deg")
            options.maxRotationDeg = std::stod(value);
        else if (flag == "--intensity-jitter")
            options.intensityJitter = std::stod(value);
        else if (flag == "--seed")
            options.seed = std::stoull(value);
        else {
            std::cerr << "unknown option " << flag << "\n";
            return 2;
        }
    }
    std::ifstream csv(data + "/patients.csv");
    std::string line;
    std::getline(csv, line);
    const auto header = splitCsv(line);
    const std::size_t endpoints = header.size() - 2 - 5;  // pseudonym, subset ... 5 truth columns
    std::vector<std::size_t> latentColumns;
    for (const auto& name : kLatents) {
        const auto column = std::find(header.begin(), header.end(), name);
        if (column == header.end()) {
            std::cerr << data << "/patients.csv: no column " << name << "\n";
            return 2;
        }
        latentColumns.push_back(static_cast<std::size_t>(column - header.begin()));
    }
    std::vector<Patient> patients;
    while (std::getline(csv, line)) {
        const auto cells = splitCsv(line);
        Patient p{cells[0], cells[1], {}, {}};
        for (std::size_t column : latentColumns) p.latents.push_back(std::stod(cells[column]));
        for (std::size_t e = 0; e < endpoints; ++e) p.labels.push_back(std::stoi(cells[2 + e]));
        patients.push_back(p);
    }
    const std::size_t pixels = static_cast<std::size_t>(kDeepPatchSizePx) * kDeepPatchSizePx;
    std::ifstream raw(data + "/patches.f32", std::ios::binary);
    std::vector<DeepPatch> patches;
    for (const auto& p : patients) {
        DeepPatch patch{p.pseudonym, std::vector<float>(pixels), -1};
        raw.read(reinterpret_cast<char*>(patch.hu160x160.data()), static_cast<std::streamsize>(pixels * 4));
        patches.push_back(std::move(patch));
    }
    // Held-out: the patients of subset "eval" (a cohort made for this bench), else a random share
    // of the study's training patients; a demo's test patients stay unread.
    std::vector<std::size_t> training, held, fit;
    for (std::size_t i = 0; i < patients.size(); ++i) {
        if (patients[i].subset == "train") training.push_back(i);
        if (patients[i].subset == "eval") held.push_back(i);
    }
    if (held.empty()) {
        std::mt19937_64 random(12345);
        for (std::size_t i = training.size(); i > 1; --i) std::swap(training[i - 1], training[random() % i]);
        const auto heldCount = static_cast<std::size_t>(std::lround(heldOut * training.size()));
        held.assign(training.begin(), training.begin() + static_cast<std::ptrdiff_t>(heldCount));
        fit.assign(training.begin() + static_cast<std::ptrdiff_t>(heldCount), training.end());
    } else {
        fit = training;
    }

    std::vector<DeepPatch> fitPatches, heldPatches;
    OutputLabels labels(endpoints);
    for (auto i : fit) {
        fitPatches.push_back(patches[i]);
        for (std::size_t e = 0; e < endpoints; ++e) labels[e].push_back(patients[i].labels[e]);
    }
    for (auto i : held) heldPatches.push_back(patches[i]);
    options.minimumClassCount = 2;
    Quiet quiet;
    const std::clock_t cpuStart = std::clock();
    const auto trained = models::trainDeepCt(fitPatches, labels, options, quiet);
    const double cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    std::cout << trained.log;
    const auto inference = models::runInference(*trained.net, heldPatches);
    std::vector<std::vector<double>> features(kDeepFeatureCount);  // [feature][held-out patient]
    for (const auto& f : inference.features)
        for (std::size_t k = 0; k < features.size(); ++k) features[k].push_back(f[k]);
    std::vector<double> maxR(kLatents.size(), 0.0);
    for (std::size_t t = 0; t < kLatents.size(); ++t) {
        std::vector<double> latent;
        for (auto i : held) latent.push_back(patients[i].latents[t]);
        for (const auto& feature : features) maxR[t] = std::max(maxR[t], std::abs(pearson(feature, latent)));
    }
    std::cout << "held-out " << held.size() << " patients, fitted on " << fit.size() << ":";
    double sum = 0;
    int counted = 0;
    for (std::size_t e = 0; e < endpoints; ++e) {
        std::vector<int> y;
        std::vector<double> s;
        for (std::size_t k = 0; k < held.size(); ++k)
            if (patients[held[k]].labels[e] >= 0) {
                y.push_back(patients[held[k]].labels[e]);
                s.push_back(inference.probabilityByOutput[e][k]);
            }
        const int positives = std::accumulate(y.begin(), y.end(), 0);
        const double auc = positives > 0 && positives < static_cast<int>(y.size()) ? stats::auc(y, s) : std::nan("");
        std::cout << " " << header[2 + e] << " " << auc;
        if (std::isfinite(auc)) {
            sum += auc;
            ++counted;
        }
    }
    std::cout << "\nmean held-out AUC " << sum / counted << "; max |r| deep feature vs pattern " << maxR[0]
              << ", vs smoking " << maxR[1] << ", vs solidity " << maxR[2] << "; kept epoch " << trained.bestEpoch
              << " of " << trained.epochsRun << "; training CPU " << cpuSeconds << " s\n";
    return 0;
}
