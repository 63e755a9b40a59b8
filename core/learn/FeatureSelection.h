#pragma once
#include <vector>

#include "core/learn/Dataset.h"

namespace drs::learn {

// Two-sided Mann-Whitney p-value of every feature between label 0 and label 1.
std::vector<double> mannWhitneyPValues(const Dataset& data);
// Indices of the features whose Mann-Whitney p-value is below maxP, in column order.
std::vector<int> mannWhitneyFilter(const Dataset& data, double maxP);

// Redundancy removal: walks `candidates` in the order given (most relevant first, e.g. by
// increasing p-value) and keeps a feature only if its |Pearson r| with every feature already kept
// is at most maxAbsR. Returns the kept indices in walking order.
std::vector<int> removeCorrelated(const Dataset& data, const std::vector<int>& candidates, double maxAbsR);

// Candidates ordered by increasing Mann-Whitney p-value (ties by column order).
std::vector<int> byRelevance(const Dataset& data, const std::vector<int>& candidates);

}  // namespace drs::learn
