// pyradiomics' LBP3D image type against pyradiomics' own getLBP3DImage (trimesh's icosphere,
// scipy's map_coordinates, sph_harm and kurtosis) and feature classes (lbp3d/expected.csv, see
// tests/data/radiomics/README.md): the defaults and 3 levels on a radius-2 icosphere split twice on
// brain1 made tie-free, an ROI on the image border; samples equal to their voxel; the icosphere;
// the parameter keys.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <set>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/Lbp3D.h"
#include "core/radiomics/Region.h"
#include "core/radiomics/VoxelMaps.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

class RadiomicsLbp3D : public QObject {
    Q_OBJECT
private slots:
    void pyradiomicsValues_data();
    void pyradiomicsValues();
    void samplesEqualToTheirVoxelAreSet();
    void icosphere();
    void parameterFile();
    void unmaskedVoxelKernelsAreRefused();
};

void RadiomicsLbp3D::pyradiomicsValues_data() {
    QCOMPARE(addFixtureConfigRows("pyradiomics/lbp3d/expected.csv"), std::size_t{3});
}

void RadiomicsLbp3D::pyradiomicsValues() {
    QFETCH(QString, config);
    const std::string name = config.toStdString();
    const bool border = name.rfind("border", 0) == 0;
    const std::string image = border ? "pyradiomics/lbp3d/border_float.nrrd" : "pyradiomics/lbp3d/brain1_float.nrrd";
    const std::string mask =
        border ? "pyradiomics/edge_rois/image_border.nrrd" : "pyradiomics/lbp3d/brain1_float_label.nrrd";
    Settings settings;
    settings.imageTypes = {"LBP3D"};
    settings.binCount = name == "brain1_l3_r2_s2" || name == "border_default" ? 16 : 32;
    if (name == "brain1_l3_r2_s2") {
        settings.lbp3DLevels = 3;
        settings.lbp3DIcosphereRadius = 2;
        settings.lbp3DIcosphereSubdivision = 2;
    }
    const std::vector<Feature> features =
        extractFeatures(readVolume(testData(image)), readLabelMap(testData(mask)), 1, settings, false);
    const auto values = byName(features);
    QStringList failures;
    std::size_t compared = 0;
    for (const auto& row : readCsv(testData("pyradiomics/lbp3d/expected.csv")).rows) {
        if (row[0] != name) continue;
        QVERIFY2(values.count(row[1]), row[1].c_str());
        check(failures, row[1], values.at(row[1]), std::stod(row[2]), 1e-6, 1e-9);
        ++compared;
    }
    QCOMPARE(compared, std::size_t(93 * (settings.lbp3DLevels + 1)));
    QCOMPARE(features.size(), 107 + compared);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 15).join("\n")));
}

void RadiomicsLbp3D::samplesEqualToTheirVoxelAreSet() {
    // An image equal to x, far from the x borders: the spline reproduces the ramp, so a sample is
    // above its voxel by its x offset, and the samples of offset 0 equal it. Of the 42 vertices of
    // the default icosphere, 17 lie on each side of x = 0 and 8 on it (4 icosahedron vertices
    // (+-1, +-phi, 0) and the midpoints (+-phi, 0, 0), (0, +-phi, 0), put on the sphere), so 25 are
    // set: degree 0 gives sqrt(42) 25 Y_0^0^2 = sqrt(42) 25 / (4 pi) at every voxel.
    Geometry g;
    g.sizeXyz = {60, 8, 8};
    Volume image(g);
    LabelMap mask(g, 0);
    for (std::int64_t z = 0; z < 8; ++z)
        for (std::int64_t y = 0; y < 8; ++y)
            for (std::int64_t x = 0; x < 60; ++x) {
                image.at(x, y, z) = static_cast<float>(x);
                if (x >= 28 && x < 32 && y >= 3 && y < 5 && z >= 3 && z < 5) mask.at(x, y, z) = 1;
            }
    Settings settings;
    const Region region = extractRegion(image, mask, settings, "ramp");
    const Lbp3DImages lbp = localBinaryPattern3D(image, region, 2, 1, 1);
    for (std::size_t i = 0; i < region.mask.size(); ++i) {
        QVERIFY(region.mask[i]);
        QVERIFY2(std::abs(lbp.levels[0][i] - std::sqrt(42.0) * 25 / (4 * M_PI)) < 1e-9,
                 qPrintable(QString::number(lbp.levels[0][i], 'g', 17)));
    }
}

