#include "core/radiomics/DerivedImages.h"

#include <itkGradientMagnitudeImageFilter.h>
#include <itkImage.h>
#include <itkLaplacianRecursiveGaussianImageFilter.h>

#include <QLocale>
#include <QString>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/util/Error.h"

namespace drs::radiomics {
namespace {

using FloatImage = itk::Image<float, 3>;

// The voxels of `box` grown by `margin` (kept inside the image) as an ITK image, read through
// `map` into float as SimpleITK hands pyradiomics' image to its filters; `origin` receives the
// first image voxel copied.
FloatImage::Pointer itkBlock(const Volume& image, const Box& box, std::int64_t margin, const IntensityMap& map,
                             std::array<std::int64_t, 3>& origin) {
    std::array<std::int64_t, 3> end{};
    FloatImage::SizeType size;
    FloatImage::SpacingType spacing;
    for (std::size_t a = 0; a < 3; ++a) {
        origin[a] = std::max<std::int64_t>(0, box.startXyz[a] - margin);
        end[a] = std::min(image.geometry.sizeXyz[a], box.startXyz[a] + box.sizeXyz[a] + margin);
        size[a] = static_cast<itk::SizeValueType>(end[a] - origin[a]);
        spacing[a] = image.geometry.spacingMm[a];
    }
    auto block = FloatImage::New();
    block->SetRegions(FloatImage::RegionType(size));
    block->SetSpacing(spacing);
    block->Allocate();
    float* out = block->GetBufferPointer();
    for (std::int64_t z = origin[2]; z < end[2]; ++z)
        for (std::int64_t y = origin[1]; y < end[1]; ++y)
            for (std::int64_t x = origin[0]; x < end[0]; ++x) *out++ = static_cast<float>(map(image.at(x, y, z)));
    return block;
}

std::vector<double> cropToBox(const FloatImage& filtered, const std::array<std::int64_t, 3>& origin, const Box& box) {
    const auto size = filtered.GetLargestPossibleRegion().GetSize();
    const float* in = filtered.GetBufferPointer();
    std::vector<double> out;
    out.reserve(box.voxelCount());
    for (std::int64_t z = 0; z < box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < box.sizeXyz[0]; ++x) {
                const auto bx = static_cast<std::size_t>(box.startXyz[0] + x - origin[0]);
                const auto by = static_cast<std::size_t>(box.startXyz[1] + y - origin[1]);
                const auto bz = static_cast<std::size_t>(box.startXyz[2] + z - origin[2]);
                out.push_back(in[(bz * size[1] + by) * size[0] + bx]);
            }
    return out;
}

template <typename Transform>
std::vector<double> transformed(const std::vector<double>& values, Transform f) {
    std::vector<double> out(values.size());
    std::transform(values.begin(), values.end(), out.begin(), f);
    return out;
}

}  // namespace

std::vector<double> laplacianOfGaussian(const Volume& image, const Box& box, const IntensityMap& map, double sigmaMm) {
    std::array<std::int64_t, 3> origin{};
    const std::int64_t wholeImage = *std::max_element(image.geometry.sizeXyz.begin(), image.geometry.sizeXyz.end());
    auto filter = itk::LaplacianRecursiveGaussianImageFilter<FloatImage, FloatImage>::New();
    filter->SetInput(itkBlock(image, box, wholeImage, map, origin));
    filter->SetSigma(sigmaMm);
    filter->SetNormalizeAcrossScale(true);
    filter->Update();
    return cropToBox(*filter->GetOutput(), origin, box);
}

std::vector<double> gradientMagnitude(const Volume& image, const Box& box, const IntensityMap& map, bool useSpacing) {
    std::array<std::int64_t, 3> origin{};
    auto filter = itk::GradientMagnitudeImageFilter<FloatImage, FloatImage>::New();
    filter->SetInput(itkBlock(image, box, 1, map, origin));
    filter->SetUseImageSpacing(useSpacing);
    filter->Update();
    return cropToBox(*filter->GetOutput(), origin, box);
}

namespace {

// The LBP value of one voxel from its neighbours' "at or above the centre" bits, in sample order.
double lbpCode(const std::vector<bool>& set, const std::vector<double>& neighbours, LbpMethod method) {
    const int p = static_cast<int>(set.size());
    if (method == LbpMethod::Var) {
        double sum = 0, sumSquares = 0;
        for (double v : neighbours) {
            sum += v;
            sumSquares += v * v;
        }
        const double variance = (sumSquares - sum * sum / p) / p;  // biased, as the LBP papers define it
        return variance != 0 ? variance : std::numeric_limits<double>::quiet_NaN();
    }
    if (method == LbpMethod::Default || method == LbpMethod::Ror) {
        std::uint32_t code = 0;
        for (int i = 0; i < p; ++i) code |= std::uint32_t{set[i]} << i;
        if (method == LbpMethod::Default) return code;
        std::uint32_t smallest = code;
        const std::uint32_t all = (std::uint32_t{1} << p) - 1;
        for (int shift = 1; shift < p; ++shift)
            smallest = std::min(smallest, ((code >> shift) | (code << (p - shift))) & all);
        return smallest;
    }
    // Uniform patterns change between unset and set at most twice around the circle; counting the
    // changes along the open chain decides the same, as the circular count is even.
    int changes = 0, ones = 0;
    for (int i = 0; i + 1 < p; ++i) changes += set[i] != set[i + 1];
    for (bool b : set) ones += b;
    if (method == LbpMethod::Uniform) return changes <= 2 ? ones : p + 1;
    if (changes > 2) return p * (p - 1) + 2;
    if (ones == 0) return 0;
    if (ones == p) return p * (p - 1) + 1;
    // A uniform pattern is a run of `ones` set bits; its code counts the rotations from the run
    // that starts at sample 0 and runs backwards, then groups by the number of set bits.
    const int firstSet = static_cast<int>(std::find(set.begin(), set.end(), true) - set.begin());
    const int firstUnset = static_cast<int>(std::find(set.begin(), set.end(), false) - set.begin());
    const int rotation = firstSet == 0 ? ones - firstUnset : p - firstSet;
    return 1 + (ones - 1) * p + rotation;
}

}  // namespace

std::vector<double> localBinaryPattern2D(const Volume& image, const Box& box, const IntensityMap& map,
                                         double radiusVoxels, int samples, LbpMethod method, int acrossAxis) {
    // The axes (x = 0, y = 1, z = 2) across the slices, and in-slice of the rows and the columns.
    const int sliceAxis = 2 - acrossAxis;
    const int rowAxis = acrossAxis == 1 ? 2 : 1;
    const int columnAxis = acrossAxis == 2 ? 2 : 0;
    // scikit-image takes the radius as a single-precision float, and rounds the offsets.
    const double radius = static_cast<float>(radiusVoxels);
    std::vector<double> rowOffset(samples), columnOffset(samples);
    for (int i = 0; i < samples; ++i) {
        const double angle = 2 * M_PI * i / samples;
        rowOffset[i] = std::nearbyint(-radius * std::sin(angle) * 1e5) / 1e5;
        columnOffset[i] = std::nearbyint(radius * std::cos(angle) * 1e5) / 1e5;
    }
    const auto& size = image.geometry.sizeXyz;
    std::vector<double> out;
    out.reserve(box.voxelCount());
    std::vector<double> neighbours(samples);
    std::vector<bool> set(samples);
    std::array<std::int64_t, 3> at{};
    const auto valueAt = [&](std::int64_t row, std::int64_t column, std::int64_t slice) {
        if (row < 0 || row >= size[rowAxis] || column < 0 || column >= size[columnAxis]) return 0.0;
        at[rowAxis] = row;
        at[columnAxis] = column;
        at[sliceAxis] = slice;
        return map(image.at(at[0], at[1], at[2]));
    };
    for (std::int64_t z = box.startXyz[2]; z < box.startXyz[2] + box.sizeXyz[2]; ++z)
        for (std::int64_t y = box.startXyz[1]; y < box.startXyz[1] + box.sizeXyz[1]; ++y)
            for (std::int64_t x = box.startXyz[0]; x < box.startXyz[0] + box.sizeXyz[0]; ++x) {
                const std::array<std::int64_t, 3> voxel{x, y, z};
                const std::int64_t row = voxel[rowAxis], column = voxel[columnAxis], slice = voxel[sliceAxis];
                const double centre = map(image.at(x, y, z));
                for (int i = 0; i < samples; ++i) {
                    // Bilinear interpolation written as scikit-image writes it, so that a flat
                    // neighbourhood compares as it does there.
                    const double r = static_cast<double>(row) + rowOffset[i];
                    const double c = static_cast<double>(column) + columnOffset[i];
                    const auto r0 = static_cast<std::int64_t>(std::floor(r)),
                               r1 = static_cast<std::int64_t>(std::ceil(r));
                    const auto c0 = static_cast<std::int64_t>(std::floor(c)),
                               c1 = static_cast<std::int64_t>(std::ceil(c));
                    const double dr = r - static_cast<double>(r0), dc = c - static_cast<double>(c0);
                    const double top = (1 - dc) * valueAt(r0, c0, slice) + dc * valueAt(r0, c1, slice);
                    const double bottom = (1 - dc) * valueAt(r1, c0, slice) + dc * valueAt(r1, c1, slice);
                    neighbours[i] = (1 - dr) * top + dr * bottom;
                    set[i] = neighbours[i] - centre >= 0;
                }
                out.push_back(lbpCode(set, neighbours, method));
            }
    return out;
}

double maximumAbsolute(const Volume& image, const IntensityMap& map) {
    double m = 0;
    for (float v : image.voxels) m = std::max(m, std::abs(map(v)));
    return m;
}

std::vector<double> squareImage(const std::vector<double>& boxIntensity, double maxAbs) {
    const double coefficient = 1 / std::sqrt(maxAbs);
    return transformed(boxIntensity, [&](double v) { return (coefficient * v) * (coefficient * v); });
}

std::vector<double> squareRootImage(const std::vector<double>& boxIntensity, double maxAbs) {
    return transformed(boxIntensity, [&](double v) {
        if (v > 0) return std::sqrt(v * maxAbs);
        if (v < 0) return -std::sqrt(-v * maxAbs);
        return v;
    });
}

std::vector<double> logarithmImage(const std::vector<double>& boxIntensity, double maxAbs) {
    // The transform keeps the order of |v|, so the transformed image's largest |value| is that of maxAbs.
    const double scale = maxAbs / std::log(maxAbs + 1);
    return transformed(boxIntensity, [&](double v) {
        if (v > 0) return std::log(v + 1) * scale;
        if (v < 0) return -std::log(-(v - 1)) * scale;
        return v;
    });
}

std::vector<double> exponentialImage(const std::vector<double>& boxIntensity, double maxAbs) {
    const double coefficient = std::log(maxAbs) / maxAbs;
    return transformed(boxIntensity, [&](double v) { return std::exp(coefficient * v); });
}

std::string logImageName(double sigmaMm) {
    // Python's float repr: shortest round-trip digits, ".0" when whole.
    std::string text = sigmaMm == std::floor(sigmaMm) && sigmaMm < 1e16
                           ? std::to_string(static_cast<long long>(sigmaMm)) + ".0"
                           : QString::number(sigmaMm, 'g', QLocale::FloatingPointShortest).toStdString();
    std::replace(text.begin(), text.end(), '.', '-');
    return "log-sigma-" + text + "-mm-3D";
}

std::vector<DerivedTask> derivedTasks(const Settings& settings) {
    std::vector<DerivedTask> tasks;
    for (const std::string& type : kDerivedImageTypes) {
        if (std::find(settings.imageTypes.begin(), settings.imageTypes.end(), type) == settings.imageTypes.end())
            continue;
        if (type == "LoG") {
            for (double sigma : settings.sigmaMm) tasks.push_back({logImageName(sigma), type, sigma});
        } else if (type == "LBP2D") {
            tasks.push_back({"lbp-2D", type});
        } else if (type == "LBP3D") {
            for (int level = 1; level <= settings.lbp3DLevels; ++level)
                tasks.push_back({"lbp-3D-m" + std::to_string(level), type, 0, level});
            tasks.push_back({"lbp-3D-k", type});
        } else {
            tasks.push_back({QString::fromStdString(type).toLower().toStdString(), type});
        }
    }
    return tasks;
}

double DerivedImageCache::maximumAbsolute(const Volume& image, const IntensityMap& map) {
    std::call_once(maxAbsDone_, [&] { maxAbs_ = radiomics::maximumAbsolute(image, map); });
    return maxAbs_;
}

const Lbp3DImages& DerivedImageCache::lbp3D(const Volume& image, const Region& region, const Settings& settings) {
    std::call_once(lbp3DDone_, [&] {
        lbp3D_ = localBinaryPattern3D(image, region, settings.lbp3DLevels, settings.lbp3DIcosphereRadius,
                                      settings.lbp3DIcosphereSubdivision);
    });
    return lbp3D_;
}

std::vector<double> derivedImage(const DerivedTask& task, const Volume& image, const Region& region,
                                 const Settings& settings, DerivedImageCache& shared) {
    if (task.type == "LoG") return laplacianOfGaussian(image, region.box, region.intensityMap, task.sigmaMm);
    if (task.type == "Gradient")
        return gradientMagnitude(image, region.box, region.intensityMap, settings.gradientUseSpacing);
    if (task.type == "LBP2D") {
        std::vector<double> lbp =
            localBinaryPattern2D(image, region.box, region.intensityMap, settings.lbp2DRadius, settings.lbp2DSamples,
                                 settings.lbp2DMethod, settings.force2Ddimension);
        for (std::size_t i = 0; i < lbp.size(); ++i)
            if (region.mask[i] && std::isnan(lbp[i]))
                throw Error("LBP2D with lbp2DMethod var is undefined (NaN) inside the ROI where all " +
                            std::to_string(settings.lbp2DSamples) +
                            " neighbours are equal; pyradiomics would compute its features from NaN values");
        return lbp;
    }
    if (task.type == "LBP3D") {
        const Lbp3DImages& lbp = shared.lbp3D(image, region, settings);
        if (task.lbp3DLevel > 0) return lbp.levels[static_cast<std::size_t>(task.lbp3DLevel - 1)];
        for (std::size_t i = 0; i < lbp.kurtosis.size(); ++i)
            if (region.mask[i] && std::isnan(lbp.kurtosis[i]))
                throw Error(
                    "LBP3D's kurtosis is undefined (NaN) inside the ROI where all the samples around a voxel "
                    "are equal; pyradiomics would compute its features from NaN values");
        return lbp.kurtosis;
    }
    const double maxAbs = shared.maximumAbsolute(image, region.intensityMap);
    if (task.type == "Square") return squareImage(region.intensity, maxAbs);
    if (task.type == "SquareRoot") return squareRootImage(region.intensity, maxAbs);
    if (task.type == "Logarithm") return logarithmImage(region.intensity, maxAbs);
    return exponentialImage(region.intensity, maxAbs);
}

}  // namespace drs::radiomics
