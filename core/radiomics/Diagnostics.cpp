#include "core/radiomics/Diagnostics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <optional>

#include "core/radiomics/Region.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::radiomics {
namespace {

template <class T>
std::string tuple(const std::array<T, 3>& xyz) {
    std::string text = "(";
    for (std::size_t a = 0; a < 3; ++a) text += (a ? ", " : "") + formatDouble(static_cast<double>(xyz[a]));
    return text + ")";
}

// SimpleITK's Hash: the SHA-1 of the voxel buffer in the image's type, little-endian.
template <class Voxel, class Value>
std::string bufferSha1(const std::vector<Value>& voxels) {
    static_assert(std::endian::native == std::endian::little, "the buffer is hashed as it lies in memory");
    Sha1 hash;
    std::array<Voxel, 8192> piece;
    for (std::size_t start = 0; start < voxels.size(); start += piece.size()) {
        const std::size_t count = std::min(piece.size(), voxels.size() - start);
        const auto first = voxels.begin() + static_cast<std::ptrdiff_t>(start);
        std::transform(first, first + static_cast<std::ptrdiff_t>(count), piece.begin(),
                       [](Value v) { return static_cast<Voxel>(v); });
        hash.add(piece.data(), count * sizeof(Voxel));
    }
    return hash.hex();
}

// Not for a float64 file: its voxels are held as float32, which need not keep them.
std::optional<std::string> imageSha1(const Volume& image) {
    if (image.stored == StoredVoxel::Float64) return std::nullopt;
    return withStoredType(image.stored, [&](auto voxel) { return bufferSha1<decltype(voxel)>(image.voxels); });
}

// An ROI on a box of its image, with the image's values there when they are reported.
struct BoxMask {
    Box box;
    std::vector<std::uint8_t> inside;  // box voxels, x fastest
    std::vector<double> values;        // the image on the box; empty: not reported
};

BoxMask labelOnBox(const LabelMap& mask, std::uint16_t label, const Volume* image, const std::string& what) {
    BoxMask roi;
    roi.box = labelBox(mask, label);
    if (roi.box.voxelCount() == 0)
        throw Error(what + ": label " + std::to_string(label) + " is not present in the mask");
    const auto& [x0, y0, z0] = roi.box.startXyz;
    for (std::int64_t z = z0; z < z0 + roi.box.sizeXyz[2]; ++z)
        for (std::int64_t y = y0; y < y0 + roi.box.sizeXyz[1]; ++y)
            for (std::int64_t x = x0; x < x0 + roi.box.sizeXyz[0]; ++x) {
                roi.inside.push_back(mask.at(x, y, z) == label ? 1 : 0);
                if (image) roi.values.push_back(image->at(x, y, z));
            }
    return roi;
}

// Pieces of the ROI joined through faces, edges or corners (SimpleITK's fully connected components).
int pieces(const BoxMask& roi) {
    const auto& size = roi.box.sizeXyz;
    const auto linear = [&](std::int64_t i, std::int64_t j, std::int64_t k) {
        return static_cast<std::size_t>((k * size[1] + j) * size[0] + i);
    };
    std::vector<std::uint8_t> unvisited = roi.inside;
    std::vector<std::array<std::int64_t, 3>> stack;
    int count = 0;
    for (std::int64_t z = 0; z < size[2]; ++z)
        for (std::int64_t y = 0; y < size[1]; ++y)
            for (std::int64_t x = 0; x < size[0]; ++x) {
                if (!unvisited[linear(x, y, z)]) continue;
                ++count;
                unvisited[linear(x, y, z)] = 0;
                stack.push_back({x, y, z});
                while (!stack.empty()) {
                    const auto [cx, cy, cz] = stack.back();
                    stack.pop_back();
                    for (std::int64_t k = std::max<std::int64_t>(cz - 1, 0); k <= std::min(cz + 1, size[2] - 1); ++k)
                        for (std::int64_t j = std::max<std::int64_t>(cy - 1, 0); j <= std::min(cy + 1, size[1] - 1);
                             ++j)
                            for (std::int64_t i = std::max<std::int64_t>(cx - 1, 0); i <= std::min(cx + 1, size[0] - 1);
                                 ++i)
                                if (unvisited[linear(i, j, k)]) {
                                    unvisited[linear(i, j, k)] = 0;
                                    stack.push_back({i, j, k});
                                }
                }
            }
    return count;
}

void addImage(std::vector<Diagnostic>& out, const std::string& step, const Volume& image) {
    const std::string prefix = "diagnostics_Image-" + step + "_";
    if (step == "original") {
        if (const auto hash = imageSha1(image)) out.push_back({prefix + "Hash", *hash});
        out.push_back({prefix + "Dimensionality", "3D"});
    }
    out.push_back({prefix + "Spacing", tuple(image.geometry.spacingMm)});
    out.push_back({prefix + "Size", tuple(image.geometry.sizeXyz)});
    double sum = 0, low = std::numeric_limits<double>::infinity(), high = -low;
    for (const float v : image.voxels) {
        sum += v;
        low = std::min<double>(low, v);
        high = std::max<double>(high, v);
    }
    out.push_back({prefix + "Mean", formatDouble(sum / static_cast<double>(image.voxels.size()))});
    out.push_back({prefix + "Minimum", formatDouble(low)});
    out.push_back({prefix + "Maximum", formatDouble(high)});
}

void addMask(std::vector<Diagnostic>& out, const std::string& step, const Geometry& grid, const BoxMask& roi) {
    const std::string prefix = "diagnostics_Mask-" + step + "_";
    out.push_back({prefix + "Spacing", tuple(grid.spacingMm)});
    out.push_back({prefix + "Size", tuple(grid.sizeXyz)});
    std::array<std::int64_t, 3> first{std::numeric_limits<std::int64_t>::max(),
                                      std::numeric_limits<std::int64_t>::max(),
                                      std::numeric_limits<std::int64_t>::max()},
        last{-1, -1, -1};
    std::array<double, 3> indexSum{0, 0, 0};
    std::size_t voxels = 0;
    double sum = 0, low = std::numeric_limits<double>::infinity(), high = -low;
    std::size_t i = 0;
    for (std::int64_t z = 0; z < roi.box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < roi.box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < roi.box.sizeXyz[0]; ++x, ++i) {
                if (!roi.inside[i]) continue;
                const std::array<std::int64_t, 3> at{roi.box.startXyz[0] + x, roi.box.startXyz[1] + y,
                                                     roi.box.startXyz[2] + z};
                for (std::size_t a = 0; a < 3; ++a) {
                    first[a] = std::min(first[a], at[a]);
                    last[a] = std::max(last[a], at[a]);
                    indexSum[a] += static_cast<double>(at[a]);
                }
                ++voxels;
                if (roi.values.empty()) continue;
                sum += roi.values[i];
                low = std::min(low, roi.values[i]);
                high = std::max(high, roi.values[i]);
            }
    std::string box = "(";
    for (std::size_t a = 0; a < 3; ++a) box += std::to_string(first[a]) + ", ";
    for (std::size_t a = 0; a < 3; ++a) box += std::to_string(last[a] - first[a] + 1) + (a < 2 ? ", " : ")");
    out.push_back({prefix + "BoundingBox", box});
    out.push_back({prefix + "VoxelNum", std::to_string(voxels)});
    out.push_back({prefix + "VolumeNum", std::to_string(pieces(roi))});
    std::array<double, 3> centre{};
    for (std::size_t a = 0; a < 3; ++a) centre[a] = indexSum[a] / static_cast<double>(voxels);
    out.push_back({prefix + "CenterOfMassIndex", tuple(centre)});
    out.push_back({prefix + "CenterOfMass", tuple(grid.physicalPointMm(centre[0], centre[1], centre[2]))});
    if (roi.values.empty()) return;
    out.push_back({prefix + "Mean", formatDouble(sum / static_cast<double>(voxels))});
    out.push_back({prefix + "Minimum", formatDouble(low)});
    out.push_back({prefix + "Maximum", formatDouble(high)});
}

}  // namespace

