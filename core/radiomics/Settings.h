#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace drs::radiomics {

// How the GLCM and GLRLM matrices of the individual directions are combined (pyradiomics'
// weightingNorm). None: one matrix per direction, features averaged over directions.
enum class WeightingNorm { None, NoWeighting, Manhattan, Euclidean, Infinity };

// IBSI's classes that pyradiomics does not have, each after the class named: the grey level
// distance zone matrix (16 features per image type, after gldm), the intensity histogram (23, after
// glszm), the intensity statistics that first order lacks (3, after it), the intensity-volume
// histogram (6, after them), local intensity (2, of the original image only, after it), the NGLDM
// features that GLDM lacks (3, after it), and the morphology that shape lacks (15, of the original
// image only, after shape).
enum class IbsiClass {
    Gldzm,
    IntensityHistogram,
    IntensityStatistics,
    IntensityVolumeHistogram,
    LocalIntensity,
    Morphology,
    Ngldm
};

// How resegmentRange is read (pyradiomics' resegmentMode).
enum class ResegmentMode { Absolute, Relative, Sigma };

// Interpolators of pyradiomics' `interpolator` setting, as SimpleITK configures them: nearest
// neighbour, (tri)linear, cubic B-spline (ITK's BSplineInterpolateImageFunction, order 3), Gaussian
// (sigma 0.8 voxel, cut at 1 sigma) and windowed sinc (radius 5, border voxels repeated) with five
// windows. SimpleITK's sitkLabelGaussian is left out: it votes among label values.
enum class Interpolator {
    NearestNeighbor,
    Linear,
    BSpline,
    Gaussian,
    HammingWindowedSinc,
    CosineWindowedSinc,
    WelchWindowedSinc,
    LanczosWindowedSinc,
    BlackmanWindowedSinc
};

// Where the resampled grid sits. Origin: pyradiomics (the new grid's first voxel corner on the
// original first voxel corner, cropped to the ROI). Center: IBSI (the centres of the original and
// the new whole-image grids coincide).
enum class GridAlignment { Origin, Center };

// Where fixed-bin-width edges are anchored: pyradiomics at multiples of binWidth from 0, IBSI at
// the lower resegmentation bound (or the ROI minimum without one).
enum class BinAnchor { Zero, Minimum };

// The image types Settings::imageTypes may name, in the order extraction computes them.
extern const std::vector<std::string> kDerivedImageTypes;

// scikit-image's local_binary_pattern methods, as pyradiomics' lbp2DMethod names them: "default"
// (the 2^P pattern code), "ror" (its smallest rotation), "uniform" (the count of neighbours at or
// above the centre, P + 1 for non-uniform patterns), "nri_uniform" (uniform patterns by count and
// rotation, P (P - 1) + 3 codes) and "var" (the neighbours' variance).
enum class LbpMethod { Default, Ror, Uniform, NriUniform, Var };

