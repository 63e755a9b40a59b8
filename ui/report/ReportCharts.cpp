#include "ui/report/ReportCharts.h"

#include <qcustomplot.h>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/pipeline/ModelKind.h"
#include "ui/report/NumberFormat.h"
#include "ui/report/ReportDocument.h"

namespace drs::report {
namespace {

const QColor kGrid(225, 225, 225);
const QColor kReference(130, 130, 130);

// Journal look: closed frame, light grid, small fonts, no interaction decorations.
void applyStyle(QCustomPlot& plot) {
    plot.setBackground(Qt::white);
    plot.setFont(ReportDocument::font(7));
    for (QCPAxis* axis : {plot.xAxis, plot.yAxis, plot.xAxis2, plot.yAxis2}) {
        axis->setTickLabelFont(ReportDocument::font(6.5));
        axis->setLabelFont(ReportDocument::font(7.5));
        axis->setBasePen(QPen(QColor(60, 60, 60), 0.8));
        axis->setTickPen(QPen(QColor(60, 60, 60), 0.8));
        axis->setSubTickPen(QPen(QColor(60, 60, 60), 0.6));
        axis->setTickLengthIn(3);
        axis->setSubTickLengthIn(1);
        axis->grid()->setPen(QPen(kGrid, 0.6));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    plot.xAxis2->setVisible(true);
    plot.yAxis2->setVisible(true);
    plot.xAxis2->setTicks(false);
    plot.yAxis2->setTicks(false);
    plot.xAxis2->setTickLabels(false);
    plot.yAxis2->setTickLabels(false);
    plot.xAxis2->grid()->setVisible(false);
    plot.yAxis2->grid()->setVisible(false);
    plot.legend->setFont(ReportDocument::font(6.5));
    plot.legend->setBorderPen(QPen(QColor(180, 180, 180), 0.6));
    plot.legend->setBrush(QColor(255, 255, 255, 235));
    plot.legend->setRowSpacing(-2);
    plot.legend->setIconSize(16, 8);
}

void setTitle(QCustomPlot& plot, const QString& title) {
    plot.plotLayout()->insertRow(0);
    auto* element = new QCPTextElement(&plot, title, ReportDocument::font(8, true));
    element->setMargins(QMargins(0, 0, 0, 2));
    plot.plotLayout()->addElement(0, 0, element);
}

void unitAxes(QCustomPlot& plot, const QString& xLabel, const QString& yLabel) {
    plot.xAxis->setRange(0, 1);
    plot.yAxis->setRange(0, 1);
    plot.xAxis2->setRange(0, 1);
    plot.yAxis2->setRange(0, 1);
    plot.xAxis->setLabel(xLabel);
    plot.yAxis->setLabel(yLabel);
}

void diagonal(QCustomPlot& plot, const QString& name) {
    auto* line = new QCPCurve(plot.xAxis, plot.yAxis);
    line->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
    line->setPen(QPen(kReference, 0.8, Qt::DashLine));
    line->setName(name);
    if (name.isEmpty()) line->removeFromLegend();
}

QCPCurve* modelCurve(QCustomPlot& plot, const std::vector<CurvePoint>& points, const std::string& model) {
    auto* curve = new QCPCurve(plot.xAxis, plot.yAxis);
    QVector<double> x, y;
    for (const auto& p : points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        x.push_back(p.x);
        y.push_back(p.y);
    }
    curve->setData(x, y);
    curve->setPen(QPen(modelColour(model), 1.4));
    return curve;
}

// Features ordered by mean |SHAP|, largest first, at most maxFeatures of them.
std::vector<std::size_t> topFeatures(const ShapSummary& shap, int maxFeatures) {
    std::vector<std::size_t> order(std::min(shap.features.size(), shap.meanAbs.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return shap.meanAbs[a] > shap.meanAbs[b]; });
    if (order.size() > std::size_t(maxFeatures)) order.resize(maxFeatures);
    return order;
}

// Feature names on the y axis, first feature at the top (y = count - 1 - rank).
void featureAxis(QCustomPlot& plot, const ShapSummary& shap, const std::vector<std::size_t>& order) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t rank = 0; rank < order.size(); ++rank)
        ticker->addTick(double(order.size() - 1 - rank), QString::fromStdString(shap.features[order[rank]]));
    plot.yAxis->setTicker(ticker);
    plot.yAxis->setRange(-0.6, double(order.size()) - 0.4);
    plot.yAxis->grid()->setVisible(false);
    plot.yAxis->setSubTicks(false);
}

QCPColorGradient divergingGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(33, 102, 172));
    gradient.setColorStopAt(0.25, QColor(146, 197, 222));
    gradient.setColorStopAt(0.5, QColor(247, 247, 247));
    gradient.setColorStopAt(0.75, QColor(244, 165, 130));
    gradient.setColorStopAt(1.0, QColor(178, 24, 43));
    return gradient;
}

