#pragma once
#include "core/pipeline/Evidence.h"
#include "ui/report/ReportDocument.h"

namespace drs::report {

// The per-endpoint tables of the study report as text cells, shared by the PDF and the GUI's
// evidence view so both print the same numbers the same way (NumberFormat.h).

// Table 3 style: one column per model; test AUC [CI], threshold metrics, training AUC, classifier,
// CV AUC. Row 0 is bold; separators before rows 1, 7 and 9.
TextTable metricsTable(const EndpointEvidence& endpoint);
// Paired DeLong tests (no rows without comparisons): model A, model B, AUC A, AUC B, ΔAUC, z, p,
// and "p (Holm)" when holmAdjusted (one per comparison, holmAcrossStudy) is given.
TextTable delongTable(const EndpointEvidence& endpoint, const std::vector<double>& holmAdjusted = {});
// An external cohort's evaluation beside the internal test: per model, internal test AUC [CI],
// external AUC [CI], the run's threshold, sensitivity, specificity, Brier score, calibration slope
// and intercept on the external cohort. internal may be null (the run's evidence lacks the endpoint).
TextTable externalValidationTable(const EndpointEvidence& external, const EndpointEvidence* internal);
// Metrics at each model's operating threshold, one row per model: threshold, accuracy,
// sensitivity, specificity, PPV, NPV, F1 (for an external cohort: at the run's threshold).
TextTable thresholdMetricsTable(const EndpointEvidence& endpoint);
// Every classifier's cross-validated AUC (mean ± SD) per model, the chosen one marked " *";
// no rows without a panel.
TextTable classifierPanelTable(const EndpointEvidence& endpoint);
// Brier score, calibration slope and intercept per model.
TextTable calibrationTable(const EndpointEvidence& endpoint);
// LASSO coefficients of the tumour and ring RadScores.
TextTable radScoreCompositionTable(const EndpointEvidence& endpoint);
// Item, value: the report writer's version, then each item (versions, settings, seeds, hashes).
TextTable provenanceTable(const std::map<std::string, std::string>& items);

// Table 1: variable, level, one column per cohort ("name (n = N)"), one p column per comparison,
// and the test(s) of the row (named per comparison where they differ); separators between variables.
// With several comparisons the p columns are headed "p (a)", "p (b)", ...
TextTable cohortCharacteristicsTable(const CohortCharacteristics& table);
// What each p column compares: "p (a): Training vs Internal test; p (b): ...".
QString cohortComparisonLegend(const CohortCharacteristics& table);

}  // namespace drs::report
