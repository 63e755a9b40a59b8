#pragma once
// Shared by the deep-* commands: the patch list file and the training options on the command line.
#include <string>
#include <vector>

#include "app/cli/Command.h"
#include "core/pipeline/DeepCtPort.h"
#include "core/roi/Regions.h"
#include "core/util/Progress.h"

namespace drs::cli {

// A patch list is a CSV with columns id, label (0/1, empty or -1 = unknown), patch (a
// 160x160x1 NIfTI/NRRD in HU, relative paths from the CSV's folder) and optionally split
// (train/test, used by deep-compare) and mask (the tumour on the patch, as drs regions writes
// patch_mask.nii.gz; needed by a network that sees the tumour).
struct PatchList {
    std::vector<DeepPatch> patches;
    std::vector<std::string> splits;  // empty strings when the column is absent
};
PatchList readPatchList(const std::string& csvPath);

// --backbone --epochs --batch-size --lr --weight-decay --validation-fraction --seed
// --threads --imagenet-weights --width-divisor --input-size --no-augment --fast, the
// augmentation, schedule and head flags of applyTrainingArgs and --input-channels
DeepCtOptions deepCtOptionsFromArgs(const Args& args);
// --flip-ap --no-flip-lr --rotation-deg D --intensity-jitter J --lr-schedule cosine|constant
// --head-activation none|relu --patience N
void applyTrainingArgs(const Args& args, DeepCtOptions& options);
// --input-channels lung+mediastinal+tumour
void applyInputChannelsArg(const Args& args, DeepCtOptions& options);
const std::set<std::string>& deepCtOptionNames();
// --patch-mm MM (a fixed pixel size) or --patch-fit K (a field of K tumour extents); neither: the
// scanner's own pixels
void applyPatchFieldArgs(const Args& args, RegionSettings& settings);

// Prints epoch summaries to stderr; Ctrl-C requests cancellation.
class DeepConsoleProgress : public Progress {
public:
    DeepConsoleProgress();
    ~DeepConsoleProgress() override;

protected:
    void report(double fraction, const std::string& message) override;
};

// id, deep_1..deep_10, probability
std::string featuresCsv(const std::vector<DeepPatch>& patches, const std::vector<DeepFeatures>& features,
                        const std::vector<double>& probabilities);

}  // namespace drs::cli
