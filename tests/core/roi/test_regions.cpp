#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "core/roi/Contours.h"
#include "core/roi/Regions.h"
#include "core/util/Error.h"

namespace {

drs::LabelMap sphere(const std::array<std::int64_t, 3>& size, const std::array<double, 3>& spacingMm, double radiusMm,
                     const std::array<double, 3>& centreMm) {
    drs::Geometry g;
    g.sizeXyz = size;
    g.spacingMm = spacingMm;
    drs::LabelMap mask(g, 0);
    for (std::int64_t z = 0; z < size[2]; ++z)
        for (std::int64_t y = 0; y < size[1]; ++y)
            for (std::int64_t x = 0; x < size[0]; ++x) {
                const double dx = x * spacingMm[0] - centreMm[0], dy = y * spacingMm[1] - centreMm[1],
                             dz = z * spacingMm[2] - centreMm[2];
                mask.at(x, y, z) = dx * dx + dy * dy + dz * dz <= radiusMm * radiusMm;
            }
    return mask;
}

// Brute force: distance from each voxel to every tumour voxel, no transform involved.
double bruteForceSquaredDistance(const drs::LabelMap& mask, std::int64_t x, std::int64_t y, std::int64_t z) {
    const auto& s = mask.geometry.spacingMm;
    const auto& n = mask.sizeXyz();
    double best = std::numeric_limits<double>::infinity();
    for (std::int64_t k = 0; k < n[2]; ++k)
        for (std::int64_t j = 0; j < n[1]; ++j)
            for (std::int64_t i = 0; i < n[0]; ++i)
                if (mask.at(i, j, k)) {
                    const double dx = (i - x) * s[0], dy = (j - y) * s[1], dz = (k - z) * s[2];
                    best = std::min(best, dx * dx + dy * dy + dz * dz);
                }
    return best;
}

// The axial scene of patchIsCentredOnTheLargestSliceCentroid: HU x + 1000 y + 300000 z on a
// 200 x 180 x 7 grid, the tumour's largest slice z = 2 (a 5 x 3 block centred at (21, 31)).
struct AxialScene {
    drs::Volume image;
    drs::LabelMap labels;
};

AxialScene axialScene() {
    drs::Geometry g;
    g.sizeXyz = {200, 180, 7};
    g.spacingMm = {0.7, 0.8, 2.5};
    g.originMm = {-70, -60, 10};
    AxialScene scene{drs::Volume(g), drs::LabelMap(g, 0)};
    for (std::int64_t z = 0; z < 7; ++z)
        for (std::int64_t y = 0; y < 180; ++y)
            for (std::int64_t x = 0; x < 200; ++x)
                scene.image.at(x, y, z) = static_cast<float>(x + 1000 * y + 300000 * z);
    for (std::int64_t y = 30; y <= 32; ++y)
        for (std::int64_t x = 19; x <= 23; ++x) scene.labels.at(x, y, 2) = 1;
    for (std::int64_t y = 30; y <= 32; ++y)
        for (std::int64_t x = 20; x <= 22; ++x) scene.labels.at(x, y, 3) = 1;
    return scene;
}

// The same scene stored in another voxel order: `stored(x, y, z)` gives the axial index of stored
// voxel (x, y, z); the stored grid's axes are axial axes `axes` (0 L, 1 P, 2 S), reversed where
// `reversed` says, so that every voxel keeps its place in patient space.
template <class G>
G storedAs(const G& axial, const std::array<int, 3>& axes, const std::array<bool, 3>& reversed) {
    const drs::Geometry& a = axial.geometry;
    drs::Geometry g;
    std::array<std::int64_t, 3> start{};
    for (std::size_t k = 0; k < 3; ++k) {
        const auto from = static_cast<std::size_t>(axes[k]);
        g.sizeXyz[k] = a.sizeXyz[from];
        g.spacingMm[k] = a.spacingMm[from];
        for (std::size_t r = 0; r < 3; ++r) g.direction[r * 3 + k] = (r == from ? 1.0 : 0.0) * (reversed[k] ? -1 : 1);
        if (reversed[k]) start[from] = a.sizeXyz[from] - 1;
    }
    g.originMm =
        a.physicalPointMm(static_cast<double>(start[0]), static_cast<double>(start[1]), static_cast<double>(start[2]));
    G stored = axial;
    stored.geometry = g;
    stored.voxels.assign(g.voxelCount(), {});
    for (std::int64_t z = 0; z < g.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < g.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < g.sizeXyz[0]; ++x) {
                const std::array<std::int64_t, 3> at{x, y, z};
                std::array<std::int64_t, 3> axialIndex{};
                for (std::size_t k = 0; k < 3; ++k) {
                    const auto to = static_cast<std::size_t>(axes[k]);
                    axialIndex[to] = reversed[k] ? g.sizeXyz[k] - 1 - at[k] : at[k];
                }
                stored.at(x, y, z) = axial.at(axialIndex[0], axialIndex[1], axialIndex[2]);
            }
    return stored;
}

}  // namespace

