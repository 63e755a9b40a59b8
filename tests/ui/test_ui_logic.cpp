// UI logic without a display (offscreen): command line, mask checks, the background runner and
// the compiled-in translations.
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "../viewers/SyntheticStudy.h"
#include "core/image/ImageIO.h"
#include "core/roi/DicomMask.h"
#include "core/util/Error.h"
#include "tests/common/ReferenceData.h"
#include "tests/common/SlicerSegFile.h"
#include "ui/BackgroundRunner.h"
#include "ui/CommandLine.h"
#include "ui/StudyData.h"
#include "ui/Translations.h"

using namespace drs;
using namespace drs::ui;

class TestUiLogic : public QObject {
    Q_OBJECT
private slots:
    void parsesStudyMaskAndLabel();
    void rejectsBadArguments_data();
    void rejectsBadArguments();
    void countsLabels();
    void refusesMissingLabel();
    void refusesMaskOfAnotherGeometry();
    void readsTheChosenSegmentOfASlicerSegmentation();
    void recognisesDicomFiles();
    void runnerDeliversResultOnGuiThread();
    void runnerReportsErrors();
    void runnerCoalescesProgressBursts();
    void runnerCancels();
    void loadsChineseTranslation();
};

void TestUiLogic::parsesStudyMaskAndLabel() {
    const GuiOptions options =
        parseGuiArguments({"deepradscore", "--mask", "/d/m k.nii.gz", "--label", "2", "/d/ct ü.nrrd"});
    QCOMPARE(options.studyPath, QStringLiteral("/d/ct ü.nrrd"));
    QCOMPARE(options.maskPath, QStringLiteral("/d/m k.nii.gz"));
    QCOMPARE(options.label.value(), 2);
    QVERIFY(options.screenshotPath.isEmpty() && options.roiName.isEmpty());
    const GuiOptions rtstruct = parseGuiArguments({"deepradscore", "--mask", "RS.dcm", "--roi", "GTV-1", "ct"});
    QCOMPARE(rtstruct.roiName, QStringLiteral("GTV-1"));
    QVERIFY(rtstruct.seriesUid.isEmpty());
    QCOMPARE(parseGuiArguments({"deepradscore", "--series", "1.2.3", "/d/study"}).seriesUid, QStringLiteral("1.2.3"));
    const GuiOptions project =
        parseGuiArguments({"deepradscore", "--project", "/d/p q.sqlite", "--screenshot", "s.png"});
    QCOMPARE(project.projectPath, QStringLiteral("/d/p q.sqlite"));
    QVERIFY(project.studyPath.isEmpty());
    const GuiOptions none = parseGuiArguments({"deepradscore"});
    QVERIFY(none.studyPath.isEmpty() && !none.label);
    // QCommandLineParser's forms: --option=value, and "--" before a study whose name starts with "-".
    QCOMPARE(parseGuiArguments({"deepradscore", "--project=/d/p.sqlite"}).projectPath, QStringLiteral("/d/p.sqlite"));
    QCOMPARE(parseGuiArguments({"deepradscore", "--", "--odd name.nrrd"}).studyPath, QStringLiteral("--odd name.nrrd"));
}

void TestUiLogic::rejectsBadArguments_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("label not a number") << QStringList{"x", "--mask", "m", "--label", "two", "s"} << "--label must be";
    QTest::newRow("label zero") << QStringList{"x", "--mask", "m", "--label", "0", "s"} << "--label must be";
    QTest::newRow("missing value") << QStringList{"x", "s", "--mask"} << "Missing value after '--mask'";
    QTest::newRow("unknown option") << QStringList{"x", "--colour", "s"} << "Unknown option 'colour'";
    QTest::newRow("option twice") << QStringList{"x", "--project", "a", "--project", "b"} << "--project given twice";
    QTest::newRow("two studies") << QStringList{"x", "a", "b"} << "one study at a time";
    QTest::newRow("mask without study") << QStringList{"x", "--mask", "m"} << "--mask needs a STUDY";
    QTest::newRow("label without mask") << QStringList{"x", "--label", "1", "s"} << "--label needs --mask";
    QTest::newRow("series without study") << QStringList{"x", "--series", "1.2.3"} << "--series needs a STUDY";
    QTest::newRow("roi without mask") << QStringList{"x", "--roi", "GTV", "s"} << "--roi needs --mask";
}

void TestUiLogic::rejectsBadArguments() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    try {
        parseGuiArguments(arguments);
        QFAIL("accepted bad arguments");
    } catch (const Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
    }
}

