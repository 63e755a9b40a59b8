#pragma once
// pyradiomics' voxel-based extraction: a feature map per feature instead of one value per ROI.
#include <functional>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Settings.h"
#include "core/util/Progress.h"

namespace drs::radiomics {

// One feature's map, named as pyradiomics names the feature ("original_glcm_JointEntropy").
struct FeatureMap {
    std::string name;
    // On the ROI's bounding box padded by kernelRadius on every side, within the image (the grid
    // pyradiomics writes its maps on); voxel.initValue outside the ROI.
    ValueMap values;
};

// Which features to map, by name; every feature of a family that is wanted is computed.
using FeatureFilter = std::function<bool(const std::string& featureName)>;

// Every ROI voxel's value of each first-order and texture feature of the original image, of the
// derived images settings.imageTypes asks for, and with withWavelet of the coif1 decompositions,
// computed on the kernel around it: the voxels within kernelRadius (Chebyshev, in-plane with
// force2D) that are in the ROI (maskedKernel) or anywhere in the padded box (maskedKernel false).
// As in pyradiomics, a derived image is filtered from the whole image, the grey levels are binned
// once over the ROI (over the padded box when not masked), so a kernel's levels are the ROI's, and
// its texture matrices see only pairs, runs, zones and neighbourhoods inside the kernel. Two
// departures, where pyradiomics' maps break: a direction without pairs in a kernel is left out of
// that kernel's mean, as segment-based extraction leaves out a direction empty in the ROI
// (pyradiomics at 8ed5793 gives JointAverage NaN there), and MCC has a value (pyradiomics fails on
// it, leaving its map at initValue). Shape features have no map. Throws drs::Error naming `what`
// as extractFeatures does.
// The features extractVoxelMaps can map with these settings (every first-order and texture
// feature of the original image, of the derived images and with withWavelet of the wavelet
// decompositions), named as pyradiomics names them; shape features have no map.
std::vector<std::string> voxelMapNames(const Settings& settings, bool withWavelet);

std::vector<FeatureMap> extractVoxelMaps(const Volume& image, const LabelMap& mask, const Settings& settings,
                                         bool withWavelet, const VoxelSettings& voxel, const FeatureFilter& wanted,
                                         Progress* progress, int threads, const std::string& what);

}  // namespace drs::radiomics
