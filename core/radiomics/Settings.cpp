#include "core/radiomics/Settings.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "core/radiomics/Deprecated.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/Shape2D.h"
#include "core/radiomics/Wavelet.h"
#include "core/util/Error.h"
#include "core/util/Yaml.h"

namespace drs::radiomics {

const std::vector<std::string> kDerivedImageTypes = {"LoG",         "Square",   "SquareRoot", "Logarithm",
                                                     "Exponential", "Gradient", "LBP2D",      "LBP3D"};

namespace {

const char* weightingName(WeightingNorm norm) {
    switch (norm) {
    case WeightingNorm::None: return "none";
    case WeightingNorm::NoWeighting: return "no_weighting";
    case WeightingNorm::Manhattan: return "manhattan";
    case WeightingNorm::Euclidean: return "euclidean";
    case WeightingNorm::Infinity: return "infinity";
    }
    return "none";
}

const char* resegmentModeName(ResegmentMode mode) {
    switch (mode) {
    case ResegmentMode::Absolute: return "absolute";
    case ResegmentMode::Relative: return "relative";
    case ResegmentMode::Sigma: return "sigma";
    }
    return "absolute";
}

const std::map<std::string, LbpMethod>& lbpMethods() {
    static const std::map<std::string, LbpMethod> methods = {{"default", LbpMethod::Default},
                                                             {"ror", LbpMethod::Ror},
                                                             {"uniform", LbpMethod::Uniform},
                                                             {"nri_uniform", LbpMethod::NriUniform},
                                                             {"var", LbpMethod::Var}};
    return methods;
}

const char* interpolatorName(Interpolator interpolator) {
    switch (interpolator) {
    case Interpolator::NearestNeighbor: return "sitkNearestNeighbor";
    case Interpolator::Linear: return "sitkLinear";
    case Interpolator::BSpline: return "sitkBSpline";
    case Interpolator::Gaussian: return "sitkGaussian";
    case Interpolator::HammingWindowedSinc: return "sitkHammingWindowedSinc";
    case Interpolator::CosineWindowedSinc: return "sitkCosineWindowedSinc";
    case Interpolator::WelchWindowedSinc: return "sitkWelchWindowedSinc";
    case Interpolator::LanczosWindowedSinc: return "sitkLanczosWindowedSinc";
    case Interpolator::BlackmanWindowedSinc: return "sitkBlackmanWindowedSinc";
    }
    return "sitkBSpline";
}

[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& problem) {
    throw Error(source + ": parameter '" + key + "' " + problem);
}

double number(const QJsonValue& v, const std::string& source, const std::string& key) {
    if (!v.isDouble()) fail(source, key, "must be a number");
    return v.toDouble();
}

std::vector<double> sigmaList(const QJsonValue& v, const std::string& source, const std::string& key) {
    if (!v.isArray()) fail(source, key, "must be a list of kernel widths in mm, e.g. [1.0, 3.0]");
    std::vector<double> out;
    for (const QJsonValue& item : v.toArray()) {
        const double mm = number(item, source, key);
        if (!(mm > 0) || !std::isfinite(mm)) fail(source, key, "must hold widths above 0 mm");
        if (std::find(out.begin(), out.end(), mm) != out.end())
            fail(source, key, "lists " + QString::number(mm).toStdString() + " mm twice");
        out.push_back(mm);
    }
    return out;
}

int wholeNumber(const QJsonValue& v, const std::string& source, const std::string& key) {
    const double d = number(v, source, key);
    if (d != std::floor(d) || std::abs(d) > 1e9) fail(source, key, "must be a whole number");
    return static_cast<int>(d);
}

bool boolean(const QJsonValue& v, const std::string& source, const std::string& key) {
    if (!v.isBool()) fail(source, key, "must be true or false");
    return v.toBool();
}

std::string text(const QJsonValue& v, const std::string& source, const std::string& key) {
    if (!v.isString()) fail(source, key, "must be a string");
    return v.toString().toStdString();
}

std::vector<double> numbers(const QJsonValue& v, const std::string& source, const std::string& key) {
    if (!v.isArray()) fail(source, key, "must be an array of numbers");
    std::vector<double> out;
    for (const QJsonValue& item : v.toArray()) out.push_back(number(item, source, key));
    return out;
}

// The interpolators in the order of SimpleITK's InterpolatorEnum values 1..10, which pyradiomics also
// accepts as numbers; 5 is sitkLabelGaussian.
const std::array<std::optional<Interpolator>, 10> kSimpleItkInterpolators = {Interpolator::NearestNeighbor,
                                                                             Interpolator::Linear,
                                                                             Interpolator::BSpline,
                                                                             Interpolator::Gaussian,
                                                                             std::nullopt,
                                                                             Interpolator::HammingWindowedSinc,
                                                                             Interpolator::CosineWindowedSinc,
                                                                             Interpolator::WelchWindowedSinc,
                                                                             Interpolator::LanczosWindowedSinc,
                                                                             Interpolator::BlackmanWindowedSinc};

Interpolator interpolatorNamed(const QJsonValue& v, const std::string& source, const std::string& key) {
    const auto refuseLabelGaussian = [&] {
        fail(source, key,
             "is sitkLabelGaussian, SimpleITK's vote among nearby label values, which would give each new "
             "voxel one of its neighbours' intensities; it is not offered (sitkGaussian smooths intensities)");
    };
    if (v.isDouble()) {
        const int number = wholeNumber(v, source, key);
        if (number < 1 || number > 10) fail(source, key, "must be a SimpleITK interpolator name or number 1..10");
        const std::optional<Interpolator> numbered = kSimpleItkInterpolators[std::size_t(number - 1)];
        if (!numbered) refuseLabelGaussian();
        return *numbered;
    }
    const std::string name = text(v, source, key);
    if (name == "sitkLabelGaussian") refuseLabelGaussian();
    std::string names;
    for (const std::optional<Interpolator>& i : kSimpleItkInterpolators) {
        if (!i) continue;
        if (name == interpolatorName(*i)) return *i;
        names += std::string(names.empty() ? "" : ", ") + interpolatorName(*i);
    }
    fail(source, key, "must be one of " + names + " (got '" + name + "')");
}

using Reader = std::function<void(Settings&, const QJsonValue&, const std::string&, const std::string&)>;

const std::map<std::string, Reader>& settingReaders() {
    static const std::
        map<std::string, Reader>
            readers =
                {
                    {"label",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         const int label = wholeNumber(v, src, k);
                         if (label < 1 || label > 65535) fail(src, k, "must be in 1..65535");
                         s.label = static_cast<std::uint16_t>(label);
                     }},
                    {"binWidth", [](Settings& s, const QJsonValue& v, const std::string& src,
                                    const std::string& k) { s.binWidth = number(v, src, k); }},
                    {"binCount",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull())
                             s.binCount.reset();
                         else
                             s.binCount = wholeNumber(v, src, k);
                     }},
                    {"ivhBinWidth",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull())
                             s.ivhBinWidth.reset();
                         else
                             s.ivhBinWidth = number(v, src, k);
                     }},
                    {"ivhBinCount",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull())
                             s.ivhBinCount.reset();
                         else
                             s.ivhBinCount = wholeNumber(v, src, k);
                     }},
                    {"resegmentRange",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         s.resegmentRange = v.isNull() ? std::vector<double>{} : numbers(v, src, k);
                     }},
                    {"resegmentMode",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         const std::string mode = text(v, src, k);
                         if (mode == "absolute")
                             s.resegmentMode = ResegmentMode::Absolute;
                         else if (mode == "relative")
                             s.resegmentMode = ResegmentMode::Relative;
                         else if (mode == "sigma")
                             s.resegmentMode = ResegmentMode::Sigma;
                         else
                             fail(src, k, "must be one of absolute, relative, sigma (got '" + mode + "')");
                     }},
                    {"resegmentShape", [](Settings& s, const QJsonValue& v, const std::string& src,
                                          const std::string& k) { s.resegmentShape = boolean(v, src, k); }},
                    {"distances",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         s.distances.clear();
                         for (double d : numbers(v, src, k)) {
                             if (d != std::floor(d) || d < 1 || d > 100)
                                 fail(src, k, "must hold whole numbers in 1..100");
                             s.distances.push_back(static_cast<int>(d));
                         }
                     }},
                    {"symmetricalGLCM", [](Settings& s, const QJsonValue& v, const std::string& src,
                                           const std::string& k) { s.symmetricalGLCM = boolean(v, src, k); }},
                    {"weightingNorm",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull()) {
                             s.weightingNorm = WeightingNorm::None;
                             return;
                         }
                         const std::string norm = text(v, src, k);
                         if (norm == "no_weighting")
                             s.weightingNorm = WeightingNorm::NoWeighting;
                         else if (norm == "manhattan")
                             s.weightingNorm = WeightingNorm::Manhattan;
                         else if (norm == "euclidean")
                             s.weightingNorm = WeightingNorm::Euclidean;
                         else if (norm == "infinity")
                             s.weightingNorm = WeightingNorm::Infinity;
                         else if (norm == "none")
                             s.weightingNorm = WeightingNorm::None;
                         else
                             fail(src, k, "must be null or one of no_weighting, manhattan, euclidean, infinity");
                     }},
                    {"gldm_a", [](Settings& s, const QJsonValue& v, const std::string& src,
                                  const std::string& k) { s.gldmA = number(v, src, k); }},
                    {"voxelArrayShift", [](Settings& s, const QJsonValue& v, const std::string& src,
                                           const std::string& k) { s.voxelArrayShift = number(v, src, k); }},
                    {"minimumROIDimensions",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         s.minimumROIDimensions = wholeNumber(v, src, k);
                     }},
                    {"minimumROISize",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull())
                             s.minimumROISize.reset();
                         else
                             s.minimumROISize = wholeNumber(v, src, k);
                     }},
                    {"normalize", [](Settings& s, const QJsonValue& v, const std::string& src,
                                     const std::string& k) { s.normalize = boolean(v, src, k); }},
                    {"normalizeScale", [](Settings& s, const QJsonValue& v, const std::string& src,
                                          const std::string& k) { s.normalizeScale = number(v, src, k); }},
                    {"removeOutliers",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull())
                             s.removeOutliers.reset();
                         else
                             s.removeOutliers = number(v, src, k);
                     }},
                    {"force2D", [](Settings& s, const QJsonValue& v, const std::string& src,
                                   const std::string& k) { s.force2D = boolean(v, src, k); }},
                    {"force2Ddimension",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         s.force2Ddimension = wholeNumber(v, src, k);
                     }},
                    {"force2DPerSlice", [](Settings& s, const QJsonValue& v, const std::string& src,
                                           const std::string& k) { s.force2DPerSlice = boolean(v, src, k); }},
                    {"resampledPixelSpacing",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull()) {
                             s.resampledPixelSpacing.reset();
                             return;
                         }
                         const std::vector<double> spacing = numbers(v, src, k);
                         if (spacing.size() != 3)
                             fail(src, k, "must hold 3 numbers (x, y, z spacing in mm) or be null");
                         s.resampledPixelSpacing = std::array<double, 3>{spacing[0], spacing[1], spacing[2]};
                     }},
                    {"interpolator",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull())
                             s.interpolator.reset();
                         else
                             s.interpolator = interpolatorNamed(v, src, k);
                     }},
                    {"padDistance", [](Settings& s, const QJsonValue& v, const std::string& src,
                                       const std::string& k) { s.padDistance = wholeNumber(v, src, k); }},
                    {"preCrop", [](Settings& s, const QJsonValue& v, const std::string& src,
                                   const std::string& k) { s.preCrop = boolean(v, src, k); }},
                    {"resamplingGrid",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         const std::string grid = text(v, src, k);
                         if (grid == "origin")
                             s.resamplingGrid = GridAlignment::Origin;
                         else if (grid == "center")
                             s.resamplingGrid = GridAlignment::Center;
                         else
                             fail(src, k, "must be 'origin' (pyradiomics) or 'center' (IBSI) (got '" + grid + "')");
                     }},
                    {"maskInterpolator",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         s.maskInterpolator = interpolatorNamed(v, src, k);
                         if (s.maskInterpolator != Interpolator::NearestNeighbor &&
                             s.maskInterpolator != Interpolator::Linear)
                             fail(src, k, "must be sitkNearestNeighbor (pyradiomics) or sitkLinear (IBSI)");
                     }},
                    {"maskPartialVolumeThreshold",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         s.maskPartialVolumeThreshold = number(v, src, k);
                     }},
                    {"roundIntensities", [](Settings& s, const QJsonValue& v, const std::string& src,
                                            const std::string& k) { s.roundIntensities = boolean(v, src, k); }},
                    {"outlierFilterSigma",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         if (v.isNull())
                             s.outlierFilterSigma.reset();
                         else
                             s.outlierFilterSigma = number(v, src, k);
                     }},
                    {"binWidthAnchor",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         const std::string anchor = text(v, src, k);
                         if (anchor == "zero")
                             s.binWidthAnchor = BinAnchor::Zero;
                         else if (anchor == "minimum")
                             s.binWidthAnchor = BinAnchor::Minimum;
                         else
                             fail(src, k, "must be 'zero' (pyradiomics) or 'minimum' (IBSI) (got '" + anchor + "')");
                     }},
                    {"wavelet", [](Settings& s, const QJsonValue& v, const std::string& src,
                                   const std::string& k) { s.wavelet = text(v, src, k); }},
                    {"level", [](Settings& s, const QJsonValue& v, const std::string& src,
                                 const std::string& k) { s.waveletLevel = wholeNumber(v, src, k); }},
                    {"start_level", [](Settings& s, const QJsonValue& v, const std::string& src,
                                       const std::string& k) { s.waveletStartLevel = wholeNumber(v, src, k); }},
                    {"sigma", [](Settings& s, const QJsonValue& v, const std::string& src,
                                 const std::string& k) { s.sigmaMm = sigmaList(v, src, k); }},
                    {"gradientUseSpacing", [](Settings& s, const QJsonValue& v, const std::string& src,
                                              const std::string& k) { s.gradientUseSpacing = boolean(v, src, k); }},
                    {"lbp2DRadius", [](Settings& s, const QJsonValue& v, const std::string& src,
                                       const std::string& k) { s.lbp2DRadius = number(v, src, k); }},
                    {"lbp2DSamples", [](Settings& s, const QJsonValue& v, const std::string& src,
                                        const std::string& k) { s.lbp2DSamples = wholeNumber(v, src, k); }},
                    {"lbp2DMethod",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         // scikit-image reads the method name case-insensitively.
                         const std::string name = QString::fromStdString(text(v, src, k)).toLower().toStdString();
                         const auto method = lbpMethods().find(name);
                         if (method == lbpMethods().end())
                             fail(src, k,
                                  "must be default, ror, uniform, nri_uniform or var (got '" + text(v, src, k) +
                                      "')");
                         s.lbp2DMethod = method->second;
                     }},
                    {"lbp3DLevels", [](Settings& s, const QJsonValue& v, const std::string& src,
                                       const std::string& k) { s.lbp3DLevels = wholeNumber(v, src, k); }},
                    {"lbp3DIcosphereRadius", [](Settings& s, const QJsonValue& v, const std::string& src,
                                                const std::string& k) { s.lbp3DIcosphereRadius = number(v, src, k); }},
                    {"lbp3DIcosphereSubdivision",
                     [](Settings& s, const QJsonValue& v, const std::string& src, const std::string& k) {
                         s.lbp3DIcosphereSubdivision = wholeNumber(v, src, k);
                     }},
                };
    return readers;
}

