// The Qt6<->VTK bridge under a real X server (Xvfb): the 3D view renders a surface into the
// widget's framebuffer (opaque, tumour-coloured), mouse wheel events reach VTK's camera, and the
// IBSI CT phantom shows non-blank 3D and slice pictures.
#include <QApplication>
#include <QFileInfo>
#include <QSet>
#include <QTest>
#include <QWheelEvent>
#include <algorithm>

#include "SyntheticStudy.h"
#include "core/image/ImageIO.h"
#include "tests/common/ReferenceData.h"
#include "viewers/SliceView.h"
#include "viewers/SurfaceFormat.h"
#include "viewers/SurfaceView.h"

using namespace drs;
using namespace drs::viewers;

namespace {

const QColor kTumour(230, 40, 40);

// Lit surfaces change brightness, not hue: "tumour-coloured" means clearly red-dominant.
bool isTumourColoured(QRgb pixel) {
    return qRed(pixel) > 60 && qGreen(pixel) * 2 < qRed(pixel) && qBlue(pixel) * 2 < qRed(pixel);
}

struct PictureStats {
    int distinctColours = 0;
    int tumourPixels = 0;
    int opaquePixels = 0;
    int pixels = 0;
};

PictureStats statsOf(const QImage& picture) {
    const QImage image = picture.convertToFormat(QImage::Format_ARGB32);
    PictureStats stats;
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            colours.insert(pixel);
            stats.tumourPixels += isTumourColoured(pixel) ? 1 : 0;
            stats.opaquePixels += qAlpha(pixel) == 255 ? 1 : 0;
            ++stats.pixels;
        }
    stats.distinctColours = static_cast<int>(colours.size());
    return stats;
}

std::shared_ptr<LabelMap> syntheticBall() {
    auto mask = std::make_shared<LabelMap>(testing::syntheticGeometry());
    testing::addBall(*mask, 1, {10, 8, 5}, 4.0);
    return mask;
}

}  // namespace

class TestVtkViews : public QObject {
    Q_OBJECT
private slots:
    void surfaceIsRenderedOpaqueAndTumourColoured();
    void wheelZoomsTheCamera();
    void dragRotatesTheCamera();
    void emptyRegionRendersBackgroundOnly();
    void phantomViewsAreNotBlank();
};

void TestVtkViews::surfaceIsRenderedOpaqueAndTumourColoured() {
    SurfaceView view;
    view.resize(320, 320);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSurfaces({{syntheticBall(), 1, kTumour, 1.0}});
    QCOMPARE(view.triangleCounts().size(), std::size_t(1));
    QVERIFY(view.triangleCounts()[0] > 100);
    const QImage picture = view.grabFramebuffer();
    QCOMPARE(picture.size(), QSize(320, 320) * view.devicePixelRatio());
    const PictureStats stats = statsOf(picture);
    QCOMPARE(stats.opaquePixels, stats.pixels);  // alpha forced to 1 after the blit
    QVERIFY2(stats.distinctColours > 50, qPrintable(QString::number(stats.distinctColours)));
    // The ball is centred by the camera reset: the middle of the picture is tumour.
    QVERIFY(isTumourColoured(picture.pixel(picture.width() / 2, picture.height() / 2)));
    QVERIFY(!isTumourColoured(picture.pixel(2, 2)));
    QVERIFY(stats.tumourPixels > stats.pixels / 20);
}

