// drs deep-features: the 10 deep features (and P(label = 1)) of every listed patch under a
// trained Deep-CT model; with --shard I/N one array task's share, merged by drs merge.
#include <iostream>

#include "app/cli/cmd_deep_patches.h"
#include "core/pipeline/Shard.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "models/TorchDeepCt.h"

namespace drs::cli {
namespace {

std::vector<std::string> columnNames() {
    std::vector<std::string> names;
    for (int k = 1; k <= kDeepFeatureCount; ++k) names.push_back("deep_" + std::to_string(k));
    names.push_back("probability");
    return names;
}

// The model, its output and every patch's pixels: tasks of one job agree on it.
std::string jobFingerprint(const std::string& modelPath, int output, const std::vector<DeepPatch>& patches) {
    std::string job = std::string("deep-features\n") + DRS_VERSION + "\n" + sha256File(modelPath);
    if (output != 0) job += "\noutput " + std::to_string(output);
    for (const auto& p : patches)
        job +=
            "\n" + p.patientId + "\t" +
            sha256(std::string(reinterpret_cast<const char*>(p.hu160x160.data()), p.hu160x160.size() * sizeof(float)));
    return sha256(job);
}

// The task's pending patches go through the model in one call: whole blocks of
// kInferenceBatchPatches, so every patch is inferred in the same batch as in a single run.
int runShard(const Args& args, const std::vector<DeepPatch>& patches, DeepCtPort& port, int output) {
    const Shard shard = parseShard(args.value("shard"));
    const std::string model = args.value("model");
    const ShardFolder folder(args.value("out-dir"), jobFingerprint(model, output, patches), patches.size());
    std::vector<std::size_t> pending;
    for (std::size_t index : shareOf(shard, patches.size(), models::kInferenceBatchPatches))
        if (!folder.isDone(index, patches[index].patientId)) pending.push_back(index);
    std::vector<std::size_t> blocks;  // pending patches, widened to whole blocks
    for (std::size_t index : pending) {
        const std::size_t first = index - index % models::kInferenceBatchPatches;
        if (!blocks.empty() && blocks.back() >= first) continue;
        for (std::size_t i = first; i < std::min(patches.size(), first + models::kInferenceBatchPatches); ++i)
            blocks.push_back(i);
    }
    std::vector<DeepPatch> batch;
    for (std::size_t index : blocks) batch.push_back(patches[index]);
    if (!batch.empty()) {
        const auto features = port.extract(model, batch);
        const auto probabilities = port.predict(model, batch, output);
        for (std::size_t b = 0; b < blocks.size(); ++b) {
            ShardCaseResult result;
            result.index = blocks[b];
            result.id = batch[b].patientId;
            result.names = columnNames();
            result.values.assign(features[b].begin(), features[b].end());
            result.values.push_back(probabilities[b]);
            folder.store(result);
        }
    }
    std::cerr << "drs deep-features: shard " << shard.index << "/" << shard.count << ": " << blocks.size()
              << " computed, " << shareOf(shard, patches.size(), models::kInferenceBatchPatches).size() - pending.size()
              << " already done\n";
    return 0;
}

int runDeepFeatures(const Args& args) {
    args.allowOnly({"model", "patches", "out", "shard", "out-dir", "output"});
    const int output = static_cast<int>(args.integer("output", 0));
    const PatchList list = readPatchList(args.value("patches"));
    auto port = models::makeTorchDeepCt();
    if (args.has("shard") != args.has("out-dir")) throw Error("--shard and --out-dir go together");
    if (args.has("shard")) {
        if (args.has("out")) throw Error("--shard writes to --out-dir; drs merge --shards DIR --out makes the CSV");
        return runShard(args, list.patches, *port, output);
    }
    const auto features = port->extract(args.value("model"), list.patches);
    const auto probabilities = port->predict(args.value("model"), list.patches, output);
    writeOutput(args, featuresCsv(list.patches, features, probabilities));
    return 0;
}

const Registrar registrar(
    {"deep-features",
     "10 deep features per patient from a trained Deep-CT model (CSV)",
     "--model M.pt --patches P.csv [--out FEATURES.csv] [--output K]   columns: id, deep_1..deep_10, probability\n"
     "       (probability: of output K of a multi-task network, 0-based, default 0)\n"
     "       drs deep-features --model M.pt --patches P.csv --shard I/N --out-dir DIR   task I of N of an array job\n"
     "       (patches dealt out in blocks of 16); drs merge --shards DIR --out FEATURES.csv joins the tasks",
     {},
     runDeepFeatures});

}  // namespace
}  // namespace drs::cli
