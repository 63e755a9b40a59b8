// Wavelet features against the 144 brain1 first-order values pyradiomics printed in its notebooks,
// feature names and order against pyradiomics' list, the cropped wavelet against the README's
// whole-image definition near image borders (odd and even axes), and force2D's in-plane wavelet,
// other wavelets and further levels against pyradiomics' own getWaveletImage and feature classes
// (wavelet2d/expected.csv, wavelet_levels/expected.csv).

#include <QtTest>
#include <fstream>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/Wavelet.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

// The transform exactly as the shared reference README section 3 states it, on the whole image:
// pad odd axes with their first sample, circular 6-tap filter y[o] = sum_j h[j] x[(o + 3 - j) mod M].
std::vector<double> wholeImageTransform(const Volume& image, const char letters[3]) {
    const double low[6] = {-0.015655728135791993, -0.07273261951252645, 0.3848648468648578,
                           0.8525720202116004,    0.3378976624574818,   -0.07273261951252645};
    const double high[6] = {0.07273261951252645, 0.3378976624574818,  -0.8525720202116004,
                            0.3848648468648578,  0.07273261951252645, -0.015655728135791993};
    auto size = image.geometry.sizeXyz;
    std::array<std::int64_t, 3> padded{};
    for (int a = 0; a < 3; ++a) padded[a] = size[a] + size[a] % 2;
    std::vector<double> data(static_cast<std::size_t>(padded[0] * padded[1] * padded[2]));
    auto idx = [&](std::int64_t x, std::int64_t y, std::int64_t z) {
        return static_cast<std::size_t>((z * padded[1] + y) * padded[0] + x);
    };
    for (std::int64_t z = 0; z < padded[2]; ++z)
        for (std::int64_t y = 0; y < padded[1]; ++y)
            for (std::int64_t x = 0; x < padded[0]; ++x)
                data[idx(x, y, z)] = image.at(x == size[0] ? 0 : x, y == size[1] ? 0 : y, z == size[2] ? 0 : z);
    for (int axis = 0; axis < 3; ++axis) {
        const double* h = letters[axis] == 'L' ? low : high;
        std::vector<double> out(data.size());
        for (std::int64_t z = 0; z < padded[2]; ++z)
            for (std::int64_t y = 0; y < padded[1]; ++y)
                for (std::int64_t x = 0; x < padded[0]; ++x) {
                    std::array<std::int64_t, 3> o{x, y, z};
                    double sum = 0;
                    for (int j = 0; j < 6; ++j) {
                        std::array<std::int64_t, 3> in = o;
                        in[axis] = ((o[axis] + 3 - j) % padded[axis] + padded[axis]) % padded[axis];
                        sum += h[j] * data[idx(in[0], in[1], in[2])];
                    }
                    out[idx(x, y, z)] = sum;
                }
        data = out;
    }
    std::vector<double> cropped;
    for (std::int64_t z = 0; z < size[2]; ++z)
        for (std::int64_t y = 0; y < size[1]; ++y)
            for (std::int64_t x = 0; x < size[0]; ++x) cropped.push_back(data[idx(x, y, z)]);
    return cropped;
}

}  // namespace

class RadiomicsWavelet : public QObject {
    Q_OBJECT
private slots:
    void brain1FirstOrderWavelet();
    void namesAndOrder();
    void croppedTransformMatchesWholeImage_data();
    void croppedTransformMatchesWholeImage();
    void inPlaneWithForce2D_data();
    void inPlaneWithForce2D();
    void otherWaveletsAndLevels_data();
    void otherWaveletsAndLevels();
    void waveletSettingErrors();
};

void RadiomicsWavelet::brain1FirstOrderWavelet() {
    const Volume image = readVolume(testData("pyradiomics/brain1_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/brain1_label.nrrd"));
    const auto values = byName(extractFeatures(image, mask, 1, Settings{}, true));
    const CsvTable notebook = readCsv(testData("pyradiomics/brain1_notebook_values.csv"));
    QStringList failures;
    int compared = 0;
    for (const auto& row : notebook.rows) {
        const std::string set = row[notebook.column("settings")];
        if (set != "W" && set != "E" && set != "S") continue;
        const std::string name = row[notebook.column("feature")];
        // Absolute floor: 1e-9 of brain1's intensity range (README: near-zero wavelet means).
        check(failures, name, values.at(name), std::stod(row[notebook.column("value")]), 1e-6, 3e-6);
        ++compared;
    }
    QCOMPARE(compared, 161);
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));
}

