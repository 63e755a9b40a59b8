// IBSI-1 reference values (Zwanenburg et al. 2020). The digital phantom needs no processing, so
// it checks the feature definitions; pyradiomics-named features are compared through the
// pyradiomics IBSI benchmark mapping (3D averaged = per-direction mean, 3D merged = weightingNorm
// no_weighting). The CT phantom (licence CC BY-NC, outside the repository: README, "Reference data")
// checks configurations A-E; their reference values are in tests/data.
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <Eigen/SVD>
#include <QtTest>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <sstream>
#include <tuple>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/Diagnostics.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/Morphology.h"
#include "core/radiomics/Region.h"
#include "tests/common/ReferenceData.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

// IBSI values without a tolerance are exact up to rounding to 3 significant digits.
bool matchesThreeDigits(double actual, double value) {
    if (value == 0) return std::abs(actual) <= 1e-12;
    const double halfUnit = 0.5 * std::pow(10.0, std::floor(std::log10(std::abs(value))) - 2);
    return std::abs(actual - value) <= halfUnit * (1 + 1e-9);
}

// Definitions that differ between pyradiomics and IBSI (docs/radiomics.md): pyradiomics' Kurtosis
// is IBSI's excess kurtosis + 3; pyradiomics' axis lengths use the population covariance of the
// voxel centres, IBSI the sample covariance (N - 1), a factor sqrt(N / (N - 1)) on the lengths.
double toIbsi(const std::string& pyradiomicsName, double value, double voxelCount) {
    if (pyradiomicsName == "original_firstorder_Kurtosis") return value - 3;
    if (pyradiomicsName == "original_shape_MajorAxisLength" || pyradiomicsName == "original_shape_MinorAxisLength" ||
        pyradiomicsName == "original_shape_LeastAxisLength")
        return value * std::sqrt(voxelCount / (voxelCount - 1));
    return value;
}

struct Comparison {
    QStringList failures, absent;
    int compared = 0;
    int perSliceCompared = 0;  // of them, IBSI's 2D (per-slice) values
    // The data set's reference rows that have a value, and those compared (a row may be compared
    // twice: the intensity histogram's entropy as first order's and as the class's, ...).
    int rowsWithValue = 0, rowsCompared = 0;
    std::map<std::string, int> comparedByClass;  // "gldzm" -> values of that class compared

    int comparedOf(const std::string& featureClass) const {
        const auto found = comparedByClass.find(featureClass);
        return found == comparedByClass.end() ? 0 : found->second;
    }
    // "16 gldzm, 23 intensityhistogram, ..." for IBSI's classes that pyradiomics lacks.
    QString ibsiClassCounts() const {
        QStringList counts;
        for (const std::string& name : kIbsiClasses) counts << QString("%1 %2").arg(comparedOf(name)).arg(name.c_str());
        return counts.join(", ");
    }
};

// The prefix the benchmark gives a data set's first-order rows: 2D_ in configurations A and B (run
// with force2D), 3D_ elsewhere.
std::string firstOrderPrefix(const std::string& dataSet) {
    return dataSet == "config_A" || dataSet == "config_B" ? "2D_" : "3D_";
}

// IBSI's intensity histogram features, named as this engine's intensityhistogram class names them.
// Without a texture aggregation, their rows are named with the prefix the benchmark gives the data
// set's first-order rows (2D_ in configurations A and B, 3D_ elsewhere).
std::string histogramMapping(const std::string& dataSet, const std::string& tag) {
    static const std::map<std::string, std::string> names = {{"mean", "Mean"},
                                                             {"var", "Variance"},
                                                             {"skew", "Skewness"},
                                                             {"kurt", "ExcessKurtosis"},
                                                             {"median", "Median"},
                                                             {"min", "Minimum"},
                                                             {"p10", "10Percentile"},
                                                             {"p90", "90Percentile"},
                                                             {"max", "Maximum"},
                                                             {"mode", "Mode"},
                                                             {"iqr", "InterquartileRange"},
                                                             {"range", "Range"},
                                                             {"mad", "MeanAbsoluteDeviation"},
                                                             {"rmad", "RobustMeanAbsoluteDeviation"},
                                                             {"medad", "MedianAbsoluteDeviation"},
                                                             {"cov", "CoefficientOfVariation"},
                                                             {"qcod", "QuartileCoefficientOfDispersion"},
                                                             {"entropy", "Entropy"},
                                                             {"uniformity", "Uniformity"},
                                                             {"max_grad", "MaximumHistogramGradient"},
                                                             {"max_grad_g", "MaximumHistogramGradientIntensity"},
                                                             {"min_grad", "MinimumHistogramGradient"},
                                                             {"min_grad_g", "MinimumHistogramGradientIntensity"}};
    return firstOrderPrefix(dataSet) + "original_intensityhistogram_" + names.at(tag.substr(3));
}

// IBSI's intensity-volume histogram features, named as this engine's intensityvolumehistogram class
// names them, with the data set's first-order prefix.
std::string volumeHistogramMapping(const std::string& dataSet, const std::string& tag) {
    static const std::map<std::string, std::string> names = {{"v10", "VolumeAtIntensityFraction10"},
                                                             {"v90", "VolumeAtIntensityFraction90"},
                                                             {"i10", "IntensityAtVolumeFraction10"},
                                                             {"i90", "IntensityAtVolumeFraction90"},
                                                             {"diff_v10_v90", "VolumeFractionDifference10To90"},
                                                             {"diff_i10_i90", "IntensityDifference10To90"}};
    return firstOrderPrefix(dataSet) + "original_intensityvolumehistogram_" + names.at(tag.substr(4));
}