// Quantile q (0..1) of sorted values, interpolated linearly between order statistics (numpy's default).
double quantileOfSorted(const std::vector<double>& sorted, double q) {
    const double position = q * double(sorted.size() - 1);
    const auto below = std::size_t(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - double(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

double treatAllNetBenefit(double prevalence, double thresholdProbability) {
    return prevalence - (1 - prevalence) * thresholdProbability / (1 - thresholdProbability);
}

void setupRocChart(QCustomPlot& plot, const EndpointEvidence& endpoint, const QString& title) {
    applyStyle(plot);
    unitAxes(plot, QStringLiteral("1 \u2212 specificity"), QStringLiteral("Sensitivity"));
    diagonal(plot, QStringLiteral("Chance"));
    for (const auto& model : endpoint.models) {
        auto* curve = modelCurve(plot, model.testRoc, model.model);
        curve->setName(QString::fromStdString(model.model) + QStringLiteral(": AUC ") +
                       aucWithCi(model.testAuc, model.testAucCiLow, model.testAucCiHigh));
    }
    plot.legend->setVisible(true);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    setTitle(plot, title);
}

void setupCalibrationChart(QCustomPlot& plot, const EndpointEvidence& endpoint) {
    applyStyle(plot);
    unitAxes(plot, QStringLiteral("Mean predicted probability"), QStringLiteral("Observed fraction positive"));
    diagonal(plot, QStringLiteral("Ideal"));
    for (const auto& model : endpoint.models) {
        auto* curve = modelCurve(plot, model.reliability, model.model);
        curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, modelColour(model.model), Qt::white, 4));
        curve->setName(QString::fromStdString(model.model) + QStringLiteral(" (Brier ") + fixed(model.brier) +
                       QStringLiteral(")"));
    }
    plot.legend->setVisible(true);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignLeft | Qt::AlignTop);
    setTitle(plot, QStringLiteral("Calibration, test set"));
}

void setupDecisionChart(QCustomPlot& plot, const EndpointEvidence& endpoint) {
    applyStyle(plot);
    const int positives = int(std::count(endpoint.testLabels.begin(), endpoint.testLabels.end(), 1));
    const double prevalence = endpoint.testLabels.empty() ? 0 : double(positives) / endpoint.testLabels.size();
    double maxThreshold = 0, maxBenefit = prevalence;
    for (const auto& model : endpoint.models) {
        for (const auto& p : model.netBenefit) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
            maxThreshold = std::max(maxThreshold, p.x);
            maxBenefit = std::max(maxBenefit, p.y);
        }
    }
    if (maxThreshold <= 0) maxThreshold = 1;
    QVector<double> thresholds, treatAll;
    for (int i = 0; i <= 100; ++i) {
        const double pt = maxThreshold * i / 100.0;
        if (pt >= 1) break;
        thresholds.push_back(pt);
        treatAll.push_back(treatAllNetBenefit(prevalence, pt));
    }
    auto* all = new QCPGraph(plot.xAxis, plot.yAxis);
    all->setData(thresholds, treatAll);
    all->setPen(QPen(kReference, 1.0));
    all->setName(QStringLiteral("Treat all"));
    auto* none = new QCPGraph(plot.xAxis, plot.yAxis);
    none->setData(QVector<double>{0, maxThreshold}, QVector<double>{0, 0});
    none->setPen(QPen(Qt::black, 1.0, Qt::DashLine));
    none->setName(QStringLiteral("Treat none"));
    for (const auto& model : endpoint.models) {
        auto* curve = modelCurve(plot, model.netBenefit, model.model);
        curve->setName(QString::fromStdString(model.model));
    }
    const double span = std::max(0.05, maxBenefit);
    plot.xAxis->setRange(0, maxThreshold);
    plot.yAxis->setRange(-0.1 * span, 1.1 * span);
    plot.xAxis2->setRange(plot.xAxis->range());
    plot.yAxis2->setRange(plot.yAxis->range());
    plot.xAxis->setLabel(QStringLiteral("Threshold probability"));
    plot.yAxis->setLabel(QStringLiteral("Net benefit"));
    plot.legend->setVisible(true);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignTop);
    setTitle(plot, QStringLiteral("Decision curves, test set"));
}

