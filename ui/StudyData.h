#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/util/Progress.h"

namespace drs::ui {

// What the main window shows: the study, and optionally a mask on the same grid.
struct LoadedStudy {
    std::shared_ptr<Volume> volume;
    std::shared_ptr<LabelMap> mask;  // null when no mask was given
    std::string studyPath;
    std::string maskPath;
};

struct LabelCount {
    std::uint16_t label = 0;
    std::size_t voxels = 0;
};

// Non-zero labels of a mask with their voxel counts, ascending by label.
std::vector<LabelCount> labelsPresent(const LabelMap& mask);

// Throws drs::Error naming the mask and the labels it has when label is not among them.
void requireLabel(const LabelMap& mask, int label, const std::string& maskPath);

// Reads a label map and checks it sits on the volume's grid; throws drs::Error naming the mask
// and the mismatch otherwise.
std::shared_ptr<LabelMap> loadMaskFor(const Volume& volume, const std::string& maskPath, Progress& progress);

// Reads a study and, when maskPath is not empty, its mask (checked as above).
LoadedStudy loadStudy(const std::string& studyPath, const std::string& maskPath, Progress& progress);

}  // namespace drs::ui
