// The main window under Xvfb (it holds the OpenGL 3D view): opening a study and mask by path,
// the label chooser, window presets, the status bar readout, refusal of a mask of another
// geometry or a missing label, a non-blank screenshot of the IBSI CT phantom, the Study tab's
// run settings all in view at the default size, and the image tool bars shown with the Images tab
// alone.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <cmath>

#include "../viewers/SyntheticStudy.h"
#include "FieldsInView.h"
#include "core/image/ImageIO.h"
#include "tests/common/ReferenceData.h"
#include "ui/MainWindow.h"
#include "ui/RoiTools.h"
#include "ui/RunSettings.h"
#include "ui/StudyPanel.h"
#include "viewers/SliceView.h"
#include "viewers/SurfaceFormat.h"
#include "viewers/SurfaceView.h"
#include "viewers/WindowLevel.h"

using namespace drs;
using namespace drs::ui;
using viewers::SliceOrientation;
using IndexXyz = std::array<std::int64_t, 3>;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void opensStudyWithChosenLabel();
    void ringIsOverlaid();
    void paintingUpdatesRing();
    void windowPresetReachesAllViews();
    void statusBarShowsVoxelUnderCursor();
    void refusesMaskOfAnotherGeometry();
    void refusesMissingLabel();
    void refusesEmptyMask();
    void opensDicomFolder();
    void phantomScreenshotIsNotBlank();
    void runSettingsAreInViewAtTheDefaultSize();
    void imageToolBarsGoWithTheImagesTab();

private:
    bool openAndWait(MainWindow& window, const QString& study, const QString& mask, std::optional<int> label);
    static QString expectedSizeText(const LabelMap& mask, std::uint16_t label);
    QTemporaryDir dir_;
    QString studyPath_, maskPath_;
};

void TestMainWindow::initTestCase() {
    QVERIFY(dir_.isValid());
    // Path with a space and non-ASCII characters on purpose.
    studyPath_ = dir_.filePath(QStringLiteral("synthetic ct é.nii.gz"));
    maskPath_ = dir_.filePath(QStringLiteral("synthetic mask.nii.gz"));
    writeVolume(testing::syntheticVolume(), studyPath_.toStdString());
    LabelMap mask(testing::syntheticGeometry());
    testing::addBall(mask, 1, {5, 5, 3}, 2.0);
    testing::addBall(mask, 2, {14, 10, 6}, 3.0);
    writeLabelMap(mask, maskPath_.toStdString());
}

// The size shown beside the label chooser: the volume counted here (0.7 x 0.7 x 2.5 mm voxels), the
// diameters as tumourSize measures them (test_tumour_size checks those).
QString TestMainWindow::expectedSizeText(const LabelMap& mask, std::uint16_t label) {
    const auto voxels = std::count(mask.voxels.begin(), mask.voxels.end(), label);
    const radiomics::TumourSize size = radiomics::tumourSize(mask, label);
    return QStringLiteral("%1 mL, longest diameter %2 mm axial, %3 mm 3D")
        .arg(double(voxels) * 0.7 * 0.7 * 2.5 / 1000.0, 0, 'f', 2)
        .arg(size.longestSliceDiameterMm, 0, 'f', 1)
        .arg(size.longest3dDiameterMm, 0, 'f', 1);
}

bool TestMainWindow::openAndWait(MainWindow& window, const QString& study, const QString& mask,
                                 std::optional<int> label) {
    QSignalSpy shown(&window, mask.isEmpty() ? &MainWindow::studyShown : &MainWindow::regionsShown);
    window.openStudy(study, mask, label);
    return shown.wait(10000);
}

