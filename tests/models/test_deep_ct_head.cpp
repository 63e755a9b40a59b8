// The head between Deep-CT's 10 deep features and its classes (DeepCtOptions::headActivation):
// the linear head's logits are the classifier layer applied to the exported features themselves,
// the ReLU head's to their positive parts (the closed forms of both layers), and a model file keeps
// its head: one saved before the setting existed is read with the ReLU it was trained with.
#include <torch/torch.h>  // before Qt, whose `slots` macro LibTorch's headers would meet

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "core/util/Error.h"
#include "models/DeepCtNet.h"
#include "models/ModelFile.h"
#include "models/TorchDeepCt.h"
#include "tests/models/SyntheticPatches.h"
#include "tests/models/ToyTraining.h"

using namespace drs;
using namespace drs::testing;

namespace {

// A tiny network's deep features and logits on random patches, with the classifier layer's
// weight and bias.
struct HeadOutputs {
    torch::Tensor features, logits, weight, bias;
};

HeadOutputs headOutputs(const std::string& activation) {
    torch::manual_seed(5);
    models::DeepCtNetConfig config;
    config.widthDivisor = 8;
    config.inputSizePx = 64;
    config.outputs = 3;
    config.headActivation = activation;
    models::DeepCtNetImpl net(config);
    net.eval();
    torch::NoGradGuard noGrad;
    const auto out = net.forward(torch::rand({6, 1, kDeepPatchSizePx, kDeepPatchSizePx}));
    const auto parameters = net.named_parameters();
    return {out.deepFeatures, out.logits, parameters["classifier.weight"], parameters["classifier.bias"]};
}

// Row i, output column j: bias_j + sum_k weight_jk * input_ik, written out.
torch::Tensor affine(const torch::Tensor& input, const torch::Tensor& weight, const torch::Tensor& bias) {
    auto result = torch::empty({input.size(0), weight.size(0)});
    for (int64_t i = 0; i < input.size(0); ++i)
        for (int64_t j = 0; j < weight.size(0); ++j) {
            double sum = bias[j].item<double>();
            for (int64_t k = 0; k < weight.size(1); ++k)
                sum += weight[j][k].item<double>() * input[i][k].item<double>();
            result[i][j] = sum;
        }
    return result;
}

}  // namespace

class DeepCtHeadTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        models::prepareProcessForTraining();
        QVERIFY(dir_.isValid());
    }

    void linearHeadReadsTheFeaturesAsTheyAre() {
        const HeadOutputs head = headOutputs("none");
        QVERIFY(torch::allclose(head.logits, affine(head.features, head.weight, head.bias), 1e-5, 1e-5));
    }

    void reluHeadReadsTheirPositiveParts() {
        const HeadOutputs head = headOutputs("relu");
        // Otherwise the ReLU would change nothing and the two heads could not be told apart.
        QVERIFY((head.features < 0).any().item<bool>());
        QVERIFY(torch::allclose(head.logits, affine(head.features.clamp_min(0), head.weight, head.bias), 1e-5, 1e-5));
    }

    void modelDescriptionsKeepTheirHead() {
        const std::string older =
            "format=drs-deepct-1\nbackbone=densenet121\nwidth_divisor=4\ninput_size_px=160\nin_channels=1\n"
            "window_level_hu=-600\nwindow_width_hu=1500\noutputs=1\n";
        QCOMPARE(models::DeepCtNetConfig::fromText(older, "old.pt").headActivation, std::string("relu"));
        QCOMPARE(models::DeepCtNetConfig::fromText(older + "head_activation=none\n", "new.pt").headActivation,
                 std::string("none"));
        models::DeepCtNetConfig linear;
        QCOMPARE(linear.headActivation, std::string("none"));
        QCOMPARE(models::DeepCtNetConfig::fromText(linear.toText(), "new.pt").headActivation, std::string("none"));
        try {
            models::DeepCtNetConfig::fromText(older + "head_activation=tanh\n", "odd.pt");
            QFAIL("an unknown head was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("odd.pt") != std::string::npos &&
                         std::string(e.what()).find("'tanh'") != std::string::npos,
                     e.what());
        }
    }

    // Training writes the head into the model and its sidecar, and the loaded model predicts what
    // training reported.
    void trainedModelKeepsItsHead() {
        const auto training = patchesOf(makeBlobSet(24, 1, "train"));
        const auto test = patchesOf(makeBlobSet(8, 2, "test"));
        for (const std::string activation : {"none", "relu"}) {
            DeepCtOptions options = toyOptions();
            options.epochs = 1;
            options.minimumClassCount = 2;
            options.headActivation = activation;
            const std::string path = dir_.filePath(QString::fromStdString(activation + ".pt")).toStdString();
            auto port = models::makeTorchDeepCt();
            SilentProgress progress;
            const auto result = port->trainAndExtract(training, test, options, path, progress);
            QCOMPARE(models::loadDeepCtModel(path)->config().headActivation, activation);
            QFile sidecar(QString::fromStdString(path + ".json"));
            QVERIFY(sidecar.open(QIODevice::ReadOnly));
            QCOMPARE(QJsonDocument::fromJson(sidecar.readAll()).object()["head_activation"].toString().toStdString(),
                     activation);
            const auto predicted = port->predict(path, test, 0);
            for (std::size_t i = 0; i < test.size(); ++i)
                QVERIFY(std::abs(predicted[i] - result.probabilityByOutput.front()[i]) < 1e-6);
        }
    }

    void unknownHeadIsRefused() {
        DeepCtOptions options = toyOptions();
        options.headActivation = "tanh";
        auto port = models::makeTorchDeepCt();
        SilentProgress progress;
        const auto training = patchesOf(makeBlobSet(24, 1, "train"));
        try {
            port->trainAndExtract(training, training, options, dir_.filePath("tanh.pt").toStdString(), progress);
            QFAIL("an unknown head was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("head activation 'tanh' is unknown") != std::string::npos, e.what());
        }
        QVERIFY(!QFile::exists(dir_.filePath("tanh.pt")));
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(DeepCtHeadTest)
#include "test_deep_ct_head.moc"