// Keys pyradiomics accepts that change nothing in this engine's results.
bool isHarmlessPyradiomicsKey(const std::string& key) {
    return key == "additionalInfo" || key == "correctMask" || key == "geometryTolerance" || key == "enableCExtensions";
}

void readSettingsObject(Settings& settings, const QJsonObject& object, const std::string& source) {
    const auto& readers = settingReaders();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string key = it.key().toStdString();
        auto reader = readers.find(key);
        if (reader != readers.end()) {
            reader->second(settings, it.value(), source, key);
        } else if (!isHarmlessPyradiomicsKey(key)) {
            fail(source, key, "is unknown");
        }
    }
}

}  // namespace

void validate(const Settings& s, const std::string& source) {
    if (!(s.binWidth > 0) || !std::isfinite(s.binWidth)) fail(source, "binWidth", "must be a positive number");
    if (s.binCount && (*s.binCount < 1 || *s.binCount > 100000)) fail(source, "binCount", "must be in 1..100000");
    if (s.ivhBinWidth && (!(*s.ivhBinWidth > 0) || !std::isfinite(*s.ivhBinWidth)))
        fail(source, "ivhBinWidth", "must be a positive number");
    if (s.ivhBinCount && (*s.ivhBinCount < 2 || *s.ivhBinCount > 1000000))
        fail(source, "ivhBinCount", "must be in 2..1000000");
    if (s.ivhBinWidth && s.ivhBinCount) fail(source, "ivhBinCount", "and ivhBinWidth exclude each other: give one");
    if (s.resegmentRange.size() > 2) fail(source, "resegmentRange", "must hold one or two numbers");
    if (s.distances.empty()) fail(source, "distances", "must hold at least one distance");
    if (s.gldmA < 0) fail(source, "gldm_a", "must not be negative");
    if (s.minimumROIDimensions < 1 || s.minimumROIDimensions > 3)
        fail(source, "minimumROIDimensions", "must be 1, 2 or 3");
    if (s.minimumROISize && *s.minimumROISize < 1) fail(source, "minimumROISize", "must be positive");
    if (!(s.normalizeScale > 0) || !std::isfinite(s.normalizeScale))
        fail(source, "normalizeScale", "must be a positive number");
    if (s.removeOutliers && !(*s.removeOutliers > 0))
        fail(source, "removeOutliers", "must be a positive number or null");
    if (s.force2Ddimension < 0 || s.force2Ddimension > 2) fail(source, "force2Ddimension", "must be 0, 1 or 2");
    if (s.force2DPerSlice && !s.force2D)
        fail(source, "force2DPerSlice", "needs force2D: true (it averages force2D's slices instead of merging them)");
    if (s.resampledPixelSpacing) {
        const auto& spacing = *s.resampledPixelSpacing;
        for (double mm : spacing)
            if (!(mm >= 0) || !std::isfinite(mm))
                fail(source, "resampledPixelSpacing",
                     "must hold spacings in mm that are positive, or 0 to keep an axis' spacing (got " +
                         std::to_string(mm) + ")");
        if (spacing[0] == 0 && spacing[1] == 0 && spacing[2] == 0)
            fail(source, "resampledPixelSpacing",
                 "is 0 on every axis: nothing to resample (use null for no resampling)");
        if (!s.interpolator)
            fail(source, "interpolator",
                 "is null but resampledPixelSpacing is set (pyradiomics would silently not resample)");
    }
    if (s.padDistance < 0 || s.padDistance > 1000) fail(source, "padDistance", "must be in 0..1000");
    if (!(s.maskPartialVolumeThreshold > 0 && s.maskPartialVolumeThreshold <= 1))
        fail(source, "maskPartialVolumeThreshold", "must be in (0, 1]");
    if (s.outlierFilterSigma && !(*s.outlierFilterSigma > 0))
        fail(source, "outlierFilterSigma", "must be a positive number or null");
    if (!waveletFilters().count(s.wavelet))
        fail(source, "wavelet",
             "must name one of PyWavelets' discrete wavelets, as pyradiomics reads it: haar, db1..db38, sym2..sym20, "
             "coif1..coif17, bior1.1..bior6.8, rbio1.1..rbio6.8, dmey (got '" +
                 s.wavelet + "')");
    // pyradiomics applies its level-1 transform once per level; past a few the image is a blur.
    if (s.waveletLevel < 1 || s.waveletLevel > 8) fail(source, "level", "must be in 1..8");
    if (s.waveletStartLevel < 0 || s.waveletStartLevel > 8) fail(source, "start_level", "must be in 0..8");
    for (const std::string& type : s.imageTypes)
        if (std::find(kDerivedImageTypes.begin(), kDerivedImageTypes.end(), type) == kDerivedImageTypes.end())
            fail(source, "imageType." + type,
                 "is not implemented (Original, Wavelet, LoG, Square, SquareRoot, "
                 "Logarithm, Exponential, Gradient, LBP2D and LBP3D are)");
    if (!(s.lbp2DRadius > 0 && s.lbp2DRadius <= 100))
        fail(source, "lbp2DRadius", "must be a radius in voxels above 0 and at most 100");
    // The default method's codes are 2^P wide, held in 32-bit integers by scikit-image.
    if (s.lbp2DSamples < 1 || s.lbp2DSamples > 30) fail(source, "lbp2DSamples", "must be in 1..30");
    if (s.lbp3DLevels < 1 || s.lbp3DLevels > 10) fail(source, "lbp3DLevels", "must be in 1..10");
    if (!(s.lbp3DIcosphereRadius > 0 && s.lbp3DIcosphereRadius <= 100))
        fail(source, "lbp3DIcosphereRadius", "must be a radius in voxels above 0 and at most 100");
    // Each subdivision quadruples the icosphere's faces: 4 gives 2562 samples per voxel.
    if (s.lbp3DIcosphereSubdivision < 0 || s.lbp3DIcosphereSubdivision > 4)
        fail(source, "lbp3DIcosphereSubdivision", "must be in 0..4");
    if (s.shape2D && !s.force2D)
        fail(source, "featureClass.shape2D", "needs force2D: true (pyradiomics computes shape2D only then)");
    if (std::count(s.imageTypes.begin(), s.imageTypes.end(), "LoG") && s.sigmaMm.empty())
        fail(source, "sigma", "must list the LoG kernel widths in mm (imageType LoG: {sigma: [1.0, 3.0]})");
}

