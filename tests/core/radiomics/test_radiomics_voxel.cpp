// Voxel-based feature maps against pyradiomics' own maps (voxel/expected_maps.csv: its feature
// classes run in voxel mode on brain1, brain2 and breast1, on the original image, its wavelet
// decompositions and its square; see tests/data/radiomics/README.md),
// the map grid pyradiomics writes them on, and the voxelSetting rules.
#include <itkImageFileReader.h>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <map>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/VoxelMaps.h"
#include "core/util/Error.h"
#include "tests/common/DrsProcess.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

struct Configuration {
    std::string testCase;
    Settings settings;
    VoxelSettings voxel;
    bool withWavelet = false;
};

// The configurations of make_voxel_fixtures.py.
std::map<std::string, Configuration> configurations() {
    std::map<std::string, Configuration> out;
    out["r1"] = {"brain1", {}, {}};
    Configuration r2;
    r2.testCase = "brain1";
    r2.settings.force2D = true;
    r2.voxel.kernelRadius = 2;
    r2.voxel.initValue = std::nan("");
    out["r2_2d"] = r2;
    Configuration unmasked;
    unmasked.testCase = "brain2";
    unmasked.voxel.maskedKernel = false;
    out["r1_unmasked"] = unmasked;
    Configuration binCount;
    binCount.testCase = "breast1";
    binCount.settings.binCount = 16;
    out["r1_bincount"] = binCount;
    Configuration wavelet;
    wavelet.testCase = "brain2";
    wavelet.withWavelet = true;
    out["r1_wavelet"] = wavelet;
    Configuration square;
    square.testCase = "breast1";
    square.settings.imageTypes = {"Square"};
    square.voxel.maskedKernel = false;
    out["r1_square_unmasked"] = square;
    return out;
}

// A map as written: double voxels, NaN allowed (readVolume refuses NaN in an image).
ValueMap readMap(const std::string& path) {
    auto reader = itk::ImageFileReader<itk::Image<double, 3>>::New();
    reader->SetFileName(path);
    reader->Update();
    const auto* image = reader->GetOutput();
    Geometry g;
    for (unsigned a = 0; a < 3; ++a) {
        g.sizeXyz[a] = static_cast<std::int64_t>(image->GetLargestPossibleRegion().GetSize()[a]);
        g.spacingMm[a] = image->GetSpacing()[a];
        g.originMm[a] = image->GetOrigin()[a];
        for (unsigned b = 0; b < 3; ++b) g.direction[a * 3 + b] = image->GetDirection()[a][b];
    }
    ValueMap map(g);
    std::copy(image->GetBufferPointer(), image->GetBufferPointer() + map.voxels.size(), map.voxels.begin());
    return map;
}

std::vector<FeatureMap> mapsFor(const Configuration& c) {
    const Volume image = readVolume(testData("pyradiomics/" + c.testCase + "_image.nrrd"));
    const LabelMap label = readLabelMap(testData("pyradiomics/" + c.testCase + "_label.nrrd"));
    return extractVoxelMaps(
        image, label, c.settings, c.withWavelet, c.voxel, [](const std::string&) { return true; }, nullptr, 2,
        c.testCase);
}

}  // namespace

class RadiomicsVoxel : public QObject {
    Q_OBJECT
private slots:
    void pyradiomicsMaps_data();
    void pyradiomicsMaps();
    void commandLineWritesMaps();
    void commandLineRefusals();
    void commandLineImageTypes();
    void voxelSettingParsing();

private:
    QTemporaryDir dir_;
};

