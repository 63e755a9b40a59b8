// The Study tab as a study coordinator uses it, on the offscreen platform (the window falls back to
// its slice views without OpenGL; under Xvfb the GUI thread would also wait for the X server, a
// process the same CPU load starves, and the watchdog below could not tell that apart),
// with the real LibTorch Deep-CT engine: a new project made in the window and a small synthetic
// cohort brought in with the import wizard (preview, then import); the
// pipeline run from the panel, cancelled mid-run with the status bar's Cancel button, then run
// again (it resumes and finishes); the evidence on screen checked against the project database,
// read here with plain SQL (ROC points recomputed from the stored test predictions and labels);
// the study report saved and recorded; a prediction for a study opened in the viewer checked
// against the probability the pipeline stored for that same patient; a moved project; and
// closing the window during a run. A second, locked external cohort is imported through the
// wizard; validating the cancelled run on it is refused, the finished run is validated from the
// panel, and the External validation tab is checked against the stored rows and against AUCs and
// DeLong intervals recomputed here from the stored external predictions; Table 1 has the external
// cohort's column, its Mann-Whitney p recomputed here from the stored ages. An event-loop watchdog
// (EventLoopWatchdog.h) checks that the GUI thread never blocks for 100 ms or more while the pipeline runs.
#include <qcustomplot.h>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "EventLoopWatchdog.h"
#include "FieldsInView.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/ProjectDb.h"
#include "models/TorchDeepCt.h"
#include "ui/CohortModel.h"
#include "ui/CohortPanel.h"
#include "ui/CohortTableView.h"
#include "ui/ElidedLabel.h"
#include "ui/EvidenceView.h"
#include "ui/ImportWizard.h"
#include "ui/MainWindow.h"
#include "ui/PredictionView.h"
#include "ui/ProjectMenu.h"
#include "ui/StudyPanel.h"
#include "ui/report/NumberFormat.h"
#include "viewers/SurfaceFormat.h"

using namespace drs;
using namespace drs::ui;

namespace {

constexpr int kPatients = 44;
constexpr int kCohortSeed = 11;
constexpr int kExternalPatients = 16;
constexpr int kExternalSeed = 12;
const QString kExternalCohort = QStringLiteral("Holdout");
constexpr int kRunSeed = 3;
const QStringList kEndpoints{QStringLiteral("PI"), QStringLiteral("EGFR")};

struct XyPoint {
    double x, y;
};

// The empirical ROC, written out here from its definition: from (0, 0), one point per distinct
// score taken as the threshold (positive when score >= threshold), highest first, to (1, 1).
std::vector<XyPoint> empiricalRoc(const std::vector<std::pair<double, int>>& scoreLabel) {
    std::vector<double> thresholds;
    double positives = 0, negatives = 0;
    for (const auto& [score, label] : scoreLabel) {
        thresholds.push_back(score);
        (label == 1 ? positives : negatives) += 1;
    }
    std::sort(thresholds.begin(), thresholds.end(), std::greater<>());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
    std::vector<XyPoint> points{{0, 0}};
    for (double t : thresholds) {
        double tp = 0, fp = 0;
        for (const auto& [score, label] : scoreLabel)
            if (score >= t) (label == 1 ? tp : fp) += 1;
        points.push_back({fp / negatives, tp / positives});
    }
    return points;
}

// The AUC with its DeLong 95% CI, written out here from DeLong, DeLong and Clarke-Pearson (1988):
// the placement values of each positive and each negative, their sample variances, a normal interval
// clipped to [0, 1].
struct AucCi {
    double auc = 0, low = 0, high = 0;
};
AucCi delongInterval(const std::vector<std::pair<double, int>>& scoreLabel) {
    std::vector<double> positives, negatives;
    for (const auto& [score, label] : scoreLabel) (label == 1 ? positives : negatives).push_back(score);
    auto psi = [](double positive, double negative) {
        return positive > negative ? 1.0 : positive == negative ? 0.5 : 0.0;
    };
    std::vector<double> v10, v01;
    for (double x : positives) {
        double sum = 0;
        for (double y : negatives) sum += psi(x, y);
        v10.push_back(sum / double(negatives.size()));
    }
    for (double y : negatives) {
        double sum = 0;
        for (double x : positives) sum += psi(x, y);
        v01.push_back(sum / double(positives.size()));
    }
    double auc = 0;
    for (double v : v10) auc += v;
    auc /= double(v10.size());
    auto sampleVariance = [auc](const std::vector<double>& v) {
        double sum = 0;
        for (double x : v) sum += (x - auc) * (x - auc);
        return sum / double(v.size() - 1);
    };
    const double half = 1.959963984540054 *
                        std::sqrt(sampleVariance(v10) / double(v10.size()) + sampleVariance(v01) / double(v01.size()));
    return {auc, std::clamp(auc - half, 0.0, 1.0), std::clamp(auc + half, 0.0, 1.0)};
}

// Two-sided Mann-Whitney U p, normal approximation with tie and continuity correction (R's
// wilcox.test(exact = FALSE, correct = TRUE)), written out here from its definition.
double mannWhitneyP(const std::vector<double>& x, const std::vector<double>& y) {
    std::vector<std::pair<double, int>> all;
    for (double v : x) all.emplace_back(v, 0);
    for (double v : y) all.emplace_back(v, 1);
    std::sort(all.begin(), all.end());
    const double n = double(all.size()), nx = double(x.size()), ny = double(y.size());
    double rankSumX = 0, ties = 0;
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        while (j < all.size() && all[j].first == all[i].first) ++j;
        const double t = double(j - i), midRank = (double(i + 1) + double(j)) / 2;
        for (std::size_t k = i; k < j; ++k)
            if (all[k].second == 0) rankSumX += midRank;
        ties += t * t * t - t;
        i = j;
    }
    const double u = rankSumX - nx * (nx + 1) / 2, mean = nx * ny / 2;
    const double sd = std::sqrt(nx * ny / 12 * ((n + 1) - ties / (n * (n - 1))));
    const double z = std::max(0.0, std::abs(u - mean) - 0.5) / sd;
    return std::erfc(z / std::sqrt(2.0));
}

}  // namespace

