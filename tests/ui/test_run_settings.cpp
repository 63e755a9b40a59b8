// The run settings (RunSettings, RunSettingsPanel) and the time-left estimate, offscreen: what
// the pipeline gets is checked in the parameters it records (StudyOptions::toJson, read back here
// as plain JSON), and a run's settings are recovered from those parameters.
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScopeGuard>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <ctime>
#include <thread>

#include "EventLoopWatchdog.h"
#include "ui/ElidedLabel.h"
#include "ui/RunSettings.h"
#include "ui/StudyPanel.h"
#include "ui/TimeLeft.h"

using namespace drs;
using namespace drs::ui;

namespace {

RunSettings unusualSettings() {
    RunSettings settings;
    settings.mode = RunSettings::Mode::Fast;
    settings.seed = 4242;
    settings.epochs = 3;
    settings.patience = 12;
    settings.deepCvRepeats = 2;
    settings.backbone = "resnet50";
    settings.widthDivisor = 8;
    settings.imagenetWeightsPath = "/weights/resnet50 imagenet.pt";
    settings.device = "cpu";
    settings.threads = 3;
    settings.deepThreads = 2;
    settings.binWidth = 10;
    settings.ringMm = 5;
    settings.endpoints = {"EGFR", "T4"};
    settings.combatByCentre = false;
    settings.radScoreLambda = learn::LambdaChoice::OneStandardError;
    settings.radScoreAlpha = 0.5;
    settings.flipLeftRight = false;
    settings.flipAnteriorPosterior = true;
    settings.maxRotationDeg = 7.5;
    settings.intensityJitter = 0.02;
    settings.learningRateSchedule = "constant";
    settings.headActivation = "relu";
    settings.inputChannels = {"mediastinal", "tumour"};
    settings.patchTumourExtents = 3;
    return settings;
}

void writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QJsonObject recorded(const RunSettings& settings) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(settings.toOptions().toJson())).object();
}

}  // namespace

