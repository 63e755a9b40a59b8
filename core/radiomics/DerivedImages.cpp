#include "core/radiomics/DerivedImages.h"

#include <itkGradientMagnitudeImageFilter.h>
#include <itkImage.h>
#include <itkLaplacianRecursiveGaussianImageFilter.h>

#include <QLocale>
#include <QString>
#include <algorithm>
#include <cmath>

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
        } else {
            tasks.push_back({QString::fromStdString(type).toLower().toStdString(), type});
        }
    }
    return tasks;
}

std::vector<double> derivedImage(const DerivedTask& task, const Volume& image, const Region& region,
                                 const Settings& settings, const std::function<double()>& wholeImageMaxAbs) {
    if (task.type == "LoG") return laplacianOfGaussian(image, region.box, region.intensityMap, task.sigmaMm);
    if (task.type == "Gradient")
        return gradientMagnitude(image, region.box, region.intensityMap, settings.gradientUseSpacing);
    if (task.type == "Square") return squareImage(region.intensity, wholeImageMaxAbs());
    if (task.type == "SquareRoot") return squareRootImage(region.intensity, wholeImageMaxAbs());
    if (task.type == "Logarithm") return logarithmImage(region.intensity, wholeImageMaxAbs());
    return exponentialImage(region.intensity, wholeImageMaxAbs());
}

}  // namespace drs::radiomics
