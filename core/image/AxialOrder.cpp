#include "core/image/AxialOrder.h"

#include <cmath>

namespace drs {

AxialOrder axialOrderOf(const Geometry& geometry) {
    // The largest cosine first, then the largest left among the other axes: a permutation even
    // for axes at 45 degrees to the patient's.
    AxialOrder order;
    std::array<bool, 3> patientTaken{}, indexTaken{};
    for (int step = 0; step < 3; ++step) {
        int bestPatient = -1, bestIndex = -1;
        double best = -1;
        for (int r = 0; r < 3; ++r)
            for (int a = 0; a < 3; ++a) {
                if (patientTaken[static_cast<std::size_t>(r)] || indexTaken[static_cast<std::size_t>(a)]) continue;
                const double cosine = std::abs(geometry.direction[static_cast<std::size_t>(r * 3 + a)]);
                if (cosine > best) {
                    best = cosine;
                    bestPatient = r;
                    bestIndex = a;
                }
            }
        patientTaken[static_cast<std::size_t>(bestPatient)] = indexTaken[static_cast<std::size_t>(bestIndex)] = true;
        order.indexAxis[static_cast<std::size_t>(bestPatient)] = bestIndex;
        order.reversed[static_cast<std::size_t>(bestPatient)] =
            geometry.direction[static_cast<std::size_t>(bestPatient * 3 + bestIndex)] < 0;
    }
    return order;
}

std::array<std::int64_t, 3> storageIndexOf(const Geometry& geometry, const AxialOrder& order,
                                           const std::array<std::int64_t, 3>& axial) {
    std::array<std::int64_t, 3> index{};
    for (std::size_t k = 0; k < 3; ++k) {
        const auto a = static_cast<std::size_t>(order.indexAxis[k]);
        index[a] = order.reversed[k] ? geometry.sizeXyz[a] - 1 - axial[k] : axial[k];
    }
    return index;
}

}  // namespace drs
