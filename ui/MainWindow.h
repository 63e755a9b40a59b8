#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QImage>
#include <QMainWindow>

#include "core/image/Grid.h"
#include "core/radiomics/Shape.h"
#include "core/radiomics/VoxelMaps.h"
#include "core/roi/SlicerSegmentation.h"
#include "ui/BackgroundRunner.h"
#include "ui/Preferences.h"
#include "ui/StudyData.h"
#include "ui/StudyPanel.h"
#include "ui/TimeLeft.h"
#include "viewers/HeatMap.h"
#include "viewers/SlicePlane.h"
#include "viewers/SurfaceView.h"

class QCloseEvent;
class QComboBox;
class QInputDialog;
class QLabel;
class QProgressBar;
class QTabWidget;
class QTimer;
class QToolBar;
class QToolButton;

namespace drs::viewers {
class SliceView;
}  // namespace drs::viewers

namespace drs::ui {
class CohortPanel;
class ElidedLabel;
class ProjectMenu;
class RoiTools;
}  // namespace drs::ui

namespace drs {
struct Regions;
}

namespace drs::ui {

// The main window. The Images tab: a study with its tumour mask in three slice views and a 3D
// view. The Study tab (StudyPanel): a project database, its pipeline runs and evidence, and
// predictions for the study open in the Images tab. Long work runs off the GUI thread, one job at
// a time, with the status bar's progress bar and Cancel button; errors (unreadable files, a mask
// of another geometry, a missing label, a bad project) are shown to the user and reported
// through loadFailed().
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // deepCt: the Deep-CT engine for running the pipeline and predicting (empty: evidence only).
    explicit MainWindow(DeepCtFactory deepCt = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // mask may be empty; no label picks the first label present. roiName chooses the ROI of an
    // RTSTRUCT mask (empty: the file must have exactly one). A DICOM folder is read with its
    // subfolders; seriesUid chooses among its image series, and when it holds several and none is
    // given, a dialog (seriesChooser()) asks which, listing each series' modality, description,
    // images, subfolder and the outlines of the folder's RTSTRUCT and SEG files drawn on it (the
    // first such series chosen to begin with).
    void openStudy(const QString& studyPath, const QString& maskPath = {}, std::optional<int> label = {},
                   const QString& roiName = {}, const QString& seriesUid = {});
    void openMask(const QString& maskPath, std::optional<int> label = {}, const QString& roiName = {});
    // Shows the Study tab and reads the project there.
    void openProject(const QString& projectPath);

    StudyPanel* studyPanel() const { return studyPanel_; }
    // The Cohort tab: project overview, cohort table and label editing.
    CohortPanel* cohortPanel() const { return cohortPanel_; }
    ProjectMenu* projectMenu() const { return projectMenu_; }
    void showImagesTab();
    void showCohortTab();
    void showStudyTab();
    QToolButton* cancelButton() const { return cancelButton_; }
    ElidedLabel* progressText() const { return progressText_; }
    QProgressBar* progressBar() const { return progressBar_; }
    BackgroundRunner& backgroundRunner() { return runner_; }

    viewers::SliceView* sliceView(viewers::SliceOrientation orientation) const;
    viewers::SurfaceView* surfaceView() const { return surfaceView_; }
    QComboBox* labelChooser() const { return labelCombo_; }
    // The shown label's volume and longest diameters, once its regions are computed.
    QLabel* tumourSizeLabel() const { return sizeLabel_; }
    QComboBox* windowChooser() const { return windowCombo_; }
    QString voxelStatus() const;
    std::uint16_t currentLabel() const { return label_; }
    std::shared_ptr<const Volume> volume() const { return volume_; }
    std::shared_ptr<const LabelMap> mask() const { return mask_; }
    bool isBusy() const { return runner_.isBusy(); }
    // The window as shown, 3D view included.
    QImage screenshot();
    RoiTools* roiTools() const { return roiTools_; }
    QString studyPath() const { return studyPath_; }
    QString studySeriesUid() const { return studySeriesUid_; }  // empty: not DICOM
    // The open "which series?" dialog of openStudy, if any.
    QInputDialog* seriesChooser() const;
    // The open "open one of its ROIs?" dialog of openStudy, if any: a DICOM folder opened without a
    // mask that holds RTSTRUCT or SEG files drawn on the series shown offers their ROIs (GTV first).
    QInputDialog* roiOffer() const;
    // Off (a headless --screenshot run, where nobody answers a dialog): a folder of several series
    // given none is refused as an error listing them, as the command line refuses it, and the ROIs
    // beside a study are not offered.
    void setAsksQuestions(bool asks) { asksQuestions_ = asks; }
    // Shows a one-line error in a message box and the status bar (and emits loadFailed).
    void reportError(const QString& message);
    const Preferences& preferences() const { return preferences_; }
    // Keeps them (QSettings) and applies them: run defaults, where file dialogs start.
    void setPreferences(const Preferences& preferences);
    // A feature map of the shown label (ROI > Feature map...) over the slices, its colour scale
    // beside the window chooser and its value under the cursor in the status bar. It describes the
    // outline it was computed from, so it goes when the study, the mask, the label or the outline
    // changes, or with View > Hide feature map.
    void showFeatureMap(std::shared_ptr<const radiomics::FeatureMap> map, int kernelRadius);
    void hideFeatureMap();
    std::shared_ptr<const radiomics::FeatureMap> featureMap() const { return featureMap_; }
    const std::optional<viewers::HeatOverlay>& featureMapOverlay() const { return heat_; }
    QLabel* featureMapLegend() const { return featureMapLegend_; }

signals:
    void studyShown();
    // Tumour and peritumoral ring of the current label are on screen.
    void regionsShown();
    void loadFailed(const QString& message);

protected:
    // During a job: asks, then cancels it and closes once it has stopped (a cancelled pipeline
    // run keeps its finished steps and resumes).
    void closeEvent(QCloseEvent* event) override;

private slots:
    void chooseStudyFile();
    void chooseStudyFolder();
    void chooseMask();
    void saveMask();
    void saveScreenshot();
    void saveFeatureMap();
    void onLabelChosen(int index);
    void onWindowChosen(int index);
    void onWindowDragged(const viewers::WindowLevel& window);
    void showVoxel(const std::array<std::int64_t, 3>& indexXyz, float value);
    void linkCursor(const std::array<std::int64_t, 3>& indexXyz);
    void onMaskEdited();
    // The voxel count of each label in the chooser, counted in the mask as edited.
    void showLabelCounts();

private:
    void buildMenus();
    void buildViews(DeepCtFactory deepCt);
    void buildStatusBar();
    // seriesChosen: the series was chosen among several of its folder, so the title names it.
    void showStudy(const LoadedStudy& loaded, const QString& studyPath, bool seriesChosen);
    // The ROIs kept with the study just opened without a mask, to open one as its mask: its folder's
    // RTSTRUCT / SEG files drawn on the series and the 3D Slicer segmentations whose voxels are the
    // image's. dicomSeries: the study is a DICOM series (the question says "series", else "image").
    void offerRois(const QString& studyPath, const std::vector<DicomRoiFile>& files,
                   const std::vector<SlicerSegmentationFile>& segmentations, bool dicomSeries);
    void chooseSeries(const QString& studyPath, const std::vector<DicomSeriesSummary>& series,
                      const std::vector<DicomRoiFile>& roiFiles, const QString& maskPath, std::optional<int> label,
                      const QString& roiName);
    void showMask(std::shared_ptr<LabelMap> mask, const QString& maskPath, std::optional<int> label);
    void showLabel(std::uint16_t label);
    // Tumour, ring and patch of the current label, computed off the GUI thread.
    void requestRegions();
    void showRegions(const Regions& regions, std::uint16_t label, const radiomics::TumourSize& size);
    void updateLayers();
    void updateSurfaces(viewers::SurfaceView::Camera camera);
    void updateTitle();
    void showImageToolBars(bool imagesTabShown);

    BackgroundRunner runner_;
    QTabWidget* tabs_ = nullptr;
    QWidget* imagesTab_ = nullptr;
    StudyPanel* studyPanel_ = nullptr;
    CohortPanel* cohortPanel_ = nullptr;
    ProjectMenu* projectMenu_ = nullptr;
    viewers::SliceView* axialView_ = nullptr;
    viewers::SliceView* coronalView_ = nullptr;
    viewers::SliceView* sagittalView_ = nullptr;
    viewers::SurfaceView* surfaceView_ = nullptr;
    QComboBox* labelCombo_ = nullptr;
    QLabel* sizeLabel_ = nullptr;
    QComboBox* windowCombo_ = nullptr;
    QLabel* voxelLabel_ = nullptr;
    ElidedLabel* progressText_ = nullptr;
    QString jobTitle_;
    TimeLeft jobTimeLeft_;
    QProgressBar* progressBar_ = nullptr;
    QToolButton* cancelButton_ = nullptr;
    RoiTools* roiTools_ = nullptr;
    std::vector<std::pair<QToolBar*, bool>> imageToolBars_;  // and whether the user left it shown
    bool imageToolBarsShown_ = true;
    QAction* saveMaskAction_ = nullptr;
    QAction* openMaskAction_ = nullptr;
    QAction* showRingAction_ = nullptr;
    QAction* hideFeatureMapAction_ = nullptr;
    QAction* saveFeatureMapAction_ = nullptr;
    QLabel* featureMapLegend_ = nullptr;
    std::shared_ptr<const radiomics::FeatureMap> featureMap_;
    std::optional<viewers::HeatOverlay> heat_;
    QTimer* editSettled_ = nullptr;

    std::shared_ptr<Volume> volume_;
    std::shared_ptr<LabelMap> mask_;
    std::shared_ptr<const LabelMap> ring_;
    std::shared_ptr<const LabelMap> ringShell_;  // tumour + ring, for the 3D view
    QString studyPath_;
    QString studySeriesUid_;
    bool asksQuestions_ = true;
    QString studySeriesDescription_;        // named in the title when the folder held several series
    std::string studyFrameOfReferenceUid_;  // a DICOM mask must be drawn in it (empty: not DICOM)
    QString maskPath_;
    std::uint16_t label_ = 0;
    bool regionsPending_ = false;
    bool closeWhenIdle_ = false;
    Preferences preferences_;
};

}  // namespace drs::ui