// The names a reference row is compared under: the benchmark's pyradiomics mapping, and for IBSI's
// classes that pyradiomics lacks, this engine's names. GLDZM and NGLDM rows are named the way the
// benchmark names pyradiomics' texture rows (3D_ for 3D, 2D_ for 2.5D, which force2D computes);
// IBSI's 2D (per-slice) rows are not offered.
std::vector<std::string> mappingsOf(const CsvTable& table, const std::vector<std::string>& row) {
    const std::string tag = row[table.column("ibsi_tag")];
    std::vector<std::string> mappings;
    if (const std::string mapped = row[table.column("pyradiomics_benchmark_mapping")]; !mapped.empty())
        mappings.push_back(mapped);
    if (tag.rfind("ih_", 0) == 0) mappings.push_back(histogramMapping(row[table.column("data_set")], tag));
    if (tag.rfind("ivh_", 0) == 0) mappings.push_back(volumeHistogramMapping(row[table.column("data_set")], tag));
    if (tag == "loc_peak_loc" || tag == "loc_peak_glob")
        mappings.push_back(firstOrderPrefix(row[table.column("data_set")]) + "original_localintensity_" +
                           (tag == "loc_peak_loc" ? "LocalIntensityPeak" : "GlobalIntensityPeak"));
    static const std::map<std::string, std::string> wholeRoi = {
        {"stat_medad", "intensitystatistics_MedianAbsoluteDeviation"},
        {"stat_cov", "intensitystatistics_CoefficientOfVariation"},
        {"stat_qcod", "intensitystatistics_QuartileCoefficientOfDispersion"},
        {"morph_vol_dens_aabb", "morphology_VolumeDensityAxisAlignedBoundingBox"},
        {"morph_area_dens_aabb", "morphology_AreaDensityAxisAlignedBoundingBox"},
        {"morph_vol_dens_ombb", "morphology_VolumeDensityOrientedMinimumBoundingBox"},
        {"morph_area_dens_ombb", "morphology_AreaDensityOrientedMinimumBoundingBox"},
        {"morph_vol_dens_aee", "morphology_VolumeDensityApproximateEnclosingEllipsoid"},
        {"morph_area_dens_aee", "morphology_AreaDensityApproximateEnclosingEllipsoid"},
        {"morph_vol_dens_conv_hull", "morphology_VolumeDensityConvexHull"},
        {"morph_area_dens_conv_hull", "morphology_AreaDensityConvexHull"},
        {"morph_asphericity", "morphology_Asphericity"},
        {"morph_com", "morphology_CentreOfMassShift"},
        {"morph_integ_int", "morphology_IntegratedIntensity"},
        {"morph_moran_i", "morphology_MoransI"},
        {"morph_geary_c", "morphology_GearysC"}};
    if (const auto found = wholeRoi.find(tag); found != wholeRoi.end())
        mappings.push_back(firstOrderPrefix(row[table.column("data_set")]) + "original_" + found->second);
    const std::string aggregation = row[table.column("aggregation")];
    const std::string suffix = aggregation == "3D" ? "_3D" : aggregation == "2.5D" ? "_2_5D" : "";
    if (suffix.empty() || tag.size() < suffix.size()) return mappings;
    const std::string texturePrefix = aggregation == "3D" ? "3D_" : "2D_";
    const std::string code = tag.substr(4, tag.size() - 4 - suffix.size());
    static const std::map<std::string, std::string> ngldm = {{"dc_energy", "DependenceCountEnergy"},
                                                             {"dc_perc", "DependenceCountPercentage"},
                                                             {"glnu_norm", "GrayLevelNonUniformityNormalized"}};
    if (tag.rfind("ngl_", 0) == 0 && ngldm.count(code))
        mappings.push_back(texturePrefix + "original_ngldm_" + ngldm.at(code));
    if (tag.rfind("dzm_", 0) != 0) return mappings;
    static const std::map<std::string, std::string> names = {{"sde", "SmallDistanceEmphasis"},
                                                             {"lde", "LargeDistanceEmphasis"},
                                                             {"lgze", "LowGrayLevelZoneEmphasis"},
                                                             {"hgze", "HighGrayLevelZoneEmphasis"},
                                                             {"sdlge", "SmallDistanceLowGrayLevelEmphasis"},
                                                             {"sdhge", "SmallDistanceHighGrayLevelEmphasis"},
                                                             {"ldlge", "LargeDistanceLowGrayLevelEmphasis"},
                                                             {"ldhge", "LargeDistanceHighGrayLevelEmphasis"},
                                                             {"glnu", "GrayLevelNonUniformity"},
                                                             {"glnu_norm", "GrayLevelNonUniformityNormalized"},
                                                             {"zdnu", "ZoneDistanceNonUniformity"},
                                                             {"zdnu_norm", "ZoneDistanceNonUniformityNormalized"},
                                                             {"z_perc", "ZonePercentage"},
                                                             {"gl_var", "GrayLevelVariance"},
                                                             {"zd_var", "ZoneDistanceVariance"},
                                                             {"zd_entr", "ZoneDistanceEntropy"}};
    mappings.push_back(texturePrefix + "original_gldzm_" + names.at(code));
    return mappings;
}