class TestRegions : public QObject {
    Q_OBJECT

private slots:
    void ringEqualsBruteForceDistanceInAnisotropicSpacing() {
        const std::array<double, 3> spacing{0.7, 0.7, 2.5};
        const auto tumour = sphere({36, 34, 12}, spacing, 6.0, {12.6, 11.9, 14.0});
        const auto ring = drs::peritumoralRing(tumour, 3.0);
        const auto& n = tumour.sizeXyz();
        std::size_t checked = 0, ties = 0;
        for (std::int64_t z = 0; z < n[2]; ++z)
            for (std::int64_t y = 0; y < n[1]; ++y)
                for (std::int64_t x = 0; x < n[0]; ++x) {
                    const double d2 = bruteForceSquaredDistance(tumour, x, y, z);
                    if (std::abs(d2 - 9.0) < 1e-9) {
                        ++ties;
                        continue;
                    }
                    const bool expected = d2 > 0 && d2 < 9.0;
                    QCOMPARE(static_cast<bool>(ring.at(x, y, z)), expected);
                    ++checked;
                }
        QCOMPARE(checked + ties, tumour.voxels.size());
    }

    void distanceTransformIsExact() {
        const auto tumour = sphere({20, 22, 9}, {0.75, 0.8, 1.9}, 3.0, {7.0, 8.0, 8.0});
        const auto d2 = drs::squaredDistanceMm2(tumour, {30, 30, 30});
        for (std::int64_t z = 0; z < 9; ++z)
            for (std::int64_t y = 0; y < 22; ++y)
                for (std::int64_t x = 0; x < 20; ++x)
                    QVERIFY(std::abs(d2.at(x, y, z) - bruteForceSquaredDistance(tumour, x, y, z)) < 1e-9);
    }

    void ringVolumeMatchesAnalyticShell() {
        const double radius = 8.0, thickness = 3.0, spacing = 0.5;
        const auto tumour = sphere({56, 56, 56}, {spacing, spacing, spacing}, radius, {14.0, 14.0, 14.0});
        const auto ring = drs::peritumoralRing(tumour, thickness);
        std::size_t voxels = 0;
        for (auto v : ring.voxels) voxels += v;
        const double measured = voxels * spacing * spacing * spacing;
        const double analytic = 4.0 / 3.0 * std::numbers::pi * (std::pow(radius + thickness, 3) - std::pow(radius, 3));
        QVERIFY2(std::abs(measured - analytic) / analytic < 0.05,
                 qPrintable(QString("ring %1 mm3, shell %2 mm3").arg(measured).arg(analytic)));
    }

    void ringIsClippedToTheImage() {
        // A tumour touching the border: the ring simply stops there.
        const auto tumour = sphere({10, 10, 10}, {1, 1, 1}, 2.0, {0, 5, 5});
        const auto ring = drs::peritumoralRing(tumour, 3.0);
        QCOMPARE(ring.voxels.size(), tumour.voxels.size());
        QVERIFY(ring.at(0, 5, 5) == 0);  // tumour
        QVERIFY(ring.at(0, 5, 0) == 1);  // exactly 3 mm below the tumour's lowest voxel (z = 3)
        QVERIFY(ring.at(6, 5, 5) == 0);  // 4 mm beside the tumour's rightmost voxel (x = 2)
        QVERIFY(ring.at(5, 5, 5) == 1);  // 3 mm
    }

