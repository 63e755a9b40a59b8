#include "ui/EvidenceView.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <set>

#include "core/pipeline/ModelKind.h"
#include "core/pipeline/ReportingRules.h"
#include "ui/ChartTools.h"
#include "ui/ReportTableWidget.h"
#include "ui/TableTools.h"
#include "ui/report/NumberFormat.h"
#include "ui/report/ReportCharts.h"
#include "ui/report/ReportTables.h"

namespace drs::ui {
namespace {

constexpr int kMaxShapFeatures = 12;
constexpr int kGradCamSidePx = 240;  // the 160 px patch, enlarged to be read on screen

QString qs(const std::string& s) { return QString::fromStdString(s); }

int positives(const std::vector<int>& labels) { return int(std::count(labels.begin(), labels.end(), 1)); }

QLabel* heading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), parent);
    label->setContentsMargins(0, 8, 0, 2);
    return label;
}

QVBoxLayout* plotHolder(QWidget* parent) {
    auto* layout = new QVBoxLayout(parent);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

// A new chart in the holder (the report's chart builders fill an empty plot once).
QCustomPlot* freshPlot(QCustomPlot*& plot, QVBoxLayout* holder) {
    delete plot;
    plot = new QCustomPlot(holder->parentWidget());
    plot->setMinimumSize(300, 200);
    equipChart(*plot);
    holder->addWidget(plot);
    return plot;
}

// The chart's least height that shows every tick label: the value axis with a line for each of its
// labels, plus the margins its layout gives the (rotated) category labels and the title.
void keepTickLabelsInView(QCustomPlot& plot) {
    plot.replot();  // lays the chart out: its tick vectors and the margins that fit their labels
    QCPAxisRect* area = plot.axisRect();
    const int valueLabelsPx = int(plot.yAxis->tickVector().size()) * QFontMetrics(plot.yAxis->tickLabelFont()).height();
    area->setMinimumSize(area->minimumSize().width(), valueLabelsPx);
    // QCustomPlot's minimumSizeHint (its layout's, protected there) counts these margins.
    const QWidget& widget = plot;
    plot.setMinimumHeight(std::max(plot.minimumHeight(), widget.minimumSizeHint().height()));
}

}  // namespace

const QStringList& EvidenceView::modelNames() {
    static const QStringList names = [] {
        QStringList list;
        for (ModelKind kind : kModelKinds) list << QString::fromStdString(displayName(kind));
        return list;
    }();
    return names;
}

EvidenceView::EvidenceView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    splitter_ = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter_);
    connect(splitter_, &QSplitter::splitterMoved, this, [this] { splitterMovedByUser_ = true; });

    auto* top = new QWidget(splitter_);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    messageLabel_ = new QLabel(tr("Open a project database (File > Open project...) to see its evidence."), top);
    messageLabel_->setWordWrap(true);
    topLayout->addWidget(messageLabel_);
    endpointTable_ = new QTableWidget(top);
    endpointTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    endpointTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    endpointTable_->setSelectionMode(QAbstractItemView::SingleSelection);
    endpointTable_->verticalHeader()->hide();
    equipTable(*endpointTable_);
    setEndpointHeader();
    endpointTable_->horizontalHeader()->setStretchLastSection(true);
    endpointTable_->verticalHeader()->setDefaultSectionSize(endpointTable_->fontMetrics().height() + 8);
    // At least four endpoints in view, so that the Study tab's run settings and the charts fit a
    // 1280x900 window; the table starts at its rows' height and the splitter gives it more room
    // (the paper has ten endpoints).
    const int headerPx = endpointTable_->horizontalHeader()->sizeHint().height();
    const int rowPx = endpointTable_->verticalHeader()->defaultSectionSize();
    endpointTable_->setMinimumHeight(headerPx + 4 * rowPx + 4);
    topLayout->addWidget(endpointTable_);
    connect(endpointTable_, &QTableWidget::currentCellChanged, this, [this](int row) { showEndpoint(row); });

    auto* bottom = new QWidget(splitter_);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    endpointSummary_ = new QLabel(bottom);
    endpointSummary_->setWordWrap(true);
    bottomLayout->addWidget(endpointSummary_);
    tabs_ = new QTabWidget(bottom);
    bottomLayout->addWidget(tabs_, 1);
    buildTabs();
    splitter_->setStretchFactor(0, 0);
    splitter_->setStretchFactor(1, 1);
    clearEndpoint();
    fitTableToRows();
}

