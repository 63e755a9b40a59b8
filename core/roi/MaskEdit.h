#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/image/Grid.h"

namespace drs {

// The edit operations of the ROI drawing tools (brush, eraser, polygon and freehand fill, fill
// between slices), independent of any widget. Every operation works on one slice of the mask,
// the voxels whose index on `normalAxis` equals the slice, measures in-plane distances in mm with
// the grid's spacing, and returns the voxels it changed so that the caller can undo and redo it.

// The two in-plane index axes of a slice normal to normalAxis (ascending: x before y before z).
struct SliceAxes {
    int normalAxis = 2;
    int columnAxis = 0;
    int rowAxis = 1;
};
SliceAxes sliceAxesNormalTo(int normalAxis);

// Voxels changed by one edit, in the order they were changed.
struct MaskChange {
    std::vector<std::size_t> linear;  // Geometry::linear index
    std::vector<std::uint16_t> before, after;

    bool empty() const { return linear.empty(); }
    std::size_t size() const { return linear.size(); }
    void record(std::size_t index, std::uint16_t from, std::uint16_t to);
    // Appends a later edit, so that one undo reverts both (a brush stroke of many dabs).
    void append(const MaskChange& later);
};
void undoChange(LabelMap& mask, const MaskChange& change);
void redoChange(LabelMap& mask, const MaskChange& change);

enum class EditMode { Paint, Erase };

// What an edit does to a voxel it covers. Paint sets `label` (over any other label, as ITK-SNAP's
// and 3D Slicer's defaults do); erase sets voxels of `label` to 0 and leaves other labels alone.
// With an HU range, painting only reaches voxels whose image value lies in [lowHu, highHu]
// (threshold-assisted painting); erasing is never limited, so a wrong stroke can always be undone
// by hand.
struct PaintRule {
    std::uint16_t label = 1;
    EditMode mode = EditMode::Paint;
    const Volume* image = nullptr;  // required when huRange is set; same grid as the mask
    std::optional<std::array<double, 2>> huRange;
};

// Covers the voxels of the slice through fromXyz whose centre lies within radiusMm of the segment
// fromXyz..toXyz (in-plane, physical): a round brush dragged from one mouse position to the next
// leaves no gaps however fast it moves. fromXyz == toXyz is a single round dab. toXyz is projected
// onto fromXyz's slice.
MaskChange paintSegment(LabelMap& mask, const SliceAxes& axes, const std::array<std::int64_t, 3>& fromXyz,
                        const std::array<std::int64_t, 3>& toXyz, double radiusMm, const PaintRule& rule);

// Covers the voxels of one slice whose centre lies inside the closed polygon (even-odd rule). The
// vertices are continuous index coordinates on the slice's column and row axes (a voxel centre
// has whole coordinates). Polygon and freehand fill differ only in how many vertices they give.
MaskChange fillPolygon(LabelMap& mask, const SliceAxes& axes, std::int64_t slice,
                       const std::vector<std::array<double, 2>>& verticesColumnRow, const PaintRule& rule);

// Fill between slices: every run of slices without `label` between two slices that have it (the
// "key" slices, normal to normalAxis) gets the shape interpolated between its two key slices.
// Shape-based interpolation: the in-plane signed distance maps of the two key shapes (mm, negative
// inside) are blended linearly by the slice's position between them, and a voxel is inside where
// the blend is negative. Only background voxels are filled; key slices are never changed.
MaskChange interpolateBetweenSlices(LabelMap& mask, int normalAxis, std::uint16_t label);

// Indices (along normalAxis) of the slices that hold at least one voxel of label, ascending.
std::vector<std::int64_t> slicesWithLabel(const LabelMap& mask, int normalAxis, std::uint16_t label);

}  // namespace drs
