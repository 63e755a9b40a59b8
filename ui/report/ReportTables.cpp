#include "ui/report/ReportTables.h"

#include <algorithm>
#include <tuple>

#include "core/util/SourceRevision.h"
#include "ui/report/NumberFormat.h"

namespace drs::report {
namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QChar comparisonLetter(std::size_t comparison) { return QChar(char16_t(u'a' + comparison)); }

const ClassifierCv* chosenCv(const ModelEvidence& model) {
    for (const auto& cv : model.panel)
        if (cv.classifier == model.chosenClassifier) return &cv;
    return nullptr;
}

}  // namespace

TextTable metricsTable(const EndpointEvidence& e) {
    TextTable metrics;
    metrics.header = {QStringLiteral("")};
    for (const auto& m : e.models) metrics.header.push_back(qs(m.model));
    metrics.columnWeights.assign(metrics.header.size(), 1.0);
    metrics.columnWeights[0] = 1.2;
    auto row = [&](const QString& label, auto value) {
        std::vector<QString> cells{label};
        for (const auto& m : e.models) cells.push_back(value(m));
        metrics.rows.push_back(std::move(cells));
    };
    // Test numbers exist only once the run has evaluated its test cohort.
    auto testRow = [&](const QString& label, auto value) {
        row(label,
            [&](const ModelEvidence& m) { return e.testPending ? QStringLiteral("not yet evaluated") : value(m); });
    };
    using M = const ModelEvidence&;
    testRow(QStringLiteral("Test AUC [95% CI]"),
            [](M m) { return aucWithCi(m.testAuc, m.testAucCiLow, m.testAucCiHigh); });
    testRow(QStringLiteral("Accuracy"), [](M m) { return fixed(m.testMetrics.accuracy); });
    testRow(QStringLiteral("Sensitivity"), [](M m) { return fixed(m.testMetrics.recall); });
    testRow(QStringLiteral("Specificity"), [](M m) { return fixed(m.testMetrics.specificity); });
    testRow(QStringLiteral("PPV"), [](M m) { return fixed(m.testMetrics.precision); });
    testRow(QStringLiteral("NPV"), [](M m) { return fixed(m.testMetrics.npv); });
    testRow(QStringLiteral("F1 score"), [](M m) { return fixed(m.testMetrics.f1); });
    row(QStringLiteral("Operating threshold"), [](M m) { return fixed(m.testMetrics.threshold); });
    row(QStringLiteral("Apparent training AUC (in-sample)"), [](M m) { return fixed(m.trainAuc); });
    row(QStringLiteral("Classifier"), [](M m) { return qs(m.chosenClassifier); });
    row(QStringLiteral("Nested CV AUC, mean \u00B1 SD"), [](M m) {
        const ClassifierCv* cv = chosenCv(m);
        return cv ? meanSd(cv->meanAuc, cv->sdAuc) : QStringLiteral("n/a");
    });
    metrics.boldRows = {0};
    metrics.groupStarts = {1, 7, 9};
    return metrics;
}

TextTable delongTable(const EndpointEvidence& e, const std::vector<double>& holmAdjusted) {
    const bool withHolm = holmAdjusted.size() == e.comparisons.size() && !holmAdjusted.empty();
    TextTable delong;
    delong.header = {QStringLiteral("Model A"), QStringLiteral("Model B"),        QStringLiteral("AUC A"),
                     QStringLiteral("AUC B"),   QStringLiteral("AUC A \u2212 B"), QStringLiteral("z"),
                     QStringLiteral("p")};
    delong.columnWeights = {1.5, 1.5, 0.8, 0.8, 1.1, 0.8, 0.8};
    if (withHolm) {
        delong.header.push_back(QStringLiteral("p (Holm)"));
        delong.columnWeights.push_back(0.9);
    }
    for (std::size_t k = 0; k < e.comparisons.size(); ++k) {
        const auto& c = e.comparisons[k];
        std::vector<QString> cells{
            qs(c.modelA),  qs(c.modelB), fixed(c.aucA), fixed(c.aucB), signedFixed(c.aucA - c.aucB),
            fixed(c.z, 2), pValue(c.p)};
        if (withHolm) cells.push_back(pValue(holmAdjusted[k]));
        delong.rows.push_back(std::move(cells));
    }
    return delong;
}