void setupShapBarChart(QCustomPlot& plot, const ShapSummary& shap, int maxFeatures) {
    applyStyle(plot);
    const auto order = topFeatures(shap, maxFeatures);
    auto* bars = new QCPBars(plot.yAxis, plot.xAxis);
    QVector<double> keys, values;
    double maxValue = 0;
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        keys.push_back(double(order.size() - 1 - rank));
        values.push_back(shap.meanAbs[order[rank]]);
        maxValue = std::max(maxValue, shap.meanAbs[order[rank]]);
    }
    bars->setData(keys, values);
    bars->setWidth(0.7);
    bars->setPen(Qt::NoPen);
    bars->setBrush(modelColour(displayName(ModelKind::DeepRadScore)));
    featureAxis(plot, shap, order);
    plot.xAxis->setRange(0, maxValue > 0 ? maxValue * 1.08 : 1);
    plot.xAxis->setLabel(QStringLiteral("mean |SHAP value| (probability)"));
    plot.xAxis2->setRange(plot.xAxis->range());
    plot.yAxis2->setRange(plot.yAxis->range());
    setTitle(plot, QStringLiteral("Feature importance"));
}

void setupShapBeeswarm(QCustomPlot& plot, const ShapSummary& shap, int maxFeatures) {
    applyStyle(plot);
    const auto order = topFeatures(shap, maxFeatures);
    constexpr int kColourBins = 9;
    QCPColorGradient gradient = [] {
        QCPColorGradient g;
        g.clearColorStops();
        g.setColorStopAt(0.0, QColor(0, 138, 230));
        g.setColorStopAt(0.5, QColor(140, 70, 190));
        g.setColorStopAt(1.0, QColor(230, 0, 80));
        return g;
    }();
    std::vector<QCPGraph*> bins(kColourBins);
    for (int b = 0; b < kColourBins; ++b) {
        bins[b] = new QCPGraph(plot.xAxis, plot.yAxis);
        bins[b]->setLineStyle(QCPGraph::lsNone);
        const QColor colour = gradient.color(double(b) / (kColourBins - 1), QCPRange(0, 1));
        bins[b]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 3.2));
    }
    double maxAbs = 0;
    for (const auto& row : shap.values)
        for (double v : row)
            if (std::isfinite(v)) maxAbs = std::max(maxAbs, std::abs(v));
    if (maxAbs <= 0) maxAbs = 1;
    const double binWidth = maxAbs / 25.0;
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const std::size_t feature = order[rank];
        const double rowY = double(order.size() - 1 - rank);
        std::vector<std::pair<double, double>> points;  // SHAP value, feature value
        for (std::size_t patient = 0; patient < shap.values.size(); ++patient) {
            if (feature >= shap.values[patient].size()) continue;
            const double value = shap.values[patient][feature];
            const double input = patient < shap.featureValues.size() && feature < shap.featureValues[patient].size()
                                     ? shap.featureValues[patient][feature]
                                     : std::nan("");
            if (std::isfinite(value)) points.emplace_back(value, input);
        }
        // Colour by rank of the feature value (robust to outliers, as SHAP summary plots do).
        std::vector<double> inputs;
        for (const auto& [v, input] : points)
            if (std::isfinite(input)) inputs.push_back(input);
        std::sort(inputs.begin(), inputs.end());
        // Pile dots that share an x bin upwards and downwards alternately.
        std::map<long, int> pileHeight;
        for (const auto& [value, input] : points) {
            const long xBin = std::lround(value / binWidth);
            const int k = pileHeight[xBin]++;
            const double offset = std::min(0.38, 0.06 * ((k + 1) / 2)) * (k % 2 ? 1 : -1);
            double fraction = 0.5;
            if (std::isfinite(input) && inputs.size() > 1)
                fraction = double(std::lower_bound(inputs.begin(), inputs.end(), input) - inputs.begin()) /
                           double(inputs.size() - 1);
            const int bin = std::clamp(int(std::lround(fraction * (kColourBins - 1))), 0, kColourBins - 1);
            bins[bin]->addData(value, rowY + offset);
        }
    }
    featureAxis(plot, shap, order);
    plot.xAxis->setRange(-maxAbs * 1.08, maxAbs * 1.08);
    plot.xAxis->setLabel(QStringLiteral("SHAP value (blue: low feature value, red: high)"));
    plot.xAxis->grid()->setZeroLinePen(QPen(kReference, 0.8));
    plot.xAxis2->setRange(plot.xAxis->range());
    plot.yAxis2->setRange(plot.yAxis->range());
    setTitle(plot, QStringLiteral("SHAP values per test patient"));
}

