#include "ui/BackboneComparisonView.h"

#include <qcustomplot.h>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/BackboneComparisonModel.h"
#include "ui/ChartTools.h"
#include "ui/TableTools.h"
#include "ui/report/NumberFormat.h"
#include "ui/report/ReportCharts.h"

namespace drs::ui {

BackboneComparisonView::BackboneComparisonView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    openButton_ = new QPushButton(tr("Open backbone comparison..."), this);
    openButton_->setToolTip(tr("A table written by drs deep-compare --out TABLE.csv"));
    row->addWidget(openButton_);
    row->addStretch(1);
    layout->addLayout(row);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* chartArea = new QWidget(splitter);
    chartHolder_ = new QVBoxLayout(chartArea);
    chartHolder_->setContentsMargins(0, 0, 0, 0);
    model_ = new BackboneComparisonModel(this);
    table_ = new QTableView(splitter);
    table_->setModel(model_);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    equipTable(*table_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    connect(openButton_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open backbone comparison"), QString(),
                                                          tr("drs deep-compare table (*.csv)"));
        if (!path.isEmpty()) open(path);
    });
    showSummary();
}

bool BackboneComparisonView::open(const QString& path) {
    BackboneComparison comparison;
    try {
        comparison = readBackboneComparison(path.toStdString());
    } catch (const std::exception& e) {
        const QString message = tr("%1\nNothing was changed. Open a table written by drs deep-compare --out TABLE.csv.")
                                    .arg(QString::fromUtf8(e.what()));
        summary_->setText(message);
        emit errorOccurred(message);
        return false;
    }
    path_ = path;
    model_->setComparison(comparison);
    table_->resizeColumnsToContents();
    delete chart_;
    chart_ = new QCustomPlot(chartHolder_->parentWidget());
    chart_->setMinimumSize(300, 220);
    equipChart(*chart_);
    report::setupBackboneChart(*chart_, model_->comparison());
    chartHolder_->addWidget(chart_);
    showSummary();
    return true;
}

void BackboneComparisonView::setRunBackbone(const QString& backbone) {
    runBackbone_ = backbone;
    showSummary();
}

void BackboneComparisonView::showSummary() {
    QString text;
    if (path_.isEmpty()) {
        text =
            tr("No backbone comparison open. drs deep-compare trains Deep-CT once per backbone on the same "
               "patients and ranks the backbones by validation AUC; open the table it wrote (--out TABLE.csv).");
    } else {
        const BackboneResult& best = model_->comparison().backbones.front();
        const BackboneSubset* validation = best.subset("validation");
        text = tr("%1: %n backbone(s). Chosen: %2 (validation AUC %3), ranked by the validation quarter that early "
                  "stopping watches; the test rows are shown and never rank.",
                  nullptr, int(model_->comparison().backbones.size()))
                   .arg(QFileInfo(path_).fileName(), QString::fromStdString(best.backbone),
                        report::fixed(validation ? validation->auc.value : NAN));
    }
    if (!runBackbone_.isEmpty()) text += QLatin1Char(' ') + tr("The run on screen used %1.").arg(runBackbone_);
    summary_->setText(text);
}

}  // namespace drs::ui
