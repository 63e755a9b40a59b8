#include "core/stats/HypothesisTests.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include "core/stats/Distributions.h"
#include "core/stats/Ranks.h"
#include "core/util/Error.h"

namespace drs::stats {
namespace {

void checkFinite(const std::vector<double>& v, const char* what) {
    for (double value : v)
        if (!std::isfinite(value)) throw Error(std::string(what) + ": values must be finite numbers");
}

double mean(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double sampleVariance(const std::vector<double>& v) {
    const double m = mean(v);
    double sum = 0;
    for (double value : v) sum += (value - m) * (value - m);
    return sum / static_cast<double>(v.size() - 1);
}

double logChoose(int n, int k) { return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0); }

}  // namespace

TestResult mannWhitneyU(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.empty() || y.empty()) throw Error("mannWhitneyU: both groups need at least one value");
    checkFinite(x, "mannWhitneyU");
    checkFinite(y, "mannWhitneyU");
    std::vector<double> all = x;
    all.insert(all.end(), y.begin(), y.end());
    const std::vector<double> ranks = midranks(all);
    const double nx = static_cast<double>(x.size());
    const double ny = static_cast<double>(y.size());
    const double rankSumX = std::accumulate(ranks.begin(), ranks.begin() + static_cast<long>(x.size()), 0.0);
    TestResult r;
    r.statistic = rankSumX - nx * (nx + 1) / 2;
    const double n = nx + ny;
    const double variance = nx * ny / 12.0 * ((n + 1) - tieCorrectionSum(all) / (n * (n - 1)));
    const double centred = r.statistic - nx * ny / 2;
    if (variance <= 0) {
        r.p = 1;  // every value tied: no evidence either way
        return r;
    }
    const double correction = centred > 0 ? 0.5 : (centred < 0 ? -0.5 : 0.0);
    r.p = normalTwoSidedP((centred - correction) / std::sqrt(variance));
    return r;
}

TestResult welchTTest(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() < 2 || y.size() < 2) throw Error("welchTTest: each group needs at least 2 values");
    checkFinite(x, "welchTTest");
    checkFinite(y, "welchTTest");
    const double vx = sampleVariance(x) / static_cast<double>(x.size());
    const double vy = sampleVariance(y) / static_cast<double>(y.size());
    if (vx + vy <= 0) throw Error("welchTTest: both groups are constant; the t statistic is undefined");
    TestResult r;
    r.statistic = (mean(x) - mean(y)) / std::sqrt(vx + vy);
    r.degreesOfFreedom = (vx + vy) * (vx + vy) /
                         (vx * vx / static_cast<double>(x.size() - 1) + vy * vy / static_cast<double>(y.size() - 1));
    r.p = studentTTwoSidedP(r.statistic, r.degreesOfFreedom);
    return r;
}

TestResult chiSquareTest(const std::vector<std::vector<double>>& counts, bool yates) {
    const std::size_t rows = counts.size();
    if (rows < 2 || counts.front().size() < 2) throw Error("chiSquareTest: needs a table of at least 2 x 2 counts");
    const std::size_t cols = counts.front().size();
    std::vector<double> rowSum(rows, 0.0);
    std::vector<double> colSum(cols, 0.0);
    double total = 0;
    for (std::size_t i = 0; i < rows; ++i) {
        if (counts[i].size() != cols) throw Error("chiSquareTest: rows of the table differ in length");
        for (std::size_t j = 0; j < cols; ++j) {
            if (!(counts[i][j] >= 0)) throw Error("chiSquareTest: counts must be non-negative numbers");
            rowSum[i] += counts[i][j];
            colSum[j] += counts[i][j];
            total += counts[i][j];
        }
    }
    for (double s : rowSum)
        if (s == 0) throw Error("chiSquareTest: a row of the table is empty (expected counts of zero)");
    for (double s : colSum)
        if (s == 0) throw Error("chiSquareTest: a column of the table is empty (expected counts of zero)");
    const bool correct = yates && rows == 2 && cols == 2;
    double yatesShift = 0;
    if (correct) {
        yatesShift = 0.5;
        for (std::size_t i = 0; i < rows; ++i)
            for (std::size_t j = 0; j < cols; ++j)
                yatesShift = std::min(yatesShift, std::fabs(counts[i][j] - rowSum[i] * colSum[j] / total));
    }
    TestResult r;
    for (std::size_t i = 0; i < rows; ++i) {
        for (std::size_t j = 0; j < cols; ++j) {
            const double expected = rowSum[i] * colSum[j] / total;
            const double deviation = std::fabs(counts[i][j] - expected) - yatesShift;
            r.statistic += deviation * deviation / expected;
        }
    }
    r.degreesOfFreedom = static_cast<double>((rows - 1) * (cols - 1));
    r.p = chiSquareUpperTail(r.statistic, r.degreesOfFreedom);
    return r;
}

