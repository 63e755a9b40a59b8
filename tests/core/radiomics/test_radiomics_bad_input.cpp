// Bad or degenerate input: a clear drs::Error naming the problem, or pyradiomics' documented
// behaviour (flat regions), never a crash or silent garbage.
#include <QtTest>
#include <cmath>
#include <limits>

#include "ReferenceCompare.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/Settings.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

Geometry cube(std::int64_t n) {
    Geometry g;
    g.sizeXyz = {n, n, n};
    g.spacingMm = {1, 1, 2};
    return g;
}

// A noisy image with a box-shaped ROI of label 1 at [from, to) on every axis.
std::pair<Volume, LabelMap> boxCase(std::int64_t n, std::int64_t from, std::int64_t to) {
    Volume image(cube(n));
    LabelMap mask(cube(n), 0);
    for (std::int64_t z = 0; z < n; ++z)
        for (std::int64_t y = 0; y < n; ++y)
            for (std::int64_t x = 0; x < n; ++x) {
                image.at(x, y, z) = static_cast<float>(((x * 37 + y * 91 + z * 53) % 200) - 100);
                if (x >= from && x < to && y >= from && y < to && z >= from && z < to) mask.at(x, y, z) = 1;
            }
    return {image, mask};
}

QString errorOf(const std::function<void()>& work) {
    try {
        work();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class RadiomicsBadInput : public QObject {
    Q_OBJECT
private slots:
    void labelAbsent();
    void emptyMask();
    void oneVoxel();
    void nanAndInfinity();
    void geometryMismatch();
    void tooManyGreyLevels();
    void flatRegionFollowsPyradiomics();
    void roiTouchingTheBorder();
    void parameterFileErrors();
};

void RadiomicsBadInput::labelAbsent() {
    auto [image, mask] = boxCase(8, 2, 6);
    const QString error = errorOf([&] { extractFeatures(image, mask, 4, Settings{}, false); });
    QVERIFY2(error.contains("label 4 is not present"), qPrintable(error));
}

void RadiomicsBadInput::emptyMask() {
    auto [image, mask] = boxCase(8, 2, 6);
    std::fill(mask.voxels.begin(), mask.voxels.end(), 0);
    const QString error = errorOf([&] { extractFeatures(image, mask, 1, Settings{}, true); });
    QVERIFY2(error.contains("label 1 is not present"), qPrintable(error));
}

void RadiomicsBadInput::oneVoxel() {
    auto [image, mask] = boxCase(8, 3, 4);
    // pyradiomics' default minimumROIDimensions 2 refuses a single voxel (0 axes with extent > 1).
    const QString error = errorOf([&] { extractFeatures(image, mask, 1, Settings{}, true); });
    QVERIFY2(error.contains("extends over 0 axes, fewer than minimumROIDimensions 2"), qPrintable(error));
    Settings lenient;
    lenient.minimumROIDimensions = 1;  // still refused: a single voxel extends over no axis
    QVERIFY(errorOf([&] { extractFeatures(image, mask, 1, lenient, false); }).contains("extends over 0 axes"));
    // Two voxels in a row pass the dimension check but not minimumROISize 3.
    mask.at(4, 3, 3) = 1;
    lenient.minimumROISize = 3;
    const QString sizeError = errorOf([&] { extractFeatures(image, mask, 1, lenient, false); });
    QVERIFY2(sizeError.contains("has 2 voxels, fewer than minimumROISize 3"), qPrintable(sizeError));
    // Without the size limit a two-voxel line yields finite features.
    lenient.minimumROISize.reset();
    for (const Feature& f : extractFeatures(image, mask, 1, lenient, false))
        QVERIFY2(!std::isinf(f.value), f.name.c_str());
}

void RadiomicsBadInput::nanAndInfinity() {
    for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        auto [image, mask] = boxCase(8, 2, 6);
        image.at(3, 3, 3) = bad;
        image.at(4, 4, 4) = bad;
        const QString error = errorOf([&] { extractFeatures(image, mask, 1, Settings{}, false); });
        QVERIFY2(error.contains("2 voxels inside label 1 are NaN or infinite"), qPrintable(error));
    }
    // Outside the ROI (and outside the wavelet margin) a NaN does not matter.
    auto [image, mask] = boxCase(16, 6, 9);
    image.at(0, 0, 0) = std::numeric_limits<float>::quiet_NaN();
    for (const Feature& f : extractFeatures(image, mask, 1, Settings{}, true))
        QVERIFY2(std::isfinite(f.value), f.name.c_str());
}

void RadiomicsBadInput::geometryMismatch() {
    auto [image, mask] = boxCase(8, 2, 6);
    LabelMap shifted = mask;
    shifted.geometry.originMm[0] += 5;
    QVERIFY(errorOf([&] { extractFeatures(image, shifted, 1, Settings{}, false); }).contains("origin"));
    LabelMap spaced = mask;
    spaced.geometry.spacingMm[2] = 3;
    QVERIFY(errorOf([&] { extractFeatures(image, spaced, 1, Settings{}, false); }).contains("spacing"));
    LabelMap sized(cube(9), 1);
    QVERIFY(errorOf([&] { extractFeatures(image, sized, 1, Settings{}, false); }).contains("size 9x9x9"));
}

void RadiomicsBadInput::tooManyGreyLevels() {
    auto [image, mask] = boxCase(16, 0, 16);
    for (std::size_t i = 0; i < image.voxels.size(); ++i) image.voxels[i] = static_cast<float>(i);
    Settings fine;
    fine.binWidth = 1;
    const QString error = errorOf([&] { extractFeatures(image, mask, 1, fine, false); });
    QVERIFY2(error.contains("4096 grey levels") && error.contains("larger binWidth"), qPrintable(error));
    fine.binWidth = 1e-12;
    QVERIFY(errorOf([&] { extractFeatures(image, mask, 1, fine, false); }).contains("more than 10^7 grey levels"));
}

void RadiomicsBadInput::flatRegionFollowsPyradiomics() {
    auto [image, mask] = boxCase(8, 2, 6);
    std::fill(image.voxels.begin(), image.voxels.end(), 40.0f);
    const auto v = byName(extractFeatures(image, mask, 1, Settings{}, false));
    // pyradiomics' documented single-grey-level values (its feature docstrings / flatRegion baselines).
    QCOMPARE(v.at("original_firstorder_Variance"), 0.0);
    QCOMPARE(v.at("original_firstorder_Skewness"), 0.0);
    QCOMPARE(v.at("original_firstorder_Kurtosis"), 0.0);
    QCOMPARE(v.at("original_firstorder_Entropy"), 0.0);
    QCOMPARE(v.at("original_glcm_Correlation"), 1.0);
    QCOMPARE(v.at("original_glcm_MCC"), 1.0);
    QCOMPARE(v.at("original_glcm_Imc1"), 0.0);
    QCOMPARE(v.at("original_glcm_Imc2"), 0.0);
    QCOMPARE(v.at("original_ngtdm_Coarseness"), 1e6);
    QCOMPARE(v.at("original_ngtdm_Contrast"), 0.0);
    QCOMPARE(v.at("original_ngtdm_Busyness"), 0.0);
    QCOMPARE(v.at("original_ngtdm_Strength"), 0.0);
    QCOMPARE(v.at("original_glszm_ZonePercentage"), 1.0 / 64.0);  // one zone of 64 voxels
    for (const auto& [name, value] : v) QVERIFY2(std::isfinite(value), name.c_str());
}

void RadiomicsBadInput::roiTouchingTheBorder() {
    auto [image, mask] = boxCase(7, 0, 7);  // the ROI is the whole odd-sized image
    const std::vector<Feature> features = extractFeatures(image, mask, 1, Settings{}, true);
    QCOMPARE(features.size(), std::size_t(851));
    for (const Feature& f : features) QVERIFY2(std::isfinite(f.value), f.name.c_str());
    // The whole-image box: voxel volume is the image volume.
    QCOMPARE(byName(features).at("original_shape_VoxelVolume"), 7.0 * 7 * 7 * 2);
}

void RadiomicsBadInput::parameterFileErrors() {
    QVERIFY(errorOf([] { parseParameterJson("{", "p.json"); }).contains("p.json: not valid JSON"));
    QVERIFY(errorOf([] { parseParameterJson("[1]", "p.json"); }).contains("must hold a JSON object"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"binWidth": -1}})", "p.json");
            }).contains("'binWidth' must be a positive number"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"distances": [1.5]}})", "p.json");
            }).contains("'distances' must hold whole numbers"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"force2D": 1}})", "p.json");
            }).contains("'force2D' must be true or false"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"setting": {"resampledPixelSpacing": [2, 0, -2]}})", "p.json");
            }).contains("'resampledPixelSpacing' must hold spacings in mm that are positive"));
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"imageType": {"Original": {}, "Median": {}}})", "p.json");
            }).contains("'imageType.Median' is not implemented"));
    // A valid pyradiomics-style file: values land in the settings and survive the JSON round trip.
    const ParameterFile p = parseParameterJson(
        R"({"imageType": {"Original": {}, "Wavelet": {}}, "setting": {"binWidth": 10, "label": 2, "resegmentRange": [-500, 400], "gldm_a": 1, "weightingNorm": "no_weighting", "additionalInfo": true}})",
        "p.json");
    QVERIFY(p.waveletEnabled);
    QVERIFY(errorOf([] {
                parseParameterJson(R"({"imageType": {"Wavelet": {}}})", "p.json");
            }).contains("must enable Original"));
    QCOMPARE(p.settings.binWidth, 10.0);
    QCOMPARE(p.settings.label, std::uint16_t(2));
    QCOMPARE(p.settings.resegmentRange, (std::vector<double>{-500, 400}));
    QCOMPARE(p.settings.gldmA, 1.0);
    QVERIFY(p.settings.weightingNorm == WeightingNorm::NoWeighting);
    const ParameterFile again = parseParameterJson(p.settings.toJson(), "saved");
    QCOMPARE(again.settings.toJson(), p.settings.toJson());
}

QTEST_GUILESS_MAIN(RadiomicsBadInput)
#include "test_radiomics_bad_input.moc"
