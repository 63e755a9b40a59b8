// The backbones are torchvision's architectures: parameter counts and every state_dict key with
// its shape equal the fixtures written by torchvision 0.14.1 (tests/data/models/README.md), and
// ImageNet-style state dicts load key by key, refusing other architectures.
#include <torch/torch.h>

#include <QtTest>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "models/Backbone.h"
#include "models/GradCam.h"
#include "models/TorchDeepCt.h"
#include "models/WeightImport.h"

using namespace drs;
using namespace drs::models;

namespace {

std::string fixture(const std::string& name) { return std::string(DRS_TEST_DATA) + "/models/" + name; }

std::string shapeText(const torch::Tensor& tensor) {
    std::string text;
    for (auto size : tensor.sizes()) text += (text.empty() ? "" : "x") + std::to_string(size);
    return text;
}

std::shared_ptr<Backbone> imagenetBackbone(const std::string& name) {
    BackboneOptions options;
    options.name = name;
    options.imagenetClasses = 1000;
    options.auxiliaryClasses = name == "inception_v3" ? 1000 : 0;
    return makeBackbone(options);
}

std::map<std::string, std::string> keysWithShapes(torch::nn::Module& module) {
    std::map<std::string, std::string> keys;
    for (const auto& item : module.named_parameters()) keys[item.key()] = shapeText(item.value());
    for (const auto& item : module.named_buffers()) keys[item.key()] = shapeText(item.value());
    return keys;
}

void saveStateDict(const std::map<std::string, torch::Tensor>& tensors, const std::string& path) {
    c10::Dict<std::string, torch::Tensor> dict;
    for (const auto& [key, tensor] : tensors) dict.insert(key, tensor);
    const auto bytes = torch::pickle_save(c10::IValue(dict));
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

class BackboneTest : public QObject {
    Q_OBJECT
private slots:
    void parameterCountsEqualTorchvision() {
        const auto table = readCsv(fixture("torchvision_parameter_counts.csv"));
        std::map<std::string, std::int64_t> expected;
        for (const auto& row : table.rows) expected[row[0]] = std::stoll(row[1]);
        // The issue quotes these too; the fixture must agree with them.
        QCOMPARE(expected["densenet121"], 7978856);
        QCOMPARE(expected["resnet50"], 25557032);
        QCOMPARE(expected["resnet101"], 44549160);
        QCOMPARE(expected["vgg19"], 143667240);
        QCOMPARE(expected["inception_v3"], 27161264);
        const auto counts = imagenetParameterCounts();
        QCOMPARE(counts.size(), expected.size());
        for (const auto& count : counts) {
            QVERIFY2(expected.count(count.backbone), count.backbone.c_str());
            QCOMPARE(count.parameters, expected[count.backbone]);
        }
    }

    void stateDictKeysEqualTorchvision_data() {
        QTest::addColumn<QString>("backbone");
        for (const auto& name : backboneNames()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }
    void stateDictKeysEqualTorchvision() {
        QFETCH(QString, backbone);
        const auto table = readCsv(fixture("torchvision_state_dict_keys.csv"));
        std::map<std::string, std::string> expected;
        for (const auto& row : table.rows)
            if (row[0] == backbone.toStdString()) expected[row[1]] = row[2];
        QVERIFY(expected.size() >= 38);  // vgg19 has the fewest: 16 convolutions + 3 linear layers
        auto model = imagenetBackbone(backbone.toStdString());
        const auto ours = keysWithShapes(*model);
        for (const auto& [key, shape] : expected) {
            const auto found = ours.find(key);
            QVERIFY2(found != ours.end(), ("missing key " + key).c_str());
            QVERIFY2(found->second == shape, (key + " has shape " + found->second + ", torchvision " + shape).c_str());
        }
        QCOMPARE(ours.size(), expected.size());
    }

    void forwardShapes_data() {
        QTest::addColumn<QString>("backbone");
        QTest::addColumn<int>("sizePx");
        QTest::addColumn<int>("features");
        QTest::newRow("densenet121") << "densenet121" << 160 << 1024;
        QTest::newRow("resnet50") << "resnet50" << 160 << 2048;
        QTest::newRow("vgg19_bn") << "vgg19_bn" << 160 << 4096;
        QTest::newRow("inception_v3") << "inception_v3" << 299 << 2048;
    }
    void forwardShapes() {
        QFETCH(QString, backbone);
        QFETCH(int, sizePx);
        QFETCH(int, features);
        torch::NoGradGuard noGrad;
        auto model = imagenetBackbone(backbone.toStdString());
        model->eval();
        QCOMPARE(model->featureCount(), features);
        const auto logits = model->imagenetLogits(torch::randn({1, 3, sizePx, sizePx}));
        QCOMPARE(logits.size(0), 1);
        QCOMPARE(logits.size(1), 1000);
        QVERIFY(torch::isfinite(logits).all().item<bool>());
    }

    // Grad-CAM puts each map cell back where mapGrid() says; check that against the receptive
    // field measured by backpropagation: the input pixels an interior cell's value depends on
    // span a box centred on that cell's centre (max pools may drop a pixel at the box's edge).
    // The last blocks of DenseNet-121 (receptive field 2071 px) and Inception V3 would need
    // inputs too large for a test; their grids are derived in their sources.
    void mapGridIsTheReceptiveFieldCentre_data() {
        QTest::addColumn<QString>("backbone");
        QTest::addColumn<int>("widthDivisor");
        QTest::addColumn<bool>("previousBlock");
        QTest::addColumn<int>("sizePx");
        QTest::newRow("resnet50 last") << "resnet50" << 8 << false << 640;
        QTest::newRow("resnet50 previous") << "resnet50" << 8 << true << 640;
        QTest::newRow("vgg19_bn last") << "vgg19_bn" << 8 << false << 640;
        QTest::newRow("vgg19_bn previous") << "vgg19_bn" << 8 << true << 640;
        QTest::newRow("densenet121 previous") << "densenet121" << 8 << true << 1280;
        QTest::newRow("densenet121 last") << "densenet121" << 8 << false << 2240;
    }
    void mapGridIsTheReceptiveFieldCentre() {
        QFETCH(QString, backbone);
        QFETCH(int, widthDivisor);
        QFETCH(bool, previousBlock);
        QFETCH(int, sizePx);
        BackboneOptions options;
        options.name = backbone.toStdString();
        options.inChannels = 1;
        options.widthDivisor = widthDivisor;
        torch::manual_seed(3);
        auto model = makeBackbone(options);
        model->eval();
        // sizePx: the whole receptive field of a central cell fits inside.
        const auto input = torch::randn({1, 1, sizePx, sizePx}).requires_grad_(true);
        torch::Tensor previousMaps;
        const auto lastMaps = model->featureMaps(input, nullptr, &previousMaps);
        const auto& maps = previousBlock ? previousMaps : lastMaps;
        const int64_t cell = maps.size(3) / 2;
        const auto gradient = torch::autograd::grad({maps.select(3, cell).select(2, cell).sum()}, {input})[0][0][0];
        const auto used = gradient.ne(0);
        const auto columns = used.any(0).nonzero().flatten(), rows = used.any(1).nonzero().flatten();
        QVERIFY(columns.numel() > 0 && columns.min().item<int64_t>() > 0 && columns.max().item<int64_t>() < sizePx - 1);
        const double centreX = (columns.min().item<double>() + columns.max().item<double>()) / 2;
        const double centreY = (rows.min().item<double>() + rows.max().item<double>()) / 2;
        const auto grid = previousBlock ? model->previousBlockGrid() : model->mapGrid();
        const double expected = grid.firstCentrePx + grid.stridePx * static_cast<double>(cell);
        qInfo("%s: cell %ld centred at x %.1f, y %.1f; mapGrid says %.1f", qPrintable(backbone), long(cell), centreX,
              centreY, expected);
        QVERIFY(std::abs(centreX - expected) <= 1);
        QVERIFY(std::abs(centreY - expected) <= 1);
    }

    void mapsReachThePatchAtTheirCentres() {
        // VGG's cells sit where a plain align_corners=false resize assumes: the same values.
        torch::manual_seed(4);
        const auto maps = torch::rand({1, 1, 10, 10});
        const auto resized = torch::nn::functional::interpolate(maps, torch::nn::functional::InterpolateFuncOptions()
                                                                          .size(std::vector<int64_t>{160, 160})
                                                                          .mode(torch::kBilinear)
                                                                          .align_corners(false));
        QVERIFY(torch::allclose(mapsToPatch(maps, {7.5, 16}, 160), resized, 1e-5, 1e-6));
        // ResNet's 5x5 cells are centred on pixels 0, 32, ..., 128: one hot cell peaks on its pixel.
        auto hot = torch::zeros({1, 1, 5, 5});
        hot[0][0][2][3] = 1;
        const auto onPatch = mapsToPatch(hot, {0, 32}, 160)[0][0];
        QCOMPARE(onPatch[64][96].item<float>(), 1.0f);
        QCOMPARE(onPatch.argmax().item<int64_t>(), int64_t(64 * 160 + 96));
        QCOMPARE(onPatch[64][112].item<float>(), 0.5f);
        // Beyond the last centre the border value continues.
        QCOMPARE(onPatch[64][159].item<float>(), 0.0f);
        QCOMPARE(mapsToPatch(torch::ones({1, 1, 5, 5}), {0, 32}, 160)[0][0][159][159].item<float>(), 1.0f);
    }

    void importsStateDictKeyByKey() {
        QTemporaryDir dir;
        torch::manual_seed(7);
        auto source = imagenetBackbone("densenet121");
        std::map<std::string, torch::Tensor> tensors;
        for (const auto& item : source->named_parameters()) tensors[item.key()] = item.value().detach() + 0.5;
        for (const auto& item : source->named_buffers()) tensors[item.key()] = item.value().detach().clone();
        const std::string path = dir.filePath("densenet121.pt").toStdString();
        saveStateDict(tensors, path);

        BackboneOptions options;  // the Deep-CT form: no ImageNet classifier
        options.name = "densenet121";
        auto target = makeBackbone(options);
        importImagenetWeights(*target, path);
        for (const auto& item : target->named_parameters())
            QVERIFY2(torch::equal(item.value(), tensors.at(item.key())), item.key().c_str());
        QVERIFY(!target->named_parameters().contains("classifier.weight"));
    }

    // A file written by Python's torch.save(dict(state_dict)) from torchvision's own DenseNet
    // (tests/data/models/make_python_state_dict.py) loads key by key, and the C++ network then
    // computes torchvision's logits for the stored input.
    void pythonStateDictComputesLikeTorchvision() {
        const auto tensors = readStateDict(fixture("densenet121_quarter_state_dict.pt"));
        BackboneOptions options;
        options.name = "densenet121";
        options.widthDivisor = 4;
        options.imagenetClasses = 10;
        auto model = makeBackbone(options);
        {
            torch::NoGradGuard noGrad;
            std::size_t copied = 0;
            for (auto& item : model->named_parameters()) {
                QVERIFY2(tensors.count(item.key()), item.key().c_str());
                item.value().copy_(tensors.at(item.key()));
                ++copied;
            }
            for (auto& item : model->named_buffers()) {
                QVERIFY2(tensors.count(item.key()), item.key().c_str());
                item.value().copy_(tensors.at(item.key()));
                ++copied;
            }
            QCOMPARE(copied + 2, tensors.size());  // + test_input, test_output
        }
        model->eval();
        torch::NoGradGuard noGrad;
        const auto logits = model->imagenetLogits(tensors.at("test_input"));
        const auto expected = tensors.at("test_output");
        QVERIFY(logits.sizes().equals(expected.sizes()));
        const double worst = (logits - expected).abs().max().item<double>();
        qInfo("largest |C++ - torchvision| logit difference %.3g", worst);
        QVERIFY2(torch::allclose(logits, expected, 1e-4, 1e-5), std::to_string(worst).c_str());
    }

    // The TorchScript form of the same network yields the same tensors under the same keys.
    void readsTorchScriptWeights() {
        const auto pickled = readStateDict(fixture("densenet121_quarter_state_dict.pt"));
        const auto scripted = readStateDict(fixture("densenet121_quarter_torchscript.pt"));
        QCOMPARE(scripted.size() + 2, pickled.size());
        for (const auto& [key, tensor] : scripted) {
            QVERIFY2(pickled.count(key), key.c_str());
            QVERIFY2(torch::equal(tensor, pickled.at(key)), key.c_str());
        }
    }

    void refusesOtherArchitecturesAndMissingKeys() {
        QTemporaryDir dir;
        BackboneOptions options;
        options.name = "densenet121";
        auto target = makeBackbone(options);
        const auto before = target->named_parameters()["features.conv0.weight"].clone();

        const std::string resnetLike = dir.filePath("resnet.pt").toStdString();
        saveStateDict({{"conv1.weight", torch::zeros({64, 3, 7, 7})}, {"fc.weight", torch::zeros({1000, 2048})}},
                      resnetLike);
        QVERIFY_THROWS_EXCEPTION(Error, importImagenetWeights(*target, resnetLike));

        std::map<std::string, torch::Tensor> nearlyAll;
        for (const auto& item : target->named_parameters()) nearlyAll[item.key()] = torch::ones_like(item.value());
        for (const auto& item : target->named_buffers()) nearlyAll[item.key()] = item.value().clone();
        nearlyAll.erase("features.denseblock3.denselayer7.conv2.weight");
        const std::string missingOne = dir.filePath("missing.pt").toStdString();
        saveStateDict(nearlyAll, missingOne);
        try {
            importImagenetWeights(*target, missingOne);
            QFAIL("a file with a missing key was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("features.denseblock3.denselayer7.conv2.weight") != std::string::npos,
                     e.what());
        }

        const std::string garbage = dir.filePath("garbage.pt").toStdString();
        std::ofstream(garbage) << "not weights";
        QVERIFY_THROWS_EXCEPTION(Error, importImagenetWeights(*target, garbage));
        // A refused file leaves the backbone untouched.
        QVERIFY(torch::equal(target->named_parameters()["features.conv0.weight"], before));
    }
};

QTEST_GUILESS_MAIN(BackboneTest)
#include "test_backbones.moc"
