#include "core/radiomics/Wavelet.h"

#include <algorithm>
#include <array>

namespace drs::radiomics {
namespace {

// PyWavelets' coif1 decomposition filters (base coefficients times sqrt(2)).
constexpr std::array<double, 6> kLowPass = {-0.015655728135791993, -0.07273261951252645, 0.3848648468648578,
                                            0.8525720202116004,    0.3378976624574818,   -0.07273261951252645};
constexpr std::array<double, 6> kHighPass = {0.07273261951252645, 0.3378976624574818,  -0.8525720202116004,
                                             0.3848648468648578,  0.07273261951252645, -0.015655728135791993};
constexpr std::int64_t kBefore = 2;  // output o reads inputs o-2 .. o+3
constexpr std::int64_t kAfter = 3;

// Image index feeding extended position p of an axis of length n: periodic with period m (n
// rounded up to even), where the padded sample n of an odd axis repeats sample 0.
std::int64_t sourceIndex(std::int64_t p, std::int64_t n) {
    const std::int64_t m = n + (n % 2);
    std::int64_t k = ((p % m) + m) % m;
    return k == n ? 0 : k;
}

// A dense block, x fastest.
struct Block {
    std::array<std::int64_t, 3> size{};
    std::vector<double> v;
    std::size_t linear(std::int64_t x, std::int64_t y, std::int64_t z) const {
        return static_cast<std::size_t>((z * size[1] + y) * size[0] + x);
    }
};

// Filters along one axis, shrinking it by the 5 margin samples:
// y[o] = sum_j h[j] x[o + 5 - j] in block coordinates (x[o + 3 - j] in image coordinates).
// Written as whole rows (x fastest) scaled and added, so the compiler vectorises every axis.
Block filterAxis(const Block& in, int axis, const std::array<double, 6>& h) {
    Block out;
    out.size = in.size;
    out.size[static_cast<std::size_t>(axis)] -= kBefore + kAfter;
    out.v.assign(static_cast<std::size_t>(out.size[0] * out.size[1] * out.size[2]), 0.0);
    const std::int64_t rowLength = out.size[0];
    for (std::int64_t z = 0; z < out.size[2]; ++z)
        for (std::int64_t y = 0; y < out.size[1]; ++y) {
            double* target = out.v.data() + out.linear(0, y, z);
            for (std::int64_t j = 0; j < 6; ++j) {
                const std::int64_t shift = kBefore + kAfter - j;
                const double* source = in.v.data() + in.linear(axis == 0 ? shift : 0, y + (axis == 1 ? shift : 0),
                                                               z + (axis == 2 ? shift : 0));
                const double weight = h[static_cast<std::size_t>(j)];
                for (std::int64_t x = 0; x < rowLength; ++x) target[x] += weight * source[x];
            }
        }
    return out;
}

// The image box plus the filter margin along the transformed axes, with the wrap-around of an odd
// axis, as doubles.
Block waveletInput(const Volume& image, const Box& box, const IntensityMap& map, const std::vector<int>& axes) {
    const auto& imageSize = image.geometry.sizeXyz;
    Block input;
    std::array<std::vector<std::int64_t>, 3> source;
    for (int a = 0; a < 3; ++a) {
        const bool filtered = std::find(axes.begin(), axes.end(), a) != axes.end();
        const std::int64_t before = filtered ? kBefore : 0;
        input.size[a] = box.sizeXyz[a] + (filtered ? kBefore + kAfter : 0);
        for (std::int64_t q = 0; q < input.size[a]; ++q)
            source[a].push_back(sourceIndex(box.startXyz[a] - before + q, imageSize[a]));
    }
    input.v.resize(static_cast<std::size_t>(input.size[0] * input.size[1] * input.size[2]));
    for (std::int64_t z = 0; z < input.size[2]; ++z)
        for (std::int64_t y = 0; y < input.size[1]; ++y)
            for (std::int64_t x = 0; x < input.size[0]; ++x)
                input.v[input.linear(x, y, z)] = map(image.voxels[image.geometry.linear(
                    source[0][static_cast<std::size_t>(x)], source[1][static_cast<std::size_t>(y)],
                    source[2][static_cast<std::size_t>(z)])]);
    return input;
}

// Filters `block` along axes[next..] with every combination of L and H, appending the results
// named `letters` plus one letter per axis, in binary order.
void filterRemainingAxes(const Block& block, const std::vector<int>& axes, std::size_t next, const std::string& letters,
                         std::vector<WaveletImage>& out) {
    if (next == axes.size()) {
        out.push_back({"wavelet-" + letters, block.v});
        return;
    }
    filterRemainingAxes(filterAxis(block, axes[next], kLowPass), axes, next + 1, letters + 'L', out);
    filterRemainingAxes(filterAxis(block, axes[next], kHighPass), axes, next + 1, letters + 'H', out);
}

}  // namespace

std::vector<int> waveletAxes(const Settings& settings) {
    if (!settings.force2D) return {0, 1, 2};
    const int leftOut = 2 - settings.force2Ddimension;  // force2Ddimension counts z, y, x
    std::vector<int> axes;
    for (int a = 0; a < 3; ++a)
        if (a != leftOut) axes.push_back(a);
    return axes;
}

std::vector<std::string> waveletDecompositionNames(std::size_t axisCount) {
    std::vector<std::string> names;
    const unsigned combinations = 1u << axisCount;
    for (unsigned code = 1; code <= combinations; ++code) {
        std::string letters;
        for (std::size_t bit = axisCount; bit-- > 0;) letters += (code % combinations) >> bit & 1u ? 'H' : 'L';
        names.push_back("wavelet-" + letters);
    }
    return names;
}

std::vector<WaveletImage> coif1WaveletHalf(const Volume& image, const Box& box, const IntensityMap& map,
                                           const std::vector<int>& axes, char firstFilter) {
    const Block first =
        filterAxis(waveletInput(image, box, map, axes), axes[0], firstFilter == 'H' ? kHighPass : kLowPass);
    std::vector<WaveletImage> out;
    filterRemainingAxes(first, axes, 1, std::string(1, firstFilter), out);
    return out;
}

std::vector<WaveletImage> coif1WaveletDecompositions(const Volume& image, const Box& box, const IntensityMap& map,
                                                     const std::vector<int>& axes) {
    std::vector<WaveletImage> all = coif1WaveletHalf(image, box, map, axes, 'L');
    for (WaveletImage& w : coif1WaveletHalf(image, box, map, axes, 'H')) all.push_back(std::move(w));
    std::vector<WaveletImage> ordered;
    for (const std::string& name : waveletDecompositionNames(axes.size()))
        ordered.push_back(
            std::move(*std::find_if(all.begin(), all.end(), [&](const WaveletImage& w) { return w.name == name; })));
    return ordered;
}

}  // namespace drs::radiomics