void TestUiLogic::countsLabels() {
    LabelMap mask(testing::syntheticGeometry());
    mask.at(1, 1, 1) = 5;
    mask.at(2, 1, 1) = 5;
    mask.at(3, 1, 1) = 1;
    const auto labels = labelsPresent(mask);
    QCOMPARE(labels.size(), std::size_t(2));
    QCOMPARE(labels[0].label, std::uint16_t(1));
    QCOMPARE(labels[0].voxels, std::size_t(1));
    QCOMPARE(labels[1].label, std::uint16_t(5));
    QCOMPARE(labels[1].voxels, std::size_t(2));
}

void TestUiLogic::refusesMissingLabel() {
    LabelMap mask(testing::syntheticGeometry());
    mask.at(1, 1, 1) = 1;
    mask.at(2, 1, 1) = 3;
    requireLabel(mask, 3, "m.nii.gz");
    try {
        requireLabel(mask, 2, "m.nii.gz");
        QFAIL("accepted a missing label");
    } catch (const Error& e) {
        QCOMPARE(QString::fromUtf8(e.what()),
                 QStringLiteral("m.nii.gz: label 2 is not present in the mask (labels present: 1, 3)"));
    }
}

void TestUiLogic::refusesMaskOfAnotherGeometry() {
    QTemporaryDir dir;
    const Volume volume = testing::syntheticVolume();
    Geometry shifted = volume.geometry;
    shifted.spacingMm[2] = 3.0;
    LabelMap mask(shifted);
    mask.at(1, 1, 1) = 1;
    const std::string maskPath = dir.filePath(QStringLiteral("other grid.nii.gz")).toStdString();
    writeLabelMap(mask, maskPath);
    SilentProgress progress;
    try {
        loadMaskFor(volume, maskPath, progress);
        QFAIL("accepted a mask of another geometry");
    } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.startsWith(QString::fromStdString(maskPath + ": mask does not match the image: ")), e.what());
        QVERIFY2(message.endsWith(QString::fromStdString(geometryMismatch(volume.geometry, mask.geometry))), e.what());
    }
    // The same grid is accepted and read back voxel for voxel.
    LabelMap fitting(volume.geometry);
    fitting.at(4, 5, 6) = 7;
    const std::string fittingPath = dir.filePath(QStringLiteral("fits.nii.gz")).toStdString();
    writeLabelMap(fitting, fittingPath);
    QCOMPARE(loadMaskFor(volume, fittingPath, progress)->voxels, fitting.voxels);
}

// What "Open mask..." does with a 3D Slicer file once the user has picked a segment: the
// segment, cropped by Slicer to its extent, back on the study's grid.
void TestUiLogic::readsTheChosenSegmentOfASlicerSegmentation() {
    QTemporaryDir dir;
    const Volume volume = testing::syntheticVolume();
    Geometry cropped = volume.geometry;
    cropped.sizeXyz = {3, 2, 2};
    for (int a = 0; a < 3; ++a) cropped.originMm[a] += 2 * cropped.spacingMm[a];
    LabelMap box(cropped, 2);
    box.at(1, 1, 1) = 1;
    const std::string path = dir.filePath(QStringLiteral("Segmentation.seg.nrrd")).toStdString();
    drs::test::writeSlicerSegmentation(path, {box}, {{"Tumour", 1, 0}, {"Lung", 2, 0}});
    SilentProgress progress;
    const auto tumour = loadMaskFor(volume, path, progress, "Tumour");
    QCOMPARE(tumour->geometry.sizeXyz, volume.geometry.sizeXyz);
    QCOMPARE(std::count(tumour->voxels.begin(), tumour->voxels.end(), 1), 1L);
    QCOMPARE(tumour->at(3, 3, 3), std::uint16_t(1));
    const auto lung = loadMaskFor(volume, path, progress, "Lung");
    QCOMPARE(std::count(lung->voxels.begin(), lung->voxels.end(), 1), 11L);
    QCOMPARE(lung->at(2, 2, 2), std::uint16_t(1));
    QCOMPARE(lung->at(3, 3, 3), std::uint16_t(0));
}

void TestUiLogic::recognisesDicomFiles() {
    QTemporaryDir dir;
    const std::string nifti = dir.filePath(QStringLiteral("mask.nii.gz")).toStdString();
    writeLabelMap(LabelMap(testing::syntheticGeometry()), nifti);
    QVERIFY(!isDicomFile(nifti));
    QVERIFY(!isDicomFile(dir.filePath(QStringLiteral("absent.dcm")).toStdString()));
    DRS_REQUIRE_IBSI_CT_PHANTOM();
    QVERIFY(isDicomFile(drs::test::ibsiCtPhantom() + "/dicom/mask/DCM_RS_00060.dcm"));
}