void TestMainWindow::opensStudyWithChosenLabel() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, studyPath_, maskPath_, 2));
    QCOMPARE(window.labelChooser()->count(), 2);
    QCOMPARE(window.currentLabel(), std::uint16_t(2));
    QCOMPARE(window.labelChooser()->currentData().toInt(), 2);
    // The crosshair goes to the chosen tumour's centre voxel: every view shows a slice through it.
    QCOMPARE(window.sliceView(SliceOrientation::Axial)->slice(), std::int64_t(6));
    QCOMPARE(window.sliceView(SliceOrientation::Coronal)->slice(), std::int64_t(10));
    QCOMPARE(window.sliceView(SliceOrientation::Sagittal)->slice(), std::int64_t(14));
    QCOMPARE(window.surfaceView()->triangleCounts().size(), std::size_t(2));  // tumour and ring
    QVERIFY(window.surfaceView()->triangleCounts()[0] > 0);
    QCOMPARE(window.tumourSizeLabel()->text(), expectedSizeText(*window.mask(), 2));
    // Choosing label 1 moves there.
    QSignalSpy regions(&window, &MainWindow::regionsShown);
    window.labelChooser()->setCurrentIndex(0);
    QVERIFY(regions.wait(10000));
    QCOMPARE(window.currentLabel(), std::uint16_t(1));
    QCOMPARE(window.sliceView(SliceOrientation::Axial)->slice(), std::int64_t(3));
    QCOMPARE(window.tumourSizeLabel()->text(), expectedSizeText(*window.mask(), 1));
}

void TestMainWindow::ringIsOverlaid() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, studyPath_, maskPath_, 2));
    viewers::SliceView* axial = window.sliceView(SliceOrientation::Axial);
    QCOMPARE(axial->slice(), std::int64_t(6));
    const QImage image = axial->sliceImage();
    const viewers::WindowLevel lung = viewers::windowFor(viewers::WindowPreset::Lung);
    const auto blended = [](int grey, int colour, double opacity) {
        return int(std::lround((1 - opacity) * grey + opacity * colour));
    };
    // Label 2 is a 3 mm ball at voxel (14, 10, 6) with 0.7 mm pixels: along -x its last voxel is
    // x = 10 (2.8 mm). The 3 mm ring then reaches x = 6 (2.8 mm from x = 10) but not x = 5 (3.5 mm).
    const int greyRing = viewers::greyFor(testing::syntheticHu(6, 10, 6), lung);
    QCOMPARE(image.pixelColor(6, 10),
             QColor(blended(greyRing, 250, 0.4), blended(greyRing, 200, 0.4), blended(greyRing, 30, 0.4)));
    const int greyOutside = viewers::greyFor(testing::syntheticHu(5, 10, 6), lung);
    QCOMPARE(image.pixelColor(5, 10), QColor(greyOutside, greyOutside, greyOutside));
    const int greyTumour = viewers::greyFor(testing::syntheticHu(10, 10, 6), lung);
    QCOMPARE(image.pixelColor(10, 10),
             QColor(blended(greyTumour, 230, 0.45), blended(greyTumour, 40, 0.45), blended(greyTumour, 40, 0.45)));
    // 3D: tumour and ring surfaces.
    QCOMPARE(window.surfaceView()->triangleCounts().size(), std::size_t(2));
    QVERIFY(window.surfaceView()->triangleCounts()[1] > 0);
}

void TestMainWindow::paintingUpdatesRing() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, studyPath_, maskPath_, 2));
    QAction* paint = nullptr;
    for (QAction* action : window.findChildren<QAction*>())
        if (action->text() == QStringLiteral("Paint")) paint = action;
    QVERIFY(paint);
    paint->trigger();
    viewers::SliceView* axial = window.sliceView(SliceOrientation::Axial);
    const IndexXyz centre{3, 3, 6};  // far from both balls
    QVERIFY(window.mask()->at(3, 3, 6) == 0);
    QSignalSpy regions(&window, &MainWindow::regionsShown);
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, axial->widgetPointOf(centre).toPoint());
    // Default brush 3 mm on 0.7 mm pixels: (3, 7) at 2.8 mm is painted, (3, 8) at 3.5 mm is not.
    QCOMPARE(window.mask()->at(3, 7, 6), std::uint16_t(2));
    QCOMPARE(window.mask()->at(3, 8, 6), std::uint16_t(0));
    QVERIFY(regions.wait(10000));  // the ring and the size are recomputed once editing settles
    QCOMPARE(window.tumourSizeLabel()->text(), expectedSizeText(*window.mask(), 2));
    const viewers::WindowLevel lung = viewers::windowFor(viewers::WindowPreset::Lung);
    const int grey = viewers::greyFor(testing::syntheticHu(3, 8, 6), lung);
    const auto blended = [](int g, int colour) { return int(std::lround(0.6 * g + 0.4 * colour)); };
    QCOMPARE(axial->sliceImage().pixelColor(3, 8), QColor(blended(grey, 250), blended(grey, 200), blended(grey, 30)));
}