namespace {

// A feature's class and its name within the class: "wavelet-LLH_glcm_Contrast" -> glcm, Contrast.
struct ClassAndFeature {
    std::string family, feature;
};
ClassAndFeature splitFeatureName(const std::string& name) {
    const std::size_t first = name.find('_'), second = name.find('_', first + 1);
    return {name.substr(first + 1, second - first - 1), name.substr(second + 1)};
}

// The features of each of the seven classes, as extraction names them ("glcm" -> "Contrast", ...).
std::map<std::string, std::set<std::string>> featuresByClass() {
    std::map<std::string, std::set<std::string>> byClass;
    Settings everyClass;
    everyClass.ibsiClasses = everyIbsiClass();
    for (const std::string& name : featureNames(false, everyClass)) {
        const auto [family, feature] = splitFeatureName(name);
        byClass[family].insert(feature);
    }
    byClass["shape2D"].insert(shape2DFeatureNames().begin(), shape2DFeatureNames().end());
    for (const auto& [family, feature] : deprecatedFeatureNames()) byClass[family].insert(feature);
    return byClass;
}

// The settings an image type's own object may hold: those only it reads. pyradiomics applies any
// other setting given there (binWidth, ...) to that image type's features alone, which this
// engine does not do, so it is refused rather than applied to every image type.
void requireOwnSettings(const std::string& type, const QJsonObject& settings, const std::string& source) {
    static const std::map<std::string, std::set<std::string>> own = {
        {"LoG", {"sigma"}},
        {"Wavelet", {"wavelet", "level", "start_level"}},
        {"Gradient", {"gradientUseSpacing"}},
        {"LBP2D", {"lbp2DRadius", "lbp2DSamples", "lbp2DMethod"}},
        {"LBP3D", {"lbp3DLevels", "lbp3DIcosphereRadius", "lbp3DIcosphereSubdivision"}}};
    const bool known =
        type == "Original" || type == "Wavelet" ||
        std::find(kDerivedImageTypes.begin(), kDerivedImageTypes.end(), type) != kDerivedImageTypes.end();
    if (!known) return;  // validate names it as not implemented
    const auto allowed = own.find(type);
    for (auto it = settings.begin(); it != settings.end(); ++it) {
        const std::string key = it.key().toStdString();
        if (allowed == own.end() || !allowed->second.count(key))
            fail(source, "imageType." + type + "." + key,
                 "would apply to the " + type +
                     " image's features only, as pyradiomics reads it; this release applies settings to every "
                     "image type, so give it under setting");
    }
}

// pyradiomics' featureClass: no object, or an empty one, asks for every feature.
std::optional<std::map<std::string, std::vector<std::string>>> readFeatureClass(const QJsonValue& value,
                                                                                const std::string& source) {
    if (value.isNull() || (value.isObject() && value.toObject().isEmpty())) return std::nullopt;
    if (!value.isObject()) fail(source, "featureClass", "must be an object of feature classes");
    const auto known = featuresByClass();
    std::map<std::string, std::vector<std::string>> wanted;
    const QJsonObject classes = value.toObject();
    for (auto it = classes.begin(); it != classes.end(); ++it) {
        const std::string key = "featureClass." + it.key().toStdString();
        const auto family = known.find(it.key().toStdString());
        if (family == known.end()) {
            std::string classes;
            for (const auto& [name, features] : known) classes += (classes.empty() ? "" : ", ") + name;
            fail(source, key, "is not a feature class this release computes (" + classes + ")");
        }
        std::vector<std::string>& names = wanted[family->first];
        if (it.value().isNull()) continue;
        if (!it.value().isArray()) fail(source, key, "must list feature names, or be empty for all of them");
        for (const QJsonValue& item : it.value().toArray()) {
            const std::string name = item.toString().toStdString();
            if (!item.isString() || !family->second.count(name))
                fail(source, key,
                     "has no feature '" + (item.isString() ? name : std::string("(not a name)")) +
                         "' in this release (a misspelt name, or one of pyradiomics' deprecated features "
                         "that equal another and have no value there either)");
            names.push_back(name);
        }
    }
    return wanted;
}

// pyradiomics' initValue: a number, or NaN (YAML's nan or .nan, JSON's "nan" or null).
double initValue(const QJsonValue& v, const std::string& source, const std::string& key) {
    if (v.isDouble()) return v.toDouble();
    const QString text = v.toString().toLower();
    if (v.isNull() || text == "nan" || text == ".nan") return std::nan("");
    fail(source, key, "must be a number or nan");
}

VoxelSettings readVoxelSetting(const QJsonValue& value, const std::string& source, VoxelSettings voxel = {}) {
    if (value.isNull()) return voxel;  // "voxelSetting:" with nothing under it, in YAML
    if (!value.isObject()) fail(source, "voxelSetting", "must be an object");
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string key = "voxelSetting." + it.key().toStdString();
        if (it.key() == "kernelRadius") {
            voxel.kernelRadius = wholeNumber(it.value(), source, key);
            if (voxel.kernelRadius < 1 || voxel.kernelRadius > 10) fail(source, key, "must be in 1..10");
        } else if (it.key() == "maskedKernel") {
            if (!it.value().isBool()) fail(source, key, "must be true or false");
            voxel.maskedKernel = it.value().toBool();
        } else if (it.key() == "initValue") {
            voxel.initValue = initValue(it.value(), source, key);
        } else if (it.key() == "voxelBatch") {
            voxel.voxelBatch = wholeNumber(it.value(), source, key);
        } else {
            fail(source, key,
                 "is unknown (pyradiomics' voxelSetting holds kernelRadius, maskedKernel, initValue, "
                 "voxelBatch)");
        }
    }
    return voxel;
}

