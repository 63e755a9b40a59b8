#include "core/roi/Regions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/image/AxialOrder.h"
#include "core/radiomics/Resampling.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Box {
    std::array<std::int64_t, 3> lo{}, hi{};  // inclusive
};

Box boundingBox(const LabelMap& mask) {
    const auto& n = mask.sizeXyz();
    Box box{{n[0], n[1], n[2]}, {-1, -1, -1}};
    for (std::int64_t z = 0; z < n[2]; ++z)
        for (std::int64_t y = 0; y < n[1]; ++y)
            for (std::int64_t x = 0; x < n[0]; ++x)
                if (mask.at(x, y, z)) {
                    const std::int64_t p[3] = {x, y, z};
                    for (int a = 0; a < 3; ++a) {
                        box.lo[a] = std::min(box.lo[a], p[a]);
                        box.hi[a] = std::max(box.hi[a], p[a]);
                    }
                }
    return box;
}

// One pass of the 1D squared-distance transform along a line of samples f at positions
// q * spacing: d(p) = min_q ((p - q) * spacing)^2 + f(q).
void distance1d(const std::vector<double>& f, double spacing, std::vector<double>& d, std::vector<int>& hull,
                std::vector<double>& boundary) {
    const int n = static_cast<int>(f.size());
    hull.assign(n, 0);
    boundary.assign(n + 1, 0);
    int k = -1;
    const double s2 = spacing * spacing;
    for (int q = 0; q < n; ++q) {
        if (f[q] == kInfinity) continue;
        while (true) {
            if (k < 0) {
                k = 0;
                hull[0] = q;
                boundary[0] = -kInfinity;
                boundary[1] = kInfinity;
                break;
            }
            const int v = hull[k];
            // Intersection of the parabolas rooted at v and q, in index units.
            const double s = ((f[q] + s2 * q * q) - (f[v] + s2 * v * v)) / (2.0 * s2 * (q - v));
            if (s <= boundary[k]) {
                --k;
                continue;
            }
            ++k;
            hull[k] = q;
            boundary[k] = s;
            boundary[k + 1] = kInfinity;
            break;
        }
    }
    if (k < 0) {
        std::fill(d.begin(), d.end(), kInfinity);
        return;
    }
    int j = 0;
    for (int p = 0; p < n; ++p) {
        while (boundary[j + 1] < p) ++j;
        const double offset = (p - hull[j]) * spacing;
        d[p] = offset * offset + f[hull[j]];
    }
}

}  // namespace

LabelMap selectLabel(const LabelMap& labels, std::uint16_t label, const std::string& source) {
    LabelMap selected(labels.geometry, 0);
    std::set<std::uint16_t> present;
    std::size_t count = 0;
    for (std::size_t i = 0; i < labels.voxels.size(); ++i) {
        const auto value = labels.voxels[i];
        if (value) present.insert(value);
        if (value == label) {
            selected.voxels[i] = 1;
            ++count;
        }
    }
    if (present.empty()) throw Error(source + ": the mask is empty (no voxel is labelled)");
    if (count == 0) {
        std::string list;
        for (auto value : present) {
            if (list.size() > 60) {
                list += ", ...";
                break;
            }
            list += (list.empty() ? "" : ", ") + std::to_string(value);
        }
        throw Error(source + ": label " + std::to_string(label) + " is not present (labels present: " + list + ")");
    }
    return selected;
}

// Exact Euclidean distance (squared, in mm^2) to the nearest tumour voxel, by separable passes of
// the lower envelope of parabolas (Felzenszwalb and Huttenlocher, "Distance transforms of sampled
// functions", 2012) along x, y and z with each axis's spacing. ITK's SignedMaurerDistanceMapImageFilter
// gives the same exact distances; this stays hand-written because it only visits the tumour's
// bounding box grown by the ring's extent instead of the whole CT, works on the LabelMap in place
// (no copy into an itk::Image and back), and yields squared millimetres that the ring compares with
// the thickness squared, without a square root, under one explicit tie rule (peritumoralRing).
Grid<double> squaredDistanceMm2(const LabelMap& mask, const std::array<std::int64_t, 3>& extentXyz) {
    const Geometry& g = mask.geometry;
    Grid<double> distance(g, kInfinity);
    const Box box = boundingBox(mask);
    if (box.hi[0] < 0) return distance;
    std::array<std::int64_t, 3> lo{}, hi{};
    for (int a = 0; a < 3; ++a) {
        lo[a] = std::max<std::int64_t>(0, box.lo[a] - extentXyz[a]);
        hi[a] = std::min<std::int64_t>(g.sizeXyz[a] - 1, box.hi[a] + extentXyz[a]);
    }
    for (std::int64_t z = lo[2]; z <= hi[2]; ++z)
        for (std::int64_t y = lo[1]; y <= hi[1]; ++y)
            for (std::int64_t x = lo[0]; x <= hi[0]; ++x) distance.at(x, y, z) = mask.at(x, y, z) ? 0.0 : kInfinity;

    std::vector<double> line, result;
    std::vector<int> hull;
    std::vector<double> boundary;
    for (int axis = 0; axis < 3; ++axis) {
        const int u = (axis + 1) % 3, v = (axis + 2) % 3;
        const std::int64_t length = hi[axis] - lo[axis] + 1;
        line.resize(length);
        result.resize(length);
        for (std::int64_t j = lo[v]; j <= hi[v]; ++j)
            for (std::int64_t i = lo[u]; i <= hi[u]; ++i) {
                std::array<std::int64_t, 3> p{};
                p[u] = i;
                p[v] = j;
                for (std::int64_t t = 0; t < length; ++t) {
                    p[axis] = lo[axis] + t;
                    line[t] = distance.at(p[0], p[1], p[2]);
                }
                distance1d(line, g.spacingMm[axis], result, hull, boundary);
                for (std::int64_t t = 0; t < length; ++t) {
                    p[axis] = lo[axis] + t;
                    distance.at(p[0], p[1], p[2]) = result[t];
                }
            }
    }
    return distance;
}

