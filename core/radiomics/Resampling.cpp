// Resampling as pyradiomics does it through SimpleITK (imageoperations.resampleImage), plus the
// IBSI options. Every target grid here has the source's direction, so a target voxel's continuous
// source index is c0 + k * step on each axis independently, and every interpolator here (nearest
// neighbour, linear, B-spline, Gaussian, windowed sinc) is separable: they are applied one axis at
// a time to the part of the source the target needs, instead of up to 1000 reads per target voxel.
// The per-axis rules (which points are inside, neighbour indices, weights, boundary handling) are
// ITK's, so the values agree with SimpleITK's to rounding. The cubic B-spline coefficients come
// from ITK's own BSplineDecompositionImageFilter, computed on the needed part of the image plus 30
// voxels per side (or up to the image border, where the mirror boundary then applies exactly as on
// the whole image): the recursive filter's pole is 2 - sqrt(3) ~ 0.268, so the cut changes the
// coefficients used by at most 0.268^30 ~ 7e-18 of the intensity range.
#include "core/radiomics/Resampling.h"

#include <itkBSplineDecompositionImageFilter.h>
#include <itkImage.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/util/Error.h"

namespace drs::radiomics {
namespace {

constexpr std::int64_t kCoefficientMargin = 30;
constexpr double kMaxTargetVoxels = 512.0 * 1024 * 1024;

struct Tap {
    std::int64_t index;
    double weight;
};

// SimpleITK's sitkGaussian: ITK's GaussianInterpolateImageFunction with sigma 0.8 x the spacing and
// alpha 1. Each source voxel within 0.8 voxel of the sample's extent weighs the Gaussian's mass over
// its own extent (a difference of erfs, accumulated from the first voxel as ITK does), and the
// weights are renormalised over the voxels inside the image; ITK's region is a box, so its
// normalisation is the product of the axes'.
void gaussianTaps(double c, std::int64_t sourceSize, std::vector<Tap>& taps) {
    constexpr double sigmaVoxels = 0.8, alpha = 1.0, cutOffVoxels = sigmaVoxels * alpha;
    const double scale = 1 / (std::sqrt(2.0) * sigmaVoxels);
    const std::int64_t begin = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(c + 0.5 - cutOffVoxels)));
    const std::int64_t end =
        std::min<std::int64_t>(sourceSize, static_cast<std::int64_t>(std::ceil(c + 0.5 + cutOffVoxels)));
    double t = (double(begin) - 0.5 - c) * scale, previous = std::erf(t), sum = 0;
    for (std::int64_t i = begin; i < end; ++i) {
        t += scale;
        const double now = std::erf(t);
        taps.push_back({i, now - previous});
        sum += now - previous;
        previous = now;
    }
    for (Tap& tap : taps) tap.weight /= sum;
}

// The windows of ITK's WindowedSincInterpolateImageFunction at radius m = 5 (SimpleITK's).
constexpr int kSincRadius = 5;
double sincWindow(Interpolator interpolator, double x) {
    constexpr double pi = 3.14159265358979323846, m = kSincRadius;
    switch (interpolator) {
    case Interpolator::HammingWindowedSinc: return 0.54 + 0.46 * std::cos(x * (pi / m));
    case Interpolator::CosineWindowedSinc: return std::cos(x * (pi / (2 * m)));
    case Interpolator::WelchWindowedSinc: return 1.0 - x * (1.0 / (m * m)) * x;
    case Interpolator::LanczosWindowedSinc: return std::sin(x * (pi / m)) / (x * (pi / m));
    case Interpolator::BlackmanWindowedSinc:
        return 0.42 + 0.5 * std::cos(x * (pi / m)) + 0.08 * std::cos(x * (2.0 * pi / m));
    default: throw Error("resampling: not a windowed-sinc interpolator");
    }
}