// IBSI's 2D (per-slice) rows, named as the engine names them with force2DPerSlice: as their 2.5D
// sibling (the tag with _2_5D for _2D) is named with force2D alone, "2D_" becoming "2DS_", except
// first order's (which describes the whole ROI); other rows as mappingsOf names them.
std::vector<std::string> perSliceMappingsOf(const CsvTable& table, const std::vector<std::string>& row) {
    const std::string tag = row[table.column("ibsi_tag")];
    const std::size_t at = tag.find("_2D");
    if (row[table.column("aggregation")].rfind("2D", 0) != 0 || at == std::string::npos) return mappingsOf(table, row);
    const std::string sibling = tag.substr(0, at) + "_2_5D" + tag.substr(at + 3);
    std::vector<std::string> mappings;
    for (const auto& other : table.rows)
        if (other[table.column("data_set")] == row[table.column("data_set")] &&
            other[table.column("ibsi_tag")] == sibling)
            for (const std::string& mapping : mappingsOf(table, other))
                if (mapping.rfind("2D_", 0) == 0 && mapping.find("_firstorder_") == std::string::npos)
                    mappings.push_back("2DS_" + mapping.substr(3));
    return mappings;
}

// Compares every reference row of `dataSet` whose pyradiomics mapping starts with one of the
// prefixes; `byPrefix` gives the values computed for the prefix's run mode.
Comparison compareRows(const CsvTable& table, const std::string& dataSet,
                       const std::vector<std::pair<std::string, std::map<std::string, double>>>& byPrefix,
                       double voxelCount) {
    Comparison c;
    for (const auto& row : table.rows) {
        // IBSI publishes no value for a few (configuration C's compactness 1).
        if (row[table.column("data_set")] != dataSet || row[table.column("value")].empty()) continue;
        ++c.rowsWithValue;
        const int comparedBefore = c.compared;
        for (const std::string& mapping : perSliceMappingsOf(table, row))
            for (const auto& [prefix, values] : byPrefix) {
                if (mapping.rfind(prefix, 0) != 0 || mapping.compare(prefix.size(), 9, "original_") != 0) continue;
                const std::string name = mapping.substr(prefix.size());
                const auto found = values.find(name);
                if (found == values.end()) {
                    c.absent << QString::fromStdString(name);
                    break;
                }
                const double actual = toIbsi(name, found->second, voxelCount);
                const double value = std::stod(row[table.column("value")]);
                const bool exact = row[table.column("tolerance_as_printed")] == "—";
                const bool ok = exact ? matchesThreeDigits(actual, value)
                                      : std::abs(actual - value) <= std::stod(row[table.column("tolerance")]);
                if (!ok)
                    c.failures << QString("%1 (%2, %3): got %4, IBSI %5 +- %6")
                                      .arg(QString::fromStdString(mapping),
                                           QString::fromStdString(row[table.column("feature")]),
                                           QString::fromStdString(row[table.column("aggregation")]))
                                      .arg(actual, 0, 'g', 6)
                                      .arg(QString::fromStdString(row[table.column("value_as_printed")]),
                                           QString::fromStdString(row[table.column("tolerance_as_printed")]));
                ++c.compared;
                if (prefix.rfind("2DS_", 0) == 0) ++c.perSliceCompared;
                const std::size_t classStart = name.find('_') + 1;
                ++c.comparedByClass[name.substr(classStart, name.find('_', classStart) - classStart)];
                break;
            }
        if (c.compared > comparedBefore) ++c.rowsCompared;
    }
    return c;
}

// The features of each aggregation the benchmark names by prefix: 2.5D (force2D) and 3D, each
// averaged over directions and merged (weightingNorm no_weighting).
std::vector<std::pair<std::string, std::map<std::string, double>>> valuesByAggregation(const Volume& image,
                                                                                       const LabelMap& mask,
                                                                                       const Settings& settings) {
    std::vector<std::pair<std::string, std::map<std::string, double>>> byPrefix;
    for (const std::string prefix : {"2DS_Combined_", "2DS_", "2D_Combined_", "2D_", "3D_Combined_", "3D_"}) {
        Settings run = settings;
        run.force2D = prefix[0] == '2';
        run.force2DPerSlice = prefix.rfind("2DS_", 0) == 0;
        if (prefix.find("Combined") != std::string::npos) run.weightingNorm = WeightingNorm::NoWeighting;
        byPrefix.emplace_back(prefix, byName(extractFeatures(image, mask, 1, run, false)));
    }
    return byPrefix;
}

}  // namespace

class RadiomicsIbsi : public QObject {
    Q_OBJECT
private slots:
    void digitalPhantom();
    void ctPhantomConfigurationA();
    void ctPhantomResampledConfigurations_data();
    void ctPhantomResampledConfigurations();
    void morphologyClosedForms();
    void minimumVolumeEnclosingEllipsoid();
    void orientedMinimumBoundingBox();
    void perSliceLoneVoxel();
};

