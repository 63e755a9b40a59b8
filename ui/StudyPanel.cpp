#include "ui/StudyPanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/image/ImageIO.h"
#include "core/pipeline/ExternalValidation.h"
#include "core/pipeline/Prediction.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/project/Rois.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"
#include "ui/BackboneComparisonView.h"
#include "ui/CohortTableView.h"
#include "ui/EvidenceView.h"
#include "ui/PredictionView.h"
#include "ui/report/ReportWriter.h"

namespace drs::ui {

// What a job read from the project, handed to the GUI thread.
struct ProjectSnapshot {
    QString path;
    std::vector<project::RunRow> runs;  // newest first
    std::int64_t runId = 0;             // the run shown; 0 when the project has none
    StudyEvidence evidence;
    QStringList endpoints;
    QStringList externalCohorts;
    QStringList trainingCentres;  // of the newest finished run, the one predictions use
    QString gradCamFolder;
    std::map<std::int64_t, int> stalePatients;  // run id -> patients whose ROI was edited since the run used it
};

namespace {

ProjectSnapshot readProject(project::ProjectDb& db, const QString& path, std::int64_t runId) {
    ProjectSnapshot snapshot;
    snapshot.path = path;
    snapshot.runs = pipelineRuns(db);
    for (const project::StaleUse& stale : project::RoiRepository(db).staleRuns()) ++snapshot.stalePatients[stale.id];
    project::CohortRepository cohorts(db);
    for (const auto& endpoint : cohorts.endpoints()) snapshot.endpoints << QString::fromStdString(endpoint);
    for (const auto& cohort : cohorts.externalCohorts()) snapshot.externalCohorts << QString::fromStdString(cohort);
    const auto newestFinished = std::find_if(snapshot.runs.begin(), snapshot.runs.end(),
                                             [](const project::RunRow& run) { return run.status == "finished"; });
    if (newestFinished != snapshot.runs.end()) {
        std::map<std::int64_t, std::string> centreOf;
        for (const auto& patient : cohorts.patients()) centreOf[patient.id] = patient.centre;
        std::set<std::string> centres;
        project::RunRepository runs(db);
        for (const auto& endpoint : cohorts.endpoints())
            for (const auto& row : runs.split(newestFinished->id, endpoint))
                if (!row.test) centres.insert(centreOf[row.patientId]);
        centres.erase("");
        for (const auto& centre : centres) snapshot.trainingCentres << QString::fromStdString(centre);
    }
    if (runId == 0) {
        if (newestFinished != snapshot.runs.end()) runId = newestFinished->id;
        if (runId == 0 && !snapshot.runs.empty()) runId = snapshot.runs.front().id;
    }
    if (runId != 0) {
        snapshot.runId = runId;
        snapshot.evidence = runEvidence(db, runId);
        snapshot.gradCamFolder = QString::fromStdString(db.absoluteFilePath(runModelFolder(runId)));
    }
    return snapshot;
}

QString runTitle(const project::RunRow& run) {
    QString started = QString::fromStdString(run.startedAt).left(16);
    started.replace(QLatin1Char('T'), QLatin1Char(' '));
    return StudyPanel::tr("Run %1 (seed %2): %3, started %4 UTC")
        .arg(run.id)
        .arg(run.seed)
        .arg(QString::fromStdString(run.status), started);
}

}  // namespace

StudyPanel::StudyPanel(BackgroundRunner& runner, DeepCtFactory deepCt, ViewerStudySource viewerStudy, QWidget* parent)
    : QWidget(parent), runner_(runner), deepCt_(std::move(deepCt)), viewerStudy_(std::move(viewerStudy)) {
    auto* layout = new QVBoxLayout(this);

    auto* projectRow = new QHBoxLayout;
    projectRow->addWidget(new QLabel(tr("Project:"), this));
    projectLabel_ = new QLabel(tr("none"), this);
    projectLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    projectRow->addWidget(projectLabel_, 1);
    openButton_ = new QPushButton(tr("Open project..."), this);
    connect(openButton_, &QPushButton::clicked, this, &StudyPanel::chooseProject);
    projectRow->addWidget(openButton_);
    projectRow->addWidget(new QLabel(tr("Run:"), this));
    runCombo_ = new QComboBox(this);
    runCombo_->setMinimumContentsLength(40);
    runCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connect(runCombo_, &QComboBox::activated, this, [this](int index) {
        if (index >= 0) openProject(projectPath_, runCombo_->itemData(index).toLongLong());
    });
    projectRow->addWidget(runCombo_);
    reportButton_ = new QPushButton(tr("Save study report..."), this);
    connect(reportButton_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save study report"), QString(), tr("PDF (*.pdf)"));
        if (!path.isEmpty()) saveStudyReport(path);
    });
    projectRow->addWidget(reportButton_);
    layout->addLayout(projectRow);

