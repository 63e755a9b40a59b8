#include "core/pipeline/ReportingRules.h"

#include <algorithm>
#include <cmath>

#include "core/stats/MultipleTesting.h"

namespace drs {

int testEvents(const EndpointEvidence& endpoint) {
    const auto positives = std::count(endpoint.testLabels.begin(), endpoint.testLabels.end(), 1);
    return static_cast<int>(
        std::min<std::ptrdiff_t>(positives, static_cast<std::ptrdiff_t>(endpoint.testLabels.size()) - positives));
}

bool isDescriptiveOnly(const EndpointEvidence& endpoint) { return testEvents(endpoint) < kMinimumTestEvents; }

const EndpointEvidence* endpointEvidence(const StudyEvidence& study, const std::string& name) {
    const auto found = std::find_if(study.endpoints.begin(), study.endpoints.end(),
                                    [&](const EndpointEvidence& e) { return e.endpoint == name; });
    return found == study.endpoints.end() ? nullptr : &*found;
}

StudyWideHolm holmAcrossStudy(const StudyEvidence& study) {
    std::vector<double> family;
    for (const auto& e : study.endpoints)
        for (const auto& c : e.comparisons) family.push_back(c.p);
    const std::vector<double> adjusted = stats::holmAdjusted(family);
    StudyWideHolm holm;
    holm.familySize =
        static_cast<int>(std::count_if(family.begin(), family.end(), [](double p) { return !std::isnan(p); }));
    std::size_t next = 0;
    for (const auto& e : study.endpoints) {
        auto& mine = holm.adjustedByEndpoint[e.endpoint];
        for (std::size_t k = 0; k < e.comparisons.size(); ++k) mine.push_back(adjusted[next++]);
    }
    return holm;
}

bool isUnreliableCall(const EndpointPrediction& endpoint) {
    return endpoint.testPatients > 0 && (endpoint.testEvents < kMinimumTestEvents || endpoint.testAucCiLow <= 0.5);
}

}  // namespace drs
