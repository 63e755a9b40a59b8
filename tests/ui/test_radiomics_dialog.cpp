// ROI > Radiomics features on pyradiomics' brain1 case opened in the main window (offscreen): the
// table shows pyradiomics' notebook values under pyradiomics' names, the filter narrows it, and
// Save as CSV writes the row drs extract writes. The wavelet action adds the 8 decompositions; a
// pyradiomics parameter file brings its own settings, image types and feature classes.
// The filtered table is the README's picture docs/screenshots/radiomics-features.png.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>

#include "core/radiomics/Settings.h"
#include "core/radiomics/VoxelMaps.h"
#include "core/util/Csv.h"
#include "ui/MainWindow.h"
#include "ui/Preferences.h"
#include "ui/RadiomicsDialog.h"
#include "ui/RoiTools.h"

using namespace drs;
using namespace drs::ui;

namespace {

QString testData(const QString& relative) { return QStringLiteral(DRS_TEST_DATA "/radiomics/") + relative; }

std::map<std::string, double> notebookValues() {
    std::map<std::string, double> out;
    const CsvTable table = readCsv(testData("pyradiomics/brain1_notebook_values.csv").toStdString());
    for (const auto& row : table.rows) out[row[table.column("feature")]] = std::stod(row[table.column("value")]);
    return out;
}

std::map<std::string, double> shownValues(const QTableWidget& table) {
    std::map<std::string, double> values;
    for (int row = 0; row < table.rowCount(); ++row)
        values[table.item(row, 0)->text().toStdString()] = table.item(row, 1)->text().toDouble();
    return values;
}

// How many of pyradiomics' notebook values whose names start with prefix the table shows, within
// the tolerance test_radiomics_cli uses for them; fails the test on a missing or different one.
int comparedWithNotebook(const std::map<std::string, double>& shown, const std::string& prefix) {
    int compared = 0;
    for (const auto& [name, expected] : notebookValues()) {
        if (name.rfind(prefix, 0) != 0) continue;
        const auto value = shown.find(name);
        if (value == shown.end() || std::abs(value->second - expected) > 1e-6 * std::abs(expected) + 3e-6) {
            qWarning("%s: %.17g against pyradiomics' %.17g", name.c_str(),
                     value == shown.end() ? std::nan("") : value->second, expected);
            return -1;
        }
        ++compared;
    }
    return compared;
}

// pyradiomics' brain1 case in the window, shown, with this bin width in the Preferences.
// Opens pyradiomics' test case `name` (brain1, brain2, ...) with its label 1.
void openCase(MainWindow& window, const QString& name, double binWidthHu) {
    Preferences preferences = window.preferences();
    preferences.binWidthHu = binWidthHu;
    window.setPreferences(preferences);
    window.show();
    QSignalSpy regions(&window, &MainWindow::regionsShown);
    window.openStudy(testData("pyradiomics/" + name + "_image.nrrd"), testData("pyradiomics/" + name + "_label.nrrd"),
                     1);
    QVERIFY(regions.wait(60000));
    QTRY_VERIFY(!window.isBusy());
}

void openBrain1(MainWindow& window, double binWidthHu) { openCase(window, QStringLiteral("brain1"), binWidthHu); }

// How many of pyradiomics' own voxel values of `feature` in configuration `config` of the fixture
// the map holds (within 1e-6 relative); fails the test on a different one.
int comparedWithFixtureMap(const radiomics::FeatureMap& map, const std::string& config, const std::string& feature) {
    const CsvTable expected = readCsv(testData("pyradiomics/voxel/expected_maps.csv").toStdString());
    std::array<std::int64_t, 3> start{};
    int compared = 0;
    for (const auto& row : expected.rows) {
        if (row[0] != config) continue;
        const std::array<std::int64_t, 3> xyz{std::stoll(row[1]), std::stoll(row[2]), std::stoll(row[3])};
        if (row[4] == "crop") {
            start = xyz;
        } else if (row[4] == feature) {
            const double value = map.values.at(xyz[0] - start[0], xyz[1] - start[1], xyz[2] - start[2]);
            const double reference = std::stod(row[5]);
            if (std::abs(value - reference) > 1e-6 * std::abs(reference) + 1e-9) {
                qWarning("%s at %s: %.17g against pyradiomics' %.17g", feature.c_str(), row[1].c_str(), value,
                         reference);
                return -1;
            }
            ++compared;
        }
    }
    return compared;
}

// dir/name holding text (a parameter file); empty when it cannot be written.
QString writtenFile(const QTemporaryDir& dir, const QString& name, const char* text) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) < 0) return {};
    return path;
}

