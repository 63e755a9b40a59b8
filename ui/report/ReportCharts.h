#pragma once
#include <vector>

#include <QString>

#include "core/pipeline/BackboneComparison.h"
#include "core/pipeline/Evidence.h"

class QCustomPlot;

namespace drs::report {

// Each function fills an empty, never-shown QCustomPlot with one chart of the report; the
// document then draws it as vectors. Callers check that the data exist (and note when not).

// ROC of every model on the test set (or, titled so, an external cohort); legend "Model: AUC 0.812 [0.701–0.923]".
void setupRocChart(QCustomPlot& plot, const EndpointEvidence& endpoint,
                   const QString& title = QStringLiteral("ROC curves, test set"));
// Reliability diagram: mean predicted vs observed per bin, with the ideal diagonal.
void setupCalibrationChart(QCustomPlot& plot, const EndpointEvidence& endpoint);
// Decision curve: net benefit vs threshold probability, with treat-all and treat-none.
void setupDecisionChart(QCustomPlot& plot, const EndpointEvidence& endpoint);
// Mean |SHAP| per feature, largest at the top (at most maxFeatures bars).
void setupShapBarChart(QCustomPlot& plot, const ShapSummary& shap, int maxFeatures);
// One dot per test patient and feature at its SHAP value, coloured by the feature's value rank.
void setupShapBeeswarm(QCustomPlot& plot, const ShapSummary& shap, int maxFeatures);
// Pearson r of each RadScore with each deep feature, blue (-1) to red (+1), r printed in cells.
void setupCorrelationHeatmap(QCustomPlot& plot, const CorrelationSummary& correlation);
// What the CV AUC chart plots per classifier: each repeat's mean fold AUC, or each outer fold's AUC.
enum class CvAucPoints { RepeatMeans, Folds };
// The distribution of every classifier's nested CV AUC on the training cohort, grouped by model
// (model names on the top axis): per classifier one graph of points named after the model, spread
// across the classifier's slot, and with two points or more a box (quartiles, whiskers to the
// extremes) named "<model>, median"; the chosen classifier's box is filled and its tick marked " *".
// Folds without an AUC (NaN) are left out. Returns the number of points; 0 (nothing drawn but the
// frame) for evidence without fold AUCs (written before format 2).
int setupCvAucChart(QCustomPlot& plot, const EndpointEvidence& endpoint, CvAucPoints points);
// `drs deep-compare`'s AUCs: one tick per backbone, best-ranked first and the chosen one marked " *";
// per subset (graphs "Training", "Validation", "Test") a point with its 95% CI as error bars. A
// subset without an AUC (one class) has no point.
void setupBackboneChart(QCustomPlot& plot, const BackboneComparison& comparison);
// One bar per endpoint: the patient's probability, with the operating point marked.
void setupProbabilityChart(QCustomPlot& plot, const std::vector<EndpointPrediction>& endpoints);

// Net benefit of treating everyone at threshold probability pt for a cohort with this prevalence.
double treatAllNetBenefit(double prevalence, double thresholdProbability);

}  // namespace drs::report
