// drs models --summary: parameter count of every backbone with torchvision's ImageNet head.
#include <sstream>

#include "app/cli/Command.h"
#include "core/util/Error.h"
#include "models/TorchDeepCt.h"

namespace drs::cli {
namespace {

int runModels(const Args& args) {
    args.allowOnly({"summary", "out"});
    if (!args.has("summary")) throw Error("usage: drs models --summary [--out FILE.csv]");
    std::ostringstream csv;
    csv << "backbone,parameters\n";
    for (const auto& count : models::imagenetParameterCounts())
        csv << count.backbone << "," << count.parameters << "\n";
    writeOutput(args, csv.str());
    return 0;
}

const Registrar registrar({"models",
                           "the Deep-CT backbones and their parameter counts (CSV)",
                           "--summary [--out FILE.csv]",
                           {"summary"},
                           runModels});

}  // namespace
}  // namespace drs::cli
