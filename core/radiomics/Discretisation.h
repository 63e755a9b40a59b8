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

// The voxels of `field` within the box lowXyz..highXyz (field box coordinates, inclusive) as a
// texture input of their own: renumbered to the levels present there, with the field's Ng and ROI
// extent (a level absent from the crop would be an empty row, which no feature reads but which
// breaks MCC). The padding around the crop ends every pair, run, zone and neighbourhood at its
// border. onVoxel(x, y, z) is called for each ROI voxel, in roiIndex order, in field box
// coordinates; compactOfRank is scratch.
template <class OnVoxel>
void cropGreyLevels(const GreyLevelImage& field, const std::array<std::int64_t, 3>& lowXyz,
                    const std::array<std::int64_t, 3>& highXyz, GreyLevelImage& crop, std::vector<int>& compactOfRank,
                    OnVoxel onVoxel) {
    for (int a = 0; a < 3; ++a) {
        crop.sizeXyz[a] = highXyz[a] - lowXyz[a] + 1;
        crop.paddedSizeXyz[a] = crop.sizeXyz[a] + 2 * field.pad;
    }
    crop.spacingMm = field.spacingMm;
    crop.pad = field.pad;
    crop.maxLevel = field.maxLevel;
    crop.roiExtentXyz = field.roiExtentXyz;
    crop.padded.assign(static_cast<std::size_t>(crop.paddedSizeXyz[0] * crop.paddedSizeXyz[1] * crop.paddedSizeXyz[2]),
                       0);
    crop.roiIndex.clear();
    compactOfRank.assign(field.presentLevels.size() + 1, 0);
    for (std::int64_t z = lowXyz[2]; z <= highXyz[2]; ++z)
        for (std::int64_t y = lowXyz[1]; y <= highXyz[1]; ++y)
            for (std::int64_t x = lowXyz[0]; x <= highXyz[0]; ++x) {
                const int rank =
                    field.rankAt(((z + field.pad) * field.paddedSizeXyz[1] + y + field.pad) * field.paddedSizeXyz[0] +
                                 x + field.pad);
                if (rank == 0) continue;
                const std::int64_t index =
                    ((z - lowXyz[2] + crop.pad) * crop.paddedSizeXyz[1] + y - lowXyz[1] + crop.pad) *
                        crop.paddedSizeXyz[0] +
                    x - lowXyz[0] + crop.pad;
                crop.padded[static_cast<std::size_t>(index)] = static_cast<std::uint16_t>(rank);
                crop.roiIndex.push_back(index);
                onVoxel(x, y, z);
                compactOfRank[static_cast<std::size_t>(rank)] = 1;
            }
    crop.presentLevels.clear();
    crop.levelOfRank = {0};
    for (std::size_t rank = 1; rank < compactOfRank.size(); ++rank)
        if (compactOfRank[rank]) {
            crop.presentLevels.push_back(field.levelOfRank[rank]);
            crop.levelOfRank.push_back(field.levelOfRank[rank]);
            compactOfRank[rank] = static_cast<int>(crop.presentLevels.size());
        }
    for (const std::int64_t index : crop.roiIndex) {
        auto& rank = crop.padded[static_cast<std::size_t>(index)];
        rank = static_cast<std::uint16_t>(compactOfRank[rank]);
    }
    crop.voxelCount = crop.roiIndex.size();
}

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
