#include "core/radiomics/Wavelet.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <utility>

#include "core/util/Error.h"

namespace drs::radiomics {
namespace {

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

// How far a filter of length L reaches: output o reads inputs o - (L/2 - 1) .. o + L/2.
std::int64_t reachBefore(const WaveletFilter& f) { return static_cast<std::int64_t>(f.low.size()) / 2 - 1; }
std::int64_t reachAfter(const WaveletFilter& f) { return static_cast<std::int64_t>(f.low.size()) / 2; }

// Filters along one axis, shrinking it by the filter's reach:
// y[o] = sum_j h[j] x[o + L - 1 - j] in block coordinates (x[o + L/2 - j] in image coordinates).
// Written as whole rows (x fastest) scaled and added, so the compiler vectorises every axis.
Block filterAxis(const Block& in, int axis, const std::vector<double>& h) {
    const auto taps = static_cast<std::int64_t>(h.size());
    Block out;
    out.size = in.size;
    out.size[static_cast<std::size_t>(axis)] -= taps - 1;
    out.v.assign(static_cast<std::size_t>(out.size[0] * out.size[1] * out.size[2]), 0.0);
    const std::int64_t rowLength = out.size[0];
    for (std::int64_t z = 0; z < out.size[2]; ++z)
        for (std::int64_t y = 0; y < out.size[1]; ++y) {
            double* target = out.v.data() + out.linear(0, y, z);
            for (std::int64_t j = 0; j < taps; ++j) {
                const std::int64_t shift = taps - 1 - j;
                const double* source = in.v.data() + in.linear(axis == 0 ? shift : 0, y + (axis == 1 ? shift : 0),
                                                               z + (axis == 2 ? shift : 0));
                const double weight = h[static_cast<std::size_t>(j)];
                for (std::int64_t x = 0; x < rowLength; ++x) target[x] += weight * source[x];
            }
        }
    return out;
}

// The part of `block` over the box, which starts `margin` samples in along the transformed axes.
std::vector<double> cropped(const Block& block, const Box& box, const std::vector<int>& axes, std::int64_t margin) {
    std::array<std::int64_t, 3> start{};
    for (int a : axes) start[static_cast<std::size_t>(a)] = margin;
    std::vector<double> out;
    out.reserve(box.voxelCount());
    for (std::int64_t z = 0; z < box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < box.sizeXyz[1]; ++y) {
            const double* row = block.v.data() + block.linear(start[0], start[1] + y, start[2] + z);
            out.insert(out.end(), row, row + box.sizeXyz[0]);
        }
    return out;
}

// Filters `block` along axes[next..] with every combination of L and H, handing each result to
// done(letters, result), in binary order.
template <typename Done>
void filterRemainingAxes(Block block, const std::vector<int>& axes, std::size_t next, const WaveletFilter& filter,
                         const std::string& letters, Done&& done) {
    if (next == axes.size()) {
        done(letters, std::move(block));
        return;
    }
    filterRemainingAxes(filterAxis(block, axes[next], filter.low), axes, next + 1, filter, letters + 'L', done);
    filterRemainingAxes(filterAxis(block, axes[next], filter.high), axes, next + 1, filter, letters + 'H', done);
}

}  // namespace

struct WaveletTransform::Stage {
    std::once_flag done;
    std::mutex handOver;  // image() moves an image out of `images` while other threads take theirs
    Block block;          // the input; of a level's L half, its approximation when another level follows
    std::map<std::string, std::vector<double>> images;  // by letters, cropped to the box
};

std::vector<int> waveletAxes(const Settings& settings) {
    if (!settings.force2D) return {0, 1, 2};
    const int leftOut = 2 - settings.force2Ddimension;  // force2Ddimension counts z, y, x
    std::vector<int> axes;
    for (int a = 0; a < 3; ++a)
        if (a != leftOut) axes.push_back(a);
    return axes;
}

std::vector<std::string> waveletImageNames(const Settings& settings) {
    const std::size_t axisCount = waveletAxes(settings).size();
    const auto prefix = [](int level) { return level == 1 ? "wavelet-" : "wavelet" + std::to_string(level) + "-"; };
    std::vector<std::string> names;
    for (int level = 1; level <= settings.waveletLevel; ++level)
        for (unsigned code = 1; code < 1u << axisCount; ++code) {
            std::string letters;
            for (std::size_t bit = axisCount; bit-- > 0;) letters += code >> bit & 1u ? 'H' : 'L';
            names.push_back(prefix(level) + letters);
        }
    names.push_back(prefix(settings.waveletLevel) + std::string(axisCount, 'L'));
    return names;
}

WaveletTransform::WaveletTransform(const Volume& image, const Box& box, const IntensityMap& map,
                                   const Settings& settings)
    : image_(image),
      box_(box),
      map_(map),
      axes_(waveletAxes(settings)),
      filter_([&]() -> const WaveletFilter& {
          const auto found = waveletFilters().find(settings.wavelet);
          if (found == waveletFilters().end()) throw Error("wavelet '" + settings.wavelet + "' is not known");
          return found->second;
      }()),
      startLevel_(static_cast<std::size_t>(settings.waveletStartLevel)),
      levels_(static_cast<std::size_t>(settings.waveletLevel)),
      names_(waveletImageNames(settings)),
      input_(std::make_unique<Stage>()) {
    for (std::size_t i = 0; i < 2 * (startLevel_ + levels_); ++i) halves_.push_back(std::make_unique<Stage>());
    // The block the first level reads: the box plus every level's reach.
    double voxels = 1;
    for (int a = 0; a < 3; ++a) {
        const bool transformed = std::find(axes_.begin(), axes_.end(), a) != axes_.end();
        voxels *= static_cast<double>(box.sizeXyz[a]) +
                  (transformed ? static_cast<double>((startLevel_ + levels_) * (filter_.low.size() - 1)) : 0.0);
    }
    // The transform holds a few blocks of this size in double at once.
    if (voxels > 5e7)
        throw Error("the wavelet " + settings.wavelet + " over " + std::to_string(startLevel_ + levels_) +
                    " levels would read about " + std::to_string(static_cast<long long>(voxels / 1e6)) +
                    " million voxels around the ROI (at most 50 million): choose fewer levels or a shorter wavelet");
}

WaveletTransform::~WaveletTransform() = default;

const WaveletTransform::Stage& WaveletTransform::input() {
    std::call_once(input_->done, [&] {
        const auto levels = static_cast<std::int64_t>(startLevel_ + levels_);
        const auto& imageSize = image_.geometry.sizeXyz;
        Block& block = input_->block;
        std::array<std::vector<std::int64_t>, 3> source;
        for (int a = 0; a < 3; ++a) {
            const bool transformed = std::find(axes_.begin(), axes_.end(), a) != axes_.end();
            const std::int64_t before = transformed ? levels * reachBefore(filter_) : 0;
            const std::int64_t after = transformed ? levels * reachAfter(filter_) : 0;
            block.size[a] = box_.sizeXyz[a] + before + after;
            for (std::int64_t q = 0; q < block.size[a]; ++q)
                source[a].push_back(sourceIndex(box_.startXyz[a] - before + q, imageSize[a]));
        }
        block.v.resize(static_cast<std::size_t>(block.size[0] * block.size[1] * block.size[2]));
        for (std::int64_t z = 0; z < block.size[2]; ++z)
            for (std::int64_t y = 0; y < block.size[1]; ++y)
                for (std::int64_t x = 0; x < block.size[0]; ++x)
                    block.v[block.linear(x, y, z)] = map_(image_.voxels[image_.geometry.linear(
                        source[0][static_cast<std::size_t>(x)], source[1][static_cast<std::size_t>(y)],
                        source[2][static_cast<std::size_t>(z)])]);
    });
    return *input_;
}

WaveletTransform::Stage& WaveletTransform::half(std::size_t level, int firstFilter) {
    Stage& stage = *halves_[2 * level + static_cast<std::size_t>(firstFilter)];
    std::call_once(stage.done, [&] {
        const Block& in = level == 0 ? input().block : half(level - 1, 0).block;
        const bool approximationFollows = firstFilter == 0 && level + 1 < startLevel_ + levels_;
        // Levels after this one still need their reach around the box.
        const auto margin = static_cast<std::int64_t>(startLevel_ + levels_ - level - 1) * reachBefore(filter_);
        const std::string allLow(axes_.size(), 'L');
        filterRemainingAxes(filterAxis(in, axes_[0], firstFilter ? filter_.high : filter_.low), axes_, 1, filter_,
                            firstFilter ? "H" : "L", [&](const std::string& letters, Block result) {
                                const bool lastLevel = level + 1 == startLevel_ + levels_;
                                const bool image = level >= startLevel_ && (letters != allLow || lastLevel);
                                if (approximationFollows && letters == allLow) stage.block = result;
                                // A level's approximation is an image only after the last level; a
                                // block without margin is the box as it is.
                                if (image && result.v.size() == box_.voxelCount())
                                    stage.images[letters] = std::move(result.v);
                                else if (image)
                                    stage.images[letters] = cropped(result, box_, axes_, margin);
                            });
    });
    return stage;
}

std::vector<double> WaveletTransform::image(const std::string& name) {
    // "wavelet-LLH" is of the first transformed level after start_level, "wavelet2-LLH" of the second.
    const std::size_t dash = name.find('-');
    const std::size_t outputLevel = dash > 7 ? std::stoul(name.substr(7, dash - 7)) : 1;
    const std::string letters = name.substr(dash + 1);
    Stage& stage = half(startLevel_ + outputLevel - 1, letters[0] == 'H' ? 1 : 0);
    std::lock_guard<std::mutex> lock(stage.handOver);
    return std::move(stage.images.at(letters));
}

std::vector<WaveletImage> waveletImages(const Volume& image, const Box& box, const IntensityMap& map,
                                        const Settings& settings) {
    WaveletTransform transform(image, box, map, settings);
    std::vector<WaveletImage> out;
    for (const std::string& name : transform.names()) out.push_back({name, transform.image(name)});
    return out;
}

}  // namespace drs::radiomics
