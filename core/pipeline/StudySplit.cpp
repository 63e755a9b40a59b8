#include "core/pipeline/StudySplit.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "core/util/Error.h"
#include "core/util/PortableRandom.h"

namespace drs {

namespace {

// The subset of every patient, subsets wanting the given fractions of the patients and of each
// (endpoint, class). Ties go to the subset with the most room left, then to the first.
std::vector<int> iterativeStratification(const std::vector<std::vector<int>>& labelsByEndpoint,
                                         std::size_t patientCount, const std::vector<double>& fractions,
                                         std::uint64_t seed) {
    for (const auto& labels : labelsByEndpoint)
        if (labels.size() != patientCount) throw Error("every endpoint needs one label entry per patient");

    // Each (endpoint, class) pair is a "label" to stratify; unknown labels take no part.
    struct Category {
        std::size_t endpoint;
        int value;
        std::vector<std::size_t> patients;
    };
    std::vector<Category> categories;
    for (std::size_t e = 0; e < labelsByEndpoint.size(); ++e)
        for (int value : {0, 1}) {
            Category category{e, value, {}};
            for (std::size_t p = 0; p < patientCount; ++p)
                if (labelsByEndpoint[e][p] == value) category.patients.push_back(p);
            categories.push_back(std::move(category));
        }

    const std::size_t subsets = fractions.size();
    // demand[subset][category]: how many members of the category the subset still wants.
    std::vector<std::vector<double>> demand(subsets, std::vector<double>(categories.size()));
    std::vector<double> capacity(subsets);
    for (std::size_t s = 0; s < subsets; ++s) {
        capacity[s] = fractions[s] * static_cast<double>(patientCount);
        for (std::size_t c = 0; c < categories.size(); ++c)
            demand[s][c] = fractions[s] * static_cast<double>(categories[c].patients.size());
    }

    std::mt19937_64 random(seed);
    std::vector<int> subsetOf(patientCount, -1);
    std::vector<std::size_t> order(patientCount);
    std::iota(order.begin(), order.end(), 0);
    shuffle(order, random);
    std::vector<std::size_t> rankOf(patientCount);
    for (std::size_t i = 0; i < patientCount; ++i) rankOf[order[i]] = i;

    auto roomiest = [&] {
        std::size_t best = 0;
        for (std::size_t s = 1; s < subsets; ++s)
            if (capacity[s] > capacity[best]) best = s;
        return best;
    };
    auto assign = [&](std::size_t patient, std::size_t subset) {
        subsetOf[patient] = static_cast<int>(subset);
        capacity[subset] -= 1;
        for (std::size_t c = 0; c < categories.size(); ++c)
            if (labelsByEndpoint[categories[c].endpoint][patient] == categories[c].value) demand[subset][c] -= 1;
    };

    while (true) {
        // The category with the fewest unassigned patients goes next.
        std::size_t best = categories.size();
        std::size_t fewest = 0;
        for (std::size_t c = 0; c < categories.size(); ++c) {
            std::size_t open = 0;
            for (auto p : categories[c].patients) open += subsetOf[p] < 0;
            if (open > 0 && (best == categories.size() || open < fewest)) {
                best = c;
                fewest = open;
            }
        }
        if (best == categories.size()) break;
        std::vector<std::size_t> open;
        for (auto p : categories[best].patients)
            if (subsetOf[p] < 0) open.push_back(p);
        std::sort(open.begin(), open.end(), [&](std::size_t a, std::size_t b) { return rankOf[a] < rankOf[b]; });
        for (auto patient : open) {
            std::size_t subset = 0;
            for (std::size_t s = 1; s < subsets; ++s)
                if (demand[s][best] > demand[subset][best] ||
                    (demand[s][best] == demand[subset][best] && capacity[s] > capacity[subset]))
                    subset = s;
            assign(patient, subset);
        }
    }
    // Patients without any label fill the remaining capacity.
    for (auto patient : order)
        if (subsetOf[patient] < 0) assign(patient, roomiest());
    return subsetOf;
}

}  // namespace

StudySplit iterativeStratifiedSplit(const std::vector<std::vector<int>>& labelsByEndpoint, std::size_t patientCount,
                                    double testFraction, std::uint64_t seed) {
    if (!(testFraction > 0 && testFraction < 1)) throw Error("test fraction must lie strictly between 0 and 1");
    const std::vector<int> subsetOf =
        iterativeStratification(labelsByEndpoint, patientCount, {1 - testFraction, testFraction}, seed);
    StudySplit split;
    split.isTest.resize(patientCount);
    for (std::size_t p = 0; p < patientCount; ++p) split.isTest[p] = subsetOf[p] == 1;
    return split;
}

std::vector<int> iterativeStratifiedFolds(const std::vector<std::vector<int>>& labelsByEndpoint,
                                          std::size_t patientCount, int folds, std::uint64_t seed) {
    if (folds < 2) throw Error("cross-validation needs at least 2 folds");
    if (patientCount < static_cast<std::size_t>(folds))
        throw Error(std::to_string(patientCount) + " patients cannot fill " + std::to_string(folds) + " folds");
    return iterativeStratification(labelsByEndpoint, patientCount,
                                   std::vector<double>(static_cast<std::size_t>(folds), 1.0 / folds), seed);
}

}  // namespace drs