// SimpleITK's sitk*WindowedSinc: the 2m voxels floor(c) - m + 1 .. floor(c) + m, each weighed by
// window(x) sin(pi x) / (pi x) at its distance x, border voxels repeated past the image's edge
// (ZeroFluxNeumann), not renormalised; a sample on a voxel centre takes that voxel.
void windowedSincTaps(double c, std::int64_t sourceSize, Interpolator interpolator, std::vector<Tap>& taps) {
    constexpr double pi = 3.14159265358979323846;
    const double base = std::floor(c), distance = c - base;
    const auto inside = [&](double index) {
        return std::clamp<std::int64_t>(static_cast<std::int64_t>(index), 0, sourceSize - 1);
    };
    if (distance == 0) {
        taps.push_back({inside(base), 1.0});
        return;
    }
    double x = distance + kSincRadius;
    for (int offset = 1 - kSincRadius; offset <= kSincRadius; ++offset) {
        x -= 1.0;  // distance - offset, stepped as ITK steps it
        taps.push_back({inside(base + offset), sincWindow(interpolator, x) * std::sin(pi * x) / (pi * x)});
    }
}

// Where each target index of one axis reads the source: no taps = outside the source.
struct AxisPlan {
    std::vector<std::vector<Tap>> taps;
    std::int64_t low = 0, high = -1;  // source window every tap lies in
};

AxisPlan planAxis(double c0, double step, std::int64_t count, std::int64_t sourceSize, Interpolator interpolator) {
    AxisPlan plan;
    plan.taps.resize(static_cast<std::size_t>(count));
    plan.low = sourceSize;
    for (std::int64_t k = 0; k < count; ++k) {
        const double c = c0 + double(k) * step;
        // ITK's ImageFunction::IsInsideBuffer: -0.5 <= c < size - 0.5.
        if (!(c >= -0.5 && c < double(sourceSize) - 0.5)) continue;
        std::vector<Tap>& taps = plan.taps[static_cast<std::size_t>(k)];
        switch (interpolator) {
        case Interpolator::NearestNeighbor: {
            const auto nearest = static_cast<std::int64_t>(std::floor(c + 0.5));  // round half up
            taps.push_back({std::clamp<std::int64_t>(nearest, 0, sourceSize - 1), 1.0});
            break;
        }
        case Interpolator::Linear: {
            // LinearInterpolateImageFunction: the base clamped to the first voxel, no neighbour past
            // the last one.
            std::int64_t base = static_cast<std::int64_t>(std::floor(c));
            if (base < 0) base = 0;
            const double distance = c - double(base);
            taps.push_back({base, 1 - distance});
            if (distance > 0 && base + 1 <= sourceSize - 1)
                taps.push_back({base + 1, distance});
            else
                taps.back().weight = 1;
            break;
        }
        case Interpolator::BSpline: {
            // BSplineInterpolateImageFunction, order 3: DetermineRegionOfSupport (floor of the float
            // index), SetInterpolationWeights, ApplyMirrorBoundaryConditions.
            const std::int64_t first = static_cast<std::int64_t>(std::floor(static_cast<float>(c))) - 1;
            const double w = c - double(first + 1);
            double weights[4];
            weights[3] = (1.0 / 6.0) * w * w * w;
            weights[0] = (1.0 / 6.0) + 0.5 * w * (w - 1.0) - weights[3];
            weights[2] = w + weights[0] - 2.0 * weights[3];
            weights[1] = 1.0 - weights[0] - weights[2] - weights[3];
            const std::int64_t end = sourceSize - 1;
            for (int j = 0; j < 4; ++j) {
                std::int64_t index = first + j;
                if (sourceSize == 1) {
                    index = 0;
                } else {
                    if (index < 0) index = -index;
                    if (index >= end) index = end - (index - end);
                }
                taps.push_back({index, weights[j]});
            }
            break;
        }
        case Interpolator::Gaussian: gaussianTaps(c, sourceSize, taps); break;
        case Interpolator::HammingWindowedSinc:
        case Interpolator::CosineWindowedSinc:
        case Interpolator::WelchWindowedSinc:
        case Interpolator::LanczosWindowedSinc:
        case Interpolator::BlackmanWindowedSinc: windowedSincTaps(c, sourceSize, interpolator, taps); break;
        }
        for (const Tap& t : taps) {
            plan.low = std::min(plan.low, t.index);
            plan.high = std::max(plan.high, t.index);
        }
    }
    return plan;
}

