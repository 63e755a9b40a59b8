#include "ui/RunSettings.h"

#include <QActionGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QToolButton>
#include <algorithm>
#include <cmath>
#include <limits>

namespace drs::ui {

namespace {

StudyOptions modeOptions(RunSettings::Mode mode) {
    if (mode == RunSettings::Mode::Fast) return StudyOptions::fast();
    StudyOptions options = StudyOptions::standard();
    if (mode == RunSettings::Mode::PaperNetwork) options.usePaperNetwork();
    return options;
}

constexpr int kMaxSeed = std::numeric_limits<int>::max();
// The alpha field's range and decimals; drs train takes any alpha in (0, 1], and a run recorded
// with one the field cannot show is not the panel's.
constexpr int kAlphaDecimals = 2;
constexpr double kMinAlpha = 0.01;

QString rotationText(double degrees) {
    return degrees == 0 ? RunSettingsPanel::tr("No rotation")
                        : RunSettingsPanel::tr("Rotation up to %1 deg either way").arg(degrees);
}

// The jitter is a fraction of the 1500 HU lung window the network sees.
QString jitterText(double fraction) {
    return fraction == 0 ? RunSettingsPanel::tr("No intensity jitter")
                         : RunSettingsPanel::tr("Intensity jitter up to %1 (%2 HU)").arg(fraction).arg(fraction * 1500);
}

QString scheduleText(const QString& schedule) {
    return schedule == QLatin1String("cosine") ? RunSettingsPanel::tr("Cosine learning-rate schedule")
                                               : RunSettingsPanel::tr("Constant learning rate");
}

QString headText(const QString& activation) {
    return activation == QLatin1String("none") ? RunSettingsPanel::tr("Linear head on the deep features")
                                               : RunSettingsPanel::tr("ReLU between the deep features and the classes");
}

QString channelsText(const QString& channels) {
    if (channels == QLatin1String("lung")) return RunSettingsPanel::tr("Sees the lung window");
    if (channels == QLatin1String("lung+mediastinal+tumour"))
        return RunSettingsPanel::tr("Sees the lung and mediastinal windows and the tumour outline");
    return RunSettingsPanel::tr("Sees %1").arg(channels);
}

QString patchText(double tumourExtents) {
    return tumourExtents == 0
               ? RunSettingsPanel::tr("Patch of the scanner's own pixels (the paper)")
               : RunSettingsPanel::tr("Patch fitted to the tumour (%1 tumour extents across)").arg(tumourExtents);
}

QString patienceText(int epochs) {
    return RunSettingsPanel::tr("Stop after %1 epochs without a better validation AUC or loss").arg(epochs);
}

// Checks the group's choice holding `value`; a value the menu does not list (a run's, or a
// preference's) is added to the group, after its last choice, so that it can be shown and kept.
void checkChoice(QMenu* menu, QActionGroup* group, const QVariant& value, const QString& text) {
    const QList<QAction*> choices = group->actions();
    for (QAction* choice : choices)
        if (choice->data() == value) return choice->setChecked(true);
    const QList<QAction*> all = menu->actions();
    const qsizetype after = all.indexOf(choices.back()) + 1;
    auto* added = new QAction(text, group);
    added->setCheckable(true);
    added->setData(value);
    menu->insertAction(after < all.size() ? all[after] : nullptr, added);
    added->setChecked(true);
}

// What a run recorded rather than a file: shown in the path field, cleared like a path.
QString recordedRadiomicsText() { return RunSettingsPanel::tr("(as the shown run recorded them)"); }

}  // namespace

void RunSettings::applyModeDefaults() {
    const EndpointOptions endpoint = modeOptions(mode).endpoint;
    epochs = endpoint.deep.epochs;
    patience = endpoint.deep.earlyStoppingPatience;
    widthDivisor = endpoint.deep.widthDivisor;
    deepCvRepeats = endpoint.deepCvRepeats;
}

StudyOptions RunSettings::toOptions() const {
    StudyOptions options = modeOptions(mode);
    options.seed = seed;
    options.threads = std::max(1, threads);
    options.endpoints = endpoints;
    if (radiomicsParams) {
        options.radiomics = radiomicsParams->settings;
        options.wavelet = radiomicsParams->waveletEnabled;
    } else {
        options.radiomics.binWidth = binWidth;
    }
    options.regions.ringThicknessMm = ringMm;
    DeepCtOptions& deep = options.endpoint.deep;
    deep.epochs = epochs;
    deep.earlyStoppingPatience = patience;
    deep.backbone = backbone;
    deep.widthDivisor = widthDivisor;
    deep.imagenetWeightsPath = imagenetWeightsPath;
    deep.device = device;
    deep.threads = deepThreads;
    deep.flipLeftRight = flipLeftRight;
    deep.flipAnteriorPosterior = flipAnteriorPosterior;
    deep.maxRotationDeg = maxRotationDeg;
    deep.intensityJitter = intensityJitter;
    deep.learningRateSchedule = learningRateSchedule;
    deep.headActivation = headActivation;
    deep.inputChannels = inputChannels;
    if (patchTumourExtents > 0) options.regions.patchTumourExtents = patchTumourExtents;
    options.endpoint.combatByCentre = combatByCentre;
    options.endpoint.combatLabelCovariate = combatByCentre && combatLabelCovariate;
    options.endpoint.radScoreLambda = radScoreLambda;
    options.endpoint.radScoreAlpha = radScoreAlpha;
    // The paper's network is trained once, so it has no per-fold networks to repeat.
    if (options.endpoint.deepPerOuterFold)
        options.endpoint.deepCvRepeats = std::clamp(deepCvRepeats, 1, options.endpoint.cvRepeats);
    return options;
}

void RunSettings::loadRadiomicsParams() {
    if (radiomicsParams || radiomicsParamsPath.empty()) return;
    radiomics::ParameterFile params = radiomics::readParameterFile(radiomicsParamsPath);
    radiomics::requireEveryFeature(params, radiomicsParamsPath);
    radiomicsParams = std::move(params);
}

std::optional<RunSettings> RunSettings::ofRunParameters(const std::string& parametersJson, const RunSettings& current) {
    const QJsonObject parameters = QJsonDocument::fromJson(QByteArray::fromStdString(parametersJson)).object();
    const QJsonObject deep = parameters["deep"].toObject();
    RunSettings settings = current;
    bool seedOk = false;
    settings.seed = parameters["seed"].toString().toULongLong(&seedOk);
    if (!seedOk) return std::nullopt;
    settings.epochs = deep["epochs"].toInt();
    settings.patience = deep["patience"].toInt();
    settings.backbone = deep["backbone"].toString().toStdString();
    settings.widthDivisor = deep["width_divisor"].toInt();
    settings.imagenetWeightsPath = deep["imagenet_weights"].toString().toStdString();
    settings.deepThreads = deep["cpu_threads"].toInt();
    settings.device = parameters["device"].toString(QStringLiteral("auto")).toStdString();
    settings.ringMm = parameters["ring_mm"].toDouble();
    settings.combatByCentre = parameters["combat_by_centre"].toBool();
    settings.combatLabelCovariate = parameters["combat_label_covariate"].toBool();
    settings.deepCvRepeats = parameters["deep_cv_repeats"].toInt(1);  // absent: the first repeat only
    try {
        settings.radScoreLambda = learn::lambdaChoiceFromName(
            parameters["radscore_lambda"].toString(QStringLiteral("lambda.min")).toStdString());
    } catch (const std::exception&) {
        return std::nullopt;
    }
    settings.radScoreAlpha = parameters["radscore_alpha"].toDouble(1.0);  // absent: the LASSO
    const DeepCtOptions defaults;
    settings.flipLeftRight = deep["flip_left_right"].toBool(defaults.flipLeftRight);
    settings.flipAnteriorPosterior = deep["flip_anterior_posterior"].toBool(defaults.flipAnteriorPosterior);
    settings.maxRotationDeg = deep["max_rotation_deg"].toDouble(defaults.maxRotationDeg);
    settings.intensityJitter = deep["intensity_jitter"].toDouble(defaults.intensityJitter);
    settings.learningRateSchedule =
        deep["learning_rate_schedule"].toString(QString::fromStdString(defaults.learningRateSchedule)).toStdString();
    if (settings.learningRateSchedule != "cosine" && settings.learningRateSchedule != "constant") return std::nullopt;
    // Runs recorded before the head was a setting trained with the ReLU.
    settings.headActivation = deep["head_activation"].toString(QStringLiteral("relu")).toStdString();
    if (settings.headActivation != "none" && settings.headActivation != "relu") return std::nullopt;
    try {
        settings.inputChannels =
            parseInputChannels(deep["input_channels"]
                                   .toString(QString::fromStdString(inputChannelsText(defaults.inputChannels)))
                                   .toStdString(),
                               "the run's input channels");
    } catch (const std::exception&) {
        return std::nullopt;
    }
    settings.patchTumourExtents = parameters["patch_tumour_extents"].toDouble(0);
    const double alphaScaled = settings.radScoreAlpha * std::pow(10.0, kAlphaDecimals);
    if (settings.radScoreAlpha < kMinAlpha || std::abs(alphaScaled - std::round(alphaScaled)) > 1e-6)
        return std::nullopt;
    settings.endpoints.clear();
    for (const auto& endpoint : parameters["endpoints"].toArray())
        settings.endpoints.push_back(endpoint.toString().toStdString());
    settings.radiomicsParamsPath.clear();
    settings.radiomicsParams.reset();
    const auto matchingMode = [&]() -> std::optional<RunSettings> {
        for (Mode mode : {Mode::Fast, Mode::Standard, Mode::PaperNetwork}) {
            settings.mode = mode;
            if (settings.toOptions().toJson() == parametersJson) return settings;
        }
        return std::nullopt;
    };
    // The bin width preference and the mode's image types, or else the radiomics as recorded (a
    // parameter file, --no-wavelet, another bin width preference) shown as such.
    if (auto plain = matchingMode()) return plain;
    try {
        settings.radiomicsParams = radiomics::parseParameterJson(
            QJsonDocument(parameters["radiomics"].toObject()).toJson().toStdString(), "the run's parameters");
    } catch (const std::exception&) {
        return std::nullopt;
    }
    settings.radiomicsParams->waveletEnabled = parameters["wavelet"].toBool(true);
    return matchingMode();
}

RunSettingsPanel::RunSettingsPanel(QWidget* parent) : QGroupBox(tr("Run settings"), parent) {
    // Four label/field pairs a row, four rows: every setting is in view without scrolling, and
    // the Study tab leaves the evidence most of a 1280x900 window.
    auto* grid = new QGridLayout(this);
    grid->setVerticalSpacing(4);
    const auto add = [&](int row, int pair, const QString& label, QWidget* widget, int pairs = 1) {
        auto* caption = new QLabel(label, this);
        caption->setBuddy(widget);
        grid->addWidget(caption, row, 2 * pair);
        grid->addWidget(widget, row, 2 * pair + 1, 1, 2 * pairs - 1);
        return caption;
    };
    // "..." rather than "Choose...": the path fields keep their width in a 1024-pixel window.
    const auto chooseFileButton = [this] {
        auto* button = new QToolButton(this);
        button->setText(QStringLiteral("..."));
        button->setToolTip(tr("Choose a file"));
        return button;
    };
    const auto inRow = [this](std::initializer_list<QWidget*> widgets) {
        auto* row = new QWidget(this);
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        for (QWidget* widget : widgets) layout->addWidget(widget);
        return row;
    };

    modeCombo_ = new QComboBox(this);
    modeCombo_->addItem(tr("Fast (107 features per region, 5x2 CV)"), static_cast<int>(RunSettings::Mode::Fast));
    modeCombo_->addItem(tr("Standard (851 features per region, 5x10 CV)"),
                        static_cast<int>(RunSettings::Mode::Standard));
    modeCombo_->addItem(tr("The paper's network (standard, full-width DenseNet121 per endpoint, trained once)"),
                        static_cast<int>(RunSettings::Mode::PaperNetwork));
    modeCombo_->setCurrentIndex(1);
    // The third mode's name is long: the closed chooser elides it, its list shows it whole.
    modeCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    modeCombo_->setMinimumContentsLength(22);
    modeCombo_->setToolTip(
        tr("Fast and standard differ in the radiomic features (wavelet images) and the number of "
           "cross-validation repeats; both train one multi-task Deep-CT network per outer fold of the repeats "
           "the deep models are cross-validated in (the first five of standard's ten, the first of fast's two). The "
           "paper's network is one full-width single-task network per endpoint, trained once on 75 % of the "
           "training patients: its deep cross-validated AUCs are optimistic, and the evidence says so."));
    add(0, 0, tr("&Mode:"), modeCombo_);
    seedBox_ = new QSpinBox(this);
    seedBox_->setRange(0, kMaxSeed);
    seedBox_->setToolTip(tr("The split, the folds and the network's initialisation follow from the seed."));
    add(0, 1, tr("S&eed:"), seedBox_);
    epochsBox_ = new QSpinBox(this);
    epochsBox_->setRange(1, 500);
    epochsBox_->setToolTip(tr("Upper bound: early stopping on the validation AUC may end training sooner."));
    add(0, 2, tr("&Epochs:"), epochsBox_);
    deepCvRepeatsBox_ = new QSpinBox(this);
    deepCvRepeatsBox_->setToolTip(
        tr("The first cross-validation repeats, in which Deep-CT and Deep-RadScore are cross-validated with one "
           "Deep-CT network per outer fold: each repeat costs five networks. One repeat makes the choice among "
           "the seven classifiers more a matter of luck, and their CV AUCs optimistic on rare endpoints."));
    threadsBox_ = new QSpinBox(this);
    threadsBox_->setRange(1, 256);
    threadsBox_->setToolTip(tr("Threads for radiomics and the classifier panel; the numbers do not depend on it."));
    add(0, 3, tr("&Threads:"), threadsBox_);

    backboneCombo_ = new QComboBox(this);
    backboneCombo_->setToolTip(tr("The Deep-CT network's backbone; the paper uses DenseNet121."));
    add(1, 0, tr("&Backbone:"), backboneCombo_);
    widthCombo_ = new QComboBox(this);
    for (int divisor : {1, 2, 4, 8})
        widthCombo_->addItem(divisor == 1 ? tr("full (the paper's)") : tr("1/%1").arg(divisor), divisor);
    widthCombo_->setToolTip(
        tr("Channel widths of the backbone. A quarter trains about 16 times faster on a CPU; "
           "ImageNet weights need the full width."));
    add(1, 1, tr("&Width:"), widthCombo_);
    deviceCombo_ = new QComboBox(this);
    deviceCombo_->addItem(tr("Automatic"), QStringLiteral("auto"));
    deviceCombo_->addItem(tr("CPU"), QStringLiteral("cpu"));
    deviceCombo_->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    detectedLabel_ = new QLabel(this);
    QWidget* deviceRow = inRow({deviceCombo_, detectedLabel_});
    add(1, 2, tr("&Device:"), deviceRow)->setBuddy(deviceCombo_);
    deepThreadsBox_ = new QSpinBox(this);
    deepThreadsBox_->setRange(0, 256);
    deepThreadsBox_->setSpecialValueText(tr("all cores"));
    deepThreadsBox_->setToolTip(
        tr("LibTorch CPU threads for Deep-CT. One thread gives the same numbers on every "
           "machine and is the fastest on a busy 2-core machine."));
    add(1, 3, tr("Deep-CT t&hreads:"), deepThreadsBox_);

    weightsEdit_ = new QLineEdit(this);
    weightsEdit_->setPlaceholderText(tr("none: trained from scratch"));
    weightsEdit_->setClearButtonEnabled(true);
    weightsButton_ = chooseFileButton();
    connect(weightsButton_, &QToolButton::clicked, this, &RunSettingsPanel::chooseWeights);
    QWidget* weightsRow = inRow({weightsEdit_, weightsButton_});
    static_cast<QHBoxLayout*>(weightsRow->layout())->setStretchFactor(weightsEdit_, 1);
    add(2, 0, tr("ImageNet &weights:"), weightsRow)->setBuddy(weightsEdit_);
    // Beside "Deep-CT threads:", whose label is as long, so the panel grows no wider.
    add(2, 3, tr("Deep CV re&peats:"), deepCvRepeatsBox_);
    endpointButton_ = new QToolButton(this);
    endpointButton_->setText(tr("Endpoints"));
    endpointButton_->setPopupMode(QToolButton::InstantPopup);
    endpointMenu_ = new QMenu(endpointButton_);
    endpointButton_->setMenu(endpointMenu_);
    combatCombo_ = new QComboBox(this);
    combatCombo_->addItem(tr("off"), static_cast<int>(Harmonisation::None));
    combatCombo_->addItem(tr("by centre"), static_cast<int>(Harmonisation::ByCentre));
    combatCombo_->addItem(tr("by centre, label as covariate"), static_cast<int>(Harmonisation::ByCentreNetOfLabel));
    // The closed chooser elides the third choice, its list shows it whole: the row fits 1024 pixels.
    combatCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combatCombo_->setMinimumContentsLength(9);
    combatCombo_->setToolTip(
        tr("ComBat removes each centre's location and scale from the radiomic features. The estimates come from "
           "the training patients only, in every cross-validation fold, and are applied to test and external "
           "patients; a centre without training patients is left as it is. With the label as covariate the "
           "centre effects are estimated net of the endpoint's label (sva's mod), so that a prevalence that "
           "differs by centre is not harmonised away; every patient is still moved by its centre's shift and "
           "scale alone, as a new patient's label is unknown."));
    auto* combatLabel = new QLabel(tr("&ComBat:"), this);
    combatLabel->setBuddy(combatCombo_);
    radiomicsEdit_ = new QLineEdit(this);
    radiomicsEdit_->setPlaceholderText(tr("none: pyradiomics' defaults"));
    radiomicsEdit_->setClearButtonEnabled(true);
    radiomicsEdit_->setToolTip(
        tr("A pyradiomics parameter file (JSON, as drs extract --params) for both regions' features: its "
           "settings and image types (Original, Wavelet) replace the bin width preference and the mode's "
           "wavelet choice."));
    auto* radiomicsButton = chooseFileButton();
    connect(radiomicsButton, &QToolButton::clicked, this, &RunSettingsPanel::chooseRadiomicsParams);
    QWidget* radiomicsRow = inRow({radiomicsEdit_, radiomicsButton});
    static_cast<QHBoxLayout*>(radiomicsRow->layout())->setStretchFactor(radiomicsEdit_, 1);
    trainingButton_ = new QToolButton(this);
    trainingButton_->setText(tr("Deep-CT training"));
    trainingButton_->setPopupMode(QToolButton::InstantPopup);
    trainingButton_->setToolTip(
        tr("Deep-CT's training augmentation, learning-rate schedule, head, what the network sees and when it "
           "stops, as drs train's --no-flip-lr, --flip-ap, --rotation-deg, --intensity-jitter, --lr-schedule, "
           "--head-activation, --input-channels, --patch-fit and --patience. Only what is plausible for an axial "
           "chest CT is on by default: the anterior-posterior flip turns the patient over and erases any "
           "front-to-back signal. A patch fitted to the tumour gives every tumour the same share of it."));
    trainingMenu_ = new QMenu(trainingButton_);
    trainingButton_->setMenu(trainingMenu_);
    // A menu of choices rather than fields: the panel keeps its four rows.
    const auto toggle = [this](const QString& text) {
        QAction* action = trainingMenu_->addAction(text);
        action->setCheckable(true);
        return action;
    };
    flipLeftRightAction_ = toggle(tr("Left-right flip (the other lung)"));
    flipApAction_ = toggle(tr("Anterior-posterior flip (turns the patient over)"));
    const auto choices = [this](const QList<std::pair<QVariant, QString>>& values) {
        trainingMenu_->addSeparator();
        auto* group = new QActionGroup(trainingMenu_);
        for (const auto& [value, text] : values) {
            QAction* action = trainingMenu_->addAction(text);
            action->setCheckable(true);
            action->setData(value);
            group->addAction(action);
        }
        return group;
    };
    QList<std::pair<QVariant, QString>> rotations, jitters;
    for (double degrees : {0.0, 5.0, 10.0, 20.0}) rotations.append({degrees, rotationText(degrees)});
    for (double fraction : {0.0, 0.01, 0.02, 0.05, 0.1, 0.2}) jitters.append({fraction, jitterText(fraction)});
    rotationGroup_ = choices(rotations);
    jitterGroup_ = choices(jitters);
    scheduleGroup_ = choices({{QStringLiteral("cosine"), scheduleText(QStringLiteral("cosine"))},
                              {QStringLiteral("constant"), scheduleText(QStringLiteral("constant"))}});
    headGroup_ = choices({{QStringLiteral("none"), headText(QStringLiteral("none"))},
                          {QStringLiteral("relu"), headText(QStringLiteral("relu"))}});
    channelGroup_ =
        choices({{QStringLiteral("lung"), channelsText(QStringLiteral("lung"))},
                 {QStringLiteral("lung+mediastinal+tumour"), channelsText(QStringLiteral("lung+mediastinal+tumour"))}});
    patchGroup_ = choices({{0.0, patchText(0)}, {2.0, patchText(2)}});
    // The standard mode's, the paper network's, and room for a network that learns slowly.
    QList<std::pair<QVariant, QString>> patiences;
    for (int epochs : {3, 6, 10, 30}) patiences.append({epochs, patienceText(epochs)});
    patienceGroup_ = choices(patiences);
    QWidget* togglesRow = inRow({endpointButton_, trainingButton_, combatLabel, combatCombo_});
    static_cast<QHBoxLayout*>(togglesRow->layout())->addStretch(1);
    grid->addWidget(togglesRow, 2, 2, 1, 4);
    lambdaCombo_ = new QComboBox(this);
    lambdaCombo_->addItem(tr("lambda.min"), static_cast<int>(learn::LambdaChoice::Min));
    lambdaCombo_->addItem(tr("lambda.1se (sparser)"), static_cast<int>(learn::LambdaChoice::OneStandardError));
    lambdaCombo_->setToolTip(
        tr("The penalty of each RadScore, chosen by the LASSO's own 5-fold cross-validation on the training "
           "patients (glmnet's cv.glmnet): lambda.min has the smallest mean binomial deviance; lambda.1se is the "
           "largest lambda within one standard error of it and keeps fewer features. On the demo cohort "
           "the fused model did better with lambda.min (BENCHMARKS.md)."));
    add(3, 0, tr("RadScore &lambda:"), lambdaCombo_);
    alphaBox_ = new QDoubleSpinBox(this);
    alphaBox_->setRange(kMinAlpha, 1.0);
    alphaBox_->setSingleStep(0.05);
    alphaBox_->setDecimals(kAlphaDecimals);
    alphaBox_->setToolTip(
        tr("glmnet's alpha for both RadScores: 1 is the LASSO (the paper's); below 1 the elastic net, which keeps "
           "groups of correlated features together and shrinks them instead of picking one of each group."));
    add(3, 1, tr("RadScore &alpha:"), alphaBox_);
    // A path wants width: the row's last two pairs.
    add(3, 2, tr("&Radiomics:"), radiomicsRow, 2)->setBuddy(radiomicsEdit_);
    // The first pair's fields (mode, backbone, weights file, lambda) hold text; the others mostly
    // numbers, which need less width.
    for (int pair = 0; pair < 4; ++pair) grid->setColumnStretch(2 * pair + 1, pair == 0 ? 2 : 1);

    connect(modeCombo_, &QComboBox::currentIndexChanged, this, &RunSettingsPanel::applyMode);
    setEngine({});
    RunSettings defaults;
    defaults.applyModeDefaults();
    setSettings(defaults);
}

void RunSettingsPanel::applyMode() {
    RunSettings settings = this->settings();
    settings.applyModeDefaults();
    epochsBox_->setValue(settings.epochs);
    checkChoice(trainingMenu_, patienceGroup_, settings.patience, patienceText(settings.patience));
    widthCombo_->setCurrentIndex(std::max(0, widthCombo_->findData(settings.widthDivisor)));
    showDeepCvRepeats(settings);
}

// The mode bounds the repeats (its CV's); the paper's network has none to repeat.
void RunSettingsPanel::showDeepCvRepeats(const RunSettings& settings) {
    const StudyOptions options = modeOptions(settings.mode);
    deepCvRepeatsBox_->setRange(1, options.endpoint.cvRepeats);
    deepCvRepeatsBox_->setValue(settings.deepCvRepeats);
    deepCvRepeatsBox_->setEnabled(options.endpoint.deepPerOuterFold);
}

void RunSettingsPanel::chooseWeights() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("ImageNet weights"), QFileInfo(weightsEdit_->text()).path(),
                                     tr("Converted torchvision weights (*.pt);;All files (*)"));
    if (!path.isEmpty()) weightsEdit_->setText(path);
}