void RadiomicsWavelet::namesAndOrder() {
    std::ifstream in(testData("pyradiomics/feature_names.txt"));
    std::vector<std::string> expected;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) expected.push_back(line);
    QCOMPARE(expected.size(), std::size_t(851));
    const std::vector<std::string> all = featureNames(true);
    QCOMPARE(all.size(), std::size_t(851));
    for (std::size_t i = 0; i < all.size(); ++i)
        QCOMPARE(QString::fromStdString(all[i]), QString::fromStdString(expected[i]));
    const std::vector<std::string> original = featureNames(false);
    QCOMPARE(original.size(), std::size_t(107));
    for (std::size_t i = 0; i < original.size(); ++i) QCOMPARE(original[i], expected[i]);
}

void RadiomicsWavelet::croppedTransformMatchesWholeImage_data() {
    QTest::addColumn<int>("sizeX");
    QTest::addColumn<int>("boxStartX");
    QTest::addColumn<int>("boxSizeX");
    QTest::newRow("odd axis, box at start") << 9 << 0 << 3;
    QTest::newRow("odd axis, box at end") << 9 << 6 << 3;
    QTest::newRow("even axis, box at end") << 10 << 7 << 3;
    QTest::newRow("box is whole odd axis") << 7 << 0 << 7;
    QTest::newRow("interior") << 16 << 5 << 4;
}

void RadiomicsWavelet::croppedTransformMatchesWholeImage() {
    QFETCH(int, sizeX);
    QFETCH(int, boxStartX);
    QFETCH(int, boxSizeX);
    Geometry g;
    g.sizeXyz = {sizeX, 7, 6};
    Volume image(g);
    for (std::size_t i = 0; i < image.voxels.size(); ++i)
        image.voxels[i] = static_cast<float>((i * 7919) % 1013) - 400.0f;
    Box box;
    box.startXyz = {boxStartX, 5, 0};
    box.sizeXyz = {boxSizeX, 2, 6};
    const std::vector<WaveletImage> decompositions = waveletImages(image, box, {}, Settings{});
    QCOMPARE(decompositions.size(), std::size_t(8));
    for (const WaveletImage& w : decompositions) {
        const std::string letters = w.name.substr(std::string("wavelet-").size());
        const std::vector<double> whole = wholeImageTransform(image, letters.c_str());
        std::size_t i = 0;
        for (std::int64_t z = 0; z < box.sizeXyz[2]; ++z)
            for (std::int64_t y = 0; y < box.sizeXyz[1]; ++y)
                for (std::int64_t x = 0; x < box.sizeXyz[0]; ++x, ++i) {
                    const double expected =
                        whole[g.linear(box.startXyz[0] + x, box.startXyz[1] + y, box.startXyz[2] + z)];
                    if (std::abs(w.intensity[i] - expected) > 1e-9)
                        QFAIL(qPrintable(QString("%1 at (%2,%3,%4): %5 vs %6")
                                             .arg(QString::fromStdString(w.name))
                                             .arg(x)
                                             .arg(y)
                                             .arg(z)
                                             .arg(w.intensity[i])
                                             .arg(expected)));
                }
    }
}

void RadiomicsWavelet::inPlaneWithForce2D_data() {
    QCOMPARE(addFixtureConfigRows("pyradiomics/wavelet2d/expected.csv"), std::size_t{4});
}

void RadiomicsWavelet::inPlaneWithForce2D() {
    QFETCH(QString, config);
    const std::string name = config.toStdString();
    const std::string testCase = name.substr(0, name.find('_'));
    Settings settings;
    settings.force2D = true;
    settings.force2Ddimension = name.find("coronal") != std::string::npos    ? 1
                                : name.find("sagittal") != std::string::npos ? 2
                                                                             : 0;
    const std::vector<Feature> features =
        extractFeatures(readVolume(testData("pyradiomics/" + testCase + "_image.nrrd")),
                        readLabelMap(testData("pyradiomics/" + testCase + "_label.nrrd")), 1, settings, true);
    // pyradiomics' order: shape, original, then the three details and the approximation.
    QCOMPARE(features.size(), std::size_t{14 + 5 * 93});
    std::vector<std::string> prefixes;
    for (const Feature& f : features) {
        const std::string prefix = f.name.substr(0, f.name.find('_'));
        if (prefixes.empty() || prefixes.back() != prefix) prefixes.push_back(prefix);
    }
    QCOMPARE(prefixes, (std::vector<std::string>{"original", "wavelet-LH", "wavelet-HL", "wavelet-HH", "wavelet-LL"}));
    const auto values = byName(features);
    QStringList failures;
    int compared = 0;
    for (const auto& row : readCsv(testData("pyradiomics/wavelet2d/expected.csv")).rows) {
        if (row[0] != name) continue;
        QVERIFY2(values.count(row[1]), row[1].c_str());
        check(failures, row[1], values.at(row[1]), std::stod(row[2]), 1e-6, 1e-9);
        ++compared;
    }
    QCOMPARE(compared, 4 * 93);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 15).join("\n")));
}

