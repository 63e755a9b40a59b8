// Settings the pyradiomics baselines do not cover (the four weighting norms, an asymmetric GLCM,
// gldm_a, force2D along y and x, distances [1, 3], voxelArrayShift) against pyradiomics' own
// features of brain2 and breast1 under them (settings_sweep/expected.csv, its feature classes run on
// them: see tests/data/radiomics/README.md).
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
    for (const char* testCase : {"brain2", "breast1"})
        for (const char* settings :
             {"weighting_infinity", "weighting_euclidean", "weighting_manhattan", "weighting_none", "asymmetric_glcm",
              "gldm_a2", "force2d_y", "force2d_x", "distances_1_3", "shift_1000"})
            QTest::newRow((std::string(testCase) + " " + settings).c_str()) << testCase << settings;
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
