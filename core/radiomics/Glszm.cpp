// Grey level size zone matrix (GLSZM) features, pyradiomics definitions.
// A zone is a connected set of ROI voxels of one grey level (26-connected in 3D, 8-connected per
// slice with force2D). P(i,j) counts zones of grey level i and size j, N_z = sum P(i,j) the zones,
// N_p the ROI voxels, p_g(i) = sum_j P(i,j), p_s(j) = sum_i P(i,j), p(i,j) = P(i,j) / N_z.
#include <algorithm>
#include <cmath>
#include <map>

#include "core/radiomics/TextureFamilies.h"

namespace drs::radiomics {
namespace {

struct ZoneMatrix {
    std::vector<double> level;                          // grey level values i, ascending
    std::vector<std::map<std::size_t, double>> bySize;  // per level: zone size -> count
    std::vector<double> pg;
    std::map<std::size_t, double> ps;
    double zones = 0, voxels = 0;
};

template <class F>
double weightedSum(const ZoneMatrix& m, F f) {
    double s = 0;
    for (std::size_t i = 0; i < m.level.size(); ++i)
        for (const auto& [size, count] : m.bySize[i]) s += count * f(m.level[i], static_cast<double>(size));
    return s / m.zones;
}

// Small area emphasis = sum p_s(j) / j^2 / N_z
double smallAreaEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double, double j) { return 1 / (j * j); });
}
// Large area emphasis = sum p_s(j) j^2 / N_z
double largeAreaEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double, double j) { return j * j; });
}
// Grey level non-uniformity = sum p_g(i)^2 / N_z
double greyLevelNonUniformity(const ZoneMatrix& m) {
    double s = 0;
    for (double v : m.pg) s += v * v;
    return s / m.zones;
}
// Grey level non-uniformity normalised = sum p_g(i)^2 / N_z^2
double greyLevelNonUniformityNormalized(const ZoneMatrix& m) { return greyLevelNonUniformity(m) / m.zones; }
// Size zone non-uniformity = sum p_s(j)^2 / N_z
double sizeZoneNonUniformity(const ZoneMatrix& m) {
    double s = 0;
    for (const auto& [size, count] : m.ps) s += count * count;
    return s / m.zones;
}
// Size zone non-uniformity normalised = sum p_s(j)^2 / N_z^2
double sizeZoneNonUniformityNormalized(const ZoneMatrix& m) { return sizeZoneNonUniformity(m) / m.zones; }
// Zone percentage = N_z / N_p
double zonePercentage(const ZoneMatrix& m) { return m.zones / m.voxels; }
// Grey level variance = sum p(i,j) (i - mu)^2, mu = sum p(i,j) i
double greyLevelVariance(const ZoneMatrix& m) {
    const double mu = weightedSum(m, [](double i, double) { return i; });
    return weightedSum(m, [mu](double i, double) { return (i - mu) * (i - mu); });
}
// Zone variance = sum p(i,j) (j - mu)^2, mu = sum p(i,j) j
double zoneVariance(const ZoneMatrix& m) {
    const double mu = weightedSum(m, [](double, double j) { return j; });
    return weightedSum(m, [mu](double, double j) { return (j - mu) * (j - mu); });
}
// Zone entropy = -sum p(i,j) log2(p(i,j) + eps)
double zoneEntropy(const ZoneMatrix& m) {
    double s = 0;
    for (const auto& sizes : m.bySize)
        for (const auto& [size, count] : sizes) s -= (count / m.zones) * std::log2(count / m.zones + kEps);
    return s;
}
// Low grey level zone emphasis = sum p_g(i) / i^2 / N_z
double lowGreyLevelZoneEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double) { return 1 / (i * i); });
}
// High grey level zone emphasis = sum p_g(i) i^2 / N_z
double highGreyLevelZoneEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double) { return i * i; });
}
// Small area low grey level emphasis = sum P(i,j) / (i^2 j^2) / N_z
double smallAreaLowGreyLevelEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double j) { return 1 / (i * i * j * j); });
}
// Small area high grey level emphasis = sum P(i,j) i^2 / j^2 / N_z
double smallAreaHighGreyLevelEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double j) { return i * i / (j * j); });
}
// Large area low grey level emphasis = sum P(i,j) j^2 / i^2 / N_z
double largeAreaLowGreyLevelEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double j) { return j * j / (i * i); });
}
// Large area high grey level emphasis = sum P(i,j) i^2 j^2 / N_z
double largeAreaHighGreyLevelEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double j) { return i * i * j * j; });
}

}  // namespace