void setupCorrelationHeatmap(QCustomPlot& plot, const CorrelationSummary& correlation) {
    applyStyle(plot);
    const int rows = int(correlation.rows.size()), columns = int(correlation.columns.size());
    QCPColorGradient gradient = divergingGradient();
    const QCPRange range(-1, 1);
    for (int r = 0; r < rows && r < int(correlation.r.size()); ++r) {
        for (int c = 0; c < columns && c < int(correlation.r[r].size()); ++c) {
            const double value = correlation.r[r][c];
            const double y = rows - 1 - r;
            auto* cell = new QCPItemRect(&plot);
            cell->topLeft->setCoords(c - 0.5, y + 0.5);
            cell->bottomRight->setCoords(c + 0.5, y - 0.5);
            cell->setPen(QPen(Qt::white, 1.0));
            cell->setBrush(std::isfinite(value) ? gradient.color(value, range) : QColor(200, 200, 200));
            auto* label = new QCPItemText(&plot);
            label->position->setCoords(c, y);
            label->setText(fixed(value, 2));
            label->setFont(ReportDocument::font(6.5));
            label->setColor(std::isfinite(value) && std::abs(value) > 0.6 ? Qt::white : Qt::black);
        }
    }
    auto columnTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < columns; ++c) columnTicks->addTick(c, QString::fromStdString(correlation.columns[c]));
    auto rowTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int r = 0; r < rows; ++r) rowTicks->addTick(rows - 1 - r, QString::fromStdString(correlation.rows[r]));
    plot.xAxis->setTicker(columnTicks);
    plot.yAxis->setTicker(rowTicks);
    plot.xAxis->setTickLabelRotation(-35);
    for (QCPAxis* axis : {plot.xAxis, plot.yAxis}) {
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
        axis->setTickLength(0, 2);
    }
    plot.xAxis->setRange(-0.5, columns - 0.5);
    plot.yAxis->setRange(-0.5, rows - 0.5);
    plot.xAxis2->setRange(plot.xAxis->range());
    plot.yAxis2->setRange(plot.yAxis->range());
    auto* scale = new QCPColorScale(&plot);
    scale->setGradient(gradient);
    scale->setDataRange(range);
    scale->setBarWidth(7);
    scale->axis()->setTickLabelFont(ReportDocument::font(6.5));
    scale->axis()->setLabelFont(ReportDocument::font(7));
    scale->axis()->setLabel(QStringLiteral("Pearson r"));
    plot.plotLayout()->addElement(0, 1, scale);
    setTitle(plot, QStringLiteral("Correlation of RadScores with deep features (training set)"));
}

