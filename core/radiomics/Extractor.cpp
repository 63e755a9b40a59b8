#include "core/radiomics/Extractor.h"

#include <QDir>
#include <QDirIterator>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>

#include "core/image/ImageIO.h"
#include "core/radiomics/Deprecated.h"
#include "core/radiomics/DerivedImages.h"
#include "core/radiomics/Discretisation.h"
#include "core/radiomics/FirstOrder.h"
#include "core/radiomics/IntensityHistogram.h"
#include "core/radiomics/IntensityVolumeHistogram.h"
#include "core/radiomics/LocalIntensity.h"
#include "core/radiomics/Morphology.h"
#include "core/radiomics/Resampling.h"
#include "core/radiomics/Shape.h"
#include "core/radiomics/Shape2D.h"
#include "core/radiomics/SliceAggregation.h"
#include "core/radiomics/TextureFamilies.h"
#include "core/radiomics/Wavelet.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/Parallel.h"

namespace drs::radiomics {
namespace {

void appendFamily(std::vector<Feature>& out, const std::string& prefix, const char* family,
                  const FamilyValues& values) {
    for (const FeatureValue& v : values) out.push_back({prefix + "_" + family + "_" + v.name, v.value});
}

// The 93 intensity and texture features of one image (original or a wavelet decomposition), and
// those of IBSI's classes asked for. originalImage: the image the region was cut from, given for
// the original image's features (local intensity reads around the ROI).
std::vector<Feature> imageFeatures(const std::string& prefix, const std::vector<double>& boxIntensity,
                                   const Region& region, const Settings& settings,
                                   const Volume* originalImage = nullptr) {
    std::vector<Feature> out;
    out.reserve(93);
    const GreyLevelImage grey =
        discretise(boxIntensity, region, settings, prefix == "original" ? region.binAnchor : std::nullopt);
    const std::vector<double> roiValues = maskedValues(boxIntensity, region.mask);
    // A texture family of the whole ROI, or with force2DPerSlice of each slice, averaged.
    auto texture = [&](const char* family, const TextureFamilyOf& features) {
        appendFamily(out, prefix, family,
                     settings.force2DPerSlice
                         ? averagedOverSlices(grey, region.shapeMask, 2 - settings.force2Ddimension, features)
                         : features(grey, region.shapeMask));
    };
    auto ofGreyLevels = [&](FamilyValues (*features)(const GreyLevelImage&, const Settings&)) -> TextureFamilyOf {
        return [&settings, features](const GreyLevelImage& g, const std::vector<std::uint8_t>&) {
            return features(g, settings);
        };
    };
    appendFamily(out, prefix, "firstorder", firstOrderFeatures(roiValues, grey, settings));
    texture("glcm", ofGreyLevels(glcmFeatures));
    texture("gldm", ofGreyLevels(gldmFeatures));
    if (settings.asks(IbsiClass::Gldzm))
        texture("gldzm", [&](const GreyLevelImage& g, const std::vector<std::uint8_t>& edgeMaskBox) {
            return gldzmFeatures(g, edgeMaskBox, settings);
        });
    texture("glrlm", ofGreyLevels(glrlmFeatures));
    texture("glszm", ofGreyLevels(glszmFeatures));
    if (settings.asks(IbsiClass::IntensityHistogram))
        appendFamily(out, prefix, "intensityhistogram", intensityHistogramFeatures(grey));
    if (settings.asks(IbsiClass::IntensityStatistics))
        appendFamily(out, prefix, "intensitystatistics", intensityStatisticsFeatures(roiValues, settings));
    if (settings.asks(IbsiClass::IntensityVolumeHistogram)) {
        // IBSI takes an absolute resegmentRange as the calibrated intensities' range; a filtered
        // image's intensities are not in its units.
        const bool calibrated = prefix == "original";
        appendFamily(out, prefix, "intensityvolumehistogram",
                     intensityVolumeHistogramFeatures(roiValues, settings, calibrated ? region.binAnchor : std::nullopt,
                                                      calibrated ? region.rangeHigh : std::nullopt));
    }
    if (settings.asks(IbsiClass::LocalIntensity) && originalImage)
        appendFamily(out, prefix, "localintensity", localIntensityFeatures(*originalImage, region, settings));
    if (settings.asks(IbsiClass::Ngldm)) texture("ngldm", ofGreyLevels(ngldmFeatures));
    texture("ngtdm", ofGreyLevels(ngtdmFeatures));
    return out;
}

// pyradiomics' limits for LoG (it skips a sigma that breaks them, with a warning; a missing column
// would go unnoticed in a table, so here the case fails): at least 4 voxels along every axis, and
// sigma / spacing + 1.
void requireRoomForLog(const Geometry& grid, const Settings& settings, const std::string& what) {
    if (std::find(settings.imageTypes.begin(), settings.imageTypes.end(), "LoG") == settings.imageTypes.end()) return;
    for (double sigma : settings.sigmaMm)
        for (std::size_t a = 0; a < 3; ++a) {
            const double needed = std::max(4.0, std::ceil(sigma / grid.spacingMm[a]) + 1);
            if (static_cast<double>(grid.sizeXyz[a]) < needed)
                throw Error(what + ": the image (" + std::to_string(grid.sizeXyz[0]) + " x " +
                            std::to_string(grid.sizeXyz[1]) + " x " + std::to_string(grid.sizeXyz[2]) +
                            " voxels) is too small for LoG with sigma " + QString::number(sigma).toStdString() +
                            " mm: each axis needs at least 4 voxels and sigma / spacing + 1");
        }
}

// Features of one case after pyradiomics' image preparation (`prepared`: prepareImages' resampling
// or pre-cropping, which also applies the normalisation, so the prepared image is not normalised again).
std::vector<Feature> extractPrepared(const Volume& image, const LabelMap& mask,
                                     const std::optional<PreparedImages>& prepared, const Settings& settings,
                                     bool withWavelet, Progress* progress, int threads, const std::string& what) {
    const auto extractFrom = [&](const Volume& onImage, const LabelMap& onMask, const Settings& with) {
        const Region region = extractRegion(onImage, onMask, with, what);
        requireRoomForLog(onImage.geometry, with, what);
        if (with.shape2D) requireOneSlice(region, with.force2Ddimension, what);
        try {
            return extractRegionFeatures(onImage, region, with, withWavelet, progress, threads);
        } catch (const Error& e) {
            throw Error(what + ": " + e.what());  // the region's own errors do not know the file
        }
    };
    if (prepared) {
        Settings onPrepared = settings;
        onPrepared.normalize = false;
        return extractFrom(prepared->image, prepared->mask, onPrepared);
    }
    return extractFrom(image, mask, settings);
}

}  // namespace

std::vector<Feature> extractRegionFeatures(const Volume& image, const Region& region, const Settings& settings,
                                           bool withWavelet, Progress* progress, int threads) {
    // Tasks: the wavelet images (each half of a level, L or H along its first axis, is computed by
    // whichever thread first needs it), the original image and shape. The two halves alternate so
    // that two threads start one each; results are gathered in pyradiomics' order.
    std::optional<WaveletTransform> wavelet;
    if (withWavelet) wavelet.emplace(image, region.box, region.intensityMap, settings);
    const std::vector<DerivedTask> derived = derivedTasks(settings);
    std::vector<std::string> tasks;
    if (wavelet) {
        std::array<std::vector<std::string>, 2> byHalf;
        for (const std::string& name : wavelet->names())
            byHalf[name[name.find('-') + 1] == 'H' ? 1 : 0].push_back(name);
        for (std::size_t i = 0; i < std::max(byHalf[0].size(), byHalf[1].size()); ++i)
            for (const auto& half : byHalf)
                if (i < half.size()) tasks.push_back(half[i]);
    }
    for (const DerivedTask& d : derived) tasks.push_back(d.name);
    tasks.push_back("original");
    tasks.push_back("shape");
    if (settings.shape2D) tasks.push_back("shape2D");
    if (settings.asks(IbsiClass::Morphology)) tasks.push_back("morphology");

    DerivedImageCache derivedShared;
    std::map<std::string, std::vector<Feature>> results;
    for (const std::string& t : tasks) results[t];  // every slot exists before the threads start
    std::atomic<std::size_t> finished{0};
    std::mutex progressMutex;
    if (progress) progress->step(0, "features");
    parallelFor(static_cast<int>(tasks.size()), std::max(1, threads), progress, [&](int k) {
        const std::string& name = tasks[static_cast<std::size_t>(k)];
        std::vector<Feature>& out = results.at(name);
        if (name == "shape") {
            appendFamily(out, "original", "shape", shapeFeatures(region));
        } else if (name == "shape2D") {
            appendFamily(out, "original", "shape2D", shape2DFeatures(region, settings.force2Ddimension));
        } else if (name == "morphology") {
            appendFamily(out, "original", "morphology", morphologyFeatures(region));
        } else if (name == "original") {
            out = imageFeatures(name, region.intensity, region, settings, &image);
        } else if (const auto d = std::find_if(derived.begin(), derived.end(),
                                               [&](const DerivedTask& t) { return t.name == name; });
                   d != derived.end()) {
            out = imageFeatures(name, derivedImage(*d, image, region, settings, derivedShared), region, settings);
        } else {
            out = imageFeatures(name, wavelet->image(name), region, settings);
        }
        if (progress) {
            std::lock_guard<std::mutex> lock(progressMutex);
            progress->step(double(++finished) / double(tasks.size()), name + " features");
        }
    });
    std::vector<Feature> out;
    out.reserve(tasks.size() * 93);
    auto append = [&](const std::string& name) {
        for (Feature& f : results.at(name)) out.push_back(std::move(f));
    };
    append("shape");
    if (settings.shape2D) append("shape2D");
    if (settings.asks(IbsiClass::Morphology)) append("morphology");
    append("original");
    for (const DerivedTask& d : derived) append(d.name);
    if (wavelet)
        for (const std::string& name : wavelet->names()) append(name);
    if (settings.deprecatedFeatures) insertDeprecatedFeatures(out);
    return out;
}

std::vector<Feature> extractFeatures(const Volume& image, const LabelMap& mask, std::uint16_t label,
                                     const Settings& settings, bool withWavelet, Progress* progress, int threads) {
    Settings withLabel = settings;
    withLabel.label = label;
    validate(withLabel, "settings");
    return extractPrepared(image, mask, prepareImages(image, mask, withLabel, "mask"), withLabel, withWavelet, progress,
                           threads, "mask");
}

std::vector<std::string> featureNames(bool withWavelet, const Settings& settings) {
    // A 3x3x3 cube with two grey levels yields every feature; only the names are kept.
    Geometry g;
    g.sizeXyz = {3, 3, 3};
    Volume image(g, 0.0f);
    LabelMap mask(g, 1);
    for (std::size_t i = 0; i < image.voxels.size(); ++i) image.voxels[i] = static_cast<float>((i % 2) * 100);
    std::vector<std::string> names;
    for (const Feature& f : extractFeatures(image, mask, 1, settings, withWavelet)) names.push_back(f.name);
    return names;
}

std::string sourceSha256(const std::string& path) {
    if (!isDirectory(path)) return sha256File(path);
    std::vector<std::string> files;
    QDirIterator it(QString::fromStdString(path), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) files.push_back(it.next().toStdString());
    std::sort(files.begin(), files.end());
    std::string listing;
    for (const std::string& f : files) listing += f.substr(path.size()) + " " + sha256File(f) + "\n";
    return sha256(listing);
}

std::vector<CaseResult> extractBatch(const std::vector<CaseSpec>& cases, const Settings& settings, bool withWavelet,
                                     int threads, Progress* progress, const MaskReader& readMask,
                                     bool withDiagnostics) {
    std::vector<CaseResult> results(cases.size());
    std::atomic<std::size_t> done{0};
    std::mutex progressMutex;
    // Threads go to cases first; with fewer cases than threads, each case gets the rest.
    const int caseWorkers = std::max(1, std::min<int>(threads, static_cast<int>(cases.size())));
    const int threadsPerCase = std::max(1, threads / caseWorkers);
    parallelFor(static_cast<int>(cases.size()), caseWorkers, progress, [&](int i) {
        const CaseSpec& c = cases[static_cast<std::size_t>(i)];
        CaseResult& r = results[static_cast<std::size_t>(i)];
        r.id = c.id;
        try {
            // The hashes are taken, and a label map is read, beside the image on another thread; a
            // mask reader needs the image's grid first. A bad image is reported before a bad mask.
            std::string imageHash, maskHash, seriesRead;
            CaseMask mask;
            Volume image;
            parallelFor(2, threadsPerCase > 1 ? 2 : 1, progress, [&](int part) {
                if (part == 0) {
                    StudyInfo info;
                    ReadOptions options;
                    options.seriesInstanceUid = c.seriesInstanceUid;
                    options.maskSeriesUids = c.maskSeriesUids;
                    image = readVolume(c.imagePath, options, &info);
                    seriesRead = info.seriesInstanceUid;
                    if (readMask) mask = readMask(c, image.geometry, info.frameOfReferenceUid);
                    return;
                }
                if (!readMask) mask = {readLabelMap(c.maskPath), c.label};
                maskHash = sourceSha256(c.maskPath);
                imageHash = sourceSha256(c.imagePath);
            });
            Settings caseSettings = settings;
            caseSettings.label = mask.label;
            // Prepared once for the features and the diagnostics.
            const std::optional<PreparedImages> prepared = prepareImages(image, mask.labels, caseSettings, c.maskPath);
            r.features = extractPrepared(image, mask.labels, prepared, caseSettings, withWavelet, nullptr,
                                         threadsPerCase, c.maskPath);
            if (withDiagnostics)
                r.diagnostics = caseDiagnostics(image, mask.labels, prepared, caseSettings, c.maskPath);
            r.provenance = {DRS_VERSION, caseSettings.toJson(), imageHash, maskHash, c.roiName, seriesRead};
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            r.features.clear();
            r.diagnostics.clear();
            r.error = e.what();
        } catch (const std::exception& e) {
            r.features.clear();
            r.diagnostics.clear();
            r.error = c.id + ": " + e.what();
        }
        if (progress) {
            std::lock_guard<std::mutex> lock(progressMutex);
            ++done;
            progress->step(double(done) / double(cases.size()),
                           std::to_string(done) + " of " + std::to_string(cases.size()) + " cases (" + c.id + ")");
        }
    });
    return results;
}

}  // namespace drs::radiomics