TestResult fisherExact(int a, int b, int c, int d) {
    if (a < 0 || b < 0 || c < 0 || d < 0) throw Error("fisherExact: counts must be non-negative");
    const int row1 = a + b;
    const int row2 = c + d;
    const int col1 = a + c;
    const int n = row1 + row2;
    if (n == 0) throw Error("fisherExact: the table is empty");
    // Hypergeometric probability of the top-left cell being k with all margins fixed.
    const auto logProbability = [&](int k) {
        return logChoose(row1, k) + logChoose(row2, col1 - k) - logChoose(n, col1);
    };
    const int low = std::max(0, col1 - row2);
    const int high = std::min(row1, col1);
    const double observed = logProbability(a);
    // R's relative tolerance 1 + 1e-7 keeps tables of equal probability on both sides.
    const double cutoff = observed + std::log1p(1e-7);
    double p = 0;
    for (int k = low; k <= high; ++k) {
        const double lp = logProbability(k);
        if (lp <= cutoff) p += std::exp(lp);
    }
    TestResult r;
    r.statistic = (b == 0 || c == 0) ? std::numeric_limits<double>::infinity()
                                     : static_cast<double>(a) * d / (static_cast<double>(b) * c);
    r.p = std::min(1.0, p);
    return r;
}

TestResult fisherExact(const std::vector<std::vector<double>>& counts) {
    // As an r x 2 table: x[i] = count of row i in the first column, rowTotal[i] = the row's total.
    for (const auto& row : counts)
        if (row.size() != counts.front().size()) throw Error("fisherExact: rows of the table differ in length");
    const bool twoColumns = !counts.empty() && counts.front().size() == 2;
    const bool twoRows = counts.size() == 2;
    if (!twoColumns && !twoRows) throw Error("fisherExact: the table needs 2 rows or 2 columns");
    const std::size_t lines = twoColumns ? counts.size() : counts.front().size();
    std::vector<int> x, rowTotal;
    for (std::size_t i = 0; i < lines; ++i) {
        int cell[2] = {0, 0};
        for (int j = 0; j < 2; ++j) {
            const double v =
                twoColumns ? counts[i].at(static_cast<std::size_t>(j)) : counts[static_cast<std::size_t>(j)].at(i);
            if (!(v >= 0) || v != std::floor(v) || v > 1e9)
                throw Error("fisherExact: counts must be non-negative whole numbers");
            cell[j] = static_cast<int>(v);
        }
        if (cell[0] + cell[1] == 0) continue;
        x.push_back(cell[0]);
        rowTotal.push_back(cell[0] + cell[1]);
    }
    const int r = static_cast<int>(x.size());
    const int firstColumn = std::accumulate(x.begin(), x.end(), 0);
    const int n = std::accumulate(rowTotal.begin(), rowTotal.end(), 0);
    TestResult result;
    if (r < 2 || firstColumn == 0 || firstColumn == n) return result;  // one margin is degenerate: p = 1

    // capacity[i]: how many first-column counts rows i.. can hold. For every node (row i, k counts
    // still to place) the log of the largest and smallest completion weight and of their sum, where
    // a table's weight is prod_i C(rowTotal_i, x_i) and its probability weight / C(n, firstColumn).
    const auto size = static_cast<std::size_t>(firstColumn + 1);
    std::vector<int> capacity(static_cast<std::size_t>(r + 1), 0);
    for (int i = r - 1; i >= 0; --i) capacity[i] = capacity[i + 1] + rowTotal[i];
    const double none = -std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> most(static_cast<std::size_t>(r + 1), std::vector<double>(size, none));
    std::vector<std::vector<double>> least(static_cast<std::size_t>(r + 1), std::vector<double>(size, -none));
    std::vector<std::vector<double>> total(static_cast<std::size_t>(r + 1), std::vector<double>(size, none));
    most[r][0] = least[r][0] = total[r][0] = 0;
    for (int i = r - 1; i >= 0; --i)
        for (int k = 0; k <= std::min(firstColumn, capacity[i]); ++k) {
            double sum = 0, top = none;
            std::vector<double> terms;
            for (int v = std::max(0, k - capacity[i + 1]); v <= std::min(rowTotal[i], k); ++v) {
                const double w = logChoose(rowTotal[i], v);
                most[i][k] = std::max(most[i][k], w + most[i + 1][k - v]);
                least[i][k] = std::min(least[i][k], w + least[i + 1][k - v]);
                terms.push_back(w + total[i + 1][k - v]);
                top = std::max(top, terms.back());
            }
            for (double t : terms) sum += std::exp(t - top);
            total[i][k] = top + std::log(sum);
        }
    const double logDenominator = total[0][firstColumn];
    double observed = 0;
    for (int i = 0; i < r; ++i) observed += logChoose(rowTotal[i], x[i]);
    // R's relative tolerance 1 + 1e-7 keeps tables of equal probability on both sides.
    const double cutoff = observed + std::log1p(1e-7);

    double p = 0;
    const std::function<void(int, int, double)> walk = [&](int i, int k, double weight) {
        if (weight + most[i][k] <= cutoff) {
            p += std::exp(weight + total[i][k] - logDenominator);
            return;
        }
        if (weight + least[i][k] > cutoff) return;
        for (int v = std::max(0, k - capacity[i + 1]); v <= std::min(rowTotal[i], k); ++v)
            walk(i + 1, k - v, weight + logChoose(rowTotal[i], v));
    };
    walk(0, firstColumn, 0.0);
    result.p = std::min(1.0, p);
    return result;
}

}  // namespace drs::stats
