// Copying and saving the tables on screen (TableTools), offscreen. The expected text is the cells
// the test puts in, in the order the view shows them, written out by hand.
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "ui/TableTools.h"

using namespace drs;
using namespace drs::ui;

namespace {

// Rows "a0 b0 c0", "a1 b1 c1", ... under the header A, B, C.
void fill(QTableWidget& table, int rows) {
    table.setColumnCount(3);
    table.setRowCount(rows);
    table.setHorizontalHeaderLabels({"A", "B", "C"});
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < 3; ++c)
            table.setItem(r, c, new QTableWidgetItem(QString(QChar('a' + c)) + QString::number(r)));
}

void select(QTableView& table, int row, int column) {
    table.selectionModel()->select(table.model()->index(row, column), QItemSelectionModel::Select);
}

QString pressCopy(QTableView& table) {
    QGuiApplication::clipboard()->clear();
    QTest::keySequence(&table, QKeySequence::Copy);
    return QGuiApplication::clipboard()->text();
}

}  // namespace

class TestTableTools : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    // Ctrl+C copies the selected block as rows of tab-separated cells, without the column names.
    void copiesTheSelectedBlock() {
        QTableWidget table;
        fill(table, 3);
        equipTable(table);
        select(table, 0, 1);
        select(table, 0, 2);
        select(table, 1, 1);
        select(table, 1, 2);
        QCOMPARE(pressCopy(table), QStringLiteral("b0\tc0\nb1\tc1\n"));
    }

    // Cells apart: their rows and columns, the cells between them left empty, so that a spreadsheet
    // pastes each where it was.
    void copiesCellsApartInTheirPlaces() {
        QTableWidget table;
        fill(table, 3);
        equipTable(table);
        select(table, 0, 0);
        select(table, 2, 2);
        QCOMPARE(pressCopy(table), QStringLiteral("a0\t\n\tc2\n"));
    }

    // Nothing selected, nothing copied: the clipboard keeps what it had.
    void copiesNothingWithoutASelection() {
        QTableWidget table;
        fill(table, 2);
        equipTable(table);
        QGuiApplication::clipboard()->setText(QStringLiteral("kept"));
        QTest::keySequence(&table, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("kept"));
    }

    // The whole table is what the view shows: a filter's rows out, a hidden column out, the sort's
    // order and a moved column's place.
    void theWholeTableIsWhatIsShown() {
        QStandardItemModel model(4, 3);
        model.setHorizontalHeaderLabels({"patient", "centre", "volume"});
        const char* cells[4][3] = {
            {"P-1", "north", "12.5"}, {"P-2", "south", "8"}, {"P-3", "north", "30"}, {"P-4", "north", "4.25"}};
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 3; ++c) model.setItem(r, c, new QStandardItem(QString::fromUtf8(cells[r][c])));
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterKeyColumn(1);
        proxy.setFilterFixedString(QStringLiteral("north"));
        QTableView table;
        table.setModel(&proxy);
        table.setSortingEnabled(true);
        table.sortByColumn(0, Qt::DescendingOrder);
        table.setColumnHidden(1, true);
        table.horizontalHeader()->moveSection(2, 0);  // volume shown first
        const CsvTable shown = shownCells(table, false);
        QCOMPARE(shown.header, (std::vector<std::string>{"volume", "patient"}));
        QCOMPARE(shown.rows, (std::vector<std::vector<std::string>>{{"4.25", "P-4"}, {"30", "P-3"}, {"12.5", "P-1"}}));
        QCOMPARE(tabSeparated(shown), QStringLiteral("volume\tpatient\n4.25\tP-4\n30\tP-3\n12.5\tP-1\n"));
    }

    // A tab or a line break would split a cell in a spreadsheet: in the copy it becomes a space; the
    // CSV keeps the cell as it is (quoted), and reads back the same.
    void cellsWithTabsBreaksCommasAndQuotes() {
        QTableWidget table;
        table.setColumnCount(2);
        table.setRowCount(1);
        table.setHorizontalHeaderLabels({"Training n\n(pos.)", "note"});
        table.setItem(0, 0, new QTableWidgetItem(QStringLiteral("197\t(64)")));
        table.setItem(0, 1, new QTableWidgetItem(QStringLiteral("said \"no\", then\nyes")));
        equipTable(table);
        QCOMPARE(tabSeparated(shownCells(table, false)),
                 QStringLiteral("Training n (pos.)\tnote\n197 (64)\tsaid \"no\", then yes\n"));
        const QString path = dir_.filePath("cells.csv");
        saveTableCsv(table, path);
        const CsvTable back = readCsv(path.toStdString());
        QCOMPARE(back.header, (std::vector<std::string>{"Training n\n(pos.)", "note"}));
        QCOMPARE(back.rows, (std::vector<std::vector<std::string>>{{"197\t(64)", "said \"no\", then\nyes"}}));
    }

    // A file that cannot be written is named in the error, and nothing is left behind.
    void aPathThatCannotBeWrittenIsNamed() {
        QTableWidget table;
        fill(table, 1);
        const QString path = dir_.filePath("no-such-folder/table.csv");
        try {
            saveTableCsv(table, path);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(path), e.what());
        }
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestTableTools)
#include "test_table_tools.moc"
