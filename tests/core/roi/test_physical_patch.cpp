// The deep patch in physical units (RegionSettings::patchSpacingMm): the slice resampled to a fixed
// pixel size before the patch is cut; or fitted to the tumour (patchTumourExtents). Checked against
// closed forms: bilinear interpolation is exact for intensities linear in position, and a disc of
// radius R mm covers pi R^2 / s^2 patch pixels whatever the scanner's pixel size.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/roi/Regions.h"
#include "core/util/Error.h"

namespace {

// An image whose HU are 10 x_mm + 3 y_mm (patient coordinates) with a disc of radius radiusMm around
// (40, 35) mm in slice 2, on pixels of spacingXy mm.
struct Scene {
    drs::Volume image;
    drs::LabelMap mask;
};

Scene scene(double spacingXy, double radiusMm = 12.0) {
    drs::Geometry g;
    const auto n = static_cast<std::int64_t>(std::ceil(80 / spacingXy));
    g.sizeXyz = {n, n, 5};
    g.spacingMm = {spacingXy, spacingXy, 2.5};
    g.originMm = {-3.0, 4.0, 10.0};
    Scene s{drs::Volume(g), drs::LabelMap(g, 0)};
    for (std::int64_t z = 0; z < 5; ++z)
        for (std::int64_t y = 0; y < n; ++y)
            for (std::int64_t x = 0; x < n; ++x) {
                const auto p = g.physicalPointMm(double(x), double(y), double(z));
                s.image.at(x, y, z) = static_cast<float>(10 * p[0] + 3 * p[1]);
                const double dx = p[0] - 40, dy = p[1] - 35;
                s.mask.at(x, y, z) = dx * dx + dy * dy <= radiusMm * radiusMm && z == 2 ? 1 : 0;
            }
    return s;
}

}  // namespace

class TestPhysicalPatch : public QObject {
    Q_OBJECT
private slots:
    void patchCoversTheSameMillimetresAtEveryPixelSize() {
        drs::RegionSettings settings;
        settings.patchSizePx = 64;
        settings.patchSpacingMm = 0.5;
        std::vector<double> tumourPixels;
        for (double spacing : {0.6, 0.8, 1.1}) {
            const Scene s = scene(spacing);
            const drs::Regions r = drs::computeRegions(s.image, s.mask, settings, "disc");
            QCOMPARE(r.patch.geometry.spacingMm[0], 0.5);
            QCOMPARE(r.patch.geometry.sizeXyz[0], std::int64_t(64));
            tumourPixels.push_back(double(r.patchTumourPixels));
            // Bilinear interpolation reproduces a linear field exactly (float rounding aside), and
            // patch pixel (32, 32) lies on the slice centroid.
            for (int j = 0; j < 64; j += 7)
                for (int i = 0; i < 64; i += 5) {
                    const auto p = r.patch.geometry.physicalPointMm(i, j, 0);
                    QVERIFY2(std::abs(r.patch.at(i, j, 0) - (10 * p[0] + 3 * p[1])) < 1e-3,
                             qPrintable(QString("pixel %1,%2 at %3 mm").arg(i).arg(j).arg(spacing)));
                }
            const auto centre = r.patch.geometry.physicalPointMm(32, 32, 0);
            QVERIFY(std::abs(centre[0] - r.sliceCentroidMm[0]) < 1e-9);
            QVERIFY(std::abs(centre[1] - r.sliceCentroidMm[1]) < 1e-9);
        }
        // pi 12^2 / 0.5^2 = 1809.6 patch pixels at every scanner pixel size (the nearest-neighbour
        // tumour keeps the scanner's staircase, a few per cent).
        for (double pixels : tumourPixels)
            QVERIFY2(std::abs(pixels / 1809.6 - 1) < 0.04, qPrintable(QString::number(pixels)));
    }

