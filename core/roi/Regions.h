#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/image/Grid.h"

namespace drs {

// The range of RegionSettings::patchTumourExtents: below one extent the patch would cut the tumour.
constexpr double kMinPatchTumourExtents = 1;
constexpr double kMaxPatchTumourExtents = 20;

struct RegionSettings {
    std::uint16_t label = 1;
    double ringThicknessMm = 3.0;
    int patchSizePx = 160;
    float patchPaddingHu = -1000.0f;
    // Unset: the paper's patch, the slice's own pixels. Set: the axial slice is first resampled to
    // this in-plane pixel size (linear for HU, nearest neighbour for the tumour), centred on the
    // tumour's centroid, so the patch covers patchSizePx x patchSpacingMm mm at every scanner.
    std::optional<double> patchSpacingMm;
    // Set (instead of patchSpacingMm): each patient's pixel size is chosen so that the patch spans
    // this many times the tumour's largest in-plane extent on its largest slice. Every tumour then
    // fills the same share of the patch, and a pattern laid out across the tumour (denser at the
    // back, say) falls on the same pixels at every size, which a network learns from far fewer
    // patients than one it must find at every scale.
    std::optional<double> patchTumourExtents;
};

// The three inputs the method reads per patient.
struct Regions {
    LabelMap tumour;  // 1 inside the chosen label, on the image grid
    LabelMap ring;    // peritumoral ring, 1 inside, on the image grid
    // The three below count voxels in axial order (AxialOrder.h: x towards the patient's left, y
    // towards the back, z towards the head), which is the image's index for an axial DICOM series.
    std::int64_t largestSliceZ = -1;                   // axial slice with the most tumour voxels
    std::array<double, 2> sliceCentroidXy{};           // tumour centroid on that slice, voxel units
    std::array<std::int64_t, 2> patchOriginXy{};       // voxel of patch pixel (0, 0); native patch only
    std::array<std::int64_t, 3> sliceCentroidIndex{};  // the image's index of the centroid's voxel
    // patchSizePx x patchSizePx x 1 HU on the largest axial slice, front at the top and the
    // patient's right on the left, whatever order the image stores its voxels in.
    Volume patch;
    LabelMap patchMask;                        // the tumour on that patch
    double largestSliceExtentMm = 0;           // the tumour's larger bounding-box side on that slice
    std::array<double, 3> sliceCentroidMm{};   // the same centroid in patient space (LPS)
    std::array<double, 3> tumourCentroidMm{};  // 3D centroid of the whole tumour (LPS)
    std::size_t tumourVoxels = 0;
    std::size_t ringVoxels = 0;
    std::size_t patchTumourPixels = 0;
};

// The voxels of one label as a 0/1 mask. Throws Error when the label is absent (listing the
// labels that are present) or the mask is empty.
LabelMap selectLabel(const LabelMap& labels, std::uint16_t label, const std::string& source);

// Voxels outside the tumour whose centre lies within thicknessMm (Euclidean, in millimetres,
// anisotropic spacing honoured) of the nearest tumour voxel centre: the tumour dilated by a
// physical ball minus the tumour, clipped to the image.
LabelMap peritumoralRing(const LabelMap& tumour, double thicknessMm);

// Squared distance in mm^2 from every voxel centre to the nearest voxel with value != 0, computed
// exactly (separable lower-envelope transform of Felzenszwalb & Huttenlocher) inside `extentXyz`
// voxels around the mask's bounding box; farther voxels hold +inf.
Grid<double> squaredDistanceMm2(const LabelMap& mask, const std::array<std::int64_t, 3>& extentXyz);

// Computes tumour, ring and deep patch. The mask must already match the image's geometry.
Regions computeRegions(const Volume& image, const LabelMap& labels, const RegionSettings& settings,
                       const std::string& maskSource);

}  // namespace drs
