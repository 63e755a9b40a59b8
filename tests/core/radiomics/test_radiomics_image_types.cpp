// pyradiomics' image types besides Original and Wavelet: LoG against the 54 brain1 first-order
// values pyradiomics printed in its notebook, the point transforms and the gradient against their
// closed forms, and the parameter file keys that enable them.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/Extractor.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

Settings withImageTypes(std::vector<std::string> types) {
    Settings s;
    s.imageTypes = std::move(types);
    return s;
}

// A 6x5x4 image of zeros holding 2, 8 and -26 in a three-voxel ROI and -80 outside it, so the
// whole image's largest |value|, 80, is not in the ROI.
struct SmallCase {
    Volume image;
    LabelMap mask;
};
SmallCase smallCase() {
    Geometry g;
    g.sizeXyz = {6, 5, 4};
    SmallCase c{Volume(g, 0.0f), LabelMap(g, 0)};
    const std::array<std::array<std::int64_t, 3>, 3> roi = {{{1, 1, 1}, {2, 1, 1}, {2, 2, 1}}};
    const float values[3] = {2, 8, -26};
    for (std::size_t i = 0; i < roi.size(); ++i) {
        c.image.at(roi[i][0], roi[i][1], roi[i][2]) = values[i];
        c.mask.at(roi[i][0], roi[i][1], roi[i][2]) = 1;
    }
    c.image.at(0, 4, 3) = -80;
    return c;
}

}  // namespace

class RadiomicsImageTypes : public QObject {
    Q_OBJECT
private slots:
    void brain1LogFirstOrder();
    void pointTransforms();
    void gradientOfARamp();
    void parameterFileEnablesImageTypes();
    void parameterFileErrors();
    void studiesRefuseOtherImageTypes();
};

