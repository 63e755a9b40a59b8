#include "core/radiomics/VoxelMaps.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "core/radiomics/DerivedImages.h"
#include "core/radiomics/Discretisation.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/FirstOrder.h"
#include "core/radiomics/Region.h"
#include "core/radiomics/Resampling.h"
#include "core/radiomics/TextureFamilies.h"
#include "core/radiomics/Wavelet.h"
#include "core/util/Error.h"
#include "core/util/Parallel.h"

namespace drs::radiomics {
namespace {

using Family = FamilyValues (*)(const GreyLevelImage&, const Settings&);
struct TextureFamily {
    const char* name;
    Family compute;
};
const TextureFamily kTextureFamilies[] = {{"glcm", glcmFeatures},
                                          {"gldm", gldmFeatures},
                                          {"glrlm", glrlmFeatures},
                                          {"glszm", glszmFeatures},
                                          {"ngtdm", ngtdmFeatures}};

// What kernels are drawn from: the ROI's bounding box padded by kernelRadius within the image
// (pyradiomics' cropToTumorMask with padDistance kernelRadius), `mask` marking the voxels a kernel
// may hold and `shapeMask` the ROI voxels that get a value.
Region kernelField(const Volume& image, const Region& roi, const VoxelSettings& voxel, const std::string& what) {
    Region field;
    field.intensityMap = roi.intensityMap;
    field.spacingMm = roi.spacingMm;
    field.binAnchor = roi.binAnchor;
    for (int a = 0; a < 3; ++a) {
        const std::int64_t low = std::max<std::int64_t>(0, roi.box.startXyz[a] - voxel.kernelRadius);
        const std::int64_t high =
            std::min(image.geometry.sizeXyz[a] - 1, roi.box.startXyz[a] + roi.box.sizeXyz[a] - 1 + voxel.kernelRadius);
        field.box.startXyz[a] = low;
        field.box.sizeXyz[a] = high - low + 1;
    }
    const std::size_t count = field.box.voxelCount();
    field.intensity.resize(count);
    field.shapeMask.assign(count, 0);
    field.mask.assign(count, voxel.maskedKernel ? 0 : 1);
    std::size_t i = 0;
    for (std::int64_t z = 0; z < field.box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < field.box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < field.box.sizeXyz[0]; ++x, ++i) {
                const std::array<std::int64_t, 3> p{field.box.startXyz[0] + x, field.box.startXyz[1] + y,
                                                    field.box.startXyz[2] + z};
                field.intensity[i] = field.intensityMap(image.voxels[image.geometry.linear(p[0], p[1], p[2])]);
                std::array<std::int64_t, 3> inRoi{};
                bool inside = true;
                for (int a = 0; a < 3; ++a) {
                    inRoi[a] = p[a] - roi.box.startXyz[a];
                    inside = inside && inRoi[a] >= 0 && inRoi[a] < roi.box.sizeXyz[a];
                }
                if (inside && roi.mask[roi.linear(inRoi[0], inRoi[1], inRoi[2])]) {
                    field.shapeMask[i] = 1;
                    field.mask[i] = 1;
                }
            }
    // Outside the ROI an unmasked kernel reads the image, which must then be finite too.
    for (std::size_t k = 0; k < count; ++k)
        if (field.mask[k] && !std::isfinite(field.intensity[k]))
            throw Error(what + ": a voxel within kernelRadius of the ROI is NaN or infinite in the image");
    field.maskVoxelCount = static_cast<std::size_t>(std::count(field.mask.begin(), field.mask.end(), 1));
    return field;
}

// The kernel around one ROI voxel as a texture input of its own (cropGreyLevels), with the
// kernel's intensities for first order.
struct Kernel {
    GreyLevelImage grey;
    std::vector<double> values;      // intensities of grey.roiIndex, in that order
    std::vector<int> compactOfRank;  // scratch of cropGreyLevels
};

// intensity: the image type's values on the field box (x fastest), for the first-order features.
void fillKernel(const GreyLevelImage& field, const std::vector<double>& intensity,
                const std::array<std::int64_t, 3>& centreXyz, const std::array<int, 3>& radiusXyz, Kernel& k) {
    std::array<std::int64_t, 3> low{}, high{};
    for (int a = 0; a < 3; ++a) {
        low[a] = std::max<std::int64_t>(0, centreXyz[a] - radiusXyz[a]);
        high[a] = std::min(field.sizeXyz[a] - 1, centreXyz[a] + radiusXyz[a]);
    }
    k.values.clear();
    cropGreyLevels(field, low, high, k.grey, k.compactOfRank, [&](std::int64_t x, std::int64_t y, std::int64_t z) {
        k.values.push_back(intensity[static_cast<std::size_t>((z * field.sizeXyz[1] + y) * field.sizeXyz[0] + x)]);
    });
}

// One image type's intensities on the field box, under its pyradiomics prefix.
struct TypedImage {
    std::string prefix;  // "original", "log-sigma-1-0-mm-3D", "wavelet-LLH", ...
    std::function<std::vector<double>()> intensity;
};

// The image types in pyradiomics' order: original, the derived images, the wavelet decompositions.
// Each is computed when its maps are wanted: over the field box, from the whole image where the
// filter needs it, as pyradiomics filters the whole image and then crops with kernelRadius.
std::vector<TypedImage> imageTypes(const Volume& image, const Region& field, const Settings& settings,
                                   bool withWavelet) {
    std::vector<TypedImage> types{{"original", [&] { return field.intensity; }}};
    auto derivedShared = std::make_shared<DerivedImageCache>();
    for (const DerivedTask& task : derivedTasks(settings))
        types.push_back({task.name, [&, task, derivedShared] {
                             return derivedImage(task, image, field, settings, *derivedShared);
                         }});
    if (withWavelet) {
        auto wavelet = std::make_shared<WaveletTransform>(image, field.box, field.intensityMap, settings);
        for (const std::string& name : wavelet->names())
            types.push_back({name, [wavelet, name] { return wavelet->image(name); }});
    }
    return types;
}

std::vector<FeatureMap> mapsOf(const Volume& image, const LabelMap& mask, const Settings& settings, bool withWavelet,
                               const VoxelSettings& voxel, const FeatureFilter& wanted, Progress* progress, int threads,
                               const std::string& what) {
    if (!voxel.maskedKernel &&
        std::find(settings.imageTypes.begin(), settings.imageTypes.end(), "LBP3D") != settings.imageTypes.end())
        throw Error(what +
                    ": LBP3D has values only inside the ROI (pyradiomics leaves the rest of its image unset), "
                    "so its maps need maskedKernel: true");
    const Region roi = extractRegion(image, mask, settings, what);
    const Region field = kernelField(image, roi, voxel, what);
    std::array<int, 3> radiusXyz{voxel.kernelRadius, voxel.kernelRadius, voxel.kernelRadius};
    if (settings.force2D) radiusXyz[static_cast<std::size_t>(2 - settings.force2Ddimension)] = 0;
    Geometry mapGrid = image.geometry;
    mapGrid.sizeXyz = field.box.sizeXyz;
    mapGrid.originMm = image.geometry.physicalPointMm(static_cast<double>(field.box.startXyz[0]),
                                                      static_cast<double>(field.box.startXyz[1]),
                                                      static_cast<double>(field.box.startXyz[2]));
    std::vector<std::size_t> targets;
    for (std::size_t i = 0; i < field.shapeMask.size(); ++i)
        if (field.shapeMask[i]) targets.push_back(i);
    const auto sx = field.box.sizeXyz[0], sy = field.box.sizeXyz[1];
    const auto centre = [&](std::size_t i) {
        const auto index = static_cast<std::int64_t>(i);
        return std::array<std::int64_t, 3>{index % sx, (index / sx) % sy, index / (sx * sy)};
    };

    // The maps of one image type; a family is computed when one of its features is wanted.
    std::vector<FeatureMap> maps;
    const std::vector<TypedImage> types = imageTypes(image, field, settings, withWavelet);
    const std::vector<std::string> originalNames = featureNames(false);
    for (std::size_t t = 0; t < types.size(); ++t) {
        const std::string& prefix = types[t].prefix;
        const std::size_t firstMap = maps.size();
        std::vector<std::string> families;
        for (const std::string& name : originalNames) {
            const std::string family = name.substr(9, name.find('_', 9) - 9);  // after "original_"
            const std::string typed = prefix + name.substr(8);
            if (family == "shape" || !wanted(typed)) continue;
            maps.push_back({typed, ValueMap(mapGrid, voxel.initValue)});
            if (std::find(families.begin(), families.end(), family) == families.end()) families.push_back(family);
        }
        if (maps.size() == firstMap) continue;
        const std::vector<double> intensity = types[t].intensity();
        GreyLevelImage grey =
            discretise(intensity, field, settings, prefix == "original" ? field.binAnchor : std::nullopt);
        // pyradiomics generates its directions from the size of the box it was handed (the padded box).
        grey.roiExtentXyz = field.box.sizeXyz;
        const auto computes = [&](const std::string& family) {
            return std::find(families.begin(), families.end(), family) != families.end();
        };
        // Decided once here, not per voxel.
        const bool firstOrder = computes("firstorder");
        std::vector<const TextureFamily*> textures;
        for (const TextureFamily& f : kTextureFamilies)
            if (computes(f.name)) textures.push_back(&f);
        // A kernel's values, family by family.
        const auto kernelValues = [&](const Kernel& kernel) {
            std::vector<std::pair<const char*, FamilyValues>> out;
            if (firstOrder) out.emplace_back("firstorder", firstOrderFeatures(kernel.values, kernel.grey, settings));
            for (const TextureFamily* f : textures) out.emplace_back(f->name, f->compute(kernel.grey, settings));
            return out;
        };
        // Which map each of a kernel's values fills (-1: not wanted).
        std::vector<int> mapOfValue;
        {
            Kernel first;
            fillKernel(grey, intensity, centre(targets.front()), radiusXyz, first);
            for (const auto& [family, values] : kernelValues(first))
                for (const FeatureValue& v : values) {
                    const std::string name = prefix + "_" + family + "_" + v.name;
                    const auto m = std::find_if(maps.begin() + static_cast<std::ptrdiff_t>(firstMap), maps.end(),
                                                [&](const FeatureMap& f) { return f.name == name; });
                    mapOfValue.push_back(m == maps.end() ? -1 : static_cast<int>(m - maps.begin()));
                }
        }
        constexpr std::size_t kChunk = 256;
        const auto chunks = static_cast<int>((targets.size() + kChunk - 1) / kChunk);
        std::atomic<int> done{0};
        std::mutex progressMutex;
        const std::string step = prefix + " voxel-based features";
        if (progress) progress->step(double(t) / double(types.size()), step);
        parallelFor(chunks, std::max(1, threads), progress, [&](int chunk) {
            Kernel kernel;
            const std::size_t first = static_cast<std::size_t>(chunk) * kChunk;
            for (std::size_t v = first; v < std::min(targets.size(), first + kChunk); ++v) {
                fillKernel(grey, intensity, centre(targets[v]), radiusXyz, kernel);
                std::size_t k = 0;
                for (const auto& [family, values] : kernelValues(kernel))
                    for (const FeatureValue& value : values) {
                        const int m = mapOfValue[k++];
                        if (m >= 0) maps[static_cast<std::size_t>(m)].values.voxels[targets[v]] = value.value;
                    }
            }
            if (progress) {
                std::lock_guard<std::mutex> lock(progressMutex);
                progress->step((double(t) + double(++done) / double(chunks)) / double(types.size()), step);
            }
        });
    }
    return maps;
}

}  // namespace

std::vector<std::string> voxelMapNames(const Settings& settings, bool withWavelet) {
    std::vector<std::string> images{"original"};
    for (const DerivedTask& task : derivedTasks(settings)) images.push_back(task.name);
    if (withWavelet)
        for (const std::string& name : waveletImageNames(settings)) images.push_back(name);
    const std::string original = "original";
    std::vector<std::string> names;
    for (const std::string& image : images)
        for (const std::string& feature : featureNames(false))
            if (feature.rfind("original_shape_", 0) != 0) names.push_back(image + feature.substr(original.size()));
    return names;
}

std::vector<FeatureMap> extractVoxelMaps(const Volume& image, const LabelMap& mask, const Settings& settings,
                                         bool withWavelet, const VoxelSettings& voxel, const FeatureFilter& wanted,
                                         Progress* progress, int threads, const std::string& what) {
    Settings checked = settings;
    validate(checked, "settings");
    if (settings.force2DPerSlice)
        throw Error(
            "settings: force2DPerSlice has no voxel-based maps (a kernel is one neighbourhood, not a "
            "ROI's slices; force2D alone gives in-plane kernels)");
    if (std::optional<PreparedImages> prepared = prepareImages(image, mask, settings, what)) {
        Settings onPrepared = settings;
        onPrepared.normalize = false;
        return mapsOf(prepared->image, prepared->mask, onPrepared, withWavelet, voxel, wanted, progress, threads, what);
    }
    return mapsOf(image, mask, settings, withWavelet, voxel, wanted, progress, threads, what);
}

}  // namespace drs::radiomics
