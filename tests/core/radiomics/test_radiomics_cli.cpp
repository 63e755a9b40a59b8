// `drs extract` run as a process on brain1: column layout, values against pyradiomics' published
// numbers, batch mode, provenance and error handling.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <tuple>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/util/Csv.h"
#include "tests/common/DrsProcess.h"

using namespace drs;
using namespace drs::radiomics::test;

namespace {

using drs::test::ProcessRun;
using drs::test::runDrs;

QString image(const char* testCase) {
    return QString::fromStdString(testData(std::string("pyradiomics/") + testCase + "_image.nrrd"));
}
QString mask(const char* testCase) {
    return QString::fromStdString(testData(std::string("pyradiomics/") + testCase + "_label.nrrd"));
}

std::map<std::string, double> notebookValues() {
    std::map<std::string, double> out;
    const CsvTable table = readCsv(testData("pyradiomics/brain1_notebook_values.csv"));
    for (const auto& row : table.rows) out[row[table.column("feature")]] = std::stod(row[table.column("value")]);
    return out;
}

}  // namespace

class RadiomicsCli : public QObject {
    Q_OBJECT
private slots:
    void singleCaseOriginal();
    void singleCaseWavelet();
    void batchWithFailingCase();
    void badParameters();
    void missingLabel();
    void resamplingParameters();
    void yamlFeatureClassChoosesColumns();
    void pyradiomicsBatchFile();
    void featureClassErrors();
    void logImageTypeFromParameterFile();
    void deprecatedFeaturesWhenNamed();
    void settingOverrides();
    void diagnosticsColumns();
    void ibsiClassesWhenAskedFor();

private:
    QTemporaryDir dir_;
};

void RadiomicsCli::singleCaseOriginal() {
    const QString out = dir_.filePath("b1.csv");
    const ProcessRun run =
        runDrs({"extract", "--image", image("brain1"), "--mask", mask("brain1"), "--id", "brain1", "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    QCOMPARE(table.header.size(), std::size_t(108));
    QCOMPARE(table.header[0], std::string("id"));
    QCOMPARE(table.rows.size(), std::size_t(1));
    QCOMPARE(table.rows[0][0], std::string("brain1"));
    QStringList failures;
    for (const auto& [name, value] : notebookValues()) {
        if (name.rfind("original_", 0) != 0) continue;
        check(failures, name, parseDouble(table.rows[0][table.column(name)], name), value);
    }
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));
    // Provenance sidecar: version, settings and the two file hashes.
    std::ifstream sidecar(out.toStdString() + ".provenance.json");
    const std::string json((std::istreambuf_iterator<char>(sidecar)), std::istreambuf_iterator<char>());
    QVERIFY(json.find("\"image_sha256\": \"fffdb111ee8b428ede7256707393c927a7d5be912f0604cf3c6f1bd5fc9644cf\"") !=
            std::string::npos);
    QVERIFY(json.find(std::string("\"software_version\": \"") + DRS_VERSION + "\"") != std::string::npos);
    QVERIFY(json.find("\"binWidth\": 25") != std::string::npos);
}

void RadiomicsCli::singleCaseWavelet() {
    const QString out = dir_.filePath("b1w.csv");
    const ProcessRun run =
        runDrs({"extract", "--image", image("brain1"), "--mask", mask("brain1"), "--wavelet", "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    QCOMPARE(table.header.size(), std::size_t(852));
    QStringList failures;
    for (const auto& [name, value] : notebookValues())
        check(failures, name, parseDouble(table.rows[0][table.column(name)], name), value, 1e-6, 3e-6);
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));
}

void RadiomicsCli::batchWithFailingCase() {
    const QString cases = dir_.filePath("cases.csv");
    {
        std::ofstream out(cases.toStdString());
        out << "id,image,mask,label\n";
        out << "b1," << image("brain1").toStdString() << "," << mask("brain1").toStdString() << ",1\n";
        out << "absent," << image("brain1").toStdString() << "," << mask("brain1").toStdString() << ",7\n";
        out << "br1," << image("breast1").toStdString() << "," << mask("breast1").toStdString() << ",\n";
    }
    const QString out = dir_.filePath("batch.csv");
    const ProcessRun run = runDrs({"extract", "--cases", cases, "--threads", "2", "--out", out});
    QCOMPARE(run.exitCode, 1);  // one case failed
    QVERIFY2(run.err.contains("case absent") && run.err.contains("label 7 is not present"), qPrintable(run.err));
    // Progress on stderr as the cases finish, ended before the failed case is named on a line of its own.
    QVERIFY2(run.err.contains("[100%] 3 of 3 cases (") && run.err.contains("\ndrs extract: case absent"),
             qPrintable(run.err));
    const ProcessRun quiet = runDrs({"extract", "--cases", cases, "--threads", "2", "--quiet"});
    QCOMPARE(quiet.exitCode, 1);
    QVERIFY2(!quiet.err.contains("%]") && quiet.err.startsWith("drs extract: case absent"), qPrintable(quiet.err));
    const CsvTable table = readCsv(out.toStdString());
    QCOMPARE(table.rows.size(), std::size_t(2));
    QCOMPARE(table.rows[0][0], std::string("b1"));
    QCOMPARE(table.rows[1][0], std::string("br1"));
    // breast1 plain-column shape baseline (pyradiomics).
    QStringList failures;
    check(failures, "original_shape_VoxelVolume",
          parseDouble(table.rows[1][table.column("original_shape_VoxelVolume")], "VoxelVolume"), 132.42579545515324);
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));
}

