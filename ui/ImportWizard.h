#pragma once
#include <optional>

#include <QString>
#include <QWizard>

#include "core/pipeline/Import.h"
#include "ui/BackgroundRunner.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSpinBox;
class QTableView;
class QToolButton;

namespace drs::ui {

class ImportReportModel;

// Brings a cohort into a project: choose a folder of studies (DICOM with RTSTRUCT or SEG, or
// NIfTI / NRRD image and mask pairs) and a clinical CSV; the preview then shows, before anything
// is written, what will be imported and what is refused and why (planImport: the engine of
// drs import, reading every study); Import stores it all or nothing (importCohortAllOrNothing).
// Both run off the GUI thread with progress and Cancel; a cancelled import writes nothing, and
// closing the wizard during a job cancels it first. Checked "external cohort", the studies become
// a named, locked external validation cohort (drs import --external NAME), which no run fits on.
class ImportWizard : public QWizard {
    Q_OBJECT
public:
    enum Page { SourcesPage = 0, PreviewPage, ImportPage };

    explicit ImportWizard(const QString& projectPath, QWidget* parent = nullptr);
    ~ImportWizard() override;

    void setSources(const QString& studiesFolder, const QString& clinicalCsv);
    QLineEdit* studiesEdit() const { return studiesEdit_; }
    QLineEdit* clinicalEdit() const { return clinicalEdit_; }
    QLineEdit* roiEdit() const { return roiEdit_; }
    QSpinBox* maskLabelBox() const { return maskLabelBox_; }
    // Which of a study folder's several ROI files to import (ImportOptions::roiFileType): item data
    // "", "rtstruct", "seg", "seg.nrrd".
    QComboBox* roiFileTypeBox() const { return roiFileTypeBox_; }
    QLineEdit* covariatesEdit() const { return covariatesEdit_; }
    QCheckBox* externalBox() const { return externalBox_; }
    QLineEdit* externalNameEdit() const { return externalNameEdit_; }
    QSpinBox* threadsBox() const { return threadsBox_; }
    ImportReportModel* previewModel() const { return previewModel_; }
    ImportReportModel* resultModel() const { return resultModel_; }
    QLabel* previewSummary() const { return previewSummary_; }
    QLabel* importSummary() const { return importSummary_; }
    QToolButton* cancelJobButton() const;
    BackgroundRunner& runner() { return runner_; }
    const std::optional<ImportReport>& preview() const { return preview_; }
    const std::optional<ImportReport>& result() const { return result_; }
    // What the preview and the import run with, as the sources page sets it.
    ImportOptions options() const;

    void reject() override;

signals:
    void previewReady();
    void imported(int acceptedCount);
    // The job stopped early: cancelled (nothing written) or failed (message).
    void jobStopped(const QString& message);

private:
    friend class PreviewWizardPage;
    friend class ImportWizardPage;
    void startPreview();
    void startImport();
    void onJobStopped(const QString& message);

    QString projectPath_;
    BackgroundRunner runner_;
    std::optional<ImportReport> preview_;
    std::optional<ImportReport> result_;
    bool closeWhenIdle_ = false;

    QLineEdit* studiesEdit_ = nullptr;
    QLineEdit* clinicalEdit_ = nullptr;
    QLineEdit* roiEdit_ = nullptr;
    QSpinBox* maskLabelBox_ = nullptr;
    QComboBox* roiFileTypeBox_ = nullptr;
    QSpinBox* threadsBox_ = nullptr;
    QLineEdit* covariatesEdit_ = nullptr;
    QCheckBox* externalBox_ = nullptr;
    QLineEdit* externalNameEdit_ = nullptr;
    QProgressBar* previewProgress_ = nullptr;
    QToolButton* previewCancel_ = nullptr;
    QLabel* previewSummary_ = nullptr;
    ImportReportModel* previewModel_ = nullptr;
    QProgressBar* importProgress_ = nullptr;
    QToolButton* importCancel_ = nullptr;
    QLabel* importSummary_ = nullptr;
    ImportReportModel* resultModel_ = nullptr;
};

}  // namespace drs::ui