void RadiomicsIbsi::digitalPhantom() {
    const Volume image = readVolume(testData("ibsi1_digital_phantom/phantom.nii.gz"));
    const LabelMap mask = readLabelMap(testData("ibsi1_digital_phantom/mask.nii.gz"));
    Settings averaged;
    averaged.binWidth = 1;                    // grey levels are the phantom's integer intensities
    averaged.ibsiClasses = everyIbsiClass();  // IVH: the intensities as they are (integers)
    averaged.deprecatedFeatures = true;       // pyradiomics' compactness, IBSI's too
    // 3D and 2.5D (force2D), each averaged over directions and merged; IBSI's 2D per-slice
    // aggregation is not offered.
    const auto byPrefix = valuesByAggregation(image, mask, averaged);
    const CsvTable table = readCsv(testData("ibsi1_digital_phantom/reference_values.csv"));
    const Comparison c =
        compareRows(table, "digital_phantom", byPrefix, byPrefix.back().second.at("original_shape_VoxelVolume") / 8.0);
    qInfo("%d IBSI values compared, %d of them per slice (%s)", c.compared, c.perSliceCompared,
          qPrintable(c.ibsiClassCounts()));
    QVERIFY2(c.absent.isEmpty(), qPrintable(c.absent.join(", ")));
    QCOMPARE(c.rowsCompared, c.rowsWithValue);  // every IBSI value of the digital phantom
    QCOMPARE(c.rowsWithValue, 484);
    QCOMPARE(c.comparedOf("gldzm"), 48);
    QCOMPARE(c.comparedOf("intensityhistogram"), 23);
    QCOMPARE(c.comparedOf("intensityvolumehistogram"), 6);
    QCOMPARE(c.comparedOf("localintensity"), 2);
    QCOMPARE(c.comparedOf("intensitystatistics"), 3);
    QCOMPARE(c.comparedOf("ngldm"), 9);
    QCOMPARE(c.comparedOf("morphology"), 13);
    // 2D: GLCM and GLRLM averaged and slice-merged, GLSZM, GLDZM, NGTDM, NGLDM
    QCOMPARE(c.perSliceCompared, 2 * 25 + 2 * 16 + 16 + 16 + 5 + 17);
    // 3D, 2.5D, GLDZM in both, the two histograms, peaks, statistics, NGLDM in both, morphology, 2D
    QCOMPARE(c.compared, 146 + 118 + 32 + 23 + 6 + 2 + 3 + 6 + 13 + 136 + 3);  // + pyradiomics' deprecated
    if (!c.failures.isEmpty())
        QFAIL(qPrintable(QString::number(c.failures.size()) + " differ:\n" + c.failures.join("\n")));
}

void RadiomicsIbsi::ctPhantomConfigurationA() {
    DRS_REQUIRE_IBSI_CT_PHANTOM();
    const Volume image = readVolume(drs::test::ibsiCtPhantom() + "/image/phantom.nii.gz");
    const LabelMap mask = readLabelMap(drs::test::ibsiCtPhantom() + "/mask/mask.nii.gz");
    // Configuration A: no resampling, resegmentation [-500, 400] HU, fixed bin size 25 HU, 2D texture.
    Settings s;
    s.resegmentRange = {-500, 400};
    s.binWidth = 25;
    s.force2D = true;
    s.ibsiClasses = everyIbsiClass();  // IVH: the HU as they are
    s.deprecatedFeatures = true;
    std::vector<std::pair<std::string, std::map<std::string, double>>> byPrefix;
    for (const std::string prefix : {"2DS_Combined_", "2DS_", "2D_Combined_", "2D_"}) {
        Settings run = s;
        run.force2DPerSlice = prefix.rfind("2DS_", 0) == 0;
        if (prefix.find("Combined") != std::string::npos) run.weightingNorm = WeightingNorm::NoWeighting;
        byPrefix.emplace_back(prefix, byName(extractFeatures(image, mask, 1, run, false)));
    }
    const auto& values = byPrefix.back().second;
    const CsvTable table = readCsv(testData("ibsi1_ct_phantom/reference_values.csv"));
    const Comparison c = compareRows(table, "config_A", byPrefix,
                                     values.at("original_shape_VoxelVolume") / image.geometry.voxelVolumeMm3());
    qInfo("%d IBSI config A values compared, %d of them per slice (%s)", c.compared, c.perSliceCompared,
          qPrintable(c.ibsiClassCounts()));
    QCOMPARE(c.comparedOf("gldzm"), 32);
    QCOMPARE(c.comparedOf("intensityhistogram"), 23);
    QCOMPARE(c.comparedOf("intensityvolumehistogram"), 6);
    QCOMPARE(c.comparedOf("localintensity"), 2);
    QCOMPARE(c.comparedOf("intensitystatistics"), 3);
    QCOMPARE(c.comparedOf("ngldm"), 6);
    QCOMPARE(c.comparedOf("morphology"), 11);
    QCOMPARE(c.perSliceCompared, 136);
    QCOMPARE(c.compared, 146 + 16 + 23 + 6 + 2 + 3 + 3 + 11 + 136 + 3);
    QCOMPARE(c.rowsCompared, c.rowsWithValue);
    QCOMPARE(c.rowsWithValue, 346);
    if (!c.failures.isEmpty())
        QFAIL(qPrintable(QString::number(c.failures.size()) + " differ:\n" + c.failures.join("\n")));
}

// Configurations B-E: interpolation to 2 mm (B in-plane only) with IBSI's conventions, which this
// engine offers beside pyradiomics' (docs/radiomics.md): grid centres aligned, the mask interpolated
// like the image's linear case and kept where >= 0.5, intensities rounded, bins anchored at the
// resegmentation minimum, and outlier filtering (3 SD) combined with the range.
void RadiomicsIbsi::ctPhantomResampledConfigurations_data() {
    QTest::addColumn<QString>("configuration");
    for (const char* c : {"B", "C", "D", "E"}) QTest::newRow(c) << QString(c);
}

