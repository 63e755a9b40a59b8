// Grey level co-occurrence matrix (GLCM) features, pyradiomics definitions.
// P(i,j) is the normalised co-occurrence matrix of one direction, i and j the grey levels present
// in the ROI, p_x / p_y its marginals, mu_x / mu_y their means, sigma_x / sigma_y their standard
// deviations, p_{x+y}(k) = sum_{i+j=k} P(i,j), p_{x-y}(k) = sum_{|i-j|=k} P(i,j), N_g the highest
// grey level. Each feature is computed per direction and averaged over the directions (or computed
// once on the merged matrix when weightingNorm is set).
// Speed: every sum over P runs over its non-zero cells only (a zero cell adds exactly 0), the
// cluster moments and contrast come from p_{x+y} and p_{x-y} (i + j and |i - j| are their indices),
// and HXY2 is split as shown at marginalEntropies.
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <complex>

#include "core/radiomics/TextureFamilies.h"

namespace drs::radiomics {
namespace {

// One non-zero cell of P: level indices (into `level`) and probability.
struct Cell {
    std::uint32_t i, j;
    double p;
};

struct Glcm {
    std::size_t n = 0;          // present grey levels
    std::vector<double> level;  // their values i
    double maxLevel = 0;        // N_g
    std::vector<Cell> cells;    // the non-zero cells of P (row = centre voxel level)
    std::vector<double> px, py, pSum, pDiff;
    double ux = 0, uy = 0, hxy = 0;
    double autocorrelation = 0, jointEnergy = 0, maximumProbability = 0;
    double varianceX = 0, varianceY = 0, covariance = 0;
    bool symmetric = false;     // P(i,j) = P(j,i), so p_x = p_y
    std::vector<double> dense;  // P as an n x n matrix, for MCC

