#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace drs {

// One training/test split of the patients shared by every endpoint, so that models of different
// endpoints are trained on the same patients, a new patient meets models that never saw the test
// cohort, and the cohort table describes one split.
//
// labelsByEndpoint[e][p] is 0, 1, or -1 (unknown). Patients are dealt by iterative stratification
// (Sechidis, Tsoumakas & Vlahavas 2011): the rarest positive class is placed first, each patient
// going to the subset whose remaining demand for that class is largest, so every endpoint's
// positives and negatives split close to (1 - testFraction) : testFraction. Deterministic for a seed.
struct StudySplit {
    std::vector<bool> isTest;  // per patient
};

StudySplit iterativeStratifiedSplit(const std::vector<std::vector<int>>& labelsByEndpoint, std::size_t patientCount,
                                    double testFraction, std::uint64_t seed);

// The same dealing into `folds` equal parts: the fold (0 .. folds - 1) of every patient, each
// endpoint's positives and negatives spread as evenly as the counts allow. The outer CV folds
// shared by every endpoint, so one Deep-CT network per fold serves them all.
std::vector<int> iterativeStratifiedFolds(const std::vector<std::vector<int>>& labelsByEndpoint,
                                          std::size_t patientCount, int folds, std::uint64_t seed);

}  // namespace drs