    // With a field of K tumour extents the pixel size is K E / size, E the larger side of the
    // tumour's bounding box on its slice in whole voxels (found here from the mask), so the disc
    // spans size / K patch pixels and covers pi R^2 / p^2 of them, at every radius and scanner.
    void patchFittedToTheTumourGivesEveryTumourTheSameShare() {
        drs::RegionSettings settings;
        settings.patchSizePx = 64;
        settings.patchTumourExtents = 2.0;
        for (double radius : {6.0, 12.0})
            for (double spacing : {0.6, 0.8, 1.1}) {
                const Scene s = scene(spacing, radius);
                std::array<std::int64_t, 2> low{1 << 20, 1 << 20}, high{-1, -1};
                const auto n = s.mask.geometry.sizeXyz;
                for (std::int64_t y = 0; y < n[1]; ++y)
                    for (std::int64_t x = 0; x < n[0]; ++x)
                        if (s.mask.at(x, y, 2)) {
                            low = {std::min(low[0], x), std::min(low[1], y)};
                            high = {std::max(high[0], x), std::max(high[1], y)};
                        }
                const double extentMm = double(std::max(high[0] - low[0], high[1] - low[1]) + 1) * spacing;
                QVERIFY(std::abs(extentMm - 2 * radius) <= spacing);  // the digitised disc is about 2R wide
                const drs::Regions r = drs::computeRegions(s.image, s.mask, settings, "disc");
                const QString where = QString("radius %1 mm, pixels %2 mm").arg(radius).arg(spacing);
                QVERIFY2(std::abs(r.largestSliceExtentMm - extentMm) < 1e-9, qPrintable(where));
                const double pixelMm = 2.0 * extentMm / 64;
                QVERIFY2(std::abs(r.patch.geometry.spacingMm[0] - pixelMm) < 1e-12, qPrintable(where));
                QCOMPARE(r.patch.geometry.spacingMm[1], r.patch.geometry.spacingMm[0]);
                const double expected = std::numbers::pi * radius * radius / (pixelMm * pixelMm);
                QVERIFY2(
                    std::abs(double(r.patchTumourPixels) / expected - 1) < 0.06,
                    qPrintable(where + QString(": %1 pixels, %2 expected").arg(r.patchTumourPixels).arg(expected)));
                const auto centre = r.patch.geometry.physicalPointMm(32, 32, 0);
                QVERIFY(std::abs(centre[0] - r.sliceCentroidMm[0]) < 1e-9);
            }
    }

    void fittedAndFixedPixelSizesAreExclusive() {
        const Scene s = scene(1.0);
        drs::RegionSettings settings;
        settings.patchSpacingMm = 0.5;
        settings.patchTumourExtents = 2.0;
        QVERIFY_THROWS_EXCEPTION(drs::Error, drs::computeRegions(s.image, s.mask, settings, "disc"));
        settings.patchSpacingMm.reset();
        settings.patchTumourExtents = 0.5;  // the patch would cut the tumour
        QVERIFY_THROWS_EXCEPTION(drs::Error, drs::computeRegions(s.image, s.mask, settings, "disc"));
    }

    void nativePatchStaysTheDefault() {
        const Scene s = scene(0.8);
        drs::RegionSettings settings;
        settings.patchSizePx = 64;
        const drs::Regions r = drs::computeRegions(s.image, s.mask, settings, "disc");
        QCOMPARE(r.patch.geometry.spacingMm[0], 0.8);
        QVERIFY(r.patchOriginXy[0] >= 0);
    }

    void outsideTheImageIsPadding() {
        const Scene s = scene(1.0);
        drs::RegionSettings settings;
        settings.patchSizePx = 200;  // 200 x 1.5 mm reaches far beyond the 80 mm image
        settings.patchSpacingMm = 1.5;
        const drs::Regions r = drs::computeRegions(s.image, s.mask, settings, "disc");
        QCOMPARE(r.patch.at(0, 0, 0), settings.patchPaddingHu);
        QCOMPARE(r.patch.at(199, 199, 0), settings.patchPaddingHu);
    }

    void badPixelSizeIsRefused() {
        const Scene s = scene(1.0);
        drs::RegionSettings settings;
        settings.patchSpacingMm = 0;
        QVERIFY_THROWS_EXCEPTION(drs::Error, drs::computeRegions(s.image, s.mask, settings, "disc"));
    }
};

QTEST_GUILESS_MAIN(TestPhysicalPatch)
#include "test_physical_patch.moc"
