// Without OpenGL (QT_QPA_PLATFORM=offscreen) the main window keeps its slice views and editing
// tools and says why the 3D view is missing, instead of crashing when Qt composes a
// QOpenGLWidget: in-process, and `deepradscore STUDY --screenshot` as a user would start it.
// File > Open mask refuses an RTSTRUCT or SEG drawn in another frame of reference than the DICOM
// study, with the engine's message, and keeps the mask it had.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "../viewers/SyntheticStudy.h"
#include "core/image/ImageIO.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/roi/DicomMask.h"
#include "core/roi/DicomSeg.h"
#include "core/roi/DicomSource.h"
#include "core/roi/MaskFile.h"
#include "core/util/Progress.h"
#include "tests/common/ReferenceData.h"
#include "tests/common/SlicerSegFile.h"
#include "tests/common/TiltedSeries.h"
#include "tests/common/TwoSeriesFolder.h"
#include "ui/MainWindow.h"
#include "ui/RoiTools.h"
#include "ui/StudyData.h"
#include "ui/Translations.h"
#include "viewers/MaskEditor.h"
#include "viewers/SliceView.h"

using namespace drs;
using namespace drs::ui;
using viewers::SliceOrientation;

namespace {

// The box of the labels holding `label`, as 3D Slicer saves a segmentation cropped to its extent.
LabelMap croppedTo(const LabelMap& labels, std::uint16_t label) {
    const Geometry& full = labels.geometry;
    std::array<std::int64_t, 3> low = full.sizeXyz, high{-1, -1, -1};
    for (std::int64_t z = 0; z < full.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < full.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < full.sizeXyz[0]; ++x)
                if (labels.at(x, y, z) == label) {
                    const std::array<std::int64_t, 3> at{x, y, z};
                    for (std::size_t a = 0; a < 3; ++a) {
                        low[a] = std::min(low[a], at[a]);
                        high[a] = std::max(high[a], at[a]);
                    }
                }
    Geometry box = full;
    for (std::size_t a = 0; a < 3; ++a) box.sizeXyz[a] = high[a] - low[a] + 1;
    box.originMm = full.physicalPointMm(double(low[0]), double(low[1]), double(low[2]));
    LabelMap cropped(box, 0);
    for (std::int64_t z = 0; z < box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < box.sizeXyz[0]; ++x)
                if (labels.at(low[0] + x, low[1] + y, low[2] + z) == label) cropped.at(x, y, z) = label;
    return cropped;
}

}  // namespace

class TestOffscreenWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        // English plural forms, as deepradscore shows them in an English locale.
        QVERIFY(!installTranslations(*qApp, QLocale(QStringLiteral("en_GB"))).isEmpty());
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

    void openMaskRefusesAnotherFrameOfReference() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        // test_rtstruct's fixtures: the phantom's RTSTRUCT with its ROI moved to another frame of
        // reference (the contours still fall on the grid), and a SEG of the phantom's GTV likewise.
        const std::string phantom = drs::test::ibsiCtPhantom();
        const QString series = QStringLiteral("1.3.6.1.4.1.9590.100.1.2.43753750011518494101799896492065629048");
        const QString other = QStringLiteral("1.2.826.0.1.3680043.2.1125.12.10");
        const std::string rtstruct = phantom + "/dicom/mask/DCM_RS_00060.dcm";
        const std::string moved = dir_.filePath(QStringLiteral("RS_other_frame.dcm")).toStdString();
        {
            DcmFileFormat file;
            QVERIFY(file.loadFile(rtstruct.c_str()).good());
            DcmItem* item = nullptr;
            QVERIFY(file.getDataset()->findAndGetSequenceItem(DCM_StructureSetROISequence, item, 0).good());
            QVERIFY(item->putAndInsertString(DCM_ReferencedFrameOfReferenceUID, other.toLatin1().constData()).good());
            QVERIFY(file.getDataset()->findAndGetSequenceItem(DCM_ReferencedFrameOfReferenceSequence, item, 0).good());
            QVERIFY(item->putAndInsertString(DCM_FrameOfReferenceUID, other.toLatin1().constData()).good());
            QVERIFY(file.saveFile(moved.c_str()).good());
        }

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy shown(&window, &MainWindow::regionsShown);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openStudy(QString::fromStdString(phantom + "/dicom/image"), QString::fromStdString(rtstruct));
        QVERIFY(shown.wait(60000));
        QVERIFY(failed.isEmpty());
        const std::shared_ptr<const LabelMap> before = window.mask();
        const std::vector<std::uint16_t> voxelsBefore = before->voxels;
        const QString titleBefore = window.windowTitle();
        QVERIFY(titleBefore.contains("DCM_RS_00060.dcm"));

        // The moved RTSTRUCT: refused naming both UIDs; the mask shown stays.
        window.openMask(QString::fromStdString(moved));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
        QVERIFY2(failed.first().first().toString().startsWith(QString::fromStdString(moved) +
                                                              ": ROI 'GTV-1' is drawn in frame of reference " + other +
                                                              ", the image series is in " + series),
                 qPrintable(failed.first().first().toString()));
        QTRY_VERIFY(!window.isBusy());
        QCOMPARE(window.mask(), before);
        QCOMPARE(window.mask()->voxels, voxelsBefore);
        QCOMPARE(window.windowTitle(), titleBefore);

        // A SEG in another frame of reference: refused the same way.
        const std::string seg = dir_.filePath(QStringLiteral("seg_other_frame.dcm")).toStdString();
        writeDicomSeg(*before, {{1, "GTV"}}, sourceSeriesOf(phantom + "/dicom/image", before->geometry), {}, seg);
        {
            DcmFileFormat file;
            QVERIFY(file.loadFile(seg.c_str()).good());
            // DCMTK reads large values (the pixel data) lazily from the file; saving over that same
            // file truncates it first, so everything must be in memory before the save.
            QVERIFY(file.loadAllDataIntoMemory().good());
            QVERIFY(
                file.getDataset()->putAndInsertString(DCM_FrameOfReferenceUID, other.toLatin1().constData()).good());
            QVERIFY(file.saveFile(seg.c_str()).good());
        }
        failed.clear();
        window.openMask(QString::fromStdString(seg));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
        QVERIFY2(failed.first().first().toString().startsWith(QString::fromStdString(seg) +
                                                              ": the SEG is in frame of reference " + other +
                                                              ", the image series is in " + series),
                 qPrintable(failed.first().first().toString()));
        QTRY_VERIFY(!window.isBusy());
        QCOMPARE(window.mask(), before);
        QCOMPARE(window.windowTitle(), titleBefore);

        // The phantom's own RTSTRUCT, in the series' frame, still opens.
        shown.clear();
        window.openMask(QString::fromStdString(rtstruct));
        QVERIFY(shown.wait(60000));
        QCOMPARE(window.mask()->voxels, voxelsBefore);
    }

    // File > Open DICOM folder on a study whose folder holds two series (each in a subfolder): a
    // dialog lists them (modality, description, images, subfolder, UID, as listDicomSeries finds
    // them) and opens the one chosen, voxel for voxel the series its subfolder holds; the title
    // names it. Cancelled, the dialog opens nothing. With an RTSTRUCT, the series it references opens.
    void aFolderOfSeveralSeriesAsksWhichToOpen() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const std::string study = dir_.filePath(QStringLiteral("two series")).toStdString();
        const std::string copyUid = "1.2.826.0.1.3680043.2.1125.99.3";
        QVERIFY(drs::test::writeTwoSeriesFolder(drs::test::ibsiCtPhantom(), study, copyUid, "first slices"));
        const QString folder = QString::fromStdString(study);
        QStringList expected;
        for (const DicomSeriesSummary& series : listDicomSeries(study)) expected << seriesChoiceText(series);
        QCOMPARE(expected.size(), 2);
        QVERIFY2(
            expected[0].startsWith(QString::fromStdString("CT 'first slices', 3 images, in part/ (" + copyUid + ")")),
            qPrintable(expected[0]));
        QVERIFY2(expected[1].startsWith(QStringLiteral("CT, 60 images, in full/ (")), qPrintable(expected[1]));

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy shown(&window, &MainWindow::studyShown);
        window.openStudy(folder);
        QTRY_VERIFY_WITH_TIMEOUT(window.seriesChooser(), 60000);
        QCOMPARE(window.seriesChooser()->comboBoxItems(), expected);
        window.seriesChooser()->reject();
        QTRY_VERIFY(!window.seriesChooser());
        QTest::qWait(200);
        QCOMPARE(shown.count(), 0);
        QCOMPARE(window.volume(), nullptr);

        window.openStudy(folder);
        QTRY_VERIFY_WITH_TIMEOUT(window.seriesChooser(), 60000);
        window.seriesChooser()->setTextValue(expected[0]);
        window.seriesChooser()->accept();
        QVERIFY(shown.wait(60000));
        const Volume part = readVolume(study + "/part");
        QCOMPARE(window.volume()->geometry.sizeXyz, part.geometry.sizeXyz);
        QCOMPARE(window.volume()->geometry.originMm, part.geometry.originMm);
        QVERIFY(window.volume()->voxels == part.voxels);
        QCOMPARE(window.studySeriesUid(), QString::fromStdString(copyUid));
        QVERIFY2(window.windowTitle().endsWith(QStringLiteral("two series [first slices]")),
                 qPrintable(window.windowTitle()));

        // Opened with its RTSTRUCT, the folder needs no choice: the RTSTRUCT names its series.
        shown.clear();
        const QString rtstruct = QString::fromStdString(drs::test::ibsiCtPhantom() + "/dicom/mask/DCM_RS_00060.dcm");
        window.openStudy(folder, rtstruct);
        QVERIFY(shown.wait(60000));
        QTRY_VERIFY(!window.seriesChooser());  // the one closed above is deleted on its way out
        QCOMPARE(window.studySeriesUid(), QString::fromStdString(drs::test::kPhantomSeriesUid));
        QCOMPARE(window.volume()->geometry.sizeXyz[2], std::int64_t{60});
        QTRY_VERIFY_WITH_TIMEOUT(window.mask() != nullptr, 60000);
        // An RTSTRUCT exported from the outline refers to the series shown, not the folder's other.
        QTRY_VERIFY(!window.isBusy());
        QSignalSpy exported(window.roiTools(), &RoiTools::exported);
        const QString out = dir_.filePath(QStringLiteral("two-series-export.dcm"));
        window.roiTools()->exportRtStruct(out);
        QVERIFY(exported.wait(60000));
        QCOMPARE(dicomMaskReferencedSeries(out.toStdString()), std::vector<std::string>{drs::test::kPhantomSeriesUid});
    }

    // A study folder as a PACS or TCIA exports it, the CT and its RTSTRUCT in subfolders (and here an
    // organ's SEG), opened without a mask: the window offers their ROIs, the GTV chosen to begin
    // with, and opens it as the mask the RTSTRUCT given by hand makes; File > Open mask then starts in
    // that folder. Declined, nothing is opened; a series the RTSTRUCT is not drawn on gets no offer,
    // and the series chooser points to the one it is drawn on.
    void aStudyFolderOffersItsRois() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const std::string phantom = drs::test::ibsiCtPhantom();
        const std::string study = dir_.filePath(QStringLiteral("study with its RTSTRUCT")).toStdString();
        std::filesystem::create_directories(study + "/RTSTRUCT");
        std::filesystem::copy(phantom + "/dicom/image", study + "/CT");
        const std::string rtstruct = study + "/RTSTRUCT/1-1.dcm";
        std::filesystem::copy_file(phantom + "/dicom/mask/DCM_RS_00060.dcm", rtstruct);
        // An organ's outline listed first, as many plans list theirs before the tumour's.
        const Volume image = readVolume(phantom + "/dicom/image");
        const MaskOnGrid expected = readMaskOnGrid(rtstruct, {}, image.geometry);
        writeDicomSeg(expected.labels, {{1, "Lung"}}, sourceSeriesOf(phantom + "/dicom/image", image.geometry), {},
                      study + "/A lung.dcm");
        const QString folder = QString::fromStdString(study);

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy regions(&window, &MainWindow::regionsShown);
        window.openStudy(folder);
        QTRY_VERIFY_WITH_TIMEOUT(window.roiOffer(), 60000);
        const QStringList offered{
            QStringLiteral("Lung (SEG, A lung.dcm)"),
            QStringLiteral("GTV-1 (RTSTRUCT, ") + QDir::toNativeSeparators("RTSTRUCT/1-1.dcm") + ")"};
        QCOMPARE(window.roiOffer()->comboBoxItems(), offered);
        QCOMPARE(window.roiOffer()->textValue(), offered[1]);  // the GTV to begin with
        QVERIFY(window.mask() == nullptr);
        window.roiOffer()->reject();
        QTRY_VERIFY(!window.roiOffer());
        QTest::qWait(200);
        QVERIFY(window.mask() == nullptr);

        window.openStudy(folder);
        QTRY_VERIFY_WITH_TIMEOUT(window.roiOffer(), 60000);
        window.roiOffer()->accept();
        QVERIFY(regions.wait(60000));
        QVERIFY(window.mask()->voxels == expected.labels.voxels);

        // File > Open mask starts in the study folder itself, where its outlines are.
        QAction* openMask = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->text() == MainWindow::tr("Open &mask...")) openMask = action;
        QVERIFY(openMask && openMask->isEnabled());
        QString startFolder;
        QTimer poll;
        connect(&poll, &QTimer::timeout, [&] {
            if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) {
                startFolder = dialog->directory().canonicalPath();
                dialog->reject();
            }
        });
        poll.start(50);
        openMask->trigger();  // returns once the dialog is rejected
        poll.stop();
        QCOMPARE(startFolder, QFileInfo(folder).canonicalFilePath());

        // A 3D Slicer segmentation kept in a subfolder, cropped to its segment as Slicer saves it,
        // is offered after the DICOM files' ROIs and opens as the same mask.
        std::filesystem::create_directories(study + "/Slicer");
        const std::string segmentation = study + "/Slicer/Segmentation.seg.nrrd";
        drs::test::writeSlicerSegmentation(segmentation, {croppedTo(expected.labels, 1)}, {{"Tumour", 1, 0}});
        QTRY_VERIFY(!window.roiOffer());  // the one accepted above is deleted on its way out
        window.openStudy(folder);
        QTRY_VERIFY_WITH_TIMEOUT(window.roiOffer(), 60000);
        const QString slicerItem =
            QStringLiteral("Tumour (3D Slicer, ") + QDir::toNativeSeparators("Slicer/Segmentation.seg.nrrd") + ")";
        QCOMPARE(window.roiOffer()->comboBoxItems(), (QStringList{offered[0], offered[1], slicerItem}));
        QCOMPARE(window.roiOffer()->textValue(), offered[1]);
        window.roiOffer()->setTextValue(slicerItem);
        window.roiOffer()->accept();
        QVERIFY(regions.wait(60000));
        QVERIFY2(window.windowTitle().endsWith(QStringLiteral(" + Segmentation.seg.nrrd")),
                 qPrintable(window.windowTitle()));
        QVERIFY(window.mask()->voxels == expected.labels.voxels);
        QTRY_VERIFY(!window.roiOffer());

        // An image file opened without a mask is offered the segmentations beside it; one half a
        // voxel off is not offered, and the status bar says why.
        const std::string nrrdStudy = dir_.filePath(QStringLiteral("nrrd study")).toStdString();
        std::filesystem::create_directories(nrrdStudy);
        writeVolume(image, nrrdStudy + "/CT.nrrd");
        std::filesystem::copy_file(segmentation, nrrdStudy + "/Segmentation.seg.nrrd");
        drs::LabelMap shifted = croppedTo(expected.labels, 1);
        shifted.geometry.originMm[0] += shifted.geometry.spacingMm[0] / 2;
        drs::test::writeSlicerSegmentation(nrrdStudy + "/Shifted.seg.nrrd", {shifted}, {{"Tumour", 1, 0}});
        window.openStudy(QString::fromStdString(nrrdStudy + "/CT.nrrd"));
        QTRY_VERIFY_WITH_TIMEOUT(window.roiOffer(), 60000);
        QCOMPARE(window.roiOffer()->comboBoxItems(), QStringList{"Tumour (3D Slicer, Segmentation.seg.nrrd)"});
        const QString status = window.statusBar()->currentMessage();
        QVERIFY2(
            status.startsWith(QStringLiteral("Not offered as the tumour mask: ") +
                              QString::fromStdString(nrrdStudy + "/Shifted.seg.nrrd: its voxels are not the image's")),
            qPrintable(status));
        QCOMPARE(window.roiOffer()->labelText(),
                 QStringLiteral("The folder holds 1 ROI drawn on this image. Open it as the tumour mask?"));
        window.roiOffer()->accept();
        QVERIFY(regions.wait(60000));
        QVERIFY(window.mask()->voxels == expected.labels.voxels);

        // Part of the folder under another series: the RTSTRUCT is not drawn on it, so nothing is offered.
        const std::string twoSeries = dir_.filePath(QStringLiteral("two series with RTSTRUCT")).toStdString();
        const std::string otherUid = "1.2.826.0.1.3680043.2.1125.99.6";
        QVERIFY(drs::test::writeTwoSeriesFolder(phantom, twoSeries, otherUid));
        std::filesystem::copy_file(rtstruct, twoSeries + "/RS.dcm");
        QSignalSpy shown(&window, &MainWindow::studyShown);
        window.openStudy(QString::fromStdString(twoSeries), {}, std::nullopt, {}, QString::fromStdString(otherUid));
        QVERIFY(shown.wait(60000));
        QTest::qWait(200);
        QVERIFY(!window.roiOffer());
        QCOMPARE(window.studySeriesUid(), QString::fromStdString(otherUid));

        // Given no series, the chooser names the outline beside the series it is drawn on and
        // starts on that series; opened, the series offers its outline.
        shown.clear();
        window.openStudy(QString::fromStdString(twoSeries));
        QTRY_VERIFY_WITH_TIMEOUT(window.seriesChooser(), 60000);
        const QStringList items = window.seriesChooser()->comboBoxItems();
        QCOMPARE(items.size(), 2);
        QVERIFY2(items[0].endsWith(QString::fromStdString("(" + otherUid + ")")), qPrintable(items[0]));
        QVERIFY2(items[1].endsWith(
                     QString::fromStdString("(" + drs::test::kPhantomSeriesUid + "); outlines: GTV-1 (RTSTRUCT)")),
                 qPrintable(items[1]));
        QCOMPARE(window.seriesChooser()->textValue(), items[1]);
        window.seriesChooser()->accept();
        QVERIFY(shown.wait(60000));
        QCOMPARE(window.studySeriesUid(), QString::fromStdString(drs::test::kPhantomSeriesUid));
        QTRY_VERIFY_WITH_TIMEOUT(window.roiOffer(), 60000);
        window.roiOffer()->reject();
    }

    // A series acquired with its gantry tilted is shown with its slices where they were acquired,
    // and the status bar says so.
    void aTiltedSeriesSaysSoInTheStatusBar() {
        drs::SilentProgress progress;
        const auto cohort =
            drs::synthetic::writeSyntheticCohort(dir_.filePath(QStringLiteral("tilted")).toStdString(), 1, 3, progress);
        const std::string series = cohort.studiesFolder + "/" + cohort.patientIds[0] + "/CT";
        const Volume upright = readVolume(series);
        const auto n = upright.geometry.sizeXyz;
        QVERIFY(drs::test::tiltSeries(series, 0, upright.geometry.spacingMm[1] / upright.geometry.spacingMm[2]));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy shown(&window, &MainWindow::studyShown);
        window.openStudy(QString::fromStdString(series));
        QVERIFY(shown.wait(60000));
        QTRY_VERIFY(!window.statusBar()->currentMessage().isEmpty());
        const QString expected =
            QStringLiteral(
                "Gantry tilt %1°: each slice placed where it was acquired (moved up to %2 mm within its plane)")
                .arg(std::atan(upright.geometry.spacingMm[1] / upright.geometry.spacingMm[2]) * 180 / std::numbers::pi,
                     0, 'f', 1)
                .arg(upright.geometry.spacingMm[1] * static_cast<double>(n[2] - 1), 0, 'f', 1);
        QCOMPARE(window.statusBar()->currentMessage(), expected);
        QCOMPARE(window.volume()->geometry.sizeXyz, (std::array<std::int64_t, 3>{n[0], n[1] + n[2] - 1, n[2]}));
    }

    // From the command line: --series opens the series named; a headless --screenshot run given a
    // folder of several series and none of them fails naming them instead of waiting on a dialog.
    void commandLineChoosesTheSeries() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const std::string study = dir_.filePath(QStringLiteral("two series, command line")).toStdString();
        QVERIFY(drs::test::writeTwoSeriesFolder(drs::test::ibsiCtPhantom(), study, "1.2.826.0.1.3680043.2.1125.99.5"));
        const QString folder = QString::fromStdString(study), png = dir_.filePath(QStringLiteral("series.png"));
        const auto runGui = [&](const QStringList& arguments) {
            QProcess gui;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            gui.setProcessEnvironment(environment);
            gui.setProcessChannelMode(QProcess::MergedChannels);
            gui.start(QStringLiteral(DRS_BIN_DIR "/deepradscore"), arguments);
            if (!gui.waitForFinished(60000)) {
                gui.kill();
                gui.waitForFinished();
                return std::pair{-1, QStringLiteral("did not finish")};
            }
            return std::pair{gui.exitCode(), QString::fromUtf8(gui.readAll())};
        };
        const auto [refused, why] = runGui({folder, QStringLiteral("--screenshot"), png});
        QCOMPARE(refused, 1);
        QVERIFY2(why.contains(folder + QStringLiteral(": holds 2 DICOM image series; choose one with --series: ")),
                 qPrintable(why));
        QVERIFY(!QFile::exists(png));
        const auto [opened, output] =
            runGui({folder, QStringLiteral("--series"), QString::fromStdString(drs::test::kPhantomSeriesUid),
                    QStringLiteral("--screenshot"), png});
        QVERIFY2(opened == 0, qPrintable(output));
        QVERIFY(!QImage(png).isNull());
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