TextTable externalValidationTable(const EndpointEvidence& external, const EndpointEvidence* internal) {
    TextTable table;
    table.header = {QStringLiteral("Model"),
                    QStringLiteral("Internal test AUC [95% CI]"),
                    QStringLiteral("External AUC [95% CI]"),
                    QStringLiteral("Threshold"),
                    QStringLiteral("Sensitivity"),
                    QStringLiteral("Specificity"),
                    QStringLiteral("Brier"),
                    QStringLiteral("Slope"),
                    QStringLiteral("Intercept")};
    table.columnWeights = {1.4, 1.7, 1.7, 0.9, 0.9, 0.9, 0.8, 0.8, 0.9};
    table.fontPt = 7.5;
    for (const auto& m : external.models) {
        QString internalAuc = QStringLiteral("n/a");
        if (internal)
            for (const auto& i : internal->models)
                if (i.model == m.model) internalAuc = aucWithCi(i.testAuc, i.testAucCiLow, i.testAucCiHigh);
        table.rows.push_back({qs(m.model), internalAuc, aucWithCi(m.testAuc, m.testAucCiLow, m.testAucCiHigh),
                              fixed(m.testMetrics.threshold), fixed(m.testMetrics.recall),
                              fixed(m.testMetrics.specificity), fixed(m.brier), fixed(m.calibrationSlope, 2),
                              signedFixed(m.calibrationIntercept, 2)});
    }
    return table;
}

TextTable thresholdMetricsTable(const EndpointEvidence& e) {
    TextTable table;
    table.header = {QStringLiteral("Model"),       QStringLiteral("Threshold"),   QStringLiteral("Accuracy"),
                    QStringLiteral("Sensitivity"), QStringLiteral("Specificity"), QStringLiteral("PPV"),
                    QStringLiteral("NPV"),         QStringLiteral("F1 score")};
    table.columnWeights = {1.4, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8};
    for (const auto& m : e.models) {
        const ThresholdMetrics& t = m.testMetrics;
        table.rows.push_back({qs(m.model), fixed(t.threshold), fixed(t.accuracy), fixed(t.recall), fixed(t.specificity),
                              fixed(t.precision), fixed(t.npv), fixed(t.f1)});
    }
    return table;
}

TextTable classifierPanelTable(const EndpointEvidence& e) {
    std::vector<std::string> classifiers;
    for (const auto& m : e.models)
        for (const auto& cv : m.panel)
            if (std::find(classifiers.begin(), classifiers.end(), cv.classifier) == classifiers.end())
                classifiers.push_back(cv.classifier);
    TextTable panel;
    panel.header = {QStringLiteral("Classifier")};
    for (const auto& m : e.models) panel.header.push_back(qs(m.model));
    panel.fontPt = 7.5;
    for (const auto& classifier : classifiers) {
        std::vector<QString> cells{qs(classifier)};
        for (const auto& m : e.models) {
            QString cell = QStringLiteral("\u2013");
            for (const auto& cv : m.panel)
                if (cv.classifier == classifier)
                    cell = meanSd(cv.meanAuc, cv.sdAuc) +
                           (classifier == m.chosenClassifier ? QStringLiteral(" *") : QString());
            cells.push_back(cell);
        }
        panel.rows.push_back(std::move(cells));
    }
    return panel;
}

TextTable calibrationTable(const EndpointEvidence& e) {
    TextTable calibration;
    calibration.header = {QStringLiteral("Model"), QStringLiteral("Brier score"), QStringLiteral("Calibration slope"),
                          QStringLiteral("Calibration intercept")};
    for (const auto& m : e.models)
        calibration.rows.push_back(
            {qs(m.model), fixed(m.brier), fixed(m.calibrationSlope), fixed(m.calibrationIntercept)});
    return calibration;
}

TextTable provenanceTable(const std::map<std::string, std::string>& items) {
    TextTable table;
    table.header = {QStringLiteral("Item"), QStringLiteral("Value")};
    table.columnWeights = {1.0, 2.6};
    table.align = {Qt::AlignLeft, Qt::AlignLeft};
    table.fontPt = 7.5;
    table.rows.push_back(
        {QStringLiteral("report writer"), QStringLiteral("DeepRadScore Studio " DRS_VERSION ", %1, Qt " QT_VERSION_STR)
                                              .arg(QString::fromLatin1(sourceRevision()))});
    for (const auto& [key, value] : items) table.rows.push_back({qs(key), qs(value)});
    return table;
}

