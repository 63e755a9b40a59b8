// Original-image features of every family against pyradiomics' own baseline tables (brain1, brain2,
// breast1; columns: plain, 2D, bin count, merged directions, flat region, sigma resegmentation).
// Values were produced by pyradiomics, not by this project (tests/data/radiomics/README.md).
#include <QtTest>
#include <algorithm>
#include <map>
#include <set>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/Diagnostics.h"
#include "core/radiomics/Extractor.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

const char* const kFamilies[] = {"firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm", "shape"};

std::vector<double> parseList(const std::string& text) {
    std::vector<double> out;
    std::string number;
    for (char c : text + ",") {
        if (c == '[' || c == ']' || c == ' ') continue;
        if (c == ',') {
            if (!number.empty()) out.push_back(std::stod(number));
            number.clear();
        } else {
            number += c;
        }
    }
    return out;
}

// The settings of one baseline column, from baseline_column_settings.csv (empty cell: default).
Settings columnSettings(const CsvTable& table, const std::vector<std::string>& row) {
    auto cell = [&](const char* name) { return row[table.column(name)]; };
    Settings s;
    if (!cell("binWidth").empty()) s.binWidth = std::stod(cell("binWidth"));
    if (!cell("binCount").empty()) s.binCount = std::stoi(cell("binCount"));
    if (!cell("voxelArrayShift").empty()) s.voxelArrayShift = std::stod(cell("voxelArrayShift"));
    if (!cell("gldm_a").empty()) s.gldmA = std::stod(cell("gldm_a"));
    if (!cell("label").empty()) s.label = static_cast<std::uint16_t>(std::stoi(cell("label")));
    if (!cell("distances").empty()) {
        s.distances.clear();
        for (double d : parseList(cell("distances"))) s.distances.push_back(static_cast<int>(d));
    }
    s.force2D = cell("force2D") == "True";
    s.normalize = cell("normalize") == "True";
    if (!cell("normalizeScale").empty()) s.normalizeScale = std::stod(cell("normalizeScale"));
    if (!cell("force2Ddimension").empty()) s.force2Ddimension = std::stoi(cell("force2Ddimension"));
    if (cell("resegmentRange") != "None" && !cell("resegmentRange").empty())
        s.resegmentRange = parseList(cell("resegmentRange"));
    if (cell("resegmentMode") == "sigma") s.resegmentMode = ResegmentMode::Sigma;
    if (cell("weightingNorm") == "no_weighting") s.weightingNorm = WeightingNorm::NoWeighting;
    s.minimumROIDimensions = 1;
    return s;
}

bool supported(const CsvTable& table, const std::vector<std::string>& row) {
    const std::string testCase = row[table.column("case")];
    if (testCase != "brain1" && testCase != "brain2" && testCase != "breast1") return false;  // lung images absent
    const std::string spacing = row[table.column("resampledPixelSpacing")];
    return spacing.empty() || spacing == "None";  // resampling absent
}

// The numbers of a value as pyradiomics writes it: "4137" or a tuple "(162, 84, 11, 47, 70, 7)".
std::vector<double> numbersOf(const std::string& text) {
    std::string list = text;
    std::replace(list.begin(), list.end(), '(', '[');
    std::replace(list.begin(), list.end(), ')', ']');
    return parseList(list);
}

void checkNumbers(QStringList& failures, const std::string& name, const std::string& actual,
                  const std::vector<double>& expected) {
    const std::vector<double> got = numbersOf(actual);
    if (got.size() != expected.size()) {
        failures << QString::fromStdString(name + ": got '" + actual + "'");
        return;
    }
    for (std::size_t i = 0; i < got.size(); ++i) check(failures, name, got[i], expected[i], 1e-9, 1e-9);
}

}  // namespace

class RadiomicsBaseline : public QObject {
    Q_OBJECT
private slots:
    void originalFeatures_data();
    void originalFeatures();
    void diagnostics_data();
    void diagnostics();
};

