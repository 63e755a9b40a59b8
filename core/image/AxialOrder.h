#pragma once
#include <array>
#include <cstdint>

#include "core/image/Grid.h"

namespace drs {

// Which of an image's index axes runs nearest to each patient axis, L, P and S (LPS: towards the
// patient's left, back and head), and whether it runs against it. A DICOM axial CT stores its
// voxels in this order (x to the left, y to the back, z to the head); a NIfTI converter reverses
// the rows (y to the front), a coronal reconstruction stores the head along y. Oblique axes take
// the nearest patient axis.
struct AxialOrder {
    std::array<int, 3> indexAxis{0, 1, 2};              // for L, P, S
    std::array<bool, 3> reversed{false, false, false};  // for L, P, S
};

AxialOrder axialOrderOf(const Geometry& geometry);

// The index in the image of the voxel at `axial` (x along L, y along P, z along S).
std::array<std::int64_t, 3> storageIndexOf(const Geometry& geometry, const AxialOrder& order,
                                           const std::array<std::int64_t, 3>& axial);

// Axial slice z (counted towards S) of the image, its voxels indexed in axial order: x towards L,
// y towards P, each voxel where it was in patient space. Exact: voxels are copied, never
// interpolated. It shows the patient as radiologists view an axial CT, front at the top, the
// patient's right on the left.
template <class G>
G axialSlice(const G& image, const AxialOrder& order, std::int64_t z) {
    const Geometry& from = image.geometry;
    Geometry to;
    for (std::size_t k = 0; k < 3; ++k) {
        const auto a = static_cast<std::size_t>(order.indexAxis[k]);
        to.sizeXyz[k] = k == 2 ? 1 : from.sizeXyz[a];
        to.spacingMm[k] = from.spacingMm[a];
        for (std::size_t r = 0; r < 3; ++r)
            to.direction[r * 3 + k] = (order.reversed[k] ? -1.0 : 1.0) * from.direction[r * 3 + a];
    }
    const auto start = storageIndexOf(from, order, {0, 0, z});
    to.originMm = from.physicalPointMm(static_cast<double>(start[0]), static_cast<double>(start[1]),
                                       static_cast<double>(start[2]));
    G slice(to);
    if constexpr (requires { slice.stored; }) slice.stored = image.stored;
    for (std::int64_t y = 0; y < to.sizeXyz[1]; ++y)
        for (std::int64_t x = 0; x < to.sizeXyz[0]; ++x) {
            const auto index = storageIndexOf(from, order, {x, y, z});
            slice.at(x, y, 0) = image.at(index[0], index[1], index[2]);
        }
    return slice;
}

}  // namespace drs