void TestUiLogic::runnerDeliversResultOnGuiThread() {
    BackgroundRunner runner;
    QSignalSpy succeeded(&runner, &BackgroundRunner::succeeded);
    QSignalSpy progressed(&runner, &BackgroundRunner::progressed);
    QThread* workerThread = nullptr;
    QThread* shownOn = nullptr;
    QVERIFY(runner.start(QStringLiteral("job"), [&](Progress& progress) {
        workerThread = QThread::currentThread();
        progress.step(0.5, "half way");
        return BackgroundRunner::ShowResult([&] { shownOn = QThread::currentThread(); });
    }));
    QVERIFY(runner.isBusy());
    QVERIFY(!runner.start(QStringLiteral("second"), [](Progress&) { return BackgroundRunner::ShowResult(); }));
    QVERIFY(succeeded.wait(5000));
    QVERIFY(!runner.isBusy());
    QCOMPARE(shownOn, QThread::currentThread());
    QVERIFY(workerThread != QThread::currentThread());
    QTRY_COMPARE(progressed.count(), 1);
    QCOMPARE(progressed.at(0).at(0).toDouble(), 0.5);
    QCOMPARE(progressed.at(0).at(1).toString(), QStringLiteral("half way"));
}

// A burst of steps does not flood the GUI thread's queue (at most one report waits there), and the
// last step is what the GUI shows in the end.
void TestUiLogic::runnerCoalescesProgressBursts() {
    constexpr int kSteps = 100000;
    BackgroundRunner runner;
    QSignalSpy succeeded(&runner, &BackgroundRunner::succeeded);
    QSignalSpy progressed(&runner, &BackgroundRunner::progressed);
    QVERIFY(runner.start(QStringLiteral("burst"), [](Progress& progress) {
        for (int i = 1; i <= kSteps; ++i) progress.step(double(i) / kSteps, "step " + std::to_string(i));
        return BackgroundRunner::ShowResult([] {});
    }));
    QVERIFY(succeeded.wait(30000));
    QVERIFY(!progressed.isEmpty());
    QVERIFY2(progressed.count() < kSteps / 2, qPrintable(QString::number(progressed.count())));
    QCOMPARE(progressed.last().at(0).toDouble(), 1.0);
    QCOMPARE(progressed.last().at(1).toString(), QStringLiteral("step 100000"));
}

void TestUiLogic::runnerReportsErrors() {
    BackgroundRunner runner;
    QSignalSpy failed(&runner, &BackgroundRunner::failed);
    runner.start(QStringLiteral("job"),
                 [](Progress&) -> BackgroundRunner::ShowResult { throw Error("scan.nii: not a NIfTI file"); });
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("scan.nii: not a NIfTI file"));
}

void TestUiLogic::runnerCancels() {
    BackgroundRunner runner;
    QSignalSpy cancelled(&runner, &BackgroundRunner::cancelled);
    QSignalSpy succeeded(&runner, &BackgroundRunner::succeeded);
    std::atomic<bool> started{false};
    runner.start(QStringLiteral("endless"), [&](Progress& progress) {
        started = true;
        for (;;) {
            progress.step(0.0, "waiting");
            QThread::msleep(1);
        }
        return BackgroundRunner::ShowResult();
    });
    QTRY_VERIFY(started.load());
    runner.cancel();
    QVERIFY(cancelled.wait(5000));
    QCOMPARE(succeeded.count(), 0);
}

void TestUiLogic::loadsChineseTranslation() {
    const QStringList loaded =
        installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Chinese, QLocale::China));
    QVERIFY2(!loaded.isEmpty() && loaded.first().endsWith(QStringLiteral("deepradscore_zh_CN.qm")),
             qPrintable(loaded.join(',')));
    QCOMPARE(QCoreApplication::translate("drs::ui::MainWindow", "&File"), QStringLiteral("文件(&F)"));
    QCOMPARE(QCoreApplication::translate("drs::viewers::SliceView", "Axial"), QStringLiteral("轴位"));
    QCOMPARE(QCoreApplication::translate("WindowLevel", "Lung"), QStringLiteral("肺窗"));
}

QTEST_GUILESS_MAIN(TestUiLogic)
#include "test_ui_logic.moc"
