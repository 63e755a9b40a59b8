// Chart export (PNG, SVG, PDF) and hover read-outs (ChartTools), and Table 1 on screen
// (CohortTableView), offscreen. The expected values are the data put into the charts.
#include <qcustomplot.h>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/util/Error.h"
#include "ui/ChartTools.h"
#include "ui/CohortTableView.h"
#include "ui/report/ReportCharts.h"

using namespace drs;
using namespace drs::ui;

namespace {

// y = x^2 at x = 0..3, on named axes.
void squares(QCustomPlot& plot) {
    auto* graph = plot.addGraph();
    graph->setName(QStringLiteral("squares"));
    for (int x = 0; x <= 3; ++x) graph->addData(x, x * x);
    plot.xAxis->setLabel(QStringLiteral("Dose (mg)"));
    plot.yAxis->setLabel(QStringLiteral("Response"));
    plot.xAxis->setRange(-0.5, 3.5);
    plot.yAxis->setRange(-1, 10);
    plot.resize(400, 300);
    plot.replot();
}

QPointF pixelOf(const QCustomPlot& plot, double x, double y) {
    return {plot.xAxis->coordToPixel(x), plot.yAxis->coordToPixel(y)};
}

QByteArray head(const QString& path, int bytes) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(bytes) : QByteArray();
}

}  // namespace

class TestCharts : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void exportsPngSvgAndPdf() {
        QCustomPlot plot;
        squares(plot);
        const QString png = dir_.filePath("chart.png"), svg = dir_.filePath("chart.svg"),
                      pdf = dir_.filePath("chart.pdf");
        exportChart(plot, png);
        exportChart(plot, svg);
        exportChart(plot, pdf);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(800, 600));  // twice the on-screen size
        const QByteArray svgText = head(svg, 1 << 20);
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("Response"));  // the axis label is drawn as text
        QCOMPARE(head(pdf, 5), QByteArray("%PDF-"));
        QVERIFY(QDir(dir_.path()).entryList({"*.part.*"}).isEmpty());
    }

    void refusesUnknownFormatsAndUnwritableFolders() {
        QCustomPlot plot;
        squares(plot);
        const QString bmp = dir_.filePath("chart.bmp");
        try {
            exportChart(plot, bmp);
            QFAIL("a .bmp export was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("unknown chart format 'bmp'"), e.what());
        }
        const QString missing = dir_.filePath("no such folder/chart.png");
        QVERIFY_THROWS_EXCEPTION(Error, exportChart(plot, missing));
        QVERIFY(QDir(dir_.path()).entryList({"chart.bmp*"}).isEmpty());
    }

    void hoverShowsTheNearestPoint() {
        QCustomPlot plot;
        squares(plot);
        QCOMPARE(chartValueAt(plot, pixelOf(plot, 2, 4)), QStringLiteral("squares: Dose = 2, Response = 4"));
        // A few pixels off still finds it; far from every point nothing is shown.
        QCOMPARE(chartValueAt(plot, pixelOf(plot, 2, 4) + QPointF(3, -2)),
                 QStringLiteral("squares: Dose = 2, Response = 4"));
        QCOMPARE(chartValueAt(plot, pixelOf(plot, 0.5, 8)), QString());
    }

    void hoverNamesCategoriesOfBarCharts() {
        QCustomPlot plot;
        auto* bars = new QCPBars(plot.yAxis, plot.xAxis);  // horizontal, as the SHAP chart
        bars->setName(QStringLiteral("mean |SHAP|"));
        bars->addData(0, 0.12);
        bars->addData(1, 0.30);
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        ticker->addTick(0, QStringLiteral("deep_3"));
        ticker->addTick(1, QStringLiteral("RadScore_tumour"));
        plot.yAxis->setTicker(ticker);
        plot.yAxis->setRange(-0.5, 1.5);
        plot.xAxis->setRange(0, 0.4);
        plot.xAxis->setLabel(QStringLiteral("mean |SHAP value|"));
        plot.resize(400, 300);
        plot.replot();
        QCOMPARE(chartValueAt(plot, pixelOf(plot, 0.2, 1)),
                 QStringLiteral("mean |SHAP|: RadScore_tumour, mean |SHAP value| = 0.3"));
    }

    void hoverReadsHeatmapCells() {
        QCustomPlot plot;
        CorrelationSummary correlation;
        correlation.rows = {"RadScore_tumour", "RadScore_ring"};
        correlation.columns = {"deep_1", "deep_2"};
        correlation.r = {{0.25, -0.5}, {0.75, 0.0}};
        correlation.p = {{0.1, 0.01}, {0.001, 1.0}};
        report::setupCorrelationHeatmap(plot, correlation);
        plot.resize(500, 400);
        plot.replot();
        // Row 0 is drawn at the top (y = rows - 1).
        QCOMPARE(chartValueAt(plot, pixelOf(plot, 1, 1)),
                 QString::fromUtf8("RadScore_tumour / deep_2: \u22120.50"));  // the report's minus sign
        QCOMPARE(chartValueAt(plot, pixelOf(plot, 0.2, -0.1)), QStringLiteral("RadScore_ring / deep_1: 0.75"));
    }

    void tableOneIsShown() {
        StudyEvidence evidence;
        CohortCharacteristics& table = evidence.cohortTable;
        table.columns = {{"Training", 60}, {"Internal test", 40}};
        table.comparisons = {{0, 1, "Training vs Internal test"}};
        CohortRow age;
        age.variable = "Age";
        age.level = "mean ± SD";
        age.cells = {"61.2 ± 8.1", "60.4 ± 9.0"};
        age.p = {0.42};
        age.tests = {"Mann-Whitney U test"};
        table.rows = {age};
        CohortTableView view;
        view.showEvidence(evidence);
        QTableWidget* shown = view.cohortTable();
        QCOMPARE(shown->rowCount(), 1);
        QStringList cells;
        for (int c = 0; c < shown->columnCount(); ++c) cells << shown->item(0, c)->text();
        QVERIFY2(cells.contains("61.2 ± 8.1") && cells.contains("60.4 ± 9.0") && cells.contains("Age"),
                 qPrintable(cells.join(" | ")));
        QVERIFY(cells.join(" ").contains("Mann-Whitney U"));
        QVERIFY(view.centreTable()->isHidden());  // one centre: no by-centre table
        view.showEvidence(StudyEvidence{});
        QCOMPARE(view.cohortTable()->rowCount(), 0);
    }
};

QTEST_MAIN(TestCharts)
#include "test_charts.moc"