    runSettings_ = new RunSettingsPanel(this);
    RunSettings defaults = runSettings_->settings();
    defaults.threads = std::max(1, QThread::idealThreadCount());
    runSettings_->setSettings(defaults);
    runSettings_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    layout->addWidget(runSettings_);

    auto* runRow = new QHBoxLayout;
    runButton_ = new QPushButton(tr("Run study"), this);
    runButton_->setToolTip(tr("Runs the Deep-RadScore pipeline; an unfinished run with the same settings resumes."));
    connect(runButton_, &QPushButton::clicked, this, &StudyPanel::runStudy);
    runRow->addWidget(runButton_);
    runRow->addSpacing(12);
    runRow->addWidget(new QLabel(tr("External cohort:"), this));
    externalCombo_ = new QComboBox(this);
    externalCombo_->setMinimumContentsLength(12);
    externalCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    runRow->addWidget(externalCombo_);
    validateButton_ = new QPushButton(tr("Validate on external cohort"), this);
    validateButton_->setToolTip(
        tr("Evaluates the shown finished run once on the chosen locked external cohort, at the run's own "
           "thresholds (as drs validate); an earlier validation on that cohort is replaced."));
    connect(validateButton_, &QPushButton::clicked, this, &StudyPanel::validateOnExternalCohort);
    runRow->addWidget(validateButton_);
    runRow->addStretch(1);
    predictButton_ = new QPushButton(tr("Predict current study"), this);
    predictButton_->setToolTip(
        tr("Predicts every endpoint for the study and mask open in the Images tab with the "
           "newest finished run."));
    connect(predictButton_, &QPushButton::clicked, this, &StudyPanel::predictCurrentStudy);
    runRow->addWidget(new QLabel(tr("Patient's centre:"), this));
    centreCombo_ = new QComboBox(this);
    centreCombo_->setToolTip(
        tr("For a run harmonised by centre (ComBat): the training estimates of this centre are applied to the "
           "patient's features; \"unknown\" takes a project patient's own centre and leaves any other patient's "
           "features as extracted. The prediction records which (as drs predict --centre)."));
    centreCombo_->addItem(tr("unknown"), QString());
    runRow->addWidget(centreCombo_);
    runRow->addWidget(predictButton_);
    savePredictionButton_ = new QPushButton(tr("Save patient report..."), this);
    connect(savePredictionButton_, &QPushButton::clicked, this, [this] {
        if (!lastPrediction_) return;
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save patient report"), QString(), tr("PDF (*.pdf)"));
        if (path.isEmpty()) return;
        try {
            writePatientReport(*lastPrediction_, path.toStdString());
        } catch (const std::exception& e) {
            emit errorOccurred(QString::fromUtf8(e.what()));
        }
    });
    runRow->addWidget(savePredictionButton_);
    layout->addLayout(runRow);

    runStatus_ = new QLabel(this);
    runStatus_->setWordWrap(true);
    layout->addWidget(runStatus_);

