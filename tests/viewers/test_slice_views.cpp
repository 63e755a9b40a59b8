// Slice view logic without OpenGL (offscreen): window/level mapping, orientation of the three
// planes, overlay blending, aspect ratio of anisotropic voxels, navigation, zoom and pan with 3D
// Slicer's bindings, and the editing tools (brush, eraser, HU limit, polygon, freehand, fill
// between slices) with undo and redo.
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <QUndoStack>
#include "SyntheticStudy.h"

#include "core/roi/MaskEdit.h"
#include "core/util/Error.h"
#include "viewers/HeatMap.h"
#include "viewers/MaskEditor.h"
#include "viewers/SlicePlane.h"
#include "viewers/SliceView.h"
#include "viewers/WindowLevel.h"

using namespace drs;
using namespace drs::viewers;
using IndexXyz = std::array<std::int64_t, 3>;

class TestSliceViews : public QObject {
    Q_OBJECT
private slots:
    void greyMapping_data();
    void greyMapping();
    void presets();
    void planesOfAxisAlignedGrid();
    void planesFollowDirectionCosines();
    void renderedPixelsShowTheirVoxel();
    void overlayBlendsColour();
    void paletteLayerColoursByValue();
    void heatOverlayQuantisesOntoTheImage();
    void aspectRatioFollowsSpacing();
    void pickingRoundTrips();
    void wheelAndKeysScrollWithinBounds();
    void cursorLinksSlices();
    void hoverReportsVoxelValue();
    void brushPaintsPhysicalDisk();
    void viewPaintsWithBrushTool();
    void huRangeLimitsTheBrush();
    void polygonToolFillsOnDoubleClick();
    void freehandToolFillsOnRelease();
    void interpolationThroughEditor();
    void windowToolDragAdjustsWindow();
    void zoomAndPanWithSlicerBindings();
};

void TestSliceViews::greyMapping_data() {
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("level");
    QTest::addColumn<float>("hu");
    QTest::addColumn<int>("grey");
    // grey = round((hu - (level - width / 2)) / width * 255), clamped to 0..255
    QTest::newRow("mediastinum lower edge") << 350.0 << 50.0 << -125.0f << 0;
    QTest::newRow("mediastinum below") << 350.0 << 50.0 << -1000.0f << 0;
    QTest::newRow("mediastinum level") << 350.0 << 50.0 << 50.0f << 128;  // 127.5 rounds up
    QTest::newRow("mediastinum water") << 350.0 << 50.0 << 0.0f << 91;    // 125/350*255 = 91.07
    QTest::newRow("mediastinum upper edge") << 350.0 << 50.0 << 225.0f << 255;
    QTest::newRow("lung air") << 1500.0 << -600.0 << -1050.0f << 51;       // 300/1500*255 = 51
    QTest::newRow("lung soft tissue") << 1500.0 << -600.0 << 0.0f << 230;  // 1350/1500*255 = 229.5
    QTest::newRow("lung above") << 1500.0 << -600.0 << 400.0f << 255;
}

void TestSliceViews::greyMapping() {
    QFETCH(double, width);
    QFETCH(double, level);
    QFETCH(float, hu);
    QFETCH(int, grey);
    QCOMPARE(int(greyFor(hu, WindowLevel{width, level})), grey);
}

void TestSliceViews::presets() {
    QCOMPARE(windowFor(WindowPreset::Lung).widthHu, 1500.0);
    QCOMPARE(windowFor(WindowPreset::Lung).levelHu, -600.0);
    QCOMPARE(windowFor(WindowPreset::Mediastinum).widthHu, 350.0);
    QCOMPARE(windowFor(WindowPreset::Mediastinum).levelHu, 50.0);
    QCOMPARE(windowPresets().size(), std::size_t(3));
}

