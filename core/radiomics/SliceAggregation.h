#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "core/radiomics/Discretisation.h"
#include "core/radiomics/FeatureValue.h"

namespace drs::radiomics {

// A texture family of a discretised ROI; edgeMaskBox is the ROI as drawn in the image's box layout
// (GLDZM's edge).
using TextureFamilyOf =
    std::function<FamilyValues(const GreyLevelImage& grey, const std::vector<std::uint8_t>& edgeMaskBox)>;

// IBSI's 2D aggregation: `family` of each slice across axisXyz (0 = x, 1 = y, 2 = z) that holds ROI
// voxels, on that slice alone (its own levels, the ROI's Ng and directions), and each feature's
// mean over the slices where it has a value (a slice of one voxel has no GLCM pair: its GLCM
// features are NaN there, and the other slices describe the ROI), NaN when none has. pyradiomics'
// force2D instead builds one matrix over all slices (IBSI's 2.5D).
FamilyValues averagedOverSlices(const GreyLevelImage& grey, const std::vector<std::uint8_t>& edgeMaskBox, int axisXyz,
                                const TextureFamilyOf& family);

}  // namespace drs::radiomics