class TestRunSettings : public QObject {
    Q_OBJECT
private slots:
    void optionsCarryEverySetting() {
        const QJsonObject json = recorded(unusualSettings());
        const QJsonObject deep = json["deep"].toObject();
        QCOMPARE(json["seed"].toString(), QStringLiteral("4242"));
        QCOMPARE(json["wavelet"].toBool(), false);  // fast: the original image's 107 features
        QCOMPARE(json["cv_repeats"].toInt(), 2);
        QCOMPARE(json["deep_cv_repeats"].toInt(), 2);
        QCOMPARE(json["ring_mm"].toDouble(), 5.0);
        QCOMPARE(json["radiomics"].toObject()["binWidth"].toDouble(), 10.0);
        QCOMPARE(json["endpoints"].toArray(), (QJsonArray{"EGFR", "T4"}));
        QCOMPARE(json["device"].toString(), QStringLiteral("cpu"));
        QVERIFY(!json.contains("combat_by_centre"));
        QVERIFY(!unusualSettings().toOptions().endpoint.combatByCentre);
        QCOMPARE(deep["backbone"].toString(), QStringLiteral("resnet50"));
        QCOMPARE(deep["epochs"].toInt(), 3);
        QCOMPARE(deep["patience"].toInt(), 12);  // as drs train --patience 12
        QCOMPARE(deep["width_divisor"].toInt(), 8);
        QCOMPARE(deep["cpu_threads"].toInt(), 2);
        QCOMPARE(deep["imagenet_weights"].toString(), QStringLiteral("/weights/resnet50 imagenet.pt"));
        // As drs train --no-flip-lr --flip-ap --rotation-deg 7.5 --intensity-jitter 0.02 --lr-schedule constant.
        QCOMPARE(deep["flip_left_right"].toBool(), false);
        QCOMPARE(deep["flip_anterior_posterior"].toBool(), true);
        QCOMPARE(deep["max_rotation_deg"].toDouble(), 7.5);
        QCOMPARE(deep["intensity_jitter"].toDouble(), 0.02);
        QCOMPARE(deep["learning_rate_schedule"].toString(), QStringLiteral("constant"));
        QVERIFY(!deep.contains("head_activation"));  // --head-activation relu: as runs recorded before the option
        QCOMPARE(unusualSettings().toOptions().threads, 3);
        QCOMPARE(json["radscore_lambda"].toString(),
                 QStringLiteral("lambda.1se"));  // as drs train --radscore-lambda 1se
        QCOMPARE(json["radscore_alpha"].toDouble(), 0.5);
        QCOMPARE(json["patch_tumour_extents"].toDouble(), 3.0);  // as drs train --patch-fit 3

        RunSettings standard;
        const QJsonObject defaults = recorded(standard);
        QCOMPARE(defaults["wavelet"].toBool(), true);
        QCOMPARE(defaults["cv_repeats"].toInt(), 10);
        QCOMPARE(defaults["deep_cv_repeats"].toInt(), 5);
        QVERIFY(!defaults.contains("device"));                  // automatic: not recorded, as before the option
        QCOMPARE(defaults["combat_by_centre"].toBool(), true);  // StudyOptions::standard(), as drs train
        QCOMPARE(standard.toOptions().toJson(), StudyOptions::standard().toJson());
        QVERIFY(!defaults.contains("combat_label_covariate"));
        QCOMPARE(defaults["radscore_lambda"].toString(), QStringLiteral("lambda.min"));
        QVERIFY(!defaults.contains("radscore_alpha"));        // the LASSO
        QVERIFY(!defaults.contains("patch_tumour_extents"));  // the paper's patch
        const QJsonObject defaultDeep = defaults["deep"].toObject();
        QCOMPARE(defaultDeep["flip_left_right"].toBool(), true);
        QCOMPARE(defaultDeep["flip_anterior_posterior"].toBool(), false);
        QCOMPARE(defaultDeep["max_rotation_deg"].toDouble(), 10.0);
        QCOMPARE(defaultDeep["intensity_jitter"].toDouble(), 0.1);
        QCOMPARE(defaultDeep["learning_rate_schedule"].toString(), QStringLiteral("cosine"));
        QCOMPARE(defaultDeep["head_activation"].toString(), QStringLiteral("none"));
        QCOMPARE(defaultDeep["patience"].toInt(), 3);

        // ComBat with the label as covariate, as drs train --combat-label-covariate; without ComBat it is no setting.
        RunSettings covariate;
        covariate.combatLabelCovariate = true;
        QCOMPARE(recorded(covariate)["combat_label_covariate"].toBool(), true);
        const auto back = RunSettings::ofRunParameters(covariate.toOptions().toJson(), RunSettings{});
        QVERIFY(back && back->combatLabelCovariate);
        covariate.combatByCentre = false;
        QVERIFY(!recorded(covariate).contains("combat_label_covariate"));
        RunSettingsPanel panel;
        panel.setSettings(*back);
        QComboBox* combat = panel.combatChooser();
        QCOMPARE(combat->currentData().toInt(), int(RunSettingsPanel::Harmonisation::ByCentreNetOfLabel));
        QVERIFY(panel.settings().toOptions().endpoint.combatLabelCovariate);
        combat->setCurrentIndex(combat->findData(int(RunSettingsPanel::Harmonisation::ByCentre)));
        QVERIFY(panel.settings().toOptions().endpoint.combatByCentre);
        QVERIFY(!panel.settings().toOptions().endpoint.combatLabelCovariate);
        combat->setCurrentIndex(combat->findData(int(RunSettingsPanel::Harmonisation::None)));
        QVERIFY(!panel.settings().toOptions().endpoint.combatByCentre);
    }