    double at(std::size_t i, std::size_t j) const { return dense[i * n + j]; }
};

// Sums every feature needs, in two passes over the non-zero cells (the second needs the means).
void prepare(Glcm& m) {
    const auto maxLevel = static_cast<std::size_t>(m.maxLevel);
    m.px.assign(m.n, 0);
    m.py.assign(m.n, 0);
    m.pSum.assign(2 * maxLevel + 1, 0);
    m.pDiff.assign(maxLevel, 0);
    for (const Cell& c : m.cells) {
        const double li = m.level[c.i], lj = m.level[c.j], v = c.p;
        m.px[c.i] += v;
        m.py[c.j] += v;
        m.ux += li * v;
        m.uy += lj * v;
        m.autocorrelation += v * li * lj;
        m.pSum[static_cast<std::size_t>(li + lj)] += v;
        m.pDiff[static_cast<std::size_t>(std::abs(li - lj))] += v;
        m.hxy -= v * std::log2(v + kEps);
        m.jointEnergy += v * v;
        m.maximumProbability = std::max(m.maximumProbability, v);
    }
    for (const Cell& c : m.cells) {
        const double dx = m.level[c.i] - m.ux, dy = m.level[c.j] - m.uy;
        m.varianceX += c.p * dx * dx;
        m.varianceY += c.p * dy * dy;
        m.covariance += c.p * dx * dy;
    }
}

// Autocorrelation = sum P(i,j) i j
double autocorrelation(const Glcm& m) { return m.autocorrelation; }
// Joint average = mu_x = sum P(i,j) i
double jointAverage(const Glcm& m) { return m.ux; }
// sum over cells of f(i + j) P(i,j) = sum_k f(k) p_{x+y}(k)
double clusterMoment(const Glcm& m, int order) {
    double s = 0;
    for (std::size_t k = 0; k < m.pSum.size(); ++k) {
        if (m.pSum[k] == 0) continue;
        const double d = double(k) - m.ux - m.uy;
        s += (order == 2 ? d * d : order == 3 ? d * d * d : d * d * d * d) * m.pSum[k];
    }
    return s;
}
// Cluster prominence = sum (i + j - mu_x - mu_y)^4 P(i,j)
double clusterProminence(const Glcm& m) { return clusterMoment(m, 4); }
// Cluster shade = sum (i + j - mu_x - mu_y)^3 P(i,j)
double clusterShade(const Glcm& m) { return clusterMoment(m, 3); }
// Cluster tendency = sum (i + j - mu_x - mu_y)^2 P(i,j)
double clusterTendency(const Glcm& m) { return clusterMoment(m, 2); }
// Contrast = sum (i - j)^2 P(i,j)
double contrast(const Glcm& m) {
    double s = 0;
    for (std::size_t k = 1; k < m.pDiff.size(); ++k) s += double(k) * double(k) * m.pDiff[k];
    return s;
}
// Correlation = (sum P(i,j) (i - mu_x)(j - mu_y)) / (sigma_x sigma_y + eps); 1 when sigma_x sigma_y = 0
double correlation(const Glcm& m) {
    const double sigmas = std::sqrt(m.varianceX) * std::sqrt(m.varianceY);
    return sigmas == 0 ? 1 : m.covariance / (sigmas + kEps);
}
// sum_k k p(k) and -sum_k p(k) log2(p(k) + eps) of the difference and sum distributions p_{x-y}, p_{x+y}
double indexMean(const std::vector<double>& p) {
    double s = 0;
    for (std::size_t k = 0; k < p.size(); ++k) s += static_cast<double>(k) * p[k];
    return s;
}
double entropy(const std::vector<double>& p) {
    double s = 0;
    for (double v : p) s -= v * std::log2(v + kEps);
    return s;
}
// Difference average = sum_k k p_{x-y}(k)
double differenceAverage(const Glcm& m) { return indexMean(m.pDiff); }
// Difference entropy = -sum_k p_{x-y}(k) log2(p_{x-y}(k) + eps)
double differenceEntropy(const Glcm& m) { return entropy(m.pDiff); }
// Difference variance = sum_k (k - DA)^2 p_{x-y}(k), DA the difference average
double differenceVariance(const Glcm& m) {
    const double average = differenceAverage(m);
    double s = 0;
    for (std::size_t k = 0; k < m.pDiff.size(); ++k) s += (k - average) * (k - average) * m.pDiff[k];
    return s;
}
// Inverse difference = sum_k p_{x-y}(k) / (1 + k)
double id(const Glcm& m) {
    double s = 0;
    for (std::size_t k = 0; k < m.pDiff.size(); ++k) s += m.pDiff[k] / (1.0 + k);
    return s;
}
// Inverse difference moment = sum_k p_{x-y}(k) / (1 + k^2)
double idm(const Glcm& m) {
    double s = 0;
    for (std::size_t k = 0; k < m.pDiff.size(); ++k) s += m.pDiff[k] / (1.0 + double(k) * double(k));
    return s;
}
// Inverse difference moment normalised = sum_k p_{x-y}(k) / (1 + k^2 / N_g^2)
double idmn(const Glcm& m) {
    double s = 0;
    for (std::size_t k = 0; k < m.pDiff.size(); ++k)
        s += m.pDiff[k] / (1.0 + (double(k) * double(k)) / (m.maxLevel * m.maxLevel));
    return s;
}
// Inverse difference normalised = sum_k p_{x-y}(k) / (1 + k / N_g)
double idn(const Glcm& m) {
    double s = 0;
    for (std::size_t k = 0; k < m.pDiff.size(); ++k) s += m.pDiff[k] / (1.0 + double(k) / m.maxLevel);
    return s;
}
// Marginal entropies: HX = -sum p_x log2(p_x + eps), HY likewise; HXY1 = -sum P log2(p_x p_y + eps);
// HXY2 = -sum p_x p_y log2(p_x p_y + eps).
// HXY2 over all n^2 pairs would cost n^2 logarithms per direction. With a = p_x(i), b = p_y(j):
// log2(ab + eps) = log2 a + log2 b + log2(1 + eps / ab), so over the N_x N_y pairs with ab > 0
// (the others add 0): HXY2 = -(sum a log2 a)(sum b) - (sum a)(sum b log2 b) - r,
// r = sum ab log2(1 + eps / ab). Each term of r equals log2(1 + eps) to within eps^2 / (2 ln2 ab)
// (< 1e-17 for ab >= 1e-14, i.e. fewer than 10^7 pairs per direction), so r = N_x N_y log2(1 + eps);
// a single grey level then gives HXY2 = HXY exactly, as the direct sum does.
struct MarginalEntropies {
    double hx = 0, hy = 0, hxy1 = 0, hxy2 = 0;
};
MarginalEntropies marginalEntropies(const Glcm& m) {
    MarginalEntropies e;
    std::vector<double> logX(m.n), logY(m.n);
    double sumX = 0, sumY = 0, sumXLogX = 0, sumYLogY = 0, presentX = 0, presentY = 0;
    for (std::size_t i = 0; i < m.n; ++i) {
        e.hx -= m.px[i] * std::log2(m.px[i] + kEps);
        e.hy -= m.py[i] * std::log2(m.py[i] + kEps);
        logX[i] = m.px[i] > 0 ? std::log2(m.px[i]) : 0;
        logY[i] = m.py[i] > 0 ? std::log2(m.py[i]) : 0;
        sumX += m.px[i];
        sumY += m.py[i];
        sumXLogX += m.px[i] * logX[i];
        sumYLogY += m.py[i] * logY[i];
        presentX += m.px[i] > 0;
        presentY += m.py[i] > 0;
    }
    for (const Cell& c : m.cells) e.hxy1 -= c.p * std::log2(m.px[c.i] * m.py[c.j] + kEps);
    e.hxy2 = -sumXLogX * sumY - sumX * sumYLogY - presentX * presentY * std::log2(1 + kEps);
    return e;
}
// Informational measure of correlation 1 = (HXY - HXY1) / max(HX, HY); 0 when max(HX, HY) = 0
double imc1(const Glcm& m, const MarginalEntropies& e) {
    const double largest = std::max(e.hx, e.hy);
    return largest == 0 ? 0 : (m.hxy - e.hxy1) / largest;
}
// Informational measure of correlation 2 = sqrt(1 - exp(-2 (HXY2 - HXY))); 0 when HXY2 = HXY
double imc2(const Glcm& m, const MarginalEntropies& e) {
    return e.hxy2 == m.hxy ? 0 : std::sqrt(1 - std::exp(-2 * (e.hxy2 - m.hxy)));
}
// Inverse variance = sum_{k>0} p_{x-y}(k) / k^2
double inverseVariance(const Glcm& m) {
    double s = 0;
    for (std::size_t k = 1; k < m.pDiff.size(); ++k) s += m.pDiff[k] / (double(k) * double(k));
    return s;
}
// Joint energy = sum P(i,j)^2
double jointEnergy(const Glcm& m) { return m.jointEnergy; }
// Joint entropy = HXY = -sum P(i,j) log2(P(i,j) + eps)
double jointEntropy(const Glcm& m) { return m.hxy; }
// Maximal correlation coefficient = sqrt(second largest eigenvalue of Q),
// Q(i,j) = sum_k P(i,k) P(j,k) / (p_x(i) p_y(k) + eps); 1 for a single grey level.
// General (non-symmetric P): eigenvalues of Q directly, sorted like numpy sorts complex values.
double mccGeneral(const Glcm& m) {
    Eigen::MatrixXd q = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(m.n), static_cast<Eigen::Index>(m.n));
    for (std::size_t i = 0; i < m.n; ++i)
        for (std::size_t k = 0; k < m.n; ++k) {
            const double a = m.at(i, k);
            if (a == 0) continue;
            const double weight = a / (m.px[i] * m.py[k] + kEps);
            for (std::size_t j = 0; j < m.n; ++j) q(Eigen::Index(i), Eigen::Index(j)) += weight * m.at(j, k);
        }
    Eigen::EigenSolver<Eigen::MatrixXd> solver(q, false);
    std::vector<std::complex<double>> values(solver.eigenvalues().begin(), solver.eigenvalues().end());
    std::sort(values.begin(), values.end(), [](const std::complex<double>& a, const std::complex<double>& b) {
        return a.real() < b.real() || (a.real() == b.real() && a.imag() < b.imag());
    });
    return std::sqrt(values[values.size() - 2]).real();
}
// Symmetric P (the default): without eps, Q = D^-1 P D^-1 P with D = diag(p) is similar to B^2,
// B = D^-1/2 P D^-1/2 symmetric, so its eigenvalues are the squares of B's (a symmetric problem,
// several times cheaper). pyradiomics' eps changes Q by -E, E(i,j) = sum_k P(i,k) P(j,k) c(i,k),
// c(i,k) = eps / (p_i p_k (p_i p_k + eps)); that is added back to first order,
// d(lambda) = -v^T E u with u = D^-1/2 w, v = D^1/2 w (w the unit eigenvector of B), which is
// exact to far below the 1e-6 agreement the tests require.
double mccSymmetric(const Glcm& m) {
    const auto n = static_cast<Eigen::Index>(m.n);
    Eigen::VectorXd rootP(n);
    for (Eigen::Index i = 0; i < n; ++i) rootP[i] = std::sqrt(m.px[std::size_t(i)]);
    Eigen::MatrixXd b(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index k = 0; k < n; ++k) {
            const double d = rootP[i] * rootP[k];
            b(i, k) = d > 0 ? m.at(std::size_t(i), std::size_t(k)) / d : 0;
        }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(b, Eigen::EigenvaluesOnly);
    std::vector<double> mu(solver.eigenvalues().begin(), solver.eigenvalues().end());
    std::sort(mu.begin(), mu.end(), [](double a, double c) { return a * a < c * c; });
    const double target = mu[mu.size() - 2];
    // Eigenvector of B for `target` by inverse iteration.
    const double shift = target + 1e-10 * std::max(1.0, std::abs(target));
    Eigen::PartialPivLU<Eigen::MatrixXd> lu(b - shift * Eigen::MatrixXd::Identity(n, n));
    Eigen::VectorXd w = Eigen::VectorXd::Ones(n) + Eigen::VectorXd::LinSpaced(n, 0, 1);
    for (int iteration = 0; iteration < 3; ++iteration) w = lu.solve(w).normalized();
    Eigen::VectorXd left(n), right(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        left[i] = rootP[i] * w[i];
        right[i] = rootP[i] > 0 ? w[i] / rootP[i] : 0;
    }
    double correction = 0;
    for (Eigen::Index k = 0; k < n; ++k) {
        double leftSum = 0, rightSum = 0;
        const double pk = m.px[std::size_t(k)];
        for (Eigen::Index i = 0; i < n; ++i) {
            const double pik = m.at(std::size_t(i), std::size_t(k));
            if (pik == 0) continue;
            const double product = m.px[std::size_t(i)] * pk;
            leftSum += left[i] * pik * kEps / (product * (product + kEps));
            rightSum += pik * right[i];
        }
        correction += leftSum * rightSum;
    }
    // A level without pairs in this direction is a zero row of Q, eigenvalue 0: the correction's
    // rounding must not turn that 0 into the square root of a tiny negative number.
    return std::sqrt(std::max(0.0, target * target - correction));
}
double mcc(const Glcm& m) {
    if (m.n < 2) return 1;
    return m.symmetric ? mccSymmetric(m) : mccGeneral(m);
}
// Maximum probability = max P(i,j)
double maximumProbability(const Glcm& m) { return m.maximumProbability; }
// Sum average = sum_k k p_{x+y}(k)
double sumAverage(const Glcm& m) { return indexMean(m.pSum); }
// Sum entropy = -sum_k p_{x+y}(k) log2(p_{x+y}(k) + eps)
double sumEntropy(const Glcm& m) { return entropy(m.pSum); }
// Sum of squares = sum (i - mu_x)^2 P(i,j)
double sumSquares(const Glcm& m) { return m.varianceX; }

std::vector<double> directionFeatures(const Glcm& m) {
    const MarginalEntropies e = marginalEntropies(m);
    return {autocorrelation(m),
            clusterProminence(m),
            clusterShade(m),
            clusterTendency(m),
            contrast(m),
            correlation(m),
            differenceAverage(m),
            differenceEntropy(m),
            differenceVariance(m),
            id(m),
            idm(m),
            idmn(m),
            idn(m),
            imc1(m, e),
            imc2(m, e),
            inverseVariance(m),
            jointAverage(m),
            jointEnergy(m),
            jointEntropy(m),
            mcc(m),
            maximumProbability(m),
            sumAverage(m),
            sumEntropy(m),
            sumSquares(m)};
}

const char* const kNames[] = {"Autocorrelation",
                              "ClusterProminence",
                              "ClusterShade",
                              "ClusterTendency",
                              "Contrast",
                              "Correlation",
                              "DifferenceAverage",
                              "DifferenceEntropy",
                              "DifferenceVariance",
                              "Id",
                              "Idm",
                              "Idmn",
                              "Idn",
                              "Imc1",
                              "Imc2",
                              "InverseVariance",
                              "JointAverage",
                              "JointEnergy",
                              "JointEntropy",
                              "MCC",
                              "MaximumProbability",
                              "SumAverage",
                              "SumEntropy",
                              "SumSquares"};

}  // namespace