void RadiomicsCli::badParameters() {
    const QString params = dir_.filePath("bad.json");
    {
        std::ofstream out(params.toStdString());
        out << R"({"setting": {"binWidht": 25}})";
    }
    ProcessRun run = runDrs({"extract", "--image", image("breast1"), "--mask", mask("breast1"), "--params", params});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("'binWidht' is unknown"), qPrintable(run.err));
    {
        std::ofstream out(params.toStdString());
        out << R"({"setting": {"binWidth": "25"}})";
    }
    run = runDrs({"extract", "--image", image("breast1"), "--mask", mask("breast1"), "--params", params});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("'binWidth' must be a number"), qPrintable(run.err));
}

void RadiomicsCli::missingLabel() {
    const ProcessRun run = runDrs({"extract", "--image", image("breast1"), "--mask", mask("breast1"), "--label", "3"});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("label 3 is not present"), qPrintable(run.err));
}

// --params with pyradiomics' resampling keys reproduces pyradiomics' `_resampling` baseline; a
// spacing coarse enough to lose the ROI fails with the mask named and writes no file.
void RadiomicsCli::resamplingParameters() {
    // The same settings as JSON and as YAML (pyradiomics' own format).
    const QString json = dir_.filePath("resample.json"), yaml = dir_.filePath("resample.yaml");
    std::ofstream(json.toStdString())
        << R"({"setting": {"resampledPixelSpacing": [2, 2, 2], "interpolator": "sitkBSpline"}})";
    std::ofstream(yaml.toStdString()) << "setting:\n  resampledPixelSpacing: [2, 2, 2]  # mm\n"
                                         "  interpolator: 'sitkBSpline'\n";
    const CsvTable baseline = readCsv(testData("pyradiomics/baseline/baseline_glcm.csv"));
    for (const QString& params : {json, yaml}) {
        const QString out = dir_.filePath("resampled.csv");
        const ProcessRun run = runDrs(
            {"extract", "--image", image("breast1"), "--mask", mask("breast1"), "--params", params, "--out", out});
        QVERIFY2(run.exitCode == 0, qPrintable(params + ": " + run.err));
        const CsvTable table = readCsv(out.toStdString());
        QStringList failures;
        int compared = 0;
        for (const auto& row : baseline.rows)
            if (row[0].rfind("original_glcm_", 0) == 0 && table.hasColumn(row[0])) {
                check(failures, row[0], parseDouble(table.rows[0][table.column(row[0])], row[0]),
                      std::stod(row[baseline.column("breast1_resampling")]), 1e-6, 1e-9);
                ++compared;
            }
        QCOMPARE(compared, 24);
        if (!failures.isEmpty()) QFAIL(qPrintable(params + ":\n" + failures.join("\n")));
    }

    std::ofstream(json.toStdString()) << R"({"setting": {"resampledPixelSpacing": [40, 40, 40]}})";
    const QString lost = dir_.filePath("lost.csv");
    const ProcessRun run =
        runDrs({"extract", "--image", image("breast1"), "--mask", mask("breast1"), "--params", json, "--out", lost});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("breast1_label.nrrd: label 1 vanishes when the mask is resampled to 40 x 40 x"),
             qPrintable(run.err));
    QVERIFY(!QFile::exists(lost));
    QVERIFY(!QFile::exists(lost + ".provenance.json"));
}

