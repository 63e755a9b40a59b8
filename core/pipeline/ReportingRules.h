#pragma once
// How much a study's numbers may claim: which endpoints are too small to rank, and the correction
// of the paired DeLong p-values across the whole study. Shared by the PDF report and the GUI.
#include <map>
#include <string>
#include <vector>

#include "core/pipeline/Evidence.h"

namespace drs {

// Fewer events than this in the test set and an endpoint's AUC is too unstable to rank models or
// endpoints by (Peduzzi 1996: the events are the patients of the less frequent outcome).
inline constexpr int kMinimumTestEvents = 10;

// The patients of the rarer class in the endpoint's test set.
int testEvents(const EndpointEvidence& endpoint);

// True when the endpoint is reported as descriptive only: its numbers are shown with the event
// count, but its AUC is not ranked.
bool isDescriptiveOnly(const EndpointEvidence& endpoint);

// The study's evidence of the named endpoint; null when the study has none.
const EndpointEvidence* endpointEvidence(const StudyEvidence& study, const std::string& name);

// A patient's call is not to be acted on when the model behind it could not be told from chance on
// the test set (the DeLong 95 % CI of its AUC reaches 0.5) or its test set was too small to say
// (fewer than kMinimumTestEvents events). Predictions written before the test set was counted
// (testPatients 0) are not judged.
bool isUnreliableCall(const EndpointPrediction& endpoint);

// Holm's correction over every paired DeLong comparison of the study (3 per analysed endpoint,
// 30 for the paper's ten endpoints): per endpoint, the adjusted p of its comparisons in their
// order. familySize counts the comparisons with a p-value.
struct StudyWideHolm {
    int familySize = 0;
    std::map<std::string, std::vector<double>> adjustedByEndpoint;
};
StudyWideHolm holmAcrossStudy(const StudyEvidence& study);

}  // namespace drs