void TestVtkViews::wheelZoomsTheCamera() {
    SurfaceView view;
    view.resize(320, 320);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSurfaces({{syntheticBall(), 1, kTumour, 1.0}});
    const int before = statsOf(view.grabFramebuffer()).tumourPixels;
    for (int i = 0; i < 3; ++i) {
        QWheelEvent forward(QPointF(160, 160), view.mapToGlobal(QPointF(160, 160)), QPoint(), QPoint(0, 120),
                            Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &forward);
    }
    const int after = statsOf(view.grabFramebuffer()).tumourPixels;
    // Each wheel step dollies VTK's trackball camera 1.1^2 = 1.21x closer; after three the ball
    // spans 1.77x the size, about 3x the pixels.
    QVERIFY2(after > before * 1.3, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
}

void TestVtkViews::dragRotatesTheCamera() {
    // A rod along x (patient left-right) seen from the front; dragging sideways turns the camera
    // about the vertical axis, so the rod is seen more end-on and covers fewer pixels.
    auto rod = std::make_shared<LabelMap>(testing::syntheticGeometry());
    for (std::int64_t x = 2; x < 18; ++x)
        for (std::int64_t y = 7; y <= 9; ++y) rod->at(x, y, 5) = 1;
    SurfaceView view;
    view.resize(320, 320);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSurfaces({{rod, 1, kTumour, 1.0}});
    const int before = statsOf(view.grabFramebuffer()).tumourPixels;
    const auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons held) {
        QMouseEvent event(type, at, view.mapToGlobal(at), button, held, Qt::NoModifier);
        QApplication::sendEvent(&view, &event);
    };
    send(QEvent::MouseButtonPress, {160, 160}, Qt::LeftButton, Qt::LeftButton);
    // VTK's trackball turns 20 degrees per window width per unit motion factor (10): 100 px of
    // 320 is about 62 degrees of azimuth.
    for (int x = 170; x <= 260; x += 10) send(QEvent::MouseMove, {double(x), 160}, Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, {260, 160}, Qt::LeftButton, Qt::NoButton);
    const int after = statsOf(view.grabFramebuffer()).tumourPixels;
    QVERIFY2(after < before * 0.8, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
}

void TestVtkViews::emptyRegionRendersBackgroundOnly() {
    SurfaceView view;
    view.resize(200, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSurfaces({{std::make_shared<LabelMap>(testing::syntheticGeometry()), 1, kTumour, 1.0}});
    QCOMPARE(view.triangleCounts()[0], std::size_t(0));
    const PictureStats stats = statsOf(view.grabFramebuffer());
    QCOMPARE(stats.tumourPixels, 0);
    QCOMPARE(stats.opaquePixels, stats.pixels);
}

void TestVtkViews::phantomViewsAreNotBlank() {
    DRS_REQUIRE_IBSI_CT_PHANTOM();
    const QString root = QString::fromStdString(drs::test::ibsiCtPhantom());
    const QString imagePath = root + QStringLiteral("/image/phantom.nii.gz");
    const QString maskPath = root + QStringLiteral("/mask/mask.nii.gz");
    auto volume = std::make_shared<Volume>(readVolume(imagePath.toStdString()));
    auto mask = std::make_shared<LabelMap>(readLabelMap(maskPath.toStdString()));

    SurfaceView surface;
    surface.resize(400, 400);
    surface.show();
    QVERIFY(QTest::qWaitForWindowExposed(&surface));
    surface.setSurfaces({{mask, 0, kTumour, 1.0}});
    const PictureStats surfaceStats = statsOf(surface.grabFramebuffer());
    QVERIFY2(surfaceStats.distinctColours > 100, qPrintable(QString::number(surfaceStats.distinctColours)));
    QVERIFY2(surfaceStats.tumourPixels > surfaceStats.pixels / 50,
             qPrintable(QString::number(surfaceStats.tumourPixels)));

    // The axial slice through the tumour's middle, with the mask overlaid.
    std::int64_t lowZ = -1, highZ = -1;
    const std::size_t sliceVoxels = static_cast<std::size_t>(mask->geometry.sizeXyz[0] * mask->geometry.sizeXyz[1]);
    for (std::int64_t z = 0; z < mask->geometry.sizeXyz[2]; ++z) {
        const auto begin = mask->voxels.begin() + static_cast<std::ptrdiff_t>(z * sliceVoxels);
        if (std::any_of(begin, begin + static_cast<std::ptrdiff_t>(sliceVoxels),
                        [](std::uint16_t v) { return v != 0; })) {
            if (lowZ < 0) lowZ = z;
            highZ = z;
        }
    }
    QVERIFY(lowZ >= 0);
    SliceView axial(SliceOrientation::Axial);
    axial.resize(400, 400);
    axial.setVolume(volume);
    axial.setOverlays({{mask, 0, kTumour, 0.5}});
    axial.setSlice((lowZ + highZ) / 2);
    axial.show();
    QVERIFY(QTest::qWaitForWindowExposed(&axial));
    const PictureStats sliceStats = statsOf(axial.grab().toImage());
    QVERIFY2(sliceStats.distinctColours > 100, qPrintable(QString::number(sliceStats.distinctColours)));
    QVERIFY(sliceStats.tumourPixels > 0);
}

int main(int argc, char** argv) {
    useVtkSurfaceFormat();
    QApplication application(argc, argv);
    TestVtkViews test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_vtk_views.moc"
