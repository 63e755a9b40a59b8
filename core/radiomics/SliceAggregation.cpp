#include "core/radiomics/SliceAggregation.h"

#include <cmath>

namespace drs::radiomics {

FamilyValues averagedOverSlices(const GreyLevelImage& grey, const std::vector<std::uint8_t>& edgeMaskBox, int axisXyz,
                                const TextureFamilyOf& family) {
    const auto axis = static_cast<std::size_t>(axisXyz);
    FamilyValues sum;
    std::vector<double> slicesDefining;  // per feature: the slices where it has a value
    GreyLevelImage slice;
    std::vector<int> scratch;
    std::vector<std::uint8_t> sliceEdge;
    for (std::int64_t s = 0; s < grey.sizeXyz[axis]; ++s) {
        std::array<std::int64_t, 3> low{0, 0, 0}, high{grey.sizeXyz[0] - 1, grey.sizeXyz[1] - 1, grey.sizeXyz[2] - 1};
        low[axis] = high[axis] = s;
        cropGreyLevels(grey, low, high, slice, scratch, [](std::int64_t, std::int64_t, std::int64_t) {});
        if (slice.roiIndex.empty()) continue;
        sliceEdge.clear();
        for (std::int64_t z = low[2]; z <= high[2]; ++z)
            for (std::int64_t y = low[1]; y <= high[1]; ++y)
                for (std::int64_t x = low[0]; x <= high[0]; ++x)
                    sliceEdge.push_back(
                        edgeMaskBox[static_cast<std::size_t>((z * grey.sizeXyz[1] + y) * grey.sizeXyz[0] + x)]);
        const FamilyValues values = family(slice, sliceEdge);
        if (sum.empty()) {
            sum = values;
            for (FeatureValue& v : sum) v.value = 0;
            slicesDefining.assign(sum.size(), 0);
        }
        for (std::size_t k = 0; k < sum.size(); ++k)
            if (std::isfinite(values[k].value)) {
                sum[k].value += values[k].value;
                ++slicesDefining[k];
            }
    }
    for (std::size_t k = 0; k < sum.size(); ++k)
        sum[k].value = slicesDefining[k] > 0 ? sum[k].value / slicesDefining[k] : std::nan("");
    return sum;
}

}  // namespace drs::radiomics