    tabs_ = new QTabWidget(this);
    evidenceView_ = new EvidenceView(tabs_);
    predictionView_ = new PredictionView(tabs_);
    tabs_->addTab(evidenceView_, tr("Evidence"));
    tabs_->addTab(predictionView_, tr("Prediction"));
    cohortView_ = new CohortTableView(tabs_);
    tabs_->addTab(cohortView_, tr("Cohort (Table 1)"));
    backboneView_ = new BackboneComparisonView(tabs_);
    tabs_->addTab(backboneView_, tr("Backbones"));
    connect(backboneView_, &BackboneComparisonView::errorOccurred, this, &StudyPanel::errorOccurred);
    layout->addWidget(tabs_, 1);

    connect(&runner_, &BackgroundRunner::started, this, &StudyPanel::updateControls);
    connect(&runner_, &BackgroundRunner::progressed, this, &StudyPanel::showProgress);
    connect(&runner_, &BackgroundRunner::succeeded, this, [this] { onJobEnded(true); });
    connect(&runner_, &BackgroundRunner::failed, this, [this] { onJobEnded(false); });
    connect(&runner_, &BackgroundRunner::cancelled, this, [this] { onJobEnded(false); });
    updateControls();
}

StudyPanel::~StudyPanel() = default;

void StudyPanel::showProgress(double fraction, const QString& message) {
    if (task_ != Task::Run && task_ != Task::Predict && task_ != Task::Validate) return;
    timeLeft_.update(fraction, std::chrono::steady_clock::now());
    QString text = tr("%1% done: %2").arg(qRound(fraction * 100)).arg(message);
    if (const QString left = timeLeftText(timeLeft_.secondsLeft()); !left.isEmpty())
        text += QStringLiteral(" - ") + left;
    runStatus_->setText(text);
}

void StudyPanel::chooseProject() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open project"), projectPath_.isEmpty() ? startFolder_ : QFileInfo(projectPath_).absolutePath(),
        tr("Project databases (*.sqlite *.db);;All files (*)"));
    if (!path.isEmpty()) openProject(path);
}

bool StudyPanel::startTask(Task task, const QString& title, BackgroundRunner::Job job) {
    if (!runner_.start(title, std::move(job))) {
        emit errorOccurred(tr("Please wait: another task is still running."));
        return false;
    }
    task_ = task;
    timeLeft_.restart();
    updateControls();
    return true;
}