void EvidenceView::fitTableToRows() {
    if (splitterMovedByUser_) return;
    const int frame = 2 * endpointTable_->frameWidth();
    const int rows =
        endpointTable_->horizontalHeader()->sizeHint().height() + frame + endpointTable_->verticalHeader()->length();
    QWidget* top = splitter_->widget(0);
    const int topPx = std::max(endpointTable_->minimumHeight(), rows) +
                      (messageLabel_->isVisibleTo(top) ? messageLabel_->sizeHint().height() : 0) +
                      top->layout()->spacing();
    // The charts take the rest: the splitter keeps the table's size and gives the charts the growth.
    splitter_->setSizes({topPx, std::max(1, splitter_->height() - topPx)});
}

void EvidenceView::buildTabs() {
    auto* roc = new QWidget(tabs_);
    rocHolder_ = plotHolder(roc);
    tabs_->addTab(roc, tr("ROC"));

    auto* metricsScroll = new QScrollArea(tabs_);
    metricsScroll->setWidgetResizable(true);
    auto* metrics = new QWidget(metricsScroll);
    auto* metricsLayout = new QVBoxLayout(metrics);
    metricsLayout->addWidget(heading(tr("Performance of the three models on the test set (Table 3 style)"), metrics));
    metricsTable_ = readOnlyTable(metrics);
    metricsLayout->addWidget(metricsTable_);
    metricsLayout->addWidget(heading(tr("Paired comparisons (DeLong test, same test patients)"), metrics));
    delongTable_ = readOnlyTable(metrics);
    metricsLayout->addWidget(delongTable_);
    metricsLayout->addWidget(
        heading(tr("Classifier panel: nested cross-validated AUC on the training cohort (* chosen)"), metrics));
    panelTable_ = readOnlyTable(metrics);
    metricsLayout->addWidget(panelTable_);
    metricsLayout->addWidget(heading(tr("RadScore composition (LASSO, z-scored features)"), metrics));
    compositionTable_ = readOnlyTable(metrics);
    metricsLayout->addWidget(compositionTable_);
    metricsLayout->addWidget(heading(tr("Notes"), metrics));
    notesLabel_ = new QLabel(metrics);
    notesLabel_->setWordWrap(true);
    metricsLayout->addWidget(notesLabel_);
    metricsLayout->addStretch(1);
    metricsScroll->setWidget(metrics);
    tabs_->addTab(metricsScroll, tr("Metrics"));

    cvAucTab_ = new QWidget(tabs_);
    auto* cvAucLayout = new QVBoxLayout(cvAucTab_);
    auto* chooserRow = new QHBoxLayout;
    chooserRow->addWidget(new QLabel(tr("Points per classifier:"), cvAucTab_));
    cvAucChooser_ = new QComboBox(cvAucTab_);
    cvAucChooser_->addItem(tr("each repeat's mean AUC"), int(report::CvAucPoints::RepeatMeans));
    cvAucChooser_->addItem(tr("each outer fold's AUC"), int(report::CvAucPoints::Folds));
    chooserRow->addWidget(cvAucChooser_);
    chooserRow->addStretch(1);
    cvAucLayout->addLayout(chooserRow);
    auto* cvAucPlotArea = new QWidget(cvAucTab_);
    cvAucHolder_ = plotHolder(cvAucPlotArea);
    cvAucLayout->addWidget(cvAucPlotArea, 1);
    cvAucCaption_ = new QLabel(cvAucTab_);
    cvAucCaption_->setWordWrap(true);
    cvAucLayout->addWidget(cvAucCaption_);
    tabs_->addTab(cvAucTab_, tr("CV AUCs"));
    connect(cvAucChooser_, &QComboBox::currentIndexChanged, this, [this] { showCvAucChart(); });

    auto* correlation = new QWidget(tabs_);
    auto* correlationLayout = new QVBoxLayout(correlation);
    auto* correlationPlotArea = new QWidget(correlation);
    correlationHolder_ = plotHolder(correlationPlotArea);
    correlationLayout->addWidget(correlationPlotArea, 1);
    correlationCaption_ = new QLabel(correlation);
    correlationCaption_->setWordWrap(true);
    correlationLayout->addWidget(correlationCaption_);
    tabs_->addTab(correlation, tr("Correlation"));

    auto* shap = new QWidget(tabs_);
    auto* shapLayout = new QVBoxLayout(shap);
    auto* shapSplitter = new QSplitter(Qt::Horizontal, shap);
    auto* barArea = new QWidget(shapSplitter);
    shapBarHolder_ = plotHolder(barArea);
    auto* swarmArea = new QWidget(shapSplitter);
    shapSwarmHolder_ = plotHolder(swarmArea);
    shapLayout->addWidget(shapSplitter, 1);
    shapCaption_ = new QLabel(shap);
    shapCaption_->setWordWrap(true);
    shapLayout->addWidget(shapCaption_);
    tabs_->addTab(shap, tr("SHAP"));

    auto* calibration = new QWidget(tabs_);
    auto* calibrationLayout = new QVBoxLayout(calibration);
    auto* curveSplitter = new QSplitter(Qt::Horizontal, calibration);
    auto* calibrationArea = new QWidget(curveSplitter);
    calibrationHolder_ = plotHolder(calibrationArea);
    auto* decisionArea = new QWidget(curveSplitter);
    decisionHolder_ = plotHolder(decisionArea);
    calibrationLayout->addWidget(curveSplitter, 1);
    calibrationTable_ = readOnlyTable(calibration);
    calibrationLayout->addWidget(calibrationTable_);
    tabs_->addTab(calibration, tr("Calibration"));

    auto* gradCamScroll = new QScrollArea(tabs_);
    gradCamScroll->setWidgetResizable(true);
    gradCamGrid_ = new QWidget(gradCamScroll);
    gradCamLayout_ = new QGridLayout(gradCamGrid_);
    gradCamScroll->setWidget(gradCamGrid_);
    tabs_->addTab(gradCamScroll, tr("Grad-CAM"));

    auto* externalScroll = new QScrollArea(tabs_);
    externalScroll->setWidgetResizable(true);
    auto* external = new QWidget(externalScroll);
    externalLayout_ = new QVBoxLayout(external);
    externalMessage_ = new QLabel(external);
    externalMessage_->setWordWrap(true);
    externalLayout_->addWidget(externalMessage_);
    externalLayout_->addStretch(1);
    externalScroll->setWidget(external);
    externalTab_ = externalScroll;
    tabs_->addTab(externalScroll, tr("External validation"));
}

