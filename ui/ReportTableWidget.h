#pragma once
// Report tables (report::TextTable) on screen, so the GUI shows the cells the PDF prints.
#include <QTableWidget>

#include "ui/report/ReportDocument.h"

namespace drs::ui {

// Read-only, equipped with copy and CSV export (TableTools.h); cells selectable one by one or in
// blocks unless rows are.
QTableWidget* readOnlyTable(QWidget* parent,
                            QAbstractItemView::SelectionBehavior rows = QAbstractItemView::SelectItems);

// Fills the table: bold rows as in the PDF; the first labelColumns columns are read as row labels
// (left-aligned), the others centred.
void showTextTable(QTableWidget& table, const report::TextTable& text, int labelColumns = 1);

// Tall enough for every row, for tables that sit in one scrolling page.
void fitHeightToRows(QTableWidget& table);

}  // namespace drs::ui
