// The backbone comparison on screen offscreen: a table written by `drs deep-compare`
// (tests/data/models/deep_compare_blobs.csv, see its README) opened in the view. The test parses
// the file's cells itself and checks that the table, the chart and the summary show exactly them;
// bad files are refused with their name and the problem, keeping what was shown.
#include <qcustomplot.h>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "ui/BackboneComparisonModel.h"
#include "ui/BackboneComparisonView.h"
#include "ui/ChartTools.h"
#include "ui/Translations.h"

using namespace drs;
using namespace drs::ui;

namespace {

const QString kTable = QStringLiteral(DRS_TEST_DATA "/models/deep_compare_blobs.csv");

// The file's rows as maps column -> cell, in file order.
QList<QMap<QString, QString>> fileRows(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split('\n');
    const QStringList header = lines.front().split(',');
    QList<QMap<QString, QString>> rows;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(',');
        QMap<QString, QString> row;
        for (int c = 0; c < header.size(); ++c) row[header[c]] = cells[c];
        rows << row;
    }
    return rows;
}

double number(const QString& cell) { return cell == "nan" ? NAN : cell.toDouble(); }

// "0.812 [0.701–0.923]", n/a for NaN, as docs/report.md prints a value with its CI.
QString withCi(const QMap<QString, QString>& row, const QString& metric) {
    const auto three = [](double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("n/a"); };
    return three(number(row[metric])) + " [" + three(number(row[metric + "_ci_low"])) + QChar(0x2013) +
           three(number(row[metric + "_ci_high"])) + "]";
}

// A data line: patients 10 (5 positive), every metric and CI the given AUC text, not pretrained, 1 epoch.
QByteArray line(const char* backbone, const char* subset, const char* auc, int rank) {
    QByteArray text = QByteArray(backbone) + "," + subset + ",10,5";
    for (int k = 0; k < 18; ++k) text += QByteArray(",") + auc;
    return text + ",false,1," + QByteArray::number(rank) + "\n";
}

void writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

}  // namespace

