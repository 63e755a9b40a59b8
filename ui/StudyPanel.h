#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include <QString>
#include <QStringList>
#include <QWidget>

#include "core/image/Grid.h"
#include "core/pipeline/DeepCtPort.h"
#include "core/pipeline/Evidence.h"
#include "ui/BackgroundRunner.h"
#include "ui/RunSettings.h"
#include "ui/TimeLeft.h"

class QComboBox;
class QLabel;
class QMenu;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTemporaryDir;
class QToolButton;

namespace drs::ui {

class BackboneComparisonView;
class CohortTableView;
class EvidenceView;
class PredictionView;
struct ProjectSnapshot;

// Makes the Deep-CT engine for a job (the application wires in the LibTorch port, so drs_ui
// itself links no LibTorch). Called on the job's thread.
using DeepCtFactory = std::function<std::unique_ptr<DeepCtPort>()>;

// What the image viewer has open, for "Predict current study".
struct ViewerStudy {
    QString studyPath;
    QString seriesInstanceUid;             // the DICOM series shown, of a folder that may hold several
    std::shared_ptr<const LabelMap> mask;  // a snapshot: edits made since are not in it
    std::uint16_t label = 1;
};
using ViewerStudySource = std::function<std::optional<ViewerStudy>()>;

// The study coordinator's tab: a project database, its pipeline runs and their evidence, running
// the pipeline (resuming an unfinished run with the same settings), validating the shown finished
// run on a locked external cohort, and predicting the study open in the viewer with the newest
// finished run. Long work goes through the window's
// BackgroundRunner, whose progress bar and Cancel button show it; every job opens its own
// connection to the project on its own thread.
class StudyPanel : public QWidget {
    Q_OBJECT
public:
    // Without a deepCt factory the panel only shows evidence (run and predict stay disabled).
    StudyPanel(BackgroundRunner& runner, DeepCtFactory deepCt, ViewerStudySource viewerStudy,
               QWidget* parent = nullptr);
    ~StudyPanel() override;

    // Reads the project and shows runId's evidence (0: the newest finished run, else the newest run).
    void openProject(const QString& path, std::int64_t runId = 0);
    // The line above the evidence: what the shown run is and what "Run study" does next. A run
    // made with options the run settings cannot show (RunSettings::ofRunParameters finds none)
    // is not shown in them (settingsAreTheRuns false), so "Run study" would start a new run.
    // stalePatients: patients whose outlines were edited after the run used them.
    static QString runStatusText(std::int64_t runId, const QString& status, const QString& message,
                                 bool settingsAreTheRuns, int stalePatients);
    // The pipeline with the settings shown (runSettings()).
    void runStudy();
    void predictCurrentStudy();
    // The shown run evaluated on the external cohort chosen in externalChooser() (drs validate):
    // refused with a message when the run has not finished or the project has no external cohort.
    void validateOnExternalCohort();
    // The shown run's study report (PDF), also kept in the project as drs report does. Renders
    // on the GUI thread (the report writer needs it): about 2 s for ten endpoints.
    bool saveStudyReport(const QString& pdfPath);

    QString projectPath() const { return projectPath_; }
    std::int64_t shownRunId() const { return shownRunId_; }
    EvidenceView* evidenceView() const { return evidenceView_; }
    PredictionView* predictionView() const { return predictionView_; }
    CohortTableView* cohortTableView() const { return cohortView_; }
    BackboneComparisonView* backboneView() const { return backboneView_; }
    QTabWidget* tabs() const { return tabs_; }
    QComboBox* runChooser() const { return runCombo_; }
    RunSettingsPanel* runSettings() const { return runSettings_; }
    QComboBox* settingsChooser() const { return runSettings_->modeChooser(); }
    QSpinBox* seedBox() const { return runSettings_->seedBox(); }
    QSpinBox* epochsBox() const { return runSettings_->epochsBox(); }
    QMenu* endpointMenu() const { return runSettings_->endpointMenu(); }
    // The backbones and the device the application's Deep-CT engine offers.
    void setEngine(const DeepCtEngineInfo& engine) { runSettings_->setEngine(engine); }
    // Where "Open project..." starts when no project is open.
    void setStartFolder(const QString& folder) { startFolder_ = folder; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* predictButton() const { return predictButton_; }
    // The patient's centre for "Predict current study": the training centres of the newest finished
    // run, then "unknown" (no centre: a run harmonised by centre leaves the features as extracted).
    QComboBox* centreChooser() const { return centreCombo_; }
    QComboBox* externalChooser() const { return externalCombo_; }
    QPushButton* validateButton() const { return validateButton_; }
    QPushButton* reportButton() const { return reportButton_; }
    QLabel* runStatusLabel() const { return runStatus_; }

public slots:
    void chooseProject();

signals:
    // The project's runs and the chosen run's evidence are on screen.
    void projectShown(qint64 runId);
    void runFinished(qint64 runId);
    // The pipeline stopped early (cancelled or failed); the project is reread afterwards.
    void runStopped();
    void predictionShown();
    // The shown run was validated on the cohort; its evidence, validation included, is on screen.
    void externalValidated(qint64 runId, const QString& cohort);
    void errorOccurred(const QString& message);

private:
    enum class Task { None, Load, Run, Predict, Validate };
    bool startTask(Task task, const QString& title, BackgroundRunner::Job job);
    void onJobEnded(bool succeeded);
    void showSnapshot(const ProjectSnapshot& snapshot);
    void updateControls();
    void showProgress(double fraction, const QString& message);

    BackgroundRunner& runner_;
    DeepCtFactory deepCt_;
    ViewerStudySource viewerStudy_;
    QString projectPath_;
    QString startFolder_;
    std::int64_t shownRunId_ = 0;
    QString shownRunStatus_;
    Task task_ = Task::None;
    bool reloadPending_ = false;
    std::unique_ptr<QTemporaryDir> predictionFolder_;
    int predictionCount_ = 0;
    std::optional<PatientPrediction> lastPrediction_;

    QLabel* projectLabel_ = nullptr;
    QPushButton* openButton_ = nullptr;
    QComboBox* runCombo_ = nullptr;
    QLabel* runStatus_ = nullptr;
    RunSettingsPanel* runSettings_ = nullptr;
    TimeLeft timeLeft_;
    QPushButton* runButton_ = nullptr;
    QPushButton* predictButton_ = nullptr;
    QComboBox* centreCombo_ = nullptr;
    QComboBox* externalCombo_ = nullptr;
    QPushButton* validateButton_ = nullptr;
    QPushButton* savePredictionButton_ = nullptr;
    QPushButton* reportButton_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    EvidenceView* evidenceView_ = nullptr;
    PredictionView* predictionView_ = nullptr;
    CohortTableView* cohortView_ = nullptr;
    BackboneComparisonView* backboneView_ = nullptr;
};

}  // namespace drs::ui