// The settings object less additionalInfo, which goes to the file (it changes no value).
QJsonObject takeAdditionalInfo(ParameterFile& file, QJsonObject settings, const std::string& source) {
    if (!settings.contains("additionalInfo")) return settings;
    const QJsonValue value = settings.take("additionalInfo");
    if (!value.isBool()) fail(source, "additionalInfo", "must be true or false");
    file.additionalInfo = value.toBool();
    return settings;
}

ParameterFile parseParameterObject(const QJsonObject& root, const std::string& source) {
    ParameterFile file;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it.key().toStdString();
        if (key == "setting") {
            if (it.value().isNull()) continue;  // "setting:" with nothing under it, in YAML
            if (!it.value().isObject()) fail(source, key, "must be an object");
            readSettingsObject(file.settings, takeAdditionalInfo(file, it.value().toObject(), source), source);
        } else if (key == "imageType") {
            if (!it.value().isObject()) fail(source, key, "must be an object");
            const QJsonObject types = it.value().toObject();
            for (auto t = types.begin(); t != types.end(); ++t) {
                const std::string type = t.key().toStdString();
                if (!t.value().isObject()) fail(source, "imageType." + type, "must be an object");
                requireOwnSettings(type, t.value().toObject(), source);
                readSettingsObject(file.settings, t.value().toObject(), source);
                if (type != "Original" && type != "Wavelet") file.settings.imageTypes.push_back(type);
            }
            if (!types.contains("Original"))
                fail(source, "imageType", "must enable Original (original-image features are always computed)");
            file.waveletEnabled = types.contains("Wavelet");
            // In the order extraction computes them (an unknown one last, for validate to name).
            auto& derived = file.settings.imageTypes;
            const auto rank = [](const std::string& type) {
                return std::find(kDerivedImageTypes.begin(), kDerivedImageTypes.end(), type) -
                       kDerivedImageTypes.begin();
            };
            std::stable_sort(derived.begin(), derived.end(),
                             [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
        } else if (key == "voxelSetting") {
            file.voxelSetting = readVoxelSetting(it.value(), source);
        } else if (key == "featureClass") {
            file.featureClass = readFeatureClass(it.value(), source);
            file.settings.shape2D = file.featureClass && file.featureClass->count("shape2D");
            if (file.featureClass)
                for (std::size_t k = 0; k < kIbsiClasses.size(); ++k)
                    if (file.featureClass->count(kIbsiClasses[k]))
                        file.settings.ibsiClasses.insert(static_cast<IbsiClass>(k));
            file.settings.deprecatedFeatures = false;
            if (file.featureClass)
                for (const auto& [family, names] : *file.featureClass)
                    for (const std::string& name : names)
                        file.settings.deprecatedFeatures |= isDeprecatedFeature(family, name);
        } else {
            readSettingsObject(file.settings, QJsonObject{{it.key(), it.value()}}, source);
        }
    }
    validate(file.settings, source);
    return file;
}

}  // namespace