// A dense block of doubles, x fastest.
struct Block {
    std::array<std::int64_t, 3> size{0, 0, 0};
    std::vector<double> v;
    std::size_t linear(std::int64_t x, std::int64_t y, std::int64_t z) const {
        return static_cast<std::size_t>((z * size[1] + y) * size[0] + x);
    }
};

// Applies one axis' plan: the block's extent along `axis` (the plan's source window) becomes the
// target's. Linear pairs are evaluated as v0 + (v1 - v0) d, as ITK does.
Block applyAxis(const Block& in, int axis, const AxisPlan& plan, Interpolator interpolator) {
    Block out;
    out.size = in.size;
    out.size[static_cast<std::size_t>(axis)] = static_cast<std::int64_t>(plan.taps.size());
    out.v.assign(static_cast<std::size_t>(out.size[0] * out.size[1] * out.size[2]), 0.0);
    std::array<std::int64_t, 3> strideIn{1, in.size[0], in.size[0] * in.size[1]};
    const std::int64_t stride = strideIn[static_cast<std::size_t>(axis)];
    for (std::int64_t z = 0; z < out.size[2]; ++z)
        for (std::int64_t y = 0; y < out.size[1]; ++y)
            for (std::int64_t x = 0; x < out.size[0]; ++x) {
                const std::array<std::int64_t, 3> p{x, y, z};
                const auto& taps = plan.taps[static_cast<std::size_t>(p[static_cast<std::size_t>(axis)])];
                if (taps.empty()) continue;
                std::array<std::int64_t, 3> q = p;
                q[static_cast<std::size_t>(axis)] = 0;
                const double* line = in.v.data() + in.linear(q[0], q[1], q[2]) - plan.low * stride;
                double value;
                if (interpolator == Interpolator::Linear && taps.size() == 2) {
                    const double v0 = line[taps[0].index * stride], v1 = line[taps[1].index * stride];
                    value = v0 + (v1 - v0) * taps[1].weight;
                } else {
                    value = 0;
                    for (const Tap& t : taps) value += t.weight * line[t.index * stride];
                }
                out.v[out.linear(x, y, z)] = value;
            }
    return out;
}

struct TargetPlans {
    std::array<AxisPlan, 3> axes;
    bool empty = false;  // no target voxel lies inside the source
};

TargetPlans planTarget(const Geometry& source, const Geometry& target, Interpolator interpolator) {
    for (int k = 0; k < 9; ++k)
        if (std::abs(source.direction[static_cast<std::size_t>(k)] - target.direction[static_cast<std::size_t>(k)]) >
            1e-6)
            throw Error("resampling: the target grid must have the image's direction");
    // Continuous source index of target voxel 0: D^T (origin_t - origin) / spacing.
    TargetPlans plans;
    for (int a = 0; a < 3; ++a) {
        double projection = 0;
        for (int r = 0; r < 3; ++r)
            projection += source.direction[static_cast<std::size_t>(r * 3 + a)] *
                          (target.originMm[static_cast<std::size_t>(r)] - source.originMm[static_cast<std::size_t>(r)]);
        const double c0 = projection / source.spacingMm[static_cast<std::size_t>(a)];
        const double step =
            target.spacingMm[static_cast<std::size_t>(a)] / source.spacingMm[static_cast<std::size_t>(a)];
        plans.axes[static_cast<std::size_t>(a)] = planAxis(c0, step, target.sizeXyz[static_cast<std::size_t>(a)],
                                                           source.sizeXyz[static_cast<std::size_t>(a)], interpolator);
        if (plans.axes[static_cast<std::size_t>(a)].high < plans.axes[static_cast<std::size_t>(a)].low)
            plans.empty = true;
    }
    return plans;
}

