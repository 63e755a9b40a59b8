#include "ui/ImportWizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWizardPage>
#include <algorithm>
#include <functional>
#include <memory>

#include "core/pipeline/ImportPlan.h"
#include "core/project/ProjectDb.h"
#include "ui/ImportReportModel.h"
#include "ui/TableTools.h"

namespace drs::ui {

namespace {

class SourcesWizardPage : public QWizardPage {
public:
    explicit SourcesWizardPage(std::function<bool()> complete) : complete_(std::move(complete)) {}
    bool isComplete() const override { return complete_(); }

private:
    std::function<bool()> complete_;
};

QTableView* reportTable(ImportReportModel* model, QWidget* parent) {
    auto* table = new QTableView(parent);
    table->setModel(model);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    equipTable(*table);
    return table;
}

QString warningsText(const ImportReport& report) {
    QStringList lines;
    for (const auto& warning : report.warnings) lines << QString::fromStdString(warning).toHtmlEscaped();
    return lines.isEmpty() ? QString() : QStringLiteral("<br>") + lines.join(QStringLiteral("<br>"));
}

}  // namespace

class PreviewWizardPage : public QWizardPage {
public:
    explicit PreviewWizardPage(ImportWizard& wizard) : wizard_(wizard) {}
    void initializePage() override { wizard_.startPreview(); }
    void cleanupPage() override { wizard_.runner_.cancel(); }
    bool isComplete() const override {
        return !wizard_.runner_.isBusy() && wizard_.preview_ && wizard_.preview_->acceptedCount() > 0;
    }
    void refresh() { emit completeChanged(); }

private:
    ImportWizard& wizard_;
};

class ImportWizardPage : public QWizardPage {
public:
    explicit ImportWizardPage(ImportWizard& wizard) : wizard_(wizard) {}
    void initializePage() override { wizard_.startImport(); }
    bool isComplete() const override { return !wizard_.runner_.isBusy() && wizard_.result_.has_value(); }
    void refresh() { emit completeChanged(); }

private:
    ImportWizard& wizard_;
};

ImportWizard::ImportWizard(const QString& projectPath, QWidget* parent) : QWizard(parent), projectPath_(projectPath) {
    setWindowTitle(tr("Import studies into %1").arg(QFileInfo(projectPath).fileName()));
    setOption(QWizard::NoBackButtonOnLastPage);
    resize(1000, 640);

    studiesEdit_ = new QLineEdit;
    clinicalEdit_ = new QLineEdit;
    externalBox_ = new QCheckBox(tr("Import as a locked external validation cohort"));
    externalBox_->setToolTip(
        tr("The patients are never used for fitting, feature selection, classifier choice or thresholds; a "
           "finished run is validated on them afterwards (Study tab). The clinical CSV must have exactly the "
           "project's endpoint and clinical columns."));
    externalNameEdit_ = new QLineEdit;
    externalNameEdit_->setPlaceholderText(tr("e.g. the hospital or data set"));
    externalNameEdit_->setEnabled(false);
    auto* sources = new SourcesWizardPage([this] {
        return QFileInfo(studiesEdit_->text()).isDir() && QFileInfo(clinicalEdit_->text()).isFile() &&
               (!externalBox_->isChecked() || !externalNameEdit_->text().trimmed().isEmpty());
    });
    sources->setTitle(tr("Studies and clinical data"));
    sources->setSubTitle(
        tr("One sub-folder per patient: a DICOM CT series with its RTSTRUCT, SEG or 3D Slicer "
           ".seg.nrrd, or an image and mask pair (NIfTI, NRRD). The clinical CSV needs a patient_id "
           "column; endpoint columns hold 0, 1 or nothing."));
    auto* form = new QFormLayout(sources);
    auto pathRow = [sources](QLineEdit* edit, const QString& browse, std::function<QString()> choose) {
        auto* row = new QHBoxLayout;
        row->addWidget(edit, 1);
        auto* button = new QPushButton(browse, sources);
        QObject::connect(button, &QPushButton::clicked, edit, [edit, choose] {
            const QString path = choose();
            if (!path.isEmpty()) edit->setText(path);
        });
        row->addWidget(button);
        QObject::connect(edit, &QLineEdit::textChanged, sources, &QWizardPage::completeChanged);
        return row;
    };
    form->addRow(tr("Folder of studies:"), pathRow(studiesEdit_, tr("Browse..."), [this] {
                     return QFileDialog::getExistingDirectory(this, tr("Folder of studies"), studiesEdit_->text());
                 }));
    form->addRow(tr("Clinical CSV:"), pathRow(clinicalEdit_, tr("Browse..."), [this] {
                     return QFileDialog::getOpenFileName(this, tr("Clinical CSV"), clinicalEdit_->text(),
                                                         tr("CSV files (*.csv);;All files (*)"));
                 }));
    roiEdit_ = new QLineEdit;
    roiEdit_->setPlaceholderText(tr("the only ROI of each RTSTRUCT / SEG / Slicer segmentation"));
    form->addRow(tr("ROI name:"), roiEdit_);
    roiFileTypeBox_ = new QComboBox;
    roiFileTypeBox_->addItem(tr("any (a folder must hold one, or one defining the ROI name)"), QString());
    roiFileTypeBox_->addItem(tr("RTSTRUCT"), QStringLiteral("rtstruct"));
    roiFileTypeBox_->addItem(tr("DICOM SEG"), QStringLiteral("seg"));
    roiFileTypeBox_->addItem(tr("3D Slicer segmentation (.seg.nrrd)"), QStringLiteral("seg.nrrd"));
    roiFileTypeBox_->setToolTip(
        tr("For study folders holding several ROI files, as TCIA's NSCLC-Radiomics holds an "
           "RTSTRUCT and a SEG of each tumour: the one to import (drs import --roi-file-type)."));
    form->addRow(tr("ROI file:"), roiFileTypeBox_);
    maskLabelBox_ = new QSpinBox;
    maskLabelBox_->setRange(1, 65535);
    form->addRow(tr("Tumour label in mask files:"), maskLabelBox_);
    covariatesEdit_ = new QLineEdit;
    covariatesEdit_->setPlaceholderText(tr("e.g. age, sex, smoking: the only clinical columns stored"));
    form->addRow(tr("Covariates:"), covariatesEdit_);
    form->addRow(externalBox_);
    form->addRow(tr("External cohort name:"), externalNameEdit_);
    threadsBox_ = new QSpinBox;
    threadsBox_->setRange(1, 256);
    threadsBox_->setValue(std::max(1, QThread::idealThreadCount()));
    threadsBox_->setToolTip(
        tr("Studies read, checked and written side by side, as drs import --threads; each holds its image in "
           "memory until it is recorded. The project written does not depend on it."));
    form->addRow(tr("Threads:"), threadsBox_);
    connect(externalBox_, &QCheckBox::toggled, externalNameEdit_, &QLineEdit::setEnabled);
    connect(externalBox_, &QCheckBox::toggled, sources, &QWizardPage::completeChanged);
    connect(externalNameEdit_, &QLineEdit::textChanged, sources, &QWizardPage::completeChanged);
    setPage(SourcesPage, sources);

    auto* preview = new PreviewWizardPage(*this);
    preview->setTitle(tr("Preview: nothing has been written yet"));
    preview->setSubTitle(
        tr("Every study is read and checked as the import will. Refused studies are not imported; "
           "fix them and run the wizard again, or import the others now."));
    preview->setCommitPage(true);
    preview->setButtonText(QWizard::CommitButton, tr("Import"));
    auto* previewLayout = new QVBoxLayout(preview);
    auto* previewRow = new QHBoxLayout;
    previewProgress_ = new QProgressBar;
    previewProgress_->setRange(0, 1000);
    previewRow->addWidget(previewProgress_, 1);
    previewCancel_ = new QToolButton;
    previewCancel_->setText(tr("Cancel"));
    connect(previewCancel_, &QToolButton::clicked, &runner_, &BackgroundRunner::cancel);
    previewRow->addWidget(previewCancel_);
    previewLayout->addLayout(previewRow);
    previewSummary_ = new QLabel;
    previewSummary_->setWordWrap(true);
    previewLayout->addWidget(previewSummary_);
    previewModel_ = new ImportReportModel(this);
    previewLayout->addWidget(reportTable(previewModel_, preview), 1);
    setPage(PreviewPage, preview);

    auto* import = new ImportWizardPage(*this);
    import->setTitle(tr("Import"));
    import->setSubTitle(tr("All or nothing: if you cancel, nothing is written to the project."));
    auto* importLayout = new QVBoxLayout(import);
    auto* importRow = new QHBoxLayout;
    importProgress_ = new QProgressBar;
    importProgress_->setRange(0, 1000);
    importRow->addWidget(importProgress_, 1);
    importCancel_ = new QToolButton;
    importCancel_->setText(tr("Cancel"));
    connect(importCancel_, &QToolButton::clicked, &runner_, &BackgroundRunner::cancel);
    importRow->addWidget(importCancel_);
    importLayout->addLayout(importRow);
    importSummary_ = new QLabel;
    importSummary_->setWordWrap(true);
    importLayout->addWidget(importSummary_);
    resultModel_ = new ImportReportModel(this);
    importLayout->addWidget(reportTable(resultModel_, import), 1);
    setPage(ImportPage, import);

    connect(&runner_, &BackgroundRunner::progressed, this, [this](double fraction, const QString& message) {
        QProgressBar* bar = currentId() == ImportPage ? importProgress_ : previewProgress_;
        bar->setValue(static_cast<int>(fraction * 1000));
        bar->setFormat(message + QStringLiteral(" (%p%)"));
    });
    connect(&runner_, &BackgroundRunner::cancelled, this, [this] {
        onJobStopped(currentId() == ImportPage ? tr("Import cancelled: nothing was written to the project.")
                                               : tr("Preview cancelled."));
    });
    connect(&runner_, &BackgroundRunner::failed, this, [this](const QString& message) {
        onJobStopped(currentId() == ImportPage ? tr("Import failed, nothing was written: %1").arg(message)
                                               : tr("Preview failed: %1").arg(message));
    });
    connect(&runner_, &BackgroundRunner::succeeded, this, [this] {
        if (closeWhenIdle_) QWizard::reject();
    });
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setSources(const QString& studiesFolder, const QString& clinicalCsv) {
    studiesEdit_->setText(studiesFolder);
    clinicalEdit_->setText(clinicalCsv);
}

QToolButton* ImportWizard::cancelJobButton() const {
    return currentId() == ImportPage ? importCancel_ : previewCancel_;
}

ImportOptions ImportWizard::options() const {
    ImportOptions options;
    options.roiName = roiEdit_->text().trimmed().toStdString();
    options.roiFileType = roiFileTypeBox_->currentData().toString().toStdString();
    options.maskLabel = maskLabelBox_->value();
    for (const QString& name : covariatesEdit_->text().split(',', Qt::SkipEmptyParts))
        if (!name.trimmed().isEmpty()) options.covariates.push_back(name.trimmed().toStdString());
    if (externalBox_->isChecked()) options.externalCohort = externalNameEdit_->text().trimmed().toStdString();
    options.threads = threadsBox_->value();
    return options;
}

void ImportWizard::startPreview() {
    preview_.reset();
    previewModel_->setReport({}, true);
    previewSummary_->setText(tr("Reading every study..."));
    previewProgress_->setValue(0);
    previewCancel_->setEnabled(true);
    const std::string project = projectPath_.toStdString();
    const std::string studies = studiesEdit_->text().toStdString();
    const std::string clinical = clinicalEdit_->text().toStdString();
    const ImportOptions chosen = options();
    const bool started = runner_.start(tr("Preview"), [this, project, studies, clinical, chosen](Progress& progress) {
        project::ProjectDb db(project);
        auto report = std::make_shared<const ImportReport>(planImport(db, studies, clinical, chosen, progress));
        return BackgroundRunner::ShowResult([this, report, chosen] {
            preview_ = *report;
            previewModel_->setReport(*report, true);
            previewProgress_->setValue(1000);
            previewCancel_->setEnabled(false);
            QString text = tr("<b>%1</b> studies will be imported, <b>%2</b> refused.")
                               .arg(report->acceptedCount())
                               .arg(report->refusedCount());
            if (!chosen.externalCohort.empty())
                text += QStringLiteral(" ") + tr("They form the locked external cohort <b>%1</b>.")
                                                  .arg(QString::fromStdString(chosen.externalCohort).toHtmlEscaped());
            if (report->acceptedCount() == 0) text += QStringLiteral(" ") + tr("There is nothing to import.");
            previewSummary_->setText(text + warningsText(*report));
            static_cast<PreviewWizardPage*>(page(PreviewPage))->refresh();
            emit previewReady();
        });
    });
    if (!started) previewSummary_->setText(tr("The previous job is still stopping: go back and try again."));
}

void ImportWizard::startImport() {
    result_.reset();
    importProgress_->setValue(0);
    importCancel_->setEnabled(true);
    importSummary_->setText(tr("Importing..."));
    const std::string project = projectPath_.toStdString();
    const std::string studies = studiesEdit_->text().toStdString();
    const std::string clinical = clinicalEdit_->text().toStdString();
    const ImportOptions chosen = options();
    const bool started = runner_.start(tr("Import"), [this, project, studies, clinical, chosen](Progress& progress) {
        project::ProjectDb db(project);
        auto report =
            std::make_shared<const ImportReport>(importCohortAllOrNothing(db, studies, clinical, chosen, progress));
        return BackgroundRunner::ShowResult([this, report, chosen] {
            result_ = *report;
            resultModel_->setReport(*report, false);
            importProgress_->setValue(1000);
            importCancel_->setEnabled(false);
            QString text = tr("<b>%1</b> studies imported, <b>%2</b> refused.")
                               .arg(report->acceptedCount())
                               .arg(report->refusedCount());
            if (!chosen.externalCohort.empty() && report->acceptedCount() > 0)
                text += QStringLiteral(" ") +
                        tr("They form the locked external cohort <b>%1</b>: validate a finished run on it in the "
                           "Study tab.")
                            .arg(QString::fromStdString(chosen.externalCohort).toHtmlEscaped());
            importSummary_->setText(text + warningsText(*report));
            static_cast<ImportWizardPage*>(page(ImportPage))->refresh();
            emit imported(static_cast<int>(report->acceptedCount()));
        });
    });
    if (!started) importSummary_->setText(tr("The previous job is still stopping: close the wizard and try again."));
}

void ImportWizard::onJobStopped(const QString& message) {
    QLabel* summary = currentId() == ImportPage ? importSummary_ : previewSummary_;
    summary->setText(message.toHtmlEscaped());
    previewCancel_->setEnabled(false);
    importCancel_->setEnabled(false);
    emit jobStopped(message);
    if (closeWhenIdle_) QWizard::reject();
}

void ImportWizard::reject() {
    if (runner_.isBusy()) {
        closeWhenIdle_ = true;
        runner_.cancel();
        return;
    }
    QWizard::reject();
}

}  // namespace drs::ui
