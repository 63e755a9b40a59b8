#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Region.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

// The image and mask features are computed from, after pyradiomics' steps between reading and
// extraction (featureextractor.loadImage): normalisation, then resampling or pre-cropping.
struct PreparedImages {
    Volume image;   // normalised already (if `normalize`): extract from it with normalize off
    LabelMap mask;  // the settings' label where the ROI is, 0 elsewhere
};

// With resampledPixelSpacing: pyradiomics' resampleImage. The new grid has the requested spacing
// (0 on an axis, or an axis along which the ROI is one voxel thick, keeps the original spacing),
// is aligned as settings.resamplingGrid says, and is cropped to the ROI's bounding box plus
// padDistance new voxels; the image is interpolated with settings.interpolator and the mask with
// settings.maskInterpolator. When the spacing does not change, image and mask are only cropped.
// With preCrop alone: both cropped to the bounding box plus padDistance voxels.
// Returns nothing when neither is set (the inputs are used as they are).
// Throws drs::Error naming `what` when the geometries differ, the label is absent, the new grid
// would be unreasonably large, or no voxel of the label is left after resampling.
std::optional<PreparedImages> prepareImages(const Volume& image, const LabelMap& mask, const Settings& settings,
                                            const std::string& what);

// How interpolated intensities become voxel values.
enum class IntensityCast {
    Float,     // kept as they are (float voxels)
    Truncate,  // SimpleITK casting the result back to the image's integer type: clamped to its range, toward zero
    Round      // to the nearest integer (IBSI)
};

// `image` (through `map`) interpolated at the voxel centres of `target`, which must have the
// image's direction. Points outside the image (beyond half a voxel from its border voxels) get 0,
// as in ITK's ResampleImageFilter. B-spline: ITK's cubic B-spline coefficients (mirror boundary)
// and ITK's evaluation, applied axis by axis.
Volume resampleVolume(const Volume& image, const Geometry& target, Interpolator interpolator,
                      const IntensityMap& map = {}, IntensityCast cast = IntensityCast::Float);

// ITK's cubic B-spline coefficients (mirror boundary, as SimpleITK's B-spline and scipy's
// map_coordinates use them) of the image as `map` reads it, over the voxels lowXyz .. highXyz
// (clamped to the image). They are computed on that part plus 30 voxels per side within the image:
// the recursive filter's pole is 2 - sqrt(3), so the cut changes them by at most 0.268^30 ~ 7e-18
// of the intensity range, and where the part reaches the image border the mirror applies exactly.
struct SplineCoefficients {
    std::array<std::int64_t, 3> low{}, size{};
    std::vector<double> values;
    double at(std::int64_t x, std::int64_t y, std::int64_t z) const {  // image indices
        return values[static_cast<std::size_t>(((z - low[2]) * size[1] + (y - low[1])) * size[0] + (x - low[0]))];
    }
};
SplineCoefficients bsplineCoefficients(const Volume& image, const std::array<std::int64_t, 3>& lowXyz,
                                       const std::array<std::int64_t, 3>& highXyz, const IntensityMap& map);

// The voxels of `mask` equal to `label`, carried to `target`: nearest neighbour, or linear
// interpolation of the 0/1 indicator kept where >= threshold. The result holds `label` there, else 0.
LabelMap resampleLabel(const LabelMap& mask, std::uint16_t label, const Geometry& target, Interpolator interpolator,
                       double threshold = 0.5);

}  // namespace drs::radiomics
