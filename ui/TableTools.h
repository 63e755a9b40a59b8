#pragma once
#include <QString>

#include "core/util/Csv.h"

class QTableView;

namespace drs::ui {

// Every table on screen gets these, as charts get theirs (ChartTools.h): Ctrl+C copies the selected
// cells as tab-separated text, which spreadsheets paste as cells; a context menu (right click)
// copies the selection, or the whole table with its column names, or saves the whole table as CSV.
// "Whole" is what is shown: rows a filter hides and hidden columns are left out, and rows and
// columns come in the order shown.
void equipTable(QTableView& table);

// The cells as shown: the column names, then every row not hidden. With selectedOnly, no column
// names, and only the rows and columns that hold a selected cell (its unselected cells empty).
CsvTable shownCells(const QTableView& table, bool selectedOnly);

// One line per row, cells separated by tabs, column names first when there are any. A tab or line
// break inside a cell becomes a space: a spreadsheet would split the cell there.
QString tabSeparated(const CsvTable& cells);

// Writes the whole table (shownCells) as CSV, complete or not at all; throws drs::Error naming the file.
void saveTableCsv(const QTableView& table, const QString& path);

}  // namespace drs::ui