void RadiomicsIbsi::ctPhantomResampledConfigurations() {
    QFETCH(QString, configuration);
    DRS_REQUIRE_IBSI_CT_PHANTOM();
    const Volume image = readVolume(drs::test::ibsiCtPhantom() + "/image/phantom.nii.gz");
    const LabelMap mask = readLabelMap(drs::test::ibsiCtPhantom() + "/mask/mask.nii.gz");
    Settings s;
    s.resamplingGrid = GridAlignment::Center;
    s.maskInterpolator = Interpolator::Linear;
    s.maskPartialVolumeThreshold = 0.5;
    s.roundIntensities = true;
    s.binWidthAnchor = BinAnchor::Minimum;
    s.interpolator = Interpolator::Linear;
    s.resampledPixelSpacing = std::array<double, 3>{2, 2, 2};
    s.binCount = 32;
    s.ibsiClasses = everyIbsiClass();
    s.deprecatedFeatures = true;
    const std::string c = configuration.toStdString();
    if (c == "B") {
        s.resampledPixelSpacing = std::array<double, 3>{2, 2, 0};
        s.resegmentRange = {-500, 400};
    } else if (c == "C") {
        s.resegmentRange = {-1000, 400};
        s.binCount.reset();
        s.binWidth = 25;
        s.ivhBinWidth = 2.5;
    } else if (c == "D") {
        s.outlierFilterSigma = 3;
    } else {
        s.interpolator = Interpolator::BSpline;
        s.resegmentRange = {-1000, 400};
        s.outlierFilterSigma = 3;
        s.ivhBinCount = 1000;
    }
    // The product's diagnostics (drs extract's additionalInfo columns) against IBSI's: the image and
    // ROI as read, the interpolated ROI and the resegmented one (IBSI's morphological mask after
    // resegmentation is the interpolated ROI: shape is not resegmented).
    std::map<std::string, std::vector<double>> got;
    for (const Diagnostic& d : caseDiagnostics(image, mask, s, "mask")) {
        std::string list = d.value;
        std::vector<double> numbers;
        for (char& ch : list)
            if (ch == '(' || ch == ')' || ch == ',') ch = ' ';
        std::istringstream in(list);
        for (double v; in >> v;) numbers.push_back(v);
        got[d.name.substr(std::string("diagnostics_").size())] = numbers;
    }
    std::map<std::string, double> diagnostics;
    const char* const axes[] = {"x", "y", "z"};
    for (int a = 0; a < 3; ++a) {
        const std::string axis = axes[a];
        diagnostics["img_dim_" + axis + "_init_img"] = got["Image-original_Size"].at(a);
        diagnostics["vox_dim_" + axis + "_init_img"] = got["Image-original_Spacing"].at(a);
        for (const std::string mask : {"int", "morph"}) {
            diagnostics[mask + "_mask_bb_dim_" + axis + "_init_roi"] = got["Mask-original_BoundingBox"].at(3 + a);
            diagnostics[mask + "_mask_bb_dim_" + axis + "_interp_roi"] = got["Mask-interpolated_BoundingBox"].at(3 + a);
        }
        diagnostics["int_mask_bb_dim_" + axis + "_reseg_roi"] = got["Mask-resegmented_BoundingBox"].at(3 + a);
        diagnostics["morph_mask_bb_dim_" + axis + "_reseg_roi"] = got["Mask-interpolated_BoundingBox"].at(3 + a);
    }
    for (const auto& [ibsi, ours] :
         std::vector<std::pair<std::string, std::string>>{{"mean", "Mean"}, {"min", "Minimum"}, {"max", "Maximum"}}) {
        diagnostics[ibsi + "_int_init_img"] = got["Image-original_" + ours].at(0);
        diagnostics["int_mask_" + ibsi + "_int_interp_roi"] = got["Mask-interpolated_" + ours].at(0);
        diagnostics["int_mask_" + ibsi + "_int_reseg_roi"] = got["Mask-resegmented_" + ours].at(0);
    }
    for (const std::string mask : {"int", "morph"}) {
        diagnostics[mask + "_mask_vox_count_init_roi"] = got["Mask-original_VoxelNum"].at(0);
        diagnostics[mask + "_mask_vox_count_interp_roi"] = got["Mask-interpolated_VoxelNum"].at(0);
    }
    diagnostics["int_mask_vox_count_reseg_roi"] = got["Mask-resegmented_VoxelNum"].at(0);
    diagnostics["morph_mask_vox_count_reseg_roi"] = got["Mask-interpolated_VoxelNum"].at(0);
    const CsvTable diagnosticTable = readCsv(testData("ibsi1_ct_phantom/diagnostics.csv"));
    int diagnosed = 0;
    QStringList differ;
    for (const auto& row : diagnosticTable.rows) {
        if (row[diagnosticTable.column("data_set")] != "config_" + c) continue;
        const auto found = diagnostics.find(row[diagnosticTable.column("ibsi_tag")]);
        if (found == diagnostics.end()) continue;
        const double value = std::stod(row[diagnosticTable.column("value")]);
        const double tolerance = std::stod(row[diagnosticTable.column("tolerance")]);
        const bool within =
            tolerance > 0 ? std::abs(found->second - value) <= tolerance : matchesThreeDigits(found->second, value);
        if (!within)
            differ << QString("%1: got %2, IBSI %3 +- %4")
                          .arg(QString::fromStdString(found->first))
                          .arg(found->second, 0, 'g', 10)
                          .arg(value)
                          .arg(tolerance);
        ++diagnosed;
    }
    QVERIFY2(differ.isEmpty(), qPrintable(differ.join("\n")));
    QCOMPARE(diagnosed, 39);

    const auto byPrefix = valuesByAggregation(image, mask, s);
    const double voxels = byPrefix.back().second.at("original_shape_VoxelVolume") /
                          (2.0 * 2.0 * (c == "B" ? image.geometry.spacingMm[2] : 2.0));
    const CsvTable table = readCsv(testData("ibsi1_ct_phantom/reference_values.csv"));
    const Comparison result = compareRows(table, "config_" + c, byPrefix, voxels);
    qInfo("config %s: %d IBSI values compared, %d of them per slice, %lld differ (%s)", c.c_str(), result.compared,
          result.perSliceCompared, static_cast<long long>(result.failures.size()),
          qPrintable(result.ibsiClassCounts()));
    // B, in-plane resampled, has IBSI's 2D values too.
    QVERIFY2(result.absent.isEmpty(), qPrintable(result.absent.join(", ")));
    QCOMPARE(result.rowsCompared, result.rowsWithValue);
    // C's compactness 1 has none; E has the OMBB's area density
    QCOMPARE(result.rowsWithValue, c == "B" ? 346 : c == "C" ? 209 : c == "D" ? 210 : 211);
    QCOMPARE(result.perSliceCompared, c == "B" ? 136 : 0);
    QCOMPARE(result.comparedOf("gldzm"), c == "B" ? 32 : 16);
    QCOMPARE(result.comparedOf("intensityhistogram"), 23);
    QCOMPARE(result.comparedOf("intensityvolumehistogram"), 6);
    QCOMPARE(result.comparedOf("localintensity"), 2);
    QCOMPARE(result.comparedOf("intensitystatistics"), 3);
    QCOMPARE(result.comparedOf("ngldm"), c == "B" ? 6 : 3);
    QCOMPARE(result.comparedOf("morphology"), c == "E" ? 12 : 11);
    if (!result.failures.isEmpty())
        QFAIL(qPrintable(QString::number(result.failures.size()) + " differ:\n" + result.failures.join("\n")));
}