FamilyValues glcmFeatures(const GreyLevelImage& grey, const Settings& settings) {
    const std::vector<std::array<int, 3>> offsets = neighbourOffsets(grey, settings, true);
    const std::size_t n = grey.presentLevels.size();
    const std::size_t cellsPerMatrix = n * n;

    // One pass over the ROI fills every direction's counts (rank - 1 indexes rows and columns).
    std::vector<std::int64_t> deltas;
    for (const auto& o : offsets) deltas.push_back(grey.indexOffset(o));
    std::vector<std::uint32_t> counts(offsets.size() * cellsPerMatrix, 0);
    for (const std::int64_t i : grey.roiIndex) {
        const std::size_t row = static_cast<std::size_t>(grey.rankAt(i) - 1) * n;
        std::uint32_t* matrix = counts.data() + row;
        for (const std::int64_t delta : deltas) {
            const int neighbour = grey.rankAt(i + delta);
            if (neighbour != 0) ++matrix[neighbour - 1];
            matrix += cellsPerMatrix;
        }
    }
    std::vector<std::vector<double>> weighted(offsets.size(), std::vector<double>(cellsPerMatrix));
    for (std::size_t a = 0; a < offsets.size(); ++a) {
        const std::uint32_t* c = counts.data() + a * cellsPerMatrix;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                weighted[a][i * n + j] = double(c[i * n + j]) + (settings.symmetricalGLCM ? double(c[j * n + i]) : 0.0);
    }
    if (settings.weightingNorm != WeightingNorm::None) {
        std::vector<double> merged(cellsPerMatrix, 0.0);
        for (std::size_t a = 0; a < offsets.size(); ++a) {
            // pyradiomics' GLCM weight: exp(-length^2), 1 without weighting.
            const double length = offsetLengthMm(offsets[a], grey.spacingMm, settings.weightingNorm);
            const double w = std::exp(-length * length);
            for (std::size_t k = 0; k < merged.size(); ++k) merged[k] += w * weighted[a][k];
        }
        weighted = {merged};
    }

    // Averaged like numpy.nanmean: a feature undefined in one direction is left out of its mean.
    std::vector<double> total(std::size(kNames), 0.0);
    std::vector<int> defined(std::size(kNames), 0);
    for (auto& c : weighted) {
        double sum = 0;
        for (double v : c) sum += v;
        if (sum == 0) continue;  // a direction without pairs is left out
        Glcm m;
        m.n = n;
        m.maxLevel = grey.maxLevel;
        for (int level : grey.presentLevels) m.level.push_back(level);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                if (c[i * n + j] != 0)
                    m.cells.push_back(
                        {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), c[i * n + j] / sum});
        for (double& v : c) v /= sum;
        m.dense = std::move(c);
        m.symmetric = settings.symmetricalGLCM;
        prepare(m);
        const std::vector<double> values = directionFeatures(m);
        for (std::size_t f = 0; f < values.size(); ++f)
            if (!std::isnan(values[f])) {
                total[f] += values[f];
                ++defined[f];
            }
    }
    FamilyValues out;
    for (std::size_t f = 0; f < total.size(); ++f)
        out.push_back({kNames[f], defined[f] == 0 ? std::nan("") : total[f] / defined[f]});
    return out;
}

double offsetLengthMm(const std::array<int, 3>& offset, const std::array<double, 3>& spacingMm, WeightingNorm norm) {
    double largest = 0, squares = 0, sum = 0;
    for (int a = 0; a < 3; ++a) {
        const double d = std::abs(offset[a]) * spacingMm[a];
        largest = std::max(largest, d);
        squares += d * d;
        sum += d;
    }
    switch (norm) {
    case WeightingNorm::Infinity: return largest;
    case WeightingNorm::Euclidean: return std::sqrt(squares);
    case WeightingNorm::Manhattan: return sum;
    case WeightingNorm::NoWeighting:
    case WeightingNorm::None: return 0;
    }
    return 0;
}

}  // namespace drs::radiomics
