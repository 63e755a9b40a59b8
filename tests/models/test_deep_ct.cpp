// Deep-CT end to end through the port, in the fast CPU configuration: a separable generated set
// is learnt (AUC > 0.95 on fresh patients), a saved model reloads to bit-identical outputs,
// training is deterministic for a seed, Grad-CAM peaks inside the blob that decides the class,
// and bad input fails with drs::Error before anything is written.
#include <torch/torch.h>

#include <QtTest>
#include <filesystem>
#include <fstream>

#include "core/stats/Roc.h"
#include "core/util/Error.h"
#include "models/BatchSize.h"
#include "models/Device.h"
#include "models/MixedPrecision.h"
#include "models/TorchDeepCt.h"
#include "tests/models/SyntheticPatches.h"

using namespace drs;
using namespace drs::testing;

namespace {

DeepCtOptions testOptions() {
    DeepCtOptions options = DeepCtOptions::fast();
    // One thread: on a busy machine OpenMP's barriers make two threads several times slower.
    options.threads = 1;
    options.seed = 11;
    // The Grad-CAM localisation below was measured with flips only and a constant learning rate;
    // with rotation, intensity jitter and the cosine schedule the toy networks of this file
    // localise less sharply (one VGG peak 25 px off its disc, DenseNet contrast 2.7 < 3), and the
    // augmentation itself is tested in test_deep_ct_augment.
    options.flipAnteriorPosterior = true;
    options.maxRotationDeg = 0;
    options.intensityJitter = 0;
    options.learningRateSchedule = "constant";
    return options;
}

bool exists(const std::string& path) { return std::filesystem::exists(path); }

}  // namespace