void TestMainWindow::windowPresetReachesAllViews() {
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, studyPath_, {}, std::nullopt));
    QComboBox* presets = window.windowChooser();
    const int mediastinum = presets->findData(static_cast<int>(viewers::WindowPreset::Mediastinum));
    QVERIFY(mediastinum >= 0);
    // Dragging the window in one view sets all views and shows a custom entry.
    viewers::SliceView* axial = window.sliceView(SliceOrientation::Axial);
    const auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons held) {
        QMouseEvent event(type, at, axial->mapToGlobal(at), button, held, Qt::NoModifier);
        QApplication::sendEvent(axial, &event);
    };
    window.roiTools()->toolAction(viewers::SliceView::Tool::WindowLevel)->trigger();
    send(QEvent::MouseButtonPress, {100, 100}, Qt::LeftButton, Qt::LeftButton);
    send(QEvent::MouseMove, {150, 125}, Qt::NoButton, Qt::LeftButton);  // lung 1500/-600 -> 1700/-550
    send(QEvent::MouseButtonRelease, {150, 125}, Qt::LeftButton, Qt::NoButton);
    QCOMPARE(window.sliceView(SliceOrientation::Sagittal)->windowLevel().widthHu, 1700.0);
    QCOMPARE(window.sliceView(SliceOrientation::Sagittal)->windowLevel().levelHu, -550.0);
    QCOMPARE(presets->currentText(), QStringLiteral("Custom (W 1700 / L -550)"));
    presets->setCurrentIndex(mediastinum);
    for (auto orientation : {SliceOrientation::Axial, SliceOrientation::Coronal, SliceOrientation::Sagittal}) {
        QCOMPARE(window.sliceView(orientation)->windowLevel().widthHu, 350.0);
        QCOMPARE(window.sliceView(orientation)->windowLevel().levelHu, 50.0);
    }
}

void TestMainWindow::statusBarShowsVoxelUnderCursor() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, studyPath_, maskPath_, 2));
    viewers::SliceView* axial = window.sliceView(SliceOrientation::Axial);
    const IndexXyz voxel{14, 10, 6};  // centre of label 2
    const QPointF at = axial->widgetPointOf(voxel);
    QMouseEvent move(QEvent::MouseMove, at, axial->mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(axial, &move);
    const QString status = window.voxelStatus();
    // HU = 10 * 14 + 100 * 10 - 1000 + 6 = 146; LPS = origin + index * spacing.
    QVERIFY2(status.contains(QStringLiteral("(14, 10, 6)")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("146 HU")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("(2.8, 1.4, 2.5) mm")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("label 2")), qPrintable(status));
}

void TestMainWindow::refusesMaskOfAnotherGeometry() {
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, studyPath_, maskPath_, 1));
    Geometry other = testing::syntheticGeometry();
    other.originMm[0] += 5.0;
    LabelMap shifted(other);
    shifted.at(1, 1, 1) = 1;
    const QString shiftedPath = dir_.filePath(QStringLiteral("shifted.nii.gz"));
    writeLabelMap(shifted, shiftedPath.toStdString());
    QSignalSpy failed(&window, &MainWindow::loadFailed);
    window.openMask(shiftedPath);
    QVERIFY(failed.wait(10000));
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.startsWith(shiftedPath + QStringLiteral(": mask does not match the image: ")),
             qPrintable(message));
    QVERIFY2(message.contains(QString::fromStdString(geometryMismatch(testing::syntheticGeometry(), other))),
             qPrintable(message));
    // The mask shown before is kept.
    QCOMPARE(window.currentLabel(), std::uint16_t(1));
    QCOMPARE(window.mask()->geometry.originMm[0], testing::syntheticGeometry().originMm[0]);
}

