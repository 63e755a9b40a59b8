// Original-image features of every family against pyradiomics' own baseline tables (brain1, brain2,
// breast1; columns: plain, 2D, bin count, merged directions, flat region, sigma resegmentation).
// Values were produced by pyradiomics, not by this project (tests/data/radiomics/README.md).
#include <QtTest>
#include <map>
#include <set>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
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

}  // namespace

class RadiomicsBaseline : public QObject {
    Q_OBJECT
private slots:
    void originalFeatures_data();
    void originalFeatures();
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

QTEST_GUILESS_MAIN(RadiomicsBaseline)
#include "test_radiomics_baseline.moc"