// A parameter file in the layout of pyradiomics' example Params.yaml: classes not named (ngtdm) are
// left out, a class with no value or [] has all its features, a list keeps only those (glcm without
// SumAverage). Expected: the pyradiomics feature list filtered by those rules, with pyradiomics'
// notebook values for brain1.
void RadiomicsCli::yamlFeatureClassChoosesColumns() {
    const QString params = dir_.filePath("Params.yaml");
    std::ofstream(params.toStdString()) << R"(# the classes and features wanted
setting:
  binWidth: 25
  label: 1
  interpolator: 'sitkBSpline'
  resampledPixelSpacing:   # none: no resampling
  weightingNorm:
imageType:
  Original: {}
featureClass:
  shape:
  firstorder: []
  glcm:
    - 'Autocorrelation'
    - 'JointAverage'
    - 'ClusterProminence'
    - 'ClusterShade'
    - 'ClusterTendency'
    - 'Contrast'
    - 'Correlation'
    - 'DifferenceAverage'
    - 'DifferenceEntropy'
    - 'DifferenceVariance'
    - 'JointEnergy'
    - 'JointEntropy'
    - 'Imc1'
    - 'Imc2'
    - 'Idm'
    - 'MCC'
    - 'Idmn'
    - 'Id'
    - 'Idn'
    - 'InverseVariance'
    - 'MaximumProbability'
    - 'SumEntropy'
    - 'SumSquares'
  glrlm:
  glszm:
  gldm:
)";
    const QString out = dir_.filePath("subset.csv");
    const ProcessRun run =
        runDrs({"extract", "--image", image("brain1"), "--mask", mask("brain1"), "--params", params, "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    std::vector<std::string> expected{"id"};
    std::ifstream names(testData("pyradiomics/feature_names.txt"));
    for (std::string name; std::getline(names, name);)
        if (name.rfind("original_", 0) == 0 && name.find("_ngtdm_") == std::string::npos &&
            name != "original_glcm_SumAverage")
            expected.push_back(name);
    QCOMPARE(expected.size(), std::size_t(1 + 107 - 5 - 1));
    QCOMPARE(table.header, expected);
    QStringList failures;
    for (const auto& [name, value] : notebookValues())
        if (table.hasColumn(name)) check(failures, name, parseDouble(table.rows[0][table.column(name)], name), value);
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));
}

// pyradiomics' batch-file layout (Image, Mask, Label; no id), paths relative to the file: the ids
// are the row numbers, the values pyradiomics' for brain1 and breast1.
void RadiomicsCli::pyradiomicsBatchFile() {
    QDir(dir_.path()).mkpath("batch/data");
    for (const char* testCase : {"brain1", "breast1"}) {
        QVERIFY(QFile::copy(image(testCase), dir_.filePath(QStringLiteral("batch/data/%1_image.nrrd").arg(testCase))));
        QVERIFY(QFile::copy(mask(testCase), dir_.filePath(QStringLiteral("batch/data/%1_label.nrrd").arg(testCase))));
    }
    const QString cases = dir_.filePath("batch/cases.csv");
    std::ofstream(cases.toStdString()) << "Patient,Image,Mask,Label,Label_channel,outcome\n"
                                       << "P-01,data/brain1_image.nrrd,data/brain1_label.nrrd,1,,1\n"
                                       << "\"P-02, breast\",data/breast1_image.nrrd,data/breast1_label.nrrd,,,0\n";
    const QString out = dir_.filePath("pyradiomics-batch.csv");
    const ProcessRun run = runDrs({"extract", "--cases", cases, "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    QCOMPARE(table.rows.size(), std::size_t(2));
    // The columns drs extract does not read follow id, as pyradiomics' batch output carries them.
    QCOMPARE(std::vector<std::string>(table.header.begin(), table.header.begin() + 4),
             (std::vector<std::string>{"id", "Patient", "outcome", "original_shape_Elongation"}));
    QCOMPARE(std::vector<std::string>(table.rows[0].begin(), table.rows[0].begin() + 3),
             (std::vector<std::string>{"1", "P-01", "1"}));
    QCOMPARE(std::vector<std::string>(table.rows[1].begin(), table.rows[1].begin() + 3),
             (std::vector<std::string>{"2", "P-02, breast", "0"}));
    QStringList failures;
    for (const auto& [name, value] : notebookValues())
        if (table.hasColumn(name)) check(failures, name, parseDouble(table.rows[0][table.column(name)], name), value);
    check(failures, "original_shape_VoxelVolume",
          parseDouble(table.rows[1][table.column("original_shape_VoxelVolume")], "VoxelVolume"), 132.42579545515324);
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));

    std::ofstream(cases.toStdString()) << "Image,Segmentation\ndata/brain1_image.nrrd,data/brain1_label.nrrd\n";
    const ProcessRun refused = runDrs({"extract", "--cases", cases});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(cases + ": a cases file needs the columns image and mask"), qPrintable(refused.err));

    std::ofstream(cases.toStdString()) << "Image,Mask,Label_channel\ndata/brain1_image.nrrd,data/brain1_label.nrrd,2\n";
    const ProcessRun channel = runDrs({"extract", "--cases", cases});
    QCOMPARE(channel.exitCode, 1);
    QVERIFY2(channel.err.contains(cases + " row 2: Label_channel (a channel of a 4D mask) is not supported"),
             qPrintable(channel.err));
    std::ofstream(cases.toStdString()) << "Image,Mask,original_firstorder_Mean\n"
                                       << "data/brain1_image.nrrd,data/brain1_label.nrrd,3\n";
    const ProcessRun collides = runDrs({"extract", "--cases", cases});
    QCOMPARE(collides.exitCode, 1);
    QVERIFY2(collides.err.contains(cases + ": column 'original_firstorder_Mean' is named like a feature"),
             qPrintable(collides.err));
}

