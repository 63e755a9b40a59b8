#pragma once
#include <cstdint>
#include <memory>
#include <optional>

#include <QObject>
#include <QString>

#include "core/image/Grid.h"
#include "ui/RadiomicsDialog.h"
#include "viewers/SliceView.h"

class QAction;
class QActionGroup;
class QCheckBox;
class QDoubleSpinBox;
class QMenu;
class QToolBar;

namespace drs::viewers {
class MaskEditor;
}

namespace drs::ui {

class BackgroundRunner;
class MainWindow;

// ROI editing in the main window, in the manner of 3D Slicer's segment editor: the tool bar
// (navigate, window/level, brush, eraser, polygon, freehand, brush size in mm, HU range, fill
// between slices, undo/redo, reset view) and the ROI menu (open a project's patient, save the
// outline as a new ROI version, export and import DICOM SEG and RTSTRUCT, the label's radiomics).
// The main window hands it the mask on screen (setTarget) and refreshes its views on
// maskChanged().
class RoiTools : public QObject {
    Q_OBJECT
public:
    RoiTools(MainWindow& window, BackgroundRunner& runner);
    ~RoiTools() override;

    QToolBar* toolBar() const { return toolBar_; }
    QMenu* menu() const { return menu_; }
    viewers::MaskEditor* editor() const { return editor_; }
    QAction* toolAction(viewers::SliceView::Tool tool) const;
    QAction* undoAction() const { return undo_; }
    QAction* redoAction() const { return redo_; }
    QAction* saveToProjectAction() const { return saveToProject_; }
    QDoubleSpinBox* brushSize() const { return brushSize_; }

    // The mask on screen, its label and where they came from (studySeriesUid: the DICOM series read
    // from studyPath, which exports refer to). A mask from another file ends the link to a project's ROI.
    void setTarget(std::shared_ptr<const Volume> volume, std::shared_ptr<LabelMap> mask, std::uint16_t label,
                   const QString& studyPath, const QString& studySeriesUid, const QString& maskPath);

    // Opens a project patient's study and the current version of its tumour ROI for editing.
    void openProjectPatient(const QString& projectPath, std::int64_t patientId);
    // The project ROI being edited: its name and the version the edit started from.
    bool editsProjectRoi() const { return projectRoi_.has_value(); }
    int baseVersion() const { return projectRoi_ ? projectRoi_->baseVersion : 0; }

    // Saves the shown label as a new version of the project ROI, off the GUI thread.
    void saveToProject(const QString& reason);
    // Writes the shown label as DICOM SEG or RTSTRUCT, off the GUI thread.
    void exportSeg(const QString& path);
    void exportRtStruct(const QString& path);
    // The shown label's radiomics with pyradiomics' settings and the Preferences' bin width (as
    // the user's runs; no resampling): 107 features of the original image, or 851 with the 8
    // wavelet decompositions; computed off the GUI thread, then shown in a RadiomicsDialog.
    void computeRadiomics(bool withWavelet);
    // The same with the settings, image types and feature classes of a pyradiomics parameter
    // file (YAML or JSON), as drs extract --params computes them; a file that cannot be used is
    // reported naming it, and nothing runs.
    void computeRadiomicsWithParameters(const QString& parameterFile);
    // The shown label's voxel-based map of one feature (pyradiomics' voxel mode, as drs extract
    // --mode voxel computes it: the Preferences' bin width, a kernel of kernelRadius voxels within
    // the ROI), computed off the GUI thread, then shown over the slices (MainWindow::showFeatureMap).
    void computeFeatureMap(const QString& featureName, int kernelRadius);
    // The same with a pyradiomics parameter file's settings, image types and voxelSetting (as drs
    // extract --mode voxel --params computes it), so derived images (LoG, LBP, ...) have maps too;
    // outside the ROI the map is empty whatever the file's initValue.
    void computeFeatureMap(const QString& featureName, int kernelRadius, const radiomics::ParameterFile& parameters);

signals:
    void maskChanged();
    void savedToProject(int version);
    void exported(const QString& path);
    void radiomicsShown(RadiomicsDialog* dialog);
    void featureMapShown();

private:
    struct ProjectRoi {
        QString projectPath;
        std::int64_t patientId = 0;
        std::int64_t roiId = 0;
        QString roiName;
        QString pseudonym;
        QString imagePath, maskPath;  // as opened: the link holds while the window shows these
        int baseVersion = 1;
    };
    void buildToolBar();
    void buildMenu();
    void chooseProjectPatient();
    void askAndSave();
    void chooseExport(bool seg);
    void chooseRadiomicsParameters();
    // A pyradiomics parameter file chosen in a file dialog (empty when cancelled).
    QString askParameterFile();
    // The file read, or nothing after reporting why it cannot be used (the message names it).
    std::optional<radiomics::ParameterFile> readParameters(const QString& parameterFile);
    void chooseFeatureMap();
    void chooseFeatureMapWithParameters();
    // A feature among `features` and a kernel radius, asked in a dialog; false when cancelled.
    bool askFeatureMap(const QStringList& features, QString& feature, int& kernelRadius);
    void showRadiomics(const radiomics::ParameterFile& parameters, const QString& description);
    void fillBetweenSlices();
    void applyHuRange();
    void updateActions();
    QString roiName() const;
    // The shown label as a 0/1 mask, copied for a background job.
    std::shared_ptr<const LabelMap> labelSnapshot() const;

    MainWindow& window_;
    BackgroundRunner& runner_;
    viewers::MaskEditor* editor_ = nullptr;
    QToolBar* toolBar_ = nullptr;
    QMenu* menu_ = nullptr;
    QActionGroup* tools_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    QAction* fill_ = nullptr;
    QAction* saveToProject_ = nullptr;
    QAction* exportSeg_ = nullptr;
    QAction* exportRtStruct_ = nullptr;
    QAction* radiomics_ = nullptr;
    QAction* radiomicsWavelet_ = nullptr;
    QAction* radiomicsParameters_ = nullptr;
    QAction* featureMap_ = nullptr;
    QAction* featureMapParameters_ = nullptr;
    QDoubleSpinBox* brushSize_ = nullptr;
    QCheckBox* huLimit_ = nullptr;
    QDoubleSpinBox* huLow_ = nullptr;
    QDoubleSpinBox* huHigh_ = nullptr;
    std::shared_ptr<const Volume> volume_;
    QString studyPath_;
    QString studySeriesUid_;
    std::optional<ProjectRoi> projectRoi_;
    std::optional<ProjectRoi> pendingProjectRoi_;
};

}  // namespace drs::ui