void RadiomicsBaseline::originalFeatures_data() {
    QTest::addColumn<QString>("column");
    const CsvTable settings = readCsv(testData("pyradiomics/baseline/baseline_column_settings.csv"));
    std::set<std::string> columns;
    for (const auto& row : settings.rows)
        if (supported(settings, row)) columns.insert(row[settings.column("column")]);
    QVERIFY(columns.size() >= 18);
    for (const std::string& c : columns) QTest::newRow(c.c_str()) << QString::fromStdString(c);
}

void RadiomicsBaseline::originalFeatures() {
    QFETCH(QString, column);
    const std::string columnName = column.toStdString();
    const CsvTable settingsTable = readCsv(testData("pyradiomics/baseline/baseline_column_settings.csv"));
    std::map<std::string, Settings> settingsByFile;
    std::string testCase;
    for (const auto& row : settingsTable.rows)
        if (row[settingsTable.column("column")] == columnName) {
            settingsByFile[row[settingsTable.column("file")]] = columnSettings(settingsTable, row);
            testCase = row[settingsTable.column("case")];
        }
    const Volume image = readVolume(testData("pyradiomics/" + testCase + "_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/" + testCase + "_label.nrrd"));

    // Notebook values replace the four stale brain1 mesh values (reference README, section 1).
    std::map<std::string, double> notebook;
    const CsvTable notebookTable = readCsv(testData("pyradiomics/brain1_notebook_values.csv"));
    for (const auto& row : notebookTable.rows)
        if (row[notebookTable.column("settings")] == "S")
            notebook[row[notebookTable.column("feature")]] = std::stod(row[notebookTable.column("value")]);

    QStringList failures;
    int compared = 0;
    for (const char* family : kFamilies) {
        const std::string file = std::string("baseline_") + family + ".csv";
        if (!settingsByFile.count(file)) continue;
        const Settings& s = settingsByFile[file];
        const auto values = byName(extractFeatures(image, mask, s.label, s, false));
        const CsvTable baseline = readCsv(testData("pyradiomics/baseline/" + file));
        const std::size_t col = baseline.column(columnName);
        for (const auto& row : baseline.rows) {
            const std::string name = row[0];
            if (name.rfind("original_", 0) != 0) continue;
            double expected = std::stod(row[col]);
            if (columnName == "brain1" && notebook.count(name)) expected = notebook[name];
            const auto found = values.find(name);
            if (found == values.end()) {
                failures << QString::fromStdString(name + ": not computed");
                continue;
            }
            check(failures, name, found->second, expected, 1e-6, 1e-9);
            ++compared;
        }
    }
    if (!failures.isEmpty())
        QFAIL(qPrintable(QString("%1 of %2 features differ:\n").arg(failures.size()).arg(compared) +
                         failures.join("\n")));
    qInfo("%d features compared", compared);
    QVERIFY(compared > 0);
}

void RadiomicsBaseline::diagnostics_data() {
    QTest::addColumn<QString>("column");
    const CsvTable settings = readCsv(testData("pyradiomics/baseline/baseline_column_settings.csv"));
    for (const auto& row : settings.rows) {
        const std::string testCase = row[settings.column("case")];
        if (row[settings.column("file")] == "baseline_firstorder.csv" &&
            (testCase == "brain1" || testCase == "brain2" || testCase == "breast1"))
            QTest::newRow(row[settings.column("column")].c_str())
                << QString::fromStdString(row[settings.column("column")]);
    }
}

