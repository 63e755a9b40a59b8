// The evidence view's CV AUCs tab offscreen, on hand-made evidence whose fold AUCs follow a closed
// form (tests/ui/report/SampleEvidence.h): fold f of repeat r of a classifier with panel mean m is
// m + 0.02 (r - 1.5) + 0.03 (f - 2) (1 + 0.5 r) for the Radiomics-Score (4 repeats), and
// m + 0.03 (f - 2) for the deep models (the first repeat only). The chart must plot exactly these.
#include <qcustomplot.h>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>

#include "core/pipeline/Evidence.h"
#include "tests/ui/report/SampleEvidence.h"
#include "ui/ChartTools.h"
#include "ui/EvidenceView.h"
#include "ui/TableTools.h"
#include "ui/Translations.h"
#include "ui/report/ReportCharts.h"

using namespace drs;
using namespace drs::ui;

namespace {

using Key = std::pair<QString, QString>;  // model, classifier as the tick names it

// Every plotted point of the chart by (graph name, tick label under the point), sorted.
std::map<Key, std::vector<double>> plottedPoints(QCustomPlot& plot) {
    const auto ticks = qSharedPointerDynamicCast<QCPAxisTickerText>(plot.xAxis->ticker())->ticks();
    std::map<Key, std::vector<double>> points;
    for (int i = 0; i < plot.graphCount(); ++i) {
        QCPGraph* graph = plot.graph(i);
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            points[{graph->name(), ticks.value(std::round(it->key))}].push_back(it->value);
    }
    for (auto& [key, values] : points) std::sort(values.begin(), values.end());
    return points;
}

// The boxes by (model, tick label).
std::map<Key, QCPStatisticalBox*> plottedBoxes(QCustomPlot& plot) {
    const auto ticks = qSharedPointerDynamicCast<QCPAxisTickerText>(plot.xAxis->ticker())->ticks();
    std::map<Key, QCPStatisticalBox*> boxes;
    for (int i = 0; i < plot.plottableCount(); ++i)
        if (auto* box = qobject_cast<QCPStatisticalBox*>(plot.plottable(i))) {
            QString model = box->name();
            model.chop(QStringLiteral(", median").size());
            boxes[{model, ticks.value(std::round(box->data()->at(0)->key))}] = box;
        }
    return boxes;
}

QString tick(const ClassifierCv& cv, const ModelEvidence& model) {
    return QString::fromStdString(cv.classifier) + (cv.classifier == model.chosenClassifier ? " *" : "");
}

// The closed form of SampleEvidence.h: each fold's AUC (byFold) or each repeat's mean.
std::vector<double> expectedValues(const ClassifierCv& cv, int modelIndex, bool byFold) {
    const int repeats = modelIndex == 0 ? 4 : 1;
    std::vector<double> values;
    for (int r = 0; r < repeats; ++r) {
        const double shift = repeats > 1 ? 0.02 * (r - 1.5) : 0.0;
        if (!byFold) values.push_back(cv.meanAuc + shift);
        for (int f = 0; byFold && f < 5; ++f) values.push_back(cv.meanAuc + shift + 0.03 * (f - 2) * (1 + 0.5 * r));
    }
    std::sort(values.begin(), values.end());
    return values;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-12; }

QByteArray head(const QString& path, int bytes) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(bytes) : QByteArray();
}

}  // namespace

