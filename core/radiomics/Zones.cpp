#include "core/radiomics/Zones.h"

#include <cmath>

#include "core/radiomics/FeatureValue.h"

namespace drs::radiomics {
namespace {

template <class F>
double weightedSum(const ZoneMatrix& m, F f) {
    double s = 0;
    for (std::size_t i = 0; i < m.level.size(); ++i)
        for (const auto& [extent, count] : m.byExtent[i]) s += count * f(m.level[i], static_cast<double>(extent));
    return s / m.zones;
}

// Small extent emphasis = sum p_e(j) / j^2 / N_z
double smallExtentEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double, double j) { return 1 / (j * j); });
}
// Large extent emphasis = sum p_e(j) j^2 / N_z
double largeExtentEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double, double j) { return j * j; });
}
// Grey level non-uniformity = sum p_g(i)^2 / N_z
double greyLevelNonUniformity(const ZoneMatrix& m) {
    double s = 0;
    for (double v : m.pg) s += v * v;
    return s / m.zones;
}
// Extent non-uniformity = sum p_e(j)^2 / N_z
double extentNonUniformity(const ZoneMatrix& m) {
    double s = 0;
    for (const auto& [extent, count] : m.pe) s += count * count;
    return s / m.zones;
}
// Grey level variance = sum p(i,j) (i - mu)^2, mu = sum p(i,j) i
double greyLevelVariance(const ZoneMatrix& m) {
    const double mu = weightedSum(m, [](double i, double) { return i; });
    return weightedSum(m, [mu](double i, double) { return (i - mu) * (i - mu); });
}
// Extent variance = sum p(i,j) (j - mu)^2, mu = sum p(i,j) j
double extentVariance(const ZoneMatrix& m) {
    const double mu = weightedSum(m, [](double, double j) { return j; });
    return weightedSum(m, [mu](double, double j) { return (j - mu) * (j - mu); });
}
// Zone entropy = -sum p(i,j) log2(p(i,j) + eps)
double zoneEntropy(const ZoneMatrix& m) {
    double s = 0;
    for (const auto& extents : m.byExtent)
        for (const auto& [extent, count] : extents) s -= (count / m.zones) * std::log2(count / m.zones + kEps);
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
// Small extent low grey level emphasis = sum P(i,j) / (i^2 j^2) / N_z
double smallExtentLowGreyLevelEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double j) { return 1 / (i * i * j * j); });
}
// Small extent high grey level emphasis = sum P(i,j) i^2 / j^2 / N_z
double smallExtentHighGreyLevelEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double j) { return i * i / (j * j); });
}
// Large extent low grey level emphasis = sum P(i,j) j^2 / i^2 / N_z
double largeExtentLowGreyLevelEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double j) { return j * j / (i * i); });
}
// Large extent high grey level emphasis = sum P(i,j) i^2 j^2 / N_z
double largeExtentHighGreyLevelEmphasis(const ZoneMatrix& m) {
    return weightedSum(m, [](double i, double j) { return i * i * j * j; });
}

}  // namespace

GreyLevelZones greyLevelZones(const GreyLevelImage& grey, const Settings& settings, bool withZoneMap) {
    Settings unitDistance = settings;
    unitDistance.distances = {1};
    std::vector<std::int64_t> deltas;
    for (const auto& o : neighbourOffsets(grey, unitDistance, false)) deltas.push_back(grey.indexOffset(o));

    GreyLevelZones zones;
    if (withZoneMap) zones.zoneAt.assign(grey.padded.size(), 0);
    // Voxels already assigned to a zone are cleared in this copy, so one read tells both whether
    // a neighbour is unvisited and whether it has the zone's level.
    std::vector<std::uint16_t> unassigned = grey.padded;
    std::vector<std::int64_t> stack;
    for (const std::int64_t start : grey.roiIndex) {
        const std::uint16_t rank = unassigned[static_cast<std::size_t>(start)];
        if (rank == 0) continue;
        const auto zoneNumber = static_cast<std::uint32_t>(zones.rank.size() + 1);
        // Flood fill of one zone; the empty padding stops it at the box border.
        std::size_t zoneSize = 0;
        unassigned[static_cast<std::size_t>(start)] = 0;
        stack.push_back(start);
        while (!stack.empty()) {
            const std::int64_t current = stack.back();
            stack.pop_back();
            ++zoneSize;
            if (withZoneMap) zones.zoneAt[static_cast<std::size_t>(current)] = zoneNumber;
            for (const std::int64_t delta : deltas) {
                std::uint16_t& next = unassigned[static_cast<std::size_t>(current + delta)];
                if (next != rank) continue;
                next = 0;
                stack.push_back(current + delta);
            }
        }
        zones.rank.push_back(rank);
        zones.size.push_back(zoneSize);
    }
    return zones;
}

ZoneMatrix zoneMatrix(const GreyLevelImage& grey, const GreyLevelZones& zones,
                      const std::vector<std::size_t>& extentOfZone) {
    ZoneMatrix m;
    for (int level : grey.presentLevels) m.level.push_back(level);
    m.byExtent.resize(m.level.size());
    for (std::size_t z = 0; z < zones.rank.size(); ++z) m.byExtent[zones.rank[z] - 1u][extentOfZone[z]] += 1;
    m.pg.assign(m.level.size(), 0);
    for (std::size_t i = 0; i < m.level.size(); ++i)
        for (const auto& [extent, count] : m.byExtent[i]) {
            m.pg[i] += count;
            m.pe[extent] += count;
            m.zones += count;
        }
    m.voxels = static_cast<double>(grey.voxelCount);
    return m;
}

ZoneMatrixFeatures zoneMatrixFeatures(const ZoneMatrix& m) {
    const double glnu = greyLevelNonUniformity(m), enu = extentNonUniformity(m);
    return {smallExtentEmphasis(m),
            largeExtentEmphasis(m),
            lowGreyLevelZoneEmphasis(m),
            highGreyLevelZoneEmphasis(m),
            smallExtentLowGreyLevelEmphasis(m),
            smallExtentHighGreyLevelEmphasis(m),
            largeExtentLowGreyLevelEmphasis(m),
            largeExtentHighGreyLevelEmphasis(m),
            glnu,
            glnu / m.zones,  // normalised: sum p_g(i)^2 / N_z^2
            enu,
            enu / m.zones,
            m.zones / m.voxels,  // zone percentage N_z / N_p
            greyLevelVariance(m),
            extentVariance(m),
            zoneEntropy(m)};
}

}  // namespace drs::radiomics