LabelMap peritumoralRing(const LabelMap& tumour, double thicknessMm) {
    if (!(thicknessMm > 0)) throw Error("ring thickness must be positive, got " + std::to_string(thicknessMm) + " mm");
    std::array<std::int64_t, 3> extent{};
    for (int a = 0; a < 3; ++a)
        extent[a] = static_cast<std::int64_t>(std::ceil(thicknessMm / tumour.geometry.spacingMm[a])) + 1;
    const Grid<double> distance = squaredDistanceMm2(tumour, extent);
    // A relative epsilon keeps voxels lying exactly at the thickness (e.g. 3 voxels of 1 mm) inside.
    const double limit = thicknessMm * thicknessMm * (1 + 1e-12);
    LabelMap ring(tumour.geometry, 0);
    for (std::size_t i = 0; i < ring.voxels.size(); ++i)
        ring.voxels[i] = (!tumour.voxels[i] && distance.voxels[i] <= limit) ? 1 : 0;
    return ring;
}

namespace {

// The patch on a grid of spacingMm pixels in the plane of `slice`, the largest axial slice alone:
// patch pixel (size/2, size/2) is centred on the slice's tumour centroid. HU are interpolated
// linearly (as the difference to the padding value, so the area beyond the image takes the
// padding), the tumour by nearest neighbour.
void cutPhysicalPatch(const Volume& slice, const LabelMap& tumour, Regions& regions, const RegionSettings& settings,
                      double spacing) {
    const Geometry& g = slice.geometry;
    const int size = settings.patchSizePx;
    const double half = size / 2;
    Geometry patchGeometry = g;
    patchGeometry.sizeXyz = {size, size, 1};
    patchGeometry.spacingMm = {spacing, spacing, g.spacingMm[2]};
    patchGeometry.originMm = g.physicalPointMm(regions.sliceCentroidXy[0] - half * spacing / g.spacingMm[0],
                                               regions.sliceCentroidXy[1] - half * spacing / g.spacingMm[1], 0);
    radiomics::IntensityMap fromPadding;
    fromPadding.offset = settings.patchPaddingHu;
    regions.patch = radiomics::resampleVolume(slice, patchGeometry, radiomics::Interpolator::Linear, fromPadding);
    for (float& v : regions.patch.voxels) v += settings.patchPaddingHu;
    regions.patchMask = radiomics::resampleLabel(tumour, 1, patchGeometry, radiomics::Interpolator::NearestNeighbor);
    regions.patchOriginXy = {-1, -1};
    regions.patchTumourPixels = static_cast<std::size_t>(
        std::count(regions.patchMask.voxels.begin(), regions.patchMask.voxels.end(), std::uint16_t(1)));
}

}  // namespace

