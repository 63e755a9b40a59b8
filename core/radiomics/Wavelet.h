#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// A wavelet's decomposition filters as PyWavelets holds them (dec_lo, dec_hi; even lengths).
struct WaveletFilter {
    std::vector<double> low, high;
};

// The filters of every discrete wavelet PyWavelets lists, by its name ("coif1", "haar", "db2",
// "bior1.3", ...; WaveletFilters.cpp, generated from PyWavelets).
const std::map<std::string, WaveletFilter>& waveletFilters();

// The axes (x = 0, y = 1, z = 2) pyradiomics' wavelet transforms, in the order its names spell
// them: x, y, z; with force2D only the two in the slice plane (force2Ddimension 0 leaves out z,
// 1 leaves out y, 2 leaves out x), so its decompositions are "wavelet-LH" and the like.
std::vector<int> waveletAxes(const Settings& settings);

// pyradiomics' names of the wavelet images of the settings, in its order. Per transformed level
// (level of them, after start_level), the detail images in binary order of their filters (L = 0,
// H = 1, the first axis the highest bit), then, after the last level, the approximation:
// wavelet-LLH, -LHL, ..., -HHH, -LLL for one 3D level; wavelet-LH, -HL, -HH, -LL for one in-plane
// level; from the second level on the prefix carries its number (wavelet2-LLH), and the
// approximation that of the last level when there are several.
std::vector<std::string> waveletImageNames(const Settings& settings);

// One wavelet image, cropped to the region's box.
struct WaveletImage {
    std::string name;               // as waveletImageNames
    std::vector<double> intensity;  // box voxels, x fastest
};

// pyradiomics' wavelet image type on a box: PyWavelets' stationary wavelet transform (swtn) of
// level 1 with settings.wavelet's filters along waveletAxes, periodic, odd axes padded by
// repeating their first sample, computed in double, and applied again to its approximation for
// each further level (pyradiomics' own levels: the same filters, not dilated ones). Only the box
// plus the filters' reach per level along the transformed axes is read, with exact wrap-around
// where it passes the image border. `map` is applied to every voxel read (the normalisation the
// original image received).
// An image is computed when first asked for, and with it the other images of its level that share
// its filter along the first axis (half of them); the halves are independent, so threads asking
// for images of different halves share the work. image() may be called from several threads.
class WaveletTransform {
public:
    WaveletTransform(const Volume& image, const Box& box, const IntensityMap& map, const Settings& settings);
    ~WaveletTransform();
    const std::vector<std::string>& names() const { return names_; }
    // The named image's box intensities (one of names()), handed over: ask for each image once.
    std::vector<double> image(const std::string& name);

private:
    struct Stage;  // the block read from the image, or one computed half of a level
    const Stage& input();
    Stage& half(std::size_t level, int firstFilter);

    const Volume& image_;
    Box box_;
    IntensityMap map_;
    std::vector<int> axes_;
    const WaveletFilter& filter_;
    std::size_t startLevel_, levels_;
    std::vector<std::string> names_;
    std::unique_ptr<Stage> input_;
    std::vector<std::unique_ptr<Stage>> halves_;  // two per transformed level, start_level ones included
};

// Every image of the settings' wavelet, in waveletImageNames order.
std::vector<WaveletImage> waveletImages(const Volume& image, const Box& box, const IntensityMap& map,
                                        const Settings& settings);

}  // namespace drs::radiomics