class TestEvidenceView : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    StudyEvidence evidence_;
    std::unique_ptr<EvidenceView> view_;

    void checkPoints(bool byFold) {
        QCustomPlot* plot = view_->cvAucPlot();
        QVERIFY(plot);
        const auto points = plottedPoints(*plot);
        const EndpointEvidence& egfr = evidence_.endpoints[0];
        std::size_t expectedKeys = 0;
        for (int m = 0; m < 3; ++m) {
            const ModelEvidence& model = egfr.models[std::size_t(m)];
            for (const ClassifierCv& cv : model.panel) {
                const Key key{QString::fromStdString(model.model), tick(cv, model)};
                QVERIFY2(points.count(key), qPrintable(key.first + " / " + key.second));
                const std::vector<double> shown = points.at(key), expected = expectedValues(cv, m, byFold);
                QCOMPARE(shown.size(), expected.size());
                for (std::size_t k = 0; k < shown.size(); ++k)
                    QVERIFY2(near(shown[k], expected[k]), qPrintable(QStringLiteral("%1 %2: %3 vs %4")
                                                                         .arg(key.first, key.second)
                                                                         .arg(shown[k], 0, 'g', 17)
                                                                         .arg(expected[k], 0, 'g', 17)));
                ++expectedKeys;
            }
        }
        QCOMPARE(points.size(), expectedKeys);  // 3 models x 7 classifiers, nothing else
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        evidence_ = sample::makeStudyEvidence(dir_.path());
        // English plural forms, as deepradscore shows them in an English locale (and in the screenshot).
        QVERIFY(!installTranslations(*qApp, QLocale(QStringLiteral("en_GB"))).isEmpty());
        view_ = std::make_unique<EvidenceView>();
        view_->resize(1100, 800);
        view_->showEvidence(evidence_, dir_.path());
        view_->tabs()->setCurrentWidget(view_->cvAucTab());
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        QCOMPARE(view_->currentEndpoint(), QStringLiteral("EGFR"));
    }

    // Each repeat's mean by default: four points per Radiomics-Score classifier and one per deep
    // classifier, each the closed form; a box only where there are two points or more.
    void plotsEachRepeatsMean() {
        QCOMPARE(report::CvAucPoints(view_->cvAucPointsChooser()->currentData().toInt()),
                 report::CvAucPoints::RepeatMeans);
        checkPoints(false);
        const auto boxes = plottedBoxes(*view_->cvAucPlot());
        QCOMPARE(boxes.size(), std::size_t(7));  // the Radiomics-Score's only
        const ModelEvidence& radiomics = evidence_.endpoints[0].models[0];
        for (const ClassifierCv& cv : radiomics.panel) {
            const auto* box = boxes.at({QStringLiteral("Radiomics-Score"), tick(cv, radiomics)});
            const auto data = box->data()->at(0);
            // Four repeat means m - 0.03, m - 0.01, m + 0.01, m + 0.03: quartiles m -/+ 0.015 (linear).
            QVERIFY(near(data->minimum, cv.meanAuc - 0.03));
            QVERIFY(near(data->lowerQuartile, cv.meanAuc - 0.015));
            QVERIFY(near(data->median, cv.meanAuc));
            QVERIFY(near(data->upperQuartile, cv.meanAuc + 0.015));
            QVERIFY(near(data->maximum, cv.meanAuc + 0.03));
            // Only the chosen classifier's box is filled.
            QCOMPARE(box->brush().color().alpha() > 0, cv.classifier == radiomics.chosenClassifier);
        }
        const QString caption = view_->cvAucCaption()->text();
        QVERIFY2(caption.contains("Radiomics-Score: 20 outer folds in 4 repeats;"), qPrintable(caption));
        QVERIFY2(caption.contains("Deep-CT: 5 outer folds in 1 repeat;"), qPrintable(caption));
        QVERIFY2(caption.contains("first repeat only"), qPrintable(caption));
    }

    // Each outer fold's AUC: 20 and 5 points per classifier, the closed form; the deep models get
    // their boxes (quartiles of m + 0.03 (f - 2): m -/+ 0.03).
    void plotsEachFold() {
        view_->cvAucPointsChooser()->setCurrentIndex(
            view_->cvAucPointsChooser()->findData(int(report::CvAucPoints::Folds)));
        checkPoints(true);
        const auto boxes = plottedBoxes(*view_->cvAucPlot());
        QCOMPARE(boxes.size(), std::size_t(21));
        const ModelEvidence& deep = evidence_.endpoints[0].models[1];
        for (const ClassifierCv& cv : deep.panel) {
            const auto data = boxes.at({QStringLiteral("Deep-CT"), tick(cv, deep)})->data()->at(0);
            QVERIFY(near(data->lowerQuartile, cv.meanAuc - 0.03));
            QVERIFY(near(data->median, cv.meanAuc));
            QVERIFY(near(data->upperQuartile, cv.meanAuc + 0.03));
        }
        QVERIFY(!view_->cvAucCaption()->text().contains("first repeat only"));
        view_->cvAucPointsChooser()->setCurrentIndex(0);
    }

    // The chosen classifier is marked once per model, on its tick.
    void marksTheChosenClassifier() {
        const auto ticks =
            qSharedPointerDynamicCast<QCPAxisTickerText>(view_->cvAucPlot()->xAxis->ticker())->ticks().values();
        QCOMPARE(ticks.count(QStringLiteral("lr *")), 1);   // Radiomics-Score
        QCOMPARE(ticks.count(QStringLiteral("svm *")), 1);  // Deep-CT
        QCOMPARE(ticks.count(QStringLiteral("rf *")), 1);   // Deep-RadScore
        QCOMPARE(int(std::count_if(ticks.begin(), ticks.end(), [](const QString& t) { return t.endsWith(" *"); })), 3);
        const auto models =
            qSharedPointerDynamicCast<QCPAxisTickerText>(view_->cvAucPlot()->xAxis2->ticker())->ticks().values();
        QCOMPARE(models, (QList<QString>{"Radiomics-Score", "Deep-CT", "Deep-RadScore"}));
    }

    // Hovering a point reads out its model, classifier and AUC.
    void showsValuesOnHover() {
        QCustomPlot& plot = *view_->cvAucPlot();
        plot.replot();
        const ModelEvidence& deep = evidence_.endpoints[0].models[1];  // one point per classifier: at the slot
        const auto ticks = qSharedPointerDynamicCast<QCPAxisTickerText>(plot.xAxis->ticker())->ticks();
        const double key = ticks.key(QStringLiteral("svm *"));
        const double value = deep.panel[0].meanAuc;
        const QString text =
            chartValueAt(plot, QPointF(plot.xAxis->coordToPixel(key), plot.yAxis->coordToPixel(value)));
        QVERIFY2(text.startsWith(QStringLiteral("Deep-CT: svm *, CV AUC = %1").arg(value, 0, 'g', 4)),
                 qPrintable(text));
    }

    // The chart exports like every other chart, and carries the context menu that does it.
    void exportsAsPngSvgPdf() {
        QCustomPlot& plot = *view_->cvAucPlot();
        QCOMPARE(plot.contextMenuPolicy(), Qt::CustomContextMenu);
        const QString png = dir_.filePath("cv.png"), svg = dir_.filePath("cv.svg"), pdf = dir_.filePath("cv.pdf");
        exportChart(plot, png);
        exportChart(plot, svg);
        exportChart(plot, pdf);
        QCOMPARE(QImage(png).size(), plot.size() * 2);
        const QByteArray svgText = head(svg, 1 << 22);
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("Deep-RadScore"));
        QCOMPARE(head(pdf, 5), QByteArray("%PDF-"));
    }

    // Another endpoint redraws the chart with its own values.
    void followsTheEndpoint() {
        QVERIFY(view_->selectEndpoint(QStringLiteral("KRAS")));
        const auto points = plottedPoints(*view_->cvAucPlot());
        const ModelEvidence& radiomics = evidence_.endpoints[1].models[0];
        const auto shown = points.at({QStringLiteral("Radiomics-Score"), tick(radiomics.panel[2], radiomics)});
        const auto expected = expectedValues(radiomics.panel[2], 0, false);
        QCOMPARE(shown.size(), expected.size());
        for (std::size_t k = 0; k < shown.size(); ++k) QVERIFY(near(shown[k], expected[k]));
        QVERIFY(view_->selectEndpoint(QStringLiteral("EGFR")));
    }

    // A fold without an AUC (NaN: its held-out patients were of one class) is left out: of Deep-CT
    // svm's folds m - 0.06, m - 0.03, m, m + 0.03 and NaN the repeat's mean is m - 0.015.
    void foldWithoutAucIsLeftOut() {
        StudyEvidence withNan = evidence_;
        ClassifierCv& svm = withNan.endpoints[0].models[1].panel[0];
        svm.foldAucs[4] = std::nan("");
        EvidenceView view;
        view.showEvidence(withNan, dir_.path());
        const Key key{QStringLiteral("Deep-CT"), QStringLiteral("svm *")};
        const auto means = plottedPoints(*view.cvAucPlot()).at(key);
        QCOMPARE(means.size(), std::size_t(1));
        QVERIFY(near(means[0], svm.meanAuc - 0.015));
        view.cvAucPointsChooser()->setCurrentIndex(
            view.cvAucPointsChooser()->findData(int(report::CvAucPoints::Folds)));
        const auto folds = plottedPoints(*view.cvAucPlot()).at(key);
        QCOMPARE(folds.size(), std::size_t(4));
        QVERIFY(near(folds.back(), svm.meanAuc + 0.03));
    }

    // Evidence written before fold AUCs were kept (format 1): no chart, and the caption says why.
    void evidenceWithoutFoldAucs() {
        StudyEvidence old = evidence_;
        for (auto& endpoint : old.endpoints)
            for (auto& model : endpoint.models)
                for (auto& cv : model.panel) cv.foldAucs.clear(), cv.foldRepeats.clear();
        EvidenceView view;
        view.showEvidence(old, dir_.path());
        QVERIFY(!view.cvAucPlot());
        QVERIFY2(view.cvAucCaption()->text().contains("no per-fold AUCs"), qPrintable(view.cvAucCaption()->text()));
        view.showMessage(QStringLiteral("closed"));
        QVERIFY(!view.cvAucPlot());
    }

    // The metrics table copies as the cells it shows: Ctrl+C on the whole selection gives, for the
    // accuracy row, the three models' test accuracies of the sample evidence (0.731 + 0.02 k).
    void copiesTheMetricsTable() {
        QTableWidget* table = view_->metricsTable();
        table->selectAll();
        QGuiApplication::clipboard()->clear();
        QTest::keySequence(table, QKeySequence::Copy);
        const QStringList lines = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), table->rowCount() + 1);  // one line per row, each ending in a line break
        const auto accuracy =
            std::find_if(lines.begin(), lines.end(), [](const QString& line) { return line.startsWith("Accuracy\t"); });
        QVERIFY(accuracy != lines.end());
        QCOMPARE(*accuracy, QStringLiteral("Accuracy\t0.731\t0.751\t0.771"));
        const CsvTable whole = shownCells(*table, false);  // "Copy table", "Save table as CSV"
        QCOMPARE(whole.header, (std::vector<std::string>{"", "Radiomics-Score", "Deep-CT", "Deep-RadScore"}));
        QCOMPARE(whole.rows.size(), std::size_t(table->rowCount()));
    }

    void cleanupTestCase() { view_.reset(); }
};

QTEST_MAIN(TestEvidenceView)
#include "test_evidence_view.moc"