class TestBackboneComparison : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<BackboneComparisonView> view_;
    QList<QMap<QString, QString>> rows_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        rows_ = fileRows(kTable);
        // English plural forms, as deepradscore shows them in an English locale (and in the screenshot).
        QVERIFY(!installTranslations(*qApp, QLocale(QStringLiteral("en_GB"))).isEmpty());
        QCOMPARE(rows_.size(), 12);
        view_ = std::make_unique<BackboneComparisonView>();
        view_->resize(1000, 700);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    }

    void modelPassesTheTester() {
        BackboneComparisonModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setComparison(readBackboneComparison(kTable.toStdString()));
        QCOMPARE(model.rowCount(), 12);
        model.setComparison({});
        QCOMPARE(model.rowCount(), 0);
    }

    // Every cell of the file in the table, best rank first (the file lists them so, ranks 1..4).
    void tableShowsTheFile() {
        QVERIFY(!view_->chart());
        QVERIFY(view_->open(kTable));
        QAbstractItemModelTester tester(view_->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto* model = view_->model();
        QCOMPARE(model->rowCount(), rows_.size());
        for (int r = 0; r < rows_.size(); ++r) {
            const auto& row = rows_[r];
            const auto cell = [&](int column) { return model->index(r, column).data().toString(); };
            QCOMPARE(cell(BackboneComparisonModel::Rank), row["rank_by_validation_auc"]);
            QCOMPARE(cell(BackboneComparisonModel::Backbone), row["backbone"]);
            QCOMPARE(cell(BackboneComparisonModel::Subset), row["subset"]);
            QCOMPARE(cell(BackboneComparisonModel::Patients), row["n"] + " (" + row["n_positive"] + ")");
            const std::pair<int, const char*> metrics[] = {{BackboneComparisonModel::Auc, "auc"},
                                                           {BackboneComparisonModel::Accuracy, "accuracy"},
                                                           {BackboneComparisonModel::Sensitivity, "sensitivity"},
                                                           {BackboneComparisonModel::Specificity, "specificity"},
                                                           {BackboneComparisonModel::Ppv, "ppv"},
                                                           {BackboneComparisonModel::Npv, "npv"}};
            for (const auto& [column, metric] : metrics) {
                QCOMPARE(cell(column), withCi(row, metric));
                const double stored = model->index(r, column).data(Qt::UserRole).toDouble();
                const double expected = number(row[metric]);
                QVERIFY(stored == expected || (std::isnan(stored) && std::isnan(expected)));
            }
            QCOMPARE(cell(BackboneComparisonModel::Pretrained), row["pretrained"] == "true" ? "yes" : "no");
            QCOMPARE(cell(BackboneComparisonModel::Epochs), row["epochs_run"]);
            QCOMPARE(model->index(r, 0).data(Qt::FontRole).value<QFont>().bold(), row["rank_by_validation_auc"] == "1");
        }
        const QString summary = view_->summary()->text();
        QVERIFY2(summary.contains("deep_compare_blobs.csv: 4 backbones. Chosen: densenet121") &&
                     summary.contains("validation AUC 1.000"),
                 qPrintable(summary));
    }

    // The chart: per backbone tick (rank order, the chosen one marked) and subset, the file's AUC
    // with its CI as error bars.
    void chartShowsTheAucs() {
        QCustomPlot* plot = view_->chart();
        QVERIFY(plot);
        const auto ticks = qSharedPointerDynamicCast<QCPAxisTickerText>(plot->xAxis->ticker())->ticks();
        QCOMPARE(ticks.values(), (QList<QString>{"densenet121 *", "resnet50", "resnet101", "vgg19"}));
        const QMap<QString, QString> graphOf{{"training", "Training"},
                                             {"validation", "Validation (ranks the backbones)"},
                                             {"test", "Test (never ranks)"}};
        int checked = 0;
        for (int i = 0; i < plot->plottableCount(); ++i) {
            auto* bars = qobject_cast<QCPErrorBars*>(plot->plottable(i));
            if (!bars) continue;
            auto* graph = qobject_cast<QCPGraph*>(bars->dataPlottable());
            QVERIFY(graph);
            QCOMPARE(bars->dataCount(), graph->dataCount());
            for (int k = 0; k < graph->dataCount(); ++k) {
                const double key = graph->data()->at(k)->key, value = graph->data()->at(k)->value;
                const QString backbone = ticks.value(std::round(key)).remove(" *");
                const auto row = std::find_if(rows_.begin(), rows_.end(), [&](const auto& r) {
                    return r["backbone"] == backbone && graphOf[r["subset"]] == graph->name();
                });
                QVERIFY2(row != rows_.end(), qPrintable(backbone + " " + graph->name()));
                QCOMPARE(value, number((*row)["auc"]));
                const QCPErrorBarsData error = bars->data()->at(k);
                QVERIFY(std::abs(value - error.errorMinus - number((*row)["auc_ci_low"])) < 1e-12);
                QVERIFY(std::abs(value + error.errorPlus - number((*row)["auc_ci_high"])) < 1e-12);
                ++checked;
            }
        }
        QCOMPARE(checked, 12);
        plot->replot();
        const double key = ticks.key("densenet121 *");
        const QString text = chartValueAt(*plot, QPointF(plot->xAxis->coordToPixel(key), plot->yAxis->coordToPixel(1)));
        QVERIFY2(text.startsWith("Validation (ranks the backbones): densenet121 *, AUC = 1"), qPrintable(text));
        QCOMPARE(plot->contextMenuPolicy(), Qt::CustomContextMenu);
        const QString png = dir_.filePath("backbones.png");
        exportChart(*plot, png);
        QCOMPARE(QImage(png).size(), plot->size() * 2);
    }

    void namesTheRunsBackbone() {
        view_->setRunBackbone("resnet50");
        QVERIFY2(view_->summary()->text().contains("The run on screen used resnet50."),
                 qPrintable(view_->summary()->text()));
    }

    // The README's picture (docs/screenshots).
    void screenshot() {
        QTest::qWait(200);
        const QString folder = QStringLiteral(DRS_TEST_DATA "/../../docs/screenshots");
        QDir().mkpath(folder);
        QVERIFY(view_->grab().save(folder + "/backbone-comparison.png", "PNG"));
    }

    // A file that is not a deep-compare table is refused, naming it and the problem; the table on
    // screen stays.
    void refusesOtherFiles_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("Table 1") << QByteArray("variable,level,Training\nAge,mean,63\n") << "no column named 'subset'";
        QFile file(kTable);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray header = file.readLine();
        QTest::newRow("unknown subset") << header + line("densenet121", "train", "0.7", 1)
                                        << "line 2: subset 'train' is not training, validation or test";
        QTest::newRow("not a number") << header + line("densenet121", "test", "high", 1) << "line 2 auc";
        QTest::newRow("two ranks") << header + line("vgg19", "test", "0.7", 1) + line("vgg19", "training", "0.7", 2)
                                   << "line 3: vgg19 ranked 2 here and 1 above";
        QTest::newRow("short line") << header + "vgg19,test,10\n"
                                    << "line 2";
        QTest::newRow("empty") << header << "no backbone in the comparison";
    }

    void refusesOtherFiles() {
        QFETCH(QByteArray, text);
        QFETCH(QString, problem);
        const QString path = dir_.filePath("bad.csv");
        writeText(path, text);
        QSignalSpy errors(view_.get(), &BackboneComparisonView::errorOccurred);
        QVERIFY(!view_->open(path));
        QCOMPARE(errors.size(), 1);
        const QString message = errors.front().front().toString();
        QVERIFY2(message.contains(path) && message.contains(problem), qPrintable(message));
        QCOMPARE(view_->model()->rowCount(), 12);
        QVERIFY(view_->chart());
    }

    void refusesAMissingFile() {
        QSignalSpy errors(view_.get(), &BackboneComparisonView::errorOccurred);
        QVERIFY(!view_->open(dir_.filePath("absent.csv")));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().front().toString().contains("absent.csv"),
                 qPrintable(errors.front().front().toString()));
    }

    void cleanupTestCase() { view_.reset(); }
};

QTEST_MAIN(TestBackboneComparison)
#include "test_backbone_comparison.moc"
