// Grey level dependence matrix (GLDM) features, pyradiomics definitions.
// A neighbour (Chebyshev distance in `distances`, inside the ROI) depends on the centre voxel when
// their grey levels differ by at most gldm_a. P(i,j) counts voxels of grey level i with j - 1
// dependent neighbours (j includes the centre), N_z = sum P(i,j) the ROI voxels,
// p_g(i) = sum_j P(i,j), p_d(j) = sum_i P(i,j), p(i,j) = P(i,j) / N_z. With gldm_a = 0 (the
// default) P is IBSI's neighbouring grey level dependence matrix (coarseness 0, distance 1), whose
// two features pyradiomics lacks are the ngldm class.
#include <cmath>
#include <map>

#include "core/radiomics/TextureFamilies.h"

namespace drs::radiomics {
namespace {

struct DependenceMatrix {
    std::vector<double> level;
    std::vector<std::vector<double>> count;  // per level: index j-1 -> count
    std::vector<double> pg, pd;
    double voxels = 0;
};

template <class F>
double weightedSum(const DependenceMatrix& m, F f) {
    double s = 0;
    for (std::size_t i = 0; i < m.level.size(); ++i)
        for (std::size_t j = 0; j < m.count[i].size(); ++j)
            if (m.count[i][j] != 0) s += m.count[i][j] * f(m.level[i], static_cast<double>(j + 1));
    return s / m.voxels;
}

// Small dependence emphasis = sum p_d(j) / j^2 / N_z
double smallDependenceEmphasis(const DependenceMatrix& m) {
    return weightedSum(m, [](double, double j) { return 1 / (j * j); });
}
// Large dependence emphasis = sum p_d(j) j^2 / N_z
double largeDependenceEmphasis(const DependenceMatrix& m) {
    return weightedSum(m, [](double, double j) { return j * j; });
}
// Grey level non-uniformity = sum p_g(i)^2 / N_z
double greyLevelNonUniformity(const DependenceMatrix& m) {
    double s = 0;
    for (double v : m.pg) s += v * v;
    return s / m.voxels;
}
// Dependence non-uniformity = sum p_d(j)^2 / N_z
double dependenceNonUniformity(const DependenceMatrix& m) {
    double s = 0;
    for (double v : m.pd) s += v * v;
    return s / m.voxels;
}
// Dependence non-uniformity normalised = sum p_d(j)^2 / N_z^2
double dependenceNonUniformityNormalized(const DependenceMatrix& m) { return dependenceNonUniformity(m) / m.voxels; }
// Grey level variance = sum p(i,j) (i - mu)^2, mu = sum p(i,j) i
double greyLevelVariance(const DependenceMatrix& m) {
    const double mu = weightedSum(m, [](double i, double) { return i; });
    return weightedSum(m, [mu](double i, double) { return (i - mu) * (i - mu); });
}
// Dependence variance = sum p(i,j) (j - mu)^2, mu = sum p(i,j) j
double dependenceVariance(const DependenceMatrix& m) {
    const double mu = weightedSum(m, [](double, double j) { return j; });
    return weightedSum(m, [mu](double, double j) { return (j - mu) * (j - mu); });
}
// Dependence entropy = -sum p(i,j) log2(p(i,j) + eps)
double dependenceEntropy(const DependenceMatrix& m) {
    double s = 0;
    for (const auto& row : m.count)
        for (double c : row)
            if (c != 0) s -= (c / m.voxels) * std::log2(c / m.voxels + kEps);
    return s;
}
// Low grey level emphasis = sum p_g(i) / i^2 / N_z
double lowGreyLevelEmphasis(const DependenceMatrix& m) {
    return weightedSum(m, [](double i, double) { return 1 / (i * i); });
}
// High grey level emphasis = sum p_g(i) i^2 / N_z
double highGreyLevelEmphasis(const DependenceMatrix& m) {
    return weightedSum(m, [](double i, double) { return i * i; });
}
// Small dependence low grey level emphasis = sum P(i,j) / (i^2 j^2) / N_z
double smallDependenceLowGreyLevelEmphasis(const DependenceMatrix& m) {
    return weightedSum(m, [](double i, double j) { return 1 / (i * i * j * j); });
}
// Small dependence high grey level emphasis = sum P(i,j) i^2 / j^2 / N_z
double smallDependenceHighGreyLevelEmphasis(const DependenceMatrix& m) {
    return weightedSum(m, [](double i, double j) { return i * i / (j * j); });
}
// Large dependence low grey level emphasis = sum P(i,j) j^2 / i^2 / N_z
double largeDependenceLowGreyLevelEmphasis(const DependenceMatrix& m) {
    return weightedSum(m, [](double i, double j) { return j * j / (i * i); });
}
// Large dependence high grey level emphasis = sum P(i,j) i^2 j^2 / N_z
double largeDependenceHighGreyLevelEmphasis(const DependenceMatrix& m) {
    return weightedSum(m, [](double i, double j) { return i * i * j * j; });
}

// Grey level non-uniformity normalised = sum p_g(i)^2 / N_z^2 (IBSI's; first order's Uniformity
// of the whole ROI, but not of its slices with force2DPerSlice)
double greyLevelNonUniformityNormalized(const DependenceMatrix& m) { return greyLevelNonUniformity(m) / m.voxels; }
// Dependence count energy = sum p(i,j)^2 (IBSI's)
double dependenceCountEnergy(const DependenceMatrix& m) {
    double s = 0;
    for (const std::vector<double>& row : m.count)
        for (const double c : row) s += c * c;
    return s / (m.voxels * m.voxels);
}
// Dependence count percentage = N_z / N_v, the ROI voxels counted over the ROI voxels: 1, as every
// voxel has a dependence count (j includes it)
double dependenceCountPercentage(const DependenceMatrix& m, const GreyLevelImage& grey) {
    return m.voxels / static_cast<double>(grey.roiIndex.size());
}

DependenceMatrix dependenceMatrix(const GreyLevelImage& grey, const Settings& settings) {
    const std::vector<std::array<int, 3>> offsets = neighbourOffsets(grey, settings, false);
    DependenceMatrix m;
    for (int level : grey.presentLevels) m.level.push_back(level);
    m.count.assign(m.level.size(), std::vector<double>(offsets.size() + 1, 0.0));
    std::vector<std::int64_t> deltas;
    for (const auto& o : offsets) deltas.push_back(grey.indexOffset(o));
    // Levels are whole numbers, so with gldm_a < 1 (the default 0) "dependent" means "same level",
    // i.e. same rank: one comparison per neighbour, no lookups, no branches.
    const bool sameLevelOnly = settings.gldmA < 1;
    for (const std::int64_t i : grey.roiIndex) {
        const int rank = grey.rankAt(i);
        std::size_t dependent = 0;
        if (sameLevelOnly) {
            for (const std::int64_t delta : deltas) dependent += grey.rankAt(i + delta) == rank;
        } else {
            const int level = grey.levelOfRank[static_cast<std::size_t>(rank)];
            for (const std::int64_t delta : deltas) {
                const int neighbour = grey.rankAt(i + delta);
                if (neighbour != 0 &&
                    std::abs(grey.levelOfRank[static_cast<std::size_t>(neighbour)] - level) <= settings.gldmA)
                    ++dependent;
            }
        }
        m.count[static_cast<std::size_t>(rank - 1)][dependent] += 1;
    }
    m.pg.assign(m.level.size(), 0);
    m.pd.assign(offsets.size() + 1, 0);
    for (std::size_t i = 0; i < m.level.size(); ++i)
        for (std::size_t j = 0; j < m.count[i].size(); ++j) {
            m.pg[i] += m.count[i][j];
            m.pd[j] += m.count[i][j];
            m.voxels += m.count[i][j];
        }
    return m;
}

}  // namespace

FamilyValues gldmFeatures(const GreyLevelImage& grey, const Settings& settings) {
    const DependenceMatrix m = dependenceMatrix(grey, settings);
    return {{"DependenceEntropy", dependenceEntropy(m)},
            {"DependenceNonUniformity", dependenceNonUniformity(m)},
            {"DependenceNonUniformityNormalized", dependenceNonUniformityNormalized(m)},
            {"DependenceVariance", dependenceVariance(m)},
            {"GrayLevelNonUniformity", greyLevelNonUniformity(m)},
            {"GrayLevelVariance", greyLevelVariance(m)},
            {"HighGrayLevelEmphasis", highGreyLevelEmphasis(m)},
            {"LargeDependenceEmphasis", largeDependenceEmphasis(m)},
            {"LargeDependenceHighGrayLevelEmphasis", largeDependenceHighGreyLevelEmphasis(m)},
            {"LargeDependenceLowGrayLevelEmphasis", largeDependenceLowGreyLevelEmphasis(m)},
            {"LowGrayLevelEmphasis", lowGreyLevelEmphasis(m)},
            {"SmallDependenceEmphasis", smallDependenceEmphasis(m)},
            {"SmallDependenceHighGrayLevelEmphasis", smallDependenceHighGreyLevelEmphasis(m)},
            {"SmallDependenceLowGrayLevelEmphasis", smallDependenceLowGreyLevelEmphasis(m)}};
}

FamilyValues ngldmFeatures(const GreyLevelImage& grey, const Settings& settings) {
    const DependenceMatrix m = dependenceMatrix(grey, settings);
    return {{"DependenceCountEnergy", dependenceCountEnergy(m)},
            {"DependenceCountPercentage", dependenceCountPercentage(m, grey)},
            {"GrayLevelNonUniformityNormalized", greyLevelNonUniformityNormalized(m)}};
}

}  // namespace drs::radiomics