    void settingsAreRecoveredFromTheRunParameters() {
        RunSettings current;
        current.threads = 7;
        for (RunSettings settings : {unusualSettings(), RunSettings{}}) {
            const auto back = RunSettings::ofRunParameters(settings.toOptions().toJson(), current);
            QVERIFY(back);
            QCOMPARE(back->toOptions().toJson(), settings.toOptions().toJson());
            QCOMPARE(int(back->mode), int(settings.mode));
            QCOMPARE(back->backbone, settings.backbone);
            QCOMPARE(back->widthDivisor, settings.widthDivisor);
            QCOMPARE(back->device, settings.device);
            QCOMPARE(back->combatByCentre, settings.combatByCentre);
            QCOMPARE(back->deepCvRepeats, settings.deepCvRepeats);
            QCOMPARE(int(back->radScoreLambda), int(settings.radScoreLambda));
            QCOMPARE(back->radScoreAlpha, settings.radScoreAlpha);
            QCOMPARE(back->flipAnteriorPosterior, settings.flipAnteriorPosterior);
            QCOMPARE(back->maxRotationDeg, settings.maxRotationDeg);
            QCOMPARE(back->learningRateSchedule, settings.learningRateSchedule);
            QCOMPARE(back->inputChannels, settings.inputChannels);
            QCOMPARE(back->patience, settings.patience);
            QCOMPARE(back->threads, 7);  // not recorded: the current choice stays
        }
        // unusualSettings()' bin width is 10 HU: with that preference it is the preference's, with
        // another the run's recorded radiomics.
        QVERIFY(RunSettings::ofRunParameters(unusualSettings().toOptions().toJson(), current)->radiomicsParams);
        RunSettings tenHu = current;
        tenHu.binWidth = 10;
        const auto sameBinWidth = RunSettings::ofRunParameters(unusualSettings().toOptions().toJson(), tenHu);
        QVERIFY(sameBinWidth && !sameBinWidth->radiomicsParams);
        QCOMPARE(sameBinWidth->binWidth, 10.0);
        // A run made before the deep models had more than the first CV repeat records none: it
        // is the standard mode with one.
        StudyOptions oneRepeat = StudyOptions::standard();
        oneRepeat.endpoint.deepCvRepeats = 1;
        QVERIFY(!QJsonDocument::fromJson(QByteArray::fromStdString(oneRepeat.toJson()))
                     .object()
                     .contains("deep_cv_repeats"));
        const auto older = RunSettings::ofRunParameters(oneRepeat.toJson(), current);
        QVERIFY(older);
        QCOMPARE(int(older->mode), int(RunSettings::Mode::Standard));
        QCOMPARE(older->deepCvRepeats, 1);
        // drs train --no-wavelet: the radiomics the run recorded, an Original-only image type.
        StudyOptions noWavelet = StudyOptions::standard();
        noWavelet.wavelet = false;
        const auto recordedRadiomics = RunSettings::ofRunParameters(noWavelet.toJson(), current);
        QVERIFY(recordedRadiomics && recordedRadiomics->radiomicsParams);
        QVERIFY(!recordedRadiomics->radiomicsParams->waveletEnabled);
        QCOMPARE(recordedRadiomics->toOptions().toJson(), noWavelet.toJson());
        // A run made with a setting the panel does not offer is not claimed as the panel's: no
        // augmentation at all (drs deep-train --no-augment's setting).
        StudyOptions unaugmented = StudyOptions::standard();
        unaugmented.endpoint.deep.augment = false;
        QVERIFY(!RunSettings::ofRunParameters(unaugmented.toJson(), current));
        // drs train --flip-ap --intensity-jitter 0.01: the panel's.
        StudyOptions apFlips = StudyOptions::standard();
        apFlips.endpoint.deep.flipAnteriorPosterior = true;
        apFlips.endpoint.deep.intensityJitter = 0.01;
        const auto flipped = RunSettings::ofRunParameters(apFlips.toJson(), current);
        QVERIFY(flipped && flipped->flipAnteriorPosterior);
        QCOMPARE(flipped->intensityJitter, 0.01);
        QCOMPARE(flipped->toOptions().toJson(), apFlips.toJson());
        // drs train --patience 30 (before the panel offered a patience, such a run was not its own).
        StudyOptions patient = StudyOptions::standard();
        patient.endpoint.deep.earlyStoppingPatience = 30;
        const auto patientBack = RunSettings::ofRunParameters(patient.toJson(), current);
        QVERIFY(patientBack);
        QCOMPARE(patientBack->patience, 30);
        QCOMPARE(int(patientBack->mode), int(RunSettings::Mode::Standard));
        QCOMPARE(patientBack->toOptions().toJson(), patient.toJson());
        // A run recorded before the head was a setting trained with the ReLU head: so does its repeat.
        QJsonObject beforeHead =
            QJsonDocument::fromJson(QByteArray::fromStdString(StudyOptions::standard().toJson())).object();
        QJsonObject beforeHeadDeep = beforeHead["deep"].toObject();
        beforeHeadDeep.remove("head_activation");
        beforeHead["deep"] = beforeHeadDeep;
        const auto olderHead = RunSettings::ofRunParameters(
            QJsonDocument(beforeHead).toJson(QJsonDocument::Compact).toStdString(), current);
        QVERIFY(olderHead);
        QCOMPARE(olderHead->headActivation, std::string("relu"));
        QCOMPARE(olderHead->toOptions().endpoint.deep.headActivation, std::string("relu"));
        QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(olderHead->toOptions().toJson())).object(),
                 beforeHead);
        // An alpha with more decimals than the panel's field shows (drs train --radscore-alpha 0.333).
        StudyOptions elasticNet = StudyOptions::standard();
        elasticNet.endpoint.radScoreAlpha = 0.333;
        QVERIFY(!RunSettings::ofRunParameters(elasticNet.toJson(), current));
        elasticNet.endpoint.radScoreAlpha = 0.35;
        QVERIFY(RunSettings::ofRunParameters(elasticNet.toJson(), current));
        QVERIFY(!RunSettings::ofRunParameters("not json", current));
    }

    // Such a run is not offered for resuming from the panel: its status line says so, and that
    // "Run study" starts a new run; a run the settings can show is resumed.
    void statusLineSaysWhatRunStudyDoes() {
        const QString resumable = StudyPanel::runStatusText(3, "cancelled", "cancelled by the user.", true, 0);
        QVERIFY2(resumable.contains("\"Run study\" with the same settings resumes it"), qPrintable(resumable));
        const QString notOffered = StudyPanel::runStatusText(3, "cancelled", "cancelled by the user.", false, 0);
        QVERIFY2(notOffered.startsWith("Run 3 is cancelled. It was made with options the run settings do not offer") &&
                     notOffered.contains("\"Run study\" starts a new run with the settings shown") &&
                     !notOffered.contains("with the same settings resumes it"),
                 qPrintable(notOffered));
        QCOMPARE(StudyPanel::runStatusText(4, "finished", "", true, 0),
                 QStringLiteral("Run 4 finished: the evidence below is complete."));
        QVERIFY(StudyPanel::runStatusText(4, "finished", "", false, 0).endsWith("the settings shown are not its own."));
        QVERIFY(StudyPanel::runStatusText(4, "finished", "", false, 2).contains("outlines of 2 patient(s)"));
    }

    // The paper's setting as the issue and the paper state it: full-width DenseNet121, one network
    // per endpoint trained once (not per outer fold), 25 % of the training patients for
    // validation, up to 30 epochs, on the standard radiomics (851 features, 5x10 CV).
    void paperNetworkModeRecordsThePapersSetting() {
        RunSettings paper;
        paper.mode = RunSettings::Mode::PaperNetwork;
        paper.applyModeDefaults();
        const QJsonObject json = recorded(paper);
        const QJsonObject deep = json["deep"].toObject();
        QCOMPARE(json["deep_per_outer_fold"].toBool(true), false);
        QCOMPARE(json["wavelet"].toBool(), true);
        QCOMPARE(json["cv_repeats"].toInt(), 10);
        QCOMPARE(deep["backbone"].toString(), QStringLiteral("densenet121"));
        QCOMPARE(deep["width_divisor"].toInt(), 1);
        QCOMPARE(deep["epochs"].toInt(), 30);
        QCOMPARE(deep["validation_fraction"].toDouble(), 0.25);
        QCOMPARE(deep["patience"].toInt(), 6);
        QVERIFY(!json.contains("deep_cv_repeats"));  // no network per outer fold to repeat
        QCOMPARE(recorded(RunSettings{})["deep_per_outer_fold"].toBool(false), true);

        const auto back = RunSettings::ofRunParameters(paper.toOptions().toJson(), RunSettings{});
        QVERIFY(back);
        QCOMPARE(int(back->mode), int(RunSettings::Mode::PaperNetwork));

        RunSettingsPanel panel;
        panel.modeChooser()->setCurrentIndex(panel.modeChooser()->findData(int(RunSettings::Mode::PaperNetwork)));
        QCOMPARE(panel.epochsBox()->value(), 30);
        QCOMPARE(panel.patienceChoices()->checkedAction()->data().toInt(), 6);
        QCOMPARE(panel.widthChooser()->currentData().toInt(), 1);
        QVERIFY(!panel.deepCvRepeatsBox()->isEnabled());
        QCOMPARE(panel.settings().toOptions().toJson(), paper.toOptions().toJson());
    }

    void panelShowsAndReturnsTheSettings() {
        RunSettingsPanel panel;
        DeepCtEngineInfo engine;
        engine.backbones = {"densenet121", "resnet50", "vgg19"};
        engine.detectedDevice = "cpu (2 threads)";
        panel.setEngine(engine);
        panel.setEndpoints({"EGFR", "KRAS", "T4"});
        panel.setSettings(unusualSettings());
        QCOMPARE(panel.backboneChooser()->currentText(), QStringLiteral("resnet50"));
        QCOMPARE(panel.widthChooser()->currentData().toInt(), 8);
        QCOMPARE(panel.weightsEdit()->text(), QStringLiteral("/weights/resnet50 imagenet.pt"));
        QCOMPARE(panel.deviceChooser()->currentData().toString(), QStringLiteral("cpu"));
        QVERIFY(panel.detectedDeviceLabel()->text().contains("cpu (2 threads)"));
        QCOMPARE(panel.seedBox()->value(), 4242);
        QCOMPARE(panel.deepCvRepeatsBox()->value(), 2);
        QCOMPARE(panel.deepCvRepeatsBox()->maximum(), 2);  // fast mode's CV has two repeats
        QVERIFY(panel.deepCvRepeatsBox()->isEnabled());
        QCOMPARE(panel.threadsBox()->value(), 3);
        QCOMPARE(panel.deepThreadsBox()->value(), 2);
        QCOMPARE(panel.combatChooser()->currentData().toInt(), int(RunSettingsPanel::Harmonisation::None));
        QCOMPARE(panel.lambdaChooser()->currentText(), QStringLiteral("lambda.1se (sparser)"));
        QCOMPARE(panel.alphaBox()->value(), 0.5);
        QVERIFY(!panel.flipLeftRightAction()->isChecked());
        QVERIFY(panel.flipAnteriorPosteriorAction()->isChecked());
        // 7.5 degrees is not among the menu's rotations: the run's value is added and chosen.
        QCOMPARE(panel.rotationChoices()->checkedAction()->text(), QStringLiteral("Rotation up to 7.5 deg either way"));
        QCOMPARE(panel.rotationChoices()->actions().size(), 5);
        QVERIFY(panel.deepTrainingMenu()->actions().contains(panel.rotationChoices()->checkedAction()));
        QCOMPARE(panel.jitterChoices()->checkedAction()->text(), QStringLiteral("Intensity jitter up to 0.02 (30 HU)"));
        QCOMPARE(panel.scheduleChoices()->checkedAction()->data().toString(), QStringLiteral("constant"));
        QCOMPARE(panel.headChoices()->checkedAction()->text(),
                 QStringLiteral("ReLU between the deep features and the classes"));
        QCOMPARE(panel.headChoices()->actions().size(), 2);
        // Not among the menu's channel choices either: added and chosen.
        QCOMPARE(panel.channelChoices()->checkedAction()->text(), QStringLiteral("Sees mediastinal+tumour"));
        QCOMPARE(panel.channelChoices()->actions().size(), 3);
        QCOMPARE(panel.patchChoices()->checkedAction()->text(),
                 QStringLiteral("Patch fitted to the tumour (3 tumour extents across)"));
        QCOMPARE(panel.patchChoices()->actions().size(), 3);
        QCOMPARE(panel.patienceChoices()->checkedAction()->text(),
                 QStringLiteral("Stop after 12 epochs without a better validation AUC or loss"));
        QCOMPARE(panel.patienceChoices()->actions().size(), 5);
        QStringList checked;
        for (QAction* action : panel.endpointMenu()->actions())
            if (action->isChecked()) checked << action->text();
        QCOMPARE(checked, (QStringList{"EGFR", "T4"}));
        QCOMPARE(panel.settings().toOptions().toJson(), unusualSettings().toOptions().toJson());
        panel.combatChooser()->setCurrentIndex(1);  // by centre
        QVERIFY(panel.settings().toOptions().endpoint.combatByCentre);

        // Every endpoint checked is recorded as "all".
        for (QAction* action : panel.endpointMenu()->actions()) action->setChecked(true);
        QVERIFY(panel.settings().endpoints.empty());
        // Choosing a mode sets its epochs, patience and deep CV repeats.
        panel.modeChooser()->setCurrentIndex(panel.modeChooser()->findData(int(RunSettings::Mode::Standard)));
        QCOMPARE(panel.epochsBox()->value(), StudyOptions::standard().endpoint.deep.epochs);
        QCOMPARE(panel.patienceChoices()->checkedAction()->data().toInt(), 3);
        QCOMPARE(panel.deepCvRepeatsBox()->value(), 5);
        QCOMPARE(panel.deepCvRepeatsBox()->maximum(), 10);
        QCOMPARE(int(panel.settings().mode), int(RunSettings::Mode::Standard));
        panel.deepCvRepeatsBox()->setValue(10);
        QCOMPARE(panel.settings().toOptions().endpoint.deepCvRepeats, 10);
        // The RadScores' choices are not the mode's: they stay.
        QCOMPARE(int(panel.settings().radScoreLambda), int(learn::LambdaChoice::OneStandardError));
        panel.lambdaChooser()->setCurrentIndex(panel.lambdaChooser()->findData(int(learn::LambdaChoice::Min)));
        panel.alphaBox()->setValue(1.0);
        QCOMPARE(int(panel.settings().toOptions().endpoint.radScoreLambda), int(learn::LambdaChoice::Min));
        QCOMPARE(panel.settings().toOptions().endpoint.radScoreAlpha, 1.0);
        // So are Deep-CT's augmentation and schedule.
        QVERIFY(panel.settings().toOptions().endpoint.deep.flipAnteriorPosterior);
        panel.flipAnteriorPosteriorAction()->trigger();
        panel.flipLeftRightAction()->trigger();
        const auto choose = [](QActionGroup* group, const QVariant& value) {
            for (QAction* action : group->actions())
                if (action->data() == value) action->trigger();
        };
        choose(panel.rotationChoices(), 10.0);
        choose(panel.jitterChoices(), 0.1);
        choose(panel.scheduleChoices(), QStringLiteral("cosine"));
        choose(panel.headChoices(), QStringLiteral("none"));
        choose(panel.channelChoices(), QStringLiteral("lung+mediastinal+tumour"));
        choose(panel.patchChoices(), 2.0);
        QCOMPARE(recorded(panel.settings())["patch_tumour_extents"].toDouble(), 2.0);
        choose(panel.patchChoices(), 0.0);
        QVERIFY(!recorded(panel.settings()).contains("patch_tumour_extents"));
        choose(panel.patienceChoices(), 30);
        const QJsonObject deep = recorded(panel.settings())["deep"].toObject();
        QCOMPARE(deep["input_channels"].toString(), QStringLiteral("lung+mediastinal+tumour"));
        QCOMPARE(deep["flip_left_right"].toBool(), true);
        QCOMPARE(deep["flip_anterior_posterior"].toBool(), false);
        QCOMPARE(deep["max_rotation_deg"].toDouble(), 10.0);
        QCOMPARE(deep["intensity_jitter"].toDouble(), 0.1);
        QCOMPARE(deep["learning_rate_schedule"].toString(), QStringLiteral("cosine"));
        QCOMPARE(deep["head_activation"].toString(), QStringLiteral("none"));
        QCOMPARE(deep["patience"].toInt(), 30);
    }

    // The values expected are the file's own; pyradiomics' binWidth default is 25 HU.
    void radiomicsParameterFileReplacesBinWidthAndImageTypes() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("my params.json"));
        writeText(file,
                  R"({"setting": {"binWidth": 10, "resegmentRange": [-1000, 400]}, "imageType": {"Original": {}}})");
        RunSettings settings;    // standard mode: wavelet images
        settings.binWidth = 40;  // the preference, which the file replaces
        settings.radiomicsParamsPath = file.toStdString();
        settings.loadRadiomicsParams();
        const QJsonObject json = recorded(settings);
        QCOMPARE(json["radiomics"].toObject()["binWidth"].toDouble(), 10.0);
        QCOMPARE(json["radiomics"].toObject()["resegmentRange"].toArray(), (QJsonArray{-1000, 400}));
        QCOMPARE(json["wavelet"].toBool(true), false);
        QCOMPARE(json["cv_repeats"].toInt(), 10);  // still the standard mode

        // The run's recorded radiomics come back as such, and the panel shows them as recorded.
        const auto back = RunSettings::ofRunParameters(settings.toOptions().toJson(), RunSettings{});
        QVERIFY(back && back->radiomicsParams && back->radiomicsParamsPath.empty());
        QCOMPARE(int(back->mode), int(RunSettings::Mode::Standard));
        QCOMPARE(back->toOptions().toJson(), settings.toOptions().toJson());
        RunSettingsPanel panel;
        panel.setSettings(*back);
        QCOMPARE(panel.radiomicsParamsEdit()->text(), QStringLiteral("(as the shown run recorded them)"));
        QCOMPARE(panel.settings().toOptions().toJson(), settings.toOptions().toJson());
        // Cleared: pyradiomics' defaults with the mode's wavelet images.
        panel.radiomicsParamsEdit()->clear();
        QCOMPARE(recorded(panel.settings())["radiomics"].toObject()["binWidth"].toDouble(), 25.0);
        QCOMPARE(recorded(panel.settings())["wavelet"].toBool(), true);
        // A path in the field is read when the run starts.
        panel.radiomicsParamsEdit()->setText(file);
        RunSettings typed = panel.settings();
        QCOMPARE(typed.radiomicsParamsPath, file.toStdString());
        QVERIFY(!typed.radiomicsParams);
        typed.loadRadiomicsParams();
        QCOMPARE(typed.toOptions().toJson(), settings.toOptions().toJson());

        // A misspelt key is refused, naming the file and the key.
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        writeText(bad, R"({"setting": {"binwidth": 10}})");
        RunSettings refused;
        refused.radiomicsParamsPath = bad.toStdString();
        try {
            refused.loadRadiomicsParams();
            QFAIL("a misspelt key was accepted");
        } catch (const std::exception& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(bad) && message.contains("binwidth"), qPrintable(message));
        }
        QVERIFY(!refused.radiomicsParams);
    }

    void cudaIsOfferedOnlyWhenDetected() {
        RunSettingsPanel panel;
        const int cuda = panel.deviceChooser()->findData(QStringLiteral("cuda"));
        QVERIFY(cuda >= 0);
        auto* model = qobject_cast<QStandardItemModel*>(panel.deviceChooser()->model());
        DeepCtEngineInfo engine;
        engine.cudaAvailable = false;
        panel.setEngine(engine);
        QVERIFY(!model->item(cuda)->isEnabled());
        engine.cudaAvailable = true;
        engine.detectedDevice = "cuda:0";
        panel.setEngine(engine);
        QVERIFY(model->item(cuda)->isEnabled());
    }

    // The watchdog of test_study_panel is not blind: a GUI thread busy for 200 ms of its own CPU
    // time, or asleep for 200 ms, is seen as blocked (CPU starvation cannot hide either).
    void watchdogSeesABlockedGuiThread() {
        EventLoopWatchdog watchdog;
        watchdog.start();
        QTest::qWait(100);
        QVERIFY(watchdog.maxBlockedMs() < 100 || !watchdog.distinguishesStarvation());
        const auto threadCpuMs = [] {
            timespec t{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
            return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
        };
        const double begin = threadCpuMs();
        volatile double sink = 0;
        while (threadCpuMs() - begin < 200) sink = sink + 1;
        QTest::qWait(50);
        QVERIFY2(watchdog.maxBlockedMs() >= 190, qPrintable(QString::number(watchdog.maxBlockedMs())));
        watchdog.start();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        QTest::qWait(50);
        watchdog.stop();
        QVERIFY2(watchdog.maxBlockedMs() >= 180, qPrintable(QString::number(watchdog.maxBlockedMs())));
        if (!watchdog.distinguishesStarvation()) qWarning("no /proc schedstat: starvation counts as blocked");
    }

    void timeLeftExtrapolatesTheJobsOwnRate() {
        using namespace std::chrono;
        TimeLeft estimate;
        const TimeLeft::Clock::time_point t0{};
        QVERIFY(!estimate.secondsLeft());
        // A resumed job starts at 40 % and does 10 % in 20 s: 50 % left take 100 s.
        estimate.update(0.40, t0);
        estimate.update(0.45, t0 + seconds(10));
        estimate.update(0.50, t0 + seconds(20));
        QVERIFY(estimate.secondsLeft());
        QCOMPARE(*estimate.secondsLeft(), 100.0);
        // Too early (under 5 s) or too little progress: no estimate.
        estimate.restart();
        estimate.update(0.0, t0);
        estimate.update(0.5, t0 + seconds(4));
        QVERIFY(!estimate.secondsLeft());
        estimate.restart();
        estimate.update(0.2, t0);
        estimate.update(0.205, t0 + seconds(60));
        QVERIFY(!estimate.secondsLeft());
        // Said in whole minutes, rounded; under half a minute is "less than a minute". English plurals
        // come from the en catalogue, as in the application.
        QTranslator english;
        QVERIFY(english.load(QLocale(QLocale::English), QStringLiteral("deepradscore"), QStringLiteral("_"),
                             QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&english);
        const auto uninstall = qScopeGuard([&] { QCoreApplication::removeTranslator(&english); });
        QCOMPARE(timeLeftText(std::nullopt), QString());
        QCOMPARE(timeLeftText(29.0), QStringLiteral("less than a minute left"));
        QCOMPARE(timeLeftText(150.0), QStringLiteral("about 3 minutes left"));
        QCOMPARE(timeLeftText(80.0), QStringLiteral("about 1 minute left"));
    }

    // The status bar's step text: cut to the room it has, whole in the tooltip and fullText().
    void longStepTextIsElidedWithTheWholeTextAsTooltip() {
        QWidget holder;
        auto* layout = new QHBoxLayout(&holder);
        auto* label = new ElidedLabel(&holder);
        layout->addWidget(label);
        const QString text =
            QStringLiteral("Running the study: EGFR: Deep-CT outer fold 3 of 5, epoch 7 of 8, training on 48 patients");
        label->setFullText(text);
        holder.resize(200, 40);
        holder.show();
        QVERIFY(QTest::qWaitForWindowExposed(&holder));
        QCOMPARE(label->toolTip(), text);
        QCOMPARE(label->fullText(), text);
        const QString shown = label->text();
        QVERIFY2(shown.endsWith(QChar(0x2026)) && text.startsWith(shown.chopped(1)), qPrintable(shown));
        QVERIFY(label->fontMetrics().horizontalAdvance(shown) <= label->contentsRect().width());
        QVERIFY(shown.size() > 5);
        // A long text does not make the label ask for more than a few characters' width.
        QVERIFY(label->minimumSizeHint().width() < 100);
        holder.resize(label->fontMetrics().horizontalAdvance(text) + 60, 40);
        QTRY_COMPARE(label->text(), text);
        QCOMPARE(label->toolTip(), text);
    }
};

QTEST_MAIN(TestRunSettings)
#include "test_run_settings.moc"