std::vector<Diagnostic> caseDiagnostics(const Volume& image, const LabelMap& mask, const Settings& settings,
                                        const std::string& what) {
    return caseDiagnostics(image, mask, prepareImages(image, mask, settings, what), settings, what);
}

std::vector<Diagnostic> caseDiagnostics(const Volume& image, const LabelMap& mask,
                                        const std::optional<PreparedImages>& prepared, const Settings& settings,
                                        const std::string& what) {
    std::vector<Diagnostic> out;
    addImage(out, "original", image);
    // pyradiomics hashes the mask after casting it to UInt32 (imageoperations.getMask).
    out.push_back({"diagnostics_Mask-original_Hash", bufferSha1<std::uint32_t>(mask.voxels)});
    addMask(out, "original", mask.geometry, labelOnBox(mask, settings.label, nullptr, what));
    // The steps of extraction: normalisation, then resampling or pre-cropping (prepared).
    if (prepared && settings.resampledPixelSpacing && settings.interpolator) {
        addImage(out, "interpolated", prepared->image);
        addMask(out, "interpolated", prepared->mask.geometry,
                labelOnBox(prepared->mask, settings.label, &prepared->image, what));
    }
    if (!settings.resegmentRange.empty() || settings.outlierFilterSigma) {
        Settings onPrepared = settings;
        if (prepared) onPrepared.normalize = false;
        const Volume& onImage = prepared ? prepared->image : image;
        const Region region = extractRegion(onImage, prepared ? prepared->mask : mask, onPrepared, what);
        addMask(out, "resegmented", onImage.geometry, {region.box, region.mask, region.intensity});
    }
    return out;
}

}  // namespace drs::radiomics
