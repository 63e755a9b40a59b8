#include "ui/MainWindow.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QGridLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLinearGradient>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <algorithm>
#include <cmath>

#include "core/image/ImageIO.h"
#include "core/roi/MaskFile.h"
#include "core/roi/Regions.h"
#include "core/util/Error.h"
#include "ui/CohortPanel.h"
#include "ui/ElidedLabel.h"
#include "ui/ProjectMenu.h"
#include "ui/RoiTools.h"
#include "ui/StudyData.h"
#include "viewers/SliceView.h"
#include "viewers/SurfaceFormat.h"
#include "viewers/SurfaceView.h"
#include "viewers/WindowLevel.h"

namespace drs::ui {
namespace {

const QColor kTumourColour(230, 40, 40);
const QColor kRingColour(250, 200, 30);
// Item data of the window chooser's entry for a window set by dragging (presets use their enum).
constexpr int kCustomWindow = -1;

QString labelItemText(const LabelCount& entry) {
    return MainWindow::tr("Label %1 (%n voxels)", nullptr, static_cast<int>(entry.voxels)).arg(entry.label);
}

}  // namespace

MainWindow::MainWindow(DeepCtFactory deepCt, QWidget* parent) : QMainWindow(parent) {
    setWindowIcon(QIcon(QStringLiteral(":/icons/deepradscore.svg")));
    buildViews(std::move(deepCt));
    buildMenus();
    buildStatusBar();
    editSettled_ = new QTimer(this);
    editSettled_->setSingleShot(true);
    editSettled_->setInterval(400);
    connect(editSettled_, &QTimer::timeout, this, [this] {
        showLabelCounts();
        updateSurfaces(viewers::SurfaceView::Camera::Keep);
        requestRegions();
    });
    updateTitle();
    preferences_ = Preferences::loadSaved();
    studyPanel_->runSettings()->setSettings(preferences_.applyTo(studyPanel_->runSettings()->settings()));
    studyPanel_->setStartFolder(preferences_.startFolder());
    resize(1280, 900);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildViews(DeepCtFactory deepCt) {
    using viewers::SliceOrientation;
    tabs_ = new QTabWidget(this);
    auto* central = new QWidget(tabs_);
    imagesTab_ = central;
    auto* grid = new QGridLayout(central);
    grid->setContentsMargins(2, 2, 2, 2);
    grid->setSpacing(2);
    axialView_ = new viewers::SliceView(SliceOrientation::Axial, central);
    coronalView_ = new viewers::SliceView(SliceOrientation::Coronal, central);
    sagittalView_ = new viewers::SliceView(SliceOrientation::Sagittal, central);
    // Without OpenGL the slice views still work; a QOpenGLWidget would crash the window.
    const QString noOpenGl = viewers::openGlUnavailableReason();
    QWidget* threeD = nullptr;
    if (noOpenGl.isEmpty()) {
        threeD = surfaceView_ = new viewers::SurfaceView(central);
    } else {
        auto* notice = new QLabel(
            tr("3D view unavailable: %1.\nThe slice views and all other tools work as usual.").arg(noOpenGl), central);
        notice->setObjectName(QStringLiteral("noSurfaceView"));
        notice->setAlignment(Qt::AlignCenter);
        notice->setWordWrap(true);
        threeD = notice;
    }
    grid->addWidget(axialView_, 0, 0);
    grid->addWidget(threeD, 0, 1);
    grid->addWidget(coronalView_, 1, 0);
    grid->addWidget(sagittalView_, 1, 1);
    tabs_->addTab(central, tr("Images"));
    // The prediction reads what the viewer shows now: the mask as edited, the chosen label.
    studyPanel_ = new StudyPanel(
        runner_, std::move(deepCt),
        [this]() -> std::optional<ViewerStudy> {
            if (!volume_ || !mask_) return std::nullopt;
            return ViewerStudy{studyPath_, studySeriesUid_, std::make_shared<const LabelMap>(*mask_), label_};
        },
        tabs_);
    tabs_->addTab(studyPanel_, tr("Study"));
    connect(studyPanel_, &StudyPanel::errorOccurred, this, &MainWindow::reportError);
    cohortPanel_ = new CohortPanel(tabs_);
    tabs_->addTab(cohortPanel_, tr("Cohort"));
    connect(cohortPanel_, &CohortPanel::errorOccurred, this, &MainWindow::reportError);
    // Both tabs show the same project, whichever opened it; both remember it as recent.
    connect(cohortPanel_, &CohortPanel::projectOpened, this, [this](const QString& path) {
        ProjectMenu::rememberProject(path);
        if (studyPanel_->projectPath() != path) studyPanel_->openProject(path);
    });
    connect(studyPanel_, &StudyPanel::projectShown, this, [this] {
        const QString path = studyPanel_->projectPath();
        if (cohortPanel_->projectPath() == path)
            cohortPanel_->reload();  // e.g. a finished run drew new splits
        else
            cohortPanel_->openProject(path);
    });
    setCentralWidget(tabs_);
    for (viewers::SliceView* view : {axialView_, coronalView_, sagittalView_}) {
        connect(view, &viewers::SliceView::cursorVoxelPicked, this, &MainWindow::linkCursor);
        connect(view, &viewers::SliceView::voxelHovered, this, &MainWindow::showVoxel);
        connect(view, &viewers::SliceView::windowLevelDragged, this, &MainWindow::onWindowDragged);
    }
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &study file..."), QKeySequence::Open, this, &MainWindow::chooseStudyFile);
    file->addAction(tr("Open DICOM &folder..."), this, &MainWindow::chooseStudyFolder);
    openMaskAction_ = file->addAction(tr("Open &mask..."), this, &MainWindow::chooseMask);
    file->addAction(tr("Open &project..."), this, [this] {
        showStudyTab();
        studyPanel_->chooseProject();
    });
    projectMenu_ = new ProjectMenu(
        *file, nullptr, *cohortPanel_, [this](const QString& path) { openProject(path); }, this);
    connect(projectMenu_, &ProjectMenu::projectCreated, this, &MainWindow::showCohortTab);
    connect(projectMenu_, &ProjectMenu::imported, this, [this](const QString& path) {
        cohortPanel_->reload();
        if (!runner_.isBusy()) studyPanel_->openProject(path);  // its endpoints
    });
    saveMaskAction_ = file->addAction(tr("Save mask &as..."), QKeySequence::SaveAs, this, &MainWindow::saveMask);
    file->addSeparator();
    file->addAction(tr("Save s&creenshot..."), this, &MainWindow::saveScreenshot);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Preferences..."), QKeySequence::Preferences, this, [this] {
        PreferencesDialog dialog(preferences_, this);
        if (dialog.exec() == QDialog::Accepted) setPreferences(dialog.preferences());
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    showRingAction_ = view->addAction(tr("Show peritumoral &ring (3 mm)"));
    showRingAction_->setCheckable(true);
    showRingAction_->setChecked(true);
    connect(showRingAction_, &QAction::toggled, this, [this] {
        updateLayers();
        updateSurfaces(viewers::SurfaceView::Camera::Keep);
    });
    hideFeatureMapAction_ = view->addAction(tr("Hide feature &map"), this, &MainWindow::hideFeatureMap);
    saveFeatureMapAction_ = view->addAction(tr("Save feature map..."), this, &MainWindow::saveFeatureMap);
    hideFeatureMapAction_->setEnabled(false);
    saveFeatureMapAction_->setEnabled(false);
    openMaskAction_->setEnabled(false);
    saveMaskAction_->setEnabled(false);

    QToolBar* bar = addToolBar(tr("View"));
    bar->setObjectName(QStringLiteral("viewToolBar"));
    bar->addWidget(new QLabel(tr("Label:"), bar));
    labelCombo_ = new QComboBox(bar);
    labelCombo_->setMinimumContentsLength(18);
    labelCombo_->setEnabled(false);
    bar->addWidget(labelCombo_);
    connect(labelCombo_, &QComboBox::currentIndexChanged, this, &MainWindow::onLabelChosen);
    sizeLabel_ = new QLabel(bar);
    sizeLabel_->setContentsMargins(6, 0, 6, 0);
    sizeLabel_->setToolTip(
        tr("The label's volume (voxel count x voxel volume) and its longest diameters between surface "
           "points, within one axial slice (as RECIST measures) and in 3D: pyradiomics' VoxelVolume, "
           "Maximum2DDiameterSlice and Maximum3DDiameter. Updated after each edit."));
    bar->addWidget(sizeLabel_);
    bar->addSeparator();
    bar->addWidget(new QLabel(tr("Window:"), bar));
    windowCombo_ = new QComboBox(bar);
    for (const auto& preset : viewers::windowPresets())
        windowCombo_->addItem(
            tr("%1 (W %2 / L %3)").arg(preset.name).arg(preset.window.widthHu).arg(preset.window.levelHu),
            static_cast<int>(preset.preset));
    bar->addWidget(windowCombo_);
    connect(windowCombo_, &QComboBox::currentIndexChanged, this, &MainWindow::onWindowChosen);
    bar->addSeparator();
    featureMapLegend_ = new QLabel(bar);
    featureMapLegend_->setContentsMargins(6, 0, 6, 0);
    bar->addWidget(featureMapLegend_);

    roiTools_ = new RoiTools(*this, runner_);
    connect(roiTools_, &RoiTools::maskChanged, this, &MainWindow::onMaskEdited);
    connect(cohortPanel_, &CohortPanel::patientOpenRequested, this,
            [this](qint64 patientId) { roiTools_->openProjectPatient(cohortPanel_->projectPath(), patientId); });

    // Both tool bars act on the slice views alone: the Study and Cohort tabs get their rows, and
    // the Images tab gets them back as the user left them there.
    imageToolBars_ = {{bar, true}, {roiTools_->toolBar(), true}};
    connect(tabs_, &QTabWidget::currentChanged, this,
            [this] { showImageToolBars(tabs_->currentWidget() == imagesTab_); });
}

void MainWindow::showImageToolBars(bool imagesTabShown) {
    if (imagesTabShown == imageToolBarsShown_) return;
    imageToolBarsShown_ = imagesTabShown;
    for (auto& [bar, shownWithImages] : imageToolBars_) {
        if (!imagesTabShown) shownWithImages = !bar->isHidden();
        bar->setVisible(imagesTabShown && shownWithImages);
    }
}

void MainWindow::buildStatusBar() {
    voxelLabel_ = new QLabel(statusBar());
    statusBar()->addWidget(voxelLabel_, 1);
    // During a job: what it does now (as much as fits, the whole text as the tooltip), then the
    // percentage with the time left, then Cancel.
    progressText_ = new ElidedLabel(statusBar());
    progressText_->hide();
    statusBar()->addPermanentWidget(progressText_, 2);
    progressBar_ = new QProgressBar(statusBar());
    progressBar_->setRange(0, 1000);
    progressBar_->setFixedWidth(
        progressBar_->fontMetrics().horizontalAdvance(QStringLiteral("100% - ") + timeLeftText(59 * 60.0)) +
        progressBar_->fontMetrics().averageCharWidth() * 6);
    progressBar_->hide();
    statusBar()->addPermanentWidget(progressBar_);
    cancelButton_ = new QToolButton(statusBar());
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->hide();
    statusBar()->addPermanentWidget(cancelButton_);
    connect(cancelButton_, &QToolButton::clicked, &runner_, &BackgroundRunner::cancel);
    connect(&runner_, &BackgroundRunner::started, this, [this](const QString& title) {
        jobTitle_ = title;
        jobTimeLeft_.restart();
        progressText_->setFullText(title);
        progressBar_->setValue(0);
        progressBar_->setFormat(QStringLiteral("%p%"));
        progressBar_->setToolTip({});
        progressText_->show();
        progressBar_->show();
        cancelButton_->show();
    });
    connect(&runner_, &BackgroundRunner::progressed, this, [this](double fraction, const QString& message) {
        jobTimeLeft_.update(fraction, std::chrono::steady_clock::now());
        progressText_->setFullText(message.isEmpty() ? jobTitle_ : jobTitle_ + QStringLiteral(": ") + message);
        progressBar_->setValue(static_cast<int>(fraction * 1000));
        const QString left = timeLeftText(jobTimeLeft_.secondsLeft());
        progressBar_->setFormat(left.isEmpty() ? QStringLiteral("%p%") : QStringLiteral("%p% - ") + left);
        progressBar_->setToolTip(left);
    });
    const auto idle = [this] {
        progressText_->hide();
        progressBar_->hide();
        cancelButton_->hide();
    };
    connect(&runner_, &BackgroundRunner::succeeded, this, idle);
    const auto closeIfAsked = [this] {
        if (closeWhenIdle_) QTimer::singleShot(0, this, &QWidget::close);
    };
    connect(&runner_, &BackgroundRunner::succeeded, this, closeIfAsked);
    connect(&runner_, &BackgroundRunner::cancelled, this, closeIfAsked);
    connect(&runner_, &BackgroundRunner::failed, this, closeIfAsked);
    // A regions request that arrived while another job ran.
    for (auto signal : {&BackgroundRunner::succeeded, &BackgroundRunner::cancelled})
        connect(&runner_, signal, this, [this] {
            if (regionsPending_) requestRegions();
        });
    connect(&runner_, &BackgroundRunner::cancelled, this, [this, idle] {
        idle();
        statusBar()->showMessage(tr("Cancelled"), 3000);
    });
    connect(&runner_, &BackgroundRunner::failed, this, [this, idle](const QString& message) {
        idle();
        reportError(message);
        if (regionsPending_) requestRegions();
    });
}

void MainWindow::setPreferences(const Preferences& preferences) {
    preferences_ = preferences;
    preferences_.saveSaved();
    studyPanel_->runSettings()->setSettings(preferences_.applyTo(studyPanel_->runSettings()->settings()));
    studyPanel_->setStartFolder(preferences_.startFolder());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!runner_.isBusy()) {
        event->accept();
        return;
    }
    event->ignore();
    if (!closeWhenIdle_) {
        const auto answer = QMessageBox::question(
            this, tr("A task is running"),
            tr("A task is still running. Cancel it and close the window?\n\nWhat has finished is kept: a cancelled "
               "pipeline run resumes from there when run again with the same settings."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes || !runner_.isBusy()) {
            if (answer == QMessageBox::Yes) close();  // it ended while the question was open
            return;
        }
        closeWhenIdle_ = true;
        statusBar()->showMessage(tr("Cancelling, then closing..."));
    }
    // A job started after the cancel (the study tab rereads the project) is cancelled too.
    runner_.cancel();
}

viewers::SliceView* MainWindow::sliceView(viewers::SliceOrientation orientation) const {
    switch (orientation) {
    case viewers::SliceOrientation::Axial: return axialView_;
    case viewers::SliceOrientation::Coronal: return coronalView_;
    case viewers::SliceOrientation::Sagittal: return sagittalView_;
    }
    return nullptr;
}

void MainWindow::openStudy(const QString& studyPath, const QString& maskPath, std::optional<int> label,
                           const QString& roiName, const QString& seriesUid) {
    const std::string study = studyPath.toStdString(), mask = maskPath.toStdString(), roi = roiName.toStdString(),
                      series = seriesUid.toStdString();
    const bool started = runner_.start(
        tr("Loading study"), [this, study, mask, roi, series, label, studyPath, maskPath, roiName](Progress& progress) {
            LoadedStudy loaded;
            try {
                loaded = loadStudy(study, mask, progress, roi, series);
            } catch (const SeveralDicomSeries& several) {
                if (!asksQuestions_) throw;
                const std::vector<DicomRoiFile> roiFiles = describeDicomRoiFiles(several.roiFiles());
                return BackgroundRunner::ShowResult(
                    [this, studyPath, found = several.series(), roiFiles, maskPath, label, roiName] {
                        chooseSeries(studyPath, found, roiFiles, maskPath, label, roiName);
                    });
            }
            if (loaded.mask && label) requireLabel(*loaded.mask, *label, mask);
            // Read only to be offered: a headless run, or a study opened with its mask, offers nothing.
            std::vector<DicomRoiFile> offered;
            std::vector<SlicerSegmentationFile> segmentations;
            QStringList notOffered;  // Slicer files kept with the study that cannot outline it, with why
            if (!loaded.mask && asksQuestions_) {
                offered = roiFilesDrawnOn(loaded.seriesInstanceUid, describeDicomRoiFiles(loaded.roiFiles));
                for (SlicerSegmentationFile& file : slicerSegmentationsOf(study, loaded.volume->geometry))
                    if (file.problem.empty())
                        segmentations.push_back(std::move(file));
                    else
                        notOffered << QString::fromStdString(file.problem);
            }
            const bool chosen = !series.empty();
            return BackgroundRunner::ShowResult(
                [this, loaded, offered, segmentations, notOffered, studyPath, maskPath, label, chosen] {
                    showStudy(loaded, studyPath, chosen);
                    QStringList notes;
                    if (loaded.largestSliceShiftMm > 0)
                        notes << tr("Gantry tilt %1°: each slice placed where it was acquired (moved up to %2 mm "
                                    "within its plane)")
                                     .arg(loaded.gantryTiltDegrees, 0, 'f', 1)
                                     .arg(loaded.largestSliceShiftMm, 0, 'f', 1);
                    if (!notOffered.isEmpty())
                        notes << tr("Not offered as the tumour mask: %1").arg(notOffered.join(QStringLiteral("; ")));
                    if (!notes.isEmpty()) statusBar()->showMessage(notes.join(QStringLiteral(". ")), 15000);
                    if (loaded.mask)
                        showMask(loaded.mask, maskPath, label);
                    else if (!offered.empty() || !segmentations.empty())
                        offerRois(studyPath, offered, segmentations, !loaded.seriesInstanceUid.empty());
                });
        });
    if (!started) reportError(tr("Please wait: another task is still running."));
}

QInputDialog* MainWindow::roiOffer() const {
    return findChild<QInputDialog*>(QStringLiteral("roiOffer"), Qt::FindDirectChildrenOnly);
}

void MainWindow::offerRois(const QString& studyPath, const std::vector<DicomRoiFile>& files,
                           const std::vector<SlicerSegmentationFile>& segmentations, bool dicomSeries) {
    QStringList items;
    std::vector<std::pair<QString, QString>> fileAndRoi;
    const QFileInfo study(studyPath);
    const QDir folder(study.isDir() ? study.absoluteFilePath() : study.absolutePath());
    int gtv = -1;
    const auto offer = [&](const std::string& file, const QString& kind, const std::string& roi) {
        const QString path = QString::fromStdString(file), name = QString::fromStdString(roi);
        // Radiotherapy plans name the tumour GTV; the organs at risk come first in many of them.
        if (gtv < 0 && name.contains(QStringLiteral("GTV"), Qt::CaseInsensitive)) gtv = int(items.size());
        items << tr("%1 (%2, %3)")
                     .arg(name, kind,
                          QDir::toNativeSeparators(folder.relativeFilePath(QFileInfo(path).absoluteFilePath())));
        fileAndRoi.emplace_back(path, name);
    };
    for (const DicomRoiFile& file : files)
        for (const std::string& roi : file.roiNames) offer(file.path, QString::fromStdString(file.modality), roi);
    for (const SlicerSegmentationFile& file : segmentations)
        for (const std::string& segment : file.segmentNames) offer(file.path, QStringLiteral("3D Slicer"), segment);
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("roiOffer"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Open an ROI of this study"));
    dialog->setLabelText(
        dicomSeries
            ? tr("The folder holds %n ROI(s) drawn on this series. Open one as the tumour mask?", "", int(items.size()))
            : tr("The folder holds %n ROI(s) drawn on this image. Open one as the tumour mask?", "",
                 int(items.size())));
    dialog->setComboBoxItems(items);
    dialog->setComboBoxEditable(false);
    dialog->setTextValue(items[std::max(gtv, 0)]);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, items, fileAndRoi](const QString& chosen) {
        const qsizetype index = items.indexOf(chosen);
        if (index < 0) return;
        const auto& [path, roi] = fileAndRoi[std::size_t(index)];
        QTimer::singleShot(0, this, [this, path, roi] { openMask(path, std::nullopt, roi); });
    });
    dialog->open();
}

QInputDialog* MainWindow::seriesChooser() const {
    return findChild<QInputDialog*>(QStringLiteral("seriesChooser"), Qt::FindDirectChildrenOnly);
}

void MainWindow::chooseSeries(const QString& studyPath, const std::vector<DicomSeriesSummary>& series,
                              const std::vector<DicomRoiFile>& roiFiles, const QString& maskPath,
                              std::optional<int> label, const QString& roiName) {
    QStringList items;
    qsizetype outlined = -1;  // the first series an outline of the folder is drawn on
    for (const DicomSeriesSummary& s : series) {
        if (outlined < 0 && !roiFilesDrawnOn(s.seriesInstanceUid, roiFiles).empty()) outlined = items.size();
        items << seriesChoiceText(s, roiFiles);
    }
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("seriesChooser"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Choose the image series"));
    dialog->setLabelText(tr("%1 holds %n DICOM image series. Which one is the CT to open?", "", int(series.size()))
                             .arg(QDir::toNativeSeparators(studyPath)));
    dialog->setComboBoxItems(items);
    dialog->setComboBoxEditable(false);
    if (outlined >= 0) dialog->setTextValue(items[outlined]);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, studyPath, series, items, maskPath, label, roiName](const QString& chosen) {
                const qsizetype index = items.indexOf(chosen);
                if (index < 0) return;
                const QString uid = QString::fromStdString(series[std::size_t(index)].seriesInstanceUid);
                // After the dialog has closed, so that nothing of it is left when the study loads.
                QTimer::singleShot(0, this, [=, this] { openStudy(studyPath, maskPath, label, roiName, uid); });
            });
    dialog->open();
}