void TestSliceViews::planesOfAxisAlignedGrid() {
    const Geometry g = testing::syntheticGeometry();
    const SlicePlane axial = slicePlaneFor(g, SliceOrientation::Axial);
    QCOMPARE(axial.normalAxis, 2);
    QCOMPARE(axial.columnAxis, 0);
    QCOMPARE(axial.rowAxis, 1);
    QVERIFY(!axial.flipColumns && !axial.flipRows);
    const SlicePlane coronal = slicePlaneFor(g, SliceOrientation::Coronal);
    QCOMPARE(coronal.normalAxis, 1);
    QCOMPARE(coronal.columnAxis, 0);
    QCOMPARE(coronal.rowAxis, 2);
    QVERIFY(!coronal.flipColumns && coronal.flipRows);  // superior (+z) up
    const SlicePlane sagittal = slicePlaneFor(g, SliceOrientation::Sagittal);
    QCOMPARE(sagittal.normalAxis, 0);
    QCOMPARE(sagittal.columnAxis, 1);
    QCOMPARE(sagittal.rowAxis, 2);
    QVERIFY(!sagittal.flipColumns && sagittal.flipRows);
    QCOMPARE(sagittal.sliceCount(), std::int64_t(20));
    QCOMPARE(coronal.pixelSizeMm(), QSizeF(0.7, 2.5));
}

void TestSliceViews::planesFollowDirectionCosines() {
    Geometry g = testing::syntheticGeometry();
    // Index x runs towards the patient's right (-L), y towards anterior (-P): an RAS-stored grid.
    g.direction = {-1, 0, 0, 0, -1, 0, 0, 0, 1};
    const SlicePlane axial = slicePlaneFor(g, SliceOrientation::Axial);
    QVERIFY(axial.flipColumns && axial.flipRows);
    // Index x along superior, y along left, z along posterior.
    g.direction = {0, 1, 0, 0, 0, 1, 1, 0, 0};
    const SlicePlane permuted = slicePlaneFor(g, SliceOrientation::Axial);
    QCOMPARE(permuted.normalAxis, 0);
    QCOMPARE(permuted.columnAxis, 1);
    QCOMPARE(permuted.rowAxis, 2);
    QCOMPARE(permuted.voxelAt(3, 4, 5), (IndexXyz{3, 4, 5}));
}

void TestSliceViews::renderedPixelsShowTheirVoxel() {
    const Volume volume = testing::syntheticVolume();
    const WindowLevel window{4000, 0};  // covers the synthetic range without clamping
    const SlicePlane coronal = slicePlaneFor(volume.geometry, SliceOrientation::Coronal);
    const QImage image = renderSlice(volume, coronal, 7, window, {});
    QCOMPARE(image.size(), QSize(20, 10));
    // Row 0 of a coronal image is the most superior slice, z = 9.
    const QColor pixel = image.pixelColor(3, 0);
    QCOMPARE(pixel.red(), int(greyFor(testing::syntheticHu(3, 7, 9), window)));
    QCOMPARE(pixel.red(), 111);  // hu = 30 + 700 - 1000 + 9 = -261: (-261 + 2000) / 4000 * 255 = 110.86
}

void TestSliceViews::overlayBlendsColour() {
    auto volume = std::make_shared<Volume>(testing::syntheticVolume());
    volume->at(5, 6, 4) = 0.0f;
    auto mask = std::make_shared<LabelMap>(volume->geometry);
    mask->at(5, 6, 4) = 2;
    mask->at(6, 6, 4) = 1;  // another label: not drawn by a label-2 layer
    const SlicePlane axial = slicePlaneFor(volume->geometry, SliceOrientation::Axial);
    const WindowLevel window{1000, 0};  // hu 0 -> grey 128
    const QImage image = renderSlice(*volume, axial, 4, window, {{mask, 2, QColor(255, 0, 0), 0.5, {}}});
    // (1 - 0.5) * 128 + 0.5 * 255 = 191.5 -> 192; (1 - 0.5) * 128 + 0 = 64
    QCOMPARE(image.pixelColor(5, 6), QColor(192, 64, 64));
    const int greyNextDoor = greyFor(volume->at(6, 6, 4), window);
    QCOMPARE(image.pixelColor(6, 6), QColor(greyNextDoor, greyNextDoor, greyNextDoor));
}