// Morphology where its values have closed forms, on voxels of 1 x 2 x 3 mm.
void RadiomicsIbsi::morphologyClosedForms() {
    Geometry g;
    g.sizeXyz = {5, 5, 5};
    g.spacingMm = {1, 2, 3};
    Volume image(g, 0.0f);
    LabelMap mask(g, 0);
    auto featuresOf = [&](const std::string& what) {
        std::map<std::string, double> values;
        for (const FeatureValue& f : morphologyFeatures(extractRegion(image, mask, Settings{}, what)))
            values[f.name] = f.value;
        return values;
    };
    // A block of 3 x 2 x 2 voxels holding 40: in voxel units its mesh is the box of its centres
    // (sides 2, 1, 1) grown by the octahedron of radius r = 1/2, of volume abc + 2r(ab + bc + ca) +
    // 2r^2(a + b + c) + 4r^3/3 = 55/6 (times 6 mm^3 per voxel unit), convex (its own hull), in a
    // 3 x 2 x 2 box; the PCA's sample variances over the 12 voxel centres are 12/11 s^2 (n^2 - 1) / 12
    // per axis: 8/11, 12/11 and 27/11 mm^2, the ellipsoid's semi-axes 2 sqrt of them.
    for (int z = 1; z <= 2; ++z)
        for (int y = 1; y <= 2; ++y)
            for (int x = 1; x <= 3; ++x) {
                mask.voxels[g.linear(x, y, z)] = 1;
                image.voxels[g.linear(x, y, z)] = 40;
            }
    const auto block = featuresOf("block");
    const double volumeMm3 = 55.0;
    QCOMPARE_LE(std::abs(block.at("VolumeDensityAxisAlignedBoundingBox") - (55.0 / 6) / 12), 1e-12);
    // Its hull has a face on each side of that box, and no turned box is smaller.
    QCOMPARE_LE(std::abs(block.at("VolumeDensityOrientedMinimumBoundingBox") - (55.0 / 6) / 12), 1e-12);
    QCOMPARE(block.at("AreaDensityOrientedMinimumBoundingBox"), block.at("AreaDensityAxisAlignedBoundingBox"));
    QCOMPARE_LE(std::abs(block.at("VolumeDensityConvexHull") - 1), 1e-9);
    QCOMPARE_LE(std::abs(block.at("AreaDensityConvexHull") - 1), 1e-9);
    QCOMPARE_LE(std::abs(block.at("VolumeDensityApproximateEnclosingEllipsoid") -
                         volumeMm3 / (4 * std::numbers::pi / 3 * 8 * std::sqrt(8.0 * 12 * 27 / (11 * 11 * 11)))),
                1e-12);
    QCOMPARE_LE(std::abs(block.at("IntegratedIntensity") - 40 * volumeMm3), 1e-9);
    QCOMPARE_LE(block.at("CentreOfMassShift"), 1e-12);
    // One intensity: no spatial autocorrelation to speak of, and no number that looks like one.
    QVERIFY(std::isnan(block.at("MoransI")));
    QVERIFY(std::isnan(block.at("GearysC")));
    // An L of three voxels at (0, 0), (1 mm, 0) and (0, 2 mm) holding 0, 1, 2: deviations -1, 0, 1,
    // weights 1, 1/2 and 1/sqrt(5) (pairs 1-2, 1-3, 2-3), so sum w = 2 (3/2 + 1/sqrt 5),
    // I = 3 / sum w * 2 (-1/2) / 2 and C = 2 / (2 sum w) * 2 (1 + 4/2 + 1/sqrt 5) / 2; the
    // centroid (1/3, 2/3) mm, the intensity-weighted one (1/3, 4/3) mm.
    mask.voxels.assign(mask.voxels.size(), 0);
    for (const auto& [x, y, value] : {std::tuple{0, 0, 0.0f}, std::tuple{1, 0, 1.0f}, std::tuple{0, 1, 2.0f}}) {
        mask.voxels[g.linear(x, y, 1)] = 1;
        image.voxels[g.linear(x, y, 1)] = value;
    }
    const auto l = featuresOf("L of three voxels");
    const double weights = 2 * (1.5 + 1 / std::sqrt(5.0));
    QCOMPARE_LE(std::abs(l.at("MoransI") - 3 / weights * -1.0 / 2), 1e-12);
    QCOMPARE_LE(std::abs(l.at("GearysC") - 1 / weights * (3 + 1 / std::sqrt(5.0))), 1e-12);
    QCOMPARE_LE(std::abs(l.at("CentreOfMassShift") - 2.0 / 3), 1e-12);
    // Flat: no ellipsoid.
    QVERIFY(std::isnan(l.at("VolumeDensityApproximateEnclosingEllipsoid")));
    QVERIFY(std::isnan(l.at("AreaDensityApproximateEnclosingEllipsoid")));

    // A cube of 3 x 3 x 3 voxels: in voxel units its mesh is the cube of its centres (side 2) grown
    // by the octahedron of radius 1/2, whose 24 corners (+-3/2, +-1, +-1) and their permutations lie
    // on the sphere of radius r = sqrt(17) / 2; the cube's symmetries leave that sphere the only
    // smallest ellipsoid around them. In mm: semi-axes 3r, 2r, r. The mesh's volume is 139/6 voxel
    // units (as above); its area in mm sums its faces, each of area a and unit normal n in voxel
    // units scaling by 6 |diag(1, 1/2, 1/3) n|: the cube's 6 faces (area 4) 2 (24 + 12 + 8), the
    // 12 edge faces (area sqrt 2) 4 (sqrt 13 + 2 sqrt 10 + 3 sqrt 5), the 8 corner triangles (area
    // sqrt(3) / 8) 8 * 7/8.
    mask.voxels.assign(mask.voxels.size(), 0);
    for (int z = 1; z <= 3; ++z)
        for (int y = 1; y <= 3; ++y)
            for (int x = 1; x <= 3; ++x) mask.voxels[g.linear(x, y, z)] = 1;
    const auto cube = featuresOf("cube");
    const double r = std::sqrt(17.0) / 2, cubeVolumeMm3 = 139.0;
    const double cubeAreaMm2 = 88 + 4 * (std::sqrt(13.0) + 2 * std::sqrt(10.0) + 3 * std::sqrt(5.0)) + 7;
    QCOMPARE_LE(std::abs(cube.at("VolumeDensityMinimumVolumeEnclosingEllipsoid") -
                         cubeVolumeMm3 / (4 * std::numbers::pi / 3 * 6 * r * r * r)),
                1e-9);
    // IBSI's area series for semi-axes a >= b >= c, its Legendre polynomials by their recurrence at
    // x = (alpha^2 + beta^2) / (2 alpha beta).
    const double a = 3 * r, b = 2 * r, c = r;
    const double alpha = std::sqrt(1 - b * b / (a * a)), beta = std::sqrt(1 - c * c / (a * a));
    const double x = (alpha * alpha + beta * beta) / (2 * alpha * beta);
    double legendrePrevious = 1, legendre = x, series = 1;
    for (int v = 1; v <= 20; ++v) {
        series += std::pow(alpha * beta, v) / (1 - 4.0 * v * v) * legendre;
        const double next = ((2 * v + 1) * x * legendre - v * legendrePrevious) / (v + 1);
        legendrePrevious = legendre;
        legendre = next;
    }
    QCOMPARE_LE(std::abs(cube.at("AreaDensityMinimumVolumeEnclosingEllipsoid") -
                         cubeAreaMm2 / (4 * std::numbers::pi * a * b * series)),
                1e-9);
}