void RadiomicsWavelet::otherWaveletsAndLevels_data() {
    QCOMPARE(addFixtureConfigRows("pyradiomics/wavelet_levels/expected.csv"), std::size_t{5});
}

void RadiomicsWavelet::otherWaveletsAndLevels() {
    QFETCH(QString, config);
    const std::string name = config.toStdString();
    Settings settings;
    if (name == "brain1_haar") settings.wavelet = "haar";
    if (name == "brain1_db2_l2") {
        settings.wavelet = "db2";
        settings.waveletLevel = 2;
    }
    if (name == "breast1_sym3_s1") {
        settings.wavelet = "sym3";
        settings.waveletStartLevel = 1;
    }
    if (name == "brain1_bior13_2d") {
        settings.wavelet = "bior1.3";
        settings.waveletLevel = 2;
        settings.force2D = true;
    }
    if (name == "brain1_dmey") {
        settings.wavelet = "dmey";
        settings.binCount = 32;
    }
    const std::string testCase = name.substr(0, name.find('_'));
    const std::vector<Feature> features =
        extractFeatures(readVolume(testData("pyradiomics/" + testCase + "_image.nrrd")),
                        readLabelMap(testData("pyradiomics/" + testCase + "_label.nrrd")), 1, settings, true);
    const auto prefixesOf = [](const std::vector<std::string>& names) {
        std::vector<std::string> prefixes;
        for (const std::string& n : names) {
            const std::string prefix = n.substr(0, n.find('_'));
            if (prefix.rfind("wavelet", 0) == 0 && (prefixes.empty() || prefixes.back() != prefix))
                prefixes.push_back(prefix);
        }
        return prefixes;
    };
    std::vector<std::string> ours, theirs;
    for (const Feature& f : features) ours.push_back(f.name);
    const auto values = byName(features);
    QStringList failures;
    for (const auto& row : readCsv(testData("pyradiomics/wavelet_levels/expected.csv")).rows) {
        if (row[0] != name) continue;
        theirs.push_back(row[1]);
        QVERIFY2(values.count(row[1]), row[1].c_str());
        check(failures, row[1], values.at(row[1]), std::stod(row[2]), 1e-6, 1e-9);
    }
    // The images in pyradiomics' order (the fixture's rows are in the order pyradiomics yields them).
    QCOMPARE(prefixesOf(ours), prefixesOf(theirs));
    QCOMPARE(features.size(), 107 + theirs.size());
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 15).join("\n")));
}

void RadiomicsWavelet::waveletSettingErrors() {
    const auto errorOf = [](const char* json) -> QString {
        try {
            parseParameterJson(json, "w.json");
        } catch (const Error& e) {
            return e.what();
        }
        return "no error";
    };
    QString e = errorOf(R"({"imageType": {"Original": {}, "Wavelet": {"wavelet": "morl"}}})");
    QVERIFY2(e.contains("w.json") && e.contains("'wavelet'") && e.contains("'morl'") && e.contains("db1..db38"),
             qPrintable(e));
    e = errorOf(R"({"setting": {"level": 0}})");
    QVERIFY2(e.contains("'level'") && e.contains("1..8"), qPrintable(e));
    e = errorOf(R"({"setting": {"start_level": -1}})");
    QVERIFY2(e.contains("'start_level'") && e.contains("0..8"), qPrintable(e));
    // A wavelet that would read more than the bound around the ROI is refused, naming the mask.
    Geometry g;
    g.sizeXyz = {60, 60, 60};
    const Volume image(g, 1.0f);
    LabelMap mask(g, 0);
    mask.at(0, 0, 0) = mask.at(59, 59, 59) = mask.at(1, 0, 0) = 1;
    Settings settings;
    settings.wavelet = "dmey";
    settings.waveletLevel = 8;
    try {
        extractFeatures(image, mask, 1, settings, true);
        QFAIL("an eight-level dmey wavelet around a 60-voxel box was computed");
    } catch (const Error& error) {
        const QString text = error.what();
        QVERIFY2(text.startsWith("mask: ") && text.contains("dmey") && text.contains("million voxels"),
                 qPrintable(text));
    }
}

QTEST_GUILESS_MAIN(RadiomicsWavelet)
#include "test_radiomics_wavelet.moc"
