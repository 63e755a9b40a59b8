// A multi-task Deep-CT network: one output per endpoint sharing the 10 deep features. On a toy
// where each patch carries two independent classes, one that only a CNN can see (the
// front-to-back density gradient of the demo's `pattern`) and one of overall brightness, with a
// quarter of each output's labels unknown, one network learns both. The loss is checked in closed
// form: an unknown label adds nothing. Tiny network and input so training takes seconds.
#include <QtTest>
#include <cmath>
#include <random>

#include "core/pipeline/SharedDeepCt.h"
#include "core/util/Error.h"
#include "core/util/Parallel.h"
#include "models/DeepCtTrainer.h"
#include "models/TorchDeepCt.h"
#include "tests/models/ToyTraining.h"

using namespace drs;

namespace {

// rows (y) run anterior -> posterior, as in an axial LPS slice. A disc whose density rises towards
// the back (gradient) or the front, its mean either soft tissue or fat-like (bright or not).
DeepPatch twoClassPatch(std::mt19937& random, bool denserAtTheBack, bool bright, const std::string& id) {
    std::normal_distribution<double> noise(0.0, 15.0);
    std::uniform_real_distribution<double> radius(34, 46), shift(-12, 12), gain(70, 110);
    const double r = radius(random), cx = 80 + shift(random), cy = 80 + shift(random);
    const double g = (denserAtTheBack ? 1 : -1) * gain(random);
    const double level = bright ? 120 : -80;
    DeepPatch patch{id, std::vector<float>(kDeepPatchSizePx * kDeepPatchSizePx), -1, {}};
    for (int y = 0; y < kDeepPatchSizePx; ++y)
        for (int x = 0; x < kDeepPatchSizePx; ++x) {
            const bool inside = std::hypot(x - cx, y - cy) <= r;
            const double hu = inside ? level + g * std::clamp((y - cy) / r, -1.0, 1.0) : -850;
            patch.hu160x160[static_cast<std::size_t>(y * kDeepPatchSizePx + x)] =
                static_cast<float>(hu + noise(random));
        }
    return patch;
}

struct TwoClassSet {
    std::vector<DeepPatch> patches;
    OutputLabels labels{{}, {}};  // [0] gradient towards the back, [1] bright
};

// Both classes balanced and independent (all four combinations equally often); each output
// forgets a label with probability `unknownShare`, independently of the classes and of the other
// output (a forgetting tied to a class would teach the other class as a shortcut).
TwoClassSet twoClassSet(int count, unsigned seed, const std::string& prefix, double unknownShare = 0) {
    std::mt19937 random(seed);
    std::bernoulli_distribution forget(unknownShare);
    TwoClassSet set;
    for (int i = 0; i < count; ++i) {
        const bool back = i % 2 == 1, bright = (i / 2) % 2 == 1;
        set.patches.push_back(twoClassPatch(random, back, bright, prefix + std::to_string(i)));
        const bool unknown0 = forget(random), unknown1 = forget(random);
        set.labels[0].push_back(unknown0 ? -1 : int(back));
        set.labels[1].push_back(unknown1 ? -1 : int(bright));
    }
    return set;
}

// Mann-Whitney: the share of (positive, negative) pairs ordered right, ties counting half.
double pairwiseAuc(const std::vector<int>& labels, const std::vector<double>& scores) {
    double right = 0, pairs = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = 0; j < labels.size(); ++j)
            if (labels[i] == 1 && labels[j] == 0) {
                right += scores[i] > scores[j] ? 1.0 : (scores[i] == scores[j] ? 0.5 : 0.0);
                pairs += 1;
            }
    return right / pairs;
}

// The shared toy network, two epochs longer: it learns two classes at once.
DeepCtOptions multiTaskToyOptions() {
    DeepCtOptions options = testing::toyOptions();
    options.epochs = 14;
    options.earlyStoppingPatience = 14;
    return options;
}