void MainWindow::openMask(const QString& maskPath, std::optional<int> label, const QString& roiName) {
    if (!volume_) {
        reportError(tr("Open a study before its mask."));
        return;
    }
    std::shared_ptr<const Volume> volume = volume_;
    const std::string mask = maskPath.toStdString(), roi = roiName.toStdString();
    const std::string frameOfReference = studyFrameOfReferenceUid_;
    const bool started = runner_.start(
        tr("Loading mask"), [this, volume, mask, roi, frameOfReference, maskPath, label](Progress& progress) {
            std::shared_ptr<LabelMap> loaded = loadMaskFor(*volume, mask, progress, roi, frameOfReference);
            if (label) requireLabel(*loaded, *label, mask);
            return BackgroundRunner::ShowResult([this, loaded, maskPath, label] { showMask(loaded, maskPath, label); });
        });
    if (!started) reportError(tr("Please wait: another task is still running."));
}

void MainWindow::openProject(const QString& projectPath) {
    showStudyTab();
    studyPanel_->openProject(projectPath);
}

void MainWindow::showImagesTab() { tabs_->setCurrentWidget(imagesTab_); }

void MainWindow::showStudyTab() { tabs_->setCurrentWidget(studyPanel_); }

void MainWindow::showCohortTab() { tabs_->setCurrentWidget(cohortPanel_); }