FamilyValues glszmFeatures(const GreyLevelImage& grey, const Settings& settings) {
    Settings unitDistance = settings;
    unitDistance.distances = {1};
    const std::vector<std::array<int, 3>> offsets = neighbourOffsets(grey, unitDistance, false);

    ZoneMatrix m;
    for (int level : grey.presentLevels) m.level.push_back(level);
    m.bySize.resize(m.level.size());
    std::vector<std::int64_t> deltas;
    for (const auto& o : offsets) deltas.push_back(grey.indexOffset(o));
    // Voxels already assigned to a zone are cleared in this copy, so one read tells both whether
    // a neighbour is unvisited and whether it has the zone's level.
    std::vector<std::uint16_t> unassigned = grey.padded;
    std::vector<std::int64_t> stack;
    std::vector<std::pair<int, std::size_t>> zones;  // (rank, size)
    for (const std::int64_t start : grey.roiIndex) {
        const std::uint16_t rank = unassigned[static_cast<std::size_t>(start)];
        if (rank == 0) continue;
        // Flood fill of one zone; the empty padding stops it at the box border.
        std::size_t zoneSize = 0;
        unassigned[static_cast<std::size_t>(start)] = 0;
        stack.push_back(start);
        while (!stack.empty()) {
            const std::int64_t current = stack.back();
            stack.pop_back();
            ++zoneSize;
            for (const std::int64_t delta : deltas) {
                std::uint16_t& next = unassigned[static_cast<std::size_t>(current + delta)];
                if (next != rank) continue;
                next = 0;
                stack.push_back(current + delta);
            }
        }
        zones.emplace_back(rank, zoneSize);
    }
    for (const auto& [zoneRank, zoneSize] : zones) m.bySize[static_cast<std::size_t>(zoneRank - 1)][zoneSize] += 1;
    m.pg.assign(m.level.size(), 0);
    for (std::size_t i = 0; i < m.level.size(); ++i)
        for (const auto& [zoneSize, count] : m.bySize[i]) {
            m.pg[i] += count;
            m.ps[zoneSize] += count;
            m.zones += count;
        }
    m.voxels = static_cast<double>(grey.voxelCount);

    return {{"GrayLevelNonUniformity", greyLevelNonUniformity(m)},
            {"GrayLevelNonUniformityNormalized", greyLevelNonUniformityNormalized(m)},
            {"GrayLevelVariance", greyLevelVariance(m)},
            {"HighGrayLevelZoneEmphasis", highGreyLevelZoneEmphasis(m)},
            {"LargeAreaEmphasis", largeAreaEmphasis(m)},
            {"LargeAreaHighGrayLevelEmphasis", largeAreaHighGreyLevelEmphasis(m)},
            {"LargeAreaLowGrayLevelEmphasis", largeAreaLowGreyLevelEmphasis(m)},
            {"LowGrayLevelZoneEmphasis", lowGreyLevelZoneEmphasis(m)},
            {"SizeZoneNonUniformity", sizeZoneNonUniformity(m)},
            {"SizeZoneNonUniformityNormalized", sizeZoneNonUniformityNormalized(m)},
            {"SmallAreaEmphasis", smallAreaEmphasis(m)},
            {"SmallAreaHighGrayLevelEmphasis", smallAreaHighGreyLevelEmphasis(m)},
            {"SmallAreaLowGrayLevelEmphasis", smallAreaLowGreyLevelEmphasis(m)},
            {"ZoneEntropy", zoneEntropy(m)},
            {"ZonePercentage", zonePercentage(m)},
            {"ZoneVariance", zoneVariance(m)}};
}

}  // namespace drs::radiomics
