#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <QGroupBox>
#include <QStringList>

#include "core/pipeline/StudyPipeline.h"

class QAction;
class QActionGroup;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSpinBox;
class QToolButton;

namespace drs::ui {

// Every setting of a pipeline run the Study tab offers, as plain values. toOptions() is what the
// pipeline gets; ofRunParameters() reads them back from a run's recorded parameters, so that the
// panel can show a run's settings and "Run study" resumes it.
struct RunSettings {
    enum class Mode { Fast = 0, Standard = 1, PaperNetwork = 2 };
    Mode mode = Mode::Standard;
    std::uint64_t seed = 0;
    int epochs = 8;
    int patience = 3;       // epochs without a better validation score before a Deep-CT network stops (--patience)
    int deepCvRepeats = 5;  // the first CV repeats the deep models are cross-validated in, a network per outer fold
    std::string backbone = "densenet121";
    int widthDivisor = 4;                // every channel width of the backbone divided by this
    std::string imagenetWeightsPath;     // empty: trained from scratch
    std::string device = "auto";         // auto, cpu, cuda
    int threads = 2;                     // pipeline workers (radiomics, classifiers): same numbers for any count
    int deepThreads = 1;                 // LibTorch CPU threads (0: all cores)
    double binWidth = 25;                // radiomics grey-level bin width, HU
    double ringMm = 3;                   // peritumoral ring thickness
    std::vector<std::string> endpoints;  // empty: every endpoint of the project
    bool combatByCentre = true;          // ComBat by centre on the radiomic features (training estimates)
    bool combatLabelCovariate = false;   // its centre effects estimated net of the label (--combat-label-covariate)
    // A pyradiomics parameter file for both regions' radiomics (drs train --radiomics-params): its
    // settings and image types replace the bin width and the mode's wavelet choice. The path is
    // where they are read from; no path with parameters: a run's recorded settings.
    std::string radiomicsParamsPath;
    std::optional<radiomics::ParameterFile> radiomicsParams;
    learn::LambdaChoice radScoreLambda = learn::LambdaChoice::Min;  // --radscore-lambda
    double radScoreAlpha = 1.0;                                     // --radscore-alpha: 1 is the LASSO
    // Deep-CT training's augmentation, schedule and head (drs train --no-flip-lr, --flip-ap,
    // --rotation-deg, --intensity-jitter, --lr-schedule, --head-activation); DeepCtOptions' defaults.
    bool flipLeftRight = DeepCtOptions{}.flipLeftRight;
    bool flipAnteriorPosterior = DeepCtOptions{}.flipAnteriorPosterior;
    double maxRotationDeg = DeepCtOptions{}.maxRotationDeg;
    double intensityJitter = DeepCtOptions{}.intensityJitter;
    std::string learningRateSchedule = DeepCtOptions{}.learningRateSchedule;
    std::string headActivation = DeepCtOptions{}.headActivation;             // --head-activation
    std::vector<std::string> inputChannels = DeepCtOptions{}.inputChannels;  // --input-channels
    // --patch-fit: the deep patch spans this many tumour extents; 0: the paper's patch of the
    // scanner's own pixels.
    double patchTumourExtents = 0;

    // The mode's defaults (StudyOptions::fast(), standard(), or standard() with the paper's
    // network), other values unchanged.
    void applyModeDefaults();
    StudyOptions toOptions() const;
    // Reads radiomicsParamsPath into radiomicsParams unless they were read already; throws
    // drs::Error naming the file and the offending key.
    void loadRadiomicsParams();
    // The settings whose toOptions() gives exactly these parameters (threads, which change no
    // number and are not recorded, are taken from `current`); none when the run was made with
    // settings the panel does not offer (e.g. drs train --radscore-alpha 0.333). Radiomics other than
    // pyradiomics' defaults with current's bin width and the mode's image types come back as
    // recorded parameters.
    static std::optional<RunSettings> ofRunParameters(const std::string& parametersJson, const RunSettings& current);
};

// What the application's Deep-CT engine offers (drs_ui links no LibTorch, so the application
// tells): its backbones and the device "auto" picks on this machine.
struct DeepCtEngineInfo {
    QStringList backbones{QStringLiteral("densenet121")};
    QString detectedDevice;  // e.g. "cpu (2 threads)" or "cuda:0"; empty: not known
    bool cudaAvailable = false;
};

// The Study tab's run settings: mode, seed, epochs, endpoints, Deep-CT backbone, width, ImageNet
// weights file and device (auto / CPU / CUDA, with what was detected), the deep models' CV
// repeats, threads, ComBat by centre (with the label as covariate), a radiomics parameter file,
// the RadScores' lambda and elastic-net alpha, Deep-CT's flips, rotation, intensity jitter,
// learning-rate schedule, head activation, input channels, patch field and patience.
class RunSettingsPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit RunSettingsPanel(QWidget* parent = nullptr);