void MainWindow::showStudy(const LoadedStudy& loaded, const QString& studyPath, bool seriesChosen) {
    hideFeatureMap();
    volume_ = loaded.volume;
    studyFrameOfReferenceUid_ = loaded.frameOfReferenceUid;
    studySeriesUid_ = QString::fromStdString(loaded.seriesInstanceUid);
    studySeriesDescription_.clear();
    if (seriesChosen)
        studySeriesDescription_ = QString::fromStdString(loaded.seriesDescription.empty() ? loaded.seriesInstanceUid
                                                                                          : loaded.seriesDescription);
    mask_.reset();
    ring_.reset();
    ringShell_.reset();
    studyPath_ = studyPath;
    maskPath_.clear();
    label_ = 0;
    for (viewers::SliceView* view : {axialView_, coronalView_, sagittalView_}) view->setVolume(volume_);
    roiTools_->setTarget(volume_, nullptr, 0, studyPath_, studySeriesUid_, {});
    onWindowChosen(windowCombo_->currentIndex());
    {
        const QSignalBlocker blocker(labelCombo_);
        labelCombo_->clear();
    }
    labelCombo_->setEnabled(false);
    sizeLabel_->clear();
    openMaskAction_->setEnabled(true);
    saveMaskAction_->setEnabled(false);
    if (surfaceView_) surfaceView_->setSurfaces({});
    showImagesTab();
    updateTitle();
    emit studyShown();
}

