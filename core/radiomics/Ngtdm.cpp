// Neighbouring grey tone difference matrix (NGTDM) features, pyradiomics definitions.
// For each ROI voxel with at least one ROI neighbour (Chebyshev distance in `distances`), A is the
// mean grey level of those neighbours. n_i counts such voxels of grey level i, N_vp = sum n_i,
// p_i = n_i / N_vp, s_i = sum |i - A| over them, N_gp the number of levels with p_i > 0.
// Sums over i, j run over levels with p_i > 0.
#include <cmath>

#include "core/radiomics/TextureFamilies.h"

namespace drs::radiomics {
namespace {

struct ToneMatrix {
    std::vector<double> level, p, s;  // only levels with p_i > 0
    double validVoxels = 0;           // N_vp
};

// Coarseness = 1 / sum p_i s_i, infinite when no voxel differs from its neighbours (one voxel, one
// level): pyradiomics' 10^6 for the ROI, NaN for a slice of IBSI's 2D aggregation, which leaves it
// out of the mean over slices (one lone voxel at a pole would otherwise add 10^6 / slices).
double coarseness(const ToneMatrix& m, bool perSlice) {
    double sum = 0;
    for (std::size_t i = 0; i < m.p.size(); ++i) sum += m.p[i] * m.s[i];
    if (sum == 0) return perSlice ? std::nan("") : 1e6;
    return 1 / sum;
}
// Contrast = (sum_ij p_i p_j (i - j)^2 / (N_gp (N_gp - 1))) (sum s_i / N_vp); 0 when N_gp = 1
double contrast(const ToneMatrix& m) {
    const double ngp = static_cast<double>(m.p.size());
    if (ngp <= 1) return 0;
    double pairs = 0, sumS = 0;
    for (std::size_t i = 0; i < m.p.size(); ++i) {
        sumS += m.s[i];
        for (std::size_t j = 0; j < m.p.size(); ++j)
            pairs += m.p[i] * m.p[j] * (m.level[i] - m.level[j]) * (m.level[i] - m.level[j]);
    }
    return pairs / (ngp * (ngp - 1)) * (sumS / m.validVoxels);
}
// Busyness = sum p_i s_i / sum_ij |i p_i - j p_j|; 0 when the denominator is 0
double busyness(const ToneMatrix& m) {
    double numerator = 0, denominator = 0;
    for (std::size_t i = 0; i < m.p.size(); ++i) {
        numerator += m.p[i] * m.s[i];
        for (std::size_t j = 0; j < m.p.size(); ++j) denominator += std::abs(m.level[i] * m.p[i] - m.level[j] * m.p[j]);
    }
    return denominator == 0 ? 0 : numerator / denominator;
}
// Complexity = (1 / N_vp) sum_ij |i - j| (p_i s_i + p_j s_j) / (p_i + p_j)
double complexity(const ToneMatrix& m) {
    double sum = 0;
    for (std::size_t i = 0; i < m.p.size(); ++i)
        for (std::size_t j = 0; j < m.p.size(); ++j)
            sum += std::abs(m.level[i] - m.level[j]) * (m.p[i] * m.s[i] + m.p[j] * m.s[j]) / (m.p[i] + m.p[j]);
    return sum / m.validVoxels;
}
// Strength = sum_ij (p_i + p_j)(i - j)^2 / sum s_i; 0 when sum s_i = 0
double strength(const ToneMatrix& m) {
    double numerator = 0, sumS = 0;
    for (std::size_t i = 0; i < m.p.size(); ++i) {
        sumS += m.s[i];
        for (std::size_t j = 0; j < m.p.size(); ++j)
            numerator += (m.p[i] + m.p[j]) * (m.level[i] - m.level[j]) * (m.level[i] - m.level[j]);
    }
    return sumS == 0 ? 0 : numerator / sumS;
}

}  // namespace

FamilyValues ngtdmFeatures(const GreyLevelImage& grey, const Settings& settings) {
    const std::vector<std::array<int, 3>> offsets = neighbourOffsets(grey, settings, false);
    const std::size_t levels = grey.presentLevels.size();
    std::vector<double> n(levels, 0), s(levels, 0);
    std::vector<std::int64_t> deltas;
    for (const auto& o : offsets) deltas.push_back(grey.indexOffset(o));
    for (const std::int64_t v : grey.roiIndex) {
        const int rank = grey.rankAt(v);
        const int level = grey.levelOfRank[static_cast<std::size_t>(rank)];
        std::int64_t sum = 0;
        int count = 0;
        for (const std::int64_t delta : deltas) {  // rank 0 (outside) has level 0: no branch needed
            const int neighbour = grey.rankAt(v + delta);
            sum += grey.levelOfRank[static_cast<std::size_t>(neighbour)];
            count += neighbour != 0;
        }
        if (count == 0) continue;
        const auto i = static_cast<std::size_t>(rank - 1);
        n[i] += 1;
        s[i] += std::abs(level - static_cast<double>(sum) / count);
    }
    ToneMatrix m;
    for (std::size_t i = 0; i < levels; ++i) m.validVoxels += n[i];
    for (std::size_t i = 0; i < levels; ++i)
        if (n[i] > 0) {
            m.level.push_back(grey.presentLevels[i]);
            m.p.push_back(n[i] / m.validVoxels);
            m.s.push_back(s[i]);
        }
    return {{"Busyness", busyness(m)},
            {"Coarseness", coarseness(m, settings.force2DPerSlice)},
            {"Complexity", complexity(m)},
            {"Contrast", contrast(m)},
            {"Strength", strength(m)}};
}

}  // namespace drs::radiomics
