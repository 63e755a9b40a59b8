// The ROI edit operations against closed-form truths: voxel counts of discs, capsules and
// triangles worked out by hand, the HU limit, undo/redo round trips, and shape-based
// interpolation of slabs (exact) and discs (the mean radius).
#include <QtTest>
#include <cmath>
#include <random>

#include "core/roi/MaskEdit.h"
#include "core/util/Error.h"

using namespace drs;
using IndexXyz = std::array<std::int64_t, 3>;

namespace {

Geometry grid(std::array<std::int64_t, 3> size, std::array<double, 3> spacing = {1, 1, 1}) {
    Geometry g;
    g.sizeXyz = size;
    g.spacingMm = spacing;
    return g;
}

std::size_t count(const LabelMap& mask, std::uint16_t label) {
    return static_cast<std::size_t>(std::count(mask.voxels.begin(), mask.voxels.end(), label));
}

std::size_t countOnSlice(const LabelMap& mask, std::int64_t z, std::uint16_t label) {
    std::size_t n = 0;
    for (std::int64_t y = 0; y < mask.geometry.sizeXyz[1]; ++y)
        for (std::int64_t x = 0; x < mask.geometry.sizeXyz[0]; ++x) n += mask.at(x, y, z) == label;
    return n;
}

// Axial slab x <= lastX (every y) on slice z.
void addSlab(LabelMap& mask, std::int64_t z, std::int64_t lastX, std::uint16_t label) {
    for (std::int64_t y = 0; y < mask.geometry.sizeXyz[1]; ++y)
        for (std::int64_t x = 0; x <= lastX; ++x) mask.at(x, y, z) = label;
}

// Axial disc of radius r voxels (centre-in test) on slice z around (cx, cy), 1 mm pixels.
void addDisc(LabelMap& mask, std::int64_t z, double cx, double cy, double r, std::uint16_t label) {
    for (std::int64_t y = 0; y < mask.geometry.sizeXyz[1]; ++y)
        for (std::int64_t x = 0; x < mask.geometry.sizeXyz[0]; ++x)
            if (std::hypot(x - cx, y - cy) <= r) mask.at(x, y, z) = label;
}

}  // namespace

class TestMaskEdit : public QObject {
    Q_OBJECT
private slots:
    void axesOfEachNormal();
    void dabCoversPhysicalDisc();
    void segmentCoversCapsule();
    void eraseLeavesOtherLabels();
    void paintOverwritesOtherLabels();
    void huRangeLimitsPainting();
    void huRangeNeedsImage();
    void polygonFillsTriangle();
    void polygonWithHoleAndEdges();
    void undoRedoRoundTrip();
    void interpolatesSlabsExactly();
    void interpolationSharesKeySlices();
    void interpolatesDiscToMeanRadius();
    void interpolationKeepsKeysAndOtherLabels();
    void interpolatesAlongAnotherAxis();
    void nothingToInterpolate();
};

void TestMaskEdit::axesOfEachNormal() {
    const SliceAxes axial = sliceAxesNormalTo(2);
    QCOMPARE(axial.columnAxis, 0);
    QCOMPARE(axial.rowAxis, 1);
    const SliceAxes coronal = sliceAxesNormalTo(1);
    QCOMPARE(coronal.columnAxis, 0);
    QCOMPARE(coronal.rowAxis, 2);
    const SliceAxes sagittal = sliceAxesNormalTo(0);
    QCOMPARE(sagittal.columnAxis, 1);
    QCOMPARE(sagittal.rowAxis, 2);
    QVERIFY_THROWS_EXCEPTION(Error, sliceAxesNormalTo(3));
}