void EvidenceView::setEndpointHeader() {
    QStringList header{tr("Endpoint"), tr("Training n (pos.)"), tr("Test n (pos.)")};
    for (const QString& model : modelNames()) header << tr("%1 test AUC [95% CI]").arg(model);
    for (const auto& validation : evidence_.externalValidations)
        header << tr("External %1: %2 AUC [95% CI]").arg(qs(validation.cohort), modelNames().back());
    endpointTable_->setColumnCount(int(header.size()));
    endpointTable_->setHorizontalHeaderLabels(header);
}

void EvidenceView::showExternalTab() { tabs_->setCurrentWidget(externalTab_); }

int EvidenceView::externalColumn(const QString& cohort) const {
    for (int k = 0; k < int(evidence_.externalValidations.size()); ++k)
        if (qs(evidence_.externalValidations[k].cohort) == cohort) return 3 + int(modelNames().size()) + k;
    return -1;
}

void EvidenceView::showEvidence(const StudyEvidence& evidence, const QString& gradCamFolder) {
    evidence_ = evidence;
    gradCamFolder_ = gradCamFolder;
    const QSignalBlocker blocker(endpointTable_);
    setEndpointHeader();
    const QString fused = modelNames().back();
    endpointTable_->setRowCount(int(evidence_.endpoints.size()));
    for (int row = 0; row < int(evidence_.endpoints.size()); ++row) {
        const EndpointEvidence& e = evidence_.endpoints[row];
        endpointTable_->setItem(row, 0, new QTableWidgetItem(qs(e.endpoint)));
        endpointTable_->setItem(
            row, 1,
            new QTableWidgetItem(QStringLiteral("%1 (%2)").arg(e.trainLabels.size()).arg(positives(e.trainLabels))));
        endpointTable_->setItem(
            row, 2,
            new QTableWidgetItem(
                e.testPending ? QStringLiteral("%1 (?)").arg(e.testPatients.size())
                              : QStringLiteral("%1 (%2)").arg(e.testLabels.size()).arg(positives(e.testLabels))));
        for (int m = 0; m < modelNames().size(); ++m) {
            auto* item = new QTableWidgetItem(e.models.empty() ? tr("not analysed") : tr("not built"));
            const auto model = std::find_if(e.models.begin(), e.models.end(),
                                            [&](const ModelEvidence& x) { return qs(x.model) == modelNames()[m]; });
            if (model == e.models.end() && !e.models.empty())
                item->setToolTip(tr("no radiomic signature: the LASSO kept no feature in either region"));
            if (model != e.models.end() && e.testPending) {
                item->setText(tr("not yet evaluated"));
                item->setToolTip(tr("the test cohort is evaluated once, when every endpoint is fitted"));
            } else if (model != e.models.end()) {
                item->setText(report::aucWithCi(model->testAuc, model->testAucCiLow, model->testAucCiHigh));
                item->setData(Qt::UserRole, model->testAuc);
                item->setToolTip(tr("classifier: %1").arg(qs(model->chosenClassifier)));
            }
            endpointTable_->setItem(row, 3 + m, item);
        }
        for (const auto& validation : evidence_.externalValidations) {
            auto* item = new QTableWidgetItem(tr("not validated"));
            for (const auto& external : validation.endpoints) {
                if (external.endpoint != e.endpoint) continue;
                item->setText(tr("not evaluated"));
                for (const auto& model : external.models)
                    if (qs(model.model) == fused) {
                        item->setText(report::aucWithCi(model.testAuc, model.testAucCiLow, model.testAucCiHigh));
                        item->setData(Qt::UserRole, model.testAuc);
                        item->setToolTip(
                            tr("%n labelled external patient(s)", nullptr, int(external.testLabels.size())));
                    }
            }
            endpointTable_->setItem(row, externalColumn(qs(validation.cohort)), item);
        }
    }
    endpointTable_->resizeColumnsToContents();
    messageLabel_->setVisible(evidence_.endpoints.empty());
    fitTableToRows();
    if (evidence_.endpoints.empty()) {
        messageLabel_->setText(tr("This run has no analysed endpoint yet."));
        clearEndpoint();
        return;
    }
    endpointTable_->setCurrentCell(0, 0);
    showEndpoint(0);
}

