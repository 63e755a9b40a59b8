#include "core/radiomics/Extractor.h"

#include <QDir>
#include <QDirIterator>
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "core/image/ImageIO.h"
#include "core/radiomics/Discretisation.h"
#include "core/radiomics/FirstOrder.h"
#include "core/radiomics/Shape.h"
#include "core/radiomics/TextureFamilies.h"
#include "core/radiomics/Wavelet.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::radiomics {
namespace {

void appendFamily(std::vector<Feature>& out, const std::string& prefix, const char* family,
                  const FamilyValues& values) {
    for (const FeatureValue& v : values) out.push_back({prefix + "_" + family + "_" + v.name, v.value});
}

// The 93 intensity and texture features of one image (original or a wavelet decomposition).
void appendImageFeatures(std::vector<Feature>& out, const std::string& prefix, const std::vector<double>& boxIntensity,
                         const Region& region, const Settings& settings) {
    const GreyLevelImage grey = discretise(boxIntensity, region, settings);
    appendFamily(out, prefix, "firstorder",
                 firstOrderFeatures(maskedValues(boxIntensity, region.mask), grey, settings));
    appendFamily(out, prefix, "glcm", glcmFeatures(grey, settings));
    appendFamily(out, prefix, "gldm", gldmFeatures(grey, settings));
    appendFamily(out, prefix, "glrlm", glrlmFeatures(grey, settings));
    appendFamily(out, prefix, "glszm", glszmFeatures(grey, settings));
    appendFamily(out, prefix, "ngtdm", ngtdmFeatures(grey, settings));
}

}  // namespace

std::vector<Feature> extractRegionFeatures(const Volume& image, const Region& region, const Settings& settings,
                                           bool withWavelet, Progress* progress) {
    std::vector<Feature> out;
    out.reserve(withWavelet ? 851 : 107);
    const double steps = withWavelet ? 10 : 2;
    if (progress) progress->step(0, "shape features");
    appendFamily(out, "original", "shape", shapeFeatures(region));
    if (progress) progress->step(1 / steps, "original image features");
    appendImageFeatures(out, "original", region.intensity, region, settings);
    if (withWavelet) {
        if (progress) progress->step(2 / steps, "wavelet decompositions");
        const std::vector<WaveletImage> decompositions =
            coif1WaveletDecompositions(image, region.box, region.intensityMap);
        for (std::size_t k = 0; k < decompositions.size(); ++k) {
            if (progress) progress->step((3 + double(k)) / (steps + 1), decompositions[k].name + " features");
            appendImageFeatures(out, decompositions[k].name, decompositions[k].intensity, region, settings);
        }
    }
    if (progress) progress->step(1, "features done");
    return out;
}

std::vector<Feature> extractFeatures(const Volume& image, const LabelMap& mask, std::uint16_t label,
                                     const Settings& settings, bool withWavelet, Progress* progress) {
    Settings withLabel = settings;
    withLabel.label = label;
    validate(withLabel, "settings");
    const Region region = extractRegion(image, mask, withLabel, "mask");
    return extractRegionFeatures(image, region, withLabel, withWavelet, progress);
}

std::vector<std::string> featureNames(bool withWavelet) {
    // A 3x3x3 cube with two grey levels yields every feature; only the names are kept.
    Geometry g;
    g.sizeXyz = {3, 3, 3};
    Volume image(g, 0.0f);
    LabelMap mask(g, 1);
    for (std::size_t i = 0; i < image.voxels.size(); ++i) image.voxels[i] = static_cast<float>((i % 2) * 100);
    std::vector<std::string> names;
    for (const Feature& f : extractFeatures(image, mask, 1, Settings{}, withWavelet)) names.push_back(f.name);
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
                                     int threads, Progress* progress) {
    std::vector<CaseResult> results(cases.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> cancelled{false};
    std::mutex progressMutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < cases.size() && !cancelled; i = next++) {
            const CaseSpec& c = cases[i];
            CaseResult& r = results[i];
            r.id = c.id;
            try {
                const Volume image = readVolume(c.imagePath);
                const LabelMap mask = readLabelMap(c.maskPath);
                Settings caseSettings = settings;
                caseSettings.label = c.label;
                const Region region = extractRegion(image, mask, caseSettings, c.maskPath);
                r.features = extractRegionFeatures(image, region, caseSettings, withWavelet);
                r.provenance = {DRS_VERSION, caseSettings.toJson(), sourceSha256(c.imagePath),
                                sourceSha256(c.maskPath)};
            } catch (const Error& e) {
                r.features.clear();
                r.error = e.what();
            } catch (const std::exception& e) {
                r.features.clear();
                r.error = c.id + ": " + e.what();
            }
            const std::size_t finished = ++done;
            if (progress) {
                std::lock_guard<std::mutex> lock(progressMutex);
                try {
                    progress->step(double(finished) / double(cases.size()), "case " + c.id);
                } catch (const Cancelled&) {
                    cancelled = true;
                }
            }
        }
    };
    const int workers = std::max(1, std::min<int>(threads, static_cast<int>(cases.size())));
    std::vector<std::thread> pool;
    for (int t = 1; t < workers; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (cancelled) throw Cancelled();
    return results;
}

}  // namespace drs::radiomics
