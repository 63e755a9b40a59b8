// pyradiomics' LBP2D image type against pyradiomics' own getLBP2DImage (scikit-image's
// local_binary_pattern) and feature classes (lbp2d/expected.csv, see tests/data/radiomics/README.md):
// the five methods, radii 1, 1.5 and 2, 8 to 16 samples, the three slice axes, an ROI on the image
// border; the parameter file keys; drs extract's warnings where pyradiomics warns.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/util/Error.h"
#include "tests/common/DrsProcess.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

struct Config {
    std::string image, mask;
    Settings settings;
};

Config lbpConfig(const std::string& name) {
    const bool border = name.rfind("border_", 0) == 0;
    Config c{border ? "pyradiomics/edge_rois/image.nrrd" : "pyradiomics/brain1_image.nrrd",
             border ? "pyradiomics/edge_rois/image_border.nrrd" : "pyradiomics/brain1_label.nrrd",
             {}};
    Settings& s = c.settings;
    s.imageTypes = {"LBP2D"};
    if (name == "brain1_uniform") s.binWidth = 1;
    if (name == "brain1_default") {
        s.lbp2DMethod = LbpMethod::Default;
        s.binCount = 32;
    }
    if (name == "brain1_ror_r2_p12") {
        s.lbp2DMethod = LbpMethod::Ror;
        s.lbp2DRadius = 2;
        s.lbp2DSamples = 12;
        s.binCount = 16;
    }
    if (name == "brain1_nri_r1.5_p16_y") {
        s.lbp2DMethod = LbpMethod::NriUniform;
        s.lbp2DRadius = 1.5;
        s.lbp2DSamples = 16;
        s.force2Ddimension = 1;
        s.binCount = 32;
    }
    if (name == "brain1_var_x") {
        s.lbp2DMethod = LbpMethod::Var;
        s.force2Ddimension = 2;
        s.binCount = 32;
    }
    if (name == "border_uniform_r1.5") {
        s.lbp2DRadius = 1.5;
        s.binWidth = 1;
    }
    if (name == "border_default_x") {
        s.lbp2DMethod = LbpMethod::Default;
        s.force2Ddimension = 2;
        s.binCount = 16;
    }
    return c;
}

}  // namespace

class RadiomicsLbp2D : public QObject {
    Q_OBJECT
private slots:
    void pyradiomicsValues_data();
    void pyradiomicsValues();
    void parameterFile();
    void parameterFileErrors();
    void varOfAFlatNeighbourhoodIsRefused();
    void commandLineWarnsAsPyradiomics();
};

void RadiomicsLbp2D::pyradiomicsValues_data() {
    QCOMPARE(addFixtureConfigRows("pyradiomics/lbp2d/expected.csv"), std::size_t{7});
}

void RadiomicsLbp2D::pyradiomicsValues() {
    QFETCH(QString, config);
    const Config c = lbpConfig(config.toStdString());
    const auto values =
        byName(extractFeatures(readVolume(testData(c.image)), readLabelMap(testData(c.mask)), 1, c.settings, false));
    QStringList failures;
    int compared = 0;
    for (const auto& row : readCsv(testData("pyradiomics/lbp2d/expected.csv")).rows) {
        if (row[0] != config.toStdString()) continue;
        QVERIFY2(values.count(row[1]), row[1].c_str());
        check(failures, row[1], values.at(row[1]), std::stod(row[2]), 1e-6, 1e-9);
        ++compared;
    }
    QCOMPARE(compared, 93);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 15).join("\n")));
}