void TestMaskEdit::dabCoversPhysicalDisc() {
    // 1 x 2 mm pixels, radius 2 mm: (dx)^2 + (2 dy)^2 <= 4 holds for dy = 0, dx in -2..2 (5) and
    // dy = +-1, dx = 0 (2): 7 voxels.
    LabelMap mask(grid({9, 9, 3}, {1, 2, 3}));
    const MaskChange change = paintSegment(mask, sliceAxesNormalTo(2), {4, 4, 1}, {4, 4, 1}, 2.0, {});
    QCOMPARE(change.size(), std::size_t(7));
    QCOMPARE(count(mask, 1), std::size_t(7));
    QCOMPARE(mask.at(2, 4, 1), std::uint16_t(1));
    QCOMPARE(mask.at(4, 5, 1), std::uint16_t(1));
    QCOMPARE(mask.at(3, 5, 1), std::uint16_t(0));  // 1 + 4 = 5 > 4
    QCOMPARE(countOnSlice(mask, 0, 1) + countOnSlice(mask, 2, 1), std::size_t(0));
    // Painting it again changes nothing.
    QVERIFY(paintSegment(mask, sliceAxesNormalTo(2), {4, 4, 1}, {4, 4, 1}, 2.0, {}).empty());
    // At the border the disc is clipped: centre (0, 0) keeps dx in 0..2 on dy = 0 and (0, 1): 4.
    LabelMap corner(grid({9, 9, 1}, {1, 2, 1}));
    QCOMPARE(paintSegment(corner, sliceAxesNormalTo(2), {0, 0, 0}, {0, 0, 0}, 2.0, {}).size(), std::size_t(4));
}

void TestMaskEdit::segmentCoversCapsule() {
    // Radius 1 mm around (2,5)-(12,5) on 1 mm pixels: rows 4..6 for x in 2..12 (33 voxels) and the
    // two cap tips (1,5), (13,5): 35.
    LabelMap mask(grid({16, 11, 1}));
    QCOMPARE(paintSegment(mask, sliceAxesNormalTo(2), {2, 5, 0}, {12, 5, 0}, 1.0, {}).size(), std::size_t(35));
    QCOMPARE(mask.at(1, 5, 0), std::uint16_t(1));
    QCOMPARE(mask.at(1, 4, 0), std::uint16_t(0));
    QCOMPARE(mask.at(7, 4, 0), std::uint16_t(1));
    // A diagonal stroke leaves no gaps: every pixel centre on the line x = y is covered.
    LabelMap diagonal(grid({20, 20, 1}));
    paintSegment(diagonal, sliceAxesNormalTo(2), {1, 1, 0}, {18, 18, 0}, 0.5, {});
    for (std::int64_t i = 1; i <= 18; ++i) QCOMPARE(diagonal.at(i, i, 0), std::uint16_t(1));
    QCOMPARE(count(diagonal, 1), std::size_t(18));  // radius 0.5 reaches no neighbour (distance 0.707)
}

void TestMaskEdit::eraseLeavesOtherLabels() {
    LabelMap mask(grid({5, 5, 1}));
    for (std::int64_t x = 0; x < 5; ++x) mask.at(x, 2, 0) = x % 2 ? 2 : 1;
    PaintRule erase;
    erase.label = 1;
    erase.mode = EditMode::Erase;
    const MaskChange change = paintSegment(mask, sliceAxesNormalTo(2), {0, 2, 0}, {4, 2, 0}, 0.5, erase);
    QCOMPARE(change.size(), std::size_t(3));  // x = 0, 2, 4 held label 1
    QCOMPARE(count(mask, 1), std::size_t(0));
    QCOMPARE(count(mask, 2), std::size_t(2));
}

void TestMaskEdit::paintOverwritesOtherLabels() {
    LabelMap mask(grid({5, 5, 1}));
    mask.at(2, 2, 0) = 2;
    PaintRule paint;
    paint.label = 3;
    const MaskChange change = paintSegment(mask, sliceAxesNormalTo(2), {2, 2, 0}, {2, 2, 0}, 0.0, paint);
    QCOMPARE(change.size(), std::size_t(1));
    QCOMPARE(change.before[0], std::uint16_t(2));
    QCOMPARE(change.after[0], std::uint16_t(3));
}

void TestMaskEdit::huRangeLimitsPainting() {
    Volume image(grid({10, 1, 1}));
    for (std::int64_t x = 0; x < 10; ++x) image.at(x, 0, 0) = static_cast<float>(-100 + 25 * x);  // -100..125
    LabelMap mask(image.geometry);
    PaintRule rule;
    rule.image = &image;
    rule.huRange = std::array<double, 2>{-50.0, 50.0};  // x = 2 (-50) .. 6 (50), bounds inclusive
    paintSegment(mask, sliceAxesNormalTo(2), {0, 0, 0}, {9, 0, 0}, 0.5, rule);
    for (std::int64_t x = 0; x < 10; ++x) QCOMPARE(mask.at(x, 0, 0), std::uint16_t(x >= 2 && x <= 6 ? 1 : 0));
    // The polygon fill obeys the same limit.
    LabelMap filled(image.geometry);
    fillPolygon(filled, sliceAxesNormalTo(2), 0, {{-1, -1}, {10, -1}, {10, 1}, {-1, 1}}, rule);
    QCOMPARE(filled.voxels, mask.voxels);
    // Erasing is never limited.
    std::fill(mask.voxels.begin(), mask.voxels.end(), 1);
    rule.mode = EditMode::Erase;
    paintSegment(mask, sliceAxesNormalTo(2), {0, 0, 0}, {9, 0, 0}, 0.5, rule);
    QCOMPARE(count(mask, 1), std::size_t(0));
}