// pyradiomics' diagnostics of the image and mask as read, from its baseline tables; after
// resampling and after resegmentation, where those tables predate the diagnostics, the ROI's
// voxel count, mean, minimum and maximum through the features pyradiomics computed on it
// (shape VoxelVolume over the voxel volume, firstorder Mean, Minimum and Maximum).
void RadiomicsBaseline::diagnostics() {
    QFETCH(QString, column);
    const std::string columnName = column.toStdString();
    const CsvTable settingsTable = readCsv(testData("pyradiomics/baseline/baseline_column_settings.csv"));
    Settings settings;
    std::string testCase;
    for (const auto& row : settingsTable.rows)
        if (row[settingsTable.column("column")] == columnName &&
            row[settingsTable.column("file")] == "baseline_firstorder.csv") {
            settings = columnSettings(settingsTable, row);
            const std::string spacing = row[settingsTable.column("resampledPixelSpacing")];
            if (!spacing.empty() && spacing != "None") {
                const std::vector<double> mm = parseList(spacing);
                settings.resampledPixelSpacing = std::array<double, 3>{mm[0], mm[1], mm[2]};
            }
            testCase = row[settingsTable.column("case")];
        }
    const Volume image = readVolume(testData("pyradiomics/" + testCase + "_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/" + testCase + "_label.nrrd"));
    std::map<std::string, std::string> got;
    for (const Diagnostic& d : caseDiagnostics(image, mask, settings, testCase)) got[d.name] = d.value;
    const auto baselineValue = [&](const std::string& family, const std::string& name) {
        const CsvTable table = readCsv(testData("pyradiomics/baseline/baseline_" + family + ".csv"));
        for (const auto& row : table.rows)
            if (row[0] == name) return row[table.column(columnName)];
        return std::string();
    };

    QStringList failures;
    int compared = 0;
    const auto compare = [&](const std::string& name, const std::vector<double>& expected) {
        if (!got.count(name)) {
            failures << QString::fromStdString(name + ": absent");
            return;
        }
        checkNumbers(failures, name, got[name], expected);
        ++compared;
    };
    for (const char* item :
         {"Image-original_Spacing", "Image-original_Size", "Image-original_Mean", "Image-original_Minimum",
          "Image-original_Maximum", "Mask-original_Spacing", "Mask-original_Size", "Mask-original_BoundingBox",
          "Mask-original_VoxelNum", "Mask-original_VolumeNum", "Mask-original_CenterOfMassIndex",
          "Mask-original_CenterOfMass"}) {
        const std::string name = std::string("diagnostics_") + item;
        const std::string expected = baselineValue("firstorder", name);
        if (!expected.empty()) compare(name, numbersOf(expected));  // the oldest columns lack a few
    }
    QCOMPARE(QString::fromStdString(got["diagnostics_Image-original_Dimensionality"]), QString("3D"));
    for (const char* hash : {"diagnostics_Image-original_Hash", "diagnostics_Mask-original_Hash"})
        if (const std::string expected = baselineValue("firstorder", hash); !expected.empty()) {
            QCOMPARE(QString::fromStdString(got[hash]), QString::fromStdString(expected));
            ++compared;
        }

    const double mean = std::stod(baselineValue("firstorder", "original_firstorder_Mean"));
    const double minimum = std::stod(baselineValue("firstorder", "original_firstorder_Minimum"));
    const double maximum = std::stod(baselineValue("firstorder", "original_firstorder_Maximum"));
    if (settings.resampledPixelSpacing) {
        const auto& mm = *settings.resampledPixelSpacing;
        compare("diagnostics_Image-interpolated_Spacing", {mm[0], mm[1], mm[2]});
        compare("diagnostics_Mask-interpolated_VoxelNum",
                {std::stod(baselineValue("shape", "original_shape_VoxelVolume")) / (mm[0] * mm[1] * mm[2])});
        compare("diagnostics_Mask-interpolated_Mean", {mean});
        compare("diagnostics_Mask-interpolated_Minimum", {minimum});
        compare("diagnostics_Mask-interpolated_Maximum", {maximum});
    } else {
        QVERIFY(!got.count("diagnostics_Mask-interpolated_VoxelNum"));
    }
    if (!settings.resegmentRange.empty()) {
        compare("diagnostics_Mask-resegmented_Mean", {mean});
        compare("diagnostics_Mask-resegmented_Minimum", {minimum});
        compare("diagnostics_Mask-resegmented_Maximum", {maximum});
    } else {
        QVERIFY(!got.count("diagnostics_Mask-resegmented_VoxelNum"));
    }
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join("\n")));
    qInfo("%d diagnostics compared", compared);
    QVERIFY(compared >= 4);  // the oldest columns (pyradiomics 1.3) hold four
}

QTEST_GUILESS_MAIN(RadiomicsBaseline)
#include "test_radiomics_baseline.moc"
