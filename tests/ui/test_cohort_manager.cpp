// The coordinator's panels without a display (offscreen): the cohort table model and the import
// report model under QAbstractItemModelTester, sorting and filtering, label edits with reason,
// undo and redo recorded in the project and the superseded-run mark, projects created, opened
// and refused, the import wizard's preview and all-or-nothing import on a synthetic cohort with
// one corrupt study and on the IBSI CT phantom, a cancelled import that writes nothing, a locked
// external cohort imported by name (and one whose columns differ refused, writing nothing), and the
// window's New project / Recent projects.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSysInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <QUndoStack>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <thread>

#include "core/image/ImageIO.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Cohort.h"
#include "core/project/Labels.h"
#include "core/project/ProjectDb.h"
#include "core/project/Runs.h"
#include "core/util/Csv.h"
#include "tests/common/ProjectCounts.h"
#include "tests/common/ReferenceData.h"
#include "ui/CohortModel.h"
#include "ui/CohortPanel.h"
#include "ui/ImportReportModel.h"
#include "ui/ImportWizard.h"
#include "ui/MainWindow.h"
#include "ui/ProjectMenu.h"

using namespace drs;
using namespace drs::ui;
namespace fs = std::filesystem;

namespace {

using drs::test::filesUnder;

long long rowCount(const QString& projectPath, const std::string& table) {
    project::ProjectDb db(projectPath.toStdString());
    return drs::test::rowCount(db, table);
}

int rowOfText(const QAbstractItemModel& model, int column, const QString& text) {
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r, column).data().toString() == text) return r;
    return -1;
}

}  // namespace

