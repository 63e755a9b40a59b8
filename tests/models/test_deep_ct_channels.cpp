// What Deep-CT sees, a channel each (DeepCtOptions::inputChannels): the lung and mediastinal
// windows follow their closed forms, the tumour channel is the outline's mask, and a class that
// only the outline tells is learnt with the tumour channel and not without it. Every patch holds a
// solid disc and a ground-glass disc at random places; the outline marks the solid one in positives
// and the ground-glass one in negatives, so the images alone are alike for both classes. Tiny
// network and input so the trainings take seconds on one CPU core.
#include <torch/torch.h>  // before Qt, whose `slots` macro LibTorch's headers would meet

#include <QtTest>
#include <cmath>
#include <random>

#include "core/util/Error.h"
#include "models/DeepCtNet.h"
#include "models/TorchDeepCt.h"
#include "tests/models/ToyTraining.h"

using namespace drs;
using namespace drs::testing;

namespace {

constexpr std::size_t kPixels = static_cast<std::size_t>(kDeepPatchSizePx) * kDeepPatchSizePx;

DeepPatch twoDiscPatch(std::mt19937& random, bool outlineOnTheSolidDisc, const std::string& id) {
    std::normal_distribution<double> noise(0.0, 15.0);
    std::uniform_real_distribution<double> radius(18, 26), along(34, 126), across(-30, 30);
    // Left and right halves, which of the two is solid drawn at random: position tells nothing.
    const bool solidOnTheLeft = std::uniform_int_distribution<int>(0, 1)(random) == 1;
    const double r = radius(random);
    const double yLeft = along(random), yRight = along(random), dxLeft = across(random) / 3,
                 dxRight = across(random) / 3;
    const double cxSolid = solidOnTheLeft ? 40 + dxLeft : 120 + dxRight, cySolid = solidOnTheLeft ? yLeft : yRight;
    const double cxGlass = solidOnTheLeft ? 120 + dxRight : 40 + dxLeft, cyGlass = solidOnTheLeft ? yRight : yLeft;
    DeepPatch patch{id, std::vector<float>(kPixels), outlineOnTheSolidDisc ? 1 : 0, std::vector<float>(kPixels)};
    for (int y = 0; y < kDeepPatchSizePx; ++y)
        for (int x = 0; x < kDeepPatchSizePx; ++x) {
            const bool solid = std::hypot(x - cxSolid, y - cySolid) <= r;
            const bool glass = std::hypot(x - cxGlass, y - cyGlass) <= r;
            const auto i = static_cast<std::size_t>(y * kDeepPatchSizePx + x);
            patch.hu160x160[i] = static_cast<float>((solid ? 30 : glass ? -450 : -850) + noise(random));
            patch.tumour160x160[i] = (outlineOnTheSolidDisc ? solid : glass) ? 1.0f : 0.0f;
        }
    return patch;
}

std::vector<DeepPatch> twoDiscSet(int count, unsigned seed, const std::string& prefix) {
    std::mt19937 random(seed);
    std::vector<DeepPatch> set;
    for (int i = 0; i < count; ++i) set.push_back(twoDiscPatch(random, i % 2 == 1, prefix + std::to_string(i)));
    return set;
}

}  // namespace

class DeepCtChannelsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        models::prepareProcessForTraining();
        QVERIFY(dir_.isValid());
        training_ = twoDiscSet(128, 1, "train");
        test_ = twoDiscSet(100, 2, "test");
    }

    // lung: (HU + 1350) / 1500, mediastinal: (HU + 160) / 400, each clamped to [0, 1]; tumour: the mask.
    void windowsAndTumourAsChannels() {
        DeepPatch patch{"p", std::vector<float>(kPixels, -2000.0f), -1, std::vector<float>(kPixels, 0.0f)};
        const std::vector<float> hu{-1350, -600, -160, 40, 140, 240, 500};
        for (std::size_t i = 0; i < hu.size(); ++i) patch.hu160x160[i] = hu[i];
        patch.tumour160x160[3] = 1;
        models::DeepCtNetConfig config;
        config.channels = {"tumour", "lung", "mediastinal"};
        const auto channels = models::patchChannels({&patch}, config);
        QCOMPARE(channels.sizes().vec(), (std::vector<int64_t>{1, 3, kDeepPatchSizePx, kDeepPatchSizePx}));
        const auto at = [&](int c, std::size_t i) {
            return channels[0][c].flatten()[static_cast<int64_t>(i)].item<float>();
        };
        const std::vector<float> lung{0, 0.5f, 1190.0f / 1500, 1390.0f / 1500, 1490.0f / 1500, 1, 1};
        const std::vector<float> mediastinal{0, 0, 0, 0.5f, 0.75f, 1, 1};
        for (std::size_t i = 0; i < hu.size(); ++i) {
            QVERIFY(std::abs(at(1, i) - lung[i]) < 1e-6f);
            QVERIFY(std::abs(at(2, i) - mediastinal[i]) < 1e-6f);
            QCOMPARE(at(0, i), i == 3 ? 1.0f : 0.0f);
        }
        QCOMPARE(at(1, kPixels - 1), 0.0f);  // -2000 HU below the lung window
        QCOMPARE(models::greyChannels(config), (std::vector<bool>{false, true, true}));
    }

    void onlyTheOutlineTellsTheClass() {
        DeepCtOptions options = toyOptions();
        options.inputChannels = {"lung", "tumour"};
        const auto [auc, log] = testAuc(options, "outlined.pt");
        QVERIFY2(auc > 0.85, std::to_string(auc).c_str());
        QVERIFY(log.find("px of lung+tumour") != std::string::npos);
    }

    void withoutTheOutlineNothingIsLearnt() {
        const auto [auc, log] = testAuc(toyOptions(), "lung.pt");
        QVERIFY2(std::abs(auc - 0.5) < 0.2, std::to_string(auc).c_str());
    }

    // The saved model remembers what it sees: patches without a mask are refused by name.
    void savedModelNeedsTheMask() {
        auto port = models::makeTorchDeepCt();
        auto withoutMask = test_;
        withoutMask[7].tumour160x160.clear();
        try {
            port->extract(dir_.filePath("outlined.pt").toStdString(), withoutMask);
            QFAIL("a patch without its tumour mask was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("patient 'test7'") != std::string::npos &&
                         std::string(e.what()).find("without its tumour mask") != std::string::npos,
                     e.what());
        }
        QVERIFY(port->extract(dir_.filePath("lung.pt").toStdString(), withoutMask).size() == withoutMask.size());
    }

    // Models saved before the setting saw the lung window alone.
    void olderModelDescriptionsSeeTheLung() {
        const auto config = models::DeepCtNetConfig::fromText(
            "format=drs-deepct-1\nbackbone=densenet121\nwidth_divisor=4\ninput_size_px=160\nin_channels=1\n"
            "window_level_hu=-600\nwindow_width_hu=1500\noutputs=1\n",
            "old.pt");
        QCOMPARE(config.channels, std::vector<std::string>{"lung"});
        models::DeepCtNetConfig threeChannels;
        threeChannels.channels = {"lung", "mediastinal", "tumour"};
        threeChannels.inChannels = 3;
        QCOMPARE(models::DeepCtNetConfig::fromText(threeChannels.toText(), "new.pt").channels, threeChannels.channels);
    }

    void badChannelsAreRefused_data() {
        QTest::addColumn<QString>("channels");
        QTest::addColumn<QString>("weights");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown") << "lung+bone"
                                 << ""
                                 << "input channel 'bone' is unknown";
        QTest::newRow("twice") << "lung,lung"
                               << ""
                               << "input channel 'lung' is named twice";
        QTest::newRow("empty") << ""
                               << ""
                               << "input channel '' is unknown";
        QTest::newRow("two with ImageNet weights") << "lung+tumour"
                                                   << "w.pt"
                                                   << "ImageNet weights take 1 input channel";
    }
    void badChannelsAreRefused() {
        QFETCH(QString, channels);
        QFETCH(QString, weights);
        QFETCH(QString, messagePart);
        try {
            DeepCtOptions options = toyOptions();
            options.inputChannels = parseInputChannels(channels.toStdString(), "--input-channels");
            options.imagenetWeightsPath = weights.isEmpty() ? "" : dir_.filePath(weights).toStdString();
            auto port = models::makeTorchDeepCt();
            SilentProgress progress;
            port->trainAndExtract(training_, test_, options, dir_.filePath("refused.pt").toStdString(), progress);
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(messagePart.toStdString()) != std::string::npos, e.what());
        }
        QVERIFY(!QFile::exists(dir_.filePath("refused.pt")));
    }

private:
    std::pair<double, std::string> testAuc(const DeepCtOptions& options, const QString& file) {
        return toyTestAuc(training_, test_, options, dir_.filePath(file).toStdString());
    }

    QTemporaryDir dir_;
    std::vector<DeepPatch> training_, test_;
};

QTEST_GUILESS_MAIN(DeepCtChannelsTest)
#include "test_deep_ct_channels.moc"
