#include "ui/PredictionView.h"

#include <qcustomplot.h>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/pipeline/ReportingRules.h"
#include "ui/ChartTools.h"
#include "ui/TableTools.h"
#include "ui/report/NumberFormat.h"
#include "ui/report/ReportCharts.h"

namespace drs::ui {
namespace {

constexpr int kImageSidePx = 200;

QLabel* imageLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setFixedSize(kImageSidePx, kImageSidePx);
    label->setAlignment(Qt::AlignCenter);
    label->setFrameShape(QFrame::StyledPanel);
    return label;
}

void showImage(QLabel& label, const std::string& path, const QString& missingText) {
    const QPixmap pixmap(QString::fromStdString(path));
    if (pixmap.isNull()) {
        label.setText(missingText);
        return;
    }
    label.setPixmap(pixmap.scaled(kImageSidePx, kImageSidePx, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    label.setToolTip(QString::fromStdString(path));
}

}  // namespace

PredictionView::PredictionView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);
    auto* row = new QHBoxLayout;
    auto* plotArea = new QWidget(this);
    plotHolder_ = new QVBoxLayout(plotArea);
    plotHolder_->setContentsMargins(0, 0, 0, 0);
    row->addWidget(plotArea, 1);
    // Side by side, so that the Study tab above (run settings included) still fits a 900 px high window.
    auto* images = new QGridLayout;
    patchImage_ = imageLabel(this);
    gradCamImage_ = imageLabel(this);
    images->addWidget(new QLabel(tr("Deep patch (160 x 160, lung window), tumour outline in magenta"), this), 0, 0);
    images->addWidget(patchImage_, 1, 0);
    gradCamTitle_ = new QLabel(this);
    images->addWidget(gradCamTitle_, 0, 1);
    images->addWidget(gradCamImage_, 1, 1);
    images->setRowStretch(2, 1);
    row->addLayout(images);
    layout->addLayout(row, 1);
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    equipTable(*table_);
    table_->setColumnCount(8);
    table_->setHorizontalHeaderLabels({tr("Endpoint"), tr("Probability"), tr("Operating point"), tr("Call"),
                                       tr("Test AUC [95% CI]"), tr("Test events"), tr("Test sensitivity"),
                                       tr("Test specificity")});
    layout->addWidget(table_);
    clear();
}

void PredictionView::clear() {
    delete plot_;
    plot_ = nullptr;
    table_->setRowCount(0);
    title_->setText(tr("Open a study and its tumour mask in the Images tab, then press \"Predict current study\"."));
    patchImage_->clear();
    gradCamImage_->clear();
    gradCamTitle_->setText(tr("Grad-CAM"));
}

void PredictionView::showPrediction(const PatientPrediction& prediction) {
    clear();
    title_->setText(
        tr("Patient %1 (%2): Deep-RadScore probabilities against each model's operating point "
           "(the Youden threshold of its cross-validated training predictions). Research use only.")
            .arg(QString::fromStdString(prediction.patientPseudonym),
                 // a study outside the project's files folder is not named (Prediction.h: recordedSourcePath)
                 prediction.studyPath.empty()
                     ? QStringLiteral("\u2014")
                     : QDir::toNativeSeparators(QString::fromStdString(prediction.studyPath))));
    if (const auto combat = prediction.provenance.find("combat_by_centre"); combat != prediction.provenance.end())
        title_->setText(title_->text() + QLatin1Char('\n') +
                        tr("ComBat by centre: %1").arg(QString::fromStdString(combat->second)));
    if (const auto member = prediction.provenance.find("project_patient"); member != prediction.provenance.end())
        title_->setText(title_->text() + QLatin1Char('\n') +
                        tr("Project patient: %1").arg(QString::fromStdString(member->second)));
    plot_ = new QCustomPlot(plotHolder_->parentWidget());
    plot_->setMinimumSize(300, 200);
    equipChart(*plot_);
    plotHolder_->addWidget(plot_);
    report::setupProbabilityChart(*plot_, prediction.endpoints);
    table_->setRowCount(int(prediction.endpoints.size()));
    for (int r = 0; r < int(prediction.endpoints.size()); ++r) {
        const EndpointPrediction& e = prediction.endpoints[r];
        // As the patient report: a call the model cannot back, or made on a training patient, says so.
        const bool unreliable = isUnreliableCall(e);
        QString call = e.positive ? tr("positive") : tr("negative");
        if (unreliable) call += tr(", not reliable");
        if (e.inSample) call += tr(", in-sample");
        const QStringList cells{QString::fromStdString(e.endpoint),
                                report::fixed(e.probability),
                                report::fixed(e.threshold),
                                call,
                                report::aucWithCi(e.testAuc, e.testAucCiLow, e.testAucCiHigh),
                                e.testPatients > 0 ? tr("%1 of %2").arg(e.testEvents).arg(e.testPatients) : tr("n/a"),
                                report::fixed(e.testSensitivity),
                                report::fixed(e.testSpecificity)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 1) item->setData(Qt::UserRole, e.probability);
            if (c == 3 && (unreliable || e.inSample))
                item->setToolTip(tr("Not reliable: the model's test AUC CI reaches 0.5 or its test set held fewer "
                                    "than %1 events; in-sample: this patient was one of the model's training "
                                    "patients. Do not act on such a call.")
                                     .arg(kMinimumTestEvents));
            if (e.positive && !unreliable && !e.inSample) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            table_->setItem(r, c, item);
        }
    }
    table_->resizeColumnsToContents();
    showImage(*patchImage_, prediction.patchImage, tr("Deep patch not available"));
    showImage(*gradCamImage_, prediction.gradCamImage, tr("Grad-CAM not available"));
    // As the patient report: the map explains one endpoint's Deep-CT output, and says which.
    if (!prediction.gradCamEndpoint.empty())
        gradCamTitle_->setText(tr("Grad-CAM: Deep-CT for %1").arg(QString::fromStdString(prediction.gradCamEndpoint)));
}

}  // namespace drs::ui
