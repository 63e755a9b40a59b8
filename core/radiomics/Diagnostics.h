#pragma once
// pyradiomics' diagnostics (its generalinfo, written with additionalInfo): the image and the ROI at
// each step before the features, so a batch's inputs can be checked row by row (an ROI in two
// pieces, a mask on the wrong slices, a resampled grid).
#include <optional>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Resampling.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

struct Diagnostic {
    std::string name;   // pyradiomics' column, e.g. "diagnostics_Mask-original_VoxelNum"
    std::string value;  // a number, or a tuple "(x, y, z)" as pyradiomics writes it
};

// The image and mask as read ("original": Dimensionality, Spacing, Size, Mean, Minimum, Maximum;
// the mask's Spacing, Size, BoundingBox, VoxelNum, VolumeNum, CenterOfMassIndex, CenterOfMass),
// after resampling ("interpolated", with resampledPixelSpacing; the mask also with the image's
// Mean, Minimum and Maximum inside the ROI) and after resegmentation ("resegmented", with
// resegmentRange or IBSI's outlierFilterSigma), in pyradiomics' order. Coordinates are x, y, z; a bounding box is its
// first voxel then its size; VolumeNum counts 26-connected pieces. The original image and mask also have
// pyradiomics' Hash (SimpleITK's SHA-1 of the voxels in the file's type; the mask's as UInt32), the image's
// unless its file stores float64. Throws drs::Error naming `what` as extraction would (geometry, absent label, ...).
std::vector<Diagnostic> caseDiagnostics(const Volume& image, const LabelMap& mask, const Settings& settings,
                                        const std::string& what);
// The same from prepareImages(image, mask, settings, what)'s result, when the caller has it (the
// extraction's own: resampling is not done twice).
std::vector<Diagnostic> caseDiagnostics(const Volume& image, const LabelMap& mask,
                                        const std::optional<PreparedImages>& prepared, const Settings& settings,
                                        const std::string& what);

}  // namespace drs::radiomics