// The source window of the plans as a block, each voxel through `read(x, y, z)`.
template <class Read>
Block sourceWindow(const TargetPlans& plans, Read read) {
    Block block;
    for (int a = 0; a < 3; ++a)
        block.size[static_cast<std::size_t>(a)] =
            plans.axes[static_cast<std::size_t>(a)].high - plans.axes[static_cast<std::size_t>(a)].low + 1;
    block.v.resize(static_cast<std::size_t>(block.size[0] * block.size[1] * block.size[2]));
    std::size_t i = 0;
    for (std::int64_t z = 0; z < block.size[2]; ++z)
        for (std::int64_t y = 0; y < block.size[1]; ++y)
            for (std::int64_t x = 0; x < block.size[0]; ++x, ++i)
                block.v[i] = read(plans.axes[0].low + x, plans.axes[1].low + y, plans.axes[2].low + z);
    return block;
}

// ITK's cubic B-spline coefficients of the image over the plans' window (see the file comment).
Block coefficientWindow(const Volume& image, const TargetPlans& plans, const IntensityMap& map) {
    std::array<std::int64_t, 3> low{}, high{};
    for (int a = 0; a < 3; ++a) {
        low[a] = plans.axes[static_cast<std::size_t>(a)].low;
        high[a] = plans.axes[static_cast<std::size_t>(a)].high;
    }
    const SplineCoefficients coefficients = bsplineCoefficients(image, low, high, map);
    return sourceWindow(plans,
                        [&](std::int64_t x, std::int64_t y, std::int64_t z) { return coefficients.at(x, y, z); });
}

Block interpolate(Block block, const TargetPlans& plans, Interpolator interpolator) {
    for (int a = 0; a < 3; ++a) block = applyAxis(block, a, plans.axes[static_cast<std::size_t>(a)], interpolator);
    return block;
}

// SimpleITK resamples an image as the type it was read as; a normalised image is real.
bool storedAsInteger(const Volume& image, const IntensityMap& map) {
    const IntensityMap identity;
    if (map.offset != identity.offset || map.factor != identity.factor || map.scale != identity.scale) return false;
    return storedRange(image.stored).has_value();
}

std::string millimetres(const std::array<double, 3>& spacing) {
    std::ostringstream text;
    text << spacing[0] << " x " << spacing[1] << " x " << spacing[2] << " mm";
    return text.str();
}

// pyradiomics' cropToTumorMask: the box grown by padDistance voxels, within the image.
PreparedImages crop(const Volume& image, const LabelMap& mask, std::uint16_t label, const Box& box, int pad,
                    const IntensityMap& map) {
    Geometry g = image.geometry;
    std::array<std::int64_t, 3> low{};
    for (int a = 0; a < 3; ++a) {
        low[a] = std::max<std::int64_t>(0, box.startXyz[a] - pad);
        const std::int64_t high = std::min(image.geometry.sizeXyz[a] - 1, box.startXyz[a] + box.sizeXyz[a] - 1 + pad);
        g.sizeXyz[a] = high - low[a] + 1;
    }
    g.originMm = image.geometry.physicalPointMm(double(low[0]), double(low[1]), double(low[2]));
    PreparedImages out{Volume(g), LabelMap(g)};
    std::size_t i = 0;
    for (std::int64_t z = 0; z < g.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < g.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < g.sizeXyz[0]; ++x, ++i) {
                const std::size_t source = image.geometry.linear(low[0] + x, low[1] + y, low[2] + z);
                out.image.voxels[i] = static_cast<float>(map(image.voxels[source]));
                out.mask.voxels[i] = mask.voxels[source] == label ? label : 0;
            }
    if (storedAsInteger(image, map)) out.image.stored = image.stored;
    return out;
}