void MainWindow::showMask(std::shared_ptr<LabelMap> mask, const QString& maskPath, std::optional<int> label) {
    hideFeatureMap();
    const std::vector<LabelCount> labels = labelsPresent(*mask);
    if (labels.empty()) {
        reportError(tr("%1: the mask is empty (no non-zero voxel).").arg(maskPath));
        return;
    }
    mask_ = std::move(mask);
    maskPath_ = maskPath;
    saveMaskAction_->setEnabled(true);
    int chosenIndex = 0;
    {
        const QSignalBlocker blocker(labelCombo_);
        labelCombo_->clear();
        for (const LabelCount& entry : labels) {
            if (label && entry.label == *label) chosenIndex = labelCombo_->count();
            labelCombo_->addItem(labelItemText(entry), static_cast<int>(entry.label));
        }
        labelCombo_->setCurrentIndex(chosenIndex);
    }
    labelCombo_->setEnabled(true);
    updateTitle();
    showLabel(labels[static_cast<std::size_t>(chosenIndex)].label);
}

void MainWindow::showLabelCounts() {
    if (!mask_) return;
    // One pass over the mask, 400 ms after the last edit (not on every brush move). A label
    // painted over entirely stays in the chooser with 0 voxels.
    const std::vector<LabelCount> labels = labelsPresent(*mask_);
    for (int i = 0; i < labelCombo_->count(); ++i) {
        LabelCount entry{static_cast<std::uint16_t>(labelCombo_->itemData(i).toInt()), 0};
        const auto found = std::find_if(labels.begin(), labels.end(),
                                        [&](const LabelCount& present) { return present.label == entry.label; });
        if (found != labels.end()) entry.voxels = found->voxels;
        labelCombo_->setItemText(i, labelItemText(entry));
    }
}

