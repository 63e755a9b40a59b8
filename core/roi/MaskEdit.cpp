// Shape-based interpolation between slices follows Raya & Udupa (1990) and Herman et al. (1992):
// blend signed distance maps of the two key shapes, threshold at zero.
#include "core/roi/MaskEdit.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/roi/Regions.h"
#include "core/util/Error.h"

namespace drs {

namespace {

using IndexXyz = std::array<std::int64_t, 3>;

// The voxel a rule would give, or the voxel itself when the rule leaves it alone.
std::uint16_t ruled(std::uint16_t voxel, std::size_t linear, const PaintRule& rule) {
    if (rule.mode == EditMode::Erase) return voxel == rule.label ? 0 : voxel;
    if (rule.huRange) {
        const double hu = rule.image->voxels[linear];
        if (hu < (*rule.huRange)[0] || hu > (*rule.huRange)[1]) return voxel;
    }
    return rule.label;
}

void checkRule(const LabelMap& mask, const PaintRule& rule) {
    if (rule.label == 0) throw Error("the label to edit must be 1 or more");
    if (rule.huRange) {
        if (!rule.image || rule.image->voxels.size() != mask.voxels.size())
            throw Error("painting within an HU range needs the image on the mask's grid");
        if ((*rule.huRange)[0] > (*rule.huRange)[1]) throw Error("the HU range is empty (lower bound above upper)");
    }
}

void apply(LabelMap& mask, std::size_t linear, const PaintRule& rule, MaskChange& change) {
    const std::uint16_t voxel = mask.voxels[linear];
    const std::uint16_t wanted = ruled(voxel, linear, rule);
    if (wanted == voxel) return;
    mask.voxels[linear] = wanted;
    change.record(linear, voxel, wanted);
}

// One slice as a 2D binary image (x = column axis, y = row axis) with the in-plane spacing.
LabelMap sliceOf(const LabelMap& mask, const SliceAxes& axes, std::int64_t slice, std::uint16_t label) {
    Geometry g;
    g.sizeXyz = {mask.geometry.sizeXyz[axes.columnAxis], mask.geometry.sizeXyz[axes.rowAxis], 1};
    g.spacingMm = {mask.geometry.spacingMm[axes.columnAxis], mask.geometry.spacingMm[axes.rowAxis], 1.0};
    LabelMap plane(g, 0);
    IndexXyz p{};
    p[axes.normalAxis] = slice;
    for (std::int64_t r = 0; r < g.sizeXyz[1]; ++r)
        for (std::int64_t c = 0; c < g.sizeXyz[0]; ++c) {
            p[axes.columnAxis] = c;
            p[axes.rowAxis] = r;
            plane.at(c, r, 0) = mask.at(p[0], p[1], p[2]) == label ? 1 : 0;
        }
    return plane;
}

// Signed distance in mm from each pixel centre to the shape's edge, negative inside. The edge lies
// half a pixel beyond the outermost pixel centres, so the distance to the nearest pixel centre on
// the other side, less half a pixel, estimates it; without that half pixel, blends would be biased
// towards the smaller of two shapes. A slice filled edge to edge has no outside: its inside
// distances are capped at the slice's diagonal, which no blend can outweigh.
std::vector<double> signedDistanceMm(const LabelMap& plane) {
    const Geometry& g = plane.geometry;
    const std::array<std::int64_t, 3> everywhere = g.sizeXyz;
    LabelMap outside(g, 0);
    for (std::size_t i = 0; i < plane.voxels.size(); ++i) outside.voxels[i] = plane.voxels[i] ? 0 : 1;
    const Grid<double> toInside = squaredDistanceMm2(plane, everywhere);
    const Grid<double> toOutside = squaredDistanceMm2(outside, everywhere);
    const double cap = std::hypot(g.sizeXyz[0] * g.spacingMm[0], g.sizeXyz[1] * g.spacingMm[1]);
    const double halfPixel = 0.5 * std::min(g.spacingMm[0], g.spacingMm[1]);
    std::vector<double> signedMm(plane.voxels.size());
    for (std::size_t i = 0; i < signedMm.size(); ++i)
        signedMm[i] = plane.voxels[i] ? -(std::min(cap, std::sqrt(toOutside.voxels[i])) - halfPixel)
                                      : std::sqrt(toInside.voxels[i]) - halfPixel;
    return signedMm;
}

}  // namespace

SliceAxes sliceAxesNormalTo(int normalAxis) {
    if (normalAxis < 0 || normalAxis > 2) throw Error("slice normal axis must be 0, 1 or 2");
    SliceAxes axes;
    axes.normalAxis = normalAxis;
    axes.columnAxis = normalAxis == 0 ? 1 : 0;
    axes.rowAxis = normalAxis == 2 ? 1 : 2;
    return axes;
}

void MaskChange::record(std::size_t index, std::uint16_t from, std::uint16_t to) {
    linear.push_back(index);
    before.push_back(from);
    after.push_back(to);
}

void MaskChange::append(const MaskChange& later) {
    linear.insert(linear.end(), later.linear.begin(), later.linear.end());
    before.insert(before.end(), later.before.begin(), later.before.end());
    after.insert(after.end(), later.after.begin(), later.after.end());
}

void undoChange(LabelMap& mask, const MaskChange& change) {
    // Backwards, so a voxel changed twice ends at its first "before".
    for (std::size_t i = change.size(); i-- > 0;) mask.voxels[change.linear[i]] = change.before[i];
}

void redoChange(LabelMap& mask, const MaskChange& change) {
    for (std::size_t i = 0; i < change.size(); ++i) mask.voxels[change.linear[i]] = change.after[i];
}

MaskChange paintSegment(LabelMap& mask, const SliceAxes& axes, const IndexXyz& fromXyz, const IndexXyz& toXyz,
                        double radiusMm, const PaintRule& rule) {
    checkRule(mask, rule);
    if (!(radiusMm >= 0)) throw Error("the brush radius must not be negative");
    const Geometry& g = mask.geometry;
    const int a = axes.columnAxis, b = axes.rowAxis;
    const double sa = g.spacingMm[a], sb = g.spacingMm[b];
    // Segment from P to Q in mm, relative to P.
    const double qa = static_cast<double>(toXyz[a] - fromXyz[a]) * sa;
    const double qb = static_cast<double>(toXyz[b] - fromXyz[b]) * sb;
    const double lengthSquared = qa * qa + qb * qb;
    const std::int64_t reachA = static_cast<std::int64_t>(std::floor(radiusMm / sa));
    const std::int64_t reachB = static_cast<std::int64_t>(std::floor(radiusMm / sb));
    const std::int64_t loA = std::max<std::int64_t>(0, std::min(fromXyz[a], toXyz[a]) - reachA);
    const std::int64_t hiA = std::min<std::int64_t>(g.sizeXyz[a] - 1, std::max(fromXyz[a], toXyz[a]) + reachA);
    const std::int64_t loB = std::max<std::int64_t>(0, std::min(fromXyz[b], toXyz[b]) - reachB);
    const std::int64_t hiB = std::min<std::int64_t>(g.sizeXyz[b] - 1, std::max(fromXyz[b], toXyz[b]) + reachB);
    // A relative epsilon keeps voxels lying exactly on the rim (radius 2 mm, spacing 1 mm) inside.
    const double limit = radiusMm * radiusMm * (1 + 1e-12);

    MaskChange change;
    const std::int64_t slice = fromXyz[axes.normalAxis];
    if (slice < 0 || slice >= g.sizeXyz[axes.normalAxis]) return change;
    IndexXyz p{};
    p[axes.normalAxis] = slice;
    for (std::int64_t j = loB; j <= hiB; ++j)
        for (std::int64_t i = loA; i <= hiA; ++i) {
            const double pa = static_cast<double>(i - fromXyz[a]) * sa, pb = static_cast<double>(j - fromXyz[b]) * sb;
            const double t = lengthSquared > 0 ? std::clamp((pa * qa + pb * qb) / lengthSquared, 0.0, 1.0) : 0.0;
            const double da = pa - t * qa, db = pb - t * qb;
            if (da * da + db * db > limit) continue;
            p[a] = i;
            p[b] = j;
            apply(mask, g.linear(p[0], p[1], p[2]), rule, change);
        }
    return change;
}

MaskChange fillPolygon(LabelMap& mask, const SliceAxes& axes, std::int64_t slice,
                       const std::vector<std::array<double, 2>>& verticesColumnRow, const PaintRule& rule) {
    checkRule(mask, rule);
    MaskChange change;
    const Geometry& g = mask.geometry;
    if (verticesColumnRow.size() < 3 || slice < 0 || slice >= g.sizeXyz[axes.normalAxis]) return change;
    double loRow = verticesColumnRow[0][1], hiRow = loRow;
    for (const auto& v : verticesColumnRow) {
        loRow = std::min(loRow, v[1]);
        hiRow = std::max(hiRow, v[1]);
    }
    const std::int64_t columns = g.sizeXyz[axes.columnAxis];
    const std::int64_t firstRow = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil(loRow)));
    const std::int64_t lastRow =
        std::min<std::int64_t>(g.sizeXyz[axes.rowAxis] - 1, static_cast<std::int64_t>(std::floor(hiRow)));
    IndexXyz p{};
    p[axes.normalAxis] = slice;
    std::vector<double> crossings;
    const std::size_t n = verticesColumnRow.size();
    // Scanline fill: a voxel centre is inside when an odd number of edges cross its row to its left.
    for (std::int64_t row = firstRow; row <= lastRow; ++row) {
        const double y = static_cast<double>(row);
        crossings.clear();
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const auto& u = verticesColumnRow[i];
            const auto& v = verticesColumnRow[j];
            if ((u[1] > y) != (v[1] > y)) crossings.push_back(u[0] + (y - u[1]) * (v[0] - u[0]) / (v[1] - u[1]));
        }
        std::sort(crossings.begin(), crossings.end());
        for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
            // Centres from the entering crossing up to, not including, the leaving one (as the
            // RTSTRUCT rasteriser decides).
            const std::int64_t first = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil(crossings[k])));
            const std::int64_t last =
                std::min<std::int64_t>(columns - 1, static_cast<std::int64_t>(std::ceil(crossings[k + 1])) - 1);
            for (std::int64_t column = first; column <= last; ++column) {
                p[axes.columnAxis] = column;
                p[axes.rowAxis] = row;
                apply(mask, g.linear(p[0], p[1], p[2]), rule, change);
            }
        }
    }
    return change;
}