void RadiomicsVoxel::pyradiomicsMaps_data() {
    QTest::addColumn<QString>("configuration");
    for (const auto& [name, c] : configurations()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

void RadiomicsVoxel::pyradiomicsMaps() {
    QFETCH(QString, configuration);
    const std::string name = configuration.toStdString();
    const Configuration c = configurations().at(name);
    const std::vector<FeatureMap> maps = mapsFor(c);
    // 93 maps per image type: the original, the derived ones and the 8 decompositions.
    QCOMPARE(maps.size(), 93 * (1 + c.settings.imageTypes.size() + (c.withWavelet ? 8 : 0)));
    std::map<std::string, const FeatureMap*> byName;
    for (const FeatureMap& m : maps) byName[m.name] = &m;

    const Volume image = readVolume(testData("pyradiomics/" + c.testCase + "_image.nrrd"));
    const CsvTable expected = readCsv(testData("pyradiomics/voxel/expected_maps.csv"));
    const std::size_t config = expected.column("config"), xColumn = expected.column("x"),
                      yColumn = expected.column("y"), zColumn = expected.column("z"),
                      feature = expected.column("feature"), value = expected.column("value"),
                      source = expected.column("source");
    QStringList failures;
    int compared = 0, fromKernel = 0, rows = 0;
    std::array<std::int64_t, 3> startXyz{};
    for (const auto& row : expected.rows) {
        if (row[config] != name) continue;
        rows += row[feature] != "crop";
        const std::array<std::int64_t, 3> xyz{std::stoll(row[xColumn]), std::stoll(row[yColumn]),
                                              std::stoll(row[zColumn])};
        if (row[feature] == "crop") {
            // The grid pyradiomics writes the maps on: the ROI's box padded by kernelRadius.
            startXyz = xyz;
            const Geometry& grid = maps.front().values.geometry;
            QCOMPARE(QString("%1 %2 %3").arg(grid.sizeXyz[0]).arg(grid.sizeXyz[1]).arg(grid.sizeXyz[2]),
                     QString::fromStdString(row[value]));
            const auto origin = image.geometry.physicalPointMm(double(xyz[0]), double(xyz[1]), double(xyz[2]));
            for (int a = 0; a < 3; ++a) QCOMPARE(grid.originMm[a], origin[a]);
            continue;
        }
        const double reference = std::stod(row[value]);
        const FeatureMap& map = *byName.at(row[feature]);
        const double actual = map.values.at(xyz[0] - startXyz[0], xyz[1] - startXyz[1], xyz[2] - startXyz[2]);
        if (row[source] == "kernel") ++fromKernel;
        check(failures, name + " " + row[feature] + " at " + row[xColumn] + "," + row[yColumn] + "," + row[zColumn],
              actual, reference, 1e-6, 1e-9);
        ++compared;
    }
    QCOMPARE(compared, rows);
    QVERIFY(rows >= 20 * 93);
    qInfo("%s: %d values compared, %d of them from pyradiomics' kernel-by-kernel features", name.c_str(), compared,
          fromKernel);
    if (failures.size() > 20) failures = failures.mid(0, 20) << "...";
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
}

// pyradiomics' exampleVoxel.yaml (kernelRadius 2, force2D, initValue nan, glcm JointEntropy) through
// drs extract --mode voxel: one map on pyradiomics' grid, its values those of configuration r2_2d;
// with additionalInfo the diagnostics in the sidecar.
void RadiomicsVoxel::commandLineWritesMaps() {
    const QString params = dir_.filePath("exampleVoxel.yaml");
    std::ofstream(params.toStdString()) << "imageType:\n  Original: {}\n"
                                           "featureClass:\n  glcm:\n    - JointEntropy\n"
                                           "setting:\n  binWidth: 25\n  force2D: true\n  label: 1\n"
                                           "  additionalInfo: true\n"
                                           "voxelSetting:\n  kernelRadius: 2\n  maskedKernel: true\n"
                                           "  initValue: nan\n  voxelBatch: 10000\n";
    const QString out = dir_.filePath("maps");
    const auto run =
        drs::test::runDrs({"extract", "--image", QString::fromStdString(testData("pyradiomics/brain1_image.nrrd")),
                           "--mask", QString::fromStdString(testData("pyradiomics/brain1_label.nrrd")), "--id", "b1",
                           "--params", params, "--mode", "voxel", "--out-dir", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QDir(out).entryList(QDir::Files),
             QStringList({"b1.provenance.json", "b1_original_glcm_JointEntropy.nrrd"}));
    const ValueMap map = readMap(QDir(out).filePath("b1_original_glcm_JointEntropy.nrrd").toStdString());
    const Volume image = readVolume(testData("pyradiomics/brain1_image.nrrd"));
    const CsvTable expected = readCsv(testData("pyradiomics/voxel/expected_maps.csv"));
    int compared = 0;
    std::array<std::int64_t, 3> start{};
    for (const auto& row : expected.rows) {
        if (row[0] != "r2_2d") continue;
        const std::array<std::int64_t, 3> xyz{std::stoll(row[1]), std::stoll(row[2]), std::stoll(row[3])};
        if (row[4] == "crop") {
            start = xyz;
            QCOMPARE(QString("%1 %2 %3").arg(map.sizeXyz()[0]).arg(map.sizeXyz()[1]).arg(map.sizeXyz()[2]),
                     QString::fromStdString(row[5]));
            const auto origin = image.geometry.physicalPointMm(double(xyz[0]), double(xyz[1]), double(xyz[2]));
            for (int a = 0; a < 3; ++a) QVERIFY(std::abs(map.geometry.originMm[a] - origin[a]) < 1e-9);
        } else if (row[4] == "original_glcm_JointEntropy") {
            const double actual = map.at(xyz[0] - start[0], xyz[1] - start[1], xyz[2] - start[2]);
            QVERIFY2(closeEnough(actual, std::stod(row[5]), 1e-12), row[5].c_str());
            ++compared;
        }
    }
    QCOMPARE(compared, 40);
    QVERIFY(std::isnan(map.at(0, 0, 0)));  // initValue outside the ROI
    std::ifstream sidecar(QDir(out).filePath("b1.provenance.json").toStdString());
    const std::string json((std::istreambuf_iterator<char>(sidecar)), std::istreambuf_iterator<char>());
    QVERIFY(json.find("\"kernelRadius\": 2") != std::string::npos);
    QVERIFY(json.find("\"initValue\": \"nan\"") != std::string::npos);
    QVERIFY2(json.find("\"image_types\": [\n        \"Original\"\n    ]") != std::string::npos, json.c_str());
    // additionalInfo: the diagnostics go to the sidecar (pyradiomics' baseline: 4137 voxels in 2 pieces).
    QVERIFY2(json.find("\"diagnostics_Mask-original_VoxelNum\": \"4137\"") != std::string::npos &&
                 json.find("\"diagnostics_Mask-original_VolumeNum\": \"2\"") != std::string::npos,
             json.c_str());

    // From a cases file, its own columns go to the case's sidecar too.
    const QString cases = dir_.filePath("voxel-cases.csv");
    std::ofstream(cases.toStdString()) << "ID,Image,Mask,outcome\nc1," << testData("pyradiomics/brain1_image.nrrd")
                                       << "," << testData("pyradiomics/brain1_label.nrrd") << ",1\n";
    const QString fromCases = dir_.filePath("maps-cases");
    const auto batch =
        drs::test::runDrs({"extract", "--cases", cases, "--params", params, "--mode", "voxel", "--out-dir", fromCases});
    QVERIFY2(batch.exitCode == 0, qPrintable(batch.err));
    std::ifstream caseSidecar(QDir(fromCases).filePath("c1.provenance.json").toStdString());
    const std::string caseJson((std::istreambuf_iterator<char>(caseSidecar)), std::istreambuf_iterator<char>());
    QVERIFY2(caseJson.find("\"columns\": {\n        \"outcome\": \"1\"\n    }") != std::string::npos, caseJson.c_str());
}

void RadiomicsVoxel::commandLineRefusals() {
    const QString image = QString::fromStdString(testData("pyradiomics/breast1_image.nrrd"));
    const QString mask = QString::fromStdString(testData("pyradiomics/breast1_label.nrrd"));
    const auto refused = [&](const QStringList& extra, const QString& says) {
        const auto run = drs::test::runDrs(QStringList{"extract", "--image", image, "--mask", mask} + extra);
        return run.exitCode != 0 && run.err.contains(says) ? QString() : run.err;
    };
    QCOMPARE(refused({"--mode", "voxel", "--out", dir_.filePath("x.csv")}, "--out-dir"), QString());
    QCOMPARE(refused({"--mode", "voxels", "--out-dir", dir_.filePath("v")}, "--mode must be segment or voxel"),
             QString());
    const QString shapeOnly = dir_.filePath("shape.yaml");
    std::ofstream(shapeOnly.toStdString()) << "featureClass:\n  shape:\n";
    QCOMPARE(refused({"--mode", "voxel", "--params", shapeOnly, "--out-dir", dir_.filePath("s")},
                     "shape features have none"),
             QString());
}

// The parameter file's image types give their maps too, named as pyradiomics names them.
void RadiomicsVoxel::commandLineImageTypes() {
    const QString params = dir_.filePath("types.yaml");
    std::ofstream(params.toStdString()) << "imageType:\n  Original: {}\n  Wavelet: {}\n  Square: {}\n"
                                           "featureClass:\n  firstorder:\n    - Mean\n";
    const QString out = dir_.filePath("typed");
    const auto run =
        drs::test::runDrs({"extract", "--image", QString::fromStdString(testData("pyradiomics/breast1_image.nrrd")),
                           "--mask", QString::fromStdString(testData("pyradiomics/breast1_label.nrrd")), "--id", "b",
                           "--params", params, "--mode", "voxel", "--out-dir", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QStringList maps = QDir(out).entryList({"*.nrrd"}, QDir::Files);
    QCOMPARE(maps.size(), 1 + 1 + 8);
    for (const char* name : {"b_original_firstorder_Mean.nrrd", "b_square_firstorder_Mean.nrrd",
                             "b_wavelet-LLH_firstorder_Mean.nrrd", "b_wavelet-LLL_firstorder_Mean.nrrd"})
        QVERIFY2(maps.contains(name), name);
}

void RadiomicsVoxel::voxelSettingParsing() {
    const ParameterFile file = parseParameterJson(
        R"({"voxelSetting": {"kernelRadius": 3, "maskedKernel": false, "initValue": "nan", "voxelBatch": 500}})",
        "p.json");
    QVERIFY(file.voxelSetting);
    QCOMPARE(file.voxelSetting->kernelRadius, 3);
    QCOMPARE(file.voxelSetting->maskedKernel, false);
    QVERIFY(std::isnan(file.voxelSetting->initValue));
    QCOMPARE(*file.voxelSetting->voxelBatch, 500);
    QVERIFY(!parseParameterJson("{}", "p.json").voxelSetting);
    const auto refusal = [](const char* json) {
        try {
            parseParameterJson(json, "p.json");
        } catch (const Error& e) {
            return QString(e.what());
        }
        return QString();
    };
    QVERIFY(
        refusal(R"({"voxelSetting": {"kernelRadius": 0}})").contains("voxelSetting.kernelRadius' must be in 1..10"));
    QVERIFY(refusal(R"({"voxelSetting": {"kernelRadius": 1.5}})").contains("whole number"));
    QVERIFY(refusal(R"({"voxelSetting": {"maskedKernel": 1}})").contains("true or false"));
    QVERIFY(refusal(R"({"voxelSetting": {"initValue": "zero"}})").contains("a number or nan"));
    QVERIFY(refusal(R"({"voxelSetting": {"kernelradius": 1}})").contains("voxelSetting.kernelradius' is unknown"));
}

QTEST_GUILESS_MAIN(RadiomicsVoxel)
#include "test_radiomics_voxel.moc"
