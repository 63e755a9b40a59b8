// ROI editing in the main window, as a clinician uses it, under Xvfb: open a project's patient,
// paint, undo, redo, erase slices and fill them between slices again, save the outline as version
// 2 of the project ROI (runs and features from version 1 become stale), export it as DICOM SEG and
// RTSTRUCT and read those back; and the ROI-editing screenshot of the IBSI CT phantom for the docs.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <filesystem>

#include "core/image/ImageIO.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Rois.h"
#include "core/project/Runs.h"
#include "core/roi/DicomMask.h"
#include "tests/common/ReferenceData.h"
#include "ui/MainWindow.h"
#include "ui/RoiTools.h"
#include "viewers/MaskEditor.h"
#include "viewers/SliceView.h"
#include "viewers/SurfaceFormat.h"

using namespace drs;
using namespace drs::ui;
using viewers::SliceOrientation;
using viewers::SliceView;
using IndexXyz = std::array<std::int64_t, 3>;

namespace {

std::size_t countLabel(const LabelMap& mask, std::uint16_t label, std::int64_t z = -1) {
    std::size_t n = 0;
    const std::size_t perSlice = static_cast<std::size_t>(mask.geometry.sizeXyz[0] * mask.geometry.sizeXyz[1]);
    for (std::size_t i = 0; i < mask.voxels.size(); ++i)
        if (mask.voxels[i] == label && (z < 0 || static_cast<std::int64_t>(i / perSlice) == z)) ++n;
    return n;
}

double dice(const LabelMap& a, std::uint16_t labelA, const LabelMap& b, std::uint16_t labelB) {
    std::size_t both = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.voxels.size(); ++i) {
        na += a.voxels[i] == labelA;
        nb += b.voxels[i] == labelB;
        both += a.voxels[i] == labelA && b.voxels[i] == labelB;
    }
    return 2.0 * static_cast<double>(both) / static_cast<double>(na + nb);
}

void send(QWidget& view, QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons held) {
    QMouseEvent event(type, at, view.mapToGlobal(at), button, held, Qt::NoModifier);
    QApplication::sendEvent(&view, &event);
}

}  // namespace