void RadiomicsCli::featureClassErrors() {
    const QString params = dir_.filePath("bad.yaml");
    auto refusal = [&](const char* text) {
        std::ofstream(params.toStdString()) << text;
        return runDrs({"extract", "--image", image("brain1"), "--mask", mask("brain1"), "--params", params});
    };
    ProcessRun run = refusal("featureClass:\n  shape2d:\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(params + ": parameter 'featureClass.shape2d' is not a feature class this release"),
             qPrintable(run.err));
    run = refusal("featureClass:\n  shape2D:\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(params + ": parameter 'featureClass.shape2D' needs force2D: true"), qPrintable(run.err));
    run = refusal("featureClass:\n  glcm: [SumVariance]\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(params + ": parameter 'featureClass.glcm' has no feature 'SumVariance'"),
             qPrintable(run.err));
    run = refusal("setting:\n  binWidth: [25\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(params + ": not valid YAML ("), qPrintable(run.err));
    // The study pipeline keeps every feature: a file that leaves some out is refused before anything runs.
    std::ofstream(params.toStdString()) << "featureClass:\n  firstorder:\n";
    const QString project = dir_.filePath("never.sqlite");
    run = runDrs({"train", "--project", project, "--radiomics-params", params});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(params + ": parameter 'featureClass' leaves out shape_Elongation"), qPrintable(run.err));
    QVERIFY(!QFile::exists(project));
}

// pyradiomics' LoG image type from its parameter file layout: the columns of each sigma after the
// original's, the values pyradiomics printed for brain1, and the image types in the provenance.
void RadiomicsCli::logImageTypeFromParameterFile() {
    const QString params = dir_.filePath("log.yaml");
    std::ofstream(params.toStdString()) << "imageType:\n"
                                           "  Original: {}\n"
                                           "  LoG:\n"
                                           "    sigma: [1.0, 3.0, 5.0]\n"
                                           "featureClass:\n"
                                           "  firstorder:\n"
                                           "setting:\n"
                                           "  binWidth: 25\n";
    const QString out = dir_.filePath("log.csv");
    const ProcessRun run =
        runDrs({"extract", "--image", image("brain1"), "--mask", mask("brain1"), "--params", params, "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    QCOMPARE(table.header.size(), std::size_t(1 + 4 * 18));
    QCOMPARE(table.header[1 + 18], std::string("log-sigma-1-0-mm-3D_firstorder_10Percentile"));
    QCOMPARE(table.header[1 + 3 * 18], std::string("log-sigma-5-0-mm-3D_firstorder_10Percentile"));
    const CsvTable notebook = readCsv(testData("pyradiomics/brain1_log_notebook_values.csv"));
    QStringList failures;
    for (const auto& row : notebook.rows) {
        const std::string name = row[notebook.column("feature")];
        check(failures, name, parseDouble(table.rows[0][table.column(name)], name),
              std::stod(row[notebook.column("value")]));
    }
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));
    std::ifstream sidecar(out.toStdString() + ".provenance.json");
    const QString json = QString::fromStdString(
        std::string((std::istreambuf_iterator<char>(sidecar)), std::istreambuf_iterator<char>()));
    QVERIFY2(json.contains(QRegularExpression("\"image_types\": \\[\\s*\"Original\",\\s*\"LoG\"\\s*\\]")),
             qPrintable(json));
}

// pyradiomics' deprecated features with a value, only when named, in pyradiomics' order: from
// pyradiomics' own brain1 MeshVolume and SurfaceArea (notebook) and Variance (baseline).
void RadiomicsCli::deprecatedFeaturesWhenNamed() {
    const QString params = dir_.filePath("deprecated.yaml");
    std::ofstream(params.toStdString()) << "featureClass:\n"
                                           "  shape: [SurfaceArea, SphericalDisproportion, MeshVolume, Compactness2,"
                                           " Compactness1]\n"
                                           "  firstorder: [Variance, StandardDeviation, Skewness]\n";
    const QString out = dir_.filePath("deprecated.csv");
    const ProcessRun run =
        runDrs({"extract", "--image", image("brain1"), "--mask", mask("brain1"), "--params", params, "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    QCOMPARE(table.header,
             (std::vector<std::string>{"id", "original_shape_Compactness1", "original_shape_Compactness2",
                                       "original_shape_MeshVolume", "original_shape_SphericalDisproportion",
                                       "original_shape_SurfaceArea", "original_firstorder_Skewness",
                                       "original_firstorder_StandardDeviation", "original_firstorder_Variance"}));
    const double v = notebookValues().at("original_shape_MeshVolume"),
                 a = notebookValues().at("original_shape_SurfaceArea");
    const CsvTable baseline = readCsv(testData("pyradiomics/baseline/baseline_firstorder.csv"));
    double variance = 0;
    for (const auto& row : baseline.rows)
        if (row[0] == "original_firstorder_Variance") variance = std::stod(row[baseline.column("brain1")]);
    const auto value = [&](const std::string& name) { return parseDouble(table.rows[0][table.column(name)], name); };
    QStringList failures;
    check(failures, "Compactness1", value("original_shape_Compactness1"), v / (std::pow(a, 1.5) * std::sqrt(M_PI)));
    check(failures, "Compactness2", value("original_shape_Compactness2"), 36 * M_PI * v * v / (a * a * a));
    check(failures, "SphericalDisproportion", value("original_shape_SphericalDisproportion"),
          a / std::cbrt(36 * M_PI * v * v));
    check(failures, "StandardDeviation", value("original_firstorder_StandardDeviation"), std::sqrt(variance));
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));

    // A class asked for whole leaves them out, as pyradiomics does.
    std::ofstream(params.toStdString()) << "featureClass:\n  shape:\n";
    QCOMPARE(runDrs({"extract", "--image", image("brain1"), "--mask", mask("brain1"), "--params", params, "--out", out})
                 .exitCode,
             0);
    QCOMPARE(readCsv(out.toStdString()).header.size(), std::size_t(1 + 14));
}

// pyradiomics' --setting KEY:VALUE: binCount 8 and distances [1, 2] given on the command line give
// pyradiomics' own values for those settings (edge_rois/expected.csv, the "holes" ROI); the bad forms
// are named.
void RadiomicsCli::settingOverrides() {
    const QString out = dir_.filePath("overrides.csv");
    const ProcessRun run =
        runDrs({"extract", "--image", QString::fromStdString(testData("pyradiomics/edge_rois/image.nrrd")), "--mask",
                QString::fromStdString(testData("pyradiomics/edge_rois/holes.nrrd")), "--setting", "binCount:8",
                "--setting", "distances:1,2", "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    const CsvTable expected = readCsv(testData("pyradiomics/edge_rois/expected.csv"));
    QStringList failures;
    int compared = 0;
    for (const auto& row : expected.rows) {
        if (row[0] != "holes" || row[1] != "d12_bincount8") continue;
        check(failures, row[2], parseDouble(table.rows[0][table.column(row[2])], row[2]), std::stod(row[3]), 1e-6,
              1e-9);
        ++compared;
    }
    QCOMPARE(compared, 107);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 10).join("\n")));

    for (const auto& [setting, says] :
         std::vector<std::pair<QString, QString>>{{"binwidth:10", "parameter 'binwidth' is unknown"},
                                                  {"binWidth", "must be KEY:VALUE"},
                                                  {"binWidth:-1", "'binWidth' must be a positive number"},
                                                  {"distances:1,x", "distances"},
                                                  {"kernelRadius:0", "'voxelSetting.kernelRadius' must be in 1..10"}}) {
        const ProcessRun refused =
            runDrs({"extract", "--image", image("breast1"), "--mask", mask("breast1"), "--setting", setting});
        QVERIFY2(refused.exitCode != 0 && refused.err.contains(says), qPrintable(setting + ": " + refused.err));
    }
}

