// pyradiomics' shape2D class against its baseline (baseline_shape2D.csv: brain1, brain2, breast1,
// each a one-slice label), a 3 x 3 pixel square against its closed form, and the rules that
// enable it (featureClass shape2D with force2D; a one-slice ROI).
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <functional>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/Extractor.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

Settings shape2DSettings() {
    Settings s;
    s.force2D = true;
    s.shape2D = true;
    return s;
}

// pyradiomics' "<case>_2D" label is not published; its diagnostics in baseline_shape2D.csv (voxel
// count, bounding box and centre of mass of 984, 227 and 82 pixels) are those of this axial slice
// of the 3D label, which is therefore the label it used.
LabelMap oneSlice(const LabelMap& label, std::int64_t keptZ) {
    LabelMap out = label;
    for (std::int64_t z = 0; z < out.sizeXyz()[2]; ++z)
        if (z != keptZ)
            for (std::int64_t y = 0; y < out.sizeXyz()[1]; ++y)
                for (std::int64_t x = 0; x < out.sizeXyz()[0]; ++x) out.at(x, y, z) = 0;
    return out;
}

}  // namespace

class RadiomicsShape2D : public QObject {
    Q_OBJECT
private slots:
    void pyradiomicsBaseline_data();
    void pyradiomicsBaseline();
    void squareClosedForm();
    void enablingRules();
};

void RadiomicsShape2D::pyradiomicsBaseline_data() {
    QTest::addColumn<QString>("testCase");
    QTest::addColumn<int>("slice");
    QTest::newRow("brain1") << "brain1" << 16;
    QTest::newRow("brain2") << "brain2" << 8;
    QTest::newRow("breast1") << "breast1" << 9;
}

void RadiomicsShape2D::pyradiomicsBaseline() {
    QFETCH(QString, testCase);
    QFETCH(int, slice);
    const std::string name = testCase.toStdString();
    const Volume image = readVolume(testData("pyradiomics/" + name + "_image.nrrd"));
    const LabelMap label = oneSlice(readLabelMap(testData("pyradiomics/" + name + "_label.nrrd")), slice);
    const auto values = byName(extractFeatures(image, label, 1, shape2DSettings(), false));
    const CsvTable baseline = readCsv(testData("pyradiomics/baseline/baseline_shape2D.csv"));
    const std::size_t column = baseline.column(name + "_shape2D");
    QStringList failures;
    int compared = 0;
    for (const auto& row : baseline.rows) {
        if (row[0].rfind("original_shape2D_", 0) != 0) continue;
        QVERIFY2(values.count(row[0]), row[0].c_str());
        check(failures, row[0], values.at(row[0]), std::stod(row[column]));
        ++compared;
    }
    QCOMPARE(compared, 9);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
}