// The cropped target grid of pyradiomics' resampleImage (Origin) or of IBSI's centred grid (Center).
Geometry targetGrid(const Geometry& source, const Box& box, const std::array<double, 3>& spacing,
                    const Settings& settings) {
    Geometry target = source;
    std::array<double, 3> startIndex{};
    for (int a = 0; a < 3; ++a) {
        const double ms = source.spacingMm[a], rs = spacing[a];
        const double ratio = ms / rs;
        const auto n = double(source.sizeXyz[a]);
        const double boxLow = double(box.startXyz[a]), boxEnd = double(box.startXyz[a] + box.sizeXyz[a]);
        const double pad = settings.padDistance;
        double c0, low, high;
        if (settings.resamplingGrid == GridAlignment::Origin) {
            c0 = 0.5 * (rs - ms) / ms;
            low = std::floor((boxLow - 0.5) * ratio - pad);
            high = std::ceil((boxEnd - 0.5) * ratio + pad);
        } else {
            const double fullSize = std::ceil(n * ratio);
            c0 = (n - 1) / 2 - (fullSize - 1) / 2 / ratio;
            low = std::floor((boxLow - 0.5 - c0) * ratio - pad);
            high = std::ceil((boxEnd - 0.5 - c0) * ratio + pad);
        }
        low = std::max(low, 0.0);
        high = std::min(high, std::ceil(n * ratio) - 1);
        target.sizeXyz[a] = static_cast<std::int64_t>(high - low + 1);
        target.spacingMm[a] = rs;
        startIndex[a] = c0 + low / ratio;
    }
    target.originMm = source.physicalPointMm(startIndex[0], startIndex[1], startIndex[2]);
    return target;
}

}  // namespace

SplineCoefficients bsplineCoefficients(const Volume& image, const std::array<std::int64_t, 3>& lowXyz,
                                       const std::array<std::int64_t, 3>& highXyz, const IntensityMap& map) {
    using DoubleImage = itk::Image<double, 3>;
    SplineCoefficients c;
    DoubleImage::RegionType region;
    for (int a = 0; a < 3; ++a) {
        c.low[a] = std::max<std::int64_t>(0, lowXyz[a] - kCoefficientMargin);
        const std::int64_t high = std::min(image.geometry.sizeXyz[a] - 1, highXyz[a] + kCoefficientMargin);
        c.size[a] = high - c.low[a] + 1;
        region.SetSize(static_cast<unsigned>(a), static_cast<itk::SizeValueType>(c.size[a]));
    }
    auto input = DoubleImage::New();
    input->SetRegions(region);
    input->Allocate();
    double* data = input->GetBufferPointer();
    for (std::int64_t z = 0; z < c.size[2]; ++z)
        for (std::int64_t y = 0; y < c.size[1]; ++y)
            for (std::int64_t x = 0; x < c.size[0]; ++x)
                *data++ = map(image.voxels[image.geometry.linear(c.low[0] + x, c.low[1] + y, c.low[2] + z)]);
    auto filter = itk::BSplineDecompositionImageFilter<DoubleImage, DoubleImage>::New();
    filter->SetSplineOrder(3);
    filter->SetInput(input);
    filter->Update();
    const double* out = filter->GetOutput()->GetBufferPointer();
    c.values.assign(out, out + c.size[0] * c.size[1] * c.size[2]);
    return c;
}

Volume resampleVolume(const Volume& image, const Geometry& target, Interpolator interpolator, const IntensityMap& map,
                      IntensityCast cast) {
    const TargetPlans plans = planTarget(image.geometry, target, interpolator);
    Volume out(target, 0.0f);
    if (plans.empty) return out;
    Block block = interpolator == Interpolator::BSpline
                      ? coefficientWindow(image, plans, map)
                      : sourceWindow(plans, [&](std::int64_t x, std::int64_t y, std::int64_t z) {
                            return map(image.voxels[image.geometry.linear(x, y, z)]);
                        });
    block = interpolate(std::move(block), plans, interpolator);
    const std::array<double, 2> range = storedRange(image.stored).value_or(std::array<double, 2>{-HUGE_VAL, HUGE_VAL});
    if (cast == IntensityCast::Truncate) out.stored = image.stored;
    for (std::size_t i = 0; i < out.voxels.size(); ++i) {
        double v = block.v[i];
        if (cast == IntensityCast::Truncate) v = std::trunc(std::clamp(v, range[0], range[1]));
        if (cast == IntensityCast::Round) v = std::nearbyint(v);  // half to even, as numpy.round
        out.voxels[i] = static_cast<float>(v);
    }
    return out;
}