void RadiomicsImageTypes::brain1LogFirstOrder() {
    const Volume image = readVolume(testData("pyradiomics/brain1_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/brain1_label.nrrd"));
    Settings settings = withImageTypes({"LoG"});
    settings.sigmaMm = {1.0, 3.0, 5.0};
    const auto values = byName(extractFeatures(image, mask, 1, settings, false));
    QCOMPARE(values.size(), std::size_t(107 + 3 * 93));
    const CsvTable notebook = readCsv(testData("pyradiomics/brain1_log_notebook_values.csv"));
    QCOMPARE(notebook.rows.size(), std::size_t(54));
    QStringList failures;
    for (const auto& row : notebook.rows) {
        const std::string name = row[notebook.column("feature")];
        QVERIFY2(values.count(name), name.c_str());
        check(failures, name, values.at(name), std::stod(row[notebook.column("value")]));
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
}

void RadiomicsImageTypes::pointTransforms() {
    const SmallCase c = smallCase();
    const auto values = byName(extractFeatures(
        c.image, c.mask, 1, withImageTypes({"Exponential", "Logarithm", "SquareRoot", "Square"}), false));
    QCOMPARE(values.size(), std::size_t(107 + 4 * 93));
    QStringList failures;
    // pyradiomics' definitions with m = 80: square (v / sqrt(m))^2, squareroot sign(v) sqrt(|v| m),
    // logarithm sign(v) log(|v| + 1) m / log(m + 1) (log 3, log 9, log 27 over log 81), exponential
    // m^(v / m).
    check(failures, "square max", values.at("square_firstorder_Maximum"), 26.0 * 26 / 80, 1e-14);
    check(failures, "square min", values.at("square_firstorder_Minimum"), 2.0 * 2 / 80, 1e-14);
    check(failures, "squareroot max", values.at("squareroot_firstorder_Maximum"), std::sqrt(640.0), 1e-14);
    check(failures, "squareroot min", values.at("squareroot_firstorder_Minimum"), -std::sqrt(2080.0), 1e-14);
    check(failures, "logarithm max", values.at("logarithm_firstorder_Maximum"), 40, 1e-14);
    check(failures, "logarithm min", values.at("logarithm_firstorder_Minimum"), -60, 1e-14);
    check(failures, "logarithm mean", values.at("logarithm_firstorder_Mean"), 0, 0, 1e-12);
    check(failures, "exponential max", values.at("exponential_firstorder_Maximum"), std::pow(80.0, 0.1), 1e-14);
    check(failures, "exponential min", values.at("exponential_firstorder_Minimum"), std::pow(80.0, -26.0 / 80), 1e-14);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
    // Features follow in the order kDerivedImageTypes gives, whatever order they were asked in.
    const auto features = extractFeatures(c.image, c.mask, 1, withImageTypes({"Square", "Logarithm"}), false);
    QCOMPARE(QString::fromStdString(features[107].name), QString("square_firstorder_10Percentile"));
    QCOMPARE(QString::fromStdString(features[107 + 93].name), QString("logarithm_firstorder_10Percentile"));
}

void RadiomicsImageTypes::gradientOfARamp() {
    // v = 3 x + 4 y (voxel indices) with 0.5 mm voxels along x: 6 and 4 per mm, |grad| = sqrt(52).
    // The ROI's column at x = 0 sees the border voxel repeated, so its x difference is halved.
    Geometry g;
    g.sizeXyz = {4, 5, 3};
    g.spacingMm = {0.5, 1, 1};
    Volume image(g, 0.0f);
    LabelMap mask(g, 0);
    for (std::int64_t z = 0; z < 3; ++z)
        for (std::int64_t y = 0; y < 5; ++y)
            for (std::int64_t x = 0; x < 4; ++x) image.at(x, y, z) = static_cast<float>(3 * x + 4 * y);
    for (std::int64_t x = 0; x < 3; ++x) mask.at(x, 2, 1) = 1;
    mask.at(1, 3, 1) = 1;
    Settings settings = withImageTypes({"Gradient"});
    auto values = byName(extractFeatures(image, mask, 1, settings, false));
    QStringList failures;
    check(failures, "gradient max", values.at("gradient_firstorder_Maximum"), std::sqrt(52.0), 1e-7);
    check(failures, "gradient min (border)", values.at("gradient_firstorder_Minimum"), 5, 1e-7);
    settings.gradientUseSpacing = false;  // per voxel: sqrt(3^2 + 4^2), and sqrt(1.5^2 + 4^2) at the border
    values = byName(extractFeatures(image, mask, 1, settings, false));
    check(failures, "per-voxel max", values.at("gradient_firstorder_Maximum"), 5, 1e-7);
    check(failures, "per-voxel min", values.at("gradient_firstorder_Minimum"), std::sqrt(18.25), 1e-7);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
}

void RadiomicsImageTypes::parameterFileEnablesImageTypes() {
    QTemporaryDir dir;
    const std::string path = writeText(dir, "p.yaml",
                                       "imageType:\n"
                                       "  Original: {}\n"
                                       "  LoG:\n"
                                       "    sigma: [2.0, 0.5]\n"
                                       "  Gradient: {gradientUseSpacing: false}\n"
                                       "  Wavelet: {}\n");
    const ParameterFile file = readParameterFile(path);
    QVERIFY(file.waveletEnabled);
    QCOMPARE(file.settings.imageTypes, (std::vector<std::string>{"LoG", "Gradient"}));
    QCOMPARE(file.settings.sigmaMm, (std::vector<double>{2.0, 0.5}));
    QVERIFY(!file.settings.gradientUseSpacing);
    // The provenance text holds them; settings without them keep their old text.
    const QString json = QString::fromStdString(file.settings.toJson());
    QVERIFY2(json.contains("\"imageTypes\":[\"LoG\",\"Gradient\"]") && json.contains("\"sigma\":[2,0.5]") &&
                 json.contains("\"gradientUseSpacing\":false"),
             qPrintable(json));
    QVERIFY(!QString::fromStdString(Settings{}.toJson()).contains("imageTypes"));

    const SmallCase c = smallCase();
    std::vector<std::string> prefixes;
    for (const Feature& f : extractFeatures(c.image, c.mask, 1, file.settings, false)) {
        const std::string prefix = f.name.substr(0, f.name.find('_'));
        if (prefixes.empty() || prefixes.back() != prefix) prefixes.push_back(prefix);
    }
    QCOMPARE(prefixes,
             (std::vector<std::string>{"original", "log-sigma-2-0-mm-3D", "log-sigma-0-5-mm-3D", "gradient"}));
}

void RadiomicsImageTypes::parameterFileErrors() {
    QTemporaryDir dir;
    const auto errorOf = [&](const char* text) { return parameterFileError(dir, text); };
    QString e = errorOf("imageType:\n  Original: {}\n  LoG: {}\n");
    QVERIFY2(e.contains("bad.yaml") && e.contains("'sigma'") && e.contains("LoG"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  LoG: {sigma: [1.0, 0]}\n");
    QVERIFY2(e.contains("'sigma'") && e.contains("above 0"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  LoG: {sigma: [1.0, 3.0, 1.0]}\n");
    QVERIFY2(e.contains("'sigma'") && e.contains("lists 1 mm twice"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  LoG: {sigma: 3.0}\n");
    QVERIFY2(e.contains("'sigma'") && e.contains("list"), qPrintable(e));
    // pyradiomics would use a setting under an image type for that image type alone.
    e = errorOf("imageType:\n  Original: {}\n  LoG: {sigma: [1.0], binWidth: 5}\n");
    QVERIFY2(e.contains("'imageType.LoG.binWidth'") && e.contains("under setting"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {binWidth: 5}\n");
    QVERIFY2(e.contains("'imageType.Original.binWidth'"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  Median: {}\n");
    QVERIFY2(e.contains("'imageType.Median'") && e.contains("not implemented"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  Gradient: {gradientUseSpacing: 1}\n");
    QVERIFY2(e.contains("'gradientUseSpacing'") && e.contains("true or false"), qPrintable(e));

    // An image too small for a sigma fails naming the mask and the sigma (pyradiomics: 4 voxels and
    // sigma / spacing + 1 along each axis; 6 mm over 1 mm voxels needs 7).
    const SmallCase c = smallCase();
    Settings settings = withImageTypes({"LoG"});
    settings.sigmaMm = {6.0};
    try {
        extractFeatures(c.image, c.mask, 1, settings, false);
        QFAIL("LoG with sigma 6 mm ran on a 6x5x4 image");
    } catch (const Error& error) {
        e = error.what();
        QVERIFY2(e.startsWith("mask: ") && e.contains("6 x 5 x 4") && e.contains("sigma 6 mm"), qPrintable(e));
    }
}

void RadiomicsImageTypes::studiesRefuseOtherImageTypes() {
    QTemporaryDir dir;
    const std::string path = writeText(dir, "study.yaml", "imageType:\n  Original: {}\n  Square: {}\n  Wavelet: {}\n");
    const ParameterFile file = readParameterFile(path);
    try {
        requireEveryFeature(file, path);
        QFAIL("a study accepted the Square image type");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("imageType.Square"), e.what());
    }
}

QTEST_GUILESS_MAIN(RadiomicsImageTypes)
#include "test_radiomics_image_types.moc"