class TestStudyPanel : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString projectPath_;
    QString studiesFolder_;
    std::map<std::string, std::string> folderOfPseudonym_;
    std::unique_ptr<MainWindow> window_;
    QSqlDatabase db_;
    EventLoopWatchdog watchdog_;

    StudyPanel* panel() { return window_->studyPanel(); }
    EvidenceView* evidence() { return panel()->evidenceView(); }

    QSqlQuery sql(const QString& text, const QVariantList& values = {}) {
        QSqlQuery query(db_);
        query.prepare(text);
        for (const QVariant& v : values) query.addBindValue(v);
        if (!query.exec()) qFatal("%s: %s", qPrintable(text), qPrintable(query.lastError().text()));
        return query;
    }
    QVariant scalar(const QString& text, const QVariantList& values = {}) {
        QSqlQuery query = sql(text, values);
        return query.next() ? query.value(0) : QVariant();
    }
    qint64 modelId(qint64 runId, const QString& endpoint, const QString& model) {
        return scalar(
                   "SELECT t.id FROM trained_models t JOIN endpoints e ON e.id = t.endpoint_id "
                   "WHERE t.run_id = ? AND e.name = ? AND t.model = ?",
                   {runId, endpoint, model})
            .toLongLong();
    }

    void checkWatchdog(const char* what) {
        qInfo(
            "%s: GUI thread blocked at most %.1f ms (%.1f ms of it on a CPU); event loop late at most %.1f ms "
            "including CPU starvation (%d ticks%s)",
            what, watchdog_.maxBlockedMs(), watchdog_.worstOnCpuMs(), watchdog_.maxGapMs(), watchdog_.ticks(),
            watchdog_.distinguishesStarvation() ? "" : "; no schedstat, starvation counted as blocked");
        QVERIFY(watchdog_.ticks() > 10);
        QVERIFY2(watchdog_.maxBlockedMs() < 100, qPrintable(QString::number(watchdog_.maxBlockedMs())));
    }

    // The README's pictures (docs/screenshots), as the window shows the Study tab now.
    void saveScreenshot(const char* name) {
        window_->statusBar()->clearMessage();  // an earlier test's refusal is not part of the picture
        QTest::qWait(300);
        const QString folder = QStringLiteral(DRS_TEST_DATA "/../../docs/screenshots");
        QDir().mkpath(folder);
        QVERIFY(window_->grab().save(folder + "/" + name, "PNG"));
    }

    // The first tick label of a shown chart that cannot be read, described; empty when all can: the
    // plot area has a line of its value-axis font per value label, the rotated category labels fit
    // below it and the category-group labels above it, and the chart is inside every widget around it.
    static QString tickLabelOutOfView(QCustomPlot& plot) {
        if (!plot.isVisible()) return QStringLiteral("the chart is hidden");
        for (const QWidget* up = plot.parentWidget(); up; up = up->parentWidget()) {
            if (!up->rect().contains(QRect(plot.mapTo(up, QPoint(0, 0)), plot.size())))
                return QStringLiteral("the chart is cut off by its %1").arg(up->metaObject()->className());
            if (up->isWindow()) break;
        }
        plot.replot();
        const QRect area = plot.axisRect()->rect();
        const int valueLabels = int(plot.yAxis->tickVectorLabels().size());
        const int valueLinePx = QFontMetrics(plot.yAxis->tickLabelFont()).height();
        if (valueLabels < 2 || area.height() < valueLabels * valueLinePx)
            return QStringLiteral("plot area %1 px high for %2 value labels of %3 px")
                .arg(area.height())
                .arg(valueLabels)
                .arg(valueLinePx);
        const double radians = std::abs(plot.xAxis->tickLabelRotation()) * M_PI / 180;
        const QFontMetrics categoryFont(plot.xAxis->tickLabelFont());
        const QStringList categories = plot.xAxis->tickVectorLabels();
        if (categories.isEmpty()) return QStringLiteral("no category labels");
        for (const QString& label : categories) {
            const QRect box = categoryFont.boundingRect(label);
            const int below = area.bottom() + plot.xAxis->offset() + std::max(0, plot.xAxis->tickLengthOut()) +
                              plot.xAxis->tickLabelPadding() +
                              int(std::ceil(box.width() * std::sin(radians) + box.height() * std::cos(radians)));
            if (below > plot.height())
                return QStringLiteral("\"%1\" reaches %2 px in a chart %3 px high")
                    .arg(label)
                    .arg(below)
                    .arg(plot.height());
        }
        const QStringList groups = plot.xAxis2->tickVectorLabels();
        const int titleBottom = plot.plotLayout()->element(0, 0)->outerRect().bottom();
        if (groups.isEmpty()) return QStringLiteral("no group labels");
        if (area.top() - plot.xAxis2->offset() - plot.xAxis2->tickLabelPadding() -
                QFontMetrics(plot.xAxis2->tickLabelFont()).height() <
            titleBottom)
            return QStringLiteral("\"%1\" is under the title").arg(groups.first());
        return {};
    }

    // Presses `button` of the next modal question box once it is open.
    void answerNextQuestion(QMessageBox::StandardButton button) {
        auto* poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [poll, button] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                poll->stop();
                poll->deleteLater();
                box->button(button)->click();
            }
        });
        poll->start(20);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        SilentProgress quiet;
        const auto cohort =
            synthetic::writeSyntheticCohort((dir_.path() + "/cohort").toStdString(), kPatients, kCohortSeed, quiet);
        studiesFolder_ = QString::fromStdString(cohort.studiesFolder);
        projectPath_ = dir_.path() + "/study project.sqlite";
        models::prepareProcessForTraining();
        window_ = std::make_unique<MainWindow>([] { return models::makeTorchDeepCt(); });
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        // As a coordinator starts, with the window only: a new project, then the import wizard's
        // preview and import; the Study tab reads the imported project afterwards.
        QSignalSpy shown(panel(), &StudyPanel::projectShown);
        QVERIFY(window_->cohortPanel()->createProject(projectPath_));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
        ImportWizard* wizard = window_->projectMenu()->startImport();
        QVERIFY(wizard);
        wizard->setSources(studiesFolder_, QString::fromStdString(cohort.clinicalCsv));
        wizard->covariatesEdit()->setText(QStringLiteral("age, sex, smoking, location"));
        QSignalSpy previewed(wizard, &ImportWizard::previewReady);
        wizard->next();
        QVERIFY(previewed.wait(180000));
        QCOMPARE(wizard->preview()->acceptedCount(), std::size_t(kPatients));
        shown.clear();
        QSignalSpy imported(wizard, &ImportWizard::imported);
        wizard->next();
        QVERIFY(imported.wait(180000));
        for (const auto& outcome : wizard->result()->outcomes)
            if (outcome.accepted) folderOfPseudonym_[outcome.pseudonym] = outcome.source;
        QCOMPARE(folderOfPseudonym_.size(), std::size_t(kPatients));
        wizard->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
        QCOMPARE(window_->cohortPanel()->model()->rowCount(), kPatients);

        // A second hospital's patients, imported as a locked external cohort with the same wizard.
        const auto external = synthetic::writeSyntheticCohort((dir_.path() + "/external").toStdString(),
                                                              kExternalPatients, kExternalSeed, quiet, true);
        QTRY_VERIFY(!window_->projectMenu()->importWizard());  // the first wizard closed itself
        wizard = window_->projectMenu()->startImport();
        QVERIFY(wizard);
        wizard->setSources(QString::fromStdString(external.studiesFolder),
                           QString::fromStdString(external.clinicalCsv));
        wizard->externalBox()->setChecked(true);
        QVERIFY(!wizard->currentPage()->isComplete());  // a locked cohort needs its name
        wizard->externalNameEdit()->setText(kExternalCohort);
        QVERIFY(wizard->currentPage()->isComplete());
        QSignalSpy externalPreviewed(wizard, &ImportWizard::previewReady);
        wizard->next();
        QVERIFY(externalPreviewed.wait(180000));
        QCOMPARE(wizard->preview()->acceptedCount(), std::size_t(kExternalPatients));
        QVERIFY(wizard->previewSummary()->text().contains("locked external cohort <b>Holdout</b>"));
        shown.clear();
        QSignalSpy externalImported(wizard, &ImportWizard::imported);
        wizard->next();
        QVERIFY(externalImported.wait(180000));
        QCOMPARE(externalImported.first().first().toInt(), kExternalPatients);
        wizard->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
        // The Cohort tab lists both cohorts; the Study tab offers the locked one for validation.
        QCOMPARE(window_->cohortPanel()->model()->rowCount(), kPatients + kExternalPatients);
        QCOMPARE(panel()->externalChooser()->count(), 1);
        QCOMPARE(panel()->externalChooser()->currentText(), kExternalCohort);
        db_ = QSqlDatabase::addDatabase("QSQLITE", "check");
        db_.setDatabaseName(projectPath_);
        QVERIFY(db_.open());
        QCOMPARE(scalar("SELECT count(*) FROM patients p JOIN external_cohorts c ON c.id = p.external_cohort_id "
                        "WHERE c.name = ?",
                        {kExternalCohort})
                     .toInt(),
                 kExternalPatients);
    }

    void opensProjectWithoutRuns() {
        QSignalSpy shown(panel(), &StudyPanel::projectShown);
        window_->openProject(projectPath_);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
        QCOMPARE(shown.first().first().toLongLong(), 0LL);
        QCOMPARE(panel()->runChooser()->count(), 0);
        QCOMPARE(evidence()->endpointTable()->rowCount(), 0);
        QCOMPARE(panel()->endpointMenu()->actions().size(), 10);  // the clinical CSV's ten endpoints
        QVERIFY(panel()->runButton()->isEnabled());
    }

    void missingProjectFileIsRefused() {
        QSignalSpy errors(panel(), &StudyPanel::errorOccurred);
        window_->openProject(dir_.path() + "/no such.sqlite");
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.first().first().toString().contains("no such.sqlite: no such project database file"));
        QVERIFY(!QFileInfo::exists(dir_.path() + "/no such.sqlite"));
        QCOMPARE(panel()->projectPath(), QFileInfo(projectPath_).absoluteFilePath());
    }

    // Read when "Run study" is pressed: a file that cannot be used starts nothing.
    void unusableRadiomicsParamsFileStartsNoRun() {
        const QString bad = dir_.path() + "/radiomics params.json";
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"imageType": {"Original": {}, "LoG": {"sigma": [1.0]}}})");  // drs extract's, not a study's
        file.close();
        QLineEdit* field = panel()->runSettings()->radiomicsParamsEdit();
        field->setText(bad);
        QSignalSpy errors(panel(), &StudyPanel::errorOccurred);
        QTest::mouseClick(panel()->runButton(), Qt::LeftButton);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().startsWith(bad + ": "),
                 qPrintable(errors.first().first().toString()));
        QVERIFY(errors.first().first().toString().contains("imageType.LoG"));
        QCOMPARE(scalar("SELECT count(*) FROM runs").toInt(), 0);
        field->clear();
    }

    void cancelLeavesTheRunResumable() {
        panel()->settingsChooser()->setCurrentIndex(0);  // fast
        panel()->seedBox()->setValue(kRunSeed);
        panel()->epochsBox()->setValue(1);
        RunSettingsPanel* settings = panel()->runSettings();
        settings->deviceChooser()->setCurrentIndex(settings->deviceChooser()->findData(QStringLiteral("cpu")));
        settings->deepThreadsBox()->setValue(1);
        // Harmonised by centre, so that a prediction needs the patient's centre.
        settings->combatChooser()->setCurrentIndex(
            settings->combatChooser()->findData(int(RunSettingsPanel::Harmonisation::ByCentre)));
        // The radiomics of a parameter file, which the resumed run and the predictions must keep.
        const QString radiomicsParams = dir_.path() + "/bin width 20.json";
        {
            QFile file(radiomicsParams);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(R"({"setting": {"binWidth": 20}, "imageType": {"Original": {}}})");
        }
        settings->radiomicsParamsEdit()->setText(radiomicsParams);
        QStringList order;
        for (QAction* action : panel()->endpointMenu()->actions()) {
            action->setChecked(kEndpoints.contains(action->text()));
            if (action->isChecked()) order << action->text();
        }
        QCOMPARE(order.size(), 2);
        // Cancel as the second endpoint starts, the way a user would: the status bar's button.
        const QString secondEndpoint = order[1] + ":";
        bool pressed = false;
        // Disconnected when this test ends: the lambda refers to this function's locals, and later tests run more
        // endpoints.
        QSignalSpy jobStarted(&window_->backgroundRunner(), &BackgroundRunner::started);
        const QMetaObject::Connection canceller = connect(
            &window_->backgroundRunner(), &BackgroundRunner::progressed, this, [&](double, const QString& message) {
                if (pressed || !message.startsWith(secondEndpoint)) return;
                pressed = true;
                // The status bar has the step whole, after the job's title: shown as far as it fits, and
                // as the tooltip.
                QCOMPARE(jobStarted.size(), 1);
                const QString step = jobStarted.first().first().toString() + QStringLiteral(": ") + message;
                QVERIFY(window_->progressText()->isVisible());
                QCOMPARE(window_->progressText()->fullText(), step);
                QCOMPARE(window_->progressText()->toolTip(), step);
                const QString shown = window_->progressText()->text();
                QVERIFY2(shown == step || (shown.endsWith(QChar(0x2026)) && step.startsWith(shown.chopped(1))),
                         qPrintable(shown));
                QVERIFY(window_->cancelButton()->isVisible());
                QTest::mouseClick(window_->cancelButton(), Qt::LeftButton);
            });
        const auto disconnectCanceller = qScopeGuard([&] { disconnect(canceller); });
        QSignalSpy stopped(panel(), &StudyPanel::runStopped);
        QSignalSpy finished(panel(), &StudyPanel::runFinished);
        QSignalSpy shown(panel(), &StudyPanel::projectShown);
        // The status bar's progress: the percentage reported, then the time left once there is an estimate.
        const QRegularExpression progressText(
            QStringLiteral("^(\\d+)%( - (about \\d+ minute.* left|less than a minute left))?$"));
        int reports = 0, withTimeLeft = 0;
        QString wrongText;
        const QMetaObject::Connection watcher = connect(
            &window_->backgroundRunner(), &BackgroundRunner::progressed, this, [&](double fraction, const QString&) {
                ++reports;
                const QString text = window_->progressBar()->text();
                const QRegularExpressionMatch match = progressText.match(text);
                if (!match.hasMatch() || std::abs(match.captured(1).toInt() - fraction * 100) > 1) wrongText = text;
                if (match.hasMatch() && !match.captured(2).isEmpty()) ++withTimeLeft;
            });
        const auto disconnectWatcher = qScopeGuard([&] { disconnect(watcher); });
        watchdog_.start();
        QTest::mouseClick(panel()->runButton(), Qt::LeftButton);
        QVERIFY(window_->isBusy());
        QVERIFY(!panel()->runButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!stopped.isEmpty() || !finished.isEmpty(), 300000);
        watchdog_.stop();
        checkWatchdog("cancelled run");
        QVERIFY(pressed);
        // The run takes well over the 5 s after which the time left is estimated.
        qInfo("cancelled run: %d progress reports, %d with the time left", reports, withTimeLeft);
        QVERIFY2(wrongText.isEmpty(), qPrintable(wrongText));
        QVERIFY(withTimeLeft > 0);
        QCOMPARE(stopped.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);  // the project is reread after the cancel

        QCOMPARE(scalar("SELECT count(*) FROM runs").toInt(), 1);
        QCOMPARE(scalar("SELECT status FROM runs").toString(), QStringLiteral("cancelled"));
        QVERIFY(scalar("SELECT finished_at FROM runs").isValid());
        // The panel's Deep-CT choices are the run's recorded parameters.
        const QJsonObject parameters =
            QJsonDocument::fromJson(scalar("SELECT parameters_json FROM runs").toByteArray()).object();
        QCOMPARE(parameters["device"].toString(), QStringLiteral("cpu"));
        QVERIFY(parameters["combat_by_centre"].toBool());
        QCOMPARE(parameters["deep"].toObject()["backbone"].toString(), QStringLiteral("densenet121"));
        QCOMPARE(parameters["deep"].toObject()["width_divisor"].toInt(), 4);
        QCOMPARE(parameters["deep"].toObject()["cpu_threads"].toInt(), 1);
        QCOMPARE(parameters["deep"].toObject()["epochs"].toInt(), 1);
        QCOMPARE(parameters["radiomics"].toObject()["binWidth"].toDouble(), 20.0);
        QCOMPARE(scalar("SELECT count(*) FROM run_steps WHERE step = ?", {"endpoint:" + order[0]}).toInt(), 1);
        QCOMPARE(scalar("SELECT count(*) FROM run_steps WHERE step = ?", {"endpoint:" + order[1]}).toInt(), 0);

        // Usable again, showing the cancelled run and what it finished.
        QVERIFY(!window_->isBusy());
        QVERIFY(panel()->runButton()->isEnabled());
        QVERIFY(panel()->predictButton()->isEnabled());
        QCOMPARE(panel()->runChooser()->count(), 1);
        QVERIFY(panel()->runChooser()->currentText().contains("cancelled"));
        QVERIFY(panel()->runStatusLabel()->text().contains("resumes"));
        QCOMPARE(evidence()->endpointTable()->rowCount(), 1);
        QCOMPARE(evidence()->endpointTable()->item(0, 0)->text(), order[0]);
        // The settings shown are the run's, so pressing Run resumes it.
        QCOMPARE(panel()->settingsChooser()->currentIndex(), 0);
        QCOMPARE(panel()->seedBox()->value(), kRunSeed);
        QCOMPARE(panel()->epochsBox()->value(), 1);
        QCOMPARE(settings->radiomicsParamsEdit()->text(), QStringLiteral("(as the shown run recorded them)"));
    }

    void validatingAnUnfinishedRunIsRefused() {
        QVERIFY(panel()->runChooser()->currentText().contains("cancelled"));
        QVERIFY(panel()->validateButton()->isEnabled());
        QSignalSpy errors(panel(), &StudyPanel::errorOccurred);
        QTest::mouseClick(panel()->validateButton(), Qt::LeftButton);
        QCOMPARE(errors.size(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("run %1 is cancelled, not finished").arg(panel()->shownRunId())) &&
                     message.contains("Nothing was written"),
                 qPrintable(message));
        QVERIFY(!window_->isBusy());
        QCOMPARE(scalar("SELECT count(*) FROM external_validations").toInt(), 0);
        QCOMPARE(scalar("SELECT count(*) FROM external_predictions").toInt(), 0);
        QCOMPARE(scalar("SELECT count(*) FROM metrics WHERE subset LIKE 'external:%'").toInt(), 0);
        QVERIFY(evidence()->externalSections().isEmpty());
    }

    void runningAgainResumesAndFinishes() {
        QSignalSpy finished(panel(), &StudyPanel::runFinished);
        QSignalSpy stopped(panel(), &StudyPanel::runStopped);
        watchdog_.start();
        QTest::mouseClick(panel()->runButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!stopped.isEmpty() || !finished.isEmpty(), 300000);
        watchdog_.stop();
        checkWatchdog("resumed run");
        QCOMPARE(finished.size(), 1);
        QCOMPARE(scalar("SELECT count(*) FROM runs").toInt(), 1);  // resumed, not restarted
        QCOMPARE(scalar("SELECT status FROM runs").toString(), QStringLiteral("finished"));
        QCOMPARE(finished.first().first().toLongLong(), scalar("SELECT id FROM runs").toLongLong());
        QVERIFY(!window_->isBusy());
        QVERIFY(panel()->runChooser()->currentText().contains("finished"));
        QCOMPARE(evidence()->endpointTable()->rowCount(), 2);
        // With a project and its evidence shown, every run setting is still in view.
        const QString outOfView = uitest::fieldOutOfView(*panel()->runSettings());
        QVERIFY2(outOfView.isEmpty(), qPrintable(outOfView));
        saveScreenshot("evidence.png");
    }

    void endpointListShowsTheStoredAucs() {
        const qint64 runId = panel()->shownRunId();
        QTableWidget* table = evidence()->endpointTable();
        for (int row = 0; row < table->rowCount(); ++row) {
            const QString endpoint = table->item(row, 0)->text();
            QVERIFY(kEndpoints.contains(endpoint));
            for (int m = 0; m < 3; ++m) {
                const QString model = EvidenceView::modelNames()[m];
                const qint64 id = modelId(runId, endpoint, model);
                QTableWidgetItem* cell = table->item(row, 3 + m);
                if (id == 0) {  // only the Radiomics-Score model goes unbuilt: no signature in either region
                    QCOMPARE(model, QStringLiteral("Radiomics-Score"));
                    QCOMPARE(cell->text(), QStringLiteral("not built"));
                    continue;
                }
                const auto metric = [&](const char* name) {
                    return scalar("SELECT value FROM metrics WHERE model_id = ? AND subset = 'test' AND name = ?",
                                  {id, name})
                        .toDouble();
                };
                QCOMPARE(cell->data(Qt::UserRole).toDouble(), metric("auc"));
                QCOMPARE(cell->text(), report::aucWithCi(metric("auc"), metric("auc_ci_low"), metric("auc_ci_high")));
            }
        }
    }

    void rocCurvesAreTheStoredTestPredictions() {
        const qint64 runId = panel()->shownRunId();
        for (const QString& endpoint : kEndpoints) {
            QVERIFY(evidence()->selectEndpoint(endpoint));
            QCustomPlot* plot = evidence()->rocPlot();
            QVERIFY(plot);
            for (const QString& model : EvidenceView::modelNames()) {
                const qint64 id = modelId(runId, endpoint, model);
                if (id == 0) {  // not built: no curve
                    for (int i = 0; i < plot->plottableCount(); ++i)
                        QVERIFY(!plot->plottable(i)->name().startsWith(model + ": AUC"));
                    continue;
                }
                std::vector<std::pair<double, int>> scoreLabel;
                QSqlQuery rows =
                    sql("SELECT p.probability, l.value FROM predictions p JOIN trained_models t ON t.id = p.model_id "
                        "JOIN labels l ON l.patient_id = p.patient_id AND l.endpoint_id = t.endpoint_id "
                        "WHERE p.model_id = ? AND p.subset = 'test'",
                        {id});
                while (rows.next()) scoreLabel.emplace_back(rows.value(0).toDouble(), rows.value(1).toInt());
                QVERIFY(scoreLabel.size() >= 4);
                const std::vector<XyPoint> expected = empiricalRoc(scoreLabel);
                QCPCurve* curve = nullptr;
                for (int i = 0; i < plot->plottableCount(); ++i)
                    if (plot->plottable(i)->name().startsWith(model + ": AUC"))
                        curve = qobject_cast<QCPCurve*>(plot->plottable(i));
                QVERIFY2(curve, qPrintable(model));
                QCOMPARE(curve->data()->size(), int(expected.size()));
                int i = 0;
                for (auto point = curve->data()->constBegin(); point != curve->data()->constEnd(); ++point, ++i) {
                    QVERIFY2(
                        std::abs(point->key - expected[i].x) < 1e-12 && std::abs(point->value - expected[i].y) < 1e-12,
                        qPrintable(QString("%1 %2 point %3").arg(endpoint, model).arg(i)));
                }
            }
        }
    }

    void heatmapShowsTheStoredCorrelations() {
        const qint64 runId = panel()->shownRunId();
        for (const QString& endpoint : kEndpoints) {
            QVERIFY(evidence()->selectEndpoint(endpoint));
            QCustomPlot* plot = evidence()->correlationPlot();
            QVERIFY(plot);
            const auto columns = qSharedPointerDynamicCast<QCPAxisTickerText>(plot->xAxis->ticker())->ticks();
            const auto rows = qSharedPointerDynamicCast<QCPAxisTickerText>(plot->yAxis->ticker())->ticks();
            std::map<std::pair<QString, QString>, double> stored;
            QSqlQuery query =
                sql("SELECT c.feature_a, c.feature_b, c.r FROM correlations c JOIN endpoints e ON e.id = c.endpoint_id "
                    "WHERE c.run_id = ? AND e.name = ? AND c.method = 'pearson'",
                    {runId, endpoint});
            while (query.next())
                stored[{query.value(0).toString(), query.value(1).toString()}] =
                    query.value(2).isNull() ? std::nan("") : query.value(2).toDouble();  // undefined: a constant input
            QCOMPARE(int(stored.size()), 2 * 10);  // two RadScores x ten deep features
            int cells = 0;
            for (int i = 0; i < plot->itemCount(); ++i) {
                auto* text = qobject_cast<QCPItemText*>(plot->item(i));
                if (!text) continue;
                const QString rowName = rows.value(text->position->value());
                const QString columnName = columns.value(text->position->key());
                QVERIFY2(stored.count({rowName, columnName}), qPrintable(rowName + " / " + columnName));
                QCOMPARE(text->text(), report::fixed(stored.at({rowName, columnName}), 2));
                ++cells;
            }
            QCOMPARE(cells, int(stored.size()));
        }
    }

    void shapBarsAreSortedByTheStoredMeanAbsoluteShap() {
        const qint64 runId = panel()->shownRunId();
        for (const QString& endpoint : kEndpoints) {
            QVERIFY(evidence()->selectEndpoint(endpoint));
            QCustomPlot* plot = evidence()->shapBarPlot();
            QVERIFY(plot);
            auto* bars = qobject_cast<QCPBars*>(plot->plottable(0));
            QVERIFY(bars);
            const auto names = qSharedPointerDynamicCast<QCPAxisTickerText>(plot->yAxis->ticker())->ticks();
            std::vector<std::pair<QString, double>> stored;  // feature, mean |SHAP|
            QSqlQuery query = sql("SELECT feature, avg(abs(shap)) FROM shap_values WHERE model_id = ? GROUP BY feature",
                                  {modelId(runId, endpoint, "Deep-RadScore")});
            while (query.next()) stored.emplace_back(query.value(0).toString(), query.value(1).toDouble());
            QVERIFY(stored.size() >= 2);
            std::sort(stored.begin(), stored.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            const int shown = std::min(12, int(stored.size()));
            QCOMPARE(bars->data()->size(), shown);
            // Top of the chart (highest key) first.
            std::vector<std::pair<QString, double>> onScreen;
            for (auto bar = bars->data()->constBegin(); bar != bars->data()->constEnd(); ++bar)
                onScreen.emplace_back(names.value(bar->key), bar->value);
            std::reverse(onScreen.begin(), onScreen.end());
            for (int rank = 0; rank < shown; ++rank) {
                QVERIFY2(std::abs(onScreen[rank].second - stored[rank].second) < 1e-9,
                         qPrintable(QString("%1 rank %2").arg(endpoint).arg(rank)));
                if (rank > 0) QVERIFY(onScreen[rank - 1].second >= onScreen[rank].second);
                // Names agree unless two features tie.
                if (rank + 1 < int(stored.size()) && stored[rank].second != stored[rank + 1].second &&
                    (rank == 0 || stored[rank - 1].second != stored[rank].second))
                    QCOMPARE(onScreen[rank].first, stored[rank].first);
            }
        }
    }

    void metricsTabShowsTheStoredDelongTests() {
        const qint64 runId = panel()->shownRunId();
        for (const QString& endpoint : kEndpoints) {
            QVERIFY(evidence()->selectEndpoint(endpoint));
            QTableWidget* delong = evidence()->delongTable();
            const int stored = scalar(
                                   "SELECT count(*) FROM model_comparisons c JOIN trained_models t ON t.id = "
                                   "c.model_a JOIN endpoints e ON e.id = t.endpoint_id WHERE t.run_id = ? AND "
                                   "e.name = ? AND c.test = 'delong_paired' AND c.subset = 'test'",
                                   {runId, endpoint})
                                   .toInt();
            QVERIFY(stored == 3 || stored == 1);  // 1: no Radiomics-Score model
            QCOMPARE(delong->rowCount(), stored);
            for (int row = 0; row < delong->rowCount(); ++row) {
                const QString a = delong->item(row, 0)->text(), b = delong->item(row, 1)->text();
                const QVariant p = scalar(
                    "SELECT c.p_value FROM model_comparisons c WHERE c.model_a = ? AND c.model_b = ? "
                    "AND c.test = 'delong_paired'",
                    {modelId(runId, endpoint, a), modelId(runId, endpoint, b)});
                QVERIFY2(p.isValid(), qPrintable(a + " vs " + b));
                QCOMPARE(delong->item(row, 6)->text(), report::pValue(p.toDouble()));
            }
            const int built = scalar(
                                  "SELECT count(*) FROM trained_models t JOIN endpoints e ON e.id = t.endpoint_id "
                                  "WHERE t.run_id = ? AND e.name = ?",
                                  {runId, endpoint})
                                  .toInt();
            QCOMPARE(evidence()->metricsTable()->columnCount(), 1 + built);  // the metric's name, then each model
            QVERIFY(evidence()->calibrationPlot() && evidence()->decisionPlot());
            // Grad-CAM: the run's images for this endpoint, all readable.
            const QStringList files =
                QDir(QFileInfo(projectPath_).path() + "/study project.files/runs/" + QString::number(runId))
                    .entryList({endpoint + "-gradcam-*.png"});
            QVERIFY(!files.isEmpty());
            QCOMPARE(evidence()->gradCamLabels().size(), files.size());
            for (QLabel* image : evidence()->gradCamLabels()) QVERIFY(!image->pixmap().isNull());
        }
    }

    // The CV AUCs tab plots, per model and classifier, each repeat's mean of the fold AUCs the run
    // stored (its test-evaluation step's evidence, read here as plain JSON), and those fold AUCs
    // average to the stored mean AUC.
    void cvAucChartShowsTheStoredFoldAucs() {
        const qint64 runId = panel()->shownRunId();
        const QJsonObject stored =
            QJsonDocument::fromJson(
                scalar("SELECT checkpoint_json FROM run_steps WHERE run_id = ? AND step = 'test-evaluation'", {runId})
                    .toString()
                    .toUtf8())
                .object();
        const auto toNumber = [](const QJsonValue& v) { return v.isString() ? std::nan("") : v.toDouble(); };
        int strips = 0;
        for (const QJsonValue& endpointValue : stored["endpoints"].toArray()) {
            const QJsonObject endpoint = endpointValue.toObject();
            QVERIFY(evidence()->selectEndpoint(endpoint["endpoint"].toString()));
            QCustomPlot* plot = evidence()->cvAucPlot();
            QVERIFY(plot);
            const auto ticks = qSharedPointerDynamicCast<QCPAxisTickerText>(plot->xAxis->ticker())->ticks();
            std::map<std::pair<QString, QString>, std::vector<double>> shown;
            for (int i = 0; i < plot->graphCount(); ++i)
                for (auto it = plot->graph(i)->data()->constBegin(); it != plot->graph(i)->data()->constEnd(); ++it)
                    shown[{plot->graph(i)->name(), ticks.value(std::round(it->key))}].push_back(it->value);
            for (const QJsonValue& modelValue : endpoint["models"].toArray()) {
                const QJsonObject model = modelValue.toObject();
                for (const QJsonValue& cvValue : model["panel"].toArray()) {
                    const QJsonObject cv = cvValue.toObject();
                    const QJsonArray folds = cv["fold_aucs"].toArray(), repeats = cv["fold_repeats"].toArray();
                    QVERIFY(!folds.isEmpty());
                    QCOMPARE(folds.size(), repeats.size());
                    std::map<int, std::pair<double, int>> byRepeat;  // sum, count of the defined fold AUCs
                    double sum = 0;
                    int defined = 0;
                    for (int k = 0; k < folds.size(); ++k) {
                        const double auc = toNumber(folds[k]);
                        if (std::isnan(auc)) continue;
                        byRepeat[repeats[k].toInt()].first += auc;
                        ++byRepeat[repeats[k].toInt()].second;
                        sum += auc;
                        ++defined;
                    }
                    QVERIFY(std::abs(sum / defined - cv["mean_auc"].toDouble()) < 1e-12);
                    // The fast settings: 2 repeats; the deep models, with a network per outer fold, the first only.
                    std::set<int> repeatSet;
                    for (const QJsonValue& r : repeats) repeatSet.insert(r.toInt());
                    const std::set<int> expectedRepeats =
                        model["model"].toString() == "Radiomics-Score" ? std::set<int>{0, 1} : std::set<int>{0};
                    QVERIFY2(repeatSet == expectedRepeats, qPrintable(model["model"].toString()));
                    std::vector<double> expected;
                    for (const auto& [repeat, total] : byRepeat) expected.push_back(total.first / total.second);
                    const QString classifier = cv["classifier"].toString();
                    const QString tick = classifier + (classifier == model["chosen_classifier"].toString() ? " *" : "");
                    auto points = shown[{model["model"].toString(), tick}];
                    std::sort(points.begin(), points.end());
                    std::sort(expected.begin(), expected.end());
                    QCOMPARE(points.size(), expected.size());
                    for (std::size_t k = 0; k < points.size(); ++k)
                        QVERIFY2(std::abs(points[k] - expected[k]) < 1e-12,
                                 qPrintable(model["model"].toString() + " " + tick));
                    ++strips;
                }
            }
        }
        QVERIFY(strips >= 2 * 2 * 7);  // two endpoints, at least the two deep models, seven classifiers
        // In the default 1280x900 window every tick label of the chart is in view, for each endpoint.
        QCOMPARE(window_->size(), QSize(1280, 900));
        evidence()->tabs()->setCurrentWidget(evidence()->cvAucTab());
        for (const QJsonValue& endpointValue : stored["endpoints"].toArray()) {
            QVERIFY(evidence()->selectEndpoint(endpointValue.toObject()["endpoint"].toString()));
            QTest::qWait(50);  // laid out
            QCustomPlot* plot = evidence()->cvAucPlot();
            const QString cut = tickLabelOutOfView(*plot);
            qInfo("CV AUC chart %dx%d (minimum height %d, its layout's %d), plot area %d px high (minimum %d)",
                  plot->width(), plot->height(), plot->minimumHeight(),
                  static_cast<QWidget*>(plot)->minimumSizeHint().height(), plot->axisRect()->rect().height(),
                  plot->axisRect()->minimumSize().height());
            QVERIFY2(cut.isEmpty(), qPrintable(endpointValue.toObject()["endpoint"].toString() + ": " + cut));
            // At its minimum height, which the window keeps, the chart shows them too.
            plot->setMaximumHeight(plot->minimumHeight());
            QTest::qWait(50);
            const QString cutAtMinimum = tickLabelOutOfView(*plot);
            plot->setMaximumHeight(QWIDGETSIZE_MAX);
            QVERIFY2(cutAtMinimum.isEmpty(), qPrintable(cutAtMinimum));
            QTest::qWait(50);
        }
        saveScreenshot("cv-aucs.png");
        evidence()->tabs()->setCurrentIndex(0);
    }

    void validatesTheFinishedRunOnTheExternalCohort() {
        const qint64 runId = panel()->shownRunId();
        QVERIFY(panel()->runChooser()->currentText().contains("finished"));
        QSignalSpy validated(panel(), &StudyPanel::externalValidated);
        QSignalSpy errors(panel(), &StudyPanel::errorOccurred);
        watchdog_.start();
        QTest::mouseClick(panel()->validateButton(), Qt::LeftButton);
        QVERIFY(window_->isBusy());
        QVERIFY(!panel()->validateButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!validated.isEmpty() || !errors.isEmpty(), 300000);
        watchdog_.stop();
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        checkWatchdog("external validation");
        QCOMPARE(validated.first().at(0).toLongLong(), runId);
        QCOMPARE(validated.first().at(1).toString(), kExternalCohort);
        QCOMPARE(scalar("SELECT count(*) FROM external_validations WHERE run_id = ?", {runId}).toInt(), 1);
        QCOMPARE(evidence()->tabs()->currentWidget(), evidence()->externalTab());

        const QString subset = "external:" + kExternalCohort;
        const int externalColumn = evidence()->externalColumn(kExternalCohort);
        QCOMPARE(externalColumn, 6);  // after the three models' internal test AUCs
        int independentlyChecked = 0;
        for (const QString& endpoint : kEndpoints) {
            QVERIFY(evidence()->selectEndpoint(endpoint));
            QCOMPARE(evidence()->externalSections().size(), 1);
            const EvidenceView::ExternalSection& section = evidence()->externalSections().first();
            QCOMPARE(section.cohort, kExternalCohort);
            QVERIFY(section.roc && section.validation && section.thresholdMetrics && section.delong);
            const QTableWidget& table = *section.validation;
            int built = 0;
            for (const QString& model : EvidenceView::modelNames()) {
                const qint64 id = modelId(runId, endpoint, model);
                if (id == 0) continue;
                ++built;
                const auto metric = [&](const QString& from, const char* name) {
                    return scalar("SELECT value FROM metrics WHERE model_id = ? AND subset = ? AND name = ?",
                                  {id, from, name})
                        .toDouble();
                };
                int row = -1;
                for (int r = 0; r < table.rowCount(); ++r)
                    if (table.item(r, 0)->text() == model) row = r;
                QVERIFY2(row >= 0, qPrintable(endpoint + " " + model));
                // Internal test beside external, as stored.
                QCOMPARE(table.item(row, 1)->text(),
                         report::aucWithCi(metric("test", "auc"), metric("test", "auc_ci_low"),
                                           metric("test", "auc_ci_high")));
                QCOMPARE(table.item(row, 2)->text(),
                         report::aucWithCi(metric(subset, "auc"), metric(subset, "auc_ci_low"),
                                           metric(subset, "auc_ci_high")));
                // Recomputed here from the stored external probabilities and the cohort's labels.
                std::vector<std::pair<double, int>> scoreLabel;
                QSqlQuery rows = sql(
                    "SELECT x.probability, l.value FROM external_predictions x JOIN trained_models t ON t.id = x.model_id "
                    "JOIN labels l ON l.patient_id = x.patient_id AND l.endpoint_id = t.endpoint_id "
                    "JOIN patients p ON p.id = x.patient_id JOIN external_cohorts c ON c.id = p.external_cohort_id "
                    "WHERE x.model_id = ? AND c.name = ?",
                    {id, kExternalCohort});
                while (rows.next()) scoreLabel.emplace_back(rows.value(0).toDouble(), rows.value(1).toInt());
                const int labelled =
                    scalar(
                        "SELECT count(*) FROM labels l JOIN endpoints e ON e.id = l.endpoint_id JOIN patients p ON "
                        "p.id = l.patient_id WHERE e.name = ? AND p.external_cohort_id IS NOT NULL",
                        {endpoint})
                        .toInt();
                QCOMPARE(int(scoreLabel.size()), labelled);
                const AucCi expected = delongInterval(scoreLabel);
                QVERIFY2(std::abs(expected.auc - metric(subset, "auc")) < 1e-12, qPrintable(endpoint + " " + model));
                QVERIFY(std::abs(expected.low - metric(subset, "auc_ci_low")) < 1e-9);
                QVERIFY(std::abs(expected.high - metric(subset, "auc_ci_high")) < 1e-9);
                QCOMPARE(table.item(row, 2)->text(), report::aucWithCi(expected.auc, expected.low, expected.high));
                // The run's own threshold, and sensitivity / specificity counted here at it.
                const double threshold = scalar("SELECT threshold FROM trained_models WHERE id = ?", {id}).toDouble();
                double tp = 0, positives = 0, tn = 0, negatives = 0;
                for (const auto& [score, label] : scoreLabel) {
                    (label == 1 ? positives : negatives) += 1;
                    if (label == 1 && score >= threshold) tp += 1;
                    if (label == 0 && score < threshold) tn += 1;
                }
                QCOMPARE(table.item(row, 3)->text(), report::fixed(threshold));
                QCOMPARE(table.item(row, 4)->text(), report::fixed(tp / positives));
                QCOMPARE(table.item(row, 5)->text(), report::fixed(tn / negatives));
                QCOMPARE(section.thresholdMetrics->item(row, 3)->text(), report::fixed(tp / positives));
                QCOMPARE(section.thresholdMetrics->item(row, 4)->text(), report::fixed(tn / negatives));
                if (model == EvidenceView::modelNames().back()) {
                    // Fewer than 10 events (patients of the rarer class): descriptive, as the report says.
                    const int events = int(std::min(positives, negatives));
                    QCOMPARE(section.descriptive != nullptr, events < 10);
                    if (section.descriptive)
                        QVERIFY2(section.descriptive->text().startsWith(
                                     QStringLiteral("Descriptive only: %1 event").arg(events)),
                                 qPrintable(section.descriptive->text()));
                    const int listRow = evidence()->endpointTable()->currentRow();
                    QCOMPARE(evidence()->endpointTable()->item(listRow, externalColumn)->data(Qt::UserRole).toDouble(),
                             metric(subset, "auc"));
                }
                ++independentlyChecked;
            }
            QCOMPARE(table.rowCount(), built);
            // The paired DeLong tests on the external patients, as stored.
            const QTableWidget& delong = *section.delong;
            QCOMPARE(delong.rowCount(), built == 3 ? 3 : 1);
            for (int row = 0; row < delong.rowCount(); ++row) {
                const QVariant p =
                    scalar("SELECT p_value FROM model_comparisons WHERE model_a = ? AND model_b = ? AND subset = ?",
                           {modelId(runId, endpoint, delong.item(row, 0)->text()),
                            modelId(runId, endpoint, delong.item(row, 1)->text()), subset});
                QVERIFY(p.isValid());
                QCOMPARE(delong.item(row, 6)->text(), report::pValue(p.toDouble()));
            }
        }
        QVERIFY(independentlyChecked >= 4);
        QVERIFY(evidence()->selectEndpoint(kEndpoints[1]));
        QTest::qWait(200);  // the new section is laid out before it can be scrolled to
        qobject_cast<QScrollArea*>(evidence()->externalTab())
            ->ensureWidgetVisible(evidence()->externalSections().first().validation);
        saveScreenshot("external-validation.png");
    }

    void table1HasTheExternalCohortComparedWithTraining() {
        const qint64 runId = panel()->shownRunId();
        QTableWidget* table = panel()->cohortTableView()->cohortTable();
        QStringList header;
        for (int c = 0; c < table->columnCount(); ++c) header << table->horizontalHeaderItem(c)->text();
        // Training and internal test from the run's split, the external cohort, a p per comparison.
        QJsonArray testIds = QJsonDocument::fromJson(scalar("SELECT checkpoint_json FROM run_steps WHERE run_id = ? "
                                                            "AND step = 'split'",
                                                            {runId})
                                                         .toByteArray())
                                 .object()["test_patients"]
                                 .toArray();
        const int test = int(testIds.size());
        QCOMPARE(header.mid(2, 3), (QStringList{QStringLiteral("Training\n(n = %1)").arg(kPatients - test),
                                                QStringLiteral("Internal test\n(n = %1)").arg(test),
                                                QStringLiteral("External: Holdout\n(n = %1)").arg(kExternalPatients)}));
        QCOMPARE(header.mid(5, 2), (QStringList{"p (a)", "p (b)"}));
        QVERIFY(panel()->cohortTableView()->legendLabel()->text().contains("p (b): Training vs External: Holdout"));
        // Age, training vs external, from the stored clinical values.
        std::set<qint64> inTest;
        for (const auto& id : testIds) inTest.insert(id.toInteger());
        std::vector<double> training, external;
        QSqlQuery ages = sql(
            "SELECT c.patient_id, c.value, p.external_cohort_id IS NOT NULL FROM clinical_values c JOIN patients p ON "
            "p.id = c.patient_id WHERE c.name = 'age'");
        while (ages.next()) {
            if (ages.value(2).toBool())
                external.push_back(ages.value(1).toDouble());
            else if (!inTest.count(ages.value(0).toLongLong()))
                training.push_back(ages.value(1).toDouble());
        }
        QCOMPARE(int(external.size()), kExternalPatients);
        int ageRow = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0) && table->item(r, 0)->text() == "age") ageRow = r;
        QVERIFY(ageRow >= 0);
        QCOMPARE(table->item(ageRow, 6)->text(), report::pValue(mannWhitneyP(training, external)));
        QVERIFY(table->item(ageRow, 7)->text().startsWith("Mann-Whitney U test"));
    }

    void studyReportIsSavedAndRecorded() {
        const QString pdf = dir_.path() + "/study report.pdf";
        QVERIFY(panel()->reportButton()->isEnabled());
        QVERIFY(panel()->saveStudyReport(pdf));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
        QCOMPARE(
            scalar("SELECT count(*) FROM reports WHERE run_id = ? AND kind = 'cohort'", {qint64(panel()->shownRunId())})
                .toInt(),
            1);
        // An unwritable target is reported, naming it.
        QSignalSpy errors(panel(), &StudyPanel::errorOccurred);
        QVERIFY(!panel()->saveStudyReport(dir_.path() + "/no such folder/r.pdf"));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains("no such folder/r.pdf"),
                 qPrintable(errors.first().first().toString()));
    }

    void predictsTheStudyOpenInTheViewer() {
        // A test patient of the endpoint with a radiomic signature (so that ComBat reaches its
        // prediction) whose stored Deep-RadScore probability is far from 0 and 1, so the comparison is
        // not saturated.
        const qint64 runId = panel()->shownRunId();
        const int row = modelId(runId, kEndpoints[0], "Radiomics-Score") != 0 ? 0 : 1;
        QVERIFY2(modelId(runId, kEndpoints[row], "Radiomics-Score") != 0, "no endpoint with a radiomic signature");
        const qint64 fused = modelId(runId, kEndpoints[row], "Deep-RadScore");
        QSqlQuery query = sql(
            "SELECT pa.pseudonym, p.probability, pa.centre FROM predictions p JOIN patients pa ON pa.id = p.patient_id "
            "WHERE p.model_id = ? AND p.subset = 'test' ORDER BY abs(p.probability - 0.5), pa.id LIMIT 1",
            {fused});
        QVERIFY(query.next());
        const std::string pseudonym = query.value(0).toString().toStdString();
        const double storedProbability = query.value(1).toDouble();
        const QString centre = query.value(2).toString();
        const QString folder = studiesFolder_ + "/" + QString::fromStdString(folderOfPseudonym_.at(pseudonym));

        // The centre chooser: the run's training centres, then "unknown".
        QStringList trainingCentres;
        QSqlQuery centres = sql(
            "SELECT DISTINCT pa.centre FROM splits s JOIN patients pa ON pa.id = s.patient_id WHERE s.run_id = ? AND "
            "s.subset = 'train' ORDER BY pa.centre",
            {runId});
        while (centres.next()) trainingCentres << centres.value(0).toString();
        QVERIFY(trainingCentres.size() >= 2 && trainingCentres.contains(centre));
        QStringList offered;
        for (int i = 0; i < panel()->centreChooser()->count(); ++i) offered << panel()->centreChooser()->itemText(i);
        QCOMPARE(offered, trainingCentres + QStringList{"unknown"});
        QCOMPARE(panel()->centreChooser()->currentText(), QStringLiteral("unknown"));

        QSignalSpy regions(window_.get(), &MainWindow::regionsShown);
        window_->openStudy(folder + "/CT", folder + "/RTSTRUCT.dcm");
        QTRY_VERIFY_WITH_TIMEOUT(!regions.isEmpty(), 60000);
        window_->showStudyTab();
        QSignalSpy predicted(panel(), &StudyPanel::predictionShown);
        const auto predictWith = [&](const QString& chooserText) {
            panel()->centreChooser()->setCurrentIndex(panel()->centreChooser()->findText(chooserText));
            predicted.clear();
            QTest::mouseClick(panel()->predictButton(), Qt::LeftButton);
            return QTest::qWaitFor([&] { return !predicted.isEmpty(); }, 120000);
        };
        const auto title = [&] { return panel()->predictionView()->titleLabel()->text(); };
        QTableWidget* table = panel()->predictionView()->table();
        const auto shownProbability = [&] { return table->item(row, 1)->data(Qt::UserRole).toDouble(); };
        // "unknown" takes a project patient's own centre: the prediction is the one the pipeline stored
        // for this test patient, and it says whose estimates were applied.
        QVERIFY(predictWith(QStringLiteral("unknown")));
        const double ownCentre = shownProbability();
        QVERIFY2(title().contains("ComBat by centre: applied with the training estimates of centre '" + centre +
                                  "', the project patient's"),
                 qPrintable(title()));
        QVERIFY2(std::abs(ownCentre - storedProbability) < 1e-4,
                 qPrintable(QString("%1 vs stored %2").arg(ownCentre).arg(storedProbability)));
        // Another centre chosen: its estimates, and another probability.
        const QString other = trainingCentres.at(trainingCentres.indexOf(centre) == 0 ? 1 : 0);
        QVERIFY(predictWith(other));
        QVERIFY(title().contains("ComBat by centre: applied with the training estimates of centre '" + other + "'"));
        const double otherCentre = shownProbability();
        QVERIFY2(
            std::abs(otherCentre - storedProbability) > 1e-6,
            qPrintable(QString("with centre %1 %2, stored %3").arg(other).arg(otherCentre).arg(storedProbability)));
        // Its own centre chosen: the stored prediction again.
        QVERIFY(predictWith(centre));
        QVERIFY(title().contains("ComBat by centre: applied with the training estimates of centre '" + centre + "'"));

        QCOMPARE(table->rowCount(), 2);  // the two analysed endpoints
        QCOMPARE(table->item(row, 0)->text(), kEndpoints[row]);
        // A test patient: no in-sample mark, and the title names the analysed endpoints alone; the test
        // set's events and size as the database counts them.
        QVERIFY(!table->item(row, 3)->text().contains("in-sample"));
        const QString role = title().section(QStringLiteral("Project patient: "), 1);
        QVERIFY2(role.startsWith(QStringLiteral("a test patient of run %1 for ").arg(runId)) &&
                     role.contains(kEndpoints[row]) && !role.contains(QStringLiteral("LVI")),
                 qPrintable(role));
        QSqlQuery counts =
            sql("SELECT count(*), sum(l.value) FROM splits s JOIN endpoints e ON e.id = s.endpoint_id JOIN labels l ON "
                "l.patient_id = s.patient_id AND l.endpoint_id = s.endpoint_id WHERE s.run_id = ? AND e.name = ? AND "
                "s.subset = 'test'",
                {runId, kEndpoints[row]});
        QVERIFY(counts.next());
        const int testPatients = counts.value(0).toInt(), positives = counts.value(1).toInt();
        QCOMPARE(table->item(row, 5)->text(),
                 QStringLiteral("%1 of %2").arg(std::min(positives, testPatients - positives)).arg(testPatients));
        const double probability = shownProbability();
        QVERIFY2(std::abs(probability - storedProbability) < 1e-4,
                 qPrintable(QString("%1 vs stored %2").arg(probability).arg(storedProbability)));
        // The chart shows the table's probabilities.
        QCustomPlot* plot = panel()->predictionView()->probabilityPlot();
        QVERIFY(plot);
        std::vector<double> charted;
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(i)))
                for (auto bar = bars->data()->constBegin(); bar != bars->data()->constEnd(); ++bar)
                    charted.push_back(bar->value);
        std::vector<double> tabled;
        for (int row = 0; row < table->rowCount(); ++row)
            tabled.push_back(table->item(row, 1)->data(Qt::UserRole).toDouble());
        // The Grad-CAM is of the endpoint with the highest probability, and its title says which.
        const auto highest = std::max_element(tabled.begin(), tabled.end()) - tabled.begin();
        QCOMPARE(panel()->predictionView()->gradCamTitle()->text(),
                 "Grad-CAM: Deep-CT for " + table->item(int(highest), 0)->text());
        std::sort(charted.begin(), charted.end());
        std::sort(tabled.begin(), tabled.end());
        QCOMPARE(charted, tabled);
        QVERIFY(!window_->isBusy());
        saveScreenshot("prediction.png");
    }

    void movedProjectStillShowsItsGradCamImages() {
        // The evidence records absolute image paths; a project moved since the run finds its
        // images under its own files folder.
        const QString first = evidence()->selectEndpoint(kEndpoints[0]) ? kEndpoints[0] : QString();
        QVERIFY(!first.isEmpty());
        db_.close();
        const QString stem = QFileInfo(projectPath_).path() + "/";
        QVERIFY(QDir().rename(stem + "study project.files", stem + "moved.files"));
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            if (QFile::exists(projectPath_ + suffix))
                QVERIFY(QFile::rename(projectPath_ + suffix, stem + "moved.sqlite" + suffix));
        QSignalSpy shown(panel(), &StudyPanel::projectShown);
        window_->openProject(stem + "moved.sqlite");
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
        QVERIFY(evidence()->selectEndpoint(first));
        const QList<QLabel*> images = evidence()->gradCamLabels();
        QVERIFY(!images.isEmpty());
        for (QLabel* image : images) {
            QVERIFY2(image->property("gradCamPath").toString().startsWith(stem + "moved.files/"),
                     qPrintable(image->property("gradCamPath").toString()));
            QVERIFY(!image->pixmap().isNull());
        }
    }

    void closingDuringARunAsksThenCancels() {
        const QString project = panel()->projectPath();
        panel()->seedBox()->setValue(kRunSeed + 1);  // a new run
        QSignalSpy progressed(&window_->backgroundRunner(), &BackgroundRunner::progressed);
        QTest::mouseClick(panel()->runButton(), Qt::LeftButton);
        QVERIFY(window_->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!progressed.isEmpty(), 60000);
        // In a narrower window the status bar's parts still sit side by side, inside it, and the step
        // is shown as far as it fits.
        window_->resize(1024, 900);
        QTRY_COMPARE(window_->width(), 1024);
        QTest::qWait(50);
        QStatusBar* bar = window_->statusBar();
        const QList<QWidget*> parts = bar->findChildren<QWidget*>(Qt::FindDirectChildrenOnly);
        QList<QRect> shownParts;
        for (QWidget* part : parts) {
            if (!part->isVisible()) continue;
            const QRect r = part->geometry();
            QVERIFY2(bar->rect().contains(r), part->metaObject()->className());
            for (const QRect& other : shownParts) QVERIFY2(!r.intersects(other), part->metaObject()->className());
            shownParts << r;
        }
        for (QWidget* part :
             {static_cast<QWidget*>(window_->progressText()), static_cast<QWidget*>(window_->progressBar()),
              static_cast<QWidget*>(window_->cancelButton())}) {
            QVERIFY(part->isVisible());
            QVERIFY(part->width() >= part->minimumSizeHint().width());
        }
        QVERIFY(window_->progressBar()->fontMetrics().horizontalAdvance(window_->progressBar()->text()) <
                window_->progressBar()->width());
        ElidedLabel* step = window_->progressText();
        const QString full = step->fullText(), text = step->text();
        const int fits = step->contentsRect().width();
        QVERIFY(step->fontMetrics().horizontalAdvance(text) <= fits);
        if (step->fontMetrics().horizontalAdvance(full) <= fits)
            QCOMPARE(text, full);
        else
            QVERIFY2(text.endsWith(QChar(0x2026)) && full.startsWith(text.chopped(1)), qPrintable(text));
        qInfo("status bar at 1024 px: step label %d px, \"%s\" of \"%s\"", fits, qPrintable(text), qPrintable(full));
        window_->resize(1280, 900);
        // "No": the window and the run stay.
        answerNextQuestion(QMessageBox::No);
        window_->close();
        QVERIFY(window_->isVisible());
        QVERIFY(window_->isBusy());
        // "Yes": the run is cancelled, then the window closes.
        answerNextQuestion(QMessageBox::Yes);
        window_->close();
        QTRY_VERIFY_WITH_TIMEOUT(!window_->isVisible(), 120000);
        QVERIFY(!window_->isBusy());
        {
            QSqlDatabase moved = QSqlDatabase::addDatabase("QSQLITE", "moved");
            moved.setDatabaseName(project);
            QVERIFY(moved.open());
            QSqlQuery newest(moved);
            QVERIFY(newest.exec("SELECT status, seed FROM runs ORDER BY id DESC LIMIT 1") && newest.next());
            QCOMPARE(newest.value(0).toString(), QStringLiteral("cancelled"));
            QCOMPARE(newest.value(1).toInt(), kRunSeed + 1);
            QSqlQuery finished(moved);
            QVERIFY(finished.exec("SELECT count(*) FROM runs WHERE status = 'finished'") && finished.next());
            QCOMPARE(finished.value(0).toInt(), 1);  // the earlier run is untouched
        }
        QSqlDatabase::removeDatabase("moved");
    }

    void cleanupTestCase() {
        window_.reset();
        db_.close();
    }
};

int main(int argc, char** argv) {
    viewers::useVtkSurfaceFormat();
    QApplication application(argc, argv);
    TestStudyPanel test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_study_panel.moc"
