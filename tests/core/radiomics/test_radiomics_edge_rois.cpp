// ROIs of awkward shape (a checkerboard, a diagonal plane, one on three image borders, two slices, a
// block full of holes, an L of one-voxel lines) against pyradiomics' own segment-based features of
// them (edge_rois/expected.csv, computed by its feature classes: see tests/data/radiomics/README.md).
// The published baselines are all compact tumours; these reach the rules for flat directions,
// missing pairs and thin zones.
#include <QtTest>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

class RadiomicsEdgeRois : public QObject {
    Q_OBJECT
private slots:
    void pyradiomicsValues_data();
    void pyradiomicsValues();
};

void RadiomicsEdgeRois::pyradiomicsValues_data() {
    QTest::addColumn<QString>("roi");
    QTest::addColumn<QString>("settings");
    for (const char* roi : {"checkerboard", "diagonal_plane", "image_border", "two_slices", "holes", "l_shape"})
        for (const char* settings : {"defaults", "d12_bincount8"})
            QTest::newRow((std::string(roi) + " " + settings).c_str()) << roi << settings;
}

void RadiomicsEdgeRois::pyradiomicsValues() {
    QFETCH(QString, roi);
    QFETCH(QString, settings);
    Settings s;
    if (settings == "d12_bincount8") {
        s.binCount = 8;
        s.distances = {1, 2};
    }
    const Volume image = readVolume(testData("pyradiomics/edge_rois/image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/edge_rois/" + roi.toStdString() + ".nrrd"));
    const auto values = byName(extractFeatures(image, mask, 1, s, false));
    const CsvTable expected = readCsv(testData("pyradiomics/edge_rois/expected.csv"));
    QStringList failures;
    int compared = 0;
    for (const auto& row : expected.rows) {
        if (row[0] != roi.toStdString() || row[1] != settings.toStdString()) continue;
        QVERIFY2(values.count(row[2]), row[2].c_str());
        check(failures, row[2], values.at(row[2]), std::stod(row[3]), 1e-6, 1e-9);
        ++compared;
    }
    QCOMPARE(compared, 107);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 15).join("\n")));
}

QTEST_GUILESS_MAIN(RadiomicsEdgeRois)
#include "test_radiomics_edge_rois.moc"