void TestSliceViews::paletteLayerColoursByValue() {
    auto volume = std::make_shared<Volume>(testing::syntheticVolume());
    volume->at(5, 6, 4) = 0.0f;
    volume->at(6, 6, 4) = 0.0f;
    auto indices = std::make_shared<LabelMap>(volume->geometry);
    indices->at(5, 6, 4) = 1;
    indices->at(6, 6, 4) = 3;
    const std::vector<QColor> palette{QColor(0, 0, 0), QColor(10, 20, 30), QColor(200, 100, 0)};
    const SlicePlane axial = slicePlaneFor(volume->geometry, SliceOrientation::Axial);
    const QImage image = renderSlice(*volume, axial, 4, WindowLevel{1000, 0}, {{indices, 0, QColor(), 0.5, palette}});
    // grey 128: (128 + 0) / 2 = 64; (128 + 200) / 2 = 164, (128 + 100) / 2 = 114, 128 / 2 = 64.
    QCOMPARE(image.pixelColor(5, 6), QColor(64, 64, 64));
    QCOMPARE(image.pixelColor(6, 6), QColor(164, 114, 64));
}

void TestSliceViews::heatOverlayQuantisesOntoTheImage() {
    const Volume volume = testing::syntheticVolume();
    Geometry grid = volume.geometry;
    grid.sizeXyz = {3, 2, 2};
    grid.originMm = volume.geometry.physicalPointMm(4, 5, 3);
    ValueMap map(grid, std::nan(""));
    map.at(0, 0, 0) = 2.0;   // the lowest value: the first colour
    map.at(2, 1, 1) = 10.0;  // the highest: the last
    map.at(1, 0, 0) = 6.0;   // the middle: 1 + floor(0.5 * 256) = 129
    const HeatOverlay heat = heatOverlayOf(map, volume.geometry);
    QCOMPARE(heat.startXyz, (IndexXyz{4, 5, 3}));
    QCOMPARE(heat.low, 2.0);
    QCOMPARE(heat.high, 10.0);
    QCOMPARE(heat.palette.size(), std::size_t{256});
    QCOMPARE(heat.colourIndex->at(4, 5, 3), std::uint16_t{1});
    QCOMPARE(heat.colourIndex->at(6, 6, 4), std::uint16_t{256});
    QCOMPARE(heat.colourIndex->at(5, 5, 3), std::uint16_t{129});
    QCOMPARE(heat.colourIndex->at(4, 6, 3), std::uint16_t{0});  // NaN: no colour
    QCOMPARE(heat.colourIndex->at(0, 0, 0), std::uint16_t{0});  // outside the map
    // Luminance (Rec. 709 weights) rises along the palette, so brighter reads as higher in grey
    // print too (to within the rounding to 8 bits).
    const auto luminance = [](const QColor& c) { return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF(); };
    for (std::size_t i = 1; i < heat.palette.size(); ++i)
        QVERIFY(luminance(heat.palette[i]) >= luminance(heat.palette[i - 1]) - 0.5 / 255);
    QVERIFY(luminance(heat.palette.back()) - luminance(heat.palette.front()) > 0.9);

    Geometry between = grid;
    between.originMm[0] += 0.5 * volume.geometry.spacingMm[0];
    QVERIFY_THROWS_EXCEPTION(Error, heatOverlayOf(ValueMap(between, 1.0), volume.geometry));
    Geometry beyond = grid;
    beyond.sizeXyz = {30, 2, 2};
    QVERIFY_THROWS_EXCEPTION(Error, heatOverlayOf(ValueMap(beyond, 1.0), volume.geometry));
}

