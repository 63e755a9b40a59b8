// Grey level run length matrix (GLRLM) features, pyradiomics definitions.
// P(i,j) counts runs of grey level i and length j along one direction, N_r = sum P(i,j) the number
// of runs, N_p = sum j P(i,j) the voxels, p_g(i) = sum_j P(i,j), p_r(j) = sum_i P(i,j),
// p(i,j) = P(i,j) / N_r. Features are computed per direction and averaged over the directions (or
// computed once on the merged matrix when weightingNorm is set). A direction along which no line
// through the box holds two ROI voxels is left out, as pyradiomics' C code drops it (the ROI is
// flat along it): whole ROIs rarely are, voxel-based kernels often.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/radiomics/TextureFamilies.h"

namespace drs::radiomics {
namespace {

// The non-zero cells of one direction's matrix: most (level, length) pairs never occur.
struct RunCell {
    double level;   // i
    double length;  // j
    double count;   // P(i,j)
};

struct RunMatrix {
    std::vector<RunCell> cells;
    std::vector<double> pg, pr;  // per level index, per length - 1
    double runs = 0, voxels = 0;
};

// counts: levels x lengths, row = rank - 1, column j-1 = runs of length j.
RunMatrix gather(const std::vector<double>& counts, const std::vector<int>& levels, std::size_t lengths) {
    RunMatrix m;
    m.pg.assign(levels.size(), 0);
    m.pr.assign(lengths, 0);
    for (std::size_t i = 0; i < levels.size(); ++i)
        for (std::size_t j = 0; j < lengths; ++j) {
            const double c = counts[i * lengths + j];
            if (c == 0) continue;
            m.cells.push_back({double(levels[i]), double(j + 1), c});
            m.pg[i] += c;
            m.pr[j] += c;
            m.runs += c;
            m.voxels += c * double(j + 1);
        }
    return m;
}

// Sum of P(i,j) f(i, j) / N_r
template <class F>
double weightedSum(const RunMatrix& m, F f) {
    double s = 0;
    for (const RunCell& c : m.cells) s += c.count * f(c.level, c.length);
    return s / m.runs;
}

// Short run emphasis = sum p_r(j) / j^2 / N_r
double shortRunEmphasis(const RunMatrix& m) {
    return weightedSum(m, [](double, double j) { return 1 / (j * j); });
}
// Long run emphasis = sum p_r(j) j^2 / N_r
double longRunEmphasis(const RunMatrix& m) {
    return weightedSum(m, [](double, double j) { return j * j; });
}
// Grey level non-uniformity = sum p_g(i)^2 / N_r
double greyLevelNonUniformity(const RunMatrix& m) {
    double s = 0;
    for (double v : m.pg) s += v * v;
    return s / m.runs;
}
// Grey level non-uniformity normalised = sum p_g(i)^2 / N_r^2
double greyLevelNonUniformityNormalized(const RunMatrix& m) { return greyLevelNonUniformity(m) / m.runs; }
// Run length non-uniformity = sum p_r(j)^2 / N_r
double runLengthNonUniformity(const RunMatrix& m) {
    double s = 0;
    for (double v : m.pr) s += v * v;
    return s / m.runs;
}
// Run length non-uniformity normalised = sum p_r(j)^2 / N_r^2
double runLengthNonUniformityNormalized(const RunMatrix& m) { return runLengthNonUniformity(m) / m.runs; }
// Run percentage = N_r / N_p
double runPercentage(const RunMatrix& m) { return m.runs / m.voxels; }
// Grey level variance = sum p(i,j) (i - mu)^2, mu = sum p(i,j) i
double greyLevelVariance(const RunMatrix& m) {
    const double mu = weightedSum(m, [](double i, double) { return i; });
    return weightedSum(m, [mu](double i, double) { return (i - mu) * (i - mu); });
}
// Run variance = sum p(i,j) (j - mu)^2, mu = sum p(i,j) j
double runVariance(const RunMatrix& m) {
    const double mu = weightedSum(m, [](double, double j) { return j; });
    return weightedSum(m, [mu](double, double j) { return (j - mu) * (j - mu); });
}
// Run entropy = -sum p(i,j) log2(p(i,j) + eps)
double runEntropy(const RunMatrix& m) {
    double s = 0;
    for (const RunCell& c : m.cells) s -= (c.count / m.runs) * std::log2(c.count / m.runs + kEps);
    return s;
}
// Low grey level run emphasis = sum p_g(i) / i^2 / N_r
double lowGreyLevelRunEmphasis(const RunMatrix& m) {
    return weightedSum(m, [](double i, double) { return 1 / (i * i); });
}
// High grey level run emphasis = sum p_g(i) i^2 / N_r
double highGreyLevelRunEmphasis(const RunMatrix& m) {
    return weightedSum(m, [](double i, double) { return i * i; });
}
// Short run low grey level emphasis = sum P(i,j) / (i^2 j^2) / N_r
double shortRunLowGreyLevelEmphasis(const RunMatrix& m) {
    return weightedSum(m, [](double i, double j) { return 1 / (i * i * j * j); });
}
// Short run high grey level emphasis = sum P(i,j) i^2 / j^2 / N_r
double shortRunHighGreyLevelEmphasis(const RunMatrix& m) {
    return weightedSum(m, [](double i, double j) { return i * i / (j * j); });
}
// Long run low grey level emphasis = sum P(i,j) j^2 / i^2 / N_r
double longRunLowGreyLevelEmphasis(const RunMatrix& m) {
    return weightedSum(m, [](double i, double j) { return j * j / (i * i); });
}
// Long run high grey level emphasis = sum P(i,j) i^2 j^2 / N_r
double longRunHighGreyLevelEmphasis(const RunMatrix& m) {
    return weightedSum(m, [](double i, double j) { return i * i * j * j; });
}

std::vector<double> directionFeatures(const RunMatrix& m) {
    return {greyLevelNonUniformity(m),
            greyLevelNonUniformityNormalized(m),
            greyLevelVariance(m),
            highGreyLevelRunEmphasis(m),
            longRunEmphasis(m),
            longRunHighGreyLevelEmphasis(m),
            longRunLowGreyLevelEmphasis(m),
            lowGreyLevelRunEmphasis(m),
            runEntropy(m),
            runLengthNonUniformity(m),
            runLengthNonUniformityNormalized(m),
            runPercentage(m),
            runVariance(m),
            shortRunEmphasis(m),
            shortRunHighGreyLevelEmphasis(m),
            shortRunLowGreyLevelEmphasis(m)};
}

const char* const kNames[] = {"GrayLevelNonUniformity",
                              "GrayLevelNonUniformityNormalized",
                              "GrayLevelVariance",
                              "HighGrayLevelRunEmphasis",
                              "LongRunEmphasis",
                              "LongRunHighGrayLevelEmphasis",
                              "LongRunLowGrayLevelEmphasis",
                              "LowGrayLevelRunEmphasis",
                              "RunEntropy",
                              "RunLengthNonUniformity",
                              "RunLengthNonUniformityNormalized",
                              "RunPercentage",
                              "RunVariance",
                              "ShortRunEmphasis",
                              "ShortRunHighGrayLevelEmphasis",
                              "ShortRunLowGrayLevelEmphasis"};

// Whether some line along the direction (index offset delta > 0) holds two ROI voxels, with or
// without a gap. earlierOnLine is scratch of the padded size: 1 where an ROI voxel lies before a
// voxel on its line; the padding, never set, ends every line at the box border.
bool twoOnOneLine(const GreyLevelImage& grey, std::int64_t delta, std::vector<std::uint8_t>& earlierOnLine) {
    std::fill(earlierOnLine.begin(), earlierOnLine.end(), 0);
    const auto& padded = grey.paddedSizeXyz;
    for (std::int64_t z = grey.pad; z < padded[2] - grey.pad; ++z)
        for (std::int64_t y = grey.pad; y < padded[1] - grey.pad; ++y)
            for (std::int64_t x = grey.pad; x < padded[0] - grey.pad; ++x) {
                const std::int64_t i = (z * padded[1] + y) * padded[0] + x;
                const auto before = static_cast<std::size_t>(i - delta);
                const bool roiBefore = earlierOnLine[before] != 0 || grey.padded[before] != 0;
                if (roiBefore && grey.padded[static_cast<std::size_t>(i)] != 0) return true;
                earlierOnLine[static_cast<std::size_t>(i)] = roiBefore;
            }
    return false;
}

}  // namespace

FamilyValues glrlmFeatures(const GreyLevelImage& grey, const Settings& settings) {
    Settings unitDistance = settings;
    unitDistance.distances = {1};  // pyradiomics builds run lengths along the 13 unit directions
    const std::vector<std::array<int, 3>> offsets = neighbourOffsets(grey, unitDistance, true);
    const auto& size = grey.sizeXyz;
    const auto lengths = static_cast<std::size_t>(std::max({size[0], size[1], size[2]}));
    const std::size_t levels = grey.presentLevels.size();

    std::vector<double> total(std::size(kNames), 0.0);
    std::vector<int> defined(std::size(kNames), 0);
    auto addDirection = [&](const std::vector<double>& counts) {
        const RunMatrix m = gather(counts, grey.presentLevels, lengths);
        if (m.runs == 0) return;  // a direction without runs is left out
        const std::vector<double> values = directionFeatures(m);
        for (std::size_t f = 0; f < values.size(); ++f)
            if (!std::isnan(values[f])) {
                total[f] += values[f];
                ++defined[f];
            }
    };

    // Run length so far at each voxel, filled in increasing index order: every kept direction has a
    // positive index offset, so the predecessor of a voxel along it is always done first. The
    // padding ends every run at the box border, so nothing needs bounds checks. Each voxel's cell
    // (level, run length so far) is computed without branches (whether a run goes on is
    // unpredictable on noisy images) and kept in a list only where its run ends; the list is then
    // counted. Counting at every voxel instead would chain each update of the matrix on the last.
    std::vector<std::uint32_t> runSoFar(grey.padded.size(), 0);
    std::vector<std::uint8_t> earlierOnLine(grey.padded.size(), 0);
    std::vector<std::uint32_t> runEnds(grey.roiIndex.size());
    std::vector<double> counts(levels * lengths), merged;
    if (settings.weightingNorm != WeightingNorm::None) merged.assign(levels * lengths, 0.0);
    for (std::size_t a = 0; a < offsets.size(); ++a) {
        const std::int64_t delta = grey.indexOffset(offsets[a]);
        if (!twoOnOneLine(grey, delta, earlierOnLine)) continue;
        std::size_t ends = 0;
        for (const std::int64_t i : grey.roiIndex) {
            const int rank = grey.rankAt(i);
            const std::uint32_t continues = grey.rankAt(i - delta) == rank;
            const std::uint32_t length = continues * runSoFar[static_cast<std::size_t>(i - delta)] + 1;
            runSoFar[static_cast<std::size_t>(i)] = length;
            runEnds[ends] = static_cast<std::uint32_t>(static_cast<std::size_t>(rank - 1) * lengths + length - 1);
            ends += grey.rankAt(i + delta) != rank;
        }
        std::fill(counts.begin(), counts.end(), 0.0);
        for (std::size_t k = 0; k < ends; ++k) counts[runEnds[k]] += 1;
        if (merged.empty()) {
            addDirection(counts);
        } else {
            // pyradiomics' GLRLM weight: the length itself (not GLCM's exp(-length^2)); 1 without weighting.
            const double w = settings.weightingNorm == WeightingNorm::NoWeighting
                                 ? 1.0
                                 : offsetLengthMm(offsets[a], grey.spacingMm, settings.weightingNorm);
            for (std::size_t k = 0; k < merged.size(); ++k) merged[k] += w * counts[k];
        }
    }
    if (!merged.empty()) addDirection(merged);
    FamilyValues out;
    for (std::size_t f = 0; f < total.size(); ++f)
        out.push_back({kNames[f], defined[f] == 0 ? std::nan("") : total[f] / defined[f]});
    return out;
}

}  // namespace drs::radiomics
