#include "viewers/SlicePlane.h"

#include <cmath>

#include "core/image/AxialOrder.h"

namespace drs::viewers {
namespace {

std::uint8_t blend(int below, int colour, double opacity) {
    return static_cast<std::uint8_t>(std::lround((1.0 - opacity) * below + opacity * colour));
}

}  // namespace

SlicePlane slicePlaneFor(const Geometry& geometry, SliceOrientation orientation) {
    constexpr int left = 0, posterior = 1, superior = 2;
    const AxialOrder order = axialOrderOf(geometry);
    SlicePlane plane;
    plane.sizeXyz = geometry.sizeXyz;
    plane.spacingMm = geometry.spacingMm;
    // Screen columns grow rightwards and rows downwards; "towards" is the patient direction that
    // must grow the same way.
    int normalPatient = superior, columnPatient = left, rowPatient = posterior;
    bool rowsTowardsPositive = true;  // rows grow towards +P (axial) or towards -S (others)
    switch (orientation) {
    case SliceOrientation::Axial: break;
    case SliceOrientation::Coronal:
        normalPatient = posterior, columnPatient = left, rowPatient = superior, rowsTowardsPositive = false;
        break;
    case SliceOrientation::Sagittal:
        normalPatient = left, columnPatient = posterior, rowPatient = superior, rowsTowardsPositive = false;
        break;
    }
    plane.normalAxis = order.indexAxis[normalPatient];
    plane.columnAxis = order.indexAxis[columnPatient];
    plane.rowAxis = order.indexAxis[rowPatient];
    plane.flipColumns = order.reversed[columnPatient];
    plane.flipRows = order.reversed[rowPatient] == rowsTowardsPositive;
    return plane;
}

std::array<std::int64_t, 3> SlicePlane::voxelAt(std::int64_t slice, int column, int row) const {
    std::array<std::int64_t, 3> index{};
    index[normalAxis] = slice;
    index[columnAxis] = flipColumns ? sizeXyz[columnAxis] - 1 - column : column;
    index[rowAxis] = flipRows ? sizeXyz[rowAxis] - 1 - row : row;
    return index;
}

QPoint SlicePlane::pixelOf(const std::array<std::int64_t, 3>& indexXyz) const {
    const std::int64_t column = flipColumns ? sizeXyz[columnAxis] - 1 - indexXyz[columnAxis] : indexXyz[columnAxis];
    const std::int64_t row = flipRows ? sizeXyz[rowAxis] - 1 - indexXyz[rowAxis] : indexXyz[rowAxis];
    return {static_cast<int>(column), static_cast<int>(row)};
}

QImage renderSlice(const Volume& volume, const SlicePlane& plane, std::int64_t slice, const WindowLevel& window,
                   const std::vector<OverlayLayer>& overlays) {
    QImage image(plane.columnCount(), plane.rowCount(), QImage::Format_RGB32);
    if (image.isNull() || slice < 0 || slice >= plane.sliceCount()) return image;
    std::vector<const OverlayLayer*> layers;
    for (const auto& layer : overlays)
        if (layer.labels && layer.labels->voxels.size() == volume.voxels.size()) layers.push_back(&layer);
    // Linear voxel index steps of one displayed column and row: the loop walks the slice by
    // addition instead of mapping every pixel through voxelAt.
    const auto& size = volume.geometry.sizeXyz;
    const std::array<std::int64_t, 3> stride{1, size[0], size[0] * size[1]};
    const std::int64_t columnStep = plane.flipColumns ? -stride[plane.columnAxis] : stride[plane.columnAxis];
    const std::int64_t rowStep = plane.flipRows ? -stride[plane.rowAxis] : stride[plane.rowAxis];
    const auto [x0, y0, z0] = plane.voxelAt(slice, 0, 0);
    const auto first = static_cast<std::int64_t>(volume.geometry.linear(x0, y0, z0));
    for (int row = 0; row < image.height(); ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        std::int64_t linear = first + row * rowStep;
        for (int column = 0; column < image.width(); ++column, linear += columnStep) {
            const auto at = static_cast<std::size_t>(linear);
            int red = greyFor(volume.voxels[at], window), green = red, blue = red;
            for (const OverlayLayer* layer : layers) {
                const std::uint16_t value = layer->labels->voxels[at];
                if (value == 0 || (layer->label != 0 && value != layer->label)) continue;
                const QColor& colour = layer->palette.empty()
                                           ? layer->colour
                                           : layer->palette[std::min<std::size_t>(value, layer->palette.size()) - 1];
                red = blend(red, colour.red(), layer->opacity);
                green = blend(green, colour.green(), layer->opacity);
                blue = blend(blue, colour.blue(), layer->opacity);
            }
            line[column] = qRgb(red, green, blue);
        }
    }
    return image;
}

}  // namespace drs::viewers