int setupCvAucChart(QCustomPlot& plot, const EndpointEvidence& endpoint, CvAucPoints points) {
    applyStyle(plot);
    auto classifierTicks = QSharedPointer<QCPAxisTickerText>::create();
    auto modelTicks = QSharedPointer<QCPAxisTickerText>::create();
    int plotted = 0;
    double lowest = 0.5, slot = 0;
    for (const auto& model : endpoint.models) {
        const QColor colour = modelColour(model.model);
        const QString name = QString::fromStdString(model.model);
        const double first = slot;
        for (const auto& cv : model.panel) {
            const bool chosen = cv.classifier == model.chosenClassifier;
            classifierTicks->addTick(
                slot, QString::fromStdString(cv.classifier) + (chosen ? QStringLiteral(" *") : QString()));
            std::vector<double> values;
            for (double auc : points == CvAucPoints::Folds ? cv.foldAucs : repeatMeanAucs(cv))
                if (std::isfinite(auc)) values.push_back(auc);
            auto* dots = new QCPGraph(plot.xAxis, plot.yAxis);
            dots->setName(name);
            dots->setLineStyle(QCPGraph::lsNone);
            dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 4.5));
            // Spread across the middle half of the slot, in the evidence's order, so every point shows.
            const double step = values.size() > 1 ? 0.5 / double(values.size() - 1) : 0.0;
            for (std::size_t i = 0; i < values.size(); ++i)
                dots->addData(slot - (values.size() > 1 ? 0.25 : 0.0) + step * double(i), values[i]);
            if (values.size() > 1) {
                std::vector<double> sorted = values;
                std::sort(sorted.begin(), sorted.end());
                auto* box = new QCPStatisticalBox(plot.xAxis, plot.yAxis);
                box->setName(name + QStringLiteral(", median"));
                box->addData(slot, sorted.front(), quantileOfSorted(sorted, 0.25), quantileOfSorted(sorted, 0.5),
                             quantileOfSorted(sorted, 0.75), sorted.back());
                box->setWidth(0.7);
                box->setPen(QPen(colour.darker(120), 1.0));
                box->setWhiskerPen(QPen(colour.darker(120), 0.8, Qt::DashLine));
                box->setMedianPen(QPen(colour.darker(150), 1.6));
                QColor fill = colour;
                fill.setAlpha(chosen ? 90 : 0);
                box->setBrush(fill);
            }
            for (double v : values) lowest = std::min(lowest, v);
            plotted += int(values.size());
            slot += 1;
        }
        if (!model.panel.empty()) modelTicks->addTick((first + slot - 1) / 2, name);
        slot += 1;  // a gap between models
    }
    plot.xAxis->setTicker(classifierTicks);
    plot.xAxis2->setTicker(modelTicks);
    plot.xAxis2->setTicks(true);
    plot.xAxis2->setTickLabels(true);
    plot.xAxis2->setTickLength(0, 0);
    plot.xAxis2->setTickLabelFont(ReportDocument::font(7, true));
    for (QCPAxis* axis : {plot.xAxis, plot.xAxis2}) {
        axis->setSubTicks(false);
        axis->setRange(-0.6, std::max(1.0, slot - 1.4));
    }
    plot.xAxis->grid()->setVisible(false);
    plot.xAxis->setTickLabelRotation(-30);
    const double bottom = std::max(0.0, std::floor((lowest - 0.05) * 20) / 20);
    plot.yAxis->setRange(bottom, 1.0);
    plot.yAxis2->setRange(plot.yAxis->range());
    plot.yAxis->setLabel(points == CvAucPoints::Folds ? QStringLiteral("CV AUC (outer folds)")
                                                      : QStringLiteral("CV AUC (repeat means)"));
    auto* chance = new QCPItemStraightLine(&plot);
    chance->point1->setCoords(0, 0.5);
    chance->point2->setCoords(1, 0.5);
    chance->setPen(QPen(kReference, 0.8, Qt::DashLine));
    setTitle(plot, QStringLiteral("Nested cross-validated AUC per classifier, training cohort (* chosen)"));
    return plotted;
}