void MainWindow::onLabelChosen(int index) {
    if (index < 0 || !mask_) return;
    showLabel(static_cast<std::uint16_t>(labelCombo_->itemData(index).toInt()));
}

void MainWindow::showLabel(std::uint16_t label) {
    hideFeatureMap();
    label_ = label;
    ring_.reset();
    ringShell_.reset();
    roiTools_->setTarget(volume_, mask_, label_, studyPath_, studySeriesUid_, maskPath_);
    updateLayers();
    requestRegions();
}

void MainWindow::requestRegions() {
    regionsPending_ = false;
    if (!volume_ || !mask_) return;
    // The job reads a snapshot: the brush may edit the mask meanwhile.
    auto mask = std::make_shared<const LabelMap>(*mask_);
    std::shared_ptr<const Volume> volume = volume_;
    const std::uint16_t label = label_;
    const std::string source = maskPath_.toStdString();
    const bool started =
        runner_.start(tr("Computing regions"), [this, volume, mask, label, source](Progress& progress) {
            progress.step(0.0, "computing tumour, ring and patch");
            RegionSettings settings;
            settings.label = label;
            auto regions = std::make_shared<const Regions>(computeRegions(*volume, *mask, settings, source));
            const radiomics::TumourSize size = radiomics::tumourSize(*mask, label);
            return BackgroundRunner::ShowResult([this, regions, label, size] { showRegions(*regions, label, size); });
        });
    regionsPending_ = !started;
}