void EvidenceView::showMessage(const QString& message) {
    evidence_ = {};
    endpointTable_->setRowCount(0);
    setEndpointHeader();
    messageLabel_->setText(message);
    messageLabel_->show();
    clearEndpoint();
}

bool EvidenceView::selectEndpoint(const QString& endpoint) {
    for (int row = 0; row < endpointTable_->rowCount(); ++row) {
        if (endpointTable_->item(row, 0)->text() != endpoint) continue;
        endpointTable_->setCurrentCell(row, 0);
        return true;
    }
    return false;
}

QString EvidenceView::currentEndpoint() const {
    const int row = endpointTable_->currentRow();
    return row >= 0 && row < int(evidence_.endpoints.size()) ? qs(evidence_.endpoints[row].endpoint) : QString();
}

QList<QLabel*> EvidenceView::gradCamLabels() const {
    QList<QLabel*> images;
    for (QLabel* label : gradCamGrid_->findChildren<QLabel*>())
        if (label->property("gradCamPath").isValid()) images << label;
    return images;
}

void EvidenceView::clearEndpoint() {
    for (QCustomPlot** plot : {&rocPlot_, &cvAucPlot_, &correlationPlot_, &shapBarPlot_, &shapSwarmPlot_,
                               &calibrationPlot_, &decisionPlot_}) {
        delete *plot;
        *plot = nullptr;
    }
    for (QTableWidget* table : {metricsTable_, delongTable_, panelTable_, calibrationTable_, compositionTable_}) {
        table->clear();
        table->setRowCount(0);
        table->setColumnCount(0);
    }
    for (QLabel* label : {endpointSummary_, cvAucCaption_, correlationCaption_, shapCaption_, notesLabel_})
        label->clear();
    while (QLayoutItem* item = gradCamLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const ExternalSection& section : externalSections_) delete section.summary->parentWidget();
    externalSections_.clear();
    externalMessage_->clear();
    tabs_->setEnabled(false);
}