void TestMainWindow::refusesMissingLabel() {
    MainWindow window;
    window.show();
    QSignalSpy failed(&window, &MainWindow::loadFailed);
    window.openStudy(studyPath_, maskPath_, 7);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(0).toString(),
             maskPath_ + QStringLiteral(": label 7 is not present in the mask (labels present: 1, 2)"));
    QVERIFY(!window.volume());
}

void TestMainWindow::opensDicomFolder() {
    DRS_REQUIRE_IBSI_CT_PHANTOM();
    const QString root = QString::fromStdString(drs::test::ibsiCtPhantom() + "/dicom");
    const QString folder = root + QStringLiteral("/image"), rtstruct = root + QStringLiteral("/mask/DCM_RS_00060.dcm");
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, folder, rtstruct, std::nullopt));
    // 204 x 201 x 60 voxels; the NIfTI mask of the same GTV has 125 256 (shared/reference/README.md)
    // and the rasterised contours agree with it to a Dice of 0.98 or better, so within 4 %.
    QCOMPARE(window.volume()->geometry.sizeXyz, (std::array<std::int64_t, 3>{204, 201, 60}));
    QCOMPARE(window.labelChooser()->count(), 1);
    const auto voxels = std::count(window.mask()->voxels.begin(), window.mask()->voxels.end(), std::uint16_t(1));
    QVERIFY2(std::abs(voxels - 125256) < 0.04 * 125256, qPrintable(QString::number(voxels)));
    // An ROI name the file does not have is refused with the file named.
    QSignalSpy failed(&window, &MainWindow::loadFailed);
    window.openMask(rtstruct, std::nullopt, QStringLiteral("no such ROI"));
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(0).toString().contains(rtstruct), qPrintable(failed.at(0).at(0).toString()));
}

void TestMainWindow::refusesEmptyMask() {
    const QString emptyPath = dir_.filePath(QStringLiteral("empty mask.nii.gz"));
    writeLabelMap(LabelMap(testing::syntheticGeometry()), emptyPath.toStdString());
    MainWindow window;
    window.show();
    QSignalSpy failed(&window, &MainWindow::loadFailed);
    window.openStudy(studyPath_, emptyPath);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(0).toString(), emptyPath + QStringLiteral(": the mask is empty (no non-zero voxel)."));
    QVERIFY(window.volume());  // the study itself is fine and stays open
    QVERIFY(!window.mask());
}

