#include "core/image/Grid.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace drs {

std::array<double, 3> Geometry::physicalPointMm(double x, double y, double z) const {
    const double scaled[3] = {x * spacingMm[0], y * spacingMm[1], z * spacingMm[2]};
    std::array<double, 3> point = originMm;
    for (int row = 0; row < 3; ++row)
        for (int col = 0; col < 3; ++col) point[row] += direction[row * 3 + col] * scaled[col];
    return point;
}

std::string geometryMismatch(const Geometry& image, const Geometry& mask) {
    std::ostringstream why;
    if (image.sizeXyz != mask.sizeXyz) {
        why << "size " << mask.sizeXyz[0] << "x" << mask.sizeXyz[1] << "x" << mask.sizeXyz[2]
            << " differs from the image's " << image.sizeXyz[0] << "x" << image.sizeXyz[1] << "x" << image.sizeXyz[2];
        return why.str();
    }
    for (int a = 0; a < 3; ++a) {
        const double tolerance = 1e-4 * std::max(1.0, image.spacingMm[a]);
        if (std::abs(image.spacingMm[a] - mask.spacingMm[a]) > tolerance) {
            why << "spacing " << mask.spacingMm[0] << "," << mask.spacingMm[1] << "," << mask.spacingMm[2]
                << " mm differs from the image's " << image.spacingMm[0] << "," << image.spacingMm[1] << ","
                << image.spacingMm[2] << " mm";
            return why.str();
        }
    }
    for (int a = 0; a < 3; ++a) {
        const double tolerance =
            1e-3 * std::max(1.0, *std::max_element(image.spacingMm.begin(), image.spacingMm.end()));
        if (std::abs(image.originMm[a] - mask.originMm[a]) > tolerance) {
            why << "origin " << mask.originMm[0] << "," << mask.originMm[1] << "," << mask.originMm[2]
                << " mm differs from the image's " << image.originMm[0] << "," << image.originMm[1] << ","
                << image.originMm[2] << " mm";
            return why.str();
        }
    }
    for (int i = 0; i < 9; ++i) {
        if (std::abs(image.direction[i] - mask.direction[i]) > 1e-4) {
            why << "direction cosines differ from the image's";
            return why.str();
        }
    }
    return {};
}

}  // namespace drs
