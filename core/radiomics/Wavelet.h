#pragma once
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// One decomposition of the undecimated wavelet transform, cropped to the region's box.
struct WaveletImage {
    std::string name;               // "wavelet-LLH": the filters along the transformed axes (L low-, H high-pass)
    std::vector<double> intensity;  // box voxels, x fastest
};

// The axes (x = 0, y = 1, z = 2) pyradiomics' wavelet transforms, in the order its names spell
// them: x, y, z; with force2D only the two in the slice plane (force2Ddimension 0 leaves out z,
// 1 leaves out y, 2 leaves out x), so its decompositions are "wavelet-LH" and the like.
std::vector<int> waveletAxes(const Settings& settings);

// pyradiomics' names of the decompositions over `axisCount` axes, in its order: the detail images
// in binary order of their filters (L = 0, H = 1, the first axis the highest bit), then the
// approximation: wavelet-LLH, -LHL, ..., -HHH, -LLL in 3D; wavelet-LH, -HL, -HH, -LL in 2D.
std::vector<std::string> waveletDecompositionNames(std::size_t axisCount);

// pyradiomics' default wavelet image type: PyWavelets' stationary wavelet transform (swtn), coif1,
// level 1, periodic boundary, odd axes padded by repeating their first sample, computed in double,
// along `axes` (waveletAxes). Only the box plus 3 voxels per side along those axes is read (a
// level-1 output voxel depends on input voxels o-2..o+3), with exact wrap-around where the box is
// near the image border. Returns the decompositions in pyradiomics' order
// (waveletDecompositionNames). `map` is applied to every voxel read (the normalisation the
// original image received).
std::vector<WaveletImage> coif1WaveletDecompositions(const Volume& image, const Box& box, const IntensityMap& map = {},
                                                     const std::vector<int>& axes = {0, 1, 2});

// Half of them: the decompositions with filter firstFilter ('L' or 'H') along the first axis, in
// binary order of the other filters (xLL, xLH, xHL, xHH in 3D). The two halves are independent,
// so two threads can each compute one.
std::vector<WaveletImage> coif1WaveletHalf(const Volume& image, const Box& box, const IntensityMap& map,
                                           const std::vector<int>& axes, char firstFilter);

}  // namespace drs::radiomics