class TestCohortManager : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(settingsDir_.isValid() && cohortDir_.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("DeepRadScore tests"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
        SilentProgress progress;
        cohort_ = synthetic::writeSyntheticCohort(cohortDir_.filePath("cohort").toStdString(), 3, 11, progress);
        external_ =
            synthetic::writeSyntheticCohort(cohortDir_.filePath("external").toStdString(), 2, 12, progress, true);
        // The second study is corrupt: a slice that announces DICOM and breaks off.
        corruptSlice_ = (fs::path(cohort_.studiesFolder) / cohort_.patientIds[1] / "CT" / "CT0002.dcm").string();
        fs::resize_file(corruptSlice_, 300);
    }

    void init() {
        work_ = std::make_unique<QTemporaryDir>();
        projectPath_ = work_->filePath("cohort project.sqlite");
    }

    void modelsPassTheModelTester() {
        buildSmallProject();
        CohortPanel panel;
        QVERIFY(panel.openProject(projectPath_));
        QAbstractItemModelTester modelTester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(panel.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(panel.model()->columnCount(), CohortModel::FirstEndpoint + 2 + 1);  // EGFR, KRAS, one run
        panel.proxy()->sort(CohortModel::FirstEndpoint, Qt::DescendingOrder);
        panel.filterEdit()->setText(QStringLiteral("P-b"));
        QCOMPARE(panel.proxy()->rowCount(), 1);
        panel.filterEdit()->clear();
        panel.reload();

        ImportReportModel reportModel;
        QAbstractItemModelTester reportTester(&reportModel, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ImportReport report;
        ImportOutcome accepted;
        accepted.source = "A";
        accepted.accepted = true;
        accepted.roiVoxels = 27;
        ImportOutcome refused;
        refused.source = "B";
        refused.reason = "no image found";
        report.outcomes = {accepted, refused};
        reportModel.setReport(report, true);
        QCOMPARE(reportModel.index(0, ImportReportModel::Status).data().toString(), QStringLiteral("will be imported"));
        QCOMPARE(reportModel.index(0, ImportReportModel::RoiVoxels).data().toULongLong(), 27ULL);
        QCOMPARE(reportModel.index(1, ImportReportModel::Reason).data().toString(), QStringLiteral("no image found"));
        reportModel.setReport(report, false);
        QCOMPARE(reportModel.index(0, ImportReportModel::Status).data().toString(), QStringLiteral("imported"));
    }

    void tableShowsTheCohortSortedAndFiltered() {
        buildSmallProject();
        CohortPanel panel;
        QVERIFY(panel.openProject(projectPath_));
        const QAbstractItemModel& model = *panel.model();
        QCOMPARE(model.headerData(CohortModel::FirstEndpoint, Qt::Horizontal).toString(), QStringLiteral("EGFR"));
        QCOMPARE(model.headerData(CohortModel::FirstEndpoint + 2, Qt::Horizontal).toString(),
                 QStringLiteral("Run %1").arg(runId_));
        const int b = rowOfText(model, CohortModel::Pseudonym, "P-b");
        QCOMPARE(model.index(b, CohortModel::Centre).data().toString(), QStringLiteral("B"));
        QCOMPARE(model.index(b, CohortModel::FirstEndpoint).data().toString(), QStringLiteral("0"));
        QCOMPARE(model.index(b, CohortModel::FirstEndpoint + 1).data().toString(), QString());  // unknown
        QCOMPARE(model.index(b, CohortModel::FirstEndpoint + 2).data().toString(), QStringLiteral("test"));
        QCOMPARE(model.index(b, CohortModel::Study).data().toString(), QStringLiteral("none"));
        // Sorted by the EGFR label, descending: the two positives first, then the negative.
        QSortFilterProxyModel& proxy = *panel.proxy();
        proxy.sort(CohortModel::FirstEndpoint, Qt::DescendingOrder);
        QCOMPARE(proxy.index(2, CohortModel::Pseudonym).data().toString(), QStringLiteral("P-b"));
        proxy.sort(CohortModel::Pseudonym, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, CohortModel::Pseudonym).data().toString(), QStringLiteral("P-a"));
        panel.filterEdit()->setText(QStringLiteral("test"));  // the run's test subset
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, CohortModel::Pseudonym).data().toString(), QStringLiteral("P-b"));
        QVERIFY(panel.overviewLabel()->text().contains(QStringLiteral("<b>3</b> patients")));
        QVERIFY(panel.overviewLabel()->text().contains(QStringLiteral("EGFR: 2 positive, 1 negative, 0 unknown")));
    }

    void doubleClickOnAPatientOpensIt_butOnALabelEditsIt() {
        buildSmallProject();
        CohortPanel panel;
        QVERIFY(panel.openProject(projectPath_));
        panel.resize(900, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy opened(&panel, &CohortPanel::patientOpenRequested);
        QSortFilterProxyModel& proxy = *panel.proxy();
        const int b = rowOfText(proxy, CohortModel::Pseudonym, "P-b");
        const auto doubleClick = [&](int column) {
            QTableView& table = *panel.table();
            const QRect cell = table.visualRect(proxy.index(b, column));
            // As a user's: the press, then the double click (QAbstractItemView wants both).
            QTest::mouseClick(table.viewport(), Qt::LeftButton, {}, cell.center());
            QTest::mouseDClick(table.viewport(), Qt::LeftButton, {}, cell.center());
        };
        doubleClick(CohortModel::Pseudonym);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toLongLong(), patientIdOf("P-b"));
        doubleClick(CohortModel::FirstEndpoint);
        QCOMPARE(opened.count(), 1);
        // ... it opened the label's editor instead.
        QTRY_VERIFY(QApplication::focusWidget() &&
                    QApplication::focusWidget()->parentWidget() == panel.table()->viewport());
    }

    void labelEditUndoRedoAreRecordedAndMarkTheRun() {
        buildSmallProject();
        CohortPanel panel;
        QVERIFY(panel.openProject(projectPath_));
        QSignalSpy errors(&panel, &CohortPanel::errorOccurred);
        QSortFilterProxyModel& proxy = *panel.proxy();
        const int b = rowOfText(proxy, CohortModel::Pseudonym, "P-b");
        const QModelIndex egfr = proxy.index(b, CohortModel::FirstEndpoint);
        const int runColumn = CohortModel::FirstEndpoint + 2;
        QVERIFY(proxy.flags(egfr) & Qt::ItemIsEditable);

        // Without a reason the edit is refused and nothing is written.
        QVERIFY(!proxy.setData(egfr, QStringLiteral("1")));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(rowCount(projectPath_, "label_changes"), 0LL);
        QVERIFY(!proxy.setData(egfr, QStringLiteral("yes")));  // not a label

        std::this_thread::sleep_for(std::chrono::milliseconds(3));  // the run started in an earlier millisecond
        panel.reasonEdit()->setText(QStringLiteral("pathology review"));
        QVERIFY(proxy.setData(egfr, QStringLiteral("1")));
        QCOMPARE(egfr.data().toString(), QStringLiteral("1"));
        QCOMPARE(storedLabel("P-b"), std::optional<int>(1));
        QCOMPARE(panel.undoStack()->count(), 1);
        QVERIFY(proxy.headerData(runColumn, Qt::Horizontal).toString().contains("superseded labels"));
        QVERIFY(panel.overviewLabel()->text().contains(QStringLiteral("1 on superseded labels")));

        panel.undoStack()->undo();
        QCOMPARE(egfr.data().toString(), QStringLiteral("0"));
        QCOMPARE(storedLabel("P-b"), std::optional<int>(0));
        QVERIFY(!proxy.headerData(runColumn, Qt::Horizontal).toString().contains("superseded"));
        panel.undoStack()->redo();
        QCOMPARE(storedLabel("P-b"), std::optional<int>(1));
        QVERIFY(proxy.headerData(runColumn, Qt::Horizontal).toString().contains("superseded labels"));

        project::ProjectDb db(projectPath_.toStdString());
        const auto changes = project::LabelRepository(db).changes();
        QCOMPARE(changes.size(), std::size_t(3));
        QCOMPARE(changes[0].reason, std::string("pathology review"));
        QCOMPARE(changes[1].reason, std::string("undo: pathology review"));
        QCOMPARE(changes[1].oldValue, std::optional<int>(1));
        QCOMPARE(changes[1].newValue, std::optional<int>(0));
        QCOMPARE(changes[2].newValue, std::optional<int>(1));
        QCOMPARE(project::LabelRepository(db).supersededRuns().at(0).runId, runId_);
        QCOMPARE(errors.size(), 1);

        // Emptying the cell removes the label (unknown), also undoable.
        panel.undoStack()->clear();
        QVERIFY(proxy.setData(egfr, QString()));
        QCOMPARE(storedLabel("P-b"), std::optional<int>());
    }

    // Two coordinators: the second changes P-b's EGFR label while the panel still shows the old
    // value; the panel's edit of that stale value is refused with who changed it to what, when and
    // why, nothing of it is written or kept for undo, and the table shows the value that won.
    void staleLabelEditIsRefusedAndTheTableReloads() {
        buildSmallProject();
        CohortPanel panel;
        QVERIFY(panel.openProject(projectPath_));
        QSignalSpy errors(&panel, &CohortPanel::errorOccurred);
        QSortFilterProxyModel& proxy = *panel.proxy();
        const int b = rowOfText(proxy, CohortModel::Pseudonym, "P-b");
        QCOMPARE(proxy.index(b, CohortModel::FirstEndpoint).data().toString(), QStringLiteral("0"));
        {
            const QByteArray user = qgetenv("USER");
            qputenv("USER", "coordinator-b");
            project::ProjectDb other(projectPath_.toStdString());
            QVERIFY(project::LabelRepository(other).change(patientIdOf("P-b"), "EGFR", 1, "second opinion"));
            qputenv("USER", user);
        }
        panel.reasonEdit()->setText(QStringLiteral("sample lost"));
        QVERIFY(!proxy.setData(proxy.index(b, CohortModel::FirstEndpoint), QString()));
        QCOMPARE(errors.size(), 1);
        const QString message = errors.at(0).at(0).toString();
        QVERIFY2(
            message.contains(QStringLiteral("EGFR label of patient %1 was changed by coordinator-b@%2 from 0 to 1 at ")
                                 .arg(patientIdOf("P-b"))
                                 .arg(QSysInfo::machineHostName())) &&
                message.contains(QStringLiteral("(reason: second opinion)")) &&
                message.contains(QStringLiteral("your change to no label was not saved")),
            qPrintable(message));
        QCOMPARE(storedLabel("P-b"), std::optional<int>(1));
        QCOMPARE(rowCount(projectPath_, "label_changes"), 1LL);
        QCOMPARE(panel.undoStack()->count(), 0);
        const int reloaded = rowOfText(proxy, CohortModel::Pseudonym, "P-b");
        QCOMPARE(proxy.index(reloaded, CohortModel::FirstEndpoint).data().toString(), QStringLiteral("1"));
        // Edited again from the value it now shows, the change goes through.
        QVERIFY(proxy.setData(proxy.index(reloaded, CohortModel::FirstEndpoint), QString()));
        QCOMPARE(storedLabel("P-b"), std::optional<int>());
        QCOMPARE(errors.size(), 1);
    }

    void projectsAreCreatedOpenedAndNonProjectsRefused() {
        CohortPanel panel;
        QSignalSpy errors(&panel, &CohortPanel::errorOccurred);
        const QString text = work_->filePath("notes.sqlite");
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("patient list, not a database\n");
        file.close();
        QVERIFY(!panel.openProject(text));
        QVERIFY2(errors.last().first().toString().contains("is not a project database"),
                 qPrintable(errors.last().first().toString()));
        QVERIFY(panel.projectPath().isEmpty());
        QVERIFY(!panel.openProject(work_->filePath("absent.sqlite")));
        QVERIFY(!QFileInfo::exists(work_->filePath("absent.sqlite")));
        QVERIFY(!panel.createProject(text));  // exists: never overwritten
        QCOMPARE(QFileInfo(text).size(), qint64(29));

        QSignalSpy opened(&panel, &CohortPanel::projectOpened);
        QVERIFY(panel.createProject(projectPath_));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(project::ProjectDb(projectPath_.toStdString()).schemaVersion(),
                 project::ProjectDb::kCurrentSchemaVersion);
        QCOMPARE(panel.model()->rowCount(), 0);
        QVERIFY(panel.overviewLabel()->text().contains(QStringLiteral("<b>0</b> patients")));
    }

    void wizardPreviewsThenImportsSyntheticCohortWithCorruptStudy() {
        CohortPanel panel;
        QVERIFY(panel.createProject(projectPath_));
        ImportWizard wizard(projectPath_);
        wizard.show();
        wizard.setSources(QString::fromStdString(cohort_.studiesFolder), QString::fromStdString(cohort_.clinicalCsv));
        // A study per core by default, as the Study tab's threads; here all three side by side (what
        // is written does not depend on it: test_import).
        QCOMPARE(wizard.threadsBox()->value(), std::max(1, QThread::idealThreadCount()));
        wizard.threadsBox()->setValue(3);
        // Any ROI file type by default; the chooser's types are drs import's --roi-file-type values.
        QCOMPARE(wizard.options().roiFileType, std::string());
        for (const char* type : {"rtstruct", "seg", "seg.nrrd"}) {
            wizard.roiFileTypeBox()->setCurrentIndex(wizard.roiFileTypeBox()->findData(QString::fromUtf8(type)));
            QCOMPARE(wizard.options().roiFileType, std::string(type));
        }
        wizard.roiFileTypeBox()->setCurrentIndex(0);
        QSignalSpy previewed(&wizard, &ImportWizard::previewReady);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ImportWizard::PreviewPage));
        QVERIFY(previewed.wait(60000));
        const ImportReportModel& preview = *wizard.previewModel();
        QCOMPARE(preview.rowCount(), 3);
        const int corrupt =
            rowOfText(preview, ImportReportModel::PatientId, QString::fromStdString(cohort_.patientIds[1]));
        QCOMPARE(preview.index(corrupt, ImportReportModel::Status).data().toString(), QStringLiteral("refused"));
        QVERIFY(preview.index(corrupt, ImportReportModel::Reason).data().toString().contains("CT0002.dcm"));
        for (int p : {0, 2}) {
            const int row =
                rowOfText(preview, ImportReportModel::PatientId, QString::fromStdString(cohort_.patientIds[p]));
            QCOMPARE(preview.index(row, ImportReportModel::Status).data().toString(),
                     QStringLiteral("will be imported"));
        }
        QVERIFY(wizard.previewSummary()->text().contains(
            QStringLiteral("<b>2</b> studies will be imported, <b>1</b> refused")));
        // The labels those two bring count: an empty project is not "without labels" in a preview.
        QVERIFY2(!wizard.previewSummary()->text().contains(QStringLiteral("has a label")),
                 qPrintable(wizard.previewSummary()->text()));
        saveScreenshot(wizard, "import-preview.png");
        QCOMPARE(rowCount(projectPath_, "patients"), 0LL);  // the preview wrote nothing
        QCOMPARE(filesUnder(project::ProjectDb(projectPath_.toStdString()).filesFolder()), std::size_t(0));

        QSignalSpy imported(&wizard, &ImportWizard::imported);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ImportWizard::ImportPage));
        QVERIFY(imported.wait(60000));
        QCOMPARE(imported.first().first().toInt(), 2);
        QCOMPARE(rowCount(projectPath_, "patients"), 2LL);
        const ImportReportModel& result = *wizard.resultModel();
        for (int p : {0, 2}) {
            const int row =
                rowOfText(result, ImportReportModel::PatientId, QString::fromStdString(cohort_.patientIds[p]));
            QCOMPARE(result.index(row, ImportReportModel::Status).data().toString(), QStringLiteral("imported"));
        }
        const int refused =
            rowOfText(result, ImportReportModel::PatientId, QString::fromStdString(cohort_.patientIds[1]));
        QCOMPARE(result.index(refused, ImportReportModel::Status).data().toString(), QStringLiteral("refused"));
        panel.reload();
        QCOMPARE(panel.model()->rowCount(), 2);
        QCOMPARE(panel.model()->index(0, CohortModel::Roi).data().toString(), QStringLiteral("GTV (rtstruct)"));
        // The tumour's volume: the stored mask's voxels counted here, times the CT's voxel volume.
        project::ProjectDb db(projectPath_.toStdString());
        for (const project::CaseFiles& files : project::CohortRepository(db).caseFiles()) {
            const int row = rowOfText(*panel.model(), CohortModel::Pseudonym, QString::fromStdString(files.pseudonym));
            const LabelMap mask = readLabelMap(files.maskPath);
            const auto voxels = std::count_if(mask.voxels.begin(), mask.voxels.end(), [](auto v) { return v != 0; });
            const auto& spacing = mask.geometry.spacingMm;
            const double millilitres = static_cast<double>(voxels) * spacing[0] * spacing[1] * spacing[2] / 1000.0;
            QVERIFY(voxels > 0);
            const QModelIndex volume = panel.model()->index(row, CohortModel::TumourVolume);
            QCOMPARE(volume.data().toString(), QString::number(millilitres, 'f', 2));
            // The stored mask's spacing is float32 (NIfTI), the study's in the project a double.
            QVERIFY(std::abs(volume.data(CohortModel::SortRole).toDouble() - millilitres) < 1e-6 * millilitres);
        }
        panel.resize(1200, 420);
        panel.show();
        saveScreenshot(panel, "cohort-manager.png");
    }

    void cancelledImportWritesNothing() {
        CohortPanel panel;
        QVERIFY(panel.createProject(projectPath_));
        ImportWizard wizard(projectPath_);
        wizard.show();
        wizard.setSources(QString::fromStdString(cohort_.studiesFolder), QString::fromStdString(cohort_.clinicalCsv));
        QSignalSpy previewed(&wizard, &ImportWizard::previewReady);
        wizard.next();
        QVERIFY(previewed.wait(60000));
        // Cancel as soon as the import reports its first progress, as a user pressing Cancel.
        connect(
            &wizard.runner(), &BackgroundRunner::progressed, &wizard, [&wizard] { wizard.cancelJobButton()->click(); },
            Qt::SingleShotConnection);
        QSignalSpy stopped(&wizard, &ImportWizard::jobStopped);
        wizard.next();
        QVERIFY(stopped.wait(60000));
        QVERIFY2(stopped.first().first().toString().contains("nothing was written"),
                 qPrintable(stopped.first().first().toString()));
        QVERIFY(!wizard.result());
        for (const char* table : {"patients", "studies", "rois", "labels", "endpoints"})
            QCOMPARE(rowCount(projectPath_, table), 0LL);
        QCOMPARE(filesUnder(project::ProjectDb(projectPath_.toStdString()).filesFolder()), std::size_t(0));
    }

    void wizardImportsALockedExternalCohortAndRefusesOtherColumns() {
        CohortPanel panel;
        QVERIFY(panel.createProject(projectPath_));
        {
            project::ProjectDb db(projectPath_.toStdString());
            SilentProgress quiet;
            QCOMPARE(importCohort(db, cohort_.studiesFolder, cohort_.clinicalCsv, {}, quiet).acceptedCount(),
                     std::size_t(2));  // the corrupt study is refused
        }
        // The external clinical table with one endpoint column renamed: not the project's columns.
        CsvTable other = readCsv(external_.clinicalCsv);
        for (auto& column : other.header)
            if (column == "EGFR") column = "EGFR_mutation";
        const QString otherCsv = work_->filePath("other columns.csv");
        writeCsv(otherCsv.toStdString(), other);

        ImportWizard wizard(projectPath_);
        wizard.show();
        wizard.setSources(QString::fromStdString(external_.studiesFolder), otherCsv);
        QVERIFY(wizard.currentPage()->isComplete());
        wizard.externalBox()->setChecked(true);
        QVERIFY(!wizard.currentPage()->isComplete());  // a locked cohort needs a name
        wizard.externalNameEdit()->setText(QStringLiteral("  "));
        QVERIFY(!wizard.currentPage()->isComplete());
        wizard.externalNameEdit()->setText(QStringLiteral("Palo Alto"));
        QVERIFY(wizard.currentPage()->isComplete());
        QSignalSpy stopped(&wizard, &ImportWizard::jobStopped);
        wizard.next();
        QVERIFY(stopped.wait(60000));
        const QString refusal = stopped.first().first().toString();
        QVERIFY2(refusal.contains(otherCsv + ": the external cohort's columns differ from the project's (endpoint "
                                             "columns missing: EGFR); nothing was imported"),
                 qPrintable(refusal));
        QVERIFY(wizard.previewSummary()->text().contains("Preview failed"));
        QVERIFY(!wizard.currentPage()->isComplete());
        QCOMPARE(rowCount(projectPath_, "external_cohorts"), 0LL);
        QCOMPARE(rowCount(projectPath_, "patients"), 2LL);

        // The project's columns: previewed (nothing written), then imported as the locked cohort.
        wizard.back();
        wizard.clinicalEdit()->setText(QString::fromStdString(external_.clinicalCsv));
        QSignalSpy previewed(&wizard, &ImportWizard::previewReady);
        wizard.next();
        QVERIFY(previewed.wait(60000));
        QCOMPARE(wizard.preview()->acceptedCount(), std::size_t(2));
        QVERIFY(wizard.previewSummary()->text().contains("They form the locked external cohort <b>Palo Alto</b>."));
        QCOMPARE(rowCount(projectPath_, "external_cohorts"), 0LL);
        QCOMPARE(rowCount(projectPath_, "patients"), 2LL);
        QSignalSpy imported(&wizard, &ImportWizard::imported);
        wizard.next();
        QVERIFY(imported.wait(60000));
        QCOMPARE(imported.first().first().toInt(), 2);
        project::ProjectDb db(projectPath_.toStdString());
        project::CohortRepository cohorts(db);
        QCOMPARE(cohorts.externalCohorts(), std::vector<std::string>{"Palo Alto"});
        QCOMPARE(cohorts.patients(*cohorts.findExternalCohort("Palo Alto")).size(), std::size_t(2));
        QCOMPARE(cohorts.patients().size(), std::size_t(2));  // the development cohort is as it was
        // The cohort table lists the locked patients with their cohort.
        panel.reload();
        QCOMPARE(panel.model()->rowCount(), 4);
        int locked = 0;
        for (int row = 0; row < 4; ++row)
            locked += panel.model()->index(row, CohortModel::Cohort).data().toString() == "external: Palo Alto";
        QCOMPARE(locked, 2);
    }

    void wizardImportsTheIbsiPhantom() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const fs::path phantom = drs::test::ibsiCtPhantom();
        const fs::path studies = work_->filePath("studies").toStdString();
        fs::create_directories(studies);
        fs::copy(phantom / "dicom", studies / "PHANTOM-DICOM", fs::copy_options::recursive);
        fs::create_directories(studies / "PHANTOM-NII");
        fs::copy_file(phantom / "image" / "phantom.nii.gz", studies / "PHANTOM-NII" / "image.nii.gz");
        fs::copy_file(phantom / "mask" / "mask.nii.gz", studies / "PHANTOM-NII" / "mask.nii.gz");
        CsvTable clinical;
        clinical.header = {"patient_id", "centre", "EGFR"};
        clinical.rows = {{"1", "IBSI", "1"}, {"PHANTOM-NII", "IBSI", "0"}};  // "1": the DICOM PatientID
        const QString csv = work_->filePath("clinical.csv");
        writeCsv(csv.toStdString(), clinical);
        // IBSI-1's diagnostics of the initial ROI (configuration A): 125256 voxels in 204x201x60.
        const CsvTable diagnostics = readCsv(DRS_TEST_DATA "/radiomics/ibsi1_ct_phantom/diagnostics.csv");
        QString voxels;
        for (const auto& row : diagnostics.rows)
            if (row[diagnostics.column("data_set")] == "config_A" &&
                row[diagnostics.column("ibsi_tag")] == "int_mask_vox_count_init_roi")
                voxels = QString::fromStdString(row[diagnostics.column("value")]);

        CohortPanel panel;
        QVERIFY(panel.createProject(projectPath_));
        ImportWizard wizard(projectPath_);
        wizard.show();
        wizard.setSources(QString::fromStdString(studies.string()), csv);
        QSignalSpy previewed(&wizard, &ImportWizard::previewReady);
        wizard.next();
        QVERIFY(previewed.wait(60000));
        const ImportReportModel& preview = *wizard.previewModel();
        QCOMPARE(preview.rowCount(), 2);
        const int nifti = rowOfText(preview, ImportReportModel::PatientId, QStringLiteral("PHANTOM-NII"));
        QCOMPARE(preview.index(nifti, ImportReportModel::RoiVoxels).data().toString(), voxels);
        QCOMPARE(preview.index(nifti, ImportReportModel::ImageSize).data().toString(), QStringLiteral("204x201x60"));
        const int dicom = rowOfText(preview, ImportReportModel::PatientId, QStringLiteral("1"));
        QCOMPARE(preview.index(dicom, ImportReportModel::Status).data().toString(), QStringLiteral("will be imported"));
        QSignalSpy imported(&wizard, &ImportWizard::imported);
        wizard.next();
        QVERIFY(imported.wait(60000));
        QCOMPARE(imported.first().first().toInt(), 2);
        panel.reload();
        QCOMPARE(panel.model()->rowCount(), 2);
        QVERIFY(panel.overviewLabel()->text().contains(QStringLiteral("EGFR: 1 positive, 1 negative, 0 unknown")));
    }

    void windowCreatesRemembersAndImportsIntoProjects() {
        MainWindow window;
        CohortPanel& panel = *window.cohortPanel();
        QSignalSpy shown(window.studyPanel(), &StudyPanel::projectShown);
        QVERIFY(panel.createProject(projectPath_));
        QVERIFY(shown.wait(20000));  // the Study tab follows
        QCOMPARE(window.studyPanel()->projectPath(), QFileInfo(projectPath_).absoluteFilePath());
        QVERIFY(ProjectMenu::recentProjects().contains(QFileInfo(projectPath_).absoluteFilePath()));
        ImportWizard* wizard = window.projectMenu()->startImport();
        QVERIFY(wizard);
        QCOMPARE(window.projectMenu()->startImport(), wizard);  // one at a time
        wizard->close();
    }