void RunSettingsPanel::chooseRadiomicsParams() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Radiomics parameter file"), QFileInfo(radiomicsEdit_->text()).path(),
                                     tr("pyradiomics parameter files (*.yaml *.yml *.json);;All files (*)"));
    if (!path.isEmpty()) radiomicsEdit_->setText(path);
}

RunSettings RunSettingsPanel::settings() const {
    RunSettings settings = hidden_;
    settings.mode = static_cast<RunSettings::Mode>(modeCombo_->currentData().toInt());
    settings.seed = static_cast<std::uint64_t>(seedBox_->value());
    settings.epochs = epochsBox_->value();
    settings.deepCvRepeats = deepCvRepeatsBox_->value();
    settings.threads = threadsBox_->value();
    settings.backbone = backboneCombo_->currentText().toStdString();
    settings.widthDivisor = widthCombo_->currentData().toInt();
    settings.imagenetWeightsPath = weightsEdit_->text().trimmed().toStdString();
    settings.device = deviceCombo_->currentData().toString().toStdString();
    settings.deepThreads = deepThreadsBox_->value();
    const auto harmonisation = static_cast<Harmonisation>(combatCombo_->currentData().toInt());
    settings.combatByCentre = harmonisation != Harmonisation::None;
    settings.combatLabelCovariate = harmonisation == Harmonisation::ByCentreNetOfLabel;
    settings.radScoreLambda = static_cast<learn::LambdaChoice>(lambdaCombo_->currentData().toInt());
    settings.radScoreAlpha = alphaBox_->value();
    settings.flipLeftRight = flipLeftRightAction_->isChecked();
    settings.flipAnteriorPosterior = flipApAction_->isChecked();
    settings.maxRotationDeg = rotationGroup_->checkedAction()->data().toDouble();
    settings.intensityJitter = jitterGroup_->checkedAction()->data().toDouble();
    settings.learningRateSchedule = scheduleGroup_->checkedAction()->data().toString().toStdString();
    settings.headActivation = headGroup_->checkedAction()->data().toString().toStdString();
    settings.inputChannels =
        parseInputChannels(channelGroup_->checkedAction()->data().toString().toStdString(), "the input channels");
    settings.patchTumourExtents = patchGroup_->checkedAction()->data().toDouble();
    settings.patience = patienceGroup_->checkedAction()->data().toInt();
    const QString radiomicsText = radiomicsEdit_->text().trimmed();
    const bool recorded = hidden_.radiomicsParams && hidden_.radiomicsParamsPath.empty();
    if (!recorded || radiomicsText != recordedRadiomicsText()) {
        // A file is read when the run starts, so that its latest content is what runs.
        settings.radiomicsParamsPath = radiomicsText.toStdString();
        settings.radiomicsParams.reset();
    }
    settings.endpoints.clear();
    const QList<QAction*> actions = endpointMenu_->actions();
    for (QAction* action : actions)
        if (action->isChecked()) settings.endpoints.push_back(action->text().toStdString());
    // Every endpoint is recorded as "all" so that runs of the whole project share their parameters.
    if (!actions.isEmpty() && settings.endpoints.size() == static_cast<std::size_t>(actions.size()))
        settings.endpoints.clear();
    return settings;
}