void MainWindow::showRegions(const Regions& regions, std::uint16_t label, const radiomics::TumourSize& size) {
    if (label != label_) return;  // the user chose another label meanwhile; its job follows
    sizeLabel_->setText(tr("%1 mL, longest diameter %2 mm axial, %3 mm 3D")
                            .arg(size.volumeMm3 / 1000.0, 0, 'f', 2)
                            .arg(size.longestSliceDiameterMm, 0, 'f', 1)
                            .arg(size.longest3dDiameterMm, 0, 'f', 1));
    const bool firstForLabel = !ring_;
    ring_ = std::make_shared<const LabelMap>(regions.ring);
    // In 3D the ring shows as its outer shell: tumour and ring together. The ring's own inner
    // surface would coincide with the tumour's and flicker against it.
    auto shell = std::make_shared<LabelMap>(regions.ring);
    for (std::size_t i = 0; i < shell->voxels.size(); ++i)
        if (regions.tumour.voxels[i] != 0) shell->voxels[i] = 1;
    ringShell_ = std::move(shell);
    // Centre the crosshair on the tumour's largest axial slice, where the deep patch is taken.
    // After an edit, the user's slices and 3D view stay where they are.
    if (firstForLabel) linkCursor(regions.sliceCentroidIndex);
    updateLayers();
    updateSurfaces(firstForLabel ? viewers::SurfaceView::Camera::Reset : viewers::SurfaceView::Camera::Keep);
    emit regionsShown();
}

void MainWindow::updateLayers() {
    std::vector<viewers::OverlayLayer> layers;
    // A feature map takes the tumour's and the ring's place: their colours would read as values.
    if (heat_) {
        layers.push_back({heat_->colourIndex, 0, QColor(), 0.85, heat_->palette});
    } else {
        if (mask_) layers.push_back({mask_, label_, kTumourColour, 0.45, {}});
        if (ring_ && showRingAction_->isChecked()) layers.push_back({ring_, 0, kRingColour, 0.40, {}});
    }
    for (viewers::SliceView* view : {axialView_, coronalView_, sagittalView_}) view->setOverlays(layers);
}

void MainWindow::updateSurfaces(viewers::SurfaceView::Camera camera) {
    std::vector<viewers::SurfaceLayer> layers;
    if (mask_) layers.push_back({mask_, label_, kTumourColour, 1.0});
    if (ringShell_ && showRingAction_->isChecked()) layers.push_back({ringShell_, 0, kRingColour, 0.2});
    if (surfaceView_) surfaceView_->setSurfaces(layers, camera);
}