void applySettingOverride(ParameterFile& file, const std::string& keyAndValue) {
    const std::string source = "--setting " + keyAndValue;
    const std::size_t colon = keyAndValue.find(':');
    if (colon == std::string::npos || colon == 0)
        throw Error(source + ": must be KEY:VALUE (pyradiomics' form, e.g. binWidth:10 or distances:1,2)");
    const QString key = QString::fromStdString(keyAndValue.substr(0, colon));
    const QString text = QString::fromStdString(keyAndValue.substr(colon + 1)).trimmed();
    const auto scalar = [&](const QString& item) -> QJsonValue {
        if (item == "true" || item == "false") return item == "true";
        if (item == "null") return QJsonValue();
        bool isNumber = false;
        const double number = item.toDouble(&isNumber);
        return isNumber ? QJsonValue(number) : QJsonValue(item);
    };
    static const std::set<QString> listKeys = {"distances", "resegmentRange", "resampledPixelSpacing"};
    QJsonValue value;
    if (listKeys.count(key)) {
        QJsonArray items;
        for (const QString& item : text.split(',')) items.append(scalar(item.trimmed()));
        value = items;
    } else {
        value = scalar(text);
    }
    static const std::set<QString> voxelKeys = {"kernelRadius", "maskedKernel", "initValue", "voxelBatch"};
    if (voxelKeys.count(key)) {
        file.voxelSetting =
            readVoxelSetting(QJsonObject{{key, value}}, source, file.voxelSetting.value_or(VoxelSettings{}));
        return;
    }
    readSettingsObject(file.settings, takeAdditionalInfo(file, QJsonObject{{key, value}}, source), source);
    validate(file.settings, source);
}