// The smallest ellipsoid around a tetrahedron T v_k + t, v_k the corners of the regular one
// (+-1, +-1, +-1 with an even number of minus signs), is T applied to v_k's circumscribed sphere
// (radius sqrt 3): its semi-axes are sqrt 3 times T's singular values, whatever points inside are
// added (they start with weight, which the away steps must take off them).
void RadiomicsIbsi::minimumVolumeEnclosingEllipsoid() {
    Eigen::Matrix3d t;
    t << 4.0, 1.5, -0.7, 0.3, 2.0, 0.9, -1.1, 0.4, 0.8;
    const Eigen::Vector3d shift(120.5, -80.25, 310.0);
    const std::array<Eigen::Vector3d, 4> regular{Eigen::Vector3d(1, 1, 1), Eigen::Vector3d(1, -1, -1),
                                                 Eigen::Vector3d(-1, 1, -1), Eigen::Vector3d(-1, -1, 1)};
    std::vector<std::array<double, 3>> points;
    const auto add = [&](const Eigen::Vector3d& v) {
        const Eigen::Vector3d p = t * v + shift;
        points.push_back({p[0], p[1], p[2]});
    };
    for (const Eigen::Vector3d& v : regular) add(v);
    for (int k = 1; k <= 60; ++k) {  // inside: convex combinations of the corners
        const double w[4] = {double(k % 7 + 1), double(k % 5 + 1), double(k % 3 + 1), double(k % 11 + 1)};
        const double total = w[0] + w[1] + w[2] + w[3];
        add((w[0] * regular[0] + w[1] * regular[1] + w[2] * regular[2] + w[3] * regular[3]) / total);
    }
    const Eigen::Vector3d singular = Eigen::JacobiSVD<Eigen::Matrix3d>(t).singularValues();  // descending
    const std::array<double, 3> semiAxes = drs::radiomics::minimumVolumeEnclosingEllipsoidSemiAxesMm(points);
    for (int i = 0; i < 3; ++i)
        QCOMPARE_LE(std::abs(semiAxes[std::size_t(i)] - std::sqrt(3.0) * singular[i]), 1e-6 * singular[0]);
    // Points in one plane span no volume.
    for (auto& p : points) p[2] = 7;
    QCOMPARE(drs::radiomics::minimumVolumeEnclosingEllipsoidSemiAxesMm(points), (std::array<double, 3>{0, 0, 0}));
}

