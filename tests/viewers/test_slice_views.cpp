// Slice view logic without OpenGL (offscreen): window/level mapping, orientation of the three
// planes, overlay blending, aspect ratio of anisotropic voxels, navigation and the brush.
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include "SyntheticStudy.h"
#include "viewers/MaskBrush.h"
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
    void aspectRatioFollowsSpacing();
    void pickingRoundTrips();
    void wheelAndKeysScrollWithinBounds();
    void cursorLinksSlices();
    void hoverReportsVoxelValue();
    void brushPaintsPhysicalDisk();
    void brushErasesOnlyItsLabel();
    void viewPaintsWithBrushTool();
    void rightDragAdjustsWindow();
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
    const QImage image = renderSlice(*volume, axial, 4, window, {{mask, 2, QColor(255, 0, 0), 0.5}});
    // (1 - 0.5) * 128 + 0.5 * 255 = 191.5 -> 192; (1 - 0.5) * 128 + 0 = 64
    QCOMPARE(image.pixelColor(5, 6), QColor(192, 64, 64));
    const int greyNextDoor = greyFor(volume->at(6, 6, 4), window);
    QCOMPARE(image.pixelColor(6, 6), QColor(greyNextDoor, greyNextDoor, greyNextDoor));
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

void TestSliceViews::brushPaintsPhysicalDisk() {
    LabelMap mask(testing::syntheticGeometry());
    const SlicePlane axial = slicePlaneFor(mask.geometry, SliceOrientation::Axial);
    // In-plane 0.7 x 0.7 mm, radius 1 mm: centre, 4 edge neighbours (0.7 mm), 4 diagonals (0.99 mm).
    QCOMPARE(applyBrush(mask, axial, {10, 8, 5}, 1.0, BrushMode::Paint, 3), std::size_t(9));
    QCOMPARE(mask.at(11, 9, 5), std::uint16_t(3));
    QCOMPARE(mask.at(12, 8, 5), std::uint16_t(0));  // 1.4 mm away
    QCOMPARE(mask.at(10, 8, 4), std::uint16_t(0));  // other slice untouched
    const SlicePlane coronal = slicePlaneFor(mask.geometry, SliceOrientation::Coronal);
    LabelMap other(testing::syntheticGeometry());
    // 0.7 x 2.5 mm: only the centre and its two x neighbours are within 1 mm.
    QCOMPARE(applyBrush(other, coronal, {10, 8, 5}, 1.0, BrushMode::Paint, 1), std::size_t(3));
    // Clipped at the border: a corner keeps the quarter disk inside the image.
    LabelMap corner(testing::syntheticGeometry());
    QCOMPARE(applyBrush(corner, axial, {0, 0, 0}, 1.0, BrushMode::Paint, 1), std::size_t(4));
}

void TestSliceViews::brushErasesOnlyItsLabel() {
    LabelMap mask(testing::syntheticGeometry());
    const SlicePlane axial = slicePlaneFor(mask.geometry, SliceOrientation::Axial);
    applyBrush(mask, axial, {10, 8, 5}, 1.0, BrushMode::Paint, 1);
    mask.at(11, 8, 5) = 2;
    QCOMPARE(applyBrush(mask, axial, {10, 8, 5}, 1.0, BrushMode::Erase, 1), std::size_t(8));
    QCOMPARE(mask.at(11, 8, 5), std::uint16_t(2));
}

void TestSliceViews::viewPaintsWithBrushTool() {
    auto volume = std::make_shared<Volume>(testing::syntheticVolume());
    auto mask = std::make_shared<LabelMap>(volume->geometry);
    SliceView axial(SliceOrientation::Axial);
    axial.resize(400, 400);
    axial.setVolume(volume);
    axial.setEditableMask(mask, 4);
    axial.setTool(SliceView::Tool::Paint);
    axial.setBrushRadiusMm(0.5);  // one voxel
    QSignalSpy edited(&axial, &SliceView::maskEdited);
    QTest::mouseClick(&axial, Qt::LeftButton, Qt::NoModifier, axial.widgetPointOf({3, 12, 5}).toPoint());
    QCOMPARE(edited.count(), 1);
    QCOMPARE(mask->at(3, 12, 5), std::uint16_t(4));
    QCOMPARE(std::count(mask->voxels.begin(), mask->voxels.end(), std::uint16_t(4)), 1);
}

void TestSliceViews::rightDragAdjustsWindow() {
    SliceView axial(SliceOrientation::Axial);
    axial.resize(300, 300);
    axial.setVolume(std::make_shared<Volume>(testing::syntheticVolume()));
    axial.setWindowLevel(windowFor(WindowPreset::Lung));  // W 1500, L -600
    QSignalSpy dragged(&axial, &SliceView::windowLevelDragged);
    const auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons held) {
        QMouseEvent event(type, at, axial.mapToGlobal(at), button, held, Qt::NoModifier);
        QApplication::sendEvent(&axial, &event);
    };
    send(QEvent::MouseButtonPress, {100, 100}, Qt::RightButton, Qt::RightButton);
    send(QEvent::MouseMove, {150, 125}, Qt::NoButton, Qt::RightButton);
    // 50 px right: width + 50 * 4 HU; 25 px down: level + 25 * 2 HU.
    QCOMPARE(axial.windowLevel().widthHu, 1700.0);
    QCOMPARE(axial.windowLevel().levelHu, -550.0);
    send(QEvent::MouseMove, {-400, 125}, Qt::NoButton, Qt::RightButton);
    QCOMPARE(axial.windowLevel().widthHu, 1.0);  // never narrower than 1 HU
    send(QEvent::MouseButtonRelease, {-400, 125}, Qt::RightButton, Qt::NoButton);
    QCOMPARE(dragged.count(), 2);
    QCOMPARE(dragged.at(0).at(0).value<WindowLevel>().widthHu, 1700.0);
    // The crosshair did not move while dragging the window.
    QCOMPARE(axial.cursorVoxel(), (IndexXyz{10, 8, 5}));
}

QTEST_MAIN(TestSliceViews)
#include "test_slice_views.moc"
