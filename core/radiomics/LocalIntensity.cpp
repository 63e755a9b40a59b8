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

std::vector<std::array<std::int64_t, 3>> sphereOffsets(const std::array<double, 3>& spacingMm) {
    std::array<std::int64_t, 3> reach{};
    for (int a = 0; a < 3; ++a) reach[a] = static_cast<std::int64_t>(std::floor(kRadiusMm / spacingMm[a]));
    std::vector<std::array<std::int64_t, 3>> offsets;
    for (std::int64_t z = -reach[2]; z <= reach[2]; ++z)
        for (std::int64_t y = -reach[1]; y <= reach[1]; ++y)
            for (std::int64_t x = -reach[0]; x <= reach[0]; ++x) {
                const double dx = double(x) * spacingMm[0], dy = double(y) * spacingMm[1],
                             dz = double(z) * spacingMm[2];
                if (dx * dx + dy * dy + dz * dz <= kRadiusMm * kRadiusMm) offsets.push_back({x, y, z});
            }
    return offsets;
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
    const std::vector<std::array<std::int64_t, 3>> offsets = sphereOffsets(grid.spacingMm);
    auto localMean = [&](std::int64_t x, std::int64_t y, std::int64_t z) {
        double sum = 0;
        std::size_t count = 0;
        for (const auto& o : offsets) {
            const std::int64_t px = x + o[0], py = y + o[1], pz = z + o[2];
            if (px < 0 || py < 0 || pz < 0 || px >= grid.sizeXyz[0] || py >= grid.sizeXyz[1] || pz >= grid.sizeXyz[2])
                continue;
            sum += region.intensityMap(image.at(px, py, pz));
            ++count;
        }
        return sum / double(count);
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
