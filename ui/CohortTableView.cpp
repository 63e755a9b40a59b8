#include "ui/CohortTableView.h"

#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/ReportTableWidget.h"
#include "ui/report/ReportTables.h"

namespace drs::ui {

CohortTableView::CohortTableView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    message_ = new QLabel(this);
    message_->setWordWrap(true);
    layout->addWidget(message_);
    cohortTable_ = readOnlyTable(this, QAbstractItemView::SelectRows);
    layout->addWidget(cohortTable_, 2);
    legend_ = new QLabel(this);
    legend_->setWordWrap(true);
    layout->addWidget(legend_);
    centreHeading_ = new QLabel(tr("<b>By centre</b> (descriptive)"), this);
    layout->addWidget(centreHeading_);
    centreTable_ = readOnlyTable(this, QAbstractItemView::SelectRows);
    layout->addWidget(centreTable_, 1);
    clear();
}

void CohortTableView::clear() {
    message_->setText(tr("Table 1 appears here once a run has drawn its training/test split."));
    message_->show();
    cohortTable_->clear();
    cohortTable_->setRowCount(0);
    cohortTable_->setColumnCount(0);
    legend_->clear();
    centreHeading_->hide();
    centreTable_->hide();
}

void CohortTableView::showEvidence(const StudyEvidence& evidence) {
    if (evidence.cohortTable.empty()) {
        clear();
        return;
    }
    message_->hide();
    showTextTable(*cohortTable_, report::cohortCharacteristicsTable(evidence.cohortTable), 2);
    legend_->setText(report::cohortComparisonLegend(evidence.cohortTable));
    const bool byCentre = !evidence.cohortByCentre.empty();
    centreHeading_->setVisible(byCentre);
    centreTable_->setVisible(byCentre);
    if (byCentre) showTextTable(*centreTable_, report::cohortCharacteristicsTable(evidence.cohortByCentre), 2);
}

}  // namespace drs::ui