void RadiomicsLbp3D::icosphere() {
    // An icosahedron split s times has 10 * 4^s + 2 vertices, all on the sphere, none twice.
    for (int s = 0; s <= 3; ++s) {
        const auto vertices = icosphereVertices(s, 2.5);
        QCOMPARE(vertices.size(), std::size_t(10 * (1 << (2 * s)) + 2));
        std::set<std::array<long long, 3>> distinct;
        for (const auto& v : vertices) {
            QVERIFY(std::abs(std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) - 2.5) < 1e-12);
            distinct.insert({std::llround(v[0] * 1e9), std::llround(v[1] * 1e9), std::llround(v[2] * 1e9)});
        }
        QCOMPARE(distinct.size(), vertices.size());
    }
    // The icosahedron's vertices: (0, +-1, +-phi) and its cyclic permutations, on the unit sphere.
    const double phi = (1 + std::sqrt(5.0)) / 2, length = std::sqrt(1 + phi * phi);
    const auto twelve = icosphereVertices(0, 1);
    for (const auto& v : twelve) {
        std::array<double, 3> sorted{std::abs(v[0]), std::abs(v[1]), std::abs(v[2])};
        std::sort(sorted.begin(), sorted.end());
        QVERIFY(std::abs(sorted[0]) < 1e-15 && std::abs(sorted[1] - 1 / length) < 1e-15 &&
                std::abs(sorted[2] - phi / length) < 1e-15);
    }
}

void RadiomicsLbp3D::parameterFile() {
    QTemporaryDir dir;
    const ParameterFile file = readParameterFile(writeText(
        dir, "lbp3d.yaml",
        "imageType:\n  Original: {}\n  LBP3D: {lbp3DLevels: 3, lbp3DIcosphereRadius: 2, lbp3DIcosphereSubdivision: 0}\n"));
    QCOMPARE(file.settings.lbp3DLevels, 3);
    QCOMPARE(file.settings.lbp3DIcosphereRadius, 2.0);
    QCOMPARE(file.settings.lbp3DIcosphereSubdivision, 0);
    const QString json = QString::fromStdString(file.settings.toJson());
    QVERIFY2(json.contains("\"lbp3DLevels\":3") && json.contains("\"lbp3DIcosphereSubdivision\":0"), qPrintable(json));
    const auto errorOf = [&](const char* text) { return parameterFileError(dir, text); };
    QString e = errorOf("imageType:\n  Original: {}\n  LBP3D: {lbp3DLevels: 0}\n");
    QVERIFY2(e.contains("bad.yaml") && e.contains("'lbp3DLevels'") && e.contains("1..10"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  LBP3D: {lbp3DIcosphereSubdivision: 5}\n");
    QVERIFY2(e.contains("'lbp3DIcosphereSubdivision'") && e.contains("0..4"), qPrintable(e));
    e = errorOf("imageType:\n  Original: {}\n  LBP3D: {lbp3DIcosphereRadius: -1}\n");
    QVERIFY2(e.contains("'lbp3DIcosphereRadius'"), qPrintable(e));

    // The images, in pyradiomics' order, after the original's.
    const auto features =
        extractFeatures(readVolume(testData("pyradiomics/edge_rois/image.nrrd")),
                        readLabelMap(testData("pyradiomics/edge_rois/image_border.nrrd")), 1, file.settings, false);
    std::vector<std::string> prefixes;
    for (const Feature& f : features) {
        const std::string prefix = f.name.substr(0, f.name.find('_'));
        if (prefixes.empty() || prefixes.back() != prefix) prefixes.push_back(prefix);
    }
    QCOMPARE(prefixes, (std::vector<std::string>{"original", "lbp-3D-m1", "lbp-3D-m2", "lbp-3D-m3", "lbp-3D-k"}));
}

void RadiomicsLbp3D::unmaskedVoxelKernelsAreRefused() {
    Settings settings;
    settings.imageTypes = {"LBP3D"};
    VoxelSettings voxel;
    voxel.maskedKernel = false;
    try {
        extractVoxelMaps(
            readVolume(testData("pyradiomics/edge_rois/image.nrrd")),
            readLabelMap(testData("pyradiomics/edge_rois/image_border.nrrd")), settings, false, voxel,
            [](const std::string&) { return true; }, nullptr, 1, "border.nrrd");
        QFAIL("LBP3D maps with unmasked kernels were computed");
    } catch (const Error& error) {
        const QString e = error.what();
        QVERIFY2(e.startsWith("border.nrrd: ") && e.contains("maskedKernel"), qPrintable(e));
    }
}

QTEST_GUILESS_MAIN(RadiomicsLbp3D)
#include "test_radiomics_lbp3d.moc"