void StudyPanel::openProject(const QString& path, std::int64_t runId) {
    // Opening creates a database file that does not exist: refuse that here.
    if (!QFileInfo(path).isFile()) {
        emit errorOccurred(tr("%1: no such project database file.").arg(path));
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    startTask(Task::Load, tr("Reading project"), [this, absolute, runId](Progress& progress) {
        progress.step(0.0, "reading " + absolute.toStdString());
        project::ProjectDb db(absolute.toStdString());
        auto snapshot = std::make_shared<const ProjectSnapshot>(readProject(db, absolute, runId));
        return BackgroundRunner::ShowResult([this, snapshot] { showSnapshot(*snapshot); });
    });
}

void StudyPanel::runStudy() {
    if (projectPath_.isEmpty()) {
        emit errorOccurred(tr("Open a project database before running the study."));
        return;
    }
    if (!deepCt_) {
        emit errorOccurred(tr("This build has no Deep-CT engine; run the study with drs train."));
        return;
    }
    RunSettings settings = runSettings_->settings();
    if (settings.endpoints.empty() && !endpointMenu()->actions().isEmpty()) {
        bool any = false;
        for (QAction* action : endpointMenu()->actions()) any = any || action->isChecked();
        if (!any) {
            emit errorOccurred(tr("Choose at least one endpoint to analyse."));
            return;
        }
    }
    if (!settings.imagenetWeightsPath.empty() &&
        !QFileInfo(QString::fromStdString(settings.imagenetWeightsPath)).isFile()) {
        emit errorOccurred(tr("%1: no such ImageNet weights file. Choose a converted weights file (see "
                              "docs/deep-models.md) or clear the field to train from scratch.")
                               .arg(QString::fromStdString(settings.imagenetWeightsPath)));
        return;
    }
    try {
        settings.loadRadiomicsParams();
    } catch (const std::exception& e) {
        emit errorOccurred(QString::fromStdString(e.what()));
        return;
    }
    const StudyOptions options = settings.toOptions();

    const QString path = projectPath_;
    DeepCtFactory factory = deepCt_;
    startTask(Task::Run, tr("Running the study"), [this, path, options, factory](Progress& progress) {
        project::ProjectDb db(path.toStdString());
        const std::unique_ptr<DeepCtPort> deep = factory();
        StudyPipeline pipeline(db, *deep);
        const std::int64_t runId = pipeline.run(options, progress, true);
        auto snapshot = std::make_shared<const ProjectSnapshot>(readProject(db, path, runId));
        return BackgroundRunner::ShowResult([this, snapshot] {
            showSnapshot(*snapshot);
            emit runFinished(snapshot->runId);
        });
    });
}

void StudyPanel::predictCurrentStudy() {
    if (projectPath_.isEmpty()) {
        emit errorOccurred(tr("Open a project database with a finished run before predicting."));
        return;
    }
    if (!deepCt_) {
        emit errorOccurred(tr("This build has no Deep-CT engine; predict with drs predict."));
        return;
    }
    const std::optional<ViewerStudy> study = viewerStudy_ ? viewerStudy_() : std::nullopt;
    if (!study || !study->mask) {
        emit errorOccurred(tr("Open a study and its tumour mask in the Images tab before predicting."));
        return;
    }
    if (!predictionFolder_) {
        predictionFolder_ =
            std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/deepradscore-prediction-XXXXXX"));
        if (!predictionFolder_->isValid()) {
            emit errorOccurred(tr("%1: cannot create a folder for the prediction images.").arg(QDir::tempPath()));
            predictionFolder_.reset();
            return;
        }
    }
    const std::string folder =
        predictionFolder_->filePath(QStringLiteral("prediction-%1").arg(++predictionCount_)).toStdString();
    const std::string path = projectPath_.toStdString();
    const std::string studyPath = study->studyPath.toStdString(), series = study->seriesInstanceUid.toStdString();
    std::shared_ptr<const LabelMap> mask = study->mask;
    const std::uint16_t label = study->label;
    const std::string centre = centreCombo_->currentData().toString().toStdString();
    DeepCtFactory factory = deepCt_;
    startTask(Task::Predict, tr("Predicting"),
              [this, folder, path, studyPath, series, mask, label, centre, factory](Progress& progress) {
                  // The mask as the viewer holds it (RTSTRUCT rasterised, brush edits included).
                  std::filesystem::create_directories(std::filesystem::u8path(folder));
                  const std::string maskFile = (std::filesystem::u8path(folder) / "mask.nii.gz").string();
                  writeLabelMap(*mask, maskFile);
                  project::ProjectDb db(path);
                  const std::unique_ptr<DeepCtPort> deep = factory();
                  PredictionRequest request;
                  request.studyPath = studyPath;
                  request.seriesInstanceUid = series;
                  request.maskPath = maskFile;
                  request.label = label;
                  request.centre = centre;
                  request.outputFolder = folder;
                  auto prediction =
                      std::make_shared<const PatientPrediction>(predictPatient(db, *deep, request, progress));
                  return BackgroundRunner::ShowResult([this, prediction] {
                      lastPrediction_ = *prediction;
                      predictionView_->showPrediction(*prediction);
                      tabs_->setCurrentWidget(predictionView_);
                      emit predictionShown();
                  });
              });
}

void StudyPanel::validateOnExternalCohort() {
    if (projectPath_.isEmpty()) {
        emit errorOccurred(tr("Open a project database with a finished run before validating."));
        return;
    }
    if (!deepCt_) {
        emit errorOccurred(tr("This build has no Deep-CT engine; validate with drs validate."));
        return;
    }
    const QString cohort = externalCombo_->currentText();
    if (cohort.isEmpty()) {
        emit errorOccurred(tr("%1: the project has no external cohort. Import one with Import studies... and "
                              "\"Import as a locked external validation cohort\".")
                               .arg(QFileInfo(projectPath_).fileName()));
        return;
    }
    if (shownRunId_ == 0 || shownRunStatus_ != QStringLiteral("finished")) {
        emit errorOccurred(
            shownRunId_ == 0
                ? tr("%1: the project has no pipeline run to validate. Nothing was written.")
                      .arg(QFileInfo(projectPath_).fileName())
                : tr("%1: run %2 is %3, not finished: only a finished run can be validated on an external cohort. "
                     "Nothing was written.")
                      .arg(QFileInfo(projectPath_).fileName())
                      .arg(shownRunId_)
                      .arg(shownRunStatus_));
        return;
    }
    const QString path = projectPath_;
    const std::int64_t runId = shownRunId_;
    DeepCtFactory factory = deepCt_;
    startTask(Task::Validate, tr("Validating on %1").arg(cohort),
              [this, path, runId, cohort, factory](Progress& progress) {
                  project::ProjectDb db(path.toStdString());
                  const std::unique_ptr<DeepCtPort> deep = factory();
                  SubProgress validation(progress, 0.0, 0.95);
                  drs::validateOnExternalCohort(db, *deep, runId, cohort.toStdString(), validation);
                  progress.step(0.95, "reading the run's evidence");
                  auto snapshot = std::make_shared<const ProjectSnapshot>(readProject(db, path, runId));
                  return BackgroundRunner::ShowResult([this, snapshot, cohort] {
                      showSnapshot(*snapshot);
                      externalCombo_->setCurrentText(cohort);
                      evidenceView_->showExternalTab();
                      tabs_->setCurrentWidget(evidenceView_);
                      emit externalValidated(snapshot->runId, cohort);
                  });
              });
}

bool StudyPanel::saveStudyReport(const QString& pdfPath) {
    if (projectPath_.isEmpty() || shownRunId_ == 0 || runner_.isBusy()) return false;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    try {
        project::ProjectDb db(projectPath_.toStdString());
        SilentProgress progress;
        writeRunReport(db, shownRunId_, pdfPath.toStdString(), progress);
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
    }
    QApplication::restoreOverrideCursor();
    if (!error.isEmpty()) emit errorOccurred(error);
    return error.isEmpty();
}

void StudyPanel::onJobEnded(bool succeeded) {
    const Task ended = task_;
    task_ = Task::None;
    if (ended == Task::Run && !succeeded) {
        // The run is now marked cancelled or failed: show that, and what it finished meanwhile.
        reloadPending_ = true;
        emit runStopped();
    }
    if (reloadPending_ && !runner_.isBusy() && !projectPath_.isEmpty()) {
        reloadPending_ = false;
        openProject(projectPath_, 0);
    }
    updateControls();
}

void StudyPanel::showSnapshot(const ProjectSnapshot& snapshot) {
    projectPath_ = snapshot.path;
    shownRunId_ = snapshot.runId;
    shownRunStatus_.clear();
    {
        const QString chosen = centreCombo_->currentText();
        const QSignalBlocker blocker(centreCombo_);
        centreCombo_->clear();
        for (const QString& centre : snapshot.trainingCentres) centreCombo_->addItem(centre, centre);
        centreCombo_->addItem(tr("unknown"), QString());
        const int kept = centreCombo_->findText(chosen);
        centreCombo_->setCurrentIndex(kept >= 0 ? kept : centreCombo_->count() - 1);
    }
    {
        const QString chosen = externalCombo_->currentText();
        const QSignalBlocker blocker(externalCombo_);
        externalCombo_->clear();
        externalCombo_->addItems(snapshot.externalCohorts);
        if (snapshot.externalCohorts.contains(chosen)) externalCombo_->setCurrentText(chosen);
    }
    projectLabel_->setText(QDir::toNativeSeparators(snapshot.path));
    {
        const QSignalBlocker blocker(runCombo_);
        runCombo_->clear();
        for (const auto& run : snapshot.runs) {
            runCombo_->addItem(snapshot.stalePatients.count(run.id)
                                   ? tr("%1 - stale: outlines edited since").arg(runTitle(run))
                                   : runTitle(run),
                               static_cast<qlonglong>(run.id));
            if (run.id == snapshot.runId) runCombo_->setCurrentIndex(runCombo_->count() - 1);
        }
    }
    runSettings_->setEndpoints(snapshot.endpoints);

    const auto shown = std::find_if(snapshot.runs.begin(), snapshot.runs.end(),
                                    [&](const project::RunRow& run) { return run.id == snapshot.runId; });
    if (shown == snapshot.runs.end()) {
        runStatus_->setText(tr("No pipeline run yet: choose the settings and press \"Run study\"."));
        evidenceView_->showMessage(tr("The project has no pipeline run yet."));
        cohortView_->clear();
        backboneView_->setRunBackbone({});
    } else {
        shownRunStatus_ = QString::fromStdString(shown->status);
        // The run's settings, so that "Run study" resumes it.
        const auto settings = RunSettings::ofRunParameters(shown->parametersJson, runSettings_->settings());
        if (settings) runSettings_->setSettings(*settings);
        const auto stale = snapshot.stalePatients.find(shown->id);
        const QString status =
            runStatusText(shown->id, QString::fromStdString(shown->status), QString::fromStdString(shown->message),
                          settings.has_value(), stale == snapshot.stalePatients.end() ? 0 : stale->second);
        runStatus_->setText(status);
        evidenceView_->showEvidence(snapshot.evidence, snapshot.gradCamFolder);
        cohortView_->showEvidence(snapshot.evidence);
        backboneView_->setRunBackbone(snapshot.evidence.endpoints.empty()
                                          ? QString()
                                          : QString::fromStdString(snapshot.evidence.endpoints.front().deepBackbone));
    }
    updateControls();
    emit projectShown(snapshot.runId);
}

QString StudyPanel::runStatusText(std::int64_t runId, const QString& status, const QString& message,
                                  bool settingsAreTheRuns, int stalePatients) {
    if (stalePatients > 0)
        return tr("Run %1 is stale: the outlines of %n patient(s) were edited after it used them (new ROI "
                  "versions), so its numbers do not reflect them. \"Run study\" starts a new run from the "
                  "current outlines.",
                  nullptr, stalePatients)
            .arg(runId);
    const QString notOffered =
        tr("It was made with options the run settings do not offer (its parameters are on "
           "the report's provenance page), so the settings shown are not its own.");
    if (status == "finished") {
        const QString finished = tr("Run %1 finished: the evidence below is complete.").arg(runId);
        return settingsAreTheRuns ? finished : finished + ' ' + notOffered;
    }
    if (!settingsAreTheRuns)
        return tr("Run %1 is %2. %3 \"Run study\" starts a new run with the settings shown; drs train with the "
                  "run's own options resumes it.")
            .arg(runId)
            .arg(status, notOffered);
    if (status == "running")
        return tr("Run %1 is marked running (interrupted, or running elsewhere): \"Run study\" with the same "
                  "settings resumes it.")
            .arg(runId);
    return tr("Run %1 %2: %3 \"Run study\" with the same settings resumes it; below is what it finished.")
        .arg(runId)
        .arg(status, message);
}

void StudyPanel::updateControls() {
    const bool idle = !runner_.isBusy();
    const bool open = !projectPath_.isEmpty();
    openButton_->setEnabled(idle);
    runCombo_->setEnabled(idle && open);
    runSettings_->setEnabled(idle && open && deepCt_);
    runButton_->setEnabled(idle && open && deepCt_);
    predictButton_->setEnabled(idle && open && deepCt_);
    centreCombo_->setEnabled(idle && open && deepCt_);
    externalCombo_->setEnabled(idle && externalCombo_->count() > 0);
    validateButton_->setEnabled(idle && open && deepCt_ && externalCombo_->count() > 0);
    savePredictionButton_->setEnabled(idle && lastPrediction_.has_value());
    reportButton_->setEnabled(idle && shownRunId_ != 0);
    if (!deepCt_) runButton_->setToolTip(tr("This build has no Deep-CT engine."));
}

}  // namespace drs::ui