int visibleRows(const QTableWidget& table) {
    int visible = 0;
    for (int row = 0; row < table.rowCount(); ++row) visible += !table.isRowHidden(row);
    return visible;
}

}  // namespace

class TestRadiomicsDialog : public QObject {
    Q_OBJECT
private slots:
    // The window saves its Preferences: into a scratch folder, never the user's own settings.
    void initTestCase() {
        QVERIFY(config_.isValid());
        qputenv("XDG_CONFIG_HOME", config_.path().toUtf8());
    }

    void showsPyradiomicsValuesAndSavesThem() {
        MainWindow window;
        openBrain1(window, 25);  // pyradiomics' default bin width, which its notebook values used
        if (QTest::currentTestFailed()) return;
        Preferences preferences = window.preferences();

        QSignalSpy shown(window.roiTools(), &RoiTools::radiomicsShown);
        window.roiTools()->computeRadiomics(false);
        QVERIFY(shown.wait(60000));
        auto* dialog = shown.first().first().value<RadiomicsDialog*>();
        QVERIFY(dialog);
        const QTableWidget& table = *dialog->table();
        QCOMPARE(table.rowCount(), 107);
        const std::map<std::string, double> values = shownValues(table);
        QCOMPARE(comparedWithNotebook(values, "original_"), 17);

        dialog->filterEdit()->setText(QStringLiteral("glcm"));
        QCOMPARE(visibleRows(table), 24);
        QTest::qWait(200);
        const QString screenshots = QStringLiteral(DRS_TEST_DATA "/../../docs/screenshots");
        QVERIFY(dialog->grab().save(screenshots + "/radiomics-features.png", "PNG"));
        dialog->filterEdit()->clear();
        QCOMPARE(visibleRows(table), 107);

        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("brain1.csv"));
        dialog->saveCsv(csv);
        const CsvTable saved = readCsv(csv.toStdString());
        QCOMPARE(saved.header.size(), std::size_t(108));
        QCOMPARE(saved.header[0], std::string("id"));
        QCOMPARE(saved.rows.size(), std::size_t(1));
        QCOMPARE(saved.rows[0][0], std::string("brain1_image"));
        for (std::size_t i = 1; i < saved.header.size(); ++i)
            QCOMPARE(parseDouble(saved.rows[0][i], saved.header[i]), values.at(saved.header[i]));

        // Another bin width in the Preferences: the window computes with it and says so; the
        // first-order statistics that do not bin stay, the binned ones move.
        preferences.binWidthHu = 10;
        window.setPreferences(preferences);
        QSignalSpy finer(window.roiTools(), &RoiTools::radiomicsShown);
        window.roiTools()->computeRadiomics(false);
        QVERIFY(finer.wait(60000));
        auto* finerDialog = finer.first().first().value<RadiomicsDialog*>();
        QVERIFY(finerDialog->findChild<QLabel*>()->text().contains(QStringLiteral("bin width 10 HU")));
        const std::map<std::string, double> finerValues = shownValues(*finerDialog->table());
        QCOMPARE(finerValues.at("original_firstorder_Mean"), values.at("original_firstorder_Mean"));
        QVERIFY(finerValues.at("original_firstorder_Entropy") > values.at("original_firstorder_Entropy"));
        preferences.binWidthHu = 25;
        window.setPreferences(preferences);