void RadiomicsShape2D::squareClosedForm() {
    // A 3 x 3 pixel square of 2 mm (x) by 0.5 mm (y) pixels. The contour joins the midpoints of the
    // boundary edges, so it cuts a right triangle of legs 1 mm and 0.25 mm off each corner: area
    // 9 - 4/8 pixels, perimeter 2 x 4 mm + 2 x 1 mm + 4 sqrt(1 + 1/16) mm. The farthest midpoints
    // are those of a left and a right edge two rows apart: 6 mm and 1 mm, sqrt(37) mm.
    Geometry g;
    g.sizeXyz = {5, 5, 1};
    g.spacingMm = {2, 0.5, 3};
    Volume image(g, 100.0f);
    LabelMap mask(g, 0);
    for (std::int64_t y = 1; y < 4; ++y)
        for (std::int64_t x = 1; x < 4; ++x) mask.at(x, y, 0) = 1;
    Settings settings = shape2DSettings();
    settings.deprecatedFeatures = true;
    const auto values = byName(extractFeatures(image, mask, 1, settings, false));
    const double area = 9 - 0.5;
    const double perimeter = 2 * 4.0 + 2 * 1.0 + 4 * std::sqrt(1.0 + 1.0 / 16);
    QStringList failures;
    check(failures, "PixelSurface", values.at("original_shape2D_PixelSurface"), 9, 1e-14);
    check(failures, "MeshSurface", values.at("original_shape2D_MeshSurface"), area, 1e-14);
    check(failures, "Perimeter", values.at("original_shape2D_Perimeter"), perimeter, 1e-14);
    check(failures, "PerimeterSurfaceRatio", values.at("original_shape2D_PerimeterSurfaceRatio"), perimeter / area,
          1e-14);
    check(failures, "Sphericity", values.at("original_shape2D_Sphericity"), 2 * std::sqrt(M_PI * area) / perimeter,
          1e-14);
    check(failures, "SphericalDisproportion", values.at("original_shape2D_SphericalDisproportion"),
          perimeter / (2 * std::sqrt(M_PI * area)), 1e-14);
    check(failures, "MaximumDiameter", values.at("original_shape2D_MaximumDiameter"), std::sqrt(37.0), 1e-14);
    // The pixel centres lie at 2, 4, 6 mm (x) and 0.5, 1, 1.5 mm (y): variances 8/3 and 1/6 mm^2.
    check(failures, "MajorAxisLength", values.at("original_shape2D_MajorAxisLength"), 4 * std::sqrt(8.0 / 3), 1e-14);
    check(failures, "MinorAxisLength", values.at("original_shape2D_MinorAxisLength"), 4 * std::sqrt(1.0 / 6), 1e-14);
    check(failures, "Elongation", values.at("original_shape2D_Elongation"), 0.25, 1e-14);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
}

void RadiomicsShape2D::enablingRules() {
    QTemporaryDir dir;
    const auto errorOf = [&](const std::function<void()>& run) -> QString {
        try {
            run();
        } catch (const Error& e) {
            return e.what();
        }
        return "no error";
    };
    const auto write = [&](const char* text) {
        const std::string path = dir.filePath("p.yaml").toStdString();
        std::ofstream(path) << text;
        return path;
    };
    QString e = errorOf([&] { readParameterFile(write("featureClass:\n  shape2D:\n")); });
    QVERIFY2(e.contains("'featureClass.shape2D'") && e.contains("force2D"), qPrintable(e));
    const ParameterFile file = readParameterFile(write("setting:\n  force2D: true\nfeatureClass:\n  shape2D:\n"));
    QVERIFY(file.settings.shape2D);
    QVERIFY(file.wants("original_shape2D_Perimeter") && !file.wants("original_shape_MeshVolume"));
    QVERIFY(QString::fromStdString(file.settings.toJson()).contains("\"shape2D\":true"));
    e = errorOf([&] { requireEveryFeature(file, "study.yaml"); });
    QVERIFY2(e.contains("featureClass"), qPrintable(e));
    // pyradiomics' deprecated SphericalDisproportion only when named.
    QVERIFY(!file.wants("original_shape2D_SphericalDisproportion") && !file.settings.deprecatedFeatures);
    const ParameterFile named =
        readParameterFile(write("setting:\n  force2D: true\nfeatureClass:\n  shape2D: [SphericalDisproportion]\n"));
    QVERIFY(named.wants("original_shape2D_SphericalDisproportion") && named.settings.deprecatedFeatures);
    e = errorOf([&] { requireEveryFeature(named, "study.yaml"); });
    QVERIFY2(e.contains("featureClass"), qPrintable(e));

    // A label over two slices: the case fails, naming the mask.
    Geometry g;
    g.sizeXyz = {4, 4, 3};
    Volume image(g, 1.0f);
    LabelMap mask(g, 0);
    for (std::int64_t z = 0; z < 2; ++z)
        for (std::int64_t y = 1; y < 3; ++y)
            for (std::int64_t x = 1; x < 3; ++x) mask.at(x, y, z) = 1;
    e = errorOf([&] { extractFeatures(image, mask, 1, shape2DSettings(), false); });
    QVERIFY2(e.startsWith("mask: ") && e.contains("one slice") && e.contains("spans 2"), qPrintable(e));
}

QTEST_GUILESS_MAIN(RadiomicsShape2D)
#include "test_radiomics_shape2d.moc"