    void patchIsCentredOnTheLargestSliceCentroid() {
        drs::Geometry g;
        g.sizeXyz = {200, 180, 7};
        g.spacingMm = {0.7, 0.7, 2.5};
        g.originMm = {-70, -60, 10};
        drs::Volume image(g);
        for (std::int64_t z = 0; z < 7; ++z)
            for (std::int64_t y = 0; y < 180; ++y)
                for (std::int64_t x = 0; x < 200; ++x)
                    image.at(x, y, z) = static_cast<float>(x + 1000 * y + 300000 * z);
        drs::LabelMap labels(g, 0);
        // Slice 2: a 5x3 block centred at (21, 31); slice 3: a 3x3 block (smaller); label 2 elsewhere.
        for (std::int64_t y = 30; y <= 32; ++y)
            for (std::int64_t x = 19; x <= 23; ++x) labels.at(x, y, 2) = 1;
        for (std::int64_t y = 30; y <= 32; ++y)
            for (std::int64_t x = 20; x <= 22; ++x) labels.at(x, y, 3) = 1;
        labels.at(150, 150, 5) = 2;
        drs::RegionSettings settings;
        const auto regions = drs::computeRegions(image, labels, settings, "labels");
        QCOMPARE(regions.largestSliceZ, std::int64_t{2});
        QCOMPARE(regions.sliceCentroidXy[0], 21.0);
        QCOMPARE(regions.sliceCentroidXy[1], 31.0);
        QCOMPARE(regions.tumourVoxels, std::size_t{24});
        QCOMPARE(regions.patch.sizeXyz(), (std::array<std::int64_t, 3>{160, 160, 1}));
        // Pixel (80, 80) is the centroid voxel.
        QCOMPARE(regions.patch.at(80, 80, 0), image.at(21, 31, 2));
        QCOMPARE(regions.patch.at(81, 79, 0), image.at(22, 30, 2));
        // The patch starts at x = -59, y = -49: those pixels are padding.
        QCOMPARE(regions.patch.at(0, 0, 0), -1000.0f);
        QCOMPARE(regions.patch.at(58, 100, 0), -1000.0f);
        QCOMPARE(regions.patch.at(59, 49, 0), image.at(0, 0, 2));
        QCOMPARE(regions.patchTumourPixels, std::size_t{15});
        QCOMPARE(regions.patchMask.at(80, 80, 0), std::uint16_t{1});
        // Patch geometry puts pixel (59, 49) at the image's voxel (0, 0, 2).
        const auto p = regions.patch.geometry.physicalPointMm(59, 49, 0);
        const auto q = g.physicalPointMm(0, 0, 2);
        for (int a = 0; a < 3; ++a) QVERIFY(std::abs(p[a] - q[a]) < 1e-9);
        QCOMPARE(regions.sliceCentroidMm[2], 10 + 2 * 2.5);
    }

    // A NIfTI converter's reversed rows, a CT stored upside down and a coronal reconstruction
    // (y towards the head, z towards the front) of the same scene give the axial patch voxel for
    // voxel, front at the top, in both the scanner's pixels and resampled; the centroid is named by
    // each file's own index.
    void thePatchIsAxialWhateverOrderTheVoxelsAreStoredIn() {
        const AxialScene scene = axialScene();
        for (const std::optional<double> spacing : {std::optional<double>{}, std::optional<double>{0.5}}) {
            drs::RegionSettings settings;
            settings.patchSpacingMm = spacing;
            const auto axial = drs::computeRegions(scene.image, scene.labels, settings, "labels");
            QCOMPARE(axial.sliceCentroidIndex, (std::array<std::int64_t, 3>{21, 31, 2}));
            const struct {
                std::array<int, 3> axes;
                std::array<bool, 3> reversed;
                std::array<std::int64_t, 3> centroidIndex;
            } orders[] = {{{0, 1, 2}, {false, true, false}, {21, 148, 2}},
                          {{0, 1, 2}, {true, true, false}, {178, 148, 2}},
                          {{0, 2, 1}, {false, false, true}, {21, 2, 148}}};
            for (const auto& order : orders) {
                const auto stored =
                    drs::computeRegions(storedAs(scene.image, order.axes, order.reversed),
                                        storedAs(scene.labels, order.axes, order.reversed), settings, "labels");
                QCOMPARE(stored.largestSliceZ, axial.largestSliceZ);
                QCOMPARE(stored.sliceCentroidXy, axial.sliceCentroidXy);
                QCOMPARE(stored.sliceCentroidIndex, order.centroidIndex);
                QCOMPARE(stored.patchMask.voxels, axial.patchMask.voxels);
                QCOMPARE(stored.patch.sizeXyz(), axial.patch.sizeXyz());
                for (std::size_t i = 0; i < axial.patch.voxels.size(); ++i)
                    QVERIFY(std::abs(stored.patch.voxels[i] - axial.patch.voxels[i]) <=
                            1e-3f * std::abs(axial.patch.voxels[i]) + 1e-3f);
                for (const auto& [i, j] : {std::pair{0, 0}, std::pair{159, 0}, std::pair{0, 159}, std::pair{80, 80}}) {
                    const auto p = stored.patch.geometry.physicalPointMm(i, j, 0);
                    const auto q = axial.patch.geometry.physicalPointMm(i, j, 0);
                    for (int a = 0; a < 3; ++a) QVERIFY(std::abs(p[a] - q[a]) < 1e-9);
                }
                QCOMPARE(stored.tumourVoxels, axial.tumourVoxels);
                QCOMPARE(stored.ringVoxels, axial.ringVoxels);
            }
        }
        // The scanner's pixels: pixel (80, 80) is the centroid voxel, (80, 79) the one in front of it.
        drs::RegionSettings settings;
        const auto upsideDown =
            drs::computeRegions(storedAs(scene.image, {0, 1, 2}, {true, true, false}),
                                storedAs(scene.labels, {0, 1, 2}, {true, true, false}), settings, "labels");
        QCOMPARE(upsideDown.patch.at(80, 80, 0), scene.image.at(21, 31, 2));
        QCOMPARE(upsideDown.patch.at(80, 79, 0), scene.image.at(21, 30, 2));
    }