        QSignalSpy withWavelet(window.roiTools(), &RoiTools::radiomicsShown);
        window.roiTools()->computeRadiomics(true);
        QVERIFY(withWavelet.wait(120000));
        const QTableWidget& all = *withWavelet.first().first().value<RadiomicsDialog*>()->table();
        QCOMPARE(all.rowCount(), 851);
        QCOMPARE(all.item(850, 0)->text(), QStringLiteral("wavelet-LLL_ngtdm_Strength"));
        QCOMPARE(comparedWithNotebook(shownValues(all), ""), 161);
    }

    // ROI > Radiomics features with a parameter file: the file's settings, image types and feature
    // classes, as drs extract --params computes them (pyradiomics' printed LoG and first-order
    // values), whatever label it names and whatever bin width the Preferences hold; a file that
    // cannot be used is reported, naming it, and nothing runs.
    // ROI > Feature map...: pyradiomics' own JointEntropy map of brain1 (voxel/expected_maps.csv,
    // configuration r1: kernel radius 1, bin width 25) shown over the slices, its value under the
    // cursor, its colour scale; gone with Hide and after an edit.
    void featureMapOverSlices() {
        MainWindow window;
        openBrain1(window, 25);
        if (QTest::currentTestFailed()) return;
        QSignalSpy shown(window.roiTools(), &RoiTools::featureMapShown);
        window.roiTools()->computeFeatureMap(QStringLiteral("original_glcm_JointEntropy"), 1);
        QVERIFY(shown.wait(60000));
        const auto map = window.featureMap();
        QVERIFY(map && window.featureMapOverlay());
        QCOMPARE(map->name, std::string("original_glcm_JointEntropy"));
        const auto& heat = *window.featureMapOverlay();
        const CsvTable expected = readCsv(testData("pyradiomics/voxel/expected_maps.csv").toStdString());
        std::array<std::int64_t, 3> start{};
        int compared = 0;
        for (const auto& row : expected.rows) {
            if (row[0] != "r1") continue;
            const std::array<std::int64_t, 3> xyz{std::stoll(row[1]), std::stoll(row[2]), std::stoll(row[3])};
            if (row[4] == "crop") {
                start = xyz;
                QCOMPARE(heat.startXyz, start);
            } else if (row[4] == "original_glcm_JointEntropy") {
                const double value = map->values.at(xyz[0] - start[0], xyz[1] - start[1], xyz[2] - start[2]);
                const double reference = std::stod(row[5]);
                QVERIFY2(std::abs(value - reference) <= 1e-6 * std::abs(reference), row[5].c_str());
                const auto index = static_cast<std::uint16_t>(
                    std::clamp(1.0 + std::floor((value - heat.low) / (heat.high - heat.low) * 256), 1.0, 256.0));
                QCOMPARE(heat.colourIndex->at(xyz[0], xyz[1], xyz[2]), index);
                ++compared;
            }
        }
        QCOMPARE(compared, 40);
        QVERIFY(window.featureMapLegend()->toolTip().contains(QStringLiteral("original_glcm_JointEntropy")));
        const std::array<std::int64_t, 3> hovered{197, 137, 11};  // an ROI voxel of the fixture
        emit window.sliceView(viewers::SliceOrientation::Axial)->voxelHovered(hovered, 0.0f);
        const double there = map->values.at(hovered[0] - start[0], hovered[1] - start[1], hovered[2] - start[2]);
        QVERIFY2(window.voxelStatus().contains(QStringLiteral("original_glcm_JointEntropy %1").arg(there, 0, 'g', 6)),
                 qPrintable(window.voxelStatus()));

        window.hideFeatureMap();
        QVERIFY(!window.featureMap() && !window.featureMapOverlay());
        window.roiTools()->computeFeatureMap(QStringLiteral("original_firstorder_Mean"), 2);
        QVERIFY(shown.wait(60000));
        QVERIFY(window.featureMap());
        emit window.roiTools()->maskChanged();  // an edit: the map no longer describes the outline
        QVERIFY(!window.featureMap());
    }

    // A wavelet feature's map (the features a RadScore is made of), against pyradiomics' own
    // voxel-based map of brain2's wavelet-LLH image (configuration r1_wavelet of the fixture).
    void waveletFeatureMap() {
        MainWindow window;
        openCase(window, QStringLiteral("brain2"), 25);
        if (QTest::currentTestFailed()) return;
        QSignalSpy shown(window.roiTools(), &RoiTools::featureMapShown);
        window.roiTools()->computeFeatureMap(QStringLiteral("wavelet-LLH_firstorder_Mean"), 1);
        QVERIFY(shown.wait(60000));
        const auto map = window.featureMap();
        QVERIFY(map);
        QCOMPARE(map->name, std::string("wavelet-LLH_firstorder_Mean"));
        QCOMPARE(comparedWithFixtureMap(*map, "r1_wavelet", "wavelet-LLH_firstorder_Mean"), 10);
    }

    // ROI > Feature map with a parameter file...: the file's image types (here Square) and
    // voxelSetting (kernels over the whole padded box), against pyradiomics' own voxel-based map
    // of breast1's square image (configuration r1_square_unmasked of the fixture).
    void parameterFileFeatureMap() {
        MainWindow window;
        openCase(window, QStringLiteral("breast1"), 10);  // the file's 25 wins
        if (QTest::currentTestFailed()) return;
        QTemporaryDir dir;
        const QString path = writtenFile(dir, QStringLiteral("square.yaml"),
                                         "imageType:\n  Original: {}\n  Square: {}\nsetting:\n  binWidth: 25\n"
                                         "voxelSetting:\n  kernelRadius: 1\n  maskedKernel: false\n  initValue: 0\n");
        QVERIFY(!path.isEmpty());
        const radiomics::ParameterFile parameters = radiomics::readParameterFile(path.toStdString());
        // What the dialog offers: the 93 first-order and texture features of each of the two images.
        const std::vector<std::string> offered = radiomics::voxelMapNames(parameters.settings, false);
        QCOMPARE(offered.size(), std::size_t(2 * 93));
        QCOMPARE(offered[93], std::string("square_firstorder_10Percentile"));
        QSignalSpy shown(window.roiTools(), &RoiTools::featureMapShown);
        window.roiTools()->computeFeatureMap(QStringLiteral("square_firstorder_Entropy"), 1, parameters);
        QVERIFY(shown.wait(60000));
        const auto map = window.featureMap();
        QVERIFY(map);
        QCOMPARE(map->name, std::string("square_firstorder_Entropy"));
        QCOMPARE(comparedWithFixtureMap(*map, "r1_square_unmasked", "square_firstorder_Entropy"), 20);
        // Outside the ROI (the padded box's corner) the map stays empty: the file's initValue 0 would
        // colour it.
        QVERIFY(std::isnan(map->values.voxels.front()));
    }

    void parameterFileChoosesSettingsAndRows() {
        MainWindow window;
        openBrain1(window, 10);  // the file's 25 wins
        if (QTest::currentTestFailed()) return;

        QTemporaryDir dir;
        const QString parameters = writtenFile(dir, QStringLiteral("log.yaml"),
                                               "imageType:\n  Original: {}\n  LoG: {sigma: [1.0, 3.0, 5.0]}\n"
                                               "featureClass:\n  firstorder:\nsetting:\n  binWidth: 25\n  label: 7\n");
        QVERIFY(!parameters.isEmpty());
        QSignalSpy shown(window.roiTools(), &RoiTools::radiomicsShown);
        window.roiTools()->computeRadiomicsWithParameters(parameters);
        QVERIFY(shown.wait(60000));
        auto* dialog = shown.first().first().value<RadiomicsDialog*>();
        const QString description = dialog->findChild<QLabel*>()->text();
        QVERIFY2(description.contains(QDir::toNativeSeparators(parameters)) &&
                     description.contains(QStringLiteral("Original, LoG")),
                 qPrintable(description));
        QCOMPARE(dialog->table()->rowCount(), 4 * 18);
        const std::map<std::string, double> values = shownValues(*dialog->table());
        QCOMPARE(comparedWithNotebook(values, "original_firstorder_"), 3);  // Energy, TotalEnergy, RootMeanSquared
        const CsvTable log = readCsv(testData("pyradiomics/brain1_log_notebook_values.csv").toStdString());
        for (const auto& row : log.rows) {
            const std::string name = row[log.column("feature")];
            const double expected = std::stod(row[log.column("value")]);
            QVERIFY2(values.count(name) && std::abs(values.at(name) - expected) <= 1e-6 * std::abs(expected),
                     name.c_str());
        }

        const QString unusable =
            writtenFile(dir, QStringLiteral("median.yaml"), "imageType:\n  Original: {}\n  Median: {}\n");
        QVERIFY(!unusable.isEmpty());
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QSignalSpy none(window.roiTools(), &RoiTools::radiomicsShown);
        window.roiTools()->computeRadiomicsWithParameters(unusable);
        QCOMPARE(failed.size(), 1);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.startsWith(unusable + ": ") && message.contains(QStringLiteral("Median")),
                 qPrintable(message));
        QVERIFY(!window.isBusy());
        QTest::qWait(100);
        QCOMPARE(none.size(), 0);
    }

    // IBSI's classes that pyradiomics lacks, named in a parameter file, are shown beside the others.
    // The intensity histogram's Entropy and Uniformity are the quantities pyradiomics calls first
    // order Entropy and Uniformity (IBSI's benchmark maps them so), so each wavelet image's show
    // pyradiomics' notebook values; GLDZM's 16 rows per image follow.
    void ibsiClassesFromParameterFile() {
        MainWindow window;
        openBrain1(window, 25);
        if (QTest::currentTestFailed()) return;
        QTemporaryDir dir;
        const QString parameters =
            writtenFile(dir, QStringLiteral("ibsi.yaml"),
                        "imageType:\n  Original: {}\n  Wavelet: {}\nsetting:\n  binWidth: 25\n"
                        "featureClass:\n  gldzm:\n  intensityhistogram: [Entropy, Uniformity]\n");
        QVERIFY(!parameters.isEmpty());
        QSignalSpy shown(window.roiTools(), &RoiTools::radiomicsShown);
        window.roiTools()->computeRadiomicsWithParameters(parameters);
        QVERIFY(shown.wait(60000));
        auto* dialog = shown.first().first().value<RadiomicsDialog*>();
        QCOMPARE(dialog->table()->rowCount(), 9 * (16 + 2));
        const std::map<std::string, double> values = shownValues(*dialog->table());
        int compared = 0;
        for (const auto& [name, expected] : notebookValues()) {
            const std::size_t at = name.find("_firstorder_");
            if (name.rfind("wavelet-", 0) != 0 || at == std::string::npos) continue;
            const std::string feature = name.substr(at + std::string("_firstorder_").size());
            if (feature != "Entropy" && feature != "Uniformity") continue;
            const std::string ibsiName = name.substr(0, at) + "_intensityhistogram_" + feature;
            const auto value = values.find(ibsiName);
            QVERIFY2(value != values.end() && std::abs(value->second - expected) <= 1e-6 * std::abs(expected) + 3e-6,
                     ibsiName.c_str());
            ++compared;
        }
        QCOMPARE(compared, 16);
        const auto gldzmRows = std::count_if(
            values.begin(), values.end(), [](const auto& v) { return v.first.find("_gldzm_") != std::string::npos; });
        QCOMPARE(static_cast<int>(gldzmRows), 9 * 16);
    }

private:
    QTemporaryDir config_;
};

QTEST_MAIN(TestRadiomicsDialog)
#include "test_radiomics_dialog.moc"