class TestRoiEditing : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        SilentProgress progress;
        const auto files = synthetic::writeSyntheticCohort(dir_.filePath("cohort").toStdString(), 3, 5, progress);
        projectPath_ = dir_.filePath(QStringLiteral("project.sqlite"));
        project::ProjectDb db(projectPath_.toStdString());
        const auto report = importCohort(db, files.studiesFolder, files.clinicalCsv, {}, progress);
        QCOMPARE(report.acceptedCount(), std::size_t(3));
        // A run that derived everything from the imported outlines (version 1).
        project::RunRepository runs(db);
        runId_ = runs.start("pipeline", "{}", 0, "{}");
        for (const auto& c : project::CohortRepository(db).caseFiles()) {
            project::RoiRepository(db).recordUse(runId_, {}, c);
            patientIds_.push_back(c.patientId);
        }
    }

    void editSaveAndExport() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy projectShown(window.studyPanel(), &StudyPanel::projectShown);
        window.openProject(projectPath_);
        QVERIFY(projectShown.wait(20000));
        RoiTools& tools = *window.roiTools();
        QVERIFY(!tools.saveToProjectAction()->isEnabled());  // nothing of the project open yet

        QSignalSpy regions(&window, &MainWindow::regionsShown);
        tools.openProjectPatient(projectPath_, patientIds_.front());
        QVERIFY(regions.wait(20000));
        QVERIFY(tools.editsProjectRoi());
        QCOMPARE(tools.baseVersion(), 1);
        QVERIFY(tools.saveToProjectAction()->isEnabled());
        const LabelMap original = *window.mask();
        const std::size_t originalVoxels = countLabel(original, 1);
        QVERIFY(originalVoxels > 100);
        // The label chooser shows the count of the mask as it is now, after every edit, undo and redo.
        const auto labelText = [](std::size_t voxels) { return QStringLiteral("Label 1 (%1 voxels)").arg(voxels); };
        QCOMPARE(window.labelChooser()->currentText(), labelText(originalVoxels));

        // Paint a stroke away from the tumour, undo it, redo it.
        SliceView* axial = window.sliceView(SliceOrientation::Axial);
        tools.toolAction(SliceView::Tool::Paint)->trigger();
        tools.brushSize()->setValue(1.0);
        const std::int64_t z = axial->slice();
        const IndexXyz from{5, 5, z}, to{25, 5, z};
        QVERIFY(window.mask()->at(5, 5, z) == 0 && window.mask()->at(25, 5, z) == 0);
        send(*axial, QEvent::MouseButtonPress, axial->widgetPointOf(from), Qt::LeftButton, Qt::LeftButton);
        send(*axial, QEvent::MouseMove, axial->widgetPointOf(to), Qt::NoButton, Qt::LeftButton);
        send(*axial, QEvent::MouseButtonRelease, axial->widgetPointOf(to), Qt::LeftButton, Qt::NoButton);
        const std::size_t painted = countLabel(*window.mask(), 1) - originalVoxels;
        QVERIFY(painted >= 21);
        QTRY_COMPARE(window.labelChooser()->currentText(), labelText(originalVoxels + painted));
        tools.undoAction()->trigger();
        QCOMPARE(countLabel(*window.mask(), 1), originalVoxels);
        QTRY_COMPARE(window.labelChooser()->currentText(), labelText(originalVoxels));
        tools.redoAction()->trigger();
        QCOMPARE(countLabel(*window.mask(), 1), originalVoxels + painted);
        QTRY_COMPARE(window.labelChooser()->currentText(), labelText(originalVoxels + painted));
        tools.undoAction()->trigger();
        QTRY_COMPARE(window.labelChooser()->currentText(), labelText(originalVoxels));

        // Erase the tumour on two slices inside it, then fill between slices brings it back.
        std::vector<std::int64_t> slices;
        for (std::int64_t s = 0; s < original.geometry.sizeXyz[2]; ++s)
            if (countLabel(original, 1, s) > 0) slices.push_back(s);
        QVERIFY(slices.size() >= 5);
        const std::int64_t middle = slices[slices.size() / 2];
        viewers::MaskEditor& editor = *tools.editor();
        editor.setBrushRadiusMm(200.0);
        for (std::int64_t s : {middle, middle + 1}) {
            editor.beginStroke(EditMode::Erase);
            editor.strokeSegment(axial->sliceAxes(), {0, 0, s}, {0, 0, s});
            editor.endStroke();
            QCOMPARE(countLabel(*window.mask(), 1, s), std::size_t(0));
        }
        QVERIFY(editor.interpolate() > 0);
        // A blend of two signed distance maps is negative where both are and positive where both
        // are: each filled slice holds every voxel inside both key slices and none outside both.
        const LabelMap& filled = *window.mask();
        for (std::int64_t s : {middle, middle + 1}) {
            std::size_t inBoth = 0;
            for (std::int64_t y = 0; y < filled.geometry.sizeXyz[1]; ++y)
                for (std::int64_t x = 0; x < filled.geometry.sizeXyz[0]; ++x) {
                    const bool below = filled.at(x, y, middle - 1) == 1, above = filled.at(x, y, middle + 2) == 1;
                    if (below && above) {
                        QCOMPARE(filled.at(x, y, s), std::uint16_t(1));
                        ++inBoth;
                    }
                    if (!below && !above) QCOMPARE(filled.at(x, y, s), std::uint16_t(0));
                }
            QVERIFY(inBoth > 0);
            qInfo("slice %lld filled between slices: %zu voxels (%zu before erasing)", static_cast<long long>(s),
                  countLabel(filled, 1, s), countLabel(original, 1, s));
        }
        const LabelMap edited = *window.mask();
        QVERIFY(edited.voxels != original.voxels);
        QTRY_COMPARE(window.labelChooser()->currentText(), labelText(countLabel(edited, 1)));

        // Save as version 2: the project's ROI changes, the run of version 1 becomes stale.
        QSignalSpy saved(&tools, &RoiTools::savedToProject);
        // One job at a time: the ring is recomputed after edits settle.
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
        tools.saveToProject(QStringLiteral("outline corrected by the test"));
        QVERIFY(saved.wait(20000));
        QCOMPARE(saved.at(0).at(0).toInt(), 2);
        QCOMPARE(tools.baseVersion(), 2);
        std::string roiName;
        {
            project::ProjectDb db(projectPath_.toStdString());
            project::RoiRepository rois(db);
            const auto c = rois.caseOf(patientIds_.front());
            roiName = rois.roi(c->roiId)->name;
            QCOMPARE(c->roiVersion, 2);
            QCOMPARE(rois.versions(c->roiId).back().reason, std::string("outline corrected by the test"));
            QCOMPARE(dice(readLabelMap(c->maskPath), 1, edited, 1), 1.0);
            QVERIFY(rois.isRunStale(runId_));
            const auto stale = rois.staleRuns();
            QCOMPARE(stale.size(), std::size_t(1));
            QCOMPARE(stale[0].patientId, patientIds_.front());
        }
        QVERIFY(editor.undoStack()->isClean());
        // The Study tab marks the run as stale.
        QSignalSpy reread(window.studyPanel(), &StudyPanel::projectShown);
        window.openProject(projectPath_);
        QVERIFY(reread.wait(20000));
        QVERIFY2(window.studyPanel()->runChooser()->currentText().contains(QLatin1String("stale")),
                 qPrintable(window.studyPanel()->runChooser()->currentText()));
        QVERIFY2(window.studyPanel()->runStatusLabel()->text().contains(QLatin1String("1 patient(s)")),
                 qPrintable(window.studyPanel()->runStatusLabel()->text()));
        window.showImagesTab();

        // Export as DICOM SEG and RTSTRUCT, and read both back onto the study's grid.
        QSignalSpy exported(&tools, &RoiTools::exported);
        const QString seg = dir_.filePath(QStringLiteral("edited seg.dcm"));
        const QString rs = dir_.filePath(QStringLiteral("edited rs.dcm"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
        tools.exportSeg(seg);
        QVERIFY(exported.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
        tools.exportRtStruct(rs);
        QVERIFY(exported.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
        const Geometry& grid = window.volume()->geometry;
        QCOMPARE(dice(readDicomMask(seg.toStdString(), "", grid), 1, edited, 1), 1.0);
        const double rtDice = dice(readDicomMask(rs.toStdString(), "", grid), 1, edited, 1);
        qInfo("RTSTRUCT re-import Dice %.6f", rtDice);
        QVERIFY(rtDice >= 0.98);
        QCOMPARE(dicomMaskRoiNames(seg.toStdString()), std::vector<std::string>{roiName});
        QCOMPARE(dicomMaskRoiNames(rs.toStdString()), std::vector<std::string>{roiName});

        // The exported SEG opens as a mask like any other.
        QSignalSpy reopened(&window, &MainWindow::regionsShown);
        window.openMask(seg);
        QVERIFY(reopened.wait(20000));
        QCOMPARE(dice(*window.mask(), 1, edited, 1), 1.0);
        QVERIFY(!tools.editsProjectRoi());  // another file: no longer the project's ROI
    }

    void screenshotOfRoiEditing() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const std::string phantom = drs::test::ibsiCtPhantom();
        MainWindow window;
        window.resize(1400, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy regions(&window, &MainWindow::regionsShown);
        window.openStudy(QString::fromStdString(phantom + "/image/phantom.nii.gz"),
                         QString::fromStdString(phantom + "/mask/mask.nii.gz"), 1);
        QVERIFY(regions.wait(30000));
        RoiTools& tools = *window.roiTools();
        tools.toolAction(SliceView::Tool::Polygon)->trigger();
        SliceView* axial = window.sliceView(SliceOrientation::Axial);
        const auto centre = axial->cursorVoxel();
        axial->zoomBy(2.5, axial->widgetPointOf(centre));
        // An outline being drawn next to the tumour, as a user adds to it.
        for (const auto& offset : {std::array<std::int64_t, 2>{14, -10}, {24, -4}, {22, 8}, {12, 6}})
            send(*axial, QEvent::MouseButtonPress,
                 axial->widgetPointOf({centre[0] + offset[0], centre[1] + offset[1], centre[2]}), Qt::LeftButton,
                 Qt::LeftButton);
        send(*axial, QEvent::MouseMove, axial->widgetPointOf({centre[0] + 10, centre[1] - 4, centre[2]}), Qt::NoButton,
             Qt::NoButton);
        QTest::qWait(700);
        const QImage shot = window.screenshot();
        QVERIFY(!shot.isNull());
        const QString folder = QStringLiteral(DRS_TEST_DATA "/../../docs/screenshots");
        QDir().mkpath(folder);
        QVERIFY(shot.save(folder + QStringLiteral("/roi-editing.png"), "PNG"));
    }

private:
    QTemporaryDir dir_;
    QString projectPath_;
    std::int64_t runId_ = 0;
    std::vector<std::int64_t> patientIds_;
};

int main(int argc, char** argv) {
    viewers::useVtkSurfaceFormat();
    QApplication application(argc, argv);
    TestRoiEditing test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_roi_editing.moc"