void EvidenceView::showEndpoint(int row) {
    clearEndpoint();
    if (row < 0 || row >= int(evidence_.endpoints.size())) return;
    const EndpointEvidence& e = evidence_.endpoints[row];
    tabs_->setEnabled(true);
    QString deep = e.deepBackbone.empty() ? tr("backbone not recorded") : qs(e.deepBackbone);
    deep += e.deepPretrained ? tr(", pretrained weights") : tr(", trained from scratch");
    if (e.deepEpochs > 0) deep += tr(", %n epoch(s)", nullptr, e.deepEpochs);
    endpointSummary_->setText(tr("<b>%1</b>: training %2 patients (%3 positive), test %4 patients (%5 positive). "
                                 "Deep-CT: %6.")
                                  .arg(qs(e.endpoint))
                                  .arg(e.trainLabels.size())
                                  .arg(positives(e.trainLabels))
                                  .arg(e.testLabels.size())
                                  .arg(positives(e.testLabels))
                                  .arg(deep.toHtmlEscaped()));

    if (!e.models.empty()) {
        report::setupRocChart(*freshPlot(rocPlot_, rocHolder_), e);
        report::setupCalibrationChart(*freshPlot(calibrationPlot_, calibrationHolder_), e);
        report::setupDecisionChart(*freshPlot(decisionPlot_, decisionHolder_), e);
    }
    showTextTable(*metricsTable_, report::metricsTable(e));
    fitHeightToRows(*metricsTable_);
    showTextTable(*delongTable_, report::delongTable(e));
    fitHeightToRows(*delongTable_);
    showTextTable(*panelTable_, report::classifierPanelTable(e));
    fitHeightToRows(*panelTable_);
    showTextTable(*compositionTable_, report::radScoreCompositionTable(e));
    fitHeightToRows(*compositionTable_);
    showTextTable(*calibrationTable_, report::calibrationTable(e));
    fitHeightToRows(*calibrationTable_);
    QStringList notes;
    for (const auto& note : e.notes) notes << qs(note);
    notesLabel_->setText(notes.isEmpty() ? tr("Nothing was skipped.") : notes.join(QLatin1Char('\n')));
    showCvAucChart();

    const CorrelationSummary& c = e.correlation;
    if (!c.rows.empty() && !c.columns.empty() && !c.r.empty()) {
        report::setupCorrelationHeatmap(*freshPlot(correlationPlot_, correlationHolder_), c);
        correlationCaption_->setText(tr("Pearson r of each RadScore with each deep feature on the training set: "
                                        "max |r| = %1, mean |r| = %2. Low values mean the two sources carry "
                                        "different information.")
                                         .arg(report::fixed(c.maxAbsR), report::meanSd(c.meanAbsR, c.sdAbsR)));
    } else {
        correlationCaption_->setText(tr("No correlation summary in the evidence."));
    }

    const ShapSummary& s = e.shap;
    if (!s.features.empty() && s.meanAbs.size() == s.features.size()) {
        report::setupShapBarChart(*freshPlot(shapBarPlot_, shapBarHolder_), s, kMaxShapFeatures);
        if (!s.values.empty())
            report::setupShapBeeswarm(*freshPlot(shapSwarmPlot_, shapSwarmHolder_), s, kMaxShapFeatures);
        shapCaption_->setText(tr("SHAP of the Deep-RadScore model on the test patients (expected output %1): bars rank "
                                 "the inputs by mean |SHAP|, dots show each patient.")
                                  .arg(report::fixed(s.baseline)));
    } else {
        shapCaption_->setText(tr("No SHAP summary in the evidence."));
    }

    if (e.gradCamImages.empty()) {
        gradCamLayout_->addWidget(new QLabel(tr("No Grad-CAM images in the evidence."), gradCamGrid_), 0, 0);
    } else {
        constexpr int kColumns = 3;
        for (int i = 0; i < int(e.gradCamImages.size()); ++i) {
            const QString path = gradCamPath(e.gradCamImages[i]);
            auto* cell = new QWidget(gradCamGrid_);
            auto* cellLayout = new QVBoxLayout(cell);
            auto* image = new QLabel(cell);
            image->setProperty("gradCamPath", path);
            const QPixmap pixmap(path);
            if (pixmap.isNull())
                image->setText(tr("%1: image not found").arg(path));
            else
                image->setPixmap(
                    pixmap.scaled(kGradCamSidePx, kGradCamSidePx, Qt::KeepAspectRatio, Qt::SmoothTransformation));
            cellLayout->addWidget(image);
            cellLayout->addWidget(new QLabel(QFileInfo(path).completeBaseName(), cell));
            gradCamLayout_->addWidget(cell, i / kColumns, i % kColumns);
        }
        gradCamLayout_->setRowStretch((int(e.gradCamImages.size()) + kColumns - 1) / kColumns, 1);
        gradCamLayout_->setColumnStretch(kColumns, 1);
    }
    showExternalValidations(e);
    emit endpointShown(qs(e.endpoint));
}