void TestMaskEdit::huRangeNeedsImage() {
    LabelMap mask(grid({4, 4, 1}));
    PaintRule rule;
    rule.huRange = std::array<double, 2>{0.0, 1.0};
    QVERIFY_THROWS_EXCEPTION(Error, paintSegment(mask, sliceAxesNormalTo(2), {1, 1, 0}, {1, 1, 0}, 1.0, rule));
    Volume image(mask.geometry);
    rule.image = &image;
    rule.huRange = std::array<double, 2>{1.0, 0.0};
    QVERIFY_THROWS_EXCEPTION(Error, paintSegment(mask, sliceAxesNormalTo(2), {1, 1, 0}, {1, 1, 0}, 1.0, rule));
    rule.huRange.reset();
    rule.label = 0;
    QVERIFY_THROWS_EXCEPTION(Error, paintSegment(mask, sliceAxesNormalTo(2), {1, 1, 0}, {1, 1, 0}, 1.0, rule));
}

void TestMaskEdit::polygonFillsTriangle() {
    // Triangle (0,0), (10,0), (0,10): row y holds centres x = 0 .. 9 - y (the hypotenuse x = 10 - y
    // is excluded), so 10 + 9 + ... + 1 = 55 voxels.
    LabelMap mask(grid({12, 12, 3}));
    const MaskChange change = fillPolygon(mask, sliceAxesNormalTo(2), 1, {{0, 0}, {10, 0}, {0, 10}}, {});
    QCOMPARE(change.size(), std::size_t(55));
    QCOMPARE(countOnSlice(mask, 1, 1), std::size_t(55));
    QCOMPARE(mask.at(9, 0, 1), std::uint16_t(1));
    QCOMPARE(mask.at(10, 0, 1), std::uint16_t(0));
    QCOMPARE(mask.at(0, 9, 1), std::uint16_t(1));
    QCOMPARE(mask.at(0, 10, 1), std::uint16_t(0));
    // Fewer than three vertices enclose nothing.
    QVERIFY(fillPolygon(mask, sliceAxesNormalTo(2), 0, {{0, 0}, {5, 5}}, {}).empty());
}

void TestMaskEdit::polygonWithHoleAndEdges() {
    // A square ring drawn as one self-touching outline (outer clockwise, inner back the other
    // way): even-odd keeps the hole empty. Outer 1.5..8.5 covers 2..8 (7 x 7 = 49), hole 3.5..5.5
    // covers 4..5 (2 x 2 = 4): 45 voxels on the coronal slice y = 2 (columns x, rows z).
    LabelMap mask(grid({10, 5, 10}));
    const std::vector<std::array<double, 2>> ring = {{1.5, 1.5}, {8.5, 1.5}, {8.5, 8.5}, {1.5, 8.5}, {1.5, 1.5},
                                                     {3.5, 3.5}, {3.5, 5.5}, {5.5, 5.5}, {5.5, 3.5}, {3.5, 3.5}};
    QCOMPARE(fillPolygon(mask, sliceAxesNormalTo(1), 2, ring, {}).size(), std::size_t(45));
    QCOMPARE(mask.at(2, 2, 2), std::uint16_t(1));
    QCOMPARE(mask.at(4, 2, 4), std::uint16_t(0));
    QCOMPARE(mask.at(8, 2, 8), std::uint16_t(1));
    // Vertices beyond the image are clipped, not refused.
    LabelMap all(grid({4, 4, 1}));
    QCOMPARE(fillPolygon(all, sliceAxesNormalTo(2), 0, {{-5, -5}, {20, -5}, {20, 20}, {-5, 20}}, {}).size(),
             std::size_t(16));
}