    void badMasksAreRefused() {
        drs::Geometry g;
        g.sizeXyz = {5, 5, 5};
        drs::Volume image(g, 0.0f);
        drs::LabelMap empty(g, 0);
        try {
            drs::computeRegions(image, empty, {}, "empty.nii.gz");
            QFAIL("empty mask accepted");
        } catch (const drs::Error& e) {
            QVERIFY(std::string(e.what()).find("empty.nii.gz: the mask is empty") == 0);
        }
        drs::LabelMap other(g, 0);
        other.at(2, 2, 2) = 3;
        try {
            drs::computeRegions(image, other, {}, "m.nrrd");
            QFAIL("absent label accepted");
        } catch (const drs::Error& e) {
            QVERIFY2(std::string(e.what()).find("label 1 is not present (labels present: 3)") != std::string::npos,
                     e.what());
        }
        drs::Geometry shifted = g;
        shifted.spacingMm = {1, 1, 2};
        drs::LabelMap mismatched(shifted, 1);
        try {
            drs::computeRegions(image, mismatched, {}, "m2.nrrd");
            QFAIL("mismatched mask accepted");
        } catch (const drs::Error& e) {
            QVERIFY2(std::string(e.what()).find("m2.nrrd: mask does not match the image: spacing") == 0, e.what());
        }
    }

    // The outline drawn on a patch: counted by hand for a rectangle, a square with a hole and a
    // mask cut by the image's border.
    void edgePixelsAreTheMasksBoundary() {
        drs::Geometry g;
        g.sizeXyz = {160, 160, 1};
        drs::LabelMap rectangle(g, 0);
        for (std::int64_t y = 70; y < 90; ++y)
            for (std::int64_t x = 60; x < 100; ++x) rectangle.at(x, y, 0) = 1;
        const auto edge = drs::sliceEdgePixels(rectangle, 0);
        QCOMPARE(edge.size(), std::size_t(2 * 40 + 2 * 20 - 4));
        QCOMPARE(edge.front(), std::size_t(70 * 160 + 60));
        QCOMPARE(edge.back(), std::size_t(89 * 160 + 99));
        for (const std::size_t pixel : edge) {
            const std::size_t x = pixel % 160, y = pixel / 160;
            QVERIFY(x == 60 || x == 99 || y == 70 || y == 89);
        }

        // A 10 x 10 square with a 2 x 2 hole: its 36 border pixels and the 8 that touch the hole
        // by a side (the hole's diagonal neighbours do not).
        drs::LabelMap holed(g, 0);
        for (std::int64_t y = 0; y < 10; ++y)
            for (std::int64_t x = 20; x < 30; ++x) holed.at(x, y, 0) = 2;
        holed.at(24, 4, 0) = holed.at(25, 4, 0) = holed.at(24, 5, 0) = holed.at(25, 5, 0) = 0;
        const auto holedEdge = drs::sliceEdgePixels(holed, 0);
        QCOMPARE(holedEdge.size(), std::size_t(36 + 8));
        QVERIFY(std::find(holedEdge.begin(), holedEdge.end(), std::size_t(3 * 160 + 24)) != holedEdge.end());
        QVERIFY(std::find(holedEdge.begin(), holedEdge.end(), std::size_t(3 * 160 + 23)) == holedEdge.end());

        // Pixels on the image's border are on the edge: the whole first row here.
        drs::LabelMap corner(g, 0);
        for (std::int64_t y = 0; y < 3; ++y)
            for (std::int64_t x = 0; x < 160; ++x) corner.at(x, y, 0) = 1;
        QCOMPARE(drs::sliceEdgePixels(corner, 0).size(), std::size_t(160 + 160 + 2));
        QVERIFY(drs::sliceEdgePixels(drs::LabelMap(g, 0), 0).empty());
    }
};

QTEST_GUILESS_MAIN(TestRegions)
#include "test_regions.moc"
