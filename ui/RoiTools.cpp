#include "ui/RoiTools.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>
#include <cmath>
#include <set>

#include "core/project/Cohort.h"
#include "core/project/Rois.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/VoxelMaps.h"
#include "core/roi/DicomSeg.h"
#include "core/roi/DicomSource.h"
#include "core/roi/RtStructExport.h"
#include "core/util/Error.h"
#include "ui/BackgroundRunner.h"
#include "ui/MainWindow.h"
#include "ui/RadiomicsDialog.h"
#include "viewers/MaskEditor.h"

namespace drs::ui {

using viewers::SliceOrientation;
using viewers::SliceView;

namespace {

constexpr SliceOrientation kOrientations[] = {SliceOrientation::Axial, SliceOrientation::Coronal,
                                              SliceOrientation::Sagittal};

}  // namespace

RoiTools::RoiTools(MainWindow& window, BackgroundRunner& runner)
    : QObject(&window), window_(window), runner_(runner), editor_(new viewers::MaskEditor(this)) {
    for (SliceOrientation orientation : kOrientations) window_.sliceView(orientation)->setMaskEditor(editor_);
    connect(editor_, &viewers::MaskEditor::maskChanged, this, &RoiTools::maskChanged);
    buildToolBar();
    buildMenu();
    connect(editor_->undoStack(), &QUndoStack::cleanChanged, this, &RoiTools::updateActions);
    updateActions();
}

RoiTools::~RoiTools() = default;

void RoiTools::buildToolBar() {
    toolBar_ = new QToolBar(tr("ROI editing"), &window_);
    toolBar_->setObjectName(QStringLiteral("roiToolBar"));
    tools_ = new QActionGroup(this);
    const auto addTool = [&](const QString& text, const QString& tip, SliceView::Tool tool) {
        QAction* action = toolBar_->addAction(text);
        action->setToolTip(tip);
        action->setCheckable(true);
        action->setData(static_cast<int>(tool));
        tools_->addAction(action);
        return action;
    };
    addTool(tr("Navigate"), tr("Click to place the crosshair"), SliceView::Tool::Navigate)->setChecked(true);
    addTool(tr("Window/level"), tr("Drag: right widens the window, down raises the level"),
            SliceView::Tool::WindowLevel);
    addTool(tr("Paint"), tr("Paint the label with a round brush"), SliceView::Tool::Paint);
    addTool(tr("Erase"), tr("Erase the label with a round brush"), SliceView::Tool::Erase);
    addTool(tr("Polygon"), tr("Click the corners; double-click or Enter fills, Backspace drops a corner, Esc cancels"),
            SliceView::Tool::Polygon);
    addTool(tr("Freehand"), tr("Draw an outline with the button held; releasing fills it"), SliceView::Tool::Freehand);
    connect(tools_, &QActionGroup::triggered, this, [this](QAction* action) {
        const auto tool = static_cast<SliceView::Tool>(action->data().toInt());
        for (SliceOrientation orientation : kOrientations) window_.sliceView(orientation)->setTool(tool);
    });

    brushSize_ = new QDoubleSpinBox(toolBar_);
    brushSize_->setRange(0.5, 50.0);
    brushSize_->setSingleStep(0.5);
    brushSize_->setValue(editor_->brushRadiusMm());
    brushSize_->setSuffix(tr(" mm"));
    brushSize_->setToolTip(tr("Brush radius"));
    toolBar_->addWidget(brushSize_);
    connect(brushSize_, &QDoubleSpinBox::valueChanged, this, [this](double radiusMm) {
        editor_->setBrushRadiusMm(radiusMm);
        for (SliceOrientation orientation : kOrientations) window_.sliceView(orientation)->update();
    });

    // Threshold-assisted painting: only voxels in the HU range take the label.
    huLimit_ = new QCheckBox(tr("HU range"), toolBar_);
    huLimit_->setToolTip(tr("Paint and fill only voxels whose HU lies in this range (erasing is not limited)"));
    huLow_ = new QDoubleSpinBox(toolBar_);
    huHigh_ = new QDoubleSpinBox(toolBar_);
    for (QDoubleSpinBox* box : {huLow_, huHigh_}) {
        box->setRange(-3024, 30000);
        box->setDecimals(0);
        box->setSingleStep(10);
        box->setEnabled(false);
    }
    // Soft tissue of a solid nodule, leaving aerated lung unpainted.
    huLow_->setValue(-500);
    huHigh_->setValue(300);
    toolBar_->addSeparator();
    toolBar_->addWidget(huLimit_);
    toolBar_->addWidget(huLow_);
    toolBar_->addWidget(new QLabel(QStringLiteral(" – "), toolBar_));
    toolBar_->addWidget(huHigh_);
    connect(huLimit_, &QCheckBox::toggled, this, &RoiTools::applyHuRange);
    connect(huLow_, &QDoubleSpinBox::valueChanged, this, &RoiTools::applyHuRange);
    connect(huHigh_, &QDoubleSpinBox::valueChanged, this, &RoiTools::applyHuRange);

    toolBar_->addSeparator();
    fill_ = toolBar_->addAction(tr("Fill between slices"), this, &RoiTools::fillBetweenSlices);
    fill_->setToolTip(tr("Interpolate the outline across the slices skipped between drawn slices"));
    undo_ = editor_->undoStack()->createUndoAction(this, tr("Undo"));
    undo_->setShortcut(QKeySequence::Undo);
    redo_ = editor_->undoStack()->createRedoAction(this, tr("Redo"));
    redo_->setShortcut(QKeySequence::Redo);
    toolBar_->addAction(undo_);
    toolBar_->addAction(redo_);
    QAction* reset = toolBar_->addAction(tr("Reset view"), this, [this] {
        for (SliceOrientation orientation : kOrientations) window_.sliceView(orientation)->resetView();
    });
    reset->setToolTip(tr("Undo zoom and pan in every slice view (R)"));
    window_.addToolBarBreak();
    window_.addToolBar(toolBar_);
}

void RoiTools::buildMenu() {
    menu_ = window_.menuBar()->addMenu(tr("&ROI"));
    menu_->addAction(tr("Open patient from project..."), this, &RoiTools::chooseProjectPatient);
    saveToProject_ = menu_->addAction(tr("Save outline to project as new version..."), this, &RoiTools::askAndSave);
    saveToProject_->setShortcut(QKeySequence::Save);
    menu_->addSeparator();
    exportSeg_ = menu_->addAction(tr("Export as DICOM SEG..."), this, [this] { chooseExport(true); });
    exportRtStruct_ = menu_->addAction(tr("Export as RTSTRUCT..."), this, [this] { chooseExport(false); });
    menu_->addSeparator();
    radiomics_ = menu_->addAction(tr("Radiomics features (107)..."), this, [this] { computeRadiomics(false); });
    radiomicsWavelet_ =
        menu_->addAction(tr("Radiomics features with wavelet (851)..."), this, [this] { computeRadiomics(true); });
    radiomicsParameters_ =
        menu_->addAction(tr("Radiomics features with a parameter file..."), this, &RoiTools::chooseRadiomicsParameters);
    featureMap_ = menu_->addAction(tr("Feature map..."), this, &RoiTools::chooseFeatureMap);
    featureMapParameters_ =
        menu_->addAction(tr("Feature map with a parameter file..."), this, &RoiTools::chooseFeatureMapWithParameters);
    menu_->addSeparator();
    menu_->addAction(undo_);
    menu_->addAction(redo_);
    menu_->addAction(fill_);
}

QAction* RoiTools::toolAction(SliceView::Tool tool) const {
    for (QAction* action : tools_->actions())
        if (action->data().toInt() == static_cast<int>(tool)) return action;
    return nullptr;
}

void RoiTools::setTarget(std::shared_ptr<const Volume> volume, std::shared_ptr<LabelMap> mask, std::uint16_t label,
                         const QString& studyPath, const QString& studySeriesUid, const QString& maskPath) {
    volume_ = volume;
    studyPath_ = studyPath;
    studySeriesUid_ = studySeriesUid;
    editor_->setTarget(std::move(volume), std::move(mask), label);
    applyHuRange();
    if (pendingProjectRoi_ && pendingProjectRoi_->maskPath == maskPath && pendingProjectRoi_->imagePath == studyPath) {
        projectRoi_ = pendingProjectRoi_;
        pendingProjectRoi_.reset();
    } else if (projectRoi_ && (projectRoi_->imagePath != studyPath || projectRoi_->maskPath != maskPath)) {
        projectRoi_.reset();
    }
    updateActions();
}

void RoiTools::applyHuRange() {
    huLow_->setEnabled(huLimit_->isChecked());
    huHigh_->setEnabled(huLimit_->isChecked());
    if (huLimit_->isChecked())
        editor_->setHuRange(std::array<double, 2>{huLow_->value(), huHigh_->value()});
    else
        editor_->setHuRange(std::nullopt);
}

void RoiTools::updateActions() {
    const bool hasMask = editor_->hasTarget();
    fill_->setEnabled(hasMask);
    exportSeg_->setEnabled(hasMask);
    exportRtStruct_->setEnabled(hasMask);
    radiomics_->setEnabled(hasMask);
    radiomicsWavelet_->setEnabled(hasMask);
    radiomicsParameters_->setEnabled(hasMask);
    featureMap_->setEnabled(hasMask);
    featureMapParameters_->setEnabled(hasMask);
    saveToProject_->setEnabled(hasMask && projectRoi_.has_value());
    saveToProject_->setToolTip(projectRoi_ ? tr("Saves version %1 of ROI '%2' of %3")
                                                 .arg(projectRoi_->baseVersion + 1)
                                                 .arg(projectRoi_->roiName, projectRoi_->pseudonym)
                                           : tr("Open the patient from a project (ROI > Open patient from project) "
                                                "to save the outline there"));
}

void RoiTools::fillBetweenSlices() {
    const std::size_t filled = editor_->interpolate();
    if (filled == 0)
        window_.statusBar()->showMessage(
            tr("Nothing to fill: draw the outline on two slices with empty slices between them."), 8000);
    else
        window_.statusBar()->showMessage(
            tr("Filled %n voxel(s) between the drawn slices.", nullptr, static_cast<int>(filled)), 5000);
}

QString RoiTools::roiName() const { return projectRoi_ ? projectRoi_->roiName : tr("Tumour"); }

std::shared_ptr<const LabelMap> RoiTools::labelSnapshot() const {
    auto snapshot = std::make_shared<LabelMap>(*editor_->mask());
    const std::uint16_t label = editor_->label();
    for (auto& voxel : snapshot->voxels) voxel = voxel == label ? 1 : 0;
    return snapshot;
}

void RoiTools::chooseProjectPatient() {
    const QString projectPath = window_.studyPanel()->projectPath();
    if (projectPath.isEmpty()) {
        window_.reportError(tr("Open a project first (File > Open project...)."));
        return;
    }
    QStringList names;
    std::vector<std::int64_t> ids;
    try {
        project::ProjectDb db(projectPath.toStdString());
        for (const project::CaseFiles& c : project::CohortRepository(db).caseFiles()) {
            names << QString::fromStdString(c.pseudonym);
            ids.push_back(c.patientId);
        }
    } catch (const Error& e) {
        window_.reportError(QString::fromUtf8(e.what()));
        return;
    }
    if (names.isEmpty()) {
        window_.reportError(tr("%1: no patient has a study with an ROI.").arg(projectPath));
        return;
    }
    bool chosen = false;
    const QString name = QInputDialog::getItem(&window_, tr("Open patient"), tr("Patient:"), names, 0, false, &chosen);
    if (chosen) openProjectPatient(projectPath, ids[static_cast<std::size_t>(names.indexOf(name))]);
}

void RoiTools::openProjectPatient(const QString& projectPath, std::int64_t patientId) {
    try {
        project::ProjectDb db(projectPath.toStdString());
        project::RoiRepository rois(db);
        const auto use = rois.caseOf(patientId);
        if (!use)
            throw Error(projectPath.toStdString() + ": patient " + std::to_string(patientId) +
                        " has no study with an ROI");
        const auto roi = rois.roi(use->roiId);
        ProjectRoi pending;
        pending.projectPath = projectPath;
        pending.patientId = patientId;
        pending.roiId = use->roiId;
        pending.roiName = QString::fromStdString(roi->name);
        pending.pseudonym = QString::fromStdString(use->pseudonym);
        pending.imagePath = QString::fromStdString(use->imagePath);
        pending.maskPath = QString::fromStdString(use->maskPath);
        pending.baseVersion = use->roiVersion;
        pendingProjectRoi_ = pending;
        window_.openStudy(pending.imagePath, pending.maskPath, 1);
    } catch (const Error& e) {
        window_.reportError(QString::fromUtf8(e.what()));
    }
}

void RoiTools::askAndSave() {
    if (!projectRoi_ || !editor_->hasTarget()) return;
    bool accepted = false;
    const QString reason = QInputDialog::getText(&window_, tr("Save outline"),
                                                 tr("Version %1 of ROI '%2' of %3.\nWhy was the outline changed?")
                                                     .arg(projectRoi_->baseVersion + 1)
                                                     .arg(projectRoi_->roiName, projectRoi_->pseudonym),
                                                 QLineEdit::Normal, tr("corrected in the viewer"), &accepted);
    if (accepted) saveToProject(reason);
}

void RoiTools::saveToProject(const QString& reason) {
    if (!projectRoi_ || !editor_->hasTarget()) return;
    const ProjectRoi target = *projectRoi_;
    const auto mask = labelSnapshot();
    const std::string why = reason.toStdString();
    const bool started = runner_.start(tr("Saving the outline"), [this, target, mask, why](Progress& progress) {
        progress.step(0.0, "saving a new version of ROI " + target.roiName.toStdString());
        project::ProjectDb db(target.projectPath.toStdString());
        project::RoiRepository rois(db);
        const int version = rois.saveVersion(target.roiId, target.baseVersion, *mask, "drawn", why);
        std::set<std::int64_t> staleRuns;
        for (const project::StaleUse& stale : rois.staleRuns())
            if (stale.roiId == target.roiId) staleRuns.insert(stale.id);
        const auto staleCount = static_cast<int>(staleRuns.size());
        return BackgroundRunner::ShowResult([this, version, staleCount, target] {
            if (projectRoi_ && projectRoi_->roiId == target.roiId) projectRoi_->baseVersion = version;
            editor_->undoStack()->setClean();
            window_.statusBar()->showMessage(
                tr("Saved version %1 of ROI '%2'. %n run(s) derived from older versions are now marked stale.", nullptr,
                   staleCount)
                    .arg(version)
                    .arg(target.roiName),
                10000);
            updateActions();
            emit savedToProject(version);
        });
    });
    if (!started) window_.reportError(tr("Please wait: another task is still running."));
}

void RoiTools::chooseExport(bool seg) {
    if (!editor_->hasTarget()) return;
    const QString suggested = QFileInfo(studyPath_).absolutePath() + QLatin1Char('/') + roiName() +
                              (seg ? QStringLiteral("_seg.dcm") : QStringLiteral("_rtstruct.dcm"));
    const QString path = QFileDialog::getSaveFileName(&window_, seg ? tr("Export DICOM SEG") : tr("Export RTSTRUCT"),
                                                      suggested, tr("DICOM (*.dcm)"));
    if (path.isEmpty()) return;
    if (seg)
        exportSeg(path);
    else
        exportRtStruct(path);
}

void RoiTools::exportSeg(const QString& path) {
    if (!editor_->hasTarget()) return;
    const auto mask = labelSnapshot();
    const std::string study = studyPath_.toStdString(), series = studySeriesUid_.toStdString(),
                      target = path.toStdString(), name = roiName().toStdString();
    RoiExportInfo info;
    if (projectRoi_) info.patientId = projectRoi_->pseudonym.toStdString();
    const bool started = runner_.start(tr("Exporting DICOM SEG"), [=, this](Progress& progress) {
        progress.step(0.0, "writing " + target);
        writeDicomSeg(*mask, {{1, name}}, sourceSeriesOf(study, mask->geometry, series), info, target);
        return BackgroundRunner::ShowResult([this, path] {
            window_.statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
            emit exported(path);
        });
    });
    if (!started) window_.reportError(tr("Please wait: another task is still running."));
}

void RoiTools::computeRadiomics(bool withWavelet) {
    if (!editor_->hasTarget() || !volume_) return;
    // The bin width of the user's runs (Preferences), so the window agrees with the project's features.
    radiomics::ParameterFile parameters;
    parameters.settings.binWidth = window_.preferences().binWidthHu;
    parameters.waveletEnabled = withWavelet;
    showRadiomics(
        parameters,
        tr("%1, label %2 as edited; pyradiomics' settings with bin width %3 HU (Preferences), no resampling; %4.")
            .arg(QDir::toNativeSeparators(studyPath_))
            .arg(editor_->label())
            .arg(parameters.settings.binWidth)
            .arg(withWavelet ? tr("original image and its 8 coif1 wavelet decompositions") : tr("original image")));
}

QString RoiTools::askParameterFile() {
    return QFileDialog::getOpenFileName(&window_, tr("pyradiomics parameter file"),
                                        QFileInfo(studyPath_).absolutePath(),
                                        tr("Parameter files (*.yaml *.yml *.json)"));
}

std::optional<radiomics::ParameterFile> RoiTools::readParameters(const QString& parameterFile) {
    try {
        return radiomics::readParameterFile(parameterFile.toStdString());
    } catch (const Error& e) {
        window_.reportError(QString::fromStdString(e.what()));
        return std::nullopt;
    }
}

void RoiTools::chooseRadiomicsParameters() {
    if (!editor_->hasTarget()) return;
    const QString path = askParameterFile();
    if (!path.isEmpty()) computeRadiomicsWithParameters(path);
}

void RoiTools::computeRadiomicsWithParameters(const QString& parameterFile) {
    if (!editor_->hasTarget() || !volume_) return;
    std::optional<radiomics::ParameterFile> read = readParameters(parameterFile);
    if (!read) return;
    radiomics::ParameterFile parameters = std::move(*read);
    parameters.settings.label = 1;  // the outline on screen, whichever label the file names
    QStringList types;
    for (const std::string& type : parameters.imageTypeNames()) types << QString::fromStdString(type);
    showRadiomics(parameters, tr("%1, label %2 as edited; the settings of %3; image types %4.")
                                  .arg(QDir::toNativeSeparators(studyPath_))
                                  .arg(editor_->label())
                                  .arg(QDir::toNativeSeparators(parameterFile))
                                  .arg(types.join(QStringLiteral(", "))));
}

void RoiTools::showRadiomics(const radiomics::ParameterFile& parameters, const QString& description) {
    const auto mask = labelSnapshot();
    const std::shared_ptr<const Volume> volume = volume_;
    const QString caseId = QFileInfo(studyPath_).completeBaseName();
    const bool started = runner_.start(tr("Computing radiomics features"), [=, this](Progress& progress) {
        auto features = std::make_shared<std::vector<radiomics::Feature>>(radiomics::extractFeatures(
            *volume, *mask, 1, parameters.settings, parameters.waveletEnabled, &progress, 2));
        // The file's featureClass chooses the rows, as it chooses drs extract's columns.
        std::erase_if(*features, [&](const radiomics::Feature& f) { return !parameters.wants(f.name); });
        return BackgroundRunner::ShowResult([this, features, caseId, description] {
            auto* dialog = new RadiomicsDialog(*features, caseId, description, &window_);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
            emit radiomicsShown(dialog);
        });
    });
    if (!started) window_.reportError(tr("Please wait: another task is still running."));
}

bool RoiTools::askFeatureMap(const QStringList& features, QString& feature, int& kernelRadius) {
    QDialog dialog(&window_);
    dialog.setWindowTitle(tr("Feature map"));
    auto* form = new QFormLayout(&dialog);
    auto* choice = new QComboBox(&dialog);
    choice->addItems(features);
    if (features.contains(feature)) choice->setCurrentText(feature);
    auto* radius = new QSpinBox(&dialog);
    radius->setRange(1, 5);
    radius->setValue(kernelRadius);
    radius->setToolTip(
        tr("pyradiomics' kernelRadius: a voxel's value is the feature of the ROI voxels in the cube "
           "of 2 r + 1 voxels around it"));
    form->addRow(tr("Feature:"), choice);
    form->addRow(tr("Kernel radius (voxels):"), radius);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) return false;
    feature = choice->currentText();
    kernelRadius = radius->value();
    return true;
}