Regions computeRegions(const Volume& image, const LabelMap& labels, const RegionSettings& settings,
                       const std::string& maskSource) {
    if (const std::string why = geometryMismatch(image.geometry, labels.geometry); !why.empty())
        throw Error(maskSource + ": mask does not match the image: " + why);
    if (settings.patchSizePx <= 0) throw Error("patch size must be positive");
    if (settings.patchSpacingMm && !(*settings.patchSpacingMm > 0 && *settings.patchSpacingMm < 100))
        throw Error("patch pixel size must be in (0, 100) mm");
    if (settings.patchSpacingMm && settings.patchTumourExtents)
        throw Error("the patch has either a fixed pixel size or a field fitted to the tumour, not both");
    if (settings.patchTumourExtents && !(*settings.patchTumourExtents >= kMinPatchTumourExtents &&
                                         *settings.patchTumourExtents <= kMaxPatchTumourExtents))
        throw Error("a patch fitted to the tumour must span " + formatDouble(kMinPatchTumourExtents) + " to " +
                    formatDouble(kMaxPatchTumourExtents) + " tumour extents");
    Regions regions;
    regions.tumour = selectLabel(labels, settings.label, maskSource);
    regions.ring = peritumoralRing(regions.tumour, settings.ringThicknessMm);

    // The patch is an axial slice as radiologists view it (front at the top, the patient's right on
    // the left), whatever order the file stores the voxels in: a NIfTI converter's reversed rows or
    // a coronal reconstruction give the network the same picture as the DICOM axial series.
    const AxialOrder order = axialOrderOf(image.geometry);
    const Geometry& g = image.geometry;
    const auto& n = g.sizeXyz;
    const auto superior = static_cast<std::size_t>(order.indexAxis[2]);
    std::vector<std::size_t> areaPerSlice(static_cast<std::size_t>(n[superior]), 0);
    std::array<double, 3> sum{};
    for (std::int64_t z = 0; z < n[2]; ++z)
        for (std::int64_t y = 0; y < n[1]; ++y)
            for (std::int64_t x = 0; x < n[0]; ++x)
                if (regions.tumour.at(x, y, z)) {
                    const std::array<std::int64_t, 3> index{x, y, z};
                    const std::int64_t along = index[superior];
                    ++areaPerSlice[static_cast<std::size_t>(order.reversed[2] ? n[superior] - 1 - along : along)];
                    sum[0] += x;
                    sum[1] += y;
                    sum[2] += z;
                    ++regions.tumourVoxels;
                }
    for (auto v : regions.ring.voxels) regions.ringVoxels += v;
    const double count = static_cast<double>(regions.tumourVoxels);
    regions.tumourCentroidMm = g.physicalPointMm(sum[0] / count, sum[1] / count, sum[2] / count);

    // Ties go to the lowest z, so the choice is reproducible.
    regions.largestSliceZ = std::max_element(areaPerSlice.begin(), areaPerSlice.end()) - areaPerSlice.begin();
    const std::int64_t z = regions.largestSliceZ;
    const Volume slice = axialSlice(image, order, z);
    const LabelMap tumour = axialSlice(regions.tumour, order, z);
    const auto& sliceSize = slice.geometry.sizeXyz;
    double cx = 0, cy = 0;
    std::array<std::int64_t, 2> lowXy{sliceSize[0], sliceSize[1]}, highXy{-1, -1};
    for (std::int64_t y = 0; y < sliceSize[1]; ++y)
        for (std::int64_t x = 0; x < sliceSize[0]; ++x)
            if (tumour.at(x, y, 0)) {
                cx += x;
                cy += y;
                lowXy = {std::min(lowXy[0], x), std::min(lowXy[1], y)};
                highXy = {std::max(highXy[0], x), std::max(highXy[1], y)};
            }
    // Voxel widths, not centre distances: a one-voxel tumour is one pixel wide.
    regions.largestSliceExtentMm =
        std::max(static_cast<double>(highXy[0] - lowXy[0] + 1) * slice.geometry.spacingMm[0],
                 static_cast<double>(highXy[1] - lowXy[1] + 1) * slice.geometry.spacingMm[1]);
    cx /= static_cast<double>(areaPerSlice[static_cast<std::size_t>(z)]);
    cy /= static_cast<double>(areaPerSlice[static_cast<std::size_t>(z)]);
    regions.sliceCentroidXy = {cx, cy};
    regions.sliceCentroidMm = slice.geometry.physicalPointMm(cx, cy, 0);
    regions.sliceCentroidIndex = storageIndexOf(g, order, {std::llround(cx), std::llround(cy), z});

    if (settings.patchSpacingMm) {
        cutPhysicalPatch(slice, tumour, regions, settings, *settings.patchSpacingMm);
        return regions;
    }
    if (settings.patchTumourExtents) {
        cutPhysicalPatch(slice, tumour, regions, settings,
                         *settings.patchTumourExtents * regions.largestSliceExtentMm / settings.patchSizePx);
        return regions;
    }
    // The centroid's voxel becomes patch pixel (size/2, size/2).
    const int size = settings.patchSizePx;
    const std::int64_t x0 = static_cast<std::int64_t>(std::llround(cx)) - size / 2;
    const std::int64_t y0 = static_cast<std::int64_t>(std::llround(cy)) - size / 2;
    regions.patchOriginXy = {x0, y0};
    Geometry patchGeometry = slice.geometry;
    patchGeometry.sizeXyz = {size, size, 1};
    patchGeometry.originMm = slice.geometry.physicalPointMm(static_cast<double>(x0), static_cast<double>(y0), 0);
    regions.patch = Volume(patchGeometry, settings.patchPaddingHu);
    regions.patchMask = LabelMap(patchGeometry, 0);
    for (int j = 0; j < size; ++j)
        for (int i = 0; i < size; ++i) {
            const std::int64_t x = x0 + i, y = y0 + j;
            if (!slice.geometry.contains(x, y, 0)) continue;
            regions.patch.at(i, j, 0) = slice.at(x, y, 0);
            regions.patchMask.at(i, j, 0) = tumour.at(x, y, 0);
            regions.patchTumourPixels += tumour.at(x, y, 0);
        }
    return regions;
}

}  // namespace drs