void RunSettingsPanel::setSettings(const RunSettings& settings) {
    hidden_ = settings;
    {
        const QSignalBlocker blocker(modeCombo_);
        modeCombo_->setCurrentIndex(modeCombo_->findData(static_cast<int>(settings.mode)));
    }
    seedBox_->setValue(static_cast<int>(std::min<std::uint64_t>(settings.seed, kMaxSeed)));
    epochsBox_->setValue(settings.epochs);
    showDeepCvRepeats(settings);
    threadsBox_->setValue(settings.threads);
    const QString backbone = QString::fromStdString(settings.backbone);
    if (backboneCombo_->findText(backbone) < 0) backboneCombo_->addItem(backbone);
    backboneCombo_->setCurrentIndex(backboneCombo_->findText(backbone));
    int width = widthCombo_->findData(settings.widthDivisor);
    if (width < 0) {
        widthCombo_->addItem(tr("1/%1").arg(settings.widthDivisor), settings.widthDivisor);
        width = widthCombo_->count() - 1;
    }
    widthCombo_->setCurrentIndex(width);
    weightsEdit_->setText(QString::fromStdString(settings.imagenetWeightsPath));
    deviceCombo_->setCurrentIndex(std::max(0, deviceCombo_->findData(QString::fromStdString(settings.device))));
    deepThreadsBox_->setValue(settings.deepThreads);
    const Harmonisation harmonisation = !settings.combatByCentre        ? Harmonisation::None
                                        : settings.combatLabelCovariate ? Harmonisation::ByCentreNetOfLabel
                                                                        : Harmonisation::ByCentre;
    combatCombo_->setCurrentIndex(combatCombo_->findData(static_cast<int>(harmonisation)));
    lambdaCombo_->setCurrentIndex(lambdaCombo_->findData(static_cast<int>(settings.radScoreLambda)));
    alphaBox_->setValue(settings.radScoreAlpha);
    flipLeftRightAction_->setChecked(settings.flipLeftRight);
    flipApAction_->setChecked(settings.flipAnteriorPosterior);
    checkChoice(trainingMenu_, rotationGroup_, settings.maxRotationDeg, rotationText(settings.maxRotationDeg));
    checkChoice(trainingMenu_, jitterGroup_, settings.intensityJitter, jitterText(settings.intensityJitter));
    const QString schedule = QString::fromStdString(settings.learningRateSchedule);
    checkChoice(trainingMenu_, scheduleGroup_, schedule, scheduleText(schedule));
    const QString head = QString::fromStdString(settings.headActivation);
    checkChoice(trainingMenu_, headGroup_, head, headText(head));
    const QString channels = QString::fromStdString(inputChannelsText(settings.inputChannels));
    checkChoice(trainingMenu_, channelGroup_, channels, channelsText(channels));
    checkChoice(trainingMenu_, patchGroup_, settings.patchTumourExtents, patchText(settings.patchTumourExtents));
    checkChoice(trainingMenu_, patienceGroup_, settings.patience, patienceText(settings.patience));
    radiomicsEdit_->setText(settings.radiomicsParams && settings.radiomicsParamsPath.empty()
                                ? recordedRadiomicsText()
                                : QString::fromStdString(settings.radiomicsParamsPath));
    radiomicsEdit_->setCursorPosition(0);  // a narrow field shows the start of what it holds
    for (QAction* action : endpointMenu_->actions())
        action->setChecked(settings.endpoints.empty() ||
                           std::find(settings.endpoints.begin(), settings.endpoints.end(),
                                     action->text().toStdString()) != settings.endpoints.end());
}

