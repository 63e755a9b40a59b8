// Settings the pyradiomics baselines do not cover (the four weighting norms, an asymmetric GLCM,
// gldm_a, force2D along y and x, distances [1, 3], voxelArrayShift, resegmentation in absolute,
// relative and one-sided sigma modes) against pyradiomics' own features of brain2 and breast1
// under them (settings_sweep/expected.csv, its feature classes run on them: see
// tests/data/radiomics/README.md).
#include <set>

#include <QtTest>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

Settings sweepSettings(const std::string& name) {
    Settings s;
    if (name == "weighting_infinity") s.weightingNorm = WeightingNorm::Infinity;
    if (name == "weighting_euclidean") s.weightingNorm = WeightingNorm::Euclidean;
    if (name == "weighting_manhattan") s.weightingNorm = WeightingNorm::Manhattan;
    if (name == "weighting_none") s.weightingNorm = WeightingNorm::NoWeighting;
    if (name == "asymmetric_glcm") s.symmetricalGLCM = false;
    if (name == "gldm_a2") s.gldmA = 2;
    if (name == "force2d_y" || name == "force2d_x") {
        s.force2D = true;
        s.force2Ddimension = name == "force2d_y" ? 1 : 2;
    }
    if (name == "distances_1_3") s.distances = {1, 3};
    if (name == "shift_1000") s.voxelArrayShift = 1000;
    if (name.rfind("reseg_absolute_", 0) == 0) {
        s.resegmentRange = {std::stod(name.substr(15))};  // the lower bound is in the name
        s.resegmentMode = ResegmentMode::Absolute;
    }
    if (name == "reseg_relative") {
        s.resegmentRange = {0.5, 0.95};
        s.resegmentMode = ResegmentMode::Relative;
    }
    if (name == "reseg_sigma_low") {
        s.resegmentRange = {-1};
        s.resegmentMode = ResegmentMode::Sigma;
    }
    return s;
}

}  // namespace

class RadiomicsSettingsSweep : public QObject {
    Q_OBJECT
private slots:
    void pyradiomicsValues_data();
    void pyradiomicsValues();
};

void RadiomicsSettingsSweep::pyradiomicsValues_data() {
    QTest::addColumn<QString>("testCase");
    QTest::addColumn<QString>("settings");
    const CsvTable expected = readCsv(testData("pyradiomics/settings_sweep/expected.csv"));
    std::set<std::pair<std::string, std::string>> rows;
    for (const auto& row : expected.rows)
        if (rows.insert({row[0], row[1]}).second)
            QTest::newRow((row[0] + " " + row[1]).c_str())
                << QString::fromStdString(row[0]) << QString::fromStdString(row[1]);
    QCOMPARE(rows.size(), std::size_t{2 * 13});
}

void RadiomicsSettingsSweep::pyradiomicsValues() {
    QFETCH(QString, testCase);
    QFETCH(QString, settings);
    const std::string name = testCase.toStdString();
    const Volume image = readVolume(testData("pyradiomics/" + name + "_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/" + name + "_label.nrrd"));
    const auto values = byName(extractFeatures(image, mask, 1, sweepSettings(settings.toStdString()), false));
    const CsvTable expected = readCsv(testData("pyradiomics/settings_sweep/expected.csv"));
    QStringList failures;
    int compared = 0;
    for (const auto& row : expected.rows) {
        if (row[0] != name || row[1] != settings.toStdString()) continue;
        QVERIFY2(values.count(row[2]), row[2].c_str());
        check(failures, row[2], values.at(row[2]), std::stod(row[3]), 1e-6, 1e-9);
        ++compared;
    }
    QCOMPARE(compared, 93);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 15).join("\n")));
}

QTEST_GUILESS_MAIN(RadiomicsSettingsSweep)
#include "test_radiomics_settings_sweep.moc"