double negativeLogSoftmax(double own, double other) { return -(own - std::log(std::exp(own) + std::exp(other))); }

}  // namespace

class DeepCtMultiTaskTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        models::prepareProcessForTraining();
        QVERIFY(dir_.isValid());
    }

    // Two patients, two outputs; patient 0's label of output 1 is unknown. By hand:
    // (2 * l(0,out0,class1) + 1 * l(1,out0,class0) + 0.5 * l(1,out1,class1)) / (2 + 1 + 0.5).
    void lossInClosedForm() {
        const double l[2][4] = {{0.3, 1.2, 7.0, -4.0}, {-0.5, 0.25, 2.0, -1.0}};
        auto logits =
            torch::tensor({l[0][0], l[0][1], l[0][2], l[0][3], l[1][0], l[1][1], l[1][2], l[1][3]}, torch::kFloat32)
                .view({2, 4})
                .requires_grad_(true);
        const auto labels = torch::tensor({int64_t{1}, int64_t{-1}, int64_t{0}, int64_t{1}}).view({2, 2});
        const auto weights = torch::tensor({1.0f, 2.0f, 3.0f, 0.5f}).view({2, 2});
        const double expected = (2 * negativeLogSoftmax(l[0][1], l[0][0]) + 1 * negativeLogSoftmax(l[1][0], l[1][1]) +
                                 0.5 * negativeLogSoftmax(l[1][3], l[1][2])) /
                                3.5;
        const auto loss = models::maskedCrossEntropy(logits, labels, weights);
        QVERIFY(std::abs(loss.item<double>() - expected) < 1e-6);

        // The unknown pair's logits do not matter, not even when they are not numbers.
        loss.backward();
        const auto gradient = logits.grad();
        QCOMPARE(gradient[0][2].item<float>(), 0.0f);
        QCOMPARE(gradient[0][3].item<float>(), 0.0f);
        QVERIFY(gradient[0][1].item<float>() != 0.0f);
        auto changed = logits.detach().clone();
        changed[0][2] = std::nanf("");
        changed[0][3] = 1e4f;
        QCOMPARE(models::maskedCrossEntropy(changed, labels, weights).item<double>(), loss.item<double>());

        // One output with every label known is PyTorch's own weighted cross-entropy.
        const auto single = logits.detach().slice(1, 0, 2);
        const auto target = torch::tensor({int64_t{1}, int64_t{0}});
        const auto reference = torch::nn::functional::cross_entropy(
            single, target, torch::nn::functional::CrossEntropyFuncOptions().weight(torch::tensor({1.0f, 2.0f})));
        QVERIFY(
            std::abs(models::maskedCrossEntropy(single, target.view({2, 1}), weights.slice(0, 0, 1)).item<double>() -
                     reference.item<double>()) < 1e-6);

        // Nothing known: no loss at all.
        QVERIFY(!models::maskedCrossEntropy(logits.detach(), torch::full({2, 2}, int64_t{-1}), weights).defined());
    }

    // One network, both classes learnt on fresh patients, with about a quarter of each output's
    // training labels unknown.
    void learnsBothOutputs() {
        const TwoClassSet training = twoClassSet(128, 1, "train", 0.25);
        const TwoClassSet test = twoClassSet(100, 2, "test");
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        const std::string modelPath = dir_.filePath("multitask.pt").toStdString();
        const DeepCtResult result = port->trainMultiTaskAndExtract(training.patches, training.labels, test.patches,
                                                                   multiTaskToyOptions(), modelPath, progress);
        QCOMPARE(result.probabilityByOutput.size(), std::size_t(2));
        QCOMPARE(result.validationAucByOutput.size(), std::size_t(2));
        QCOMPARE(result.featuresPerPatient.size(), test.patches.size());
        const double gradientAuc = pairwiseAuc(test.labels[0], result.probabilityByOutput[0]);
        const double brightAuc = pairwiseAuc(test.labels[1], result.probabilityByOutput[1]);
        qInfo("%s\ntest AUC: gradient %.3f, brightness %.3f", result.log.c_str(), gradientAuc, brightAuc);
        QVERIFY2(gradientAuc > 0.8, std::to_string(gradientAuc).c_str());
        QVERIFY2(brightAuc > 0.8, std::to_string(brightAuc).c_str());
        // Each output answers its own question, not the other's.
        QVERIFY(std::abs(pairwiseAuc(test.labels[1], result.probabilityByOutput[0]) - 0.5) < 0.2);
        QVERIFY(std::abs(pairwiseAuc(test.labels[0], result.probabilityByOutput[1]) - 0.5) < 0.2);

        // The saved model answers per output as the training did; an output it lacks is refused.
        const auto second = port->predict(modelPath, test.patches, 1);
        for (std::size_t i = 0; i < second.size(); ++i)
            QVERIFY(std::abs(second[i] - result.probabilityByOutput[1][i]) < 1e-6);
        QCOMPARE(port->gradCam(modelPath, test.patches.front(), 1).size(), std::size_t(160 * 160));
        try {
            port->predict(modelPath, test.patches, 2);
            QFAIL("output 2 of a two-output model was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("2 output(s); output 2 does not exist") != std::string::npos, e.what());
        }
    }

    // Nested CV's promise for the deep part: the network of an outer fold is a function of that
    // fold's training patients alone. Permuting the labels of the patients the fold holds out
    // leaves its network (its deep features, bit for bit) unchanged; permuting labels among its
    // training patients changes it, so the comparison can fail. The fold is one of the plan's
    // second repeat, whose folds are drawn anew while the first repeat stays as a one-repeat plan's.
    void foldNetworkIgnoresHeldOutLabels() {
        const TwoClassSet set = twoClassSet(60, 7, "plan");
        const std::vector<std::string> endpoints = {"GRADIENT", "BRIGHT"};
        std::vector<std::string> ids;
        for (const auto& p : set.patches) ids.push_back(p.patientId);
        const DeepPlan plan = planSharedNetworks(endpoints, ids, set.labels, 3, 5, 2, 11);
        QCOMPARE(plan.outputs, endpoints);
        QCOMPARE(plan.patients, ids);
        QCOMPARE(plan.repeats(), 2);
        QVERIFY(plan.foldOf[0] == planSharedNetworks(endpoints, ids, set.labels, 3, 5, 1, 11).foldOf[0]);
        QVERIFY(plan.foldOf[1] != plan.foldOf[0]);
        const SharedNetworkId secondRepeatFirstFold{1, 0};
        DeepCtOptions options = multiTaskToyOptions();
        options.epochs = 2;
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        auto features = [&](const DeepPlan& labelled, const char* file) {
            return trainSharedNetwork(labelled, secondRepeatFirstFold, set.patches, set.patches, options,
                                      dir_.filePath(file).toStdString(), *port, progress)
                .featuresPerPatient;
        };
        const auto original = features(plan, "fold1.pt");

        // Reverse the labels of that fold's held-out patients (both outputs).
        DeepPlan heldOutPermuted = plan;
        std::vector<std::size_t> heldOut, trained;
        for (std::size_t p = 0; p < plan.patients.size(); ++p)
            (plan.foldOf[1][p] == 0 ? heldOut : trained).push_back(p);
        QVERIFY(heldOut.size() >= 10);
        for (std::size_t t = 0; t < plan.labels.size(); ++t)
            for (std::size_t i = 0; i < heldOut.size(); ++i)
                heldOutPermuted.labels[t][heldOut[i]] = plan.labels[t][heldOut[heldOut.size() - 1 - i]];
        QVERIFY(heldOutPermuted.labels != plan.labels);
        QVERIFY(features(heldOutPermuted, "fold1-held-out-permuted.pt") == original);

        DeepPlan trainingPermuted = plan;
        for (auto& labels : trainingPermuted.labels) std::swap(labels[trained[0]], labels[trained[1]]);
        for (auto& labels : trainingPermuted.labels) std::swap(labels[trained[2]], labels[trained[5]]);
        QVERIFY(trainingPermuted.labels != plan.labels);
        QVERIFY(features(trainingPermuted, "fold1-training-permuted.pt") != original);
    }

    // The pipeline trains the shared networks side by side when the port allows it. Each must
    // then give, bit for bit, what it gives alone: its augmentation and dropout draw from its
    // own generator, not from LibTorch's process-wide one in turn with the other training.
    void sideBySideTrainingsRepeatAlone_data() {
        QTest::addColumn<QString>("backbone");
        QTest::newRow("densenet121 (augmentation)") << "densenet121";
        QTest::newRow("vgg19_bn (augmentation and dropout)") << "vgg19_bn";
    }
    void sideBySideTrainingsRepeatAlone() {
        QFETCH(QString, backbone);
        const TwoClassSet set = twoClassSet(48, 9, "pair");
        std::vector<std::string> ids;
        for (const auto& p : set.patches) ids.push_back(p.patientId);
        const DeepPlan plan = planSharedNetworks({"GRADIENT", "BRIGHT"}, ids, set.labels, 3, 5, 1, 11);
        DeepCtOptions options = multiTaskToyOptions();
        options.backbone = backbone.toStdString();
        options.epochs = 2;
        options.batchSize = 0;  // the automatic choice measures allocations: one training at a time
        options.maxBatchSize = 16;
        auto port = models::makeTorchDeepCt();
        QCOMPARE(port->trainingsAtOnce(options, 2), 2);
        const SharedNetworkId networks[] = {{0, 0}, {}};
        auto train = [&](int k, const std::string& tag) {
            SilentProgress progress;
            const std::string file = tag + std::to_string(k) + ".pt";
            return trainSharedNetwork(plan, networks[k], set.patches, set.patches, options,
                                      dir_.filePath(QString::fromStdString(file)).toStdString(), *port, progress);
        };
        std::vector<DeepCtResult> alone, together(2);
        for (int k = 0; k < 2; ++k) alone.push_back(train(k, "alone"));
        parallelFor(2, 2, nullptr, [&](int k) { together[static_cast<std::size_t>(k)] = train(k, "together"); });
        for (std::size_t k = 0; k < 2; ++k) {
            QVERIFY(together[k].featuresPerPatient == alone[k].featuresPerPatient);
            QVERIFY(together[k].probabilityByOutput == alone[k].probabilityByOutput);
            QCOMPARE(together[k].batchSize, alone[k].batchSize);
        }
        QVERIFY(alone[0].featuresPerPatient != alone[1].featuresPerPatient);
    }

    void refusesBadLabels() {
        TwoClassSet set = twoClassSet(24, 5, "bad");
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        const std::string modelPath = dir_.filePath("bad.pt").toStdString();
        DeepCtOptions options = multiTaskToyOptions();
        options.minimumClassCount = 4;
        auto message = [&](const OutputLabels& labels) -> std::string {
            try {
                port->trainMultiTaskAndExtract(set.patches, labels, set.patches, options, modelPath, progress);
            } catch (const Error& e) {
                return e.what();
            }
            return "";
        };
        OutputLabels labels = set.labels;
        labels[1][3] = 2;
        QVERIFY(message(labels).find("patient 'bad3': training label must be 0 or 1 (or -1, unknown) for output 1") !=
                std::string::npos);
        labels = set.labels;
        for (std::size_t i = 0; i < labels[0].size(); ++i)
            if (labels[0][i] == 1 && i > 6) labels[0][i] = -1;  // 3 positives left
        QVERIFY(message(labels).find("Deep-CT output 0 has 3 positive and 12 negative") != std::string::npos);
        labels = set.labels;
        labels[1].pop_back();
        QVERIFY(message(labels).find("Deep-CT output 1 has 23 labels for 24 patients") != std::string::npos);
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(DeepCtMultiTaskTest)
#include "test_deep_ct_multitask.moc"
