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
// `map` is applied to every voxel read (the normalisation the original image received).
std::vector<WaveletImage> coif1WaveletDecompositions(const Volume& image, const Box& box, const IntensityMap& map = {});

// pyradiomics' order of the 8 decompositions in its feature table.
inline constexpr const char* kWaveletDecompositions[] = {"wavelet-LLH", "wavelet-LHL", "wavelet-LHH", "wavelet-HLL",
                                                         "wavelet-HLH", "wavelet-HHL", "wavelet-HHH", "wavelet-LLL"};

// Half of them: the 4 decompositions with filter xFilter ('L' or 'H') along x, in the order
// xLL, xLH, xHL, xHH. The two halves are independent, so two threads can each compute one.
std::vector<WaveletImage> coif1WaveletHalf(const Volume& image, const Box& box, const IntensityMap& map, char xFilter);

}  // namespace drs::radiomics