void RunSettingsPanel::setEngine(const DeepCtEngineInfo& engine) {
    const QString current = backboneCombo_->currentText();
    backboneCombo_->clear();
    backboneCombo_->addItems(engine.backbones);
    if (!current.isEmpty() && backboneCombo_->findText(current) < 0) backboneCombo_->addItem(current);
    if (!current.isEmpty()) backboneCombo_->setCurrentIndex(backboneCombo_->findText(current));
    detectedLabel_->setText(engine.detectedDevice.isEmpty() ? QString()
                                                            : tr("(automatic: %1)").arg(engine.detectedDevice));
    // A CUDA choice without a device would only fail when the run reaches Deep-CT.
    const int cuda = deviceCombo_->findData(QStringLiteral("cuda"));
    if (auto* model = qobject_cast<QStandardItemModel*>(deviceCombo_->model()))
        model->item(cuda)->setEnabled(engine.cudaAvailable);
    deviceCombo_->setItemData(cuda, engine.cudaAvailable ? QString() : tr("No CUDA device was detected."),
                              Qt::ToolTipRole);
    if (!engine.cudaAvailable && deviceCombo_->currentIndex() == cuda) deviceCombo_->setCurrentIndex(0);
}

void RunSettingsPanel::setEndpoints(const QStringList& endpoints) {
    QStringList current;
    for (QAction* action : endpointMenu_->actions()) current << action->text();
    if (current == endpoints) return;
    endpointMenu_->clear();
    for (const QString& endpoint : endpoints) {
        QAction* action = endpointMenu_->addAction(endpoint);
        action->setCheckable(true);
        action->setChecked(true);
    }
}

}  // namespace drs::ui