void EvidenceView::showCvAucChart() {
    delete cvAucPlot_;
    cvAucPlot_ = nullptr;
    const int row = endpointTable_->currentRow();
    if (row < 0 || row >= int(evidence_.endpoints.size())) return;
    const EndpointEvidence& e = evidence_.endpoints[row];
    const auto points = report::CvAucPoints(cvAucChooser_->currentData().toInt());
    QStringList designs;
    int fewestRepeats = 0, mostRepeats = 0;
    for (const auto& model : e.models) {
        if (model.panel.empty() || model.panel.front().foldAucs.empty()) continue;
        const ClassifierCv& cv = model.panel.front();
        const int repeats = int(std::set<int>(cv.foldRepeats.begin(), cv.foldRepeats.end()).size());
        designs
            << tr("%1: %2 outer folds in %n repeat(s)", nullptr, repeats).arg(qs(model.model)).arg(cv.foldAucs.size());
        fewestRepeats = designs.size() == 1 ? repeats : std::min(fewestRepeats, repeats);
        mostRepeats = std::max(mostRepeats, repeats);
    }
    if (designs.isEmpty()) {
        cvAucCaption_->setText(
            e.models.empty() ? tr("No model was built for this endpoint.")
                             : tr("This run's evidence has no per-fold AUCs (it was written before they were kept): "
                                  "run the study again to see their distribution. The Metrics tab has each "
                                  "classifier's mean and SD."));
        return;
    }
    report::setupCvAucChart(*freshPlot(cvAucPlot_, cvAucHolder_), e, points);
    keepTickLabelsInView(*cvAucPlot_);
    QString caption = tr("Every classifier of each model, cross-validated on the training cohort with the whole chain "
                         "refitted in every outer fold. Boxes: quartiles, whiskers to the lowest and highest value; "
                         "filled and marked *: the chosen classifier (best mean AUC), refitted on all training "
                         "patients. %1.")
                          .arg(designs.join(QStringLiteral("; ")));
    // With one deep CV repeat (fast mode, --deep-cv-repeats 1) the deep models have the first repeat only.
    if (fewestRepeats == 1 && mostRepeats > 1 && points == report::CvAucPoints::RepeatMeans)
        caption += QLatin1Char(' ') + tr("A model with one repeat was cross-validated on the first repeat only (one "
                                         "Deep-CT network per outer fold): show each outer fold's AUC to see its "
                                         "spread.");
    cvAucCaption_->setText(caption);
}

