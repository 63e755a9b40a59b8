// The study report: the paper's evidence for every endpoint, in the order a tumour board reads
// it (docs/report.md describes each page).
#include <qcustomplot.h>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <set>

#include "core/pipeline/ReportingRules.h"
#include "ui/report/NumberFormat.h"
#include "ui/report/ReportCharts.h"
#include "ui/report/ReportDocument.h"
#include "ui/report/ReportTables.h"
#include "ui/report/ReportWriter.h"

namespace drs {
namespace {

using report::ReportDocument;
using report::TextTable;

QString qs(const std::string& s) { return QString::fromStdString(s); }

int countPositives(const std::vector<int>& labels) { return int(std::count(labels.begin(), labels.end(), 1)); }

QString cohortSize(const std::vector<int>& labels) {
    return QStringLiteral("%1 (%2)").arg(labels.size()).arg(countPositives(labels));
}

const ModelEvidence* bestModel(const EndpointEvidence& endpoint) {
    const ModelEvidence* best = nullptr;
    for (const auto& model : endpoint.models)
        if (std::isfinite(model.testAuc) && (!best || model.testAuc > best->testAuc)) best = &model;
    return best;
}

// The model with the next highest test AUC: how far behind, and the paired DeLong p between them.
QString againstNextModel(const EndpointEvidence& endpoint, const ModelEvidence& best) {
    const ModelEvidence* next = nullptr;
    for (const auto& model : endpoint.models)
        if (&model != &best && std::isfinite(model.testAuc) && (!next || model.testAuc > next->testAuc)) next = &model;
    if (!next) return QString();
    for (const auto& c : endpoint.comparisons)
        if ((c.modelA == best.model && c.modelB == next->model) ||
            (c.modelA == next->model && c.modelB == best.model)) {
            const QString p = report::pValue(c.p);
            return QStringLiteral("%1: %2, p %3%4")
                .arg(qs(next->model), report::signedFixed(next->testAuc - best.testAuc),
                     p.startsWith(QLatin1Char('<')) ? QString() : QStringLiteral("= "), p);
        }
    return qs(next->model) + QStringLiteral(": ") + report::signedFixed(next->testAuc - best.testAuc);
}

// Study-wide notes gathered while the pages are laid out (missing images, absent curves...).
struct Notes {
    std::vector<std::pair<std::string, QString>> entries;  // endpoint ("" for the study), text
    void add(const std::string& endpoint, const QString& text) { entries.emplace_back(endpoint, text); }
};

void placeholder(ReportDocument& doc, const QRectF& rect, const QString& text) {
    auto& p = doc.painter();
    p.setPen(QPen(QColor(170, 170, 170), doc.mm(0.2), Qt::DashLine));
    p.setBrush(QColor(248, 248, 248));
    p.drawRect(rect.adjusted(doc.mm(1), doc.mm(1), -doc.mm(1), -doc.mm(1)));
    p.setBrush(Qt::NoBrush);
    doc.textIn(rect.adjusted(doc.mm(4), doc.mm(4), -doc.mm(4), -doc.mm(4)), text, ReportDocument::font(8, false, true),
               Qt::AlignCenter | Qt::TextWordWrap, QColor(110, 110, 110));
}

// A table with its caption, which a page break does not part from it (ReportDocument::table).
void captionedTable(ReportDocument& doc, TextTable table, const QString& text) {
    table.caption = text;
    doc.table(table);
}

// How the run fitted its RadScores, from its recorded parameters: the LASSO unless --radscore-alpha
// asked for the elastic net.
QString radScoreFit(const StudyEvidence& evidence) {
    const auto parameters = evidence.provenance.find("parameters");
    if (parameters == evidence.provenance.end()) return QStringLiteral("LASSO");
    const QJsonValue alpha =
        QJsonDocument::fromJson(QByteArray::fromStdString(parameters->second)).object()["radscore_alpha"];
    return alpha.isDouble() ? QStringLiteral("elastic-net (alpha %1)").arg(alpha.toDouble()) : QStringLiteral("LASSO");
}

void titlePage(ReportDocument& doc, const StudyEvidence& evidence, const QString& radScoreFit) {
    doc.newPage(QStringLiteral("Summary"));
    doc.skip(doc.mm(25));
    doc.paragraph(QStringLiteral("Deep-RadScore study report"), ReportDocument::font(24, true), QColor(20, 45, 85));
    doc.skip(doc.mm(3));
    const auto study = evidence.provenance.find("study");
    const QString subtitle = study != evidence.provenance.end() ? qs(study->second)
                             : evidence.demoTruth.empty()
                                 ? QStringLiteral("Radiomics and deep learning on CT")
                                 : QStringLiteral(
                                       "The synthetic demo cohort of drs demo: no patient's data "
                                       "(its planted truth is the appendix)");
    doc.paragraph(subtitle, ReportDocument::font(13), QColor(60, 60, 60));
    doc.skip(doc.mm(2));
    QStringList endpointNames;
    for (const auto& e : evidence.endpoints) endpointNames << qs(e.endpoint);
    doc.paragraph(QStringLiteral("Report generated %1  \u00B7  %2 endpoint(s): %3")
                      .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")))
                      .arg(evidence.endpoints.size())
                      .arg(endpointNames.isEmpty() ? QStringLiteral("none") : endpointNames.join(QStringLiteral(", "))),
                  ReportDocument::font(9), QColor(60, 60, 60));
    doc.skip(doc.mm(12));

    doc.subheading(QStringLiteral("Results at a glance (independent test set)"));
    TextTable summary;
    summary.header = {QStringLiteral("Endpoint"),          QStringLiteral("Training n (positive)"),
                      QStringLiteral("Test n (positive)"), QStringLiteral("Highest test AUC"),
                      QStringLiteral("Test AUC [95% CI]"), QStringLiteral("Next model: \u0394AUC, DeLong p")};
    summary.columnWeights = {0.9, 1.0, 0.9, 1.4, 1.9, 2.5};
    summary.fontPt = 8.5;
    for (const auto& e : evidence.endpoints) {
        const ModelEvidence* best = bestModel(e);
        if (best && isDescriptiveOnly(e)) {
            summary.rows.push_back({qs(e.endpoint), cohortSize(e.trainLabels), cohortSize(e.testLabels),
                                    QStringLiteral("not ranked"),
                                    QStringLiteral("descriptive: %1 events").arg(testEvents(e)), QString()});
            continue;
        }
        summary.rows.push_back(
            {qs(e.endpoint), cohortSize(e.trainLabels), cohortSize(e.testLabels),
             best ? qs(best->model) : QStringLiteral("n/a"),
             best ? report::aucWithCi(best->testAuc, best->testAucCiLow, best->testAucCiHigh) : QStringLiteral("n/a"),
             best ? againstNextModel(e, *best) : QString()});
    }
    captionedTable(
        doc, summary,
        QStringLiteral(
            "The model with the highest AUC on the independent test set, of the three models of the "
            "endpoint, and how far the next one is behind it: a description of the test results, read after "
            "every choice was made, not a choice; a DeLong p of 0.05 or more means the two are not told "
            "apart on these patients. 95% confidence intervals by DeLong's method; each endpoint's pages name the "
            "models' classifiers. Test patients were never "
            "used for feature selection, the choice of classifier or training. An endpoint with fewer than %1 events in its test set "
            "(patients of the rarer class) is descriptive: its AUCs are shown on its own page with the "
            "count, but not ranked here.")
            .arg(kMinimumTestEvents));
    doc.skip(doc.mm(6));
    doc.subheading(QStringLiteral("The three models"));
    doc.paragraph(
        QStringLiteral(
            "Radiomics-Score reads two %1 RadScores, one from the tumour and one from a 3 mm "
            "peritumoral ring. Deep-CT reads ten deep features learned by a CNN from a 160 \u00D7 160-pixel patch "
            "on the tumour's largest axial slice. Deep-RadScore fuses all twelve inputs. Each model's "
            "classifier is chosen by nested stratified cross-validation on the training cohort (each endpoint's page gives its folds and repeats) and "
            "refitted on all training patients; all three are tested on the same test patients, so "
            "their AUCs are compared with paired DeLong tests.")
            .arg(radScoreFit),
        ReportDocument::font(9));
    doc.skip(doc.mm(3));
    doc.paragraph(QStringLiteral("Abbreviations. LVI: lymphovascular invasion; PI: pleural invasion; T4: T4 stage; "
                                 "PD1_PDL1: PD-1/PD-L1 expression. Classifiers: svm, support vector machine; knn, "
                                 "k-nearest neighbours; rf, random forest; nb, naive Bayes; lr, logistic regression; "
                                 "mlp, multilayer perceptron; lda, linear discriminant analysis. AUC: area under the "
                                 "ROC curve; CI: confidence interval; CV: cross-validation."),
                  ReportDocument::font(8), QColor(60, 60, 60));
    doc.skip(doc.mm(7));
    doc.paragraph(QStringLiteral("For research use only. Not a medical device; not for clinical decision making."),
                  ReportDocument::font(9, true), QColor(150, 30, 30));
}

void cohortPage(ReportDocument& doc, const StudyEvidence& evidence, Notes& notes) {
    doc.newPage(QStringLiteral("Patient characteristics"));
    doc.heading(QStringLiteral("Patient characteristics (Table 1)"));
    if (evidence.cohortTable.empty()) {
        doc.paragraph(QStringLiteral("The evidence holds no cohort table."), ReportDocument::font(9, false, true));
        notes.add("", QStringLiteral("No cohort table in the evidence; the patient characteristics page is empty."));
        return;
    }
    captionedTable(
        doc, report::cohortCharacteristicsTable(evidence.cohortTable),
        report::cohortComparisonLegend(evidence.cohortTable) +
            QStringLiteral(
                ". Categorical variables as n (% of the known values), continuous as mean \u00B1 SD and "
                "median [interquartile range]. Each cohort is compared with the training cohort: the "
                "Mann-Whitney U test for continuous variables; the chi-square test (Yates' correction for "
                "2 \u00D7 2 tables) for categorical ones, or Fisher's exact test when an expected count is "
                "below 5. Unknown values are counted as missing (n, % of all the cohort's patients) and left out of "
                "the tests. A small p flags "
                "a cohort that differs from the training cohort."));
    if (!evidence.cohortByCentre.empty()) {
        doc.subheading(QStringLiteral("By centre"));
        captionedTable(doc, report::cohortCharacteristicsTable(evidence.cohortByCentre),
                       QStringLiteral("The same patients by centre (descriptive, no tests)."));
    }
}

// The legend to the right of the axes instead of in their corner: in a 60 mm chart the corner
// legend hid the curve of a model near chance.
void legendBeside(QCustomPlot& plot) {
    plot.axisRect()->insetLayout()->take(plot.legend);
    auto* column = new QCPLayoutGrid;
    plot.plotLayout()->addElement(plot.plotLayout()->rowCount() - 1, 1, column);
    column->addElement(0, 0, new QCPLayoutElement(&plot));
    column->addElement(1, 0, plot.legend);
    column->addElement(2, 0, new QCPLayoutElement(&plot));
    column->setRowStretchFactor(1, 0.001);
    plot.plotLayout()->setColumnStretchFactor(1, 0.001);
}

// How each model was cross-validated, from its per-fold AUCs ("Deep-CT: 5 outer folds in 1 repeat");
// empty for evidence written before they were kept.
QStringList cvDesigns(const EndpointEvidence& e) {
    QStringList designs;
    for (const auto& m : e.models) {
        if (m.panel.empty() || m.panel.front().foldAucs.empty()) continue;
        const auto& folds = m.panel.front();
        const std::set<int> repeats(folds.foldRepeats.begin(), folds.foldRepeats.end());
        designs << QStringLiteral("%1: %2 outer folds in %3 repeat%4")
                       .arg(qs(m.model))
                       .arg(folds.foldAucs.size())
                       .arg(repeats.size())
                       .arg(repeats.size() == 1 ? QString() : QStringLiteral("s"));
    }
    return designs;
}

void discriminationPage(ReportDocument& doc, const EndpointEvidence& e, const std::vector<double>& holmAdjusted,
                        int holmFamily, const QString& radScoreFit, Notes& notes) {
    const QString name = qs(e.endpoint);
    doc.newPage(name + QStringLiteral(" \u2014 discrimination"));
    doc.heading(name + QStringLiteral(": discrimination on the independent test set"));
    QString deep = e.deepBackbone.empty() ? QStringLiteral("backbone not recorded") : qs(e.deepBackbone);
    deep += e.deepPretrained ? QStringLiteral(", pretrained weights") : QStringLiteral(", trained from scratch");
    if (e.deepEpochs > 0) deep += QStringLiteral(", %1 epochs").arg(e.deepEpochs);
    if (std::isfinite(e.deepValidationAuc) && e.deepValidationAuc > 0)
        deep += QStringLiteral(", early-stopping AUC ") + report::fixed(e.deepValidationAuc) +
                QStringLiteral(" (the final network's validation patients; provenance page)");
    doc.paragraph(QStringLiteral("Training cohort: %1 patients (%2 positive). Test cohort: %3 patients (%4 positive). "
                                 "Deep-CT network: %5.")
                      .arg(e.trainLabels.size())
                      .arg(countPositives(e.trainLabels))
                      .arg(e.testLabels.size())
                      .arg(countPositives(e.testLabels))
                      .arg(deep),
                  ReportDocument::font(8.5));
    if (isDescriptiveOnly(e) && !e.models.empty()) {
        doc.skip(doc.mm(1));
        doc.paragraph(QStringLiteral("Descriptive only: the test set holds %1 events (patients of the rarer class), "
                                     "fewer than %2; the AUCs below are too unstable to rank.")
                          .arg(testEvents(e))
                          .arg(kMinimumTestEvents),
                      ReportDocument::font(8.5, true), QColor(150, 30, 30));
        notes.add(e.endpoint, QStringLiteral("Descriptive only: %1 events in the test set (fewer than %2); the AUC is "
                                             "not ranked in the summary.")
                                  .arg(testEvents(e))
                                  .arg(kMinimumTestEvents));
    }
    doc.skip(doc.mm(3));

    // 55 mm leaves room for the metrics, the DeLong tests and the panel on one page, even with the
    // descriptive-only warning.
    const QRectF band = doc.reserve(doc.mm(55));
    const QRectF rocRect(band.left() + (band.width() - doc.mm(140)) / 2, band.top(), doc.mm(140), band.height());
    bool anyRoc = false;
    for (const auto& m : e.models) anyRoc = anyRoc || !m.testRoc.empty();
    if (anyRoc) {
        QCustomPlot plot;
        report::setupRocChart(plot, e);
        legendBeside(plot);
        doc.plotIn(rocRect, plot);
    } else {
        placeholder(doc, rocRect, QStringLiteral("No ROC points in the evidence for ") + name);
        notes.add(e.endpoint, QStringLiteral("ROC curves not drawn: the evidence holds no ROC points."));
    }
    doc.skip(doc.mm(4));

    doc.subheading(QStringLiteral("Performance of the three models (Table 3 style)"));
    const QStringList designs = cvDesigns(e);
    captionedTable(
        doc, report::metricsTable(e),
        QStringLiteral(
            "Test-set metrics at the operating threshold chosen on the out-of-fold predictions "
            "of the training cohort (Youden index). Nested CV AUC: stratified cross-validation "
            "of the whole chain (RadScore filters and %1, classifier) refitted in every outer "
            "fold%2. Deep-CT network: %3. The apparent AUC scores the final model on its own training patients "
            "and is optimistic by construction.")
            .arg(radScoreFit,
                 designs.isEmpty() ? QString() : QStringLiteral(" (") + designs.join(QStringLiteral("; ")) + ")",
                 e.deepBackbone.empty() ? QStringLiteral("not recorded") : qs(e.deepBackbone)));

    doc.subheading(QStringLiteral("Paired comparisons (DeLong test, same test patients)"));
    if (e.comparisons.empty()) {
        doc.paragraph(QStringLiteral("No paired comparison in the evidence."), ReportDocument::font(8.5, false, true));
        notes.add(e.endpoint, QStringLiteral("No paired DeLong comparison in the evidence."));
    } else {
        captionedTable(
            doc, report::delongTable(e, holmAdjusted),
            QStringLiteral("p: uncorrected; p (Holm): corrected across all %1 paired comparisons of the study.")
                .arg(holmFamily));
    }

    doc.subheading(
        QStringLiteral("Classifier panel: nested cross-validated AUC, training cohort (* chosen and refitted)"));
    const TextTable panel = report::classifierPanelTable(e);
    if (panel.rows.empty()) {
        doc.paragraph(QStringLiteral("No classifier panel in the evidence."), ReportDocument::font(8.5, false, true));
        return;
    }
    doc.table(panel);
}

void explanationPage(ReportDocument& doc, const EndpointEvidence& e, const QString& radScoreFit, Notes& notes) {
    const QString name = qs(e.endpoint);
    doc.newPage(name + QStringLiteral(" \u2014 explanation"));
    doc.heading(name + QStringLiteral(": what the models read"));

    const auto& c = e.correlation;
    doc.subheading(QStringLiteral("Radiomics vs deep features"));
    if (c.rows.empty() || c.columns.empty() || c.r.empty()) {
        doc.paragraph(QStringLiteral("No correlation summary in the evidence."),
                      ReportDocument::font(8.5, false, true));
        notes.add(e.endpoint, QStringLiteral("Correlation heatmap not drawn: no correlation summary."));
    } else {
        const double height = doc.mm(22 + 9 * double(c.rows.size()));
        const QRectF band = doc.reserve(height);
        QCustomPlot plot;
        report::setupCorrelationHeatmap(plot, c);
        doc.plotIn(band, plot);
        doc.skip(doc.mm(1));
        doc.caption(QStringLiteral("Pearson correlation of each RadScore with each deep feature: max |r| = %1; "
                                   "mean |r| = %2 (%3 pairs). Low values mean the two sources carry different "
                                   "information, which is why fusing them can help.")
                        .arg(report::fixed(c.maxAbsR), report::meanSd(c.meanAbsR, c.sdAbsR))
                        .arg(c.rows.size() * c.columns.size()));
    }

    const auto& s = e.shap;
    doc.subheading(QStringLiteral("SHAP summary of the Deep-RadScore model (test patients)"));
    if (s.features.empty() || s.meanAbs.size() != s.features.size()) {
        doc.paragraph(QStringLiteral("No SHAP summary in the evidence."), ReportDocument::font(8.5, false, true));
        notes.add(e.endpoint, QStringLiteral("SHAP charts not drawn: no SHAP summary."));
    } else {
        constexpr int kMaxFeatures = 12;
        const int shown = std::min<int>(kMaxFeatures, int(s.features.size()));
        const QRectF band = doc.reserve(doc.mm(30 + 5.5 * shown));
        const double half = band.width() / 2;
        QCustomPlot bars;
        report::setupShapBarChart(bars, s, kMaxFeatures);
        doc.plotIn(QRectF(band.left(), band.top(), half - doc.mm(2), band.height()), bars);
        if (!s.values.empty()) {
            QCustomPlot swarm;
            report::setupShapBeeswarm(swarm, s, kMaxFeatures);
            doc.plotIn(QRectF(band.left() + half + doc.mm(2), band.top(), half - doc.mm(2), band.height()), swarm);
        } else {
            placeholder(doc, QRectF(band.left() + half + doc.mm(2), band.top(), half - doc.mm(2), band.height()),
                        QStringLiteral("No per-patient SHAP values in the evidence"));
            notes.add(e.endpoint, QStringLiteral("SHAP dot plot not drawn: no per-patient SHAP values."));
        }
        doc.skip(doc.mm(1));
        doc.caption(QStringLiteral("Mean |SHAP| ranks the inputs by their average effect on the predicted "
                                   "probability; each dot is one test patient (expected model output %1).")
                        .arg(report::fixed(s.baseline)));
    }

    doc.subheading(QStringLiteral("RadScore composition (%1, z-scored features)").arg(radScoreFit));
    if (e.radScoreTumour.empty() && e.radScoreRing.empty()) {
        doc.paragraph(QStringLiteral("No RadScore coefficients in the evidence."),
                      ReportDocument::font(8.5, false, true));
        return;
    }
    TextTable composition = report::radScoreCompositionTable(e);
    if (!e.radScoreTumourScaling.empty() || !e.radScoreRingScaling.empty())
        composition.caption = QStringLiteral(
            "Each RadScore = \u03A3 coefficient \u00D7 (x \u2212 training mean) / training SD "
            "over its features, x the feature's value as extracted and, when the run "
            "harmonised by centre, after ComBat with the training estimates; no intercept "
            "(the classifier that reads the score has its own).");
    doc.table(composition);
}

// Under a Grad-CAM picture (drawn as ENDPOINT-gradcam-PSEUDONYM.png): whose patch, its true label
// and the Deep-CT probability the picture explains.
QString gradCamCaption(const EndpointEvidence& e, const ModelEvidence* deepCt, const QString& path) {
    const QString name = QFileInfo(path).completeBaseName();
    for (std::size_t i = 0; i < e.testPatients.size(); ++i) {
        const QString pseudonym = qs(e.testPatients[i]);
        if (!name.endsWith(QStringLiteral("-gradcam-") + pseudonym)) continue;
        QString caption = pseudonym + QStringLiteral("\n") +
                          (e.testLabels[i] ? QStringLiteral("positive") : QStringLiteral("negative"));
        if (deepCt && i < deepCt->testScores.size())
            caption += QStringLiteral(", Deep-CT ") + report::fixed(deepCt->testScores[i], 2);
        return caption;
    }
    return name;
}

void imagesPage(ReportDocument& doc, const EndpointEvidence& e, Notes& notes) {
    const QString name = qs(e.endpoint);
    doc.newPage(name + QStringLiteral(" \u2014 images and clinical usefulness"));
    doc.heading(name + QStringLiteral(": where the network looks, and is the model useful?"));

    doc.subheading(QStringLiteral("Grad-CAM examples (test patients)"));
    constexpr int kMaxImages = 4;
    const int count = std::min<int>(kMaxImages, int(e.gradCamImages.size()));
    if (count == 0) {
        doc.paragraph(QStringLiteral("No Grad-CAM images in the evidence."), ReportDocument::font(8.5, false, true));
        notes.add(e.endpoint, QStringLiteral("Grad-CAM examples not shown: the evidence lists no images."));
    } else {
        const double gap = doc.mm(4);
        const double side = (doc.width() - gap * (kMaxImages - 1)) / kMaxImages;
        const QRectF band = doc.reserve(side + doc.mm(8));
        const ModelEvidence* deepCt = nullptr;
        for (const auto& m : e.models)
            if (m.model == "Deep-CT") deepCt = &m;
        for (int i = 0; i < count; ++i) {
            const QString path = qs(e.gradCamImages[i]);
            const QRectF cell(band.left() + i * (side + gap), band.top(), side, side);
            const QImage image(path);
            if (image.isNull()) {
                placeholder(doc, cell, QStringLiteral("image not found"));
                notes.add(e.endpoint, QStringLiteral("Grad-CAM image missing or unreadable: ") + path);
            } else {
                doc.imageIn(cell, image);
            }
            doc.textIn(QRectF(cell.left(), cell.bottom() + doc.mm(1), side, doc.mm(7)), gradCamCaption(e, deepCt, path),
                       ReportDocument::font(6.5), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                       QColor(80, 80, 80));
        }
        if (int(e.gradCamImages.size()) > kMaxImages)
            notes.add(e.endpoint, QStringLiteral("%1 Grad-CAM images in the evidence; the first %2 are shown.")
                                      .arg(e.gradCamImages.size())
                                      .arg(kMaxImages));
        doc.caption(QStringLiteral("Grad-CAM of the Deep-CT network on the deep patch of the test patients it rated "
                                   "most likely %1-positive: the warmer the colour (blue, green, yellow, red), the "
                                   "more the region raised that probability; a patch without colour had no region "
                                   "that raised it. The magenta line is the tumour's outline on the patch (drawn for "
                                   "the reader; the network never sees it). Under each: the patient's pseudonym, "
                                   "true label and Deep-CT probability.")
                        .arg(name));
    }

    doc.subheading(QStringLiteral("Calibration and decision curves"));
    bool anyCalibration = false, anyNetBenefit = false;
    for (const auto& m : e.models) {
        anyCalibration = anyCalibration || !m.reliability.empty();
        anyNetBenefit = anyNetBenefit || !m.netBenefit.empty();
    }
    const QRectF band = doc.reserve(doc.mm(74));
    const double half = band.width() / 2;
    const QRectF leftRect(band.left(), band.top(), half - doc.mm(2), band.height());
    const QRectF rightRect(band.left() + half + doc.mm(2), band.top(), half - doc.mm(2), band.height());
    if (anyCalibration) {
        QCustomPlot plot;
        report::setupCalibrationChart(plot, e);
        doc.plotIn(leftRect, plot);
    } else {
        placeholder(doc, leftRect, QStringLiteral("No reliability points in the evidence"));
        notes.add(e.endpoint, QStringLiteral("Calibration plot not drawn: no reliability points."));
    }
    if (anyNetBenefit) {
        QCustomPlot plot;
        report::setupDecisionChart(plot, e);
        doc.plotIn(rightRect, plot);
    } else {
        placeholder(doc, rightRect, QStringLiteral("No net-benefit curve in the evidence"));
        notes.add(e.endpoint, QStringLiteral("Decision curve not drawn: no net-benefit points."));
    }
    doc.skip(doc.mm(2));
    captionedTable(
        doc, report::calibrationTable(e),
        QStringLiteral("Reliability: observed fraction of positives per bin of predicted probability "
                       "(ideal on the diagonal; slope 1, intercept 0). Net benefit = TP/n \u2212 FP/n "
                       "\u00B7 p\u209C/(1 \u2212 p\u209C); a model is useful where its curve lies above both "
                       "treat-all and treat-none."));

    doc.subheading(QStringLiteral("Classifier panel across repeats (nested CV AUC, training cohort)"));
    const QStringList designs = cvDesigns(e);
    if (designs.isEmpty()) {
        doc.paragraph(QStringLiteral("No per-fold CV AUCs in the evidence."), ReportDocument::font(8.5, false, true));
        notes.add(e.endpoint, QStringLiteral("CV AUC distribution not drawn: the evidence holds no per-fold AUCs "
                                             "(written before they were kept)."));
        return;
    }
    QCustomPlot plot;
    report::setupCvAucChart(plot, e, report::CvAucPoints::RepeatMeans);
    doc.plotIn(doc.reserve(doc.mm(46)), plot);
    doc.caption(QStringLiteral("Each point: one repeat's mean AUC over its outer folds (%1). Boxes: quartiles, "
                               "whiskers to the extremes; filled: the chosen classifier.")
                    .arg(designs.join(QStringLiteral("; "))));
}

// One locked external cohort's evaluation of an endpoint: the run's models at the run's thresholds.
void externalValidationPage(ReportDocument& doc, const std::string& cohort, const EndpointEvidence& e,
                            const EndpointEvidence* internal, Notes& notes) {
    const QString name = qs(e.endpoint);
    doc.newPage(name + QStringLiteral(" \u2014 external validation: ") + qs(cohort));
    doc.heading(name + QStringLiteral(": external validation on %1").arg(qs(cohort)));
    doc.paragraph(QStringLiteral("External cohort %1: %2 labelled patients (%3 positive), %4 events. The cohort was "
                                 "locked: never used for fitting, feature selection, classifier choice or "
                                 "thresholds. Each model is the run's own, at the run's operating threshold.")
                      .arg(qs(cohort))
                      .arg(e.testLabels.size())
                      .arg(countPositives(e.testLabels))
                      .arg(testEvents(e)),
                  ReportDocument::font(8.5));
    if (e.models.empty()) {
        for (const auto& note : e.notes) doc.paragraph(qs(note), ReportDocument::font(8.5, false, true));
        notes.add(e.endpoint, QStringLiteral("External cohort %1: not evaluated.").arg(qs(cohort)));
        return;
    }
    if (isDescriptiveOnly(e))
        doc.paragraph(QStringLiteral("Descriptive only: fewer than %1 events; these AUCs are too unstable to rank.")
                          .arg(kMinimumTestEvents),
                      ReportDocument::font(8.5, true), QColor(150, 30, 30));
    doc.skip(doc.mm(2));
    const QRectF band = doc.reserve(doc.mm(75));
    const double half = band.width() / 2;
    QCustomPlot roc;
    report::setupRocChart(roc, e, QStringLiteral("ROC curves, external cohort %1").arg(qs(cohort)));
    doc.plotIn(QRectF(band.left(), band.top(), half - doc.mm(2), band.height()), roc);
    QCustomPlot calibration;
    report::setupCalibrationChart(calibration, e);
    doc.plotIn(QRectF(band.left() + half + doc.mm(2), band.top(), half - doc.mm(2), band.height()), calibration);
    doc.skip(doc.mm(3));
    doc.subheading(QStringLiteral("Internal test and external cohort"));
    captionedTable(doc, report::externalValidationTable(e, internal),
                   QStringLiteral("AUC with DeLong 95% CI. Threshold: the run's operating point, chosen on the "
                                  "training cohort; sensitivity and specificity at it. Calibration slope and "
                                  "intercept by logistic recalibration on the external cohort (ideal 1 and 0)."));
    doc.subheading(QStringLiteral("Paired comparisons on the external cohort (DeLong test)"));
    captionedTable(doc, report::delongTable(e), QStringLiteral("p-values uncorrected."));
}

void notesPage(ReportDocument& doc, const StudyEvidence& evidence, const Notes& notes) {
    doc.newPage(QStringLiteral("Notes"));
    doc.heading(QStringLiteral("Notes: what was skipped or adapted, and why"));
    bool any = false;
    std::vector<std::vector<QString>> linesOf;
    for (const auto& e : evidence.endpoints) {
        std::vector<QString> lines;
        for (const auto& note : e.notes) lines.push_back(qs(note));
        for (const auto& [endpoint, text] : notes.entries)
            if (endpoint == e.endpoint) lines.push_back(text);
        linesOf.push_back(std::move(lines));
    }
    // A note every endpoint has (one network shared by all, a class too small in every fold) is
    // said once, so that each endpoint's own notes stand out.
    std::vector<QString> shared;
    if (linesOf.size() > 1)
        for (const QString& line : linesOf.front())
            if (std::all_of(
                    linesOf.begin(), linesOf.end(),
                    [&](const auto& lines) { return std::find(lines.begin(), lines.end(), line) != lines.end(); }) &&
                std::find(shared.begin(), shared.end(), line) == shared.end())
                shared.push_back(line);
    if (!shared.empty()) {
        any = true;
        doc.subheading(QStringLiteral("Every endpoint"));
        for (const auto& line : shared) doc.paragraph(QStringLiteral("\u2022  ") + line, ReportDocument::font(8.5));
    }
    for (std::size_t k = 0; k < evidence.endpoints.size(); ++k) {
        std::vector<QString> own;
        for (const QString& line : linesOf[k])
            if (std::find(shared.begin(), shared.end(), line) == shared.end()) own.push_back(line);
        if (own.empty()) continue;
        any = true;
        doc.subheading(qs(evidence.endpoints[k].endpoint));
        for (const auto& line : own) doc.paragraph(QStringLiteral("\u2022  ") + line, ReportDocument::font(8.5));
    }
    std::vector<QString> studyLines;
    for (const auto& [endpoint, text] : notes.entries)
        if (endpoint.empty()) studyLines.push_back(text);
    if (!studyLines.empty()) {
        any = true;
        doc.subheading(QStringLiteral("Study"));
        for (const auto& line : studyLines) doc.paragraph(QStringLiteral("\u2022  ") + line, ReportDocument::font(8.5));
    }
    if (!any)
        doc.paragraph(QStringLiteral("Nothing was skipped: every step ran for every endpoint."),
                      ReportDocument::font(9));
}

void provenancePage(ReportDocument& doc, const StudyEvidence& evidence) {
    doc.newPage(QStringLiteral("Provenance"));
    doc.heading(QStringLiteral("Provenance"));
    doc.subheading(QStringLiteral("Software, settings, seeds and data"));
    doc.table(report::provenanceTable(evidence.provenance));
    doc.subheading(QStringLiteral("Deep-CT network per endpoint"));
    TextTable deep;
    deep.header = {QStringLiteral("Endpoint"), QStringLiteral("Backbone"), QStringLiteral("Weights"),
                   QStringLiteral("Epochs"), QStringLiteral("Early-stopping AUC")};
    deep.columnWeights = {0.8, 3.0, 1.3, 0.6, 1.0};
    deep.fontPt = 7.5;
    for (const auto& e : evidence.endpoints)
        deep.rows.push_back(
            {qs(e.endpoint), e.deepBackbone.empty() ? QStringLiteral("n/a") : qs(e.deepBackbone),
             e.deepPretrained ? QStringLiteral("pretrained (imported)") : QStringLiteral("trained from scratch"),
             QString::number(e.deepEpochs), report::fixed(e.deepValidationAuc)});
    captionedTable(doc, deep,
                   QStringLiteral("Early-stopping AUC: the final network's AUC for the endpoint on its own validation "
                                  "patients (a quarter of the training patients), at the epoch it kept. A few dozen "
                                  "patients, so it is noisy; below 0.5 the network ranked them worse than chance. The "
                                  "nested CV and test AUCs on the endpoint pages are the measures of the model."));
}

// The demo's appendix: what the cohort planted beside what the run recovered (docs/demo-cohort.md).
void demoTruthPage(ReportDocument& doc, const StudyEvidence& evidence) {
    doc.newPage(QStringLiteral("Appendix: the demo's planted truth"));
    doc.heading(QStringLiteral("Appendix: the demo's planted truth"));
    doc.paragraph(QStringLiteral("The demo cohort is synthetic: each endpoint's label is a weighted sum of latent "
                                 "variables plus noise (docs/demo-cohort.md). The oracle ranks the test patients by "
                                 "that weighted sum, the best any model can do; without the pattern latent (a "
                                 "front-to-back density gradient only a CNN can see) it is the best a model blind to "
                                 "it can do. Gap closed = (Deep-RadScore − 0.5) / (oracle − 0.5). Deep |r|: "
                                 "the largest |Pearson r| of a deep feature with the pattern latent, test patients."),
                  ReportDocument::font(8.5));
    TextTable table;
    table.header = {QStringLiteral("Endpoint"), QStringLiteral("Test n (events)"), QStringLiteral("Oracle"),
                    QStringLiteral("Oracle w/o pattern")};
    for (ModelKind kind : kModelKinds) table.header.push_back(qs(displayName(kind)));
    table.header.push_back(QStringLiteral("Gap closed"));
    table.header.push_back(QStringLiteral("Deep |r| pattern"));
    table.fontPt = 7.5;
    double gapSum = 0, rankedGapSum = 0;
    int gapCount = 0, rankedGapCount = 0;
    for (const auto& t : evidence.demoTruth) {
        const EndpointEvidence* endpoint = endpointEvidence(evidence, t.endpoint);
        const QString events = endpoint ? QStringLiteral(" (%1)").arg(testEvents(*endpoint)) : QString();
        std::vector<QString> row = {qs(t.endpoint), QString::number(t.testPatients) + events,
                                    report::fixed(t.oracleAuc), report::fixed(t.oracleWithoutPatternAuc)};
        for (ModelKind kind : kModelKinds) {
            const auto found = t.modelTestAuc.find(displayName(kind));
            row.push_back(found == t.modelTestAuc.end() ? QStringLiteral("n/a") : report::fixed(found->second));
        }
        row.push_back(std::isfinite(t.gapClosed)
                          ? QString::number(std::lround(100 * t.gapClosed)) + QStringLiteral(" %")
                          : QStringLiteral("n/a"));
        row.push_back(report::fixed(t.deepPatternMaxAbsR));
        table.rows.push_back(row);
        if (std::isfinite(t.gapClosed)) {
            gapSum += t.gapClosed;
            ++gapCount;
            if (endpoint && !isDescriptiveOnly(*endpoint)) {
                rankedGapSum += t.gapClosed;
                ++rankedGapCount;
            }
        }
    }
    doc.table(table);
    if (gapCount == 0) return;
    QString mean =
        QStringLiteral("Mean share of the chance-to-oracle gap closed by Deep-RadScore: %1 % over %2 endpoints")
            .arg(std::lround(100 * gapSum / gapCount))
            .arg(gapCount);
    // An endpoint's gap closed on a handful of events is mostly the noise of its test AUC.
    if (rankedGapCount > 0 && rankedGapCount < gapCount)
        mean += QStringLiteral(
                    "; %1 % over the %2 with at least %3 events in the test set, whose AUCs the report "
                    "ranks (the others' rest on fewer events and are descriptive)")
                    .arg(std::lround(100 * rankedGapSum / rankedGapCount))
                    .arg(rankedGapCount)
                    .arg(kMinimumTestEvents);
    doc.paragraph(mean + QStringLiteral("."), ReportDocument::font(9));
}

}  // namespace

void writeStudyReport(const StudyEvidence& evidence, const std::string& pdfPath, Progress* progress) {
    ReportDocument doc(pdfPath, QStringLiteral("Deep-RadScore study report"),
                       QStringLiteral("DeepRadScore Studio \u2014 study report"));
    Notes notes;
    const double steps = double(evidence.endpoints.size()) + 2;
    if (progress) progress->step(0, "report: summary and cohort");
    const QString fit = radScoreFit(evidence);
    titlePage(doc, evidence, fit);
    cohortPage(doc, evidence, notes);
    const StudyWideHolm holm = holmAcrossStudy(evidence);
    for (std::size_t i = 0; i < evidence.endpoints.size(); ++i) {
        const auto& e = evidence.endpoints[i];
        if (progress) progress->step((i + 1) / steps, "report: " + e.endpoint);
        discriminationPage(doc, e, holm.adjustedByEndpoint.at(e.endpoint), holm.familySize, fit, notes);
        explanationPage(doc, e, fit, notes);
        imagesPage(doc, e, notes);
        for (const auto& validation : evidence.externalValidations)
            for (const auto& external : validation.endpoints)
                if (external.endpoint == e.endpoint)
                    externalValidationPage(doc, validation.cohort, external, &e, notes);
    }
    if (progress) progress->step((steps - 1) / steps, "report: notes and provenance");
    notesPage(doc, evidence, notes);
    provenancePage(doc, evidence);
    if (!evidence.demoTruth.empty()) demoTruthPage(doc, evidence);
    doc.finish();
    if (progress) progress->step(1, "report written: " + pdfPath);
}

}  // namespace drs
