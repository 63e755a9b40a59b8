#pragma once
// The generator's own random numbers: xoshiro256** seeded through splitmix64, with Box-Muller normals.
// std::normal_distribution differs between standard libraries, and the demo cohort must be the same
// everywhere for a given seed.
#include <cmath>
#include <cstdint>
#include <string>

namespace drs::synthetic {

class Rng {
public:
    // A stream for one purpose of one patient: the same (seed, stream) always gives the same numbers.
    Rng(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t mixer = seed ^ (stream * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
        for (auto& word : state_) word = splitmix(mixer);
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    int integer(int low, int highInclusive) { return low + static_cast<int>(uniform() * (highInclusive - low + 1)); }
    double normal() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        double u1 = uniform();
        while (u1 <= 0) u1 = uniform();
        const double u2 = uniform();
        const double radius = std::sqrt(-2.0 * std::log(u1));
        spare_ = radius * std::sin(2 * M_PI * u2);
        hasSpare_ = true;
        return radius * std::cos(2 * M_PI * u2);
    }
    bool chance(double probability) { return uniform() < probability; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t state_[4];
    double spare_ = 0;
    bool hasSpare_ = false;
};

// Stream numbers, so adding a use of randomness never shifts another one's numbers.
enum class Stream : std::uint64_t { patient = 1, anatomy = 2, tumour = 3, noise = 4, identity = 5 };
inline std::uint64_t streamOf(int patientIndex, Stream purpose) {
    return static_cast<std::uint64_t>(patientIndex) * 16 + static_cast<std::uint64_t>(purpose);
}

}  // namespace drs::synthetic
