#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <QColor>
#include <QImage>
#include <QPoint>
#include <QSizeF>

#include "core/image/Grid.h"
#include "viewers/WindowLevel.h"

namespace drs::viewers {

enum class SliceOrientation { Axial, Coronal, Sagittal };

// How a voxel grid is cut and laid out on screen for one orientation, in radiological convention:
// axial and coronal show the patient's left on the right; anterior is up (axial) and left
// (sagittal); superior is up (coronal, sagittal). Derived from the grid's direction cosines, so
// a grid stored in any axis order or sign shows the same way.
struct SlicePlane {
    int normalAxis = 2;  // index axis (0 = x, 1 = y, 2 = z) that scrolling steps through
    int columnAxis = 0;  // index axis shown left to right
    int rowAxis = 1;     // index axis shown top to bottom
    bool flipColumns = false;
    bool flipRows = false;
    std::array<std::int64_t, 3> sizeXyz{0, 0, 0};
    std::array<double, 3> spacingMm{1, 1, 1};

    std::int64_t sliceCount() const { return sizeXyz[normalAxis]; }
    int columnCount() const { return static_cast<int>(sizeXyz[columnAxis]); }
    int rowCount() const { return static_cast<int>(sizeXyz[rowAxis]); }
    // Size of one displayed pixel in mm (width along columns, height along rows).
    QSizeF pixelSizeMm() const { return {spacingMm[columnAxis], spacingMm[rowAxis]}; }
    // Physical extent of the displayed slice in mm; the on-screen aspect ratio follows it.
    QSizeF extentMm() const { return {columnCount() * spacingMm[columnAxis], rowCount() * spacingMm[rowAxis]}; }

    std::array<std::int64_t, 3> voxelAt(std::int64_t slice, int column, int row) const;
    // Column (x) and row (y) of a voxel's pixel in this plane's image.
    QPoint pixelOf(const std::array<std::int64_t, 3>& indexXyz) const;
};

SlicePlane slicePlaneFor(const Geometry& geometry, SliceOrientation orientation);

// One coloured layer over the grey image: voxels equal to label (any non-zero when label is 0) in
// colour; with a palette, each non-zero voxel v in palette[v - 1] instead (a feature map).
struct OverlayLayer {
    std::shared_ptr<const LabelMap> labels;
    std::uint16_t label = 0;
    QColor colour;
    double opacity = 0.5;
    std::vector<QColor> palette;
};

// Grey image of one slice under a window, with overlays blended in order:
// channel = round((1 - opacity) * below + opacity * colour).
QImage renderSlice(const Volume& volume, const SlicePlane& plane, std::int64_t slice, const WindowLevel& window,
                   const std::vector<OverlayLayer>& overlays);

}  // namespace drs::viewers
