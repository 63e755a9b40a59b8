// Resampling (core/radiomics/Resampling): the interpolators against scipy.ndimage fixture values
// (tests/data/radiomics/resampling/make_fixtures.py), SimpleITK's Gaussian and windowed-sinc
// interpolators against ITK's own interpolate functions evaluated voxel by voxel, the B-spline's
// interpolation property, the whole pyradiomics path against pyradiomics' own `_resampling`
// baseline columns (B-spline to 2 x 2 x 2 mm), the cast back to the stored voxel type, preCrop, and
// the bad-input cases.
#include <itkGaussianInterpolateImageFunction.h>
#include <itkImage.h>
#include <itkWindowedSincInterpolateImageFunction.h>
#include <itkZeroFluxNeumannBoundaryCondition.h>
#include <QtTest>
#include <cmath>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/Resampling.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

QString errorOf(const std::function<void()>& work) {
    try {
        work();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// The target grid of the fixture (target_grid.csv); the direction is the source's.
Geometry fixtureTarget(const Geometry& source) {
    const CsvTable table = readCsv(testData("resampling/target_grid.csv"));
    const auto& row = table.rows.at(0);
    Geometry target = source;
    const char* axes[] = {"x", "y", "z"};
    for (std::size_t a = 0; a < 3; ++a) {
        target.spacingMm[a] = std::stod(row[table.column(std::string("spacing_") + axes[a])]);
        target.sizeXyz[a] = std::stoll(row[table.column(std::string("size_") + axes[a])]);
        target.originMm[a] = std::stod(row[table.column(std::string("origin_") + axes[a])]);
    }
    return target;
}

std::map<std::string, std::vector<std::pair<std::array<std::int64_t, 3>, double>>> fixtureValues() {
    const CsvTable table = readCsv(testData("resampling/expected.csv"));
    std::map<std::string, std::vector<std::pair<std::array<std::int64_t, 3>, double>>> out;
    for (const auto& row : table.rows)
        out[row[0]].push_back({{std::stoll(row[1]), std::stoll(row[2]), std::stoll(row[3])}, std::stod(row[4])});
    return out;
}

using ItkImage = itk::Image<float, 3>;

ItkImage::Pointer itkImageOf(const Volume& volume) {
    const Geometry& g = volume.geometry;
    auto image = ItkImage::New();
    ItkImage::RegionType region;
    ItkImage::SpacingType spacing;
    ItkImage::PointType origin;
    ItkImage::DirectionType direction;
    for (unsigned a = 0; a < 3; ++a) {
        region.SetSize(a, static_cast<itk::SizeValueType>(g.sizeXyz[a]));
        spacing[a] = g.spacingMm[a];
        origin[a] = g.originMm[a];
        for (unsigned r = 0; r < 3; ++r) direction(r, a) = g.direction[r * 3 + a];
    }
    image->SetRegions(region);
    image->SetSpacing(spacing);
    image->SetOrigin(origin);
    image->SetDirection(direction);
    image->Allocate();
    std::copy(volume.voxels.begin(), volume.voxels.end(), image->GetBufferPointer());
    return image;
}

// What ITK's ResampleImageFilter computes with `function` on the target grid: the function at each
// target voxel's continuous index in the image, 0 outside the image, cast to the float voxels.
template <class Function>
Grid<double> itkResampled(const Volume& volume, const Geometry& target, typename Function::Pointer function) {
    const ItkImage::Pointer image = itkImageOf(volume);
    function->SetInputImage(image);
    Grid<double> out(target, 0.0);
    for (std::int64_t z = 0; z < target.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < target.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < target.sizeXyz[0]; ++x) {
                const auto mm = target.physicalPointMm(double(x), double(y), double(z));
                ItkImage::PointType point;
                for (unsigned a = 0; a < 3; ++a) point[a] = mm[a];
                itk::ContinuousIndex<double, 3> index;
                image->TransformPhysicalPointToContinuousIndex(point, index);
                if (function->IsInsideBuffer(index))
                    out.at(x, y, z) = static_cast<float>(function->EvaluateAtContinuousIndex(index));
            }
    return out;
}

// SimpleITK's CreateInterpolator: the windowed sincs at radius 5 with ZeroFluxNeumann borders.
template <template <unsigned, class, class> class Window>
Grid<double> itkWindowedSinc(const Volume& volume, const Geometry& target) {
    using Function = itk::WindowedSincInterpolateImageFunction<ItkImage, 5, Window<5, double, double>,
                                                               itk::ZeroFluxNeumannBoundaryCondition<ItkImage>, double>;
    return itkResampled<Function>(volume, target, Function::New());
}

// ... and the Gaussian with sigma 0.8 x the spacing (alpha left at ITK's 1).
Grid<double> itkGaussian(const Volume& volume, const Geometry& target) {
    using Function = itk::GaussianInterpolateImageFunction<ItkImage, double>;
    auto function = Function::New();
    Function::ArrayType sigma;
    for (unsigned a = 0; a < 3; ++a) sigma[a] = 0.8 * volume.geometry.spacingMm[a];
    function->SetSigma(sigma);
    return itkResampled<Function>(volume, target, function);
}

}  // namespace

class RadiomicsResampling : public QObject {
    Q_OBJECT
private slots:
    void interpolatorsAgainstScipy();
    void simpleItkInterpolatorsAgainstItk();
    void bsplineInterpolatesTheSamples();
    void pyradiomicsResamplingBaseline_data();
    void pyradiomicsResamplingBaseline();
    void resamplingCastsBackToTheStoredType();
    void preCropKeepsTheRoiFeatures();
    void badInput();
    void parameterFileRoundTrip();
};

void RadiomicsResampling::interpolatorsAgainstScipy() {
    const Volume image = readVolume(testData("resampling/source_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("resampling/source_mask.nrrd"));
    QCOMPARE(image.geometry.direction[4], -1.0);  // the flipped y axis is honoured
    const Geometry target = fixtureTarget(image.geometry);
    const auto expected = fixtureValues();
    QCOMPARE(expected.size(), std::size_t(5));
    const std::map<std::string, Interpolator> kinds = {{"linear", Interpolator::Linear},
                                                       {"nearest", Interpolator::NearestNeighbor},
                                                       {"bspline", Interpolator::BSpline}};
    int compared = 0;
    for (const auto& [name, values] : expected) {
        Grid<float> got;
        if (name == "mask_nearest" || name == "mask_linear") {
            const LabelMap labels = resampleLabel(
                mask, 2, target, name == "mask_nearest" ? Interpolator::NearestNeighbor : Interpolator::Linear, 0.5);
            got = Grid<float>(labels.geometry);
            for (std::size_t i = 0; i < labels.voxels.size(); ++i) got.voxels[i] = labels.voxels[i] == 2 ? 1.0f : 0.0f;
        } else {
            got = resampleVolume(image, target, kinds.at(name));
        }
        QCOMPARE(got.geometry.sizeXyz, target.sizeXyz);
        QStringList failures;
        for (const auto& [xyz, value] : values) {
            const double actual = got.at(xyz[0], xyz[1], xyz[2]);
            // float voxels: 1e-6 relative; the B-spline also carries ITK's prefilter rounding.
            if (std::abs(actual - value) > 1e-6 * std::abs(value) + 1e-4)
                failures << QString("%1 at %2,%3,%4: got %5, scipy %6")
                                .arg(QString::fromStdString(name))
                                .arg(xyz[0])
                                .arg(xyz[1])
                                .arg(xyz[2])
                                .arg(actual, 0, 'g', 10)
                                .arg(value, 0, 'g', 10);
            ++compared;
        }
        if (!failures.isEmpty()) QFAIL(qPrintable(failures.mid(0, 20).join("\n")));
    }
    QCOMPARE(compared, 5 * 8 * 13 * 15);
}

// sitkGaussian and the five sitk*WindowedSinc through the separable planner against ITK's interpolate
// functions, configured as SimpleITK configures them, at every voxel of the fixture's target grid
// (its source has a flipped y axis); on the source grid the windowed sincs return the samples and a
// constant image stays constant under the Gaussian, its weights renormalised at the border.
void RadiomicsResampling::simpleItkInterpolatorsAgainstItk() {
    const Volume image = readVolume(testData("resampling/source_image.nrrd"));
    const Geometry target = fixtureTarget(image.geometry);
    const std::vector<std::pair<Interpolator, Grid<double>>> references = {
        {Interpolator::Gaussian, itkGaussian(image, target)},
        {Interpolator::HammingWindowedSinc, itkWindowedSinc<itk::Function::HammingWindowFunction>(image, target)},
        {Interpolator::CosineWindowedSinc, itkWindowedSinc<itk::Function::CosineWindowFunction>(image, target)},
        {Interpolator::WelchWindowedSinc, itkWindowedSinc<itk::Function::WelchWindowFunction>(image, target)},
        {Interpolator::LanczosWindowedSinc, itkWindowedSinc<itk::Function::LanczosWindowFunction>(image, target)},
        {Interpolator::BlackmanWindowedSinc, itkWindowedSinc<itk::Function::BlackmanWindowFunction>(image, target)}};
    int compared = 0, inside = 0;
    for (const auto& [interpolator, expected] : references) {
        const Volume got = resampleVolume(image, target, interpolator);
        QCOMPARE(got.geometry.sizeXyz, target.sizeXyz);
        QStringList failures;
        for (std::size_t i = 0; i < got.voxels.size(); ++i) {
            const double value = expected.voxels[i];
            if (std::abs(got.voxels[i] - value) > 1e-6 * std::abs(value) + 1e-6)
                failures << QString("%1 at voxel %2: got %3, ITK %4")
                                .arg(int(interpolator))
                                .arg(i)
                                .arg(got.voxels[i], 0, 'g', 10)
                                .arg(value, 0, 'g', 10);
            ++compared;
            inside += value != 0;
        }
        if (!failures.isEmpty()) QFAIL(qPrintable(failures.mid(0, 20).join("\n")));
    }
    QCOMPARE(compared, 6 * 8 * 13 * 15);
    QVERIFY(inside > compared / 2);  // the grid reaches into the image, not only past it

    Volume constant(image.geometry, 7.5f);
    for (const float v : resampleVolume(constant, target, Interpolator::Gaussian).voxels)
        QVERIFY(v == 0.0f || std::abs(v - 7.5f) < 1e-6f);
    const Volume same = resampleVolume(image, image.geometry, Interpolator::LanczosWindowedSinc);
    QVERIFY(same.voxels == image.voxels);
}

// A cubic B-spline interpolates: on the source grid itself it returns the samples.
void RadiomicsResampling::bsplineInterpolatesTheSamples() {
    const Volume image = readVolume(testData("resampling/source_image.nrrd"));
    const Volume same = resampleVolume(image, image.geometry, Interpolator::BSpline);
    for (std::size_t i = 0; i < image.voxels.size(); ++i)
        QVERIFY2(std::abs(same.voxels[i] - image.voxels[i]) < 1e-4,
                 qPrintable(QString("voxel %1: %2 vs %3").arg(i).arg(same.voxels[i]).arg(image.voxels[i])));
}

void RadiomicsResampling::pyradiomicsResamplingBaseline_data() {
    QTest::addColumn<QString>("testCase");
    for (const char* c : {"brain1", "brain2", "breast1"}) QTest::newRow(c) << QString(c);
}

// pyradiomics' own values with resampledPixelSpacing [2, 2, 2] and sitkBSpline: the whole path
// (grid, crop, B-spline, the cast back to the int16 voxel type, nearest-neighbour mask).
void RadiomicsResampling::pyradiomicsResamplingBaseline() {
    QFETCH(QString, testCase);
    const std::string name = testCase.toStdString();
    const Volume image = readVolume(testData("pyradiomics/" + name + "_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/" + name + "_label.nrrd"));
    Settings s;
    s.resampledPixelSpacing = std::array<double, 3>{2, 2, 2};
    s.interpolator = Interpolator::BSpline;
    const auto values = byName(extractFeatures(image, mask, 1, s, false));
    const std::string column = name + "_resampling";
    QStringList failures;
    int compared = 0;
    for (const char* family : {"firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm", "shape"}) {
        const CsvTable baseline = readCsv(testData(std::string("pyradiomics/baseline/baseline_") + family + ".csv"));
        if (!baseline.hasColumn(column)) continue;
        const std::size_t col = baseline.column(column);
        for (const auto& row : baseline.rows) {
            if (row[0].rfind("original_", 0) != 0 || row[col].empty()) continue;
            const auto found = values.find(row[0]);
            if (found == values.end()) continue;  // deprecated features
            check(failures, row[0], found->second, std::stod(row[col]), 1e-6, 1e-9);
            ++compared;
        }
    }
    qInfo("%s: %d pyradiomics _resampling values compared", name.c_str(), compared);
    QVERIFY(compared >= 100);
    if (!failures.isEmpty())
        QFAIL(qPrintable(QString("%1 of %2 differ:\n").arg(failures.size()).arg(compared) + failures.join("\n")));
}

// SimpleITK resamples an image as the type it was read as. A step from 0 to 200 along x, resampled
// to 0.5 mm with the B-spline, rings below 0 beside the step: read as real, the values are kept;
// as int16, each is truncated toward zero; as uint8, the undershoot is also clamped to 0.
void RadiomicsResampling::resamplingCastsBackToTheStoredType() {
    Geometry g;
    g.sizeXyz = {10, 3, 3};
    Volume image(g);
    for (std::int64_t z = 0; z < 3; ++z)
        for (std::int64_t y = 0; y < 3; ++y)
            for (std::int64_t x = 5; x < 10; ++x) image.at(x, y, z) = 200;
    const LabelMap mask(g, 1);
    Settings s;
    s.resampledPixelSpacing = std::array<double, 3>{0.5, 1, 1};
    s.interpolator = Interpolator::BSpline;
    s.padDistance = 0;
    const auto resampledAs = [&](StoredVoxel type) {
        image.stored = type;
        return prepareImages(image, mask, s, "step").value().image;
    };
    const Volume real = resampledAs(StoredVoxel::Float32), int16 = resampledAs(StoredVoxel::Int16),
                 uint8 = resampledAs(StoredVoxel::UInt8);
    QCOMPARE(real.voxels.size(), int16.voxels.size());
    int fractions = 0, undershoots = 0;
    for (std::size_t i = 0; i < real.voxels.size(); ++i) {
        const float v = real.voxels[i];
        fractions += v != std::trunc(v);
        undershoots += v <= -1;
        QCOMPARE(int16.voxels[i], std::trunc(v));
        QCOMPARE(uint8.voxels[i], std::max(0.0f, std::trunc(v)));
    }
    QVERIFY(fractions > 0);
    QVERIFY(undershoots > 0);
    QVERIFY(int16.stored == StoredVoxel::Int16 && uint8.stored == StoredVoxel::UInt8);
}

// preCrop with the default padDistance (5 >= the wavelet's 3-voxel reach) must not change any
// feature of an ROI far from the image border.
void RadiomicsResampling::preCropKeepsTheRoiFeatures() {
    const Volume image = readVolume(testData("pyradiomics/brain2_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/brain2_label.nrrd"));
    Settings cropped;
    cropped.preCrop = true;
    const auto plain = extractFeatures(image, mask, 1, Settings{}, true);
    const auto withCrop = extractFeatures(image, mask, 1, cropped, true);
    QCOMPARE(withCrop.size(), plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i)
        QVERIFY2(closeEnough(withCrop[i].value, plain[i].value, 1e-12, 1e-9), plain[i].name.c_str());
}

void RadiomicsResampling::badInput() {
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"resampledPixelSpacing": [2, -1, 2]}})", "p.json");
            }).contains("p.json: parameter 'resampledPixelSpacing' must hold spacings in mm that are positive"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"resampledPixelSpacing": [0, 0, 0]}})", "p.json");
            }).contains("is 0 on every axis"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"resampledPixelSpacing": 2}})", "p.json");
            }).contains("'resampledPixelSpacing' must be an array"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"resampledPixelSpacing": [2, 2]}})", "p.json");
            }).contains("must hold 3 numbers"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"resampledPixelSpacing": [2, 2, 2], "interpolator": null}})",
                                   "p.json");
            }).contains("'interpolator' is null"));
    const QString labelGaussian =
        errorOf([] { parseParameterJson(R"({"setting": {"interpolator": "sitkLabelGaussian"}})", "p.json"); });
    QVERIFY2(labelGaussian.startsWith("p.json: parameter 'interpolator' is sitkLabelGaussian, SimpleITK's vote"),
             qPrintable(labelGaussian));
    const QString unknown =
        errorOf([] { parseParameterJson(R"({"setting": {"interpolator": "sitkCubic"}})", "p.json"); });
    QVERIFY2(unknown.contains("must be one of sitkNearestNeighbor, sitkLinear, sitkBSpline, sitkGaussian, "
                              "sitkHammingWindowedSinc, sitkCosineWindowedSinc, sitkWelchWindowedSinc, "
                              "sitkLanczosWindowedSinc, sitkBlackmanWindowedSinc (got 'sitkCubic')"),
             qPrintable(unknown));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"maskInterpolator": "sitkGaussian"}})", "p.json");
            }).contains("'maskInterpolator' must be sitkNearestNeighbor (pyradiomics) or sitkLinear (IBSI)"));

    // A 2-voxel ROI resampled to 10 mm voxels with the nearest neighbour: nothing is left.
    Geometry g;
    g.sizeXyz = {20, 20, 20};
    Volume image(g, 0.0f);
    for (std::size_t i = 0; i < image.voxels.size(); ++i) image.voxels[i] = float(i % 7);
    LabelMap mask(g, 0);
    mask.at(12, 12, 12) = 1;
    mask.at(13, 12, 12) = 1;
    Settings coarse;
    coarse.resampledPixelSpacing = std::array<double, 3>{10, 10, 10};
    coarse.minimumROIDimensions = 1;
    const QString vanished = errorOf([&] { extractFeatures(image, mask, 1, coarse, false); });
    QVERIFY2(vanished.contains("label 1 vanishes when the mask is resampled to 10 x 1 x 1 mm"), qPrintable(vanished));
}

