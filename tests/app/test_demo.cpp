// The product's main job as a user runs it: `drs demo --fast` (synthetic cohort, import, the
// whole pipeline with the LibTorch Deep-CT network, report), then checks of what it left behind,
// asked of the project database and of the PDF.
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>

namespace {

int scalar(QSqlDatabase& db, const QString& sql) {
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) qFatal("query failed: %s", qPrintable(sql));
    return query.value(0).toInt();
}

}  // namespace

class TestDemo : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString out;
    QSqlDatabase db;

private slots:
    void initTestCase() {
        out = dir.path() + "/demo run";
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QStringLiteral(DRS_BIN_DIR "/drs"), {"demo", "--fast", "--quiet", "--out", out});
        QVERIFY(process.waitForFinished(20 * 60 * 1000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QString summary = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(summary.startsWith("endpoint,model,classifier,test_auc"), qPrintable(summary));
        db = QSqlDatabase::addDatabase("QSQLITE", "demo");
        db.setDatabaseName(out + "/project.sqlite");
        QVERIFY(db.open());
    }

    void databaseHoldsTenEndpointsTimesThreeModels() {
        QCOMPARE(scalar(db, "SELECT count(*) FROM endpoints"), 10);
        QCOMPARE(scalar(db, "SELECT count(*) FROM runs WHERE status = 'finished'"), 1);
        QCOMPARE(scalar(db,
                        "SELECT count(DISTINCT e.name || '/' || m.model) FROM trained_models m "
                        "JOIN endpoints e ON e.id = m.endpoint_id"),
                 30);
        // Every model has its test AUC with a DeLong interval around it.
        QCOMPARE(
            scalar(db, "SELECT count(*) FROM metrics WHERE subset = 'test' AND name = 'auc' AND value BETWEEN 0 AND 1"),
            30);
        QCOMPARE(scalar(db,
                        "SELECT count(*) FROM metrics lo JOIN metrics hi ON hi.model_id = lo.model_id "
                        "JOIN metrics a ON a.model_id = lo.model_id WHERE lo.name = 'auc_ci_low' AND "
                        "hi.name = 'auc_ci_high' AND a.name = 'auc' AND lo.subset = 'test' AND hi.subset = 'test' "
                        "AND a.subset = 'test' AND lo.value <= a.value AND a.value <= hi.value"),
                 30);
    }

    void everyEndpointHasPairedDelongTests() {
        QCOMPARE(scalar(db,
                        "SELECT count(DISTINCT m.endpoint_id) FROM model_comparisons c "
                        "JOIN trained_models m ON m.id = c.model_a WHERE c.test = 'delong_paired'"),
                 10);
        QCOMPARE(scalar(db, "SELECT count(*) FROM model_comparisons WHERE p_value BETWEEN 0 AND 1"), 30);
    }

    void noTestPatientIsInATrainingFold() {
        QVERIFY(scalar(db, "SELECT count(*) FROM cv_folds") > 0);
        QCOMPARE(scalar(db,
                        "SELECT count(*) FROM cv_folds f JOIN splits s ON s.run_id = f.run_id "
                        "AND s.patient_id = f.patient_id WHERE s.subset = 'test'"),
                 0);
        QCOMPARE(scalar(db,
                        "SELECT count(*) FROM predictions p JOIN trained_models m ON m.id = p.model_id "
                        "JOIN splits s ON s.run_id = m.run_id AND s.endpoint_id = m.endpoint_id AND "
                        "s.patient_id = p.patient_id WHERE p.subset <> s.subset"),
                 0);
    }

    void noRawIdentifierIsStored() {
        // The synthetic cohort's hospital identifiers start with "HX"; none may reach the project.
        QCOMPARE(scalar(db, "SELECT count(*) FROM patients WHERE pseudonym LIKE 'HX%'"), 0);
        QVERIFY(scalar(db, "SELECT count(*) FROM patients WHERE pseudonym LIKE 'P-%'") >= 60);
    }

    // The truth is linked to the project's pseudonyms, and the demo's evidence and report set the
    // oracle of the planted latents beside the three models.
    void demoKnowsItsTruth() {
        QFile truthFile(out + "/cohort/truth.csv");
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(truthFile.readAll()).split('\n', Qt::SkipEmptyParts);
        const QStringList header = lines.front().split(',');
        QCOMPARE(header.indexOf("pseudonym"), header.indexOf("patient_id") + 1);
        QSqlQuery patients(db);
        QVERIFY(patients.exec("SELECT pseudonym FROM patients"));
        QSet<QString> inProject;
        while (patients.next()) inProject.insert(patients.value(0).toString());
        int linked = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QString pseudonym = lines[i].split(',')[header.indexOf("pseudonym")];
            QVERIFY2(inProject.contains(pseudonym), qPrintable(lines[i]));
            ++linked;
        }
        QCOMPARE(linked, static_cast<int>(inProject.size()));

        QFile evidenceFile(out + "/evidence.json");
        QVERIFY(evidenceFile.open(QIODevice::ReadOnly));
        const QJsonObject evidence = QJsonDocument::fromJson(evidenceFile.readAll()).object();
        const QJsonArray truth = evidence["demo_truth"].toArray();
        QCOMPARE(truth.size(), 10);
        for (const auto& value : truth) {
            const QJsonObject row = value.toObject();
            // No model can beat the planted score by much on the same patients.
            const double oracle = row["oracle_auc"].toDouble();
            QVERIFY2(oracle > 0.5 && oracle <= 1, qPrintable(row["endpoint"].toString()));
            QCOMPARE(row["model_test_auc"].toObject().size(), 3);
        }
        // Each endpoint's test events are its test set's rarer class, counted here from the
        // evidence's labels; "mean" averages the ten endpoints' gap closed, "mean_ranked" those
        // with at least 10 events (the demo's rare mutations have fewer).
        QMap<QString, int> eventsByEndpoint;
        for (const auto& value : evidence["endpoints"].toArray()) {
            const QJsonArray labels = value.toObject()["test_labels"].toArray();
            const auto positives = std::count_if(labels.begin(), labels.end(), [](const auto& l) { return l.toInt(); });
            eventsByEndpoint[value.toObject()["endpoint"].toString()] =
                int(std::min<qsizetype>(positives, labels.size() - positives));
        }
        QFile recoveryFile(out + "/truth-recovery.csv");
        QVERIFY(recoveryFile.open(QIODevice::ReadOnly));
        const QStringList recovery = QString::fromUtf8(recoveryFile.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(recovery.size(), 13);  // header, ten endpoints, mean, mean_ranked
        const QStringList columns = recovery.front().split(',');
        const qsizetype eventsColumn = columns.indexOf("test_events"), gapColumn = columns.indexOf("gap_closed");
        QVERIFY(eventsColumn > 0 && gapColumn > 0);
        // A cell that is not a number ("nan", empty) would read as 0 and pass unseen.
        bool allNumbers = true;
        const auto number = [&allNumbers](const QString& cell) {
            bool parsed = false;
            const double value = cell.toDouble(&parsed);
            allNumbers = allNumbers && parsed;
            return value;
        };
        double gapSum = 0, rankedGapSum = 0;
        int ranked = 0;
        for (int i = 1; i <= 10; ++i) {
            const QStringList cells = recovery[i].split(',');
            const int events = eventsByEndpoint.value(cells[0], -1);
            QCOMPARE(number(cells[eventsColumn]), double(events));
            const double gap = number(cells[gapColumn]);
            gapSum += gap;
            if (events >= 10) {
                rankedGapSum += gap;
                ++ranked;
            }
        }
        QVERIFY2(ranked > 0 && ranked < 10, qPrintable(recovery.join('\n')));
        const QStringList mean = recovery[11].split(','), meanRanked = recovery[12].split(',');
        QCOMPARE(mean[0], QStringLiteral("mean"));
        QVERIFY(std::abs(number(mean[gapColumn]) - gapSum / 10) < 1e-9);
        QCOMPARE(meanRanked[0], QStringLiteral("mean_ranked"));
        QVERIFY(std::abs(number(meanRanked[gapColumn]) - rankedGapSum / ranked) < 1e-9);
        QVERIFY2(allNumbers, qPrintable(recovery.join('\n')));
        const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
        if (pdftotext.isEmpty()) QSKIP("poppler-utils (pdftotext) not installed");
        QProcess text;
        text.start(pdftotext, {out + "/report.pdf", "-"});
        QVERIFY(text.waitForFinished());
        const QString reportText = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY(reportText.contains("Appendix: the demo's planted truth"));
        QVERIFY2(
            reportText.simplified().contains(QStringLiteral("%1 % over the %2 with at least 10 events in the test set")
                                                 .arg(std::lround(100 * rankedGapSum / ranked))
                                                 .arg(ranked)),
            qPrintable(reportText.section(QLatin1Char('\f'), -2)));
        // The title page says it before any number does.
        QVERIFY2(reportText.section(QLatin1Char('\f'), 0, 0).contains("synthetic demo cohort"),
                 qPrintable(reportText.section(QLatin1Char('\f'), 0, 0)));
    }

    void reportHasItsPagesAndIsNotBlank() {
        const QString pdf = out + "/report.pdf";
        QVERIFY(QFile::exists(pdf));
        const QString pdfinfo = QStandardPaths::findExecutable("pdfinfo");
        const QString pdftoppm = QStandardPaths::findExecutable("pdftoppm");
        if (pdfinfo.isEmpty() || pdftoppm.isEmpty()) QSKIP("poppler-utils (pdfinfo, pdftoppm) not installed");
        QProcess info;
        info.start(pdfinfo, {pdf});
        QVERIFY(info.waitForFinished());
        const QString text = QString::fromUtf8(info.readAllStandardOutput());
        const auto match = QRegularExpression("Pages:\\s+(\\d+)").match(text);
        QVERIFY2(match.hasMatch(), qPrintable(text));
        // Title, cohort table, three pages per endpoint, notes, provenance; long tables may spill.
        QVERIFY2(match.captured(1).toInt() >= 4 + 3 * 10, qPrintable(match.captured(1)));

        QProcess render;
        render.start(pdftoppm, {"-png", "-r", "50", "-f", "1", "-l", "1", pdf, dir.path() + "/page"});
        QVERIFY(render.waitForFinished());
        QImage page(dir.path() + "/page-01.png");
        if (page.isNull()) page.load(dir.path() + "/page-1.png");
        QVERIFY(!page.isNull());
        int inked = 0;
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x) inked += qGray(page.pixel(x, y)) < 200;
        const double fraction = static_cast<double>(inked) / (page.width() * page.height());
        QVERIFY2(fraction > 0.01 && fraction < 0.6, qPrintable(QString::number(fraction)));
    }
};

QTEST_MAIN(TestDemo)
#include "test_demo.moc"