void TestSliceViews::aspectRatioFollowsSpacing() {
    auto volume = std::make_shared<Volume>(testing::syntheticVolume());
    SliceView axial(SliceOrientation::Axial);
    axial.resize(400, 400);
    axial.setVolume(volume);
    // 20 x 0.7 = 14 mm wide, 16 x 0.7 = 11.2 mm high: width-limited, 400 x 320 centred.
    QCOMPARE(axial.imageRect(), QRectF(0, 40, 400, 320));
    SliceView coronal(SliceOrientation::Coronal);
    coronal.resize(400, 400);
    coronal.setVolume(volume);
    // 14 mm wide, 10 x 2.5 = 25 mm high: height-limited, 224 x 400 centred.
    QCOMPARE(coronal.imageRect(), QRectF(88, 0, 224, 400));
}

void TestSliceViews::pickingRoundTrips() {
    auto volume = std::make_shared<Volume>(testing::syntheticVolume());
    SliceView coronal(SliceOrientation::Coronal);
    coronal.resize(400, 400);
    coronal.setVolume(volume);
    coronal.setSlice(3);
    // Top-left pixel of the coronal image: x = 0, z = 9 (superior), y = the slice.
    QCOMPARE(coronal.voxelAt(QPointF(89, 1)).value(), (IndexXyz{0, 3, 9}));
    QCOMPARE(coronal.voxelAt(QPointF(10, 10)).has_value(), false);  // left of the image
    const IndexXyz voxel{13, 3, 2};
    QCOMPARE(coronal.voxelAt(coronal.widgetPointOf(voxel)).value(), voxel);
    // Pixel centre: 88 + 13.5 * 224 / 20 = 239.2; row of z = 2 is 7: (7.5) * 40 = 300.
    QCOMPARE(coronal.widgetPointOf(voxel), QPointF(239.2, 300));
}