// A 7 x 5 x 3 mm box turned by a rotation about a skew axis, with points inside it and on its
// faces: the smallest box around them is the box itself.
void RadiomicsIbsi::orientedMinimumBoundingBox() {
    const Eigen::Matrix3d turn = Eigen::AngleAxisd(0.7, Eigen::Vector3d(1, -2, 0.5).normalized()).toRotationMatrix();
    const Eigen::Vector3d half(3.5, 2.5, 1.5), shift(-40, 12.5, 260);
    std::vector<std::array<double, 3>> points;
    const auto add = [&](const Eigen::Vector3d& inBox) {
        const Eigen::Vector3d p = turn * inBox + shift;
        points.push_back({p[0], p[1], p[2]});
    };
    for (int corner = 0; corner < 8; ++corner)
        add(Eigen::Vector3d(corner & 1 ? half[0] : -half[0], corner & 2 ? half[1] : -half[1],
                            corner & 4 ? half[2] : -half[2]));
    for (int k = 0; k < 40; ++k) {  // inside, and on the faces x = +-3.5
        const Eigen::Vector3d inside((k % 7 - 3) * 0.9, (k % 5 - 2) * 1.1, (k % 3 - 1) * 1.2);
        add(inside);
        add(Eigen::Vector3d(k % 2 ? half[0] : -half[0], inside[1], inside[2]));
    }
    const std::array<double, 3> sides = drs::radiomics::orientedMinimumBoundingBoxSidesMm(points);
    QCOMPARE_LE(std::abs(sides[0] - 7), 1e-9);
    QCOMPARE_LE(std::abs(sides[1] - 5), 1e-9);
    QCOMPARE_LE(std::abs(sides[2] - 3), 1e-9);
}

// With force2DPerSlice, a slice of one voxel has no GLCM pair: GLCM's features describe the other
// slices (here the one 3 x 3 slice, as when it is the whole ROI), and the families a lone voxel
// does define (its one run, zone and dependence) average it in; its NGTDM coarseness is left out.
void RadiomicsIbsi::perSliceLoneVoxel() {
    Geometry g;
    g.sizeXyz = {4, 4, 3};
    Volume image(g, 0.0f);
    LabelMap square(g, 0);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 3; ++x) {
            square.voxels[g.linear(x, y, 0)] = 1;
            image.voxels[g.linear(x, y, 0)] = float(1 + (x + 2 * y) % 4);
        }
    LabelMap withLoneVoxel = square;
    withLoneVoxel.voxels[g.linear(1, 1, 1)] = 1;
    image.voxels[g.linear(1, 1, 1)] = 3;
    Settings s;
    s.binWidth = 1;
    s.force2D = true;
    s.force2DPerSlice = true;
    const auto both = byName(extractFeatures(image, withLoneVoxel, 1, s, false));
    const auto squareOnly = byName(extractFeatures(image, square, 1, s, false));
    for (const auto& [name, value] : both) {
        if (name.find("_glcm_") == std::string::npos) continue;
        QVERIFY2(std::isfinite(value), name.c_str());
        QCOMPARE(value, squareOnly.at(name));
    }
    // One run of length 1 at level 3 beside the square's runs: GLRLM's short run emphasis averages
    // the square's with the lone voxel's 1.
    QCOMPARE(both.at("original_glrlm_ShortRunEmphasis"), (squareOnly.at("original_glrlm_ShortRunEmphasis") + 1) / 2);
    // The lone voxel differs from no neighbour: its NGTDM coarseness is infinite, left out of the
    // mean (pyradiomics' 10^6 would make it (10^6 + c) / 2). The square's by hand, 8 neighbours in
    // plane: levels 1, 2, 3, 4 hold 3, 2, 3, 1 voxels, s = 29/5, 4/5, 7/3, 2, sum p_i s_i = 28/9.
    QCOMPARE_LE(std::abs(squareOnly.at("original_ngtdm_Coarseness") - 9.0 / 28), 1e-12);
    QCOMPARE(both.at("original_ngtdm_Coarseness"), squareOnly.at("original_ngtdm_Coarseness"));
}

QTEST_GUILESS_MAIN(RadiomicsIbsi)
#include "test_radiomics_ibsi.moc"