LabelMap resampleLabel(const LabelMap& mask, std::uint16_t label, const Geometry& target, Interpolator interpolator,
                       double threshold) {
    const TargetPlans plans = planTarget(mask.geometry, target, interpolator);
    LabelMap out(target, 0);
    if (plans.empty) return out;
    const Block indicator =
        interpolate(sourceWindow(plans,
                                 [&](std::int64_t x, std::int64_t y, std::int64_t z) {
                                     return mask.voxels[mask.geometry.linear(x, y, z)] == label ? 1.0 : 0.0;
                                 }),
                    plans, interpolator);
    const double keep = interpolator == Interpolator::NearestNeighbor ? 0.5 : threshold;
    for (std::size_t i = 0; i < out.voxels.size(); ++i) out.voxels[i] = indicator.v[i] >= keep ? label : 0;
    return out;
}

std::optional<PreparedImages> prepareImages(const Volume& image, const LabelMap& mask, const Settings& settings,
                                            const std::string& what) {
    if (!settings.resampledPixelSpacing && !settings.preCrop) return std::nullopt;
    const std::string mismatch = geometryMismatch(image.geometry, mask.geometry);
    if (!mismatch.empty()) throw Error(what + ": mask geometry does not match the image: " + mismatch);
    const Box box = labelBox(mask, settings.label);
    if (box.voxelCount() == 0)
        throw Error(what + ": label " + std::to_string(settings.label) + " is not present in the mask");
    const IntensityMap map = normalisation(image, settings);
    if (!settings.resampledPixelSpacing) return crop(image, mask, settings.label, box, settings.padDistance, map);

    std::array<double, 3> spacing = *settings.resampledPixelSpacing;
    bool unchanged = true;
    double targetVoxels = 1;
    for (int a = 0; a < 3; ++a) {
        const double original = image.geometry.spacingMm[a];
        // 0 keeps the axis, and so does a one-voxel-thick ROI along it (pyradiomics).
        if (spacing[a] == 0 || box.sizeXyz[a] == 1) spacing[a] = original;
        unchanged = unchanged && std::abs(original - spacing[a]) <= 1e-8 + 1e-5 * std::abs(spacing[a]);  // allclose
        targetVoxels *= (double(box.sizeXyz[a]) + 2.0) * original / spacing[a] + 2.0 * settings.padDistance + 2;
    }
    if (unchanged) return crop(image, mask, settings.label, box, settings.padDistance, map);
    if (targetVoxels > kMaxTargetVoxels)
        throw Error(what + ": resampling to " + millimetres(spacing) + " would create about " +
                    std::to_string(static_cast<long long>(targetVoxels)) +
                    " voxels around the ROI; use a coarser spacing");

    const Geometry target = targetGrid(image.geometry, box, spacing, settings);
    const IntensityCast cast = settings.roundIntensities     ? IntensityCast::Round
                               : storedAsInteger(image, map) ? IntensityCast::Truncate
                                                             : IntensityCast::Float;
    PreparedImages out{
        resampleVolume(image, target, *settings.interpolator, map, cast),
        resampleLabel(mask, settings.label, target, settings.maskInterpolator, settings.maskPartialVolumeThreshold)};
    if (std::find(out.mask.voxels.begin(), out.mask.voxels.end(), settings.label) == out.mask.voxels.end())
        throw Error(what + ": label " + std::to_string(settings.label) + " vanishes when the mask is resampled to " +
                    millimetres(spacing) + " (the ROI is smaller than the new voxels)");
    return out;
}

}  // namespace drs::radiomics