ParameterFile parseParameterJson(const std::string& jsonText, const std::string& source) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(jsonText), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw Error(source + ": not valid JSON (" + parseError.errorString().toStdString() + " at offset " +
                    std::to_string(parseError.offset) + ")");
    if (!doc.isObject()) throw Error(source + ": the parameter file must hold a JSON object");
    return parseParameterObject(doc.object(), source);
}

ParameterFile readParameterFile(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) throw Error(path + ": cannot open the parameter file");
    const std::string text = file.readAll().toStdString();
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix != "yaml" && suffix != "yml") return parseParameterJson(text, path);
    const QJsonValue root = parseYaml(text, path);
    if (!root.isObject()) throw Error(path + ": the parameter file must hold a mapping (setting:, imageType:, ...)");
    return parseParameterObject(root.toObject(), path);
}

bool ParameterFile::wants(const std::string& featureName) const {
    if (!featureClass) return true;
    const auto [family, feature] = splitFeatureName(featureName);
    const auto wanted = featureClass->find(family);
    if (wanted == featureClass->end()) return false;
    const std::vector<std::string>& names = wanted->second;
    if (names.empty()) return !isDeprecatedFeature(family, feature);
    return std::find(names.begin(), names.end(), feature) != names.end();
}

std::vector<std::string> ParameterFile::imageTypeNames() const {
    std::vector<std::string> names{"Original"};
    names.insert(names.end(), settings.imageTypes.begin(), settings.imageTypes.end());
    if (waveletEnabled) names.push_back("Wavelet");
    return names;
}