void RoiTools::chooseFeatureMap() {
    if (!editor_->hasTarget()) return;
    // The study's features (the original image's and the 8 wavelet decompositions'): those a
    // RadScore is made of. Shape features have no map.
    QStringList features;
    for (const std::string& name : radiomics::featureNames(true))
        if (name.rfind("original_shape_", 0) != 0) features << QString::fromStdString(name);
    QString feature = QStringLiteral("original_glcm_JointEntropy");
    int kernelRadius = 1;
    if (askFeatureMap(features, feature, kernelRadius)) computeFeatureMap(feature, kernelRadius);
}

void RoiTools::chooseFeatureMapWithParameters() {
    if (!editor_->hasTarget()) return;
    const QString path = askParameterFile();
    if (path.isEmpty()) return;
    const std::optional<radiomics::ParameterFile> read = readParameters(path);
    if (!read) return;
    const radiomics::ParameterFile& parameters = *read;
    QStringList features;
    for (const std::string& name : radiomics::voxelMapNames(parameters.settings, parameters.waveletEnabled))
        if (parameters.wants(name)) features << QString::fromStdString(name);
    if (features.isEmpty()) {
        window_.reportError(tr("%1: the file asks for no feature that has a map (shape features and IBSI's classes "
                               "have none)")
                                .arg(path));
        return;
    }
    QString feature = features.front();
    int kernelRadius = parameters.voxelSetting ? parameters.voxelSetting->kernelRadius : 1;
    if (askFeatureMap(features, feature, kernelRadius)) computeFeatureMap(feature, kernelRadius, parameters);
}

