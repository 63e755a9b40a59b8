// Times cvLasso (the RadScore's LASSO: full path + 5 fold paths) on a radiomics-shaped table:
// features that are noisy mixtures of a few latent factors (so many pairs correlate strongly, as
// wavelet features do), a label driven by one factor through a logistic link.
// Usage: bench_lasso [rows 200] [features 400] [seed 1]
// Prints wall seconds, lambda.min, its number of nonzero coefficients and its deviance, so that
// two builds can be checked to compute the same thing.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "core/learn/Lasso.h"

int main(int argc, char** argv) {
    const int rows = argc > 1 ? std::atoi(argv[1]) : 200;
    const int featureCount = argc > 2 ? std::atoi(argv[2]) : 400;
    const unsigned seed = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 1U;
    constexpr int kFactors = 6;
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd factors(rows, kFactors);
    for (int i = 0; i < rows; ++i)
        for (int f = 0; f < kFactors; ++f) factors(i, f) = normal(random);
    Eigen::MatrixXd loadings(kFactors, featureCount);
    for (int f = 0; f < kFactors; ++f)
        for (int j = 0; j < featureCount; ++j) loadings(f, j) = normal(random);
    drs::learn::Dataset data;
    data.features = factors * loadings;
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < featureCount; ++j) data.features(i, j) += 0.8 * normal(random);
    std::uniform_real_distribution<double> uniform;
    for (int i = 0; i < rows; ++i) {
        data.ids.push_back(std::to_string(i));
        const double probability = 1.0 / (1.0 + std::exp(-(1.2 * factors(i, 0) - 0.7)));
        data.labels.push_back(uniform(random) < probability ? 1 : 0);
    }
    for (int j = 0; j < featureCount; ++j) data.featureNames.push_back("f" + std::to_string(j));
    drs::learn::FoldAssignment folds(static_cast<std::size_t>(rows));
    int seen[2] = {0, 0};
    for (int i = 0; i < rows; ++i)
        folds[static_cast<std::size_t>(i)] = seen[data.labels[static_cast<std::size_t>(i)]]++ % 5;

    const auto start = std::chrono::steady_clock::now();
    const drs::learn::CvLasso cv = drs::learn::cvLasso(data, folds);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("rows %d features %d: %.3f s, path %zu lambdas, lambda.min %.10g, nonzero %ld, cv deviance %.10g\n",
                rows, featureCount, seconds, cv.path.lambdas.size(), cv.lambdaMin.lambda,
                static_cast<long>((cv.lambdaMin.coefficients.array() != 0).count()),
                cv.cvMean[static_cast<std::size_t>(cv.indexMin)]);
    return 0;
}
