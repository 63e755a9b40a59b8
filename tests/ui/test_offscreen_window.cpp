// Without OpenGL (QT_QPA_PLATFORM=offscreen) the main window keeps its slice views and editing
// tools and says why the 3D view is missing, instead of crashing when Qt composes a
// QOpenGLWidget: in-process, and `deepradscore STUDY --screenshot` as a user would start it.
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include "../viewers/SyntheticStudy.h"
#include "core/image/ImageIO.h"
#include "ui/MainWindow.h"
#include "ui/RoiTools.h"
#include "viewers/MaskEditor.h"
#include "viewers/SliceView.h"

using namespace drs;
using namespace drs::ui;
using viewers::SliceOrientation;

class TestOffscreenWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        studyPath_ = dir_.filePath(QStringLiteral("ct.nii.gz"));
        maskPath_ = dir_.filePath(QStringLiteral("mask.nii.gz"));
        writeVolume(testing::syntheticVolume(), studyPath_.toStdString());
        LabelMap mask(testing::syntheticGeometry());
        testing::addBall(mask, 1, {10, 8, 5}, 3.0);
        writeLabelMap(mask, maskPath_.toStdString());
    }

    void windowWorksWithoutOpenGl() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.surfaceView(), nullptr);
        auto* notice = window.findChild<QLabel*>(QStringLiteral("noSurfaceView"));
        QVERIFY(notice);
        QVERIFY2(notice->text().contains(QLatin1String("offscreen")), qPrintable(notice->text()));
        QSignalSpy shown(&window, &MainWindow::regionsShown);
        window.openStudy(studyPath_, maskPath_, 1);
        QVERIFY(shown.wait(10000));
        // Editing works as with OpenGL.
        viewers::SliceView* axial = window.sliceView(SliceOrientation::Axial);
        window.roiTools()->toolAction(viewers::SliceView::Tool::Paint)->trigger();
        QVERIFY(window.mask()->at(2, 2, 5) == 0);
        QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, axial->widgetPointOf({2, 2, 5}).toPoint());
        QCOMPARE(window.mask()->at(2, 2, 5), std::uint16_t(1));
        window.roiTools()->undoAction()->trigger();
        QCOMPARE(window.mask()->at(2, 2, 5), std::uint16_t(0));
        QVERIFY(!window.screenshot().isNull());
    }

    void applicationDoesNotCrash() {
        const QString png = dir_.filePath(QStringLiteral("shot.png"));
        QProcess gui;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        gui.setProcessEnvironment(environment);
        gui.setProcessChannelMode(QProcess::MergedChannels);
        gui.start(QStringLiteral(DRS_BIN_DIR "/deepradscore"),
                  {studyPath_, QStringLiteral("--mask"), maskPath_, QStringLiteral("--screenshot"), png});
        QVERIFY(gui.waitForFinished(60000));
        const QString output = QString::fromUtf8(gui.readAll());
        QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
        QVERIFY2(gui.exitCode() == 0, qPrintable(output));
        const QImage shot(png);
        QVERIFY(!shot.isNull());
        QVERIFY(shot.width() > 600);
    }

private:
    QTemporaryDir dir_;
    QString studyPath_, maskPath_;
};

QTEST_MAIN(TestOffscreenWindow)
#include "test_offscreen_window.moc"
