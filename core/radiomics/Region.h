#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

// A voxel box inside an image: first voxel and size, both x, y, z.
struct Box {
    std::array<std::int64_t, 3> startXyz{0, 0, 0};
    std::array<std::int64_t, 3> sizeXyz{0, 0, 0};
    std::size_t voxelCount() const { return static_cast<std::size_t>(sizeXyz[0] * sizeXyz[1] * sizeXyz[2]); }
};

// Linear intensity map applied to every image voxel read (identity unless `normalize` is set):
// v -> clamp((v - offset) * factor, low, high) * scale.
struct IntensityMap {
    double offset = 0, factor = 1, scale = 1;
    double low = -std::numeric_limits<double>::infinity(), high = std::numeric_limits<double>::infinity();
    double operator()(double v) const { return std::clamp((v - offset) * factor, low, high) * scale; }
};

// Bounding box of the voxels equal to `label`; size 0 when there are none.
Box labelBox(const LabelMap& mask, std::uint16_t label);

// pyradiomics' normalizeImage on the whole image: mean and sample SD of all voxels (a streaming
// pass; the volume is not copied).
IntensityMap normalisation(const Volume& image, const Settings& settings);

// One region of interest, cropped to the bounding box of its label: everything the features need
// and nothing of the rest of the volume, so memory follows the ROI, not the image.
struct Region {
    Box box;                    // bounding box of the label in the image
    IntensityMap intensityMap;  // applied to `intensity` and to the wavelet input
    std::array<double, 3> spacingMm{1, 1, 1};
    std::vector<double> intensity;        // box voxels, x fastest
    std::vector<std::uint8_t> shapeMask;  // 1 where the label is (shape features)
    std::vector<std::uint8_t> mask;       // shapeMask after resegmentation (intensity and texture)
    std::size_t maskVoxelCount = 0;
    // Where binWidthAnchor "minimum" puts the first bin edge: the lower resegmentation bound of an
    // absolute resegmentRange; unset: the ROI minimum.
    std::optional<double> binAnchor;
    // The upper bound of an absolute resegmentRange (the intensity-volume histogram's X_max).
    std::optional<double> rangeHigh;

    std::size_t linear(std::int64_t x, std::int64_t y, std::int64_t z) const {
        return static_cast<std::size_t>((z * box.sizeXyz[1] + y) * box.sizeXyz[0] + x);
    }
};

// Finds the label, checks geometry, intensities and ROI size, applies resegmentation.
// Throws drs::Error (naming `what`, e.g. the mask file) when the geometries differ, the label is
// absent, a voxel inside the ROI is NaN or infinite, or the ROI is smaller than the settings allow.
Region extractRegion(const Volume& image, const LabelMap& mask, const Settings& settings, const std::string& what);

// The intensities of the region's mask voxels, in box order.
std::vector<double> maskedValues(const std::vector<double>& boxIntensity, const std::vector<std::uint8_t>& mask);

}  // namespace drs::radiomics
