// IBSI's local intensity features. A voxel's local mean is the mean image intensity over the voxels
// whose centres lie within the sphere of volume 1 cm^3 (radius 6.2035 mm) centred on it, ROI or
// not; voxels beyond the image are not counted. Global intensity peak = the highest local mean of
// the ROI voxels; local intensity peak = the highest local mean of the ROI voxels of the highest
// intensity.
#include "core/radiomics/LocalIntensity.h"

#include <QString>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "core/util/Error.h"

namespace drs::radiomics {
namespace {

const double kRadiusMm = std::cbrt(3000.0 / (4 * std::numbers::pi));  // (3 / (4 pi) 1000 mm^3)^(1/3)

// The sphere as rows along x: for each (dy, dz) it reaches, the half-width of its run of dx.
struct SphereRow {
    std::int64_t dy, dz, halfWidth;
};
std::vector<SphereRow> sphereRows(const std::array<double, 3>& spacingMm) {
    const auto reachY = static_cast<std::int64_t>(std::floor(kRadiusMm / spacingMm[1]));
    const auto reachZ = static_cast<std::int64_t>(std::floor(kRadiusMm / spacingMm[2]));
    std::vector<SphereRow> rows;
    for (std::int64_t dz = -reachZ; dz <= reachZ; ++dz)
        for (std::int64_t dy = -reachY; dy <= reachY; ++dy) {
            const double left =
                kRadiusMm * kRadiusMm - std::pow(double(dy) * spacingMm[1], 2) - std::pow(double(dz) * spacingMm[2], 2);
            if (left >= 0)
                rows.push_back({dy, dz, static_cast<std::int64_t>(std::floor(std::sqrt(left) / spacingMm[0]))});
        }
    return rows;
}

// The sphere must not run past a crop that stands for image around it.
void requireRoomAroundRoi(const Geometry& grid, const Settings& settings) {
    if (!settings.resampledPixelSpacing && !settings.preCrop) return;
    for (int a = 0; a < 3; ++a) {
        const auto reach = static_cast<int>(std::floor(kRadiusMm / grid.spacingMm[a]));
        if (reach > settings.padDistance)
            throw Error("localintensity: the 1 cm^3 sphere reaches " + std::to_string(reach) + " voxels of " +
                        QString::number(grid.spacingMm[a]).toStdString() +
                        " mm beyond the ROI, more than padDistance (" + std::to_string(settings.padDistance) +
                        ") keeps around it; set padDistance to at least " + std::to_string(reach));
    }
}

}  // namespace

FamilyValues localIntensityFeatures(const Volume& image, const Region& region, const Settings& settings) {
    const Geometry& grid = image.geometry;
    requireRoomAroundRoi(grid, settings);
    const std::vector<SphereRow> rows = sphereRows(grid.spacingMm);
    // Running sums along x of the image around the box (the box grown by the sphere's reach, within
    // the image), so each sphere row is one difference: rows x (box + reach) reads, not sphere volume.
    std::array<std::int64_t, 3> low{}, high{};
    for (int a = 0; a < 3; ++a) {
        const auto reach = static_cast<std::int64_t>(std::floor(kRadiusMm / grid.spacingMm[a]));
        low[a] = std::max<std::int64_t>(0, region.box.startXyz[a] - reach);
        high[a] = std::min(grid.sizeXyz[a] - 1, region.box.startXyz[a] + region.box.sizeXyz[a] - 1 + reach);
    }
    const std::int64_t width = high[0] - low[0] + 2, height = high[1] - low[1] + 1;
    std::vector<double> running(static_cast<std::size_t>(width * height * (high[2] - low[2] + 1)), 0);
    auto rowStart = [&](std::int64_t y, std::int64_t z) {
        return static_cast<std::size_t>(((z - low[2]) * height + (y - low[1])) * width);
    };
    for (std::int64_t z = low[2]; z <= high[2]; ++z)
        for (std::int64_t y = low[1]; y <= high[1]; ++y) {
            double* sums = &running[rowStart(y, z)];
            for (std::int64_t x = low[0]; x <= high[0]; ++x)
                sums[x - low[0] + 1] = sums[x - low[0]] + region.intensityMap(image.at(x, y, z));
        }
    auto localMean = [&](std::int64_t x, std::int64_t y, std::int64_t z) {
        double sum = 0, count = 0;
        for (const SphereRow& r : rows) {
            const std::int64_t py = y + r.dy, pz = z + r.dz;
            if (py < low[1] || pz < low[2] || py > high[1] || pz > high[2]) continue;  // beyond the image
            const std::int64_t x0 = std::max(low[0], x - r.halfWidth), x1 = std::min(high[0], x + r.halfWidth);
            const double* sums = &running[rowStart(py, pz)];
            sum += sums[x1 - low[0] + 1] - sums[x0 - low[0]];
            count += double(x1 - x0 + 1);
        }
        return sum / count;
    };
    double highest = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < region.mask.size(); ++i)
        if (region.mask[i]) highest = std::max(highest, region.intensity[i]);
    double globalPeak = -std::numeric_limits<double>::infinity(), localPeak = globalPeak;
    std::size_t i = 0;
    for (std::int64_t z = 0; z < region.box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < region.box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < region.box.sizeXyz[0]; ++x, ++i) {
                if (!region.mask[i]) continue;
                const double mean =
                    localMean(region.box.startXyz[0] + x, region.box.startXyz[1] + y, region.box.startXyz[2] + z);
                globalPeak = std::max(globalPeak, mean);
                if (region.intensity[i] == highest) localPeak = std::max(localPeak, mean);
            }
    return {{"GlobalIntensityPeak", globalPeak}, {"LocalIntensityPeak", localPeak}};
}

}  // namespace drs::radiomics