void RadiomicsResampling::parameterFileRoundTrip() {
    const ParameterFile p = parseParameterJson(
        R"({"setting": {"resampledPixelSpacing": [1, 1, 0], "interpolator": "sitkLinear", "padDistance": 3,
            "preCrop": true, "resamplingGrid": "center", "maskInterpolator": "sitkLinear",
            "maskPartialVolumeThreshold": 0.4, "roundIntensities": true, "outlierFilterSigma": 3,
            "binWidthAnchor": "minimum"}})",
        "p.json");
    QVERIFY(p.settings.resampledPixelSpacing == (std::array<double, 3>{1, 1, 0}));
    QVERIFY(p.settings.interpolator == Interpolator::Linear);
    QCOMPARE(p.settings.padDistance, 3);
    QVERIFY(p.settings.preCrop);
    QVERIFY(p.settings.resamplingGrid == GridAlignment::Center);
    QVERIFY(p.settings.maskInterpolator == Interpolator::Linear);
    QCOMPARE(p.settings.maskPartialVolumeThreshold, 0.4);
    QVERIFY(p.settings.roundIntensities);
    QCOMPARE(*p.settings.outlierFilterSigma, 3.0);
    QVERIFY(p.settings.binWidthAnchor == BinAnchor::Minimum);
    const ParameterFile again = parseParameterJson(p.settings.toJson(), "saved");
    QCOMPARE(again.settings.toJson(), p.settings.toJson());
    for (const char* name : {"sitkGaussian", "sitkHammingWindowedSinc", "sitkCosineWindowedSinc",
                             "sitkWelchWindowedSinc", "sitkLanczosWindowedSinc", "sitkBlackmanWindowedSinc"}) {
        const std::string json =
            std::string(R"({"setting": {"resampledPixelSpacing": [1, 1, 1], "interpolator": ")") + name + R"("}})";
        const Settings s = parseParameterJson(json, "p.json").settings;
        QVERIFY(QString::fromStdString(s.toJson()).contains(QString("\"interpolator\":\"%1\"").arg(name)));
        QCOMPARE(parseParameterJson(s.toJson(), "saved").settings.toJson(), s.toJson());
    }
    // pyradiomics also takes SimpleITK's enum values (sitkInterpolator.h): 3 is sitkBSpline, 9
    // sitkLanczosWindowedSinc, 5 sitkLabelGaussian.
    QVERIFY(parseParameterJson(R"({"setting": {"interpolator": 3}})", "p.json").settings.interpolator ==
            Interpolator::BSpline);
    QVERIFY(parseParameterJson(R"({"setting": {"interpolator": 9}})", "p.json").settings.interpolator ==
            Interpolator::LanczosWindowedSinc);
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"interpolator": 5}})", "p.json");
            }).contains("is sitkLabelGaussian"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"interpolator": 11}})", "p.json");
            }).contains("must be a SimpleITK interpolator name or number 1..10"));
    // Defaults add no key, so settings saved before resampling existed keep their text.
    QVERIFY(!QString::fromStdString(Settings{}.toJson()).contains("interpolator"));
}

QTEST_GUILESS_MAIN(RadiomicsResampling)
#include "test_radiomics_resampling.moc"