void RadiomicsLbp2D::parameterFile() {
    QTemporaryDir dir;
    const ParameterFile file = readParameterFile(writeText(
        dir, "lbp.yaml",
        "imageType:\n  Original: {}\n  LBP2D: {lbp2DRadius: 1.5, lbp2DSamples: 16, lbp2DMethod: NRI_Uniform}\n"
        "setting:\n  binWidth: 1\n"));
    QCOMPARE(file.settings.imageTypes, (std::vector<std::string>{"LBP2D"}));
    QCOMPARE(file.settings.lbp2DRadius, 1.5);
    QCOMPARE(file.settings.lbp2DSamples, 16);
    QVERIFY(file.settings.lbp2DMethod == LbpMethod::NriUniform);
    const QString json = QString::fromStdString(file.settings.toJson());
    QVERIFY2(json.contains("\"lbp2DMethod\":\"nri_uniform\"") && json.contains("\"lbp2DRadius\":1.5") &&
                 json.contains("\"lbp2DSamples\":16"),
             qPrintable(json));
    QVERIFY(!QString::fromStdString(Settings{}.toJson()).contains("lbp2D"));
    // pyradiomics' defaults, also given under setting.
    const ParameterFile defaults =
        readParameterFile(writeText(dir, "d.yaml", "imageType:\n  Original: {}\n  LBP2D: {}\n"));
    QCOMPARE(defaults.settings.lbp2DRadius, 1.0);
    QCOMPARE(defaults.settings.lbp2DSamples, 8);
    QVERIFY(defaults.settings.lbp2DMethod == LbpMethod::Uniform);
    const ParameterFile underSetting = readParameterFile(
        writeText(dir, "s.yaml", "imageType:\n  Original: {}\n  LBP2D: {}\nsetting:\n  lbp2DMethod: var\n"));
    QVERIFY(underSetting.settings.lbp2DMethod == LbpMethod::Var);

    const Volume image = readVolume(testData("pyradiomics/edge_rois/image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/edge_rois/image_border.nrrd"));
    const auto features = extractFeatures(image, mask, 1, file.settings, false);
    QCOMPARE(features.size(), std::size_t{107 + 93});
    QCOMPARE(features.back().name, std::string("lbp-2D_ngtdm_Strength"));
}

void RadiomicsLbp2D::parameterFileErrors() {
    QTemporaryDir dir;
    const auto errorOf = [&](const char* text) { return parameterFileError(dir, text); };
    QString e = errorOf("imageType:\n  Original: {}\n  LBP2D: {lbp2DMethod: circle}\n");
    QVERIFY2(
        e.contains("bad.yaml") && e.contains("'lbp2DMethod'") && e.contains("nri_uniform") && e.contains("'circle'"),
        qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  LBP2D: {lbp2DSamples: 31}\n");
    QVERIFY2(e.contains("'lbp2DSamples'") && e.contains("1..30"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  LBP2D: {lbp2DRadius: 0}\n");
    QVERIFY2(e.contains("'lbp2DRadius'") && e.contains("above 0"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  LBP2D: {binWidth: 1}\n");
    QVERIFY2(e.contains("'imageType.LBP2D.binWidth'") && e.contains("under setting"), qPrintable(e));
}

void RadiomicsLbp2D::varOfAFlatNeighbourhoodIsRefused() {
    // A constant image: every neighbourhood's variance is 0, which scikit-image reports as NaN.
    Geometry g;
    g.sizeXyz = {6, 6, 3};
    const Volume image(g, 40.0f);
    LabelMap mask(g, 0);
    mask.at(2, 2, 1) = mask.at(3, 2, 1) = mask.at(2, 3, 1) = 1;
    Settings settings;
    settings.imageTypes = {"LBP2D"};
    settings.lbp2DMethod = LbpMethod::Var;
    try {
        extractFeatures(image, mask, 1, settings, false);
        QFAIL("LBP2D var of a constant image gave features");
    } catch (const Error& error) {
        const QString e = error.what();
        QVERIFY2(e.startsWith("mask: ") && e.contains("var") && e.contains("NaN"), qPrintable(e));
    }
}

// pyradiomics warns when LBP2D's features are 3D and LBP3D's are 2D; drs extract says so too, and
// extracts.
void RadiomicsLbp2D::commandLineWarnsAsPyradiomics() {
    QTemporaryDir dir;
    const auto run = [&](const char* params) {
        return drs::test::runDrs(
            {"extract", "--image", QString::fromStdString(testData("pyradiomics/edge_rois/image.nrrd")), "--mask",
             QString::fromStdString(testData("pyradiomics/edge_rois/image_border.nrrd")), "--params",
             QString::fromStdString(writeText(dir, "p.yaml", params)), "--out", dir.filePath("f.csv")});
    };
    auto r = run("imageType:\n  Original: {}\n  LBP2D: {}\n  LBP3D: {}\nsetting:\n  binCount: 8\n");
    QVERIFY2(r.exitCode == 0 && r.err.contains("LBP2D is computed slice by slice") && !r.err.contains("LBP3D is"),
             qPrintable(r.err));
    r = run("imageType:\n  Original: {}\n  LBP2D: {}\n  LBP3D: {}\nsetting:\n  binCount: 8\n  force2D: true\n");
    QVERIFY2(r.exitCode == 0 && r.err.contains("LBP3D is computed in 3D") && !r.err.contains("LBP2D is"),
             qPrintable(r.err));
    r = run("imageType:\n  Original: {}\n  Wavelet: {}\n");
    QVERIFY2(r.exitCode == 0 && !r.err.contains("pyradiomics warns"), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(RadiomicsLbp2D)
#include "test_radiomics_lbp2d.moc"