void MainWindow::onMaskEdited() {
    hideFeatureMap();
    for (viewers::SliceView* view : {axialView_, coronalView_, sagittalView_}) view->refresh();
    editSettled_->start();
}

void MainWindow::onWindowDragged(const viewers::WindowLevel& window) {
    for (viewers::SliceView* view : {axialView_, coronalView_, sagittalView_}) view->setWindowLevel(window);
    // The chooser shows the dragged window as a "Custom" entry after the presets.
    const QString text = tr("Custom (W %1 / L %2)").arg(window.widthHu).arg(window.levelHu);
    const QSignalBlocker blocker(windowCombo_);
    const int custom = windowCombo_->findData(kCustomWindow);
    if (custom < 0) {
        windowCombo_->addItem(text, kCustomWindow);
    } else {
        windowCombo_->setItemText(custom, text);
    }
    windowCombo_->setCurrentIndex(windowCombo_->findData(kCustomWindow));
}

void MainWindow::onWindowChosen(int index) {
    if (index < 0 || windowCombo_->itemData(index).toInt() == kCustomWindow) return;
    const auto window = viewers::windowFor(static_cast<viewers::WindowPreset>(windowCombo_->itemData(index).toInt()));
    for (viewers::SliceView* view : {axialView_, coronalView_, sagittalView_}) view->setWindowLevel(window);
}

void MainWindow::linkCursor(const std::array<std::int64_t, 3>& indexXyz) {
    for (viewers::SliceView* view : {axialView_, coronalView_, sagittalView_}) view->setCursorVoxel(indexXyz);
    if (volume_) showVoxel(indexXyz, volume_->at(indexXyz[0], indexXyz[1], indexXyz[2]));
}

void MainWindow::showVoxel(const std::array<std::int64_t, 3>& indexXyz, float value) {
    if (!volume_) return;
    const auto [x, y, z] = indexXyz;
    const auto pointMm =
        volume_->geometry.physicalPointMm(static_cast<double>(x), static_cast<double>(y), static_cast<double>(z));
    QString text = tr("voxel (%1, %2, %3)   LPS (%4, %5, %6) mm   %7 HU")
                       .arg(x)
                       .arg(y)
                       .arg(z)
                       .arg(pointMm[0], 0, 'f', 1)
                       .arg(pointMm[1], 0, 'f', 1)
                       .arg(pointMm[2], 0, 'f', 1)
                       .arg(static_cast<double>(value), 0, 'g', 6);
    if (mask_) {
        const std::uint16_t maskValue = mask_->at(x, y, z);
        if (maskValue != 0) text += tr("   label %1").arg(maskValue);
        if (ring_ && ring_->at(x, y, z) != 0) text += tr("   ring");
    }
    if (heat_) {
        const std::array<std::int64_t, 3> inMap{x - heat_->startXyz[0], y - heat_->startXyz[1], z - heat_->startXyz[2]};
        if (featureMap_->values.geometry.contains(inMap[0], inMap[1], inMap[2])) {
            const double mapValue = featureMap_->values.at(inMap[0], inMap[1], inMap[2]);
            if (std::isfinite(mapValue))
                text +=
                    QStringLiteral("   %1 %2").arg(QString::fromStdString(featureMap_->name)).arg(mapValue, 0, 'g', 6);
        }
    }
    voxelLabel_->setText(text);
}

void MainWindow::showFeatureMap(std::shared_ptr<const radiomics::FeatureMap> map, int kernelRadius) {
    if (!volume_) return;
    try {
        heat_ = viewers::heatOverlayOf(map->values, volume_->geometry);
    } catch (const Error& e) {
        reportError(QString::fromStdString(map->name + ": " + e.what()));
        return;
    }
    featureMap_ = std::move(map);
    // The legend: the short name, the lowest value, the colour ramp, the highest value.
    const QString name = QString::fromStdString(featureMap_->name);
    const QString low = QString::number(heat_->low, 'g', 4), high = QString::number(heat_->high, 'g', 4);
    const QString shortName = name.section(QLatin1Char('_'), 2) + QStringLiteral("  ");
    const QFontMetrics metrics(featureMapLegend_->font());
    const int gap = 4, rampWidth = 96, height = metrics.height();
    const int left = metrics.horizontalAdvance(shortName + low) + gap;
    QPixmap legend(left + rampWidth + gap + metrics.horizontalAdvance(high), height);
    legend.fill(Qt::transparent);
    QPainter painter(&legend);
    painter.setFont(featureMapLegend_->font());
    painter.setPen(featureMapLegend_->palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, 0, left - gap, height), Qt::AlignVCenter | Qt::AlignRight, shortName + low);
    QLinearGradient gradient(left, 0, left + rampWidth, 0);
    const auto& palette = heat_->palette;
    for (std::size_t i = 0; i < palette.size(); i += 15)
        gradient.setColorAt(double(i) / double(palette.size() - 1), palette[i]);
    gradient.setColorAt(1, palette.back());
    painter.fillRect(QRect(left, height / 4, rampWidth, height / 2), gradient);
    painter.drawText(QRect(left + rampWidth + gap, 0, legend.width(), height), Qt::AlignVCenter | Qt::AlignLeft, high);
    painter.end();
    featureMapLegend_->setPixmap(legend);
    featureMapLegend_->setToolTip(
        tr("%1, kernel radius %2 voxels: %3 (dark) to %4 (bright)").arg(name).arg(kernelRadius).arg(low, high));
    featureMapLegend_->setVisible(true);
    hideFeatureMapAction_->setEnabled(true);
    saveFeatureMapAction_->setEnabled(true);
    statusBar()->showMessage(featureMapLegend_->toolTip(), 10000);
    updateLayers();
}