private:
    // The README's pictures (docs/screenshots), as the widget shows now.
    static void saveScreenshot(QWidget& widget, const char* name) {
        QTest::qWait(200);
        const QString folder = QStringLiteral(DRS_TEST_DATA "/../../docs/screenshots");
        QDir().mkpath(folder);
        QVERIFY(widget.grab().save(folder + "/" + name, "PNG"));
    }

    // Three patients (P-a, P-b, P-c at centres A, B, C), EGFR 1/0/1, KRAS known for P-a only, and one
    // run that split EGFR (P-b in the test subset).
    void buildSmallProject() {
        project::ProjectDb db(projectPath_.toStdString());
        project::CohortRepository cohort(db);
        const auto a = cohort.addPatient("P-a", "A");
        const auto b = cohort.addPatient("P-b", "B");
        const auto c = cohort.addPatient("P-c", "C");
        cohort.setLabel(a, "EGFR", 1);
        cohort.setLabel(b, "EGFR", 0);
        cohort.setLabel(c, "EGFR", 1);
        cohort.setLabel(a, "KRAS", 0);
        project::RunRepository runs(db);
        runId_ = runs.start("pipeline", "{}", 1, "{}");
        runs.saveSplit(runId_, "EGFR", {{a, false}, {b, true}, {c, false}});
        runs.finish(runId_, "finished");
    }

    std::int64_t patientIdOf(const std::string& pseudonym) {
        project::ProjectDb db(projectPath_.toStdString());
        return *project::CohortRepository(db).findPatient(pseudonym);
    }

    std::optional<int> storedLabel(const std::string& pseudonym) {
        project::ProjectDb db(projectPath_.toStdString());
        return project::LabelRepository(db).label(*project::CohortRepository(db).findPatient(pseudonym), "EGFR");
    }

    QTemporaryDir settingsDir_;
    QTemporaryDir cohortDir_;
    synthetic::SyntheticCohortFiles cohort_;
    synthetic::SyntheticCohortFiles external_;
    std::string corruptSlice_;
    std::unique_ptr<QTemporaryDir> work_;
    QString projectPath_;
    std::int64_t runId_ = 0;
};

QTEST_MAIN(TestCohortManager)
#include "test_cohort_manager.moc"