void RoiTools::computeFeatureMap(const QString& featureName, int kernelRadius) {
    radiomics::ParameterFile parameters;
    parameters.settings.binWidth = window_.preferences().binWidthHu;
    parameters.waveletEnabled = featureName.startsWith(QStringLiteral("wavelet-"));
    computeFeatureMap(featureName, kernelRadius, parameters);
}

void RoiTools::computeFeatureMap(const QString& featureName, int kernelRadius,
                                 const radiomics::ParameterFile& parameters) {
    if (!editor_->hasTarget() || !volume_) return;
    const auto mask = labelSnapshot();
    const std::shared_ptr<const Volume> volume = volume_;
    radiomics::Settings settings = parameters.settings;
    settings.label = 1;  // the outline on screen, whichever label the file names
    radiomics::VoxelSettings voxel = parameters.voxelSetting.value_or(radiomics::VoxelSettings{});
    voxel.kernelRadius = kernelRadius;
    voxel.initValue = std::nan("");  // no colour outside the ROI
    const std::string wanted = featureName.toStdString(), what = studyPath_.toStdString();
    const bool wavelet = parameters.waveletEnabled;
    const bool started = runner_.start(tr("Computing a feature map"), [=, this](Progress& progress) {
        std::vector<radiomics::FeatureMap> maps = radiomics::extractVoxelMaps(
            *volume, *mask, settings, wavelet, voxel, [&](const std::string& name) { return name == wanted; },
            &progress, 2, what);
        if (maps.empty()) throw Error(wanted + " has no feature map (shape features have none)");
        auto map = std::make_shared<const radiomics::FeatureMap>(std::move(maps.front()));
        return BackgroundRunner::ShowResult([this, map, kernelRadius] {
            window_.showFeatureMap(map, kernelRadius);
            emit featureMapShown();
        });
    });
    if (!started) window_.reportError(tr("Please wait: another task is still running."));
}

void RoiTools::exportRtStruct(const QString& path) {
    if (!editor_->hasTarget()) return;
    const auto mask = labelSnapshot();
    const std::string study = studyPath_.toStdString(), series = studySeriesUid_.toStdString(),
                      target = path.toStdString(), name = roiName().toStdString();
    RoiExportInfo info;
    if (projectRoi_) info.patientId = projectRoi_->pseudonym.toStdString();
    const bool started = runner_.start(tr("Exporting RTSTRUCT"), [=, this](Progress& progress) {
        progress.step(0.0, "writing " + target);
        writeRtStruct(*mask, {{1, name}}, sourceSeriesOf(study, mask->geometry, series), info, target);
        return BackgroundRunner::ShowResult([this, path] {
            window_.statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
            emit exported(path);
        });
    });
    if (!started) window_.reportError(tr("Please wait: another task is still running."));
}

}  // namespace drs::ui