class DeepCtTest : public QObject {
    Q_OBJECT
private slots:
    void deviceChoiceFollowsTheRequest() {
        const bool cuda = torch::cuda::is_available();
        QCOMPARE(models::chooseDevice("auto").cuda, cuda);
        QCOMPARE(models::chooseDevice("cpu").cuda, false);
        QVERIFY(models::chooseDevice("cpu").description.rfind("cpu", 0) == 0);
        if (cuda) {
            QVERIFY(models::chooseDevice("cuda").cuda);
        } else {
            try {
                models::chooseDevice("cuda");
                QFAIL("cuda without a CUDA device was accepted");
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find("no CUDA device") != std::string::npos, e.what());
            }
        }
        QVERIFY_THROWS_EXCEPTION(Error, models::chooseDevice("gpu"));
    }

    void initTestCase() {
        models::prepareProcessForTraining();
        QVERIFY(dir_.isValid());
        modelPath_ = dir_.filePath("separable.pt").toStdString();
        training_ = makeBlobSet(40, 1, "train");
        test_ = makeBlobSet(30, 2, "test");
    }

    void learnsSeparableSet() {
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        const auto all = patchesOf(test_);
        result_ = port->trainAndExtract(patchesOf(training_), all, testOptions(), modelPath_, progress);
        qInfo("%s", result_.log.c_str());
        QVERIFY(!result_.pretrainedWeightsUsed);
        QVERIFY(result_.log.find("from scratch") != std::string::npos);
        QCOMPARE(result_.featuresPerPatient.size(), all.size());
        std::vector<int> labels;
        for (const auto& p : all) labels.push_back(p.label);
        const double auc = stats::auc(labels, result_.probabilityByOutput.front());
        qInfo("test AUC %.4f after %d epochs", auc, result_.epochsRun);
        QVERIFY2(auc > 0.95, std::to_string(auc).c_str());
        QVERIFY(exists(modelPath_) && exists(modelPath_ + ".json"));
        QCOMPARE(result_.validationPatientIds.size(), std::size_t(10));
        // Memory is plentiful here: the automatic batch size is the fast configuration's largest.
        QCOMPARE(result_.batchSize, 16);
        QVERIFY(result_.log.find("batch 16 (automatic: largest of 16, 8, 4, 2") != std::string::npos);
    }

    void reloadGivesIdenticalOutputs() {
        QVERIFY(exists(modelPath_));
        auto port = models::makeTorchDeepCt();
        const auto features = port->extract(modelPath_, patchesOf(test_));
        const auto probabilities = port->predict(modelPath_, patchesOf(test_), 0);
        QCOMPARE(features.size(), result_.featuresPerPatient.size());
        for (std::size_t i = 0; i < features.size(); ++i) {
            QVERIFY(features[i] == result_.featuresPerPatient[i]);  // bitwise
            QCOMPARE(probabilities[i], result_.probabilityByOutput.front()[i]);
        }
    }

    // Grad-CAM's peak (the argmax of the heat map on the patch) lies strictly inside the disc
    // that alone decides the class, for every positive test patient, and the disc holds the heat.
    // VGG19-BN at 1/8 width on the patch resampled to 320 px: its last block keeps 20 x 20 maps,
    // 8 patch pixels per cell. At 160 px (10 x 10 maps, 16-px cells) the peak wandered a cell
    // beyond the 24-px disc on some patients; see docs/deep-models.md. Measured with the ReLU head:
    // with the linear head (the default) VGG's peak fell 1 to 10 px beyond the disc's edge on 4 of
    // the 15 patients, while the disc still held 6 to 11 times the heat outside it.
    void gradCamPeaksInsideTheBlob() {
        auto options = testOptions();
        options.headActivation = "relu";
        options.backbone = "vgg19_bn";
        options.widthDivisor = 8;
        options.inputSizePx = 320;
        options.batchSize = 4;  // more steps, so batch norm's running statistics settle
        options.learningRate = 3e-4;
        const std::string modelPath = dir_.filePath("vgg.pt").toStdString();
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        const auto trained =
            port->trainAndExtract(patchesOf(training_), patchesOf(test_), options, modelPath, progress);
        qInfo("%s", trained.log.c_str());
        int checked = 0;
        for (const auto& item : test_) {
            if (item.patch.label != 1) continue;
            ++checked;
            const auto cam = port->gradCam(modelPath, item.patch, 0);
            QCOMPARE(cam.size(), std::size_t(160 * 160));
            const auto peak = std::max_element(cam.begin(), cam.end()) - cam.begin();
            const double x = static_cast<double>(peak % 160), y = static_cast<double>(peak / 160);
            QVERIFY(*std::max_element(cam.begin(), cam.end()) == 1.0f);
            QVERIFY(*std::min_element(cam.begin(), cam.end()) >= 0.0f);
            const double distance = std::hypot(x - item.blobXPx, y - item.blobYPx);
            double heatInside = 0, heatOutside = 0, pixelsInside = 0;
            for (std::size_t i = 0; i < cam.size(); ++i) {
                const bool inside =
                    std::hypot(double(i % 160) - item.blobXPx, double(i / 160) - item.blobYPx) <= item.radiusPx;
                (inside ? heatInside : heatOutside) += cam[i];
                pixelsInside += inside;
            }
            const double contrast = (heatInside / pixelsInside) / (heatOutside / (cam.size() - pixelsInside));
            qInfo("%s: peak %.1f px from the disc centre (radius %.0f), mean heat inside / outside %.2f",
                  item.patch.patientId.c_str(), distance, item.radiusPx, contrast);
            QVERIFY2(distance < item.radiusPx,
                     (item.patch.patientId + ": peak at " + std::to_string(x) + "," + std::to_string(y) + ", blob at " +
                      std::to_string(item.blobXPx) + "," + std::to_string(item.blobYPx))
                         .c_str());
            QVERIFY2(contrast > 4, std::to_string(contrast).c_str());
        }
        QCOMPARE(checked, 15);
    }

    // DenseNet-121 in the fast configuration (trained above) at 160 px, Grad-CAM on denseblock3's
    // 10 x 10 maps (--layer previous) instead of the last block's 5 x 5: every peak strictly inside
    // the disc, the disc holding the heat. The last block is reported, not asserted (32-px cells).
    void gradCamOnThePreviousBlock() {
        QVERIFY(exists(modelPath_));
        auto port = models::makeTorchDeepCt();
        int checked = 0;
        for (const auto& item : test_) {
            if (item.patch.label != 1) continue;
            ++checked;
            for (bool previous : {false, true}) {
                const auto cam = previous ? models::gradCamPreviousBlock(modelPath_, item.patch, 0)
                                          : port->gradCam(modelPath_, item.patch, 0);
                QCOMPARE(cam.size(), std::size_t(160 * 160));
                const auto peak = std::max_element(cam.begin(), cam.end()) - cam.begin();
                const double distance =
                    std::hypot(double(peak % 160) - item.blobXPx, double(peak / 160) - item.blobYPx);
                double heatInside = 0, heatOutside = 0, pixelsInside = 0;
                for (std::size_t i = 0; i < cam.size(); ++i) {
                    const bool inside =
                        std::hypot(double(i % 160) - item.blobXPx, double(i / 160) - item.blobYPx) <= item.radiusPx;
                    (inside ? heatInside : heatOutside) += cam[i];
                    pixelsInside += inside;
                }
                const double contrast = (heatInside / pixelsInside) / (heatOutside / (cam.size() - pixelsInside));
                qInfo("%s, %s block: peak %.1f px from the disc centre, mean heat inside / outside %.2f",
                      item.patch.patientId.c_str(), previous ? "previous" : "last", distance, contrast);
                if (!previous) continue;
                QVERIFY2(distance < item.radiusPx, (item.patch.patientId + ": " + std::to_string(distance)).c_str());
                QVERIFY2(contrast > 3, std::to_string(contrast).c_str());
            }
        }
        QCOMPARE(checked, 15);
    }

    void deterministicForSeed() {
        auto options = testOptions();
        options.epochs = 2;
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        const auto subset = patchesOf(training_);
        const auto a =
            port->trainAndExtract(subset, patchesOf(test_), options, dir_.filePath("a.pt").toStdString(), progress);
        // Mixed precision is GPU-only: asked for on the CPU, the run says so and stays float32,
        // bit for bit the run without it.
        options.mixedPrecisionOnGpu = true;
        const auto b =
            port->trainAndExtract(subset, patchesOf(test_), options, dir_.filePath("b.pt").toStdString(), progress);
        QVERIFY(b.log.find("mixed precision: requested, but it is GPU-only; this CPU run trains in float32") !=
                std::string::npos);
        QVERIFY(a.log.find("mixed precision") == std::string::npos);
        QVERIFY(a.featuresPerPatient == b.featuresPerPatient);
        options.mixedPrecisionOnGpu = false;
        options.seed = 12;
        const auto c =
            port->trainAndExtract(subset, patchesOf(test_), options, dir_.filePath("c.pt").toStdString(), progress);
        QVERIFY(a.featuresPerPatient != c.featuresPerPatient);
    }

    // GradScaler's rules (PyTorch's torch.cuda.amp.GradScaler): gradients are unscaled before
    // the step, a non-finite gradient skips the step and halves the scale, growthInterval finite
    // steps double it. Powers of two scale exactly, so the step equals the unscaled one bitwise.
    void lossScalerFollowsGradScalerRules() {
        torch::manual_seed(5);
        auto reference = torch::nn::Linear(3, 1);
        auto scaled = torch::nn::Linear(3, 1);
        {
            torch::NoGradGuard noGrad;
            scaled->weight.copy_(reference->weight);
            scaled->bias.copy_(reference->bias);
        }
        torch::optim::Adam referenceOptimiser(reference->parameters(), 0.1);
        torch::optim::Adam scaledOptimiser(scaled->parameters(), 0.1);
        models::LossScaler scaler(true, 1024, /*growthInterval=*/2);
        const auto x = torch::randn({4, 3});
        for (int step = 0; step < 2; ++step) {
            referenceOptimiser.zero_grad();
            reference->forward(x).pow(2).mean().backward();
            referenceOptimiser.step();
            scaledOptimiser.zero_grad();
            scaler.scale(scaled->forward(x).pow(2).mean()).backward();
            QVERIFY(scaler.step(scaledOptimiser));
        }
        QVERIFY(torch::equal(reference->weight, scaled->weight));
        QVERIFY(torch::equal(reference->bias, scaled->bias));
        QCOMPARE(scaler.currentScale(), 2048.0);

        models::LossScaler overflowing(true, 1e38);
        const auto before = scaled->weight.clone();
        scaledOptimiser.zero_grad();
        overflowing.scale(scaled->forward(x * 1e3).pow(2).mean()).backward();
        QVERIFY(!overflowing.step(scaledOptimiser));
        QVERIFY(torch::equal(before, scaled->weight));
        QCOMPARE(overflowing.currentScale(), 5e37);
        QCOMPARE(overflowing.skippedSteps(), 1);

        models::LossScaler off(false);
        QCOMPARE(off.currentScale(), 1.0);
        QVERIFY(torch::equal(off.scale(x), x));
    }

    // The automatic batch size plans with the measured memory of a training step: given a budget
    // that holds a batch of 4 but not 8, it picks 4 of 16, 8, 4, 2, logs it and stores it in the
    // model's sidecar; below a batch of 2 it stops with an error naming the backbone, before
    // writing; an explicit batch size is used as given.
    void batchSizeFitsTheMemoryBudget() {
        models::DeepCtNetConfig config;
        config.widthDivisor = 4;
        torch::set_num_threads(1);
        const auto atTwo = models::measureCpuTrainingStepBytes(config, 2);
        const auto atFour = models::measureCpuTrainingStepBytes(config, 4);
        const auto atEight = models::measureCpuTrainingStepBytes(config, 8);
        qInfo("training step of densenet121 at 1/4 width: %.1f / %.1f / %.1f MB at batch 2 / 4 / 8", atTwo / 1048576.0,
              atFour / 1048576.0, atEight / 1048576.0);
        QVERIFY(atTwo > 0 && atFour > atTwo && atEight > atFour);
        QVERIFY(models::availableMemoryBytes() > 0);
        const std::int64_t budget = (atFour + atEight) / 2;
        const auto choice = models::chooseBatchSize(config, 16, false, budget);
        QCOMPARE(choice.batchSize, 4);

        auto options = testOptions();
        options.epochs = 1;
        options.memoryBudgetBytes = budget;
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        const std::string path = dir_.filePath("budget.pt").toStdString();
        const auto trained = port->trainAndExtract(patchesOf(training_), patchesOf(test_), options, path, progress);
        QCOMPARE(trained.batchSize, 4);
        QVERIFY(trained.log.find("batch 4 (automatic: largest of 16, 8, 4, 2 within the memory budget") !=
                std::string::npos);
        std::ifstream sidecarFile(path + ".json");
        const std::string sidecar((std::istreambuf_iterator<char>(sidecarFile)), std::istreambuf_iterator<char>());
        QVERIFY(sidecar.find("\"batch_size\": 4,") != std::string::npos);
        QVERIFY(sidecar.find("\"batch_size_choice\": \"automatic: largest of 16, 8, 4, 2 within") != std::string::npos);

        options.memoryBudgetBytes = atTwo / 2;
        const std::string refused = dir_.filePath("refused.pt").toStdString();
        try {
            port->trainAndExtract(patchesOf(training_), patchesOf(test_), options, refused, progress);
            QFAIL("a budget below a batch of 2 was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("out of memory: densenet121 at 1/4 width (160 px) needs about") == 0,
                     e.what());
            QVERIFY2(std::string(e.what()).find("for a batch of 2") != std::string::npos, e.what());
        }
        QVERIFY(!exists(refused) && !exists(refused + ".json") && !exists(refused + ".partial"));

        options.batchSize = 6;
        const auto explicitBatch =
            port->trainAndExtract(patchesOf(training_), patchesOf(test_), options, refused, progress);
        QCOMPARE(explicitBatch.batchSize, 6);
        QVERIFY(explicitBatch.log.find("batch 6 (explicit)") != std::string::npos);
    }

    void badInputFailsBeforeWriting_data() {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("wrong size") << "size"
                                    << "expected 160 x 160";
        QTest::newRow("nan pixel") << "nan"
                                   << "non-finite pixel";
        QTest::newRow("few positives") << "positives"
                                       << "at least 10 patients of each class";
        QTest::newRow("bad label") << "label"
                                   << "label must be 0 or 1";
        QTest::newRow("missing weights") << "weights"
                                         << "cannot open the weights file";
    }
    void badInputFailsBeforeWriting() {
        QFETCH(QString, problem);
        QFETCH(QString, messagePart);
        auto patches = patchesOf(training_);
        auto options = testOptions();
        if (problem == "size") patches[3].hu160x160.resize(150 * 150);
        if (problem == "nan") patches[5].hu160x160[1234] = std::nanf("");
        if (problem == "label") patches[2].label = 2;
        if (problem == "weights") options.imagenetWeightsPath = dir_.filePath("absent.pt").toStdString();
        if (problem == "positives") {
            std::vector<DeepPatch> few;
            int positives = 0;
            for (const auto& p : patches)
                if (p.label == 0 || positives++ < 9) few.push_back(p);
            patches = few;
        }
        const std::string path = dir_.filePath("bad.pt").toStdString();
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        try {
            port->trainAndExtract(patches, patches, options, path, progress);
            QFAIL("bad input was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(messagePart.toStdString()) != std::string::npos, e.what());
        }
        QVERIFY(!exists(path) && !exists(path + ".json") && !exists(path + ".partial"));
    }

    void cancelLeavesNoModel() {
        CallbackProgress progress([](double, const std::string&) {});
        progress.cancel();
        const std::string path = dir_.filePath("cancelled.pt").toStdString();
        auto port = models::makeTorchDeepCt();
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, port->trainAndExtract(patchesOf(training_), patchesOf(test_), testOptions(), path, progress));
        QVERIFY(!exists(path) && !exists(path + ".json"));
    }

    void refusesForeignModelFile() {
        const std::string path = dir_.filePath("foreign.pt").toStdString();
        std::ofstream(path) << "PK not a model";
        auto port = models::makeTorchDeepCt();
        QVERIFY_THROWS_EXCEPTION(Error, port->extract(path, patchesOf(test_)));
        QVERIFY_THROWS_EXCEPTION(Error, port->extract(dir_.filePath("none.pt").toStdString(), patchesOf(test_)));
    }

private:
    QTemporaryDir dir_;
    std::string modelPath_;
    std::vector<BlobPatch> training_, test_;
    DeepCtResult result_;
};

QTEST_GUILESS_MAIN(DeepCtTest)
#include "test_deep_ct.moc"
