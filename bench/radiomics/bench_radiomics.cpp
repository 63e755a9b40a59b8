// Where the time of one radiomics extraction goes: reading, region, wavelet and each family on
// each image, single-threaded, in-process, as thread CPU time (best of REPEATS runs).
// Usage: bench_radiomics IMAGE MASK [LABEL] [REPEATS] [BINWIDTH]
//        bench_radiomics --params IMAGE MASK REPEATS P1.json [P2.json ...]
//          whole extractions (preparation such as resampling included, one thread) with each
//          parameter file in turn, REPEATS rounds: side-by-side thread CPU times, best and median.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <string>

#include "core/image/ImageIO.h"
#include "core/radiomics/Discretisation.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/FirstOrder.h"
#include "core/radiomics/IntensityHistogram.h"
#include "core/radiomics/IntensityVolumeHistogram.h"
#include "core/radiomics/LocalIntensity.h"
#include "core/radiomics/Morphology.h"
#include "core/radiomics/Shape.h"
#include "core/radiomics/TextureFamilies.h"
#include "core/radiomics/Wavelet.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::radiomics;

namespace {

// CPU time of this thread: the machine may be shared, and CPU time is what a single-threaded
// extraction costs regardless of other load.
double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

double secondsOf(const std::function<void()>& work) {
    const double start = threadCpuSeconds();
    work();
    return threadCpuSeconds() - start;
}

}  // namespace

// The --params mode: each parameter file's whole extraction, in turn, REPEATS rounds.
int compareParameterFiles(int argc, char** argv) {
    const Volume image = readVolume(argv[2]);
    const LabelMap mask = readLabelMap(argv[3]);
    const int repeats = std::stoi(argv[4]);
    std::vector<ParameterFile> files;
    for (int k = 5; k < argc; ++k) files.push_back(readParameterFile(argv[k]));
    std::vector<std::vector<double>> seconds(files.size());
    std::vector<std::size_t> featureCount(files.size());
    for (int r = 0; r < repeats; ++r)
        for (std::size_t k = 0; k < files.size(); ++k)
            seconds[k].push_back(secondsOf([&] {
                featureCount[k] =
                    extractFeatures(image, mask, files[k].settings.label, files[k].settings, files[k].waveletEnabled)
                        .size();
            }));
    for (std::size_t k = 0; k < files.size(); ++k) {
        std::sort(seconds[k].begin(), seconds[k].end());
        std::printf("%-40s %4zu features: best %.4f s, median %.4f s (thread CPU, %d rounds)\n", argv[5 + k],
                    featureCount[k], seconds[k].front(), seconds[k][seconds[k].size() / 2], repeats);
    }
    return 0;
}