// Extraction settings with pyradiomics' names, meanings and defaults. Everything that changes a
// feature value is here, so saving the settings with a result makes it reproducible.
struct Settings {
    std::uint16_t label = 1;
    double binWidth = 25;                // fixed bin size, bin edges at multiples of binWidth
    std::optional<int> binCount;         // fixed bin number; overrides binWidth when set
    std::vector<double> resegmentRange;  // empty: none; [low] or [low, high]
    ResegmentMode resegmentMode = ResegmentMode::Absolute;
    bool resegmentShape = false;    // also resegment the mask used by shape features
    std::vector<int> distances{1};  // Chebyshev neighbour distances for GLCM, GLDM, NGTDM
    bool symmetricalGLCM = true;
    WeightingNorm weightingNorm = WeightingNorm::None;
    double gldmA = 0;                   // gldm_a: grey levels within a count as dependent
    double voxelArrayShift = 0;         // added before Energy, TotalEnergy, RootMeanSquared
    int minimumROIDimensions = 2;       // ROI must extend over at least this many axes
    std::optional<int> minimumROISize;  // and hold at least this many voxels
    // Whole-image normalisation before everything else: (x - mean) / SD over all image voxels
    // (sample SD, as SimpleITK's Normalize), clamped to +-removeOutliers SDs, times normalizeScale.
    bool normalize = false;
    double normalizeScale = 1;
    std::optional<double> removeOutliers;
    bool force2D = false;      // texture per slice, merged over the ROI
    int force2Ddimension = 0;  // axis left out with force2D: 0 = z, 1 = y, 2 = x
    // With force2D, the texture classes of each slice alone, averaged over the slices (IBSI's 2D
    // aggregation) instead of one matrix over all of them (pyradiomics', IBSI's 2.5D).
    bool force2DPerSlice = false;
    // Resampling (pyradiomics' names): the new voxel size in mm along x, y, z (0 keeps an axis'
    // spacing; unset: no resampling), the image interpolator (null only without resampling), and
    // the margin in voxels kept around the ROI's bounding box when the image is resampled or
    // (preCrop) cropped before filtering.
    std::optional<std::array<double, 3>> resampledPixelSpacing;
    std::optional<Interpolator> interpolator = Interpolator::BSpline;
    int padDistance = 5;
    bool preCrop = false;
    // IBSI options that pyradiomics does not have (defaults are pyradiomics' behaviour): grid
    // alignment; the mask interpolator (pyradiomics: nearest neighbour; IBSI: linear, then kept
    // where >= maskPartialVolumeThreshold); rounding interpolated intensities to the nearest
    // integer; outlier filtering (mean +- outlierFilterSigma SD of the ROI) after resegmentRange;
    // bin edge anchoring for binWidth.
    GridAlignment resamplingGrid = GridAlignment::Origin;
    Interpolator maskInterpolator = Interpolator::NearestNeighbor;
    double maskPartialVolumeThreshold = 0.5;
    bool roundIntensities = false;
    std::optional<double> outlierFilterSigma;
    BinAnchor binWidthAnchor = BinAnchor::Zero;
    // Wavelet image type (pyradiomics' 'Wavelet' image type settings).
    std::string wavelet = "coif1";
    int waveletLevel = 1;
    int waveletStartLevel = 0;
    // Image types besides Original and Wavelet, by their pyradiomics imageType keys: "LoG" (one
    // image per sigma), "Square", "SquareRoot", "Logarithm", "Exponential", "Gradient", "LBP2D",
    // "LBP3D" (lbp3DLevels images and the kurtosis). Each adds 93 features on each derived image.
    // None by default; the study pipeline uses none.
    std::vector<std::string> imageTypes;
    std::vector<double> sigmaMm;     // LoG kernel widths (pyradiomics' sigma)
    bool gradientUseSpacing = true;  // Gradient in intensity per mm (false: per voxel)
    // LBP2D: neighbours sampled on a circle of lbp2DRadius voxels in each slice across
    // force2Ddimension (pyradiomics' names and defaults).
    double lbp2DRadius = 1;
    int lbp2DSamples = 8;
    LbpMethod lbp2DMethod = LbpMethod::Uniform;
    // LBP3D: spherical-harmonic degrees 0 .. lbp3DLevels - 1 of the samples on an icosphere of
    // lbp3DIcosphereRadius voxels, split lbp3DIcosphereSubdivision times (pyradiomics' names and defaults).
    int lbp3DLevels = 2;
    double lbp3DIcosphereRadius = 1;
    int lbp3DIcosphereSubdivision = 1;
    // pyradiomics' shape2D class (asked for by naming it in featureClass; needs force2D and a
    // one-slice ROI): 9 features after the 14 of shape.
    bool shape2D = false;
    // IBSI's classes that pyradiomics does not have, each asked for by naming it in featureClass
    // (IbsiClass); ivhBinWidth or ivhBinCount (IBSI's fixed bin size or number) bin the
    // intensity-volume histogram's intensities, which with neither are taken as they are.
    std::set<IbsiClass> ibsiClasses;
    std::optional<double> ivhBinWidth;
    std::optional<int> ivhBinCount;
    // pyradiomics' deprecated features that still have a value (Deprecated.h), asked for by name.
    bool deprecatedFeatures = false;