void requireEveryFeature(const ParameterFile& file, const std::string& source) {
    if (!file.settings.imageTypes.empty())
        fail(source, "imageType." + file.settings.imageTypes.front(),
             "is for drs extract: a study's radiomics is the original image and its wavelet decompositions");
    if (file.settings.shape2D)
        fail(source, "featureClass.shape2D", "is for drs extract: a study's radiomics has the 3D shape features");
    for (const std::string& name : file.settings.ibsiClassesAsked())
        fail(source, "featureClass." + name, "is for drs extract: a study's radiomics has pyradiomics' classes");
    if (file.settings.deprecatedFeatures)
        fail(source, "featureClass",
             "names a deprecated feature: those are for drs extract, a study's radiomics has none");
    for (const std::string& name : featureNames(false))
        if (!file.wants(name)) {
            const auto [family, feature] = splitFeatureName(name);
            fail(source, "featureClass",
                 "leaves out " + family + "_" + feature +
                     ": a study's radiomics has every feature of the seven classes (drs extract writes a subset)");
        }
}

std::vector<std::string> Settings::ibsiClassesAsked() const {
    std::vector<std::string> names;
    for (const IbsiClass asked : ibsiClasses) names.push_back(kIbsiClasses[static_cast<std::size_t>(asked)]);
    return names;
}

std::set<IbsiClass> everyIbsiClass() {
    std::set<IbsiClass> every;
    for (std::size_t k = 0; k < kIbsiClasses.size(); ++k) every.insert(static_cast<IbsiClass>(k));
    return every;
}