void TestMaskEdit::undoRedoRoundTrip() {
    LabelMap mask(grid({24, 24, 6}, {0.8, 0.8, 2.0}));
    std::mt19937 random(7);
    std::uniform_int_distribution<std::int64_t> coordinate(0, 23), slice(0, 5);
    for (auto& v : mask.voxels) v = random() % 7 == 0 ? 2 : 0;
    const LabelMap original = mask;
    std::vector<MaskChange> history;
    std::vector<LabelMap> states{mask};
    for (int i = 0; i < 30; ++i) {
        PaintRule rule;
        rule.label = static_cast<std::uint16_t>(1 + random() % 2);
        rule.mode = random() % 3 == 0 ? EditMode::Erase : EditMode::Paint;
        const std::int64_t z = slice(random);
        const SliceAxes axes = sliceAxesNormalTo(static_cast<int>(random() % 3));
        IndexXyz from{coordinate(random), coordinate(random), z}, to{coordinate(random), coordinate(random), z};
        for (int a = 0; a < 3; ++a) {
            from[a] = std::min(from[a], mask.geometry.sizeXyz[a] - 1);
            to[a] = std::min(to[a], mask.geometry.sizeXyz[a] - 1);
        }
        MaskChange stroke = paintSegment(mask, axes, from, to, 2.5, rule);
        // A stroke of two dabs becomes one undo step.
        stroke.append(paintSegment(mask, axes, to, from, 1.0, rule));
        history.push_back(stroke);
        states.push_back(mask);
    }
    history.push_back(interpolateBetweenSlices(mask, 2, 1));
    states.push_back(mask);
    for (std::size_t i = history.size(); i-- > 0;) {
        undoChange(mask, history[i]);
        QCOMPARE(mask.voxels, states[i].voxels);
    }
    QCOMPARE(mask.voxels, original.voxels);
    for (std::size_t i = 0; i < history.size(); ++i) redoChange(mask, history[i]);
    QCOMPARE(mask.voxels, states.back().voxels);
}

void TestMaskEdit::interpolatesSlabsExactly() {
    // Key slices z = 0 (x <= 3) and z = 4 (x <= 11). Along x the signed distances are exact, so
    // slice z holds x <= 3 + 8 z / 4 = 3 + 2z: the boundary moves linearly.
    for (double spacingX : {1.0, 0.4}) {
        LabelMap mask(grid({16, 3, 5}, {spacingX, 1.3, 2.0}));
        addSlab(mask, 0, 3, 1);
        addSlab(mask, 4, 11, 1);
        const MaskChange change = interpolateBetweenSlices(mask, 2, 1);
        for (std::int64_t z = 1; z <= 3; ++z) {
            const std::int64_t lastX = 3 + 2 * z;
            for (std::int64_t x = 0; x < 16; ++x) QCOMPARE(mask.at(x, 1, z), std::uint16_t(x <= lastX ? 1 : 0));
        }
        QCOMPARE(change.size(), std::size_t(3 * (6 + 8 + 10)));
    }
}

void TestMaskEdit::interpolationSharesKeySlices() {
    // Keys 0 (x <= 3), 4 (x <= 11), 8 (x <= 3): both gaps have their middle at x <= 7.
    LabelMap mask(grid({16, 2, 9}));
    addSlab(mask, 0, 3, 1);
    addSlab(mask, 4, 11, 1);
    addSlab(mask, 8, 3, 1);
    interpolateBetweenSlices(mask, 2, 1);
    for (std::int64_t z : {2, 6}) {
        QCOMPARE(mask.at(7, 0, z), std::uint16_t(1));
        QCOMPARE(mask.at(8, 0, z), std::uint16_t(0));
    }
    QCOMPARE(mask.at(5, 0, 1), std::uint16_t(1));  // 3 + 2 = 5
    QCOMPARE(mask.at(6, 0, 1), std::uint16_t(0));
    QCOMPARE(mask.at(9, 0, 5), std::uint16_t(1));  // 11 - 2 = 9
    QCOMPARE(mask.at(10, 0, 5), std::uint16_t(0));
}

