// `drs extract` run as a process on brain1: column layout, values against pyradiomics' published
// numbers, batch mode, provenance and error handling.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "ReferenceCompare.h"
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
    const QString params = dir_.filePath("resample.json");
    {
        std::ofstream out(params.toStdString());
        out << R"({"setting": {"resampledPixelSpacing": [2, 2, 2], "interpolator": "sitkBSpline"}})";
    }
    const QString out = dir_.filePath("resampled.csv");
    ProcessRun run =
        runDrs({"extract", "--image", image("breast1"), "--mask", mask("breast1"), "--params", params, "--out", out});
    QCOMPARE(run.exitCode, 0);
    const CsvTable table = readCsv(out.toStdString());
    const CsvTable baseline = readCsv(testData("pyradiomics/baseline/baseline_glcm.csv"));
    QStringList failures;
    int compared = 0;
    for (const auto& row : baseline.rows)
        if (row[0].rfind("original_glcm_", 0) == 0 && table.hasColumn(row[0])) {
            check(failures, row[0], parseDouble(table.rows[0][table.column(row[0])], row[0]),
                  std::stod(row[baseline.column("breast1_resampling")]), 1e-6, 1e-9);
            ++compared;
        }
    QCOMPARE(compared, 24);
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));

    {
        std::ofstream file(params.toStdString());
        file << R"({"setting": {"resampledPixelSpacing": [40, 40, 40]}})";
    }
    const QString lost = dir_.filePath("lost.csv");
    run =
        runDrs({"extract", "--image", image("breast1"), "--mask", mask("breast1"), "--params", params, "--out", lost});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("breast1_label.nrrd: label 1 vanishes when the mask is resampled to 40 x 40 x"),
             qPrintable(run.err));
    QVERIFY(!QFile::exists(lost));
    QVERIFY(!QFile::exists(lost + ".provenance.json"));
}

QTEST_GUILESS_MAIN(RadiomicsCli)
#include "test_radiomics_cli.moc"
