// drs gradcam: the Grad-CAM heat map of one patch as an image on the patch's own geometry.
#include "app/cli/Command.h"
#include "core/image/ImageIO.h"
#include "core/util/Error.h"
#include "models/TorchDeepCt.h"

namespace drs::cli {
namespace {

int runGradCam(const Args& args) {
    args.allowOnly({"model", "patch", "patch-mask", "out", "layer", "output"});
    const int output = static_cast<int>(args.integer("output", 0));
    const std::string layer = args.valueOr("layer", "last");
    if (layer != "last" && layer != "previous") throw Error("--layer must be 'last' or 'previous'");
    const std::string patchPath = args.value("patch");
    const Volume patchVolume = readVolume(patchPath);
    const auto& size = patchVolume.geometry.sizeXyz;
    if (size[0] != kDeepPatchSizePx || size[1] != kDeepPatchSizePx || size[2] != 1)
        throw Error(patchPath + ": deep patch must be 160x160x1");
    DeepPatch patch;
    patch.patientId = patchPath;
    patch.hu160x160 = patchVolume.voxels;
    if (args.has("patch-mask")) {
        const LabelMap mask = readLabelMap(args.value("patch-mask"));
        if (mask.sizeXyz() != patchVolume.sizeXyz())
            throw Error(args.value("patch-mask") + ": the tumour mask is not on the patch's 160x160x1 grid");
        patch.tumour160x160.assign(mask.voxels.begin(), mask.voxels.end());
    }
    Volume heatMap(patchVolume.geometry);
    heatMap.voxels = layer == "last" ? models::makeTorchDeepCt()->gradCam(args.value("model"), patch, output)
                                     : models::gradCamPreviousBlock(args.value("model"), patch, output);
    writeVolume(heatMap, args.value("out"));
    return 0;
}

const Registrar registrar(
    {"gradcam",
     "Grad-CAM heat map (values 0..1) of one 160x160 patch",
     "--model M.pt --patch PATCH.nii.gz [--patch-mask MASK.nii.gz] --out HEATMAP.nii.gz [--layer last|previous]\n"
     "  [--output K]\n"
     "  --patch-mask: the tumour on the patch (drs regions' patch_mask.nii.gz), for a network that sees it\n"
     "  previous: the block before the last downsampling, twice as fine (DenseNet-121 at 160 px:\n"
     "  10 x 10 instead of 5 x 5)\n"
     "  --output: the output (endpoint) of a multi-task network, 0-based (default 0); a run's model\n"
     "  bundle names each endpoint's output as deep_output",
     {},
     runGradCam});

}  // namespace
}  // namespace drs::cli