std::string VoxelSettings::toJson() const {
    QJsonObject o{{"kernelRadius", kernelRadius},
                  {"maskedKernel", maskedKernel},
                  {"initValue", std::isnan(initValue) ? QJsonValue("nan") : QJsonValue(initValue)}};
    if (voxelBatch) o["voxelBatch"] = *voxelBatch;
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

std::string Settings::toJson() const {
    QJsonObject o;
    o["label"] = label;
    o["binWidth"] = binWidth;
    o["binCount"] = binCount ? QJsonValue(*binCount) : QJsonValue();
    QJsonArray range;
    for (double r : resegmentRange) range.append(r);
    o["resegmentRange"] = resegmentRange.empty() ? QJsonValue() : QJsonValue(range);
    o["resegmentMode"] = resegmentModeName(resegmentMode);
    o["resegmentShape"] = resegmentShape;
    QJsonArray dist;
    for (int d : distances) dist.append(d);
    o["distances"] = dist;
    o["symmetricalGLCM"] = symmetricalGLCM;
    o["weightingNorm"] = weightingNorm == WeightingNorm::None ? QJsonValue() : QJsonValue(weightingName(weightingNorm));
    o["gldm_a"] = gldmA;
    o["voxelArrayShift"] = voxelArrayShift;
    o["minimumROIDimensions"] = minimumROIDimensions;
    o["minimumROISize"] = minimumROISize ? QJsonValue(*minimumROISize) : QJsonValue();
    o["normalize"] = normalize;
    o["normalizeScale"] = normalizeScale;
    o["removeOutliers"] = removeOutliers ? QJsonValue(*removeOutliers) : QJsonValue();
    o["force2D"] = force2D;
    o["force2Ddimension"] = force2Ddimension;
    // Resampling and IBSI keys only when they differ from their defaults: settings saved before
    // they existed keep their text, and so their identity (feature sets are keyed by it).
    const Settings defaults;
    if (resampledPixelSpacing)
        o["resampledPixelSpacing"] =
            QJsonArray{(*resampledPixelSpacing)[0], (*resampledPixelSpacing)[1], (*resampledPixelSpacing)[2]};
    if (interpolator != defaults.interpolator)
        o["interpolator"] = interpolator ? QJsonValue(interpolatorName(*interpolator)) : QJsonValue();
    if (padDistance != defaults.padDistance) o["padDistance"] = padDistance;
    if (preCrop) o["preCrop"] = preCrop;
    if (force2DPerSlice) o["force2DPerSlice"] = true;
    if (resamplingGrid != defaults.resamplingGrid) o["resamplingGrid"] = "center";
    if (maskInterpolator != defaults.maskInterpolator) o["maskInterpolator"] = interpolatorName(maskInterpolator);
    if (maskPartialVolumeThreshold != defaults.maskPartialVolumeThreshold)
        o["maskPartialVolumeThreshold"] = maskPartialVolumeThreshold;
    if (roundIntensities) o["roundIntensities"] = roundIntensities;
    if (outlierFilterSigma) o["outlierFilterSigma"] = *outlierFilterSigma;
    if (binWidthAnchor != defaults.binWidthAnchor) o["binWidthAnchor"] = "minimum";
    o["wavelet"] = QString::fromStdString(wavelet);
    o["level"] = waveletLevel;
    o["start_level"] = waveletStartLevel;
    if (!imageTypes.empty()) {
        QJsonArray types;
        for (const std::string& type : imageTypes) types.append(QString::fromStdString(type));
        o["imageTypes"] = types;
    }
    if (!sigmaMm.empty()) {
        QJsonArray sigma;
        for (double mm : sigmaMm) sigma.append(mm);
        o["sigma"] = sigma;
    }
    if (!gradientUseSpacing) o["gradientUseSpacing"] = false;
    if (std::count(imageTypes.begin(), imageTypes.end(), "LBP2D")) {
        o["lbp2DRadius"] = lbp2DRadius;
        o["lbp2DSamples"] = lbp2DSamples;
        const auto method = std::find_if(lbpMethods().begin(), lbpMethods().end(),
                                         [&](const auto& named) { return named.second == lbp2DMethod; });
        o["lbp2DMethod"] = QString::fromStdString(method->first);
    }
    if (std::count(imageTypes.begin(), imageTypes.end(), "LBP3D")) {
        o["lbp3DLevels"] = lbp3DLevels;
        o["lbp3DIcosphereRadius"] = lbp3DIcosphereRadius;
        o["lbp3DIcosphereSubdivision"] = lbp3DIcosphereSubdivision;
    }
    if (shape2D) o["shape2D"] = true;
    for (const std::string& name : ibsiClassesAsked()) o[QString::fromStdString(name)] = true;
    if (ivhBinWidth) o["ivhBinWidth"] = *ivhBinWidth;
    if (ivhBinCount) o["ivhBinCount"] = *ivhBinCount;
    if (deprecatedFeatures) o["deprecatedFeatures"] = true;
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

}  // namespace drs::radiomics