// additionalInfo: pyradiomics' diagnostics after id, before the features, on an image whose values
// are their voxel index, so every diagnostic is known by hand. The ROI: a 2x2x2 cube at (1, 1, 1),
// a voxel touching its corner at (3, 3, 3) (one piece with it, as SimpleITK's fully connected
// components count) and a voxel apart at (5, 0, 0); resegmentRange 30..70 keeps six cube voxels.
void RadiomicsCli::diagnosticsColumns() {
    Geometry grid;
    grid.sizeXyz = {6, 5, 4};
    grid.spacingMm = {0.5, 0.75, 2.0};
    grid.originMm = {10, 20, 30};
    Volume volume(grid);
    for (std::size_t i = 0; i < volume.voxels.size(); ++i) volume.voxels[i] = static_cast<float>(i);
    LabelMap labels(grid, 0);
    for (int z = 1; z <= 2; ++z)
        for (int y = 1; y <= 2; ++y)
            for (int x = 1; x <= 2; ++x) labels.at(x, y, z) = 1;
    labels.at(3, 3, 3) = 1;
    labels.at(5, 0, 0) = 1;
    const QString imagePath = dir_.filePath("index.nrrd"), maskPath = dir_.filePath("index_mask.nrrd");
    writeVolume(volume, imagePath.toStdString());
    writeLabelMap(labels, maskPath.toStdString());
    const QString out = dir_.filePath("diagnostics.csv");
    const ProcessRun run = runDrs({"extract", "--image", imagePath, "--mask", maskPath, "--setting",
                                   "additionalInfo:true", "--setting", "resegmentRange:30,70", "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    const auto value = [&](const std::string& name) { return table.rows[0][table.column(name)]; };
    QCOMPARE(table.header[1], std::string("diagnostics_Versions_DeepRadScore"));
    const std::size_t firstFeature = table.column("original_shape_Elongation");
    for (std::size_t c = 1; c < firstFeature; ++c) QVERIFY(table.header[c].rfind("diagnostics_", 0) == 0);
    QCOMPARE(value("diagnostics_Image-original_Size"), std::string("(6, 5, 4)"));
    QCOMPARE(value("diagnostics_Image-original_Spacing"), std::string("(0.5, 0.75, 2)"));
    QCOMPARE(value("diagnostics_Image-original_Mean"), std::string("59.5"));  // 0..119
    QCOMPARE(value("diagnostics_Image-original_Maximum"), std::string("119"));
    QCOMPARE(value("diagnostics_Mask-original_BoundingBox"), std::string("(1, 0, 0, 5, 4, 4)"));
    QCOMPARE(value("diagnostics_Mask-original_VoxelNum"), std::string("10"));
    QCOMPARE(value("diagnostics_Mask-original_VolumeNum"), std::string("2"));
    // Index sums x 12 + 3 + 5, y 12 + 3 + 0, z 12 + 3 + 0 over 10 voxels.
    QCOMPARE(value("diagnostics_Mask-original_CenterOfMassIndex"), std::string("(2, 1.5, 1.5)"));
    QCOMPARE(value("diagnostics_Mask-original_CenterOfMass"), std::string("(11, 21.125, 33)"));
    // Cube values (z * 5 + y) * 6 + x: 37 38 43 44 67 68 73 74, the last two above 70.
    QCOMPARE(value("diagnostics_Mask-resegmented_BoundingBox"), std::string("(1, 1, 1, 2, 2, 2)"));
    QCOMPARE(value("diagnostics_Mask-resegmented_VoxelNum"), std::string("6"));
    QCOMPARE(value("diagnostics_Mask-resegmented_VolumeNum"), std::string("1"));
    QCOMPARE(value("diagnostics_Mask-resegmented_Mean"), std::string("49.5"));
    QCOMPARE(value("diagnostics_Mask-resegmented_Minimum"), std::string("37"));
    QVERIFY(!table.hasColumn("diagnostics_Mask-interpolated_VoxelNum"));

    const ProcessRun refused =
        runDrs({"extract", "--image", imagePath, "--mask", maskPath, "--setting", "additionalInfo:yes"});
    QVERIFY2(refused.exitCode != 0 && refused.err.contains("'additionalInfo' must be true or false"),
             qPrintable(refused.err));
}

// IBSI's GLDZM and intensity histogram, which pyradiomics lacks, are computed when the parameter
// file names them: their columns in class order (gldzm after gldm, intensityhistogram after
// glszm), on the IBSI-1 digital phantom IBSI's 3D reference values, the settings in the provenance
// saying they were asked for; the study pipeline and voxel maps refuse them.
void RadiomicsCli::ibsiClassesWhenAskedFor() {
    const QString phantom = QString::fromStdString(testData("ibsi1_digital_phantom/phantom.nii.gz"));
    const QString phantomMask = QString::fromStdString(testData("ibsi1_digital_phantom/mask.nii.gz"));
    const QString params = dir_.filePath("gldzm.yaml");
    std::ofstream(params.toStdString()) << "setting:\n  binWidth: 1\nfeatureClass:\n  gldm: [DependenceEntropy]\n"
                                           "  gldzm:\n  glrlm: [RunEntropy]\n"
                                           "  intensityhistogram: [Mean, MaximumHistogramGradient, ExcessKurtosis]\n"
                                           "  intensityvolumehistogram: [VolumeAtIntensityFraction10, "
                                           "IntensityAtVolumeFraction10]\n  localintensity:\n"
                                           "  intensitystatistics: [MedianAbsoluteDeviation]\n"
                                           "  morphology: [MoransI, IntegratedIntensity]\n  ngldm:\n";
    const QString out = dir_.filePath("gldzm.csv");
    const ProcessRun run =
        runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params, "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const CsvTable table = readCsv(out.toStdString());
    const std::vector<std::string> gldzmNames = {"GrayLevelNonUniformity",
                                                 "GrayLevelNonUniformityNormalized",
                                                 "GrayLevelVariance",
                                                 "HighGrayLevelZoneEmphasis",
                                                 "LargeDistanceEmphasis",
                                                 "LargeDistanceHighGrayLevelEmphasis",
                                                 "LargeDistanceLowGrayLevelEmphasis",
                                                 "LowGrayLevelZoneEmphasis",
                                                 "SmallDistanceEmphasis",
                                                 "SmallDistanceHighGrayLevelEmphasis",
                                                 "SmallDistanceLowGrayLevelEmphasis",
                                                 "ZoneDistanceEntropy",
                                                 "ZoneDistanceNonUniformity",
                                                 "ZoneDistanceNonUniformityNormalized",
                                                 "ZoneDistanceVariance",
                                                 "ZonePercentage"};
    std::vector<std::string> expected{"id", "original_morphology_IntegratedIntensity", "original_morphology_MoransI",
                                      "original_gldm_DependenceEntropy"};
    for (const std::string& name : gldzmNames) expected.push_back("original_gldzm_" + name);
    expected.push_back("original_glrlm_RunEntropy");
    for (const char* name : {"ExcessKurtosis", "MaximumHistogramGradient", "Mean"})
        expected.push_back(std::string("original_intensityhistogram_") + name);
    expected.push_back("original_intensitystatistics_MedianAbsoluteDeviation");
    for (const char* name : {"IntensityAtVolumeFraction10", "VolumeAtIntensityFraction10"})
        expected.push_back(std::string("original_intensityvolumehistogram_") + name);
    for (const char* name : {"GlobalIntensityPeak", "LocalIntensityPeak"})
        expected.push_back(std::string("original_localintensity_") + name);
    for (const char* name : {"DependenceCountEnergy", "DependenceCountPercentage", "GrayLevelNonUniformityNormalized"})
        expected.push_back(std::string("original_ngldm_") + name);
    QCOMPARE(table.header, expected);
    // IBSI-1 digital phantom, GLDZM 3D (Zwanenburg et al. 2020), exact to three significant digits.
    const std::map<std::string, double> ibsi = {
        {"SmallDistanceEmphasis", 1},        {"LargeDistanceEmphasis", 1},    {"LowGrayLevelZoneEmphasis", 0.253},
        {"HighGrayLevelZoneEmphasis", 15.6}, {"GrayLevelNonUniformity", 1.4}, {"ZoneDistanceNonUniformity", 5},
        {"ZonePercentage", 0.0676},          {"GrayLevelVariance", 2.64},     {"ZoneDistanceVariance", 0},
        {"ZoneDistanceEntropy", 1.92}};
    for (const auto& [name, value] : ibsi) {
        const double got = parseDouble(table.rows[0][table.column("original_gldzm_" + name)], name);
        QVERIFY2(std::abs(got - value) <= 0.005 * std::max(1.0, std::abs(value)),
                 qPrintable(QString("%1: %2, IBSI %3").arg(QString::fromStdString(name)).arg(got).arg(value)));
    }
    std::ifstream sidecar(out.toStdString() + ".provenance.json");
    const std::string json((std::istreambuf_iterator<char>(sidecar)), std::istreambuf_iterator<char>());
    QVERIFY2(json.find("\"gldzm\": true") != std::string::npos, json.c_str());

    ProcessRun refused = runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params, "--mode",
                                 "voxel", "--out-dir", dir_.filePath("gldzm-maps")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(params + ": featureClass.gldzm has no voxel-based maps"), qPrintable(refused.err));
    std::ofstream(params.toStdString()) << "featureClass:\n  gldzm: [SmallZoneEmphasis]\n";
    refused = runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(params + ": parameter 'featureClass.gldzm' has no feature 'SmallZoneEmphasis'"),
             qPrintable(refused.err));
    // IBSI-1 digital phantom, intensity histogram (ih_mean, ih_kurt, ih_max_grad).
    for (const auto& [name, value] :
         std::map<std::string, double>{{"Mean", 2.15}, {"ExcessKurtosis", -0.355}, {"MaximumHistogramGradient", 8}}) {
        const double got = parseDouble(table.rows[0][table.column("original_intensityhistogram_" + name)], name);
        QVERIFY2(std::abs(got - value) <= 0.005 * std::max(1.0, std::abs(value)),
                 qPrintable(QString("%1: %2, IBSI %3").arg(QString::fromStdString(name)).arg(got).arg(value)));
    }
    QVERIFY2(json.find("\"intensityhistogram\": true") != std::string::npos, json.c_str());
    // ... and intensity-volume histogram, the intensities as they are (ivh_i10, ivh_v10).
    QCOMPARE(parseDouble(table.rows[0][table.column("original_intensityvolumehistogram_IntensityAtVolumeFraction10")],
                         "I10"),
             5.0);
    QCOMPARE(
        std::round(
            1000 *
            parseDouble(table.rows[0][table.column("original_intensityvolumehistogram_VolumeAtIntensityFraction10")],
                        "V10")),
        324.0);
    // ... and local intensity (loc_peak_glob 3.1, loc_peak_loc 2.6).
    QCOMPARE(std::round(100 * parseDouble(table.rows[0][table.column("original_localintensity_GlobalIntensityPeak")],
                                          "global")),
             310.0);
    QCOMPARE(std::round(
                 100 * parseDouble(table.rows[0][table.column("original_localintensity_LocalIntensityPeak")], "local")),
             260.0);
    // ... and the statistics, morphology and NGLDM features that pyradiomics lacks (stat_medad 1.15,
    // morph_moran_i 0.0397, morph_integ_int 1200 +- 10, ngl_dc_energy_3D 0.0533, ngl_dc_perc_3D 1).
    for (const auto& [name, value, tolerance] : std::vector<std::tuple<std::string, double, double>>{
             {"intensitystatistics_MedianAbsoluteDeviation", 1.15, 0.005},
             {"morphology_MoransI", 0.0397, 0.00005},
             {"morphology_IntegratedIntensity", 1200, 10},
             {"ngldm_DependenceCountEnergy", 0.0533, 0.00005},
             {"ngldm_DependenceCountPercentage", 1, 0}}) {
        const double got = parseDouble(table.rows[0][table.column("original_" + name)], name);
        QVERIFY2(std::abs(got - value) <= tolerance,
                 qPrintable(QString("%1: %2, IBSI %3").arg(QString::fromStdString(name)).arg(got).arg(value)));
    }
    // IBSI's 2D aggregation (per slice): cm_contrast_2D_avg 5.28 and szm_sze_2D 0.363, where force2D
    // alone gives the 2.5D values (cm_contrast_2_5D_avg 5.39, szm_sze_2_5D 0.368).
    const QString perSlice = dir_.filePath("per-slice.csv");
    for (const bool bySlice : {false, true}) {
        std::ofstream(params.toStdString())
            << "setting:\n  binWidth: 1\n  force2D: true\n  force2DPerSlice: " << (bySlice ? "true" : "false")
            << "\nfeatureClass:\n  glcm: [Contrast]\n  glszm: [SmallAreaEmphasis]\n";
        QCOMPARE(runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params, "--out", perSlice})
                     .exitCode,
                 0);
        const CsvTable slices = readCsv(perSlice.toStdString());
        QCOMPARE(std::round(100 * parseDouble(slices.rows[0][slices.column("original_glcm_Contrast")], "contrast")),
                 bySlice ? 528.0 : 539.0);
        QCOMPARE(std::round(1000 * parseDouble(slices.rows[0][slices.column("original_glszm_SmallAreaEmphasis")],
                                               "small zones")),
                 bySlice ? 363.0 : 368.0);
    }
    std::ifstream perSliceProvenance(perSlice.toStdString() + ".provenance.json");
    QVERIFY(std::string((std::istreambuf_iterator<char>(perSliceProvenance)), std::istreambuf_iterator<char>())
                .find("\"force2DPerSlice\": true") != std::string::npos);
    std::ofstream(params.toStdString()) << "setting:\n  force2DPerSlice: true\n";
    refused = runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("force2DPerSlice' needs force2D: true"), qPrintable(refused.err));
    std::ofstream(params.toStdString()) << "setting:\n  force2D: true\n  force2DPerSlice: true\n";
    refused = runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params, "--mode", "voxel",
                      "--out-dir", dir_.filePath("per-slice-maps")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("force2DPerSlice has no voxel-based maps"), qPrintable(refused.err));
    std::ofstream(params.toStdString())
        << "setting:\n  resampledPixelSpacing: [1, 1, 1]\n  padDistance: 2\nfeatureClass:\n  localintensity:\n";
    refused = runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("localintensity: the 1 cm^3 sphere reaches 6 voxels of 1 mm beyond the ROI, "
                                  "more than padDistance (2) keeps around it; set padDistance to at least 6"),
             qPrintable(refused.err));
    std::ofstream(params.toStdString())
        << "setting:\n  ivhBinWidth: 2.5\n  ivhBinCount: 100\nfeatureClass:\n  intensityvolumehistogram:\n";
    refused = runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(params + ": parameter 'ivhBinCount' and ivhBinWidth exclude each other"),
             qPrintable(refused.err));
    std::ofstream(params.toStdString()) << "featureClass:\n  intensityhistogram:\n";
    refused = runDrs({"extract", "--image", phantom, "--mask", phantomMask, "--params", params, "--mode", "voxel",
                      "--out-dir", dir_.filePath("histogram-maps")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(params + ": featureClass.intensityhistogram has no voxel-based maps"),
             qPrintable(refused.err));
    std::ofstream(params.toStdString()) << "featureClass:\n  gldzm:\n";
    const QString project = dir_.filePath("never-gldzm.sqlite");
    refused = runDrs({"train", "--project", project, "--radiomics-params", params});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(params + ": parameter 'featureClass.gldzm' is for drs extract"),
             qPrintable(refused.err));
    QVERIFY(!QFile::exists(project));
}

QTEST_GUILESS_MAIN(RadiomicsCli)
#include "test_radiomics_cli.moc"