    RunSettings settings() const;
    void setSettings(const RunSettings& settings);
    void setEngine(const DeepCtEngineInfo& engine);
    // The project's endpoints, all checked; a choice made for the same endpoints is kept.
    void setEndpoints(const QStringList& endpoints);

    QComboBox* modeChooser() const { return modeCombo_; }
    QSpinBox* seedBox() const { return seedBox_; }
    QSpinBox* epochsBox() const { return epochsBox_; }
    QSpinBox* deepCvRepeatsBox() const { return deepCvRepeatsBox_; }
    QMenu* endpointMenu() const { return endpointMenu_; }
    QComboBox* backboneChooser() const { return backboneCombo_; }
    QComboBox* widthChooser() const { return widthCombo_; }
    QLineEdit* weightsEdit() const { return weightsEdit_; }
    QComboBox* deviceChooser() const { return deviceCombo_; }
    QLabel* detectedDeviceLabel() const { return detectedLabel_; }
    QSpinBox* threadsBox() const { return threadsBox_; }
    QSpinBox* deepThreadsBox() const { return deepThreadsBox_; }
    // ComBat: off, by centre, by centre with the label as covariate (Harmonisation's values as data).
    enum class Harmonisation { None = 0, ByCentre = 1, ByCentreNetOfLabel = 2 };
    QComboBox* combatChooser() const { return combatCombo_; }
    QLineEdit* radiomicsParamsEdit() const { return radiomicsEdit_; }
    QComboBox* lambdaChooser() const { return lambdaCombo_; }
    QDoubleSpinBox* alphaBox() const { return alphaBox_; }
    // Deep-CT's augmentation, schedule, head and stopping: two toggles, then one exclusive group of
    // choices each for the rotation, the intensity jitter, the schedule, the head, the input
    // channels, the patch and the patience (the value as data).
    QMenu* deepTrainingMenu() const { return trainingMenu_; }
    QAction* flipLeftRightAction() const { return flipLeftRightAction_; }
    QAction* flipAnteriorPosteriorAction() const { return flipApAction_; }
    QActionGroup* rotationChoices() const { return rotationGroup_; }
    QActionGroup* jitterChoices() const { return jitterGroup_; }
    QActionGroup* scheduleChoices() const { return scheduleGroup_; }
    QActionGroup* headChoices() const { return headGroup_; }
    QActionGroup* channelChoices() const { return channelGroup_; }
    QActionGroup* patchChoices() const { return patchGroup_; }
    QActionGroup* patienceChoices() const { return patienceGroup_; }

private:
    void applyMode();
    void showDeepCvRepeats(const RunSettings& settings);
    void chooseWeights();
    void chooseRadiomicsParams();

    RunSettings hidden_;  // what the panel keeps but does not show (bin width, ring, parameters read)
    QComboBox* modeCombo_ = nullptr;
    QSpinBox* seedBox_ = nullptr;
    QSpinBox* epochsBox_ = nullptr;
    QSpinBox* deepCvRepeatsBox_ = nullptr;
    QToolButton* endpointButton_ = nullptr;
    QMenu* endpointMenu_ = nullptr;
    QComboBox* backboneCombo_ = nullptr;
    QComboBox* widthCombo_ = nullptr;
    QLineEdit* weightsEdit_ = nullptr;
    QToolButton* weightsButton_ = nullptr;
    QComboBox* deviceCombo_ = nullptr;
    QLabel* detectedLabel_ = nullptr;
    QSpinBox* threadsBox_ = nullptr;
    QSpinBox* deepThreadsBox_ = nullptr;
    QComboBox* combatCombo_ = nullptr;
    QLineEdit* radiomicsEdit_ = nullptr;
    QComboBox* lambdaCombo_ = nullptr;
    QDoubleSpinBox* alphaBox_ = nullptr;
    QToolButton* trainingButton_ = nullptr;
    QMenu* trainingMenu_ = nullptr;
    QAction* flipLeftRightAction_ = nullptr;
    QAction* flipApAction_ = nullptr;
    QActionGroup* rotationGroup_ = nullptr;
    QActionGroup* jitterGroup_ = nullptr;
    QActionGroup* scheduleGroup_ = nullptr;
    QActionGroup* headGroup_ = nullptr;
    QActionGroup* channelGroup_ = nullptr;
    QActionGroup* patchGroup_ = nullptr;
    QActionGroup* patienceGroup_ = nullptr;
};

}  // namespace drs::ui