int main(int argc, char** argv) {
    if (argc >= 6 && std::string(argv[1]) == "--params") {
        try {
            return compareParameterFiles(argc, argv);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench_radiomics: %s\n", e.what());
            return 1;
        }
    }
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_radiomics IMAGE MASK [LABEL] [REPEATS] [BINWIDTH]\n");
        return 2;
    }
    try {
        Settings settings;
        settings.label = static_cast<std::uint16_t>(argc > 3 ? std::stoi(argv[3]) : 1);
        const int repeats = argc > 4 ? std::stoi(argv[4]) : 5;
        if (argc > 5) settings.binWidth = std::stod(argv[5]);
        Volume image;
        LabelMap mask;
        const double readSeconds = secondsOf([&] {
            image = readVolume(argv[1]);
            mask = readLabelMap(argv[2]);
        });
        std::map<std::string, double> best;
        auto keep = [&](const std::string& stage, double seconds) {
            auto [it, inserted] = best.emplace(stage, seconds);
            if (!inserted) it->second = std::min(it->second, seconds);
        };
        Region region;
        std::size_t levelsOriginal = 0;
        for (int r = 0; r < repeats; ++r) {
            keep("1 region", secondsOf([&] { region = extractRegion(image, mask, settings, argv[2]); }));
            keep("2 shape", secondsOf([&] { shapeFeatures(region); }));
            std::vector<WaveletImage> wavelets;
            keep("3 wavelet transform",
                 secondsOf([&] { wavelets = waveletImages(image, region.box, {}, Settings{}); }));
            std::vector<std::pair<std::string, const std::vector<double>*>> images{{"original", &region.intensity}};
            for (const auto& w : wavelets) images.emplace_back(w.name, &w.intensity);
            for (const auto& [name, intensity] : images) {
                GreyLevelImage grey;
                const std::string tag = name == "original" ? "original" : "wavelet x8";
                const double discretise_ = secondsOf([&] { grey = discretise(*intensity, region, settings); });
                if (name == "original") levelsOriginal = grey.presentLevels.size();
                if (r == 0) std::printf("%s: %zu grey levels\n", name.c_str(), grey.presentLevels.size());
                auto add = [&](const std::string& stage, double s) {
                    best[stage + " (" + tag + ") run" + std::to_string(r)] += s;
                };
                add("discretise", discretise_);
                add("firstorder",
                    secondsOf([&] { firstOrderFeatures(maskedValues(*intensity, region.mask), grey, settings); }));
                add("glcm", secondsOf([&] { glcmFeatures(grey, settings); }));
                add("gldm", secondsOf([&] { gldmFeatures(grey, settings); }));
                add("gldzm (IBSI, asked for)", secondsOf([&] { gldzmFeatures(grey, region.shapeMask, settings); }));
                add("glrlm", secondsOf([&] { glrlmFeatures(grey, settings); }));
                add("glszm", secondsOf([&] { glszmFeatures(grey, settings); }));
                add("intensityhistogram (IBSI, asked for)", secondsOf([&] { intensityHistogramFeatures(grey); }));
                add("intensitystatistics (IBSI, asked for)",
                    secondsOf([&] { intensityStatisticsFeatures(maskedValues(*intensity, region.mask), settings); }));
                add("intensityvolumehistogram (IBSI, asked for)", secondsOf([&] {
                        intensityVolumeHistogramFeatures(maskedValues(*intensity, region.mask), settings, std::nullopt,
                                                         std::nullopt);
                    }));
                add("ngldm (IBSI, asked for)", secondsOf([&] { ngldmFeatures(grey, settings); }));
                add("ngtdm", secondsOf([&] { ngtdmFeatures(grey, settings); }));
            }
            keep("8 localintensity (IBSI, asked for; original image)",
                 secondsOf([&] { localIntensityFeatures(image, region, settings); }));
            keep("8 morphology (IBSI, asked for; once per ROI)", secondsOf([&] { morphologyFeatures(region); }));
            keep("9 all 851 features", secondsOf([&] { extractRegionFeatures(image, region, settings, true); }));
        }
        // Reduce per-run sums of the family stages to their best run.
        std::map<std::string, double> stages;
        for (const auto& [key, seconds] : best) {
            const auto run = key.rfind(" run");
            if (run == std::string::npos) {
                stages[key] = seconds;
                continue;
            }
            const std::string stage = "5 " + key.substr(0, run);
            auto [it, inserted] = stages.emplace(stage, seconds);
            if (!inserted) it->second = std::min(it->second, seconds);
        }
        std::printf("image %s: %lldx%lldx%lld voxels; ROI box %lldx%lldx%lld, %zu voxels, %zu grey levels (original)\n",
                    argv[1], (long long)image.geometry.sizeXyz[0], (long long)image.geometry.sizeXyz[1],
                    (long long)image.geometry.sizeXyz[2], (long long)region.box.sizeXyz[0],
                    (long long)region.box.sizeXyz[1], (long long)region.box.sizeXyz[2], region.maskVoxelCount,
                    levelsOriginal);
        std::printf("%-40s %10.4f s\n", "0 read image + mask (once)", readSeconds);
        for (const auto& [stage, seconds] : stages) std::printf("%-40s %10.4f s\n", stage.c_str(), seconds);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_radiomics: %s\n", e.what());
        return 1;
    }
}