TextTable radScoreCompositionTable(const EndpointEvidence& e) {
    TextTable composition;
    // Evidence written before 5 Dec 2026 holds the coefficients alone.
    const bool scaled = !e.radScoreTumourScaling.empty() || !e.radScoreRingScaling.empty();
    composition.header = {QStringLiteral("RadScore"), QStringLiteral("Feature"), QStringLiteral("Coefficient")};
    composition.columnWeights = {1.0, 3.4, 0.9};
    if (scaled) {
        composition.header.insert(composition.header.end(),
                                  {QStringLiteral("Training mean"), QStringLiteral("Training SD")});
        composition.columnWeights.insert(composition.columnWeights.end(), {1.0, 1.0});
    }
    composition.align = {Qt::AlignLeft, Qt::AlignLeft, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight};
    composition.fontPt = 7.5;
    for (const auto& [label, coefficients, scaling] :
         {std::tuple{QStringLiteral("Tumour"), &e.radScoreTumour, &e.radScoreTumourScaling},
          std::tuple{QStringLiteral("Ring (3 mm)"), &e.radScoreRing, &e.radScoreRingScaling}}) {
        bool first = true;
        if (!composition.rows.empty()) composition.groupStarts.push_back(int(composition.rows.size()));
        for (const auto& [feature, coefficient] : *coefficients) {
            std::vector<QString> row{first ? label : QString(), qs(feature), signedFixed(coefficient, 4)};
            if (scaled) {
                const auto found = scaling->find(feature);
                row.push_back(found == scaling->end() ? QStringLiteral("n/a") : significant(found->second.mean));
                row.push_back(found == scaling->end() ? QStringLiteral("n/a") : significant(found->second.sd));
            }
            composition.rows.push_back(std::move(row));
            first = false;
        }
    }
    return composition;
}

TextTable cohortCharacteristicsTable(const CohortCharacteristics& characteristics) {
    TextTable table;
    const auto& comparisons = characteristics.comparisons;
    table.header = {QStringLiteral("Variable"), QStringLiteral("Level")};
    table.columnWeights = {1.3, 1.1};
    table.align = {Qt::AlignLeft, Qt::AlignLeft};
    for (const auto& column : characteristics.columns) {
        table.header.push_back(QStringLiteral("%1\n(n = %2)").arg(qs(column.name)).arg(column.patients));
        table.columnWeights.push_back(1.45);
        table.align.push_back(Qt::AlignHCenter);
    }
    for (std::size_t c = 0; c < comparisons.size(); ++c) {
        table.header.push_back(comparisons.size() == 1 ? QStringLiteral("p")
                                                       : QStringLiteral("p (%1)").arg(comparisonLetter(c)));
        table.columnWeights.push_back(0.75);
        table.align.push_back(Qt::AlignHCenter);
    }
    if (!comparisons.empty()) {
        table.header.push_back(QStringLiteral("Test"));
        table.columnWeights.push_back(comparisons.size() == 1 ? 1.2 : 1.8);
        table.align.push_back(Qt::AlignLeft);
    }
    table.fontPt = characteristics.columns.size() + comparisons.size() > 5 ? 7.0 : 8.0;
    std::string previous;
    for (const auto& row : characteristics.rows) {
        const bool first = row.variable != previous;
        if (first && !table.rows.empty()) table.groupStarts.push_back(int(table.rows.size()));
        std::vector<QString> cells{first ? qs(row.variable) : QString(), qs(row.level)};
        for (const auto& cell : row.cells) cells.push_back(qs(cell));
        for (double p : row.p) cells.push_back(pValue(p));
        if (!comparisons.empty()) {
            QStringList names;
            bool same = true;
            for (const auto& test : row.tests) same = same && test == row.tests.front();
            for (std::size_t c = 0; c < row.tests.size(); ++c) {
                if (row.tests[c].empty()) continue;
                if (same) {
                    names << qs(row.tests[c]);
                    break;
                }
                names << QStringLiteral("%1 (%2)").arg(
                    qs(row.tests[c]), qs(characteristics.columns[std::size_t(comparisons[c].columnB)].name));
            }
            cells.push_back(names.join(QStringLiteral("; ")));
        }
        table.rows.push_back(std::move(cells));
        previous = row.variable;
    }
    return table;
}

QString cohortComparisonLegend(const CohortCharacteristics& characteristics) {
    QStringList parts;
    const auto& comparisons = characteristics.comparisons;
    for (std::size_t c = 0; c < comparisons.size(); ++c)
        parts << (comparisons.size() == 1 ? QStringLiteral("p: %1")
                                          : QStringLiteral("p (%1): %2").arg(comparisonLetter(c)))
                     .arg(qs(comparisons[c].label));
    return parts.join(QStringLiteral("; "));
}

}  // namespace drs::report