void TestSliceViews::wheelAndKeysScrollWithinBounds() {
    SliceView axial(SliceOrientation::Axial);
    axial.resize(200, 200);
    axial.setVolume(std::make_shared<Volume>(testing::syntheticVolume()));
    QCOMPARE(axial.sliceCount(), std::int64_t(10));
    QCOMPARE(axial.slice(), std::int64_t(5));  // starts in the middle
    QSignalSpy changed(&axial, &SliceView::sliceChanged);
    QWheelEvent up(QPointF(100, 100), QPointF(100, 100), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                   Qt::NoScrollPhase, false);
    QApplication::sendEvent(&axial, &up);
    QCOMPARE(axial.slice(), std::int64_t(6));
    QWheelEvent downThree(QPointF(100, 100), QPointF(100, 100), QPoint(), QPoint(0, -360), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
    QApplication::sendEvent(&axial, &downThree);
    QCOMPARE(axial.slice(), std::int64_t(3));
    QTest::keyClick(&axial, Qt::Key_End);
    QCOMPARE(axial.slice(), std::int64_t(9));
    QTest::keyClick(&axial, Qt::Key_Up);  // already at the last slice
    QCOMPARE(axial.slice(), std::int64_t(9));
    QTest::keyClick(&axial, Qt::Key_Home);
    QTest::keyClick(&axial, Qt::Key_Down);
    QCOMPARE(axial.slice(), std::int64_t(0));
    QCOMPARE(changed.count(), 4);  // 6, 3, 9, 0
}

void TestSliceViews::cursorLinksSlices() {
    auto volume = std::make_shared<Volume>(testing::syntheticVolume());
    SliceView axial(SliceOrientation::Axial), coronal(SliceOrientation::Coronal), sagittal(SliceOrientation::Sagittal);
    for (SliceView* view : {&axial, &coronal, &sagittal}) {
        view->resize(300, 300);
        view->setVolume(volume);
    }
    for (SliceView* view : {&axial, &coronal, &sagittal})
        QObject::connect(&axial, &SliceView::cursorVoxelPicked, view, &SliceView::setCursorVoxel);
    axial.setSlice(7);
    const IndexXyz target{4, 11, 7};
    QTest::mouseClick(&axial, Qt::LeftButton, Qt::NoModifier, axial.widgetPointOf(target).toPoint());
    QCOMPARE(axial.cursorVoxel(), target);
    QCOMPARE(axial.slice(), std::int64_t(7));
    QCOMPARE(coronal.slice(), std::int64_t(11));
    QCOMPARE(sagittal.slice(), std::int64_t(4));
    QCOMPARE(sagittal.cursorVoxel(), target);
}

void TestSliceViews::hoverReportsVoxelValue() {
    auto volume = std::make_shared<Volume>(testing::syntheticVolume());
    SliceView sagittal(SliceOrientation::Sagittal);
    sagittal.resize(300, 300);
    sagittal.setVolume(volume);
    sagittal.setSlice(2);
    QSignalSpy hovered(&sagittal, &SliceView::voxelHovered);
    const IndexXyz voxel{2, 9, 1};
    QMouseEvent move(QEvent::MouseMove, sagittal.widgetPointOf(voxel),
                     sagittal.mapToGlobal(sagittal.widgetPointOf(voxel)), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(&sagittal, &move);
    QCOMPARE(hovered.count(), 1);
    QCOMPARE(hovered.at(0).at(0).value<IndexXyz>(), voxel);
    QCOMPARE(hovered.at(0).at(1).toFloat(), 10.0f * 2 + 100.0f * 9 - 1000 + 1);
}

namespace {

void send(QWidget& view, QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons held,
          Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent event(type, at, view.mapToGlobal(at), button, held, modifiers);
    QApplication::sendEvent(&view, &event);
}

// A view of the synthetic study whose edits go through an editor of `mask`.
struct EditingView {
    std::shared_ptr<Volume> volume = std::make_shared<Volume>(testing::syntheticVolume());
    std::shared_ptr<LabelMap> mask = std::make_shared<LabelMap>(volume->geometry);
    MaskEditor editor;
    SliceView view{SliceOrientation::Axial};

    explicit EditingView(std::uint16_t label) {
        view.resize(400, 400);  // axial: 20 px per voxel, image at (0, 40)
        view.setVolume(volume);
        editor.setTarget(volume, mask, label);
        view.setMaskEditor(&editor);
    }
    std::size_t count(std::uint16_t label) const {
        return static_cast<std::size_t>(std::count(mask->voxels.begin(), mask->voxels.end(), label));
    }
    // The widget point of continuous index coordinates (x, y) on the shown axial slice.
    QPointF at(double x, double y) const {
        const QRectF rect = view.imageRect();
        return {rect.left() + (x + 0.5) * rect.width() / 20, rect.top() + (y + 0.5) * rect.height() / 16};
    }
};

}  // namespace

void TestSliceViews::brushPaintsPhysicalDisk() {
    LabelMap mask(testing::syntheticGeometry());
    SliceView axialView(SliceOrientation::Axial), coronalView(SliceOrientation::Coronal);
    axialView.setVolume(std::make_shared<Volume>(testing::syntheticVolume()));
    coronalView.setVolume(std::make_shared<Volume>(testing::syntheticVolume()));
    PaintRule paint;
    paint.label = 3;
    // In-plane 0.7 x 0.7 mm, radius 1 mm: centre, 4 edge neighbours (0.7 mm), 4 diagonals (0.99 mm).
    QCOMPARE(paintSegment(mask, axialView.sliceAxes(), {10, 8, 5}, {10, 8, 5}, 1.0, paint).size(), std::size_t(9));
    QCOMPARE(mask.at(11, 9, 5), std::uint16_t(3));
    QCOMPARE(mask.at(12, 8, 5), std::uint16_t(0));  // 1.4 mm away
    QCOMPARE(mask.at(10, 8, 4), std::uint16_t(0));  // other slice untouched
    LabelMap other(testing::syntheticGeometry());
    // Coronal 0.7 x 2.5 mm: only the centre and its two x neighbours are within 1 mm.
    QCOMPARE(paintSegment(other, coronalView.sliceAxes(), {10, 8, 5}, {10, 8, 5}, 1.0, paint).size(), std::size_t(3));
}

void TestSliceViews::viewPaintsWithBrushTool() {
    EditingView e(4);
    e.view.setTool(SliceView::Tool::Paint);
    e.editor.setBrushRadiusMm(0.5);  // one voxel
    QSignalSpy changed(&e.editor, &MaskEditor::maskChanged);
    QTest::mouseClick(&e.view, Qt::LeftButton, Qt::NoModifier, e.view.widgetPointOf({3, 12, 5}).toPoint());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(e.mask->at(3, 12, 5), std::uint16_t(4));
    QCOMPARE(e.count(4), std::size_t(1));
    // A drag paints every voxel it crosses, even when the mouse skips some, as one undo step.
    send(e.view, QEvent::MouseButtonPress, e.at(2, 2), Qt::LeftButton, Qt::LeftButton);
    send(e.view, QEvent::MouseMove, e.at(9, 2), Qt::NoButton, Qt::LeftButton);
    send(e.view, QEvent::MouseButtonRelease, e.at(9, 2), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(e.count(4), std::size_t(1 + 8));
    QCOMPARE(e.editor.undoStack()->count(), 2);
    e.editor.undoStack()->undo();
    QCOMPARE(e.count(4), std::size_t(1));
    e.editor.undoStack()->undo();
    QCOMPARE(e.count(4), std::size_t(0));
    e.editor.undoStack()->redo();
    e.editor.undoStack()->redo();
    QCOMPARE(e.count(4), std::size_t(9));
    // The eraser removes the stroke's voxels again.
    e.view.setTool(SliceView::Tool::Erase);
    send(e.view, QEvent::MouseButtonPress, e.at(2, 2), Qt::LeftButton, Qt::LeftButton);
    send(e.view, QEvent::MouseMove, e.at(9, 2), Qt::NoButton, Qt::LeftButton);
    send(e.view, QEvent::MouseButtonRelease, e.at(9, 2), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(e.count(4), std::size_t(1));
}

void TestSliceViews::huRangeLimitsTheBrush() {
    EditingView e(1);
    e.view.setTool(SliceView::Tool::Paint);
    e.editor.setBrushRadiusMm(0.5);
    // HU = 10 x + 100 y - 1000 + z on slice 5, row y = 4: -595 + 10 x. Range [-540, -500]: x = 6..9.
    e.editor.setHuRange(std::array<double, 2>{-540, -500});
    send(e.view, QEvent::MouseButtonPress, e.at(0, 4), Qt::LeftButton, Qt::LeftButton);
    send(e.view, QEvent::MouseMove, e.at(19, 4), Qt::NoButton, Qt::LeftButton);
    send(e.view, QEvent::MouseButtonRelease, e.at(19, 4), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(e.count(1), std::size_t(4));
    for (std::int64_t x = 6; x <= 9; ++x) QCOMPARE(e.mask->at(x, 4, 5), std::uint16_t(1));
}

void TestSliceViews::polygonToolFillsOnDoubleClick() {
    EditingView e(2);
    e.view.setTool(SliceView::Tool::Polygon);
    // Corners between voxel centres: columns 2..6 and rows 2..4 inside, 15 voxels.
    for (const QPointF& corner : {e.at(1.5, 1.5), e.at(6.5, 1.5), e.at(6.5, 4.5), e.at(1.5, 4.5)})
        send(e.view, QEvent::MouseButtonPress, corner, Qt::LeftButton, Qt::LeftButton);
    QCOMPARE(e.view.pendingOutline().size(), std::size_t(4));
    QCOMPARE(e.count(2), std::size_t(0));  // nothing until the outline is closed
    send(e.view, QEvent::MouseButtonDblClick, e.at(1.5, 4.5), Qt::LeftButton, Qt::LeftButton);
    QCOMPARE(e.count(2), std::size_t(15));
    QCOMPARE(e.mask->at(2, 2, 5), std::uint16_t(2));
    QCOMPARE(e.mask->at(6, 4, 5), std::uint16_t(2));
    QCOMPARE(e.mask->at(7, 4, 5), std::uint16_t(0));
    QVERIFY(e.view.pendingOutline().empty());
    e.editor.undoStack()->undo();
    QCOMPARE(e.count(2), std::size_t(0));
    // Escape drops an unfinished outline; Enter closes one.
    send(e.view, QEvent::MouseButtonPress, e.at(1.5, 1.5), Qt::LeftButton, Qt::LeftButton);
    QTest::keyClick(&e.view, Qt::Key_Escape);
    QVERIFY(e.view.pendingOutline().empty());
    for (const QPointF& corner : {e.at(1.5, 1.5), e.at(3.5, 1.5), e.at(3.5, 4.5)})
        send(e.view, QEvent::MouseButtonPress, corner, Qt::LeftButton, Qt::LeftButton);
    QTest::keyClick(&e.view, Qt::Key_Return);
    // Hypotenuse x = 1.5 + (y - 1.5) * 2 / 3 crosses row 2 at 1.83, row 3 at 2.5, row 4 at 3.17:
    // centres (2,2), (3,2), (3,3).
    QCOMPARE(e.count(2), std::size_t(3));
    QCOMPARE(e.mask->at(3, 3, 5), std::uint16_t(2));
}

void TestSliceViews::freehandToolFillsOnRelease() {
    EditingView e(1);
    e.view.setTool(SliceView::Tool::Freehand);
    send(e.view, QEvent::MouseButtonPress, e.at(1.5, 1.5), Qt::LeftButton, Qt::LeftButton);
    for (const QPointF& p : {e.at(4, 1.5), e.at(6.5, 1.5), e.at(6.5, 4.5), e.at(1.5, 4.5)})
        send(e.view, QEvent::MouseMove, p, Qt::NoButton, Qt::LeftButton);
    send(e.view, QEvent::MouseButtonRelease, e.at(1.5, 4.5), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(e.count(1), std::size_t(15));
    QCOMPARE(e.editor.undoStack()->count(), 1);
}

void TestSliceViews::interpolationThroughEditor() {
    EditingView e(1);
    // Discs on axial slices 2 and 6 drawn with the brush, filled between: slices 3..5 get voxels.
    e.editor.setBrushRadiusMm(2.0);
    for (std::int64_t z : {2, 6}) {
        e.editor.beginStroke(EditMode::Paint);
        e.editor.strokeSegment(e.view.sliceAxes(), {10, 8, z}, {10, 8, z});
        e.editor.endStroke();
    }
    const std::size_t keyVoxels = e.count(1);
    QVERIFY(e.editor.interpolate() > 0);
    for (std::int64_t z = 3; z <= 5; ++z) QCOMPARE(e.mask->at(10, 8, z), std::uint16_t(1));
    QCOMPARE(e.count(1), keyVoxels * 5 / 2);  // the same disc on 3 more slices
    e.editor.undoStack()->undo();
    QCOMPARE(e.count(1), keyVoxels);
    QCOMPARE(e.editor.interpolate(), keyVoxels * 3 / 2);
}

void TestSliceViews::windowToolDragAdjustsWindow() {
    SliceView axial(SliceOrientation::Axial);
    axial.resize(300, 300);
    axial.setVolume(std::make_shared<Volume>(testing::syntheticVolume()));
    axial.setWindowLevel(windowFor(WindowPreset::Lung));  // W 1500, L -600
    axial.setTool(SliceView::Tool::WindowLevel);
    QSignalSpy dragged(&axial, &SliceView::windowLevelDragged);
    send(axial, QEvent::MouseButtonPress, {100, 100}, Qt::LeftButton, Qt::LeftButton);
    send(axial, QEvent::MouseMove, {150, 125}, Qt::NoButton, Qt::LeftButton);
    // 50 px right: width + 50 * 4 HU; 25 px down: level + 25 * 2 HU.
    QCOMPARE(axial.windowLevel().widthHu, 1700.0);
    QCOMPARE(axial.windowLevel().levelHu, -550.0);
    send(axial, QEvent::MouseMove, {-400, 125}, Qt::NoButton, Qt::LeftButton);
    QCOMPARE(axial.windowLevel().widthHu, 1.0);  // never narrower than 1 HU
    send(axial, QEvent::MouseButtonRelease, {-400, 125}, Qt::LeftButton, Qt::NoButton);
    QCOMPARE(dragged.count(), 2);
    QCOMPARE(dragged.at(0).at(0).value<WindowLevel>().widthHu, 1700.0);
    // The crosshair did not move while dragging the window.
    QCOMPARE(axial.cursorVoxel(), (IndexXyz{10, 8, 5}));
}

void TestSliceViews::zoomAndPanWithSlicerBindings() {
    SliceView axial(SliceOrientation::Axial);
    axial.resize(400, 400);
    axial.setVolume(std::make_shared<Volume>(testing::syntheticVolume()));
    const IndexXyz voxel{15, 4, 5};
    const QPointF under = axial.widgetPointOf(voxel);
    // Ctrl+wheel: 1.2x per step about the pointer, which keeps its voxel.
    QWheelEvent zoomIn(under, axial.mapToGlobal(under), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::ControlModifier,
                       Qt::NoScrollPhase, false);
    QApplication::sendEvent(&axial, &zoomIn);
    QCOMPARE(axial.slice(), std::int64_t(5));  // zooming does not scroll
    QVERIFY(std::abs(axial.zoom() - 1.44) < 1e-12);
    QCOMPARE(axial.imageRect().width(), 400 * 1.44);
    QCOMPARE(axial.voxelAt(under).value(), voxel);
    QVERIFY((axial.widgetPointOf(voxel) - under).manhattanLength() < 1e-9);
    // Right-drag up 50 px zooms in by exp(0.5) about the press point.
    send(axial, QEvent::MouseButtonPress, under, Qt::RightButton, Qt::RightButton);
    send(axial, QEvent::MouseMove, under - QPointF(0, 50), Qt::NoButton, Qt::RightButton);
    send(axial, QEvent::MouseButtonRelease, under - QPointF(0, 50), Qt::RightButton, Qt::NoButton);
    QVERIFY(std::abs(axial.zoom() - 1.44 * std::exp(0.5)) < 1e-9);
    QCOMPARE(axial.voxelAt(under).value(), voxel);
    QCOMPARE(axial.cursorVoxel(), (IndexXyz{10, 8, 5}));  // the crosshair stayed
    // Middle-drag pans by the mouse's movement.
    const QPointF before = axial.widgetPointOf(voxel);
    send(axial, QEvent::MouseButtonPress, {200, 200}, Qt::MiddleButton, Qt::MiddleButton);
    send(axial, QEvent::MouseMove, {230, 190}, Qt::NoButton, Qt::MiddleButton);
    send(axial, QEvent::MouseButtonRelease, {230, 190}, Qt::MiddleButton, Qt::NoButton);
    QVERIFY((axial.widgetPointOf(voxel) - (before + QPointF(30, -10))).manhattanLength() < 1e-9);
    // Shift+left-drag pans too.
    send(axial, QEvent::MouseButtonPress, {200, 200}, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
    send(axial, QEvent::MouseMove, {190, 200}, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    send(axial, QEvent::MouseButtonRelease, {190, 200}, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
    QVERIFY((axial.widgetPointOf(voxel) - (before + QPointF(20, -10))).manhattanLength() < 1e-9);
    // The plain wheel still scrolls; R resets zoom and pan.
    QWheelEvent scroll(under, axial.mapToGlobal(under), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                       Qt::NoScrollPhase, false);
    QApplication::sendEvent(&axial, &scroll);
    QCOMPARE(axial.slice(), std::int64_t(6));
    QTest::keyClick(&axial, Qt::Key_R);
    QCOMPARE(axial.zoom(), 1.0);
    QCOMPARE(axial.imageRect(), QRectF(0, 40, 400, 320));
}

QTEST_MAIN(TestSliceViews)
#include "test_slice_views.moc"
