// drs deep-features: the 10 deep features (and P(label = 1)) of every listed patch under a
// trained Deep-CT model.
#include "app/cli/cmd_deep_patches.h"
#include "core/util/Error.h"
#include "models/TorchDeepCt.h"

namespace drs::cli {
namespace {

int runDeepFeatures(const Args& args) {
    args.allowOnly({"model", "patches", "out"});
    const PatchList list = readPatchList(args.value("patches"));
    auto port = models::makeTorchDeepCt();
    const auto features = port->extract(args.value("model"), list.patches);
    const auto probabilities = port->predict(args.value("model"), list.patches);
    writeOutput(args, featuresCsv(list.patches, features, probabilities));
    return 0;
}

const Registrar registrar(
    {"deep-features",
     "10 deep features per patient from a trained Deep-CT model (CSV)",
     "--model M.pt --patches P.csv [--out FEATURES.csv]   columns: id, deep_1..deep_10, probability",
     {},
     runDeepFeatures});

}  // namespace
}  // namespace drs::cli