    bool asks(IbsiClass ibsiClass) const { return ibsiClasses.count(ibsiClass) > 0; }
    // The names of IBSI's classes asked for, in class order.
    std::vector<std::string> ibsiClassesAsked() const;

    // The settings as a JSON object text (the provenance record): every key, except that the
    // resampling and IBSI keys appear only when they differ from their defaults.
    std::string toJson() const;
};

// The featureClass names of IBSI's classes, in IbsiClass order.
inline const std::vector<std::string> kIbsiClasses = {
    "gldzm", "intensityhistogram", "intensitystatistics", "intensityvolumehistogram", "localintensity", "morphology",
    "ngldm"};
std::set<IbsiClass> everyIbsiClass();

// pyradiomics' voxelSetting: the kernel of voxel-based extraction (VoxelMaps.h).
struct VoxelSettings {
    int kernelRadius = 1;           // voxels: a cube of 2 r + 1 (a square in-plane with force2D)
    bool maskedKernel = true;       // kernels hold ROI voxels only (false: any voxel of the padded box)
    double initValue = 0;           // map value outside the ROI (NaN allowed)
    std::optional<int> voxelBatch;  // pyradiomics' memory batching; the values do not depend on it

    std::string toJson() const;  // the provenance record
};

// A pyradiomics parameter file, JSON or YAML. The object may hold the keys of Settings
// (pyradiomics names, e.g. "binWidth", "resegmentRange", "gldm_a") at top level or under
// "setting"; an "imageType" object must enable "Original" and may enable "Wavelet", "LoG" (with
// "sigma"), "Square", "SquareRoot", "Logarithm", "Exponential", "Gradient", "LBP2D" and "LBP3D"; a
// "featureClass" object names the classes whose features are wanted, each with every feature (no
// value, or []) or the features listed, as pyradiomics reads it; a "voxelSetting" object holds
// kernelRadius, maskedKernel, initValue and voxelBatch.
// Throws drs::Error naming the file and the offending key on unknown keys or wrong types.
struct ParameterFile {
    Settings settings;
    bool waveletEnabled = false;
    // Feature names by class ("glcm" -> {"Contrast", ...}; empty: all of the class). Absent: every
    // feature of the seven classes.
    std::optional<std::map<std::string, std::vector<std::string>>> featureClass;
    // The file's voxelSetting (read only by voxel-based extraction, as in pyradiomics).
    std::optional<VoxelSettings> voxelSetting;
    // pyradiomics' additionalInfo: the diagnostics_* columns (Diagnostics.h). pyradiomics writes
    // them unless told not to; here only when the file (or --setting) sets it true.
    bool additionalInfo = false;

    // Whether featureClass asks for a feature named as pyradiomics names it ("wavelet-LLH_glcm_Contrast");
    // a deprecated one only when named.
    bool wants(const std::string& featureName) const;
    // The image types enabled, by their imageType keys: "Original", those of settings.imageTypes,
    // then "Wavelet" when enabled.
    std::vector<std::string> imageTypeNames() const;
};
// pyradiomics' command-line override (its --setting): "KEY:VALUE" for a key of `setting` or
// `voxelSetting`, applied over the file. VALUE is true, false, null, a number or text; for
// distances, resegmentRange and resampledPixelSpacing a comma-separated list. Unlike pyradiomics,
// which skips an unknown key with a warning, an unknown key or a bad value throws drs::Error.
void applySettingOverride(ParameterFile& file, const std::string& keyAndValue);
// .yaml and .yml files are read as YAML (parseYaml), any other as JSON.
ParameterFile readParameterFile(const std::string& path);
ParameterFile parseParameterJson(const std::string& jsonText, const std::string& sourceName);

// Throws drs::Error unless the file asks for every feature and no image type besides Original and
// Wavelet: a study's radiomics always has the same features (the pipeline's feature sets are
// fixed), so a featureClass that leaves some out, or LoG and the like, are refused.
void requireEveryFeature(const ParameterFile& file, const std::string& sourceName);

// Throws drs::Error when a value is outside its meaningful range (binWidth <= 0, ...).
void validate(const Settings& settings, const std::string& sourceName);

}  // namespace drs::radiomics