std::vector<std::int64_t> slicesWithLabel(const LabelMap& mask, int normalAxis, std::uint16_t label) {
    const auto& n = mask.geometry.sizeXyz;
    std::vector<char> has(static_cast<std::size_t>(n[normalAxis]), 0);
    for (std::int64_t z = 0; z < n[2]; ++z)
        for (std::int64_t y = 0; y < n[1]; ++y)
            for (std::int64_t x = 0; x < n[0]; ++x)
                if (mask.at(x, y, z) == label) has[static_cast<std::size_t>(IndexXyz{x, y, z}[normalAxis])] = 1;
    std::vector<std::int64_t> slices;
    for (std::size_t s = 0; s < has.size(); ++s)
        if (has[s]) slices.push_back(static_cast<std::int64_t>(s));
    return slices;
}

MaskChange interpolateBetweenSlices(LabelMap& mask, int normalAxis, std::uint16_t label) {
    if (label == 0) throw Error("the label to interpolate must be 1 or more");
    const SliceAxes axes = sliceAxesNormalTo(normalAxis);
    const std::vector<std::int64_t> keys = slicesWithLabel(mask, normalAxis, label);
    const Geometry& g = mask.geometry;
    MaskChange change;
    // A key slice between two gaps serves both: its map is kept for the next gap.
    std::int64_t keptSlice = -1;
    std::vector<double> kept;
    for (std::size_t k = 0; k + 1 < keys.size(); ++k) {
        const std::int64_t lower = keys[k], upper = keys[k + 1];
        if (upper - lower < 2) continue;
        const std::vector<double> below =
            keptSlice == lower ? std::move(kept) : signedDistanceMm(sliceOf(mask, axes, lower, label));
        const std::vector<double> above = signedDistanceMm(sliceOf(mask, axes, upper, label));
        const std::int64_t columns = g.sizeXyz[axes.columnAxis], rows = g.sizeXyz[axes.rowAxis];
        for (std::int64_t s = lower + 1; s < upper; ++s) {
            const double w = static_cast<double>(s - lower) / static_cast<double>(upper - lower);
            IndexXyz p{};
            p[normalAxis] = s;
            for (std::int64_t r = 0; r < rows; ++r)
                for (std::int64_t c = 0; c < columns; ++c) {
                    const std::size_t at = static_cast<std::size_t>(r * columns + c);
                    if ((1 - w) * below[at] + w * above[at] >= 0) continue;
                    p[axes.columnAxis] = c;
                    p[axes.rowAxis] = r;
                    const std::size_t linear = g.linear(p[0], p[1], p[2]);
                    if (mask.voxels[linear] != 0) continue;
                    mask.voxels[linear] = label;
                    change.record(linear, 0, label);
                }
        }
        kept = above;
        keptSlice = upper;
    }
    return change;
}

}  // namespace drs