void setupBackboneChart(QCustomPlot& plot, const BackboneComparison& comparison) {
    applyStyle(plot);
    struct Shown {
        const char* subset;
        const char* name;
        QColor colour;
        double offset;
    };
    const Shown shown[] = {{"training", "Training", QColor(150, 150, 150), -0.22},
                           {"validation", "Validation (ranks the backbones)", QColor(31, 119, 180), 0.0},
                           {"test", "Test (never ranks)", QColor(255, 127, 14), 0.22}};
    auto ticks = QSharedPointer<QCPAxisTickerText>::create();
    const int count = int(comparison.backbones.size());
    for (int b = 0; b < count; ++b) {
        const auto& backbone = comparison.backbones[std::size_t(b)];
        ticks->addTick(
            b, QString::fromStdString(backbone.backbone) + (backbone.rank == 1 ? QStringLiteral(" *") : QString()));
    }
    for (const Shown& s : shown) {
        auto* graph = new QCPGraph(plot.xAxis, plot.yAxis);
        graph->setName(QString::fromLatin1(s.name));
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, s.colour, 6));
        auto* bars = new QCPErrorBars(plot.xAxis, plot.yAxis);
        bars->setName(graph->name());  // hovering the bar names the subset too
        bars->removeFromLegend();
        bars->setPen(QPen(s.colour, 1.0));
        bars->setWhiskerWidth(5);
        QVector<double> keys, values, minus, plus;
        for (int b = 0; b < count; ++b) {
            const BackboneSubset* subset = comparison.backbones[std::size_t(b)].subset(s.subset);
            if (!subset || !std::isfinite(subset->auc.value)) continue;
            keys.push_back(b + s.offset);
            values.push_back(subset->auc.value);
            minus.push_back(std::isfinite(subset->auc.ciLow) ? subset->auc.value - subset->auc.ciLow : 0.0);
            plus.push_back(std::isfinite(subset->auc.ciHigh) ? subset->auc.ciHigh - subset->auc.value : 0.0);
        }
        graph->setData(keys, values, true);
        bars->setDataPlottable(graph);
        bars->setData(minus, plus);
    }
    plot.xAxis->setTicker(ticks);
    plot.xAxis->setSubTicks(false);
    plot.xAxis->grid()->setVisible(false);
    plot.xAxis->setRange(-0.6, std::max(0.6, count - 0.4));
    plot.xAxis2->setRange(plot.xAxis->range());
    plot.yAxis->setRange(0, 1.05);
    plot.yAxis2->setRange(plot.yAxis->range());
    plot.yAxis->setLabel(QStringLiteral("AUC (95% CI, Hanley-McNeil)"));
    auto* chance = new QCPItemStraightLine(&plot);
    chance->point1->setCoords(0, 0.5);
    chance->point2->setCoords(1, 0.5);
    chance->setPen(QPen(kReference, 0.8, Qt::DashLine));
    plot.legend->setVisible(true);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    setTitle(plot, QStringLiteral("Deep-CT backbones (* chosen by validation AUC)"));
}

void setupProbabilityChart(QCustomPlot& plot, const std::vector<EndpointPrediction>& endpoints) {
    applyStyle(plot);
    const int count = int(endpoints.size());
    auto* positive = new QCPBars(plot.yAxis, plot.xAxis);
    auto* negative = new QCPBars(plot.yAxis, plot.xAxis);
    positive->setBrush(QColor(214, 39, 40));
    negative->setBrush(QColor(31, 119, 180));
    positive->setName(QStringLiteral("Positive call"));
    negative->setName(QStringLiteral("Negative call"));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    auto* thresholds = new QCPGraph(plot.xAxis, plot.yAxis);
    thresholds->setLineStyle(QCPGraph::lsNone);
    QPainterPath tick;
    tick.moveTo(0, -6);
    tick.lineTo(0, 6);
    QCPScatterStyle marker(tick, QPen(Qt::black, 1.6), Qt::NoBrush, 9);
    thresholds->setScatterStyle(marker);
    thresholds->setName(QStringLiteral("Operating point"));
    for (int i = 0; i < count; ++i) {
        const auto& e = endpoints[i];
        const double y = count - 1 - i;
        ticker->addTick(y, QString::fromStdString(e.endpoint));
        (e.positive ? positive : negative)->addData(y, e.probability);
        thresholds->addData(e.threshold, y);
    }
    for (QCPBars* bars : {positive, negative}) {
        bars->setWidth(0.6);
        bars->setPen(Qt::NoPen);
    }
    plot.yAxis->setTicker(ticker);
    plot.yAxis->setRange(-0.6, count - 0.4);
    plot.yAxis->grid()->setVisible(false);
    plot.yAxis->setSubTicks(false);
    plot.xAxis->setRange(0, 1);
    plot.xAxis->setLabel(QStringLiteral("Predicted probability"));
    plot.xAxis2->setRange(plot.xAxis->range());
    plot.yAxis2->setRange(plot.yAxis->range());
    // Legend in one row under the chart, where it hides no bar.
    plot.legend->setVisible(true);
    plot.axisRect()->insetLayout()->take(plot.legend);
    plot.plotLayout()->addElement(1, 0, plot.legend);
    plot.plotLayout()->setRowStretchFactor(1, 0.001);
    plot.legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot.legend->setBorderPen(Qt::NoPen);
    plot.legend->setMargins(QMargins(4, 0, 4, 0));
}

}  // namespace drs::report