void TestMaskEdit::interpolatesDiscToMeanRadius() {
    // Concentric discs of radius 4 (z = 0) and 12 (z = 6): slice z should be the disc of radius
    // 4 + 8 z / 6. Pixelation of the two key discs moves the boundary by less than a pixel, so
    // each slice matches the disc of its radius to Dice >= 0.97 and no pixel is off by more than one
    // pixel from that circle.
    LabelMap mask(grid({40, 40, 7}));
    addDisc(mask, 0, 20, 20, 4, 1);
    addDisc(mask, 6, 20, 20, 12, 1);
    interpolateBetweenSlices(mask, 2, 1);
    for (std::int64_t z = 1; z <= 5; ++z) {
        const double radius = 4 + 8.0 * static_cast<double>(z) / 6.0;
        std::size_t both = 0, ours = 0, truth = 0;
        for (std::int64_t y = 0; y < 40; ++y)
            for (std::int64_t x = 0; x < 40; ++x) {
                const double r = std::hypot(x - 20.0, y - 20.0);
                const bool inTruth = r <= radius, inOurs = mask.at(x, y, z) == 1;
                both += inTruth && inOurs;
                ours += inOurs;
                truth += inTruth;
                if (inOurs != inTruth) QVERIFY2(std::abs(r - radius) <= 1.0, qPrintable(QString("z %1").arg(z)));
            }
        const double dice = 2.0 * static_cast<double>(both) / static_cast<double>(ours + truth);
        QVERIFY2(dice >= 0.97, qPrintable(QString("z %1: Dice %2").arg(z).arg(dice)));
    }
}

void TestMaskEdit::interpolationKeepsKeysAndOtherLabels() {
    LabelMap mask(grid({12, 12, 5}));
    addDisc(mask, 0, 6, 6, 3, 1);
    addDisc(mask, 4, 6, 6, 3, 1);
    mask.at(6, 6, 2) = 5;  // another label inside the gap
    mask.at(0, 0, 0) = 5;  // and one on a key slice
    const LabelMap keysBefore = mask;
    interpolateBetweenSlices(mask, 2, 1);
    QCOMPARE(mask.at(6, 6, 2), std::uint16_t(5));
    QCOMPARE(mask.at(6, 7, 2), std::uint16_t(1));
    for (std::int64_t z : {0, 4})
        for (std::int64_t y = 0; y < 12; ++y)
            for (std::int64_t x = 0; x < 12; ++x) QCOMPARE(mask.at(x, y, z), keysBefore.at(x, y, z));
    // Identical key shapes give the same shape in between.
    for (std::int64_t z = 1; z <= 3; ++z)
        for (std::int64_t y = 0; y < 12; ++y)
            for (std::int64_t x = 0; x < 12; ++x)
                if (!(x == 6 && y == 6 && z == 2)) QCOMPARE(mask.at(x, y, z) == 1, keysBefore.at(x, y, 0) == 1);
}

void TestMaskEdit::interpolatesAlongAnotherAxis() {
    // Sagittal key slices x = 1 and x = 5 hold slabs along y (columns) of z <= 2 and z <= 6.
    LabelMap mask(grid({7, 4, 10}));
    for (std::int64_t y = 0; y < 4; ++y) {
        for (std::int64_t z = 0; z <= 2; ++z) mask.at(1, y, z) = 1;
        for (std::int64_t z = 0; z <= 6; ++z) mask.at(5, y, z) = 1;
    }
    interpolateBetweenSlices(mask, 0, 1);
    QCOMPARE(mask.at(3, 2, 4), std::uint16_t(1));  // middle: z <= 4
    QCOMPARE(mask.at(3, 2, 5), std::uint16_t(0));
    QCOMPARE(mask.at(0, 2, 0), std::uint16_t(0));  // outside the key range
    QCOMPARE(mask.at(6, 2, 0), std::uint16_t(0));
}

void TestMaskEdit::nothingToInterpolate() {
    LabelMap mask(grid({6, 6, 4}));
    addDisc(mask, 1, 3, 3, 2, 1);
    addDisc(mask, 2, 3, 3, 1, 1);
    QVERIFY(interpolateBetweenSlices(mask, 2, 1).empty());  // adjacent keys
    QVERIFY(interpolateBetweenSlices(mask, 2, 2).empty());  // absent label
    QCOMPARE(slicesWithLabel(mask, 2, 1), (std::vector<std::int64_t>{1, 2}));
}

QTEST_APPLESS_MAIN(TestMaskEdit)
#include "test_mask_edit.moc"
