#include "ui/TableTools.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <set>

namespace drs::ui {
namespace {

// Logical sections in the order the header shows them, hidden ones left out.
std::vector<int> shownSections(const QHeaderView& header, int count, const auto& isHidden) {
    std::vector<int> sections;
    for (int visual = 0; visual < count; ++visual) {
        const int logical = header.count() == count ? header.logicalIndex(visual) : visual;
        if (!isHidden(logical)) sections.push_back(logical);
    }
    return sections;
}

QString oneLine(QString cell) {
    for (QChar& c : cell)
        if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r')) c = QLatin1Char(' ');
    return cell;
}

void copyToClipboard(const QTableView& table, bool selectedOnly) {
    const CsvTable cells = shownCells(table, selectedOnly);
    if (!cells.rows.empty()) QGuiApplication::clipboard()->setText(tabSeparated(cells));
}

bool hasSelection(const QTableView& table) { return table.selectionModel() && table.selectionModel()->hasSelection(); }

// Ctrl+C on the table copies its selection; the view itself would copy the current cell only.
class CopyKey : public QObject {
public:
    explicit CopyKey(QTableView& table) : QObject(&table), table_(table) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        const bool isKey = event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride;
        if (watched != &table_ || !isKey || !static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) return false;
        event->accept();
        if (event->type() == QEvent::ShortcutOverride) return false;  // the key press comes here, not to a shortcut
        copyToClipboard(table_, true);
        return true;
    }

private:
    QTableView& table_;
};

}  // namespace

CsvTable shownCells(const QTableView& table, bool selectedOnly) {
    CsvTable cells;
    const QAbstractItemModel* model = table.model();
    if (!model) return cells;
    std::vector<int> columns =
        shownSections(*table.horizontalHeader(), model->columnCount(), [&](int c) { return table.isColumnHidden(c); });
    std::vector<int> rows =
        shownSections(*table.verticalHeader(), model->rowCount(), [&](int r) { return table.isRowHidden(r); });
    const QItemSelectionModel* selection = table.selectionModel();
    if (selectedOnly) {
        if (!selection) return cells;
        std::set<int> selectedRows, selectedColumns;
        for (const QModelIndex& index : selection->selectedIndexes()) {
            selectedRows.insert(index.row());
            selectedColumns.insert(index.column());
        }
        std::erase_if(rows, [&](int r) { return !selectedRows.count(r); });
        std::erase_if(columns, [&](int c) { return !selectedColumns.count(c); });
    } else {
        for (int c : columns) cells.header.push_back(model->headerData(c, Qt::Horizontal).toString().toStdString());
    }
    for (int r : rows) {
        std::vector<std::string> row;
        for (int c : columns) {
            const QModelIndex index = model->index(r, c);
            const bool wanted = !selectedOnly || selection->isSelected(index);
            row.push_back(wanted ? index.data(Qt::DisplayRole).toString().toStdString() : std::string());
        }
        cells.rows.push_back(std::move(row));
    }
    return cells;
}

QString tabSeparated(const CsvTable& cells) {
    QString text;
    const auto line = [&](const std::vector<std::string>& row) {
        QStringList shown;
        for (const std::string& cell : row) shown << oneLine(QString::fromStdString(cell));
        text += shown.join(QLatin1Char('\t')) + QLatin1Char('\n');
    };
    if (!cells.header.empty()) line(cells.header);
    for (const auto& row : cells.rows) line(row);
    return text;
}

void saveTableCsv(const QTableView& table, const QString& path) {
    writeCsv(path.toStdString(), shownCells(table, false));
}

void equipTable(QTableView& table) {
    table.installEventFilter(new CopyKey(table));
    table.setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(&table, &QWidget::customContextMenuRequested, &table, [&table](const QPoint& position) {
        QMenu menu(&table);
        QAction* copy = menu.addAction(QCoreApplication::translate("TableTools", "Copy"), &table,
                                       [&table] { copyToClipboard(table, true); });
        copy->setShortcut(QKeySequence::Copy);
        copy->setEnabled(hasSelection(table));
        menu.addAction(QCoreApplication::translate("TableTools", "Copy table"), &table,
                       [&table] { copyToClipboard(table, false); });
        menu.addAction(QCoreApplication::translate("TableTools", "Save table as CSV..."), &table, [&table] {
            const QString path =
                QFileDialog::getSaveFileName(&table, QCoreApplication::translate("TableTools", "Save table as CSV"),
                                             QString(), QCoreApplication::translate("TableTools", "CSV (*.csv)"));
            if (path.isEmpty()) return;
            try {
                saveTableCsv(table, path);
            } catch (const std::exception& e) {
                QMessageBox::warning(&table, QCoreApplication::translate("TableTools", "Save table as CSV"),
                                     QString::fromUtf8(e.what()));
            }
        });
        menu.exec(table.viewport()->mapToGlobal(position));
    });
}

}  // namespace drs::ui
