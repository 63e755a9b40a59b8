#include "core/pipeline/StudySplit.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "core/util/Error.h"

namespace drs {

StudySplit iterativeStratifiedSplit(const std::vector<std::vector<int>>& labelsByEndpoint, std::size_t patientCount,
                                    double testFraction, std::uint64_t seed) {
    if (!(testFraction > 0 && testFraction < 1)) throw Error("test fraction must lie strictly between 0 and 1");
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

    const double fractions[2] = {1 - testFraction, testFraction};
    // demand[subset][category]: how many members of the category the subset still wants.
    std::vector<std::vector<double>> demand(2, std::vector<double>(categories.size()));
    std::vector<double> capacity(2);
    for (int s = 0; s < 2; ++s) {
        capacity[s] = fractions[s] * static_cast<double>(patientCount);
        for (std::size_t c = 0; c < categories.size(); ++c)
            demand[s][c] = fractions[s] * static_cast<double>(categories[c].patients.size());
    }

    std::mt19937_64 random(seed);
    std::vector<int> subsetOf(patientCount, -1);
    std::vector<std::size_t> order(patientCount);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random);
    std::vector<std::size_t> rankOf(patientCount);
    for (std::size_t i = 0; i < patientCount; ++i) rankOf[order[i]] = i;

    auto assign = [&](std::size_t patient, int subset) {
        subsetOf[patient] = subset;
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
            int subset = demand[0][best] > demand[1][best] ? 0 : 1;
            if (demand[0][best] == demand[1][best]) subset = capacity[0] >= capacity[1] ? 0 : 1;
            assign(patient, subset);
        }
    }
    // Patients without any label fill the remaining capacity.
    for (auto patient : order)
        if (subsetOf[patient] < 0) assign(patient, capacity[0] >= capacity[1] ? 0 : 1);

    StudySplit split;
    split.isTest.resize(patientCount);
    for (std::size_t p = 0; p < patientCount; ++p) split.isTest[p] = subsetOf[p] == 1;
    return split;
}

}  // namespace drs
