#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numbers>

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
