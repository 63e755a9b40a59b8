#include "core/radiomics/Wavelet.h"

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

// The image box plus the filter margin, with the wrap-around of an odd axis, as doubles.
Block waveletInput(const Volume& image, const Box& box, const IntensityMap& map) {
    const auto& imageSize = image.geometry.sizeXyz;
    Block input;
    for (int a = 0; a < 3; ++a) input.size[a] = box.sizeXyz[a] + kBefore + kAfter;
    input.v.resize(static_cast<std::size_t>(input.size[0] * input.size[1] * input.size[2]));
    std::array<std::vector<std::int64_t>, 3> source;
    for (int a = 0; a < 3; ++a)
        for (std::int64_t q = 0; q < input.size[a]; ++q)
            source[a].push_back(sourceIndex(box.startXyz[a] - kBefore + q, imageSize[a]));
    for (std::int64_t z = 0; z < input.size[2]; ++z)
        for (std::int64_t y = 0; y < input.size[1]; ++y)
            for (std::int64_t x = 0; x < input.size[0]; ++x)
                input.v[input.linear(x, y, z)] = map(image.voxels[image.geometry.linear(
                    source[0][static_cast<std::size_t>(x)], source[1][static_cast<std::size_t>(y)],
                    source[2][static_cast<std::size_t>(z)])]);
    return input;
}

}  // namespace

std::vector<WaveletImage> coif1WaveletHalf(const Volume& image, const Box& box, const IntensityMap& map, char xFilter) {
    const std::array<const std::array<double, 6>*, 2> filters{&kLowPass, &kHighPass};
    const char letters[2] = {'L', 'H'};
    const int fx = xFilter == 'H' ? 1 : 0;
    const Block alongX = filterAxis(waveletInput(image, box, map), 0, *filters[fx]);
    std::vector<WaveletImage> out;
    for (int fy = 0; fy < 2; ++fy) {
        const Block alongY = filterAxis(alongX, 1, *filters[fy]);
        for (int fz = 0; fz < 2; ++fz) {
            Block alongZ = filterAxis(alongY, 2, *filters[fz]);
            out.push_back({std::string("wavelet-") + letters[fx] + letters[fy] + letters[fz], std::move(alongZ.v)});
        }
    }
    return out;
}

std::vector<WaveletImage> coif1WaveletDecompositions(const Volume& image, const Box& box, const IntensityMap& map) {
    std::vector<WaveletImage> byCode = coif1WaveletHalf(image, box, map, 'L');
    for (WaveletImage& w : coif1WaveletHalf(image, box, map, 'H')) byCode.push_back(std::move(w));
    // pyradiomics yields the seven detail images in binary order (LLH = 1 ... HHH = 7), then LLL.
    std::vector<WaveletImage> ordered;
    for (int code = 1; code < 8; ++code) ordered.push_back(std::move(byCode[static_cast<std::size_t>(code)]));
    ordered.push_back(std::move(byCode[0]));
    return ordered;
}

}  // namespace drs::radiomics
