#pragma once
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// One decomposition of the undecimated wavelet transform, cropped to the region's box.
struct WaveletImage {
    std::string name;               // "wavelet-LLH": filters along x, y, z (L low-pass, H high-pass)
    std::vector<double> intensity;  // box voxels, x fastest
};

// pyradiomics' default wavelet image type: PyWavelets' stationary wavelet transform (swtn), coif1,
// level 1, periodic boundary, odd axes padded by repeating their first sample, computed in double.
// Only the box plus 3 voxels per side is read (a level-1 output voxel depends on input voxels
// o-2..o+3), with exact wrap-around where the box is near the image border. Returns the 8
// decompositions in pyradiomics' order: LLH, LHL, LHH, HLL, HLH, HHL, HHH, LLL.
std::vector<WaveletImage> coif1WaveletDecompositions(const Volume& image, const Box& box);

}  // namespace drs::radiomics
