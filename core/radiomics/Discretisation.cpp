#include "core/radiomics/Discretisation.h"

#include <algorithm>
#include <cmath>

#include "core/util/Error.h"

namespace drs::radiomics {
namespace {

// Python's float modulo: the result has the sign of the divisor.
double floorModulo(double value, double divisor) {
    double mod = std::fmod(value, divisor);
    if (mod != 0 && ((divisor < 0) != (mod < 0))) mod += divisor;
    return mod;
}

}  // namespace

std::vector<double> binEdges(const std::vector<double>& values, const Settings& settings,
                             std::optional<double> anchor) {
    const auto [minIt, maxIt] = std::minmax_element(values.begin(), values.end());
    const double minimum = *minIt, maximum = *maxIt;
    std::vector<double> edges;
    if (settings.binCount) {
        double first = minimum, last = maximum;
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        const int bins = *settings.binCount;
        const double step = (last - first) / bins;
        for (int k = 0; k <= bins; ++k) edges.push_back(k * step + first);
        edges.back() = last + 1;  // so the maximum falls inside the top bin
        return edges;
    }
    const double width = settings.binWidth;
    const double low = settings.binWidthAnchor == BinAnchor::Minimum ? anchor.value_or(minimum)
                                                                     : minimum - floorModulo(minimum, width);
    const double high = maximum + 2 * width;
    const double delta = (low + width) - low;  // numpy.arange fills start + i * (second - first)
    const auto count = static_cast<std::size_t>(std::ceil((high - low) / width));
    if (count > 10'000'000) throw Error("binWidth " + std::to_string(width) + " gives more than 10^7 grey levels");
    for (std::size_t k = 0; k < count; ++k) edges.push_back(low + static_cast<double>(k) * delta);
    if (edges.size() == 1) edges = {edges[0] - 0.5, edges[0] + 0.5};  // flat region: one bin
    return edges;
}

GreyLevelImage discretise(const std::vector<double>& boxIntensity, const Region& region, const Settings& settings,
                          std::optional<double> binAnchor) {
    GreyLevelImage out;
    out.sizeXyz = region.box.sizeXyz;
    out.spacingMm = region.spacingMm;
    out.pad = std::max(1, *std::max_element(settings.distances.begin(), settings.distances.end()));
    for (int a = 0; a < 3; ++a) out.paddedSizeXyz[a] = out.sizeXyz[a] + 2 * out.pad;
    out.padded.assign(static_cast<std::size_t>(out.paddedSizeXyz[0] * out.paddedSizeXyz[1] * out.paddedSizeXyz[2]), 0);
    out.roiIndex.reserve(region.maskVoxelCount);
    const std::vector<double> edges = binEdges(maskedValues(boxIntensity, region.mask), settings, binAnchor);
    // Level = number of edges <= v (numpy.digitize). The edges are (nearly) evenly spaced, so an
    // arithmetic guess is corrected by a step or two instead of a binary search per voxel.
    const double first = edges.front();
    const double step = (edges.back() - edges.front()) / static_cast<double>(edges.size() - 1);
    const auto edgeCount = static_cast<std::ptrdiff_t>(edges.size());
    auto levelOf = [&](double v) {
        std::ptrdiff_t k = static_cast<std::ptrdiff_t>(std::floor((v - first) / step)) + 1;
        k = std::clamp<std::ptrdiff_t>(k, 0, edgeCount);
        while (k < edgeCount && edges[static_cast<std::size_t>(k)] <= v) ++k;
        while (k > 0 && edges[static_cast<std::size_t>(k - 1)] > v) --k;
        return static_cast<int>(k);
    };
    std::vector<char> seen(edges.size() + 1, 0);
    std::vector<int> roiLevels;
    roiLevels.reserve(region.maskVoxelCount);
    std::array<std::int64_t, 3> low{out.sizeXyz}, high{-1, -1, -1};
    std::size_t i = 0;
    for (std::int64_t z = 0; z < out.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < out.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < out.sizeXyz[0]; ++x, ++i) {
                if (!region.mask[i]) continue;
                const int level = levelOf(boxIntensity[i]);
                const std::int64_t paddedIndex =
                    ((z + out.pad) * out.paddedSizeXyz[1] + y + out.pad) * out.paddedSizeXyz[0] + x + out.pad;
                roiLevels.push_back(level);
                out.roiIndex.push_back(paddedIndex);
                seen[static_cast<std::size_t>(level)] = 1;
                ++out.voxelCount;
                const std::array<std::int64_t, 3> p{x, y, z};
                for (int a = 0; a < 3; ++a) {
                    low[a] = std::min(low[a], p[a]);
                    high[a] = std::max(high[a], p[a]);
                }
            }
    for (std::size_t level = 1; level < seen.size(); ++level)
        if (seen[level]) out.presentLevels.push_back(static_cast<int>(level));
    out.maxLevel = out.presentLevels.empty() ? 0 : out.presentLevels.back();
    if (out.presentLevels.size() > kMaxGreyLevels)
        throw Error("the ROI has " + std::to_string(out.presentLevels.size()) + " grey levels after discretisation (" +
                    (settings.binCount ? "binCount " + std::to_string(*settings.binCount)
                                       : "binWidth " + std::to_string(settings.binWidth)) +
                    "), more than " + std::to_string(kMaxGreyLevels) +
                    "; texture matrices would not fit in memory: use a larger binWidth or a smaller binCount");
    std::vector<std::uint16_t> rankOfLevel(seen.size(), 0);
    out.levelOfRank = {0};
    for (std::size_t k = 0; k < out.presentLevels.size(); ++k) {
        rankOfLevel[static_cast<std::size_t>(out.presentLevels[k])] = static_cast<std::uint16_t>(k + 1);
        out.levelOfRank.push_back(out.presentLevels[k]);
    }
    for (std::size_t k = 0; k < roiLevels.size(); ++k)
        out.padded[static_cast<std::size_t>(out.roiIndex[k])] = rankOfLevel[static_cast<std::size_t>(roiLevels[k])];
    for (int a = 0; a < 3; ++a) out.roiExtentXyz[a] = high[a] >= low[a] ? high[a] - low[a] + 1 : 0;
    return out;
}

std::vector<std::array<int, 3>> neighbourOffsets(const GreyLevelImage& image, const Settings& settings, bool halfOnly) {
    const int skippedAxis = settings.force2D ? 2 - settings.force2Ddimension : -1;  // dimension 0 is z
    const std::int64_t largestExtent = *std::max_element(image.roiExtentXyz.begin(), image.roiExtentXyz.end());
    std::vector<int> distances = settings.distances;
    std::sort(distances.begin(), distances.end());
    distances.erase(std::unique(distances.begin(), distances.end()), distances.end());
    std::vector<std::array<int, 3>> offsets;
    for (int d : distances) {
        if (d > largestExtent) continue;
        std::array<int, 3> reach{};
        for (int a = 0; a < 3; ++a) reach[a] = (a == skippedAxis || image.roiExtentXyz[a] <= 1) ? 0 : d;
        for (int dz = -reach[2]; dz <= reach[2]; ++dz)
            for (int dy = -reach[1]; dy <= reach[1]; ++dy)
                for (int dx = -reach[0]; dx <= reach[0]; ++dx) {
                    if (std::max({std::abs(dx), std::abs(dy), std::abs(dz)}) != d) continue;
                    const bool positive = dz > 0 || (dz == 0 && (dy > 0 || (dy == 0 && dx > 0)));
                    if (halfOnly && !positive) continue;
                    offsets.push_back({dx, dy, dz});
                }
    }
    return offsets;
}

}  // namespace drs::radiomics