void MainWindow::hideFeatureMap() {
    if (!heat_ && !featureMap_) return;
    heat_.reset();
    featureMap_.reset();
    featureMapLegend_->clear();
    featureMapLegend_->setToolTip({});
    featureMapLegend_->setVisible(false);
    hideFeatureMapAction_->setEnabled(false);
    saveFeatureMapAction_->setEnabled(false);
    updateLayers();
}

void MainWindow::saveFeatureMap() {
    if (!featureMap_) return;
    const QString suggested = QFileInfo(studyPath_).completeBaseName() + QStringLiteral("_") +
                              QString::fromStdString(featureMap_->name) + QStringLiteral(".nrrd");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save feature map"), QFileInfo(studyPath_).dir().filePath(suggested), tr("NRRD files (*.nrrd)"));
    if (path.isEmpty()) return;
    try {
        writeValueMap(featureMap_->values, path.toStdString());
        statusBar()->showMessage(tr("Saved %1").arg(path), 8000);
    } catch (const Error& e) {
        reportError(QString::fromStdString(e.what()));
    }
}

QString MainWindow::voxelStatus() const { return voxelLabel_->text(); }

void MainWindow::chooseStudyFile() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open study"), preferences_.startFolder(),
                                     tr("Images (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd);;All files (*)"));
    if (!path.isEmpty()) openStudy(path);
}

void MainWindow::chooseStudyFolder() {
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Open DICOM series folder"), preferences_.startFolder());
    if (!path.isEmpty()) openStudy(path);
}

void MainWindow::chooseMask() {
    // A DICOM study's outlines are kept in its folder (a Slicer .seg.nrrd, an RTSTRUCT), an image
    // file's beside it.
    const QFileInfo study(studyPath_);
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open mask"), study.isDir() ? study.absoluteFilePath() : study.absolutePath(),
        tr("Label maps, RTSTRUCT, SEG and 3D Slicer segmentations (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;All files (*)"));
    if (path.isEmpty()) return;
    QStringList names;
    try {
        for (const std::string& name : maskRoiNames(path.toStdString())) names << QString::fromStdString(name);
    } catch (const Error& e) {
        reportError(QString::fromUtf8(e.what()));
        return;
    }
    QString roiName;
    if (names.size() > 1) {
        bool chosen = false;
        roiName = QInputDialog::getItem(this, tr("Choose the tumour ROI"), tr("ROI:"), names, 0, false, &chosen);
        if (!chosen) return;
    }
    openMask(path, std::nullopt, roiName);
}

void MainWindow::saveMask() {
    if (!mask_) return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save mask"), maskPath_, tr("NIfTI (*.nii.gz);;NRRD (*.nrrd)"));
    if (path.isEmpty()) return;
    std::shared_ptr<const LabelMap> mask = std::make_shared<LabelMap>(*mask_);
    const std::string target = path.toStdString();
    runner_.start(tr("Saving mask"), [this, mask, target, path](Progress& progress) {
        progress.step(0.0, "writing " + target);
        writeLabelMap(*mask, target);
        return BackgroundRunner::ShowResult([this, path] { statusBar()->showMessage(tr("Saved %1").arg(path), 5000); });
    });
}

QImage MainWindow::screenshot() {
    // grab() draws the 3D view from its framebuffer too (QOpenGLWidget's render path in Qt 6).
    return grab().toImage();
}

void MainWindow::saveScreenshot() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save screenshot"), QString(), tr("PNG image (*.png)"));
    if (path.isEmpty()) return;
    if (!screenshot().save(path, "PNG")) reportError(tr("%1: could not write the screenshot.").arg(path));
}

void MainWindow::reportError(const QString& message) {
    emit loadFailed(message);
    statusBar()->showMessage(message, 10000);
    // Not exec(): a modal loop would stall tests and the background job's result delivery.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("DeepRadScore Studio"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::updateTitle() {
    QString title = tr("DeepRadScore Studio");
    if (!studyPath_.isEmpty()) title += QStringLiteral(" - ") + QFileInfo(studyPath_).fileName();
    if (!studySeriesDescription_.isEmpty())
        title += QStringLiteral(" [") + studySeriesDescription_ + QStringLiteral("]");
    if (!maskPath_.isEmpty()) title += QStringLiteral(" + ") + QFileInfo(maskPath_).fileName();
    setWindowTitle(title);
}

}  // namespace drs::ui