void EvidenceView::showExternalValidations(const EndpointEvidence& internal) {
    for (const auto& validation : evidence_.externalValidations) {
        const auto external = std::find_if(validation.endpoints.begin(), validation.endpoints.end(),
                                           [&](const EndpointEvidence& x) { return x.endpoint == internal.endpoint; });
        if (external == validation.endpoints.end()) continue;
        const EndpointEvidence& x = *external;
        auto* box = new QWidget(externalTab_);
        auto* layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 12);
        ExternalSection section;
        section.cohort = qs(validation.cohort);
        section.summary = new QLabel(
            tr("<b>External cohort %1</b>: %2 labelled patients (%3 positive). The cohort is locked: never used "
               "for fitting, feature selection, classifier choice or thresholds. Each model is the run's own, at "
               "the run's operating threshold.")
                .arg(section.cohort.toHtmlEscaped())
                .arg(x.testLabels.size())
                .arg(positives(x.testLabels)),
            box);
        section.summary->setWordWrap(true);
        layout->addWidget(section.summary);
        if (!x.models.empty() && isDescriptiveOnly(x)) {
            // As the report's page says it: too few events to rank these AUCs.
            section.descriptive = new QLabel(tr("Descriptive only: %n event(s), fewer than %1; these AUCs are too "
                                                "unstable to rank.",
                                                nullptr, testEvents(x))
                                                 .arg(kMinimumTestEvents),
                                             box);
            section.descriptive->setWordWrap(true);
            section.descriptive->setStyleSheet(QStringLiteral("color: rgb(150, 30, 30); font-weight: bold;"));
            layout->addWidget(section.descriptive);
        }
        if (!x.models.empty()) {
            section.roc = new QCustomPlot(box);
            section.roc->setMinimumSize(300, 260);
            equipChart(*section.roc);
            report::setupRocChart(*section.roc, x,
                                  QStringLiteral("ROC curves, external cohort %1").arg(section.cohort));
            layout->addWidget(section.roc);
            layout->addWidget(heading(tr("Internal test set and external cohort (AUC with DeLong 95% CI)"), box));
            section.validation = readOnlyTable(box);
            showTextTable(*section.validation, report::externalValidationTable(x, &internal));
            fitHeightToRows(*section.validation);
            layout->addWidget(section.validation);
            layout->addWidget(heading(tr("Metrics on the external cohort at the run's operating thresholds"), box));
            section.thresholdMetrics = readOnlyTable(box);
            showTextTable(*section.thresholdMetrics, report::thresholdMetricsTable(x));
            fitHeightToRows(*section.thresholdMetrics);
            layout->addWidget(section.thresholdMetrics);
            layout->addWidget(heading(tr("Paired comparisons on the external cohort (DeLong test)"), box));
            section.delong = readOnlyTable(box);
            showTextTable(*section.delong, report::delongTable(x));
            fitHeightToRows(*section.delong);
            layout->addWidget(section.delong);
        }
        QStringList notes;
        for (const auto& note : x.notes) notes << qs(note);
        for (const auto& note : validation.notes) notes << qs(note);
        section.notes = new QLabel(notes.join(QLatin1Char('\n')), box);
        section.notes->setWordWrap(true);
        layout->addWidget(section.notes);
        // Before the closing stretch.
        externalLayout_->insertWidget(externalLayout_->count() - 1, box);
        externalSections_.push_back(section);
    }
    if (externalSections_.isEmpty())
        externalMessage_->setText(
            evidence_.externalValidations.empty()
                ? tr("This run has not been validated on an external cohort. Import one with Import studies... "
                     "(\"Import as a locked external validation cohort\"), then press \"Validate on external "
                     "cohort\".")
                : tr("No external cohort validated %1 in this run.").arg(qs(internal.endpoint)));
}

QString EvidenceView::gradCamPath(const std::string& recorded) const {
    const QString path = qs(recorded);
    if (QFileInfo::exists(path) || gradCamFolder_.isEmpty()) return path;
    const QString moved = gradCamFolder_ + QLatin1Char('/') + QFileInfo(path).fileName();
    return QFileInfo::exists(moved) ? moved : path;
}

}  // namespace drs::ui