void TestMainWindow::phantomScreenshotIsNotBlank() {
    DRS_REQUIRE_IBSI_CT_PHANTOM();
    const QString root = QString::fromStdString(drs::test::ibsiCtPhantom());
    const QString image = root + QStringLiteral("/image/phantom.nii.gz"),
                  mask = root + QStringLiteral("/mask/mask.nii.gz");
    MainWindow window;
    window.resize(1280, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, image, mask, std::nullopt));
    const QImage shot = window.screenshot();
    QSet<QRgb> colours;
    int tumourPixels = 0;
    for (int y = 0; y < shot.height(); ++y)
        for (int x = 0; x < shot.width(); ++x) {
            const QRgb pixel = shot.pixel(x, y);
            colours.insert(pixel);
            tumourPixels +=
                (qRed(pixel) > 60 && qGreen(pixel) * 2 < qRed(pixel) && qBlue(pixel) * 2 < qRed(pixel)) ? 1 : 0;
        }
    QVERIFY2(colours.size() > 500, qPrintable(QString::number(colours.size())));
    // The 3D view alone is 1/4 of the window; its tumour must show up in the composed picture.
    const QRect surfaceRect(window.surfaceView()->mapTo(&window, QPoint(0, 0)), window.surfaceView()->size());
    int tumourIn3d = 0;
    for (int y = surfaceRect.top(); y <= surfaceRect.bottom(); ++y)
        for (int x = surfaceRect.left(); x <= surfaceRect.right(); ++x) {
            const QRgb pixel = shot.pixel(x, y);
            tumourIn3d +=
                (qRed(pixel) > 60 && qGreen(pixel) * 2 < qRed(pixel) && qBlue(pixel) * 2 < qRed(pixel)) ? 1 : 0;
        }
    QVERIFY2(tumourIn3d > surfaceRect.width() * surfaceRect.height() / 50, qPrintable(QString::number(tumourIn3d)));
    QVERIFY(tumourPixels > tumourIn3d);  // the slice overlays add more
    // The README's picture of the viewer (docs/screenshots).
    const QString folder = QStringLiteral(DRS_TEST_DATA "/../../docs/screenshots");
    QDir().mkpath(folder);
    QVERIFY(shot.save(folder + QStringLiteral("/viewer.png"), "PNG"));
}

void TestMainWindow::runSettingsAreInViewAtTheDefaultSize() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showStudyTab();
    QTest::qWait(50);
    // The default size fits a 1280x900 screen, and no panel asks for more.
    QCOMPARE(window.size(), QSize(1280, 900));
    const QSize minimum = window.minimumSizeHint();
    QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 900,
             qPrintable(QStringLiteral("%1x%2").arg(minimum.width()).arg(minimum.height())));
    RunSettingsPanel* settings = window.studyPanel()->runSettings();
    QVERIFY(settings->isVisible());
    const QString outOfView = uitest::fieldOutOfView(*settings);
    QVERIFY2(outOfView.isEmpty(), qPrintable(outOfView));
    // The evidence below keeps most of the height.
    QVERIFY2(settings->height() < 200, qPrintable(QString::number(settings->height())));
}

void TestMainWindow::imageToolBarsGoWithTheImagesTab() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* viewBar = window.findChild<QToolBar*>(QStringLiteral("viewToolBar"));
    QToolBar* roiBar = window.roiTools()->toolBar();
    QVERIFY(viewBar && roiBar);
    QVERIFY(viewBar->isVisible() && roiBar->isVisible());
    QWidget* imagesTab = window.sliceView(SliceOrientation::Axial)->parentWidget();
    QVERIFY(imagesTab->isVisible());
    const int imagesHeight = imagesTab->height();

    window.showStudyTab();
    QTest::qWait(50);
    QVERIFY(!viewBar->isVisible() && !roiBar->isVisible());
    // The Study tab gets the tool bars' rows.
    const int studyHeight = window.studyPanel()->height();
    QVERIFY2(studyHeight >= imagesHeight + viewBar->height() + roiBar->height(),
             qPrintable(QStringLiteral("%1 against %2 + %3 + %4")
                            .arg(studyHeight)
                            .arg(imagesHeight)
                            .arg(viewBar->height())
                            .arg(roiBar->height())));
    window.showCohortTab();
    QTest::qWait(20);
    QVERIFY(!viewBar->isVisible() && !roiBar->isVisible());

    window.showImagesTab();
    QTest::qWait(20);
    QVERIFY(viewBar->isVisible() && roiBar->isVisible());
    QCOMPARE(imagesTab->height(), imagesHeight);

    // A tool bar the user closed stays closed after a visit to another tab.
    roiBar->toggleViewAction()->trigger();
    QVERIFY(!roiBar->isVisible());
    window.showStudyTab();
    window.showImagesTab();
    QTest::qWait(20);
    QVERIFY(viewBar->isVisible());
    QVERIFY(!roiBar->isVisible());
}

int main(int argc, char** argv) {
    viewers::useVtkSurfaceFormat();
    QApplication application(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_main_window.moc"
