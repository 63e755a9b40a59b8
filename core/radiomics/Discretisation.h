#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/radiomics/Region.h"
#include "core/radiomics/Settings.h"

namespace drs::radiomics {

// More grey levels than this are refused: a GLCM with 13 directions of n x n doubles and its
// eigen-decomposition grow with n^2 and n^3.
inline constexpr std::size_t kMaxGreyLevels = 1000;

// The ROI after discretisation: the input of every texture family.
struct GreyLevelImage {
    std::array<std::int64_t, 3> sizeXyz{0, 0, 0};
    std::array<double, 3> spacingMm{1, 1, 1};
    // The box padded by `pad` empty voxels per side, x fastest, holding each voxel's rank: 0
    // outside the ROI, k + 1 for the k-th present level. Neighbours are then plain index offsets
    // without bounds checks, matrices are indexed by rank directly, and 16 bits keep the box
    // small in cache (at most kMaxGreyLevels ranks).
    std::int64_t pad = 1;
    std::array<std::int64_t, 3> paddedSizeXyz{0, 0, 0};
    std::vector<std::uint16_t> padded;
    std::vector<int> levelOfRank;                       // 0 for rank 0, presentLevels[k] for rank k + 1
    std::vector<std::int64_t> roiIndex;                 // positions of the ROI voxels in `padded`, x fastest
    std::vector<int> presentLevels;                     // distinct levels in the ROI, ascending
    int maxLevel = 0;                                   // pyradiomics' Ng
    std::size_t voxelCount = 0;                         // ROI voxels (pyradiomics' Np)
    std::array<std::int64_t, 3> roiExtentXyz{0, 0, 0};  // size of the ROI's own bounding box

    std::int64_t indexOffset(const std::array<int, 3>& offsetXyz) const {
        return (offsetXyz[2] * paddedSizeXyz[1] + offsetXyz[1]) * paddedSizeXyz[0] + offsetXyz[0];
    }
    int rankAt(std::int64_t paddedIndex) const { return padded[static_cast<std::size_t>(paddedIndex)]; }
    int levelAt(std::int64_t paddedIndex) const { return levelOfRank[padded[static_cast<std::size_t>(paddedIndex)]]; }
};

// pyradiomics' bin edges for the ROI values: fixed bin width (edges at multiples of binWidth, as
// numpy.arange makes them) or, with binCount, numpy.histogram's equal-width edges with the last edge
// raised by 1. A value v falls in bin k (1-based) when edge[k-1] <= v < edge[k] (numpy.digitize).
// With binWidthAnchor "minimum" (IBSI) the fixed-width edges start at `anchor` (the ROI minimum
// when unset) instead of the multiple of binWidth at or below the minimum.
std::vector<double> binEdges(const std::vector<double>& roiValues, const Settings& settings,
                             std::optional<double> anchor = std::nullopt);

// Discretises the region's masked intensities (values outside the mask become level 0). binAnchor:
// where binWidthAnchor "minimum" starts the bins (region.binAnchor for the original image; unset:
// the ROI minimum, e.g. for a wavelet image).
GreyLevelImage discretise(const std::vector<double>& boxIntensity, const Region& region, const Settings& settings,
                          std::optional<double> binAnchor = std::nullopt);

// Neighbour offsets (x, y, z) at the Chebyshev distances of the settings, restricted to the axes
// along which the ROI extends (and without the force2Ddimension axis in 2D mode), as pyradiomics
// generates its angles. halfOnly keeps one of each opposite pair: the one whose first non-zero
// component in (z, y, x) order is positive.
std::vector<std::array<int, 3>> neighbourOffsets(const GreyLevelImage& image, const Settings& settings, bool halfOnly);

}  // namespace drs::radiomics
