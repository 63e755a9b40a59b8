#include "ui/CohortTableView.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/report/ReportTables.h"

namespace drs::ui {
namespace {

QTableWidget* readOnlyTable(QWidget* parent) {
    auto* table = new QTableWidget(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->setWordWrap(false);
    return table;
}

void fill(QTableWidget& table, const report::TextTable& text) {
    table.clear();
    table.setColumnCount(int(text.header.size()));
    table.setRowCount(int(text.rows.size()));
    QStringList header;
    for (const QString& h : text.header) header << h;
    table.setHorizontalHeaderLabels(header);
    for (int r = 0; r < int(text.rows.size()); ++r)
        for (int c = 0; c < int(text.rows[r].size()) && c < table.columnCount(); ++c) {
            auto* item = new QTableWidgetItem(text.rows[r][c]);
            item->setTextAlignment(c < 2 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignCenter);
            table.setItem(r, c, item);
        }
    table.resizeColumnsToContents();
}

}  // namespace

CohortTableView::CohortTableView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    message_ = new QLabel(this);
    message_->setWordWrap(true);
    layout->addWidget(message_);
    cohortTable_ = readOnlyTable(this);
    layout->addWidget(cohortTable_, 2);
    legend_ = new QLabel(this);
    legend_->setWordWrap(true);
    layout->addWidget(legend_);
    centreHeading_ = new QLabel(tr("<b>By centre</b> (descriptive)"), this);
    layout->addWidget(centreHeading_);
    centreTable_ = readOnlyTable(this);
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
    fill(*cohortTable_, report::cohortCharacteristicsTable(evidence.cohortTable));
    legend_->setText(report::cohortComparisonLegend(evidence.cohortTable));
    const bool byCentre = !evidence.cohortByCentre.empty();
    centreHeading_->setVisible(byCentre);
    centreTable_->setVisible(byCentre);
    if (byCentre) fill(*centreTable_, report::cohortCharacteristicsTable(evidence.cohortByCentre));
}

}  // namespace drs::ui
