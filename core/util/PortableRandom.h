#pragma once
// Random draws whose sequence our code fixes, not the standard library. The C++ standard fixes
// every raw output of std::mt19937_64 for a seed, but not what std::shuffle or the
// std::*_distribution classes make of them: libstdc++, libc++ and MSVC give different splits,
// folds and forests for the same seed. Everything that must be reproducible for a seed draws
// through these functions. tests/core/util/test_portable_random.cpp pins them to an independent
// implementation.
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace drs {

// Uniform in [0, bound), bound > 0: the 2^64 mod bound smallest raw outputs are rejected, the
// rest taken modulo bound (the method of OpenBSD's arc4random_uniform), so every index is
// equally likely.
inline std::uint64_t uniformIndex(std::mt19937_64& random, std::uint64_t bound) {
    const std::uint64_t rejectedBelow = (0 - bound) % bound;
    std::uint64_t raw = random();
    while (raw < rejectedBelow) raw = random();
    return raw % bound;
}

// Uniform in [0, 1): the top 53 bits of one raw output.
inline double uniformUnit(std::mt19937_64& random) { return static_cast<double>(random() >> 11) * 0x1.0p-53; }

// Index k with probability weights[k] / sum(weights); weights non-negative, sum positive.
inline std::size_t weightedIndex(const std::vector<double>& weights, std::mt19937_64& random) {
    double total = 0;
    for (double w : weights) total += w;
    const double target = uniformUnit(random) * total;
    double cumulative = 0;
    for (std::size_t k = 0; k < weights.size(); ++k) {
        cumulative += weights[k];
        if (target < cumulative) return k;
    }
    // Rounding can leave target at the very top: the last index with weight takes it.
    std::size_t last = weights.size() - 1;
    while (last > 0 && weights[last] <= 0) --last;
    return last;
}

// Fisher-Yates as Durstenfeld wrote it: positions from the last down to 1 swap with a uniform
// position at or below them.
template <class Items>
void shuffle(Items& items, std::mt19937_64& random) {
    using std::swap;
    for (std::size_t i = items.size(); i > 1; --i) swap(items[i - 1], items[uniformIndex(random, i)]);
}

}  // namespace drs
