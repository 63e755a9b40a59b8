#include "ui/ReportTableWidget.h"
#include "ui/TableTools.h"

#include <QHeaderView>
#include <algorithm>

namespace drs::ui {

QTableWidget* readOnlyTable(QWidget* parent, QAbstractItemView::SelectionBehavior rows) {
    auto* table = new QTableWidget(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(rows);
    table->verticalHeader()->hide();
    table->setWordWrap(false);
    equipTable(*table);
    return table;
}

void showTextTable(QTableWidget& table, const report::TextTable& text, int labelColumns) {
    table.clear();
    table.setColumnCount(int(text.header.size()));
    table.setRowCount(int(text.rows.size()));
    QStringList header;
    for (const QString& h : text.header) header << h;
    table.setHorizontalHeaderLabels(header);
    for (int r = 0; r < int(text.rows.size()); ++r) {
        const bool bold = std::find(text.boldRows.begin(), text.boldRows.end(), r) != text.boldRows.end();
        for (int c = 0; c < int(text.rows[r].size()) && c < table.columnCount(); ++c) {
            auto* item = new QTableWidgetItem(text.rows[r][c]);
            item->setTextAlignment(c < labelColumns ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignCenter);
            if (bold) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            table.setItem(r, c, item);
        }
    }
    table.resizeColumnsToContents();
}

void fitHeightToRows(QTableWidget& table) {
    int height = table.horizontalHeader()->height() + 2 * table.frameWidth();
    for (int r = 0; r < table.rowCount(); ++r) height += table.rowHeight(r);
    table.setFixedHeight(height);
}

}  // namespace drs::ui
