#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>

#include "tests/common/DrsProcess.h"
#include "tests/core/stats/ReferenceValues.h"

// `drs roc` as DESIGN.md section 4 defines it, checked against pROC's numbers.
class TestCliRoc : public QObject {
    Q_OBJECT
    drs::testing::ReferenceValues r_{"reference_r.csv"};

    static QJsonObject run(const QStringList& arguments, int expectedExit = 0, QString* errorText = nullptr) {
        const drs::test::ProcessRun drs = drs::test::runDrs(arguments, 60);
        if (errorText) *errorText = drs.err;
        if (drs.exitCode != expectedExit) return {{"unexpected_exit", drs.exitCode}};
        return QJsonDocument::fromJson(drs.out.toUtf8()).object();
    }

private slots:
    void pairedJson() {
        const QString cohort = QString::fromStdString(drs::testing::statsData("cohort.csv"));
        const QJsonObject json =
            run({"roc", "--scores", cohort, "--label", "label", "--score", "score_a", "--score2", "score_b"});
        QCOMPARE(json["n"].toInt(), 355);
        QCOMPARE(json["n_pos"].toInt(), 116);
        QVERIFY(std::fabs(json["auc"].toDouble() - r_.number("roc.label.score_a.auc")) < 1e-6);
        QVERIFY(std::fabs(json["ci_low"].toDouble() - r_.number("roc.label.score_a.ci_low")) < 1e-6);
        QVERIFY(std::fabs(json["ci_high"].toDouble() - r_.number("roc.label.score_a.ci_high")) < 1e-6);
        QVERIFY(std::fabs(json["auc2"].toDouble() - r_.number("roc.label.score_b.auc")) < 1e-6);
        QVERIFY(std::fabs(json["z"].toDouble() - r_.number("delong_paired.z")) < 1e-6);
        QVERIFY(std::fabs(json["p"].toDouble() - r_.number("delong_paired.p")) < 1e-6);
    }
    void bootstrapOption() {
        const QString cohort = QString::fromStdString(drs::testing::statsData("cohort.csv"));
        const QJsonObject json = run(
            {"roc", "--scores", cohort, "--label", "label", "--score", "score_a", "--bootstrap", "500", "--seed", "3"});
        QCOMPARE(json["bootstrap_replicates"].toInt(), 500);
        // Percentile and DeLong intervals agree asymptotically; at n = 355 within 0.015.
        QVERIFY(std::fabs(json["bootstrap_ci_low"].toDouble() - r_.number("roc.label.score_a.ci_low")) < 0.015);
        QVERIFY(std::fabs(json["bootstrap_ci_high"].toDouble() - r_.number("roc.label.score_a.ci_high")) < 0.015);
    }
    void tablesWithoutBothClassesNameTheFile() {
        QTemporaryDir dir;
        const QString headerOnly = dir.filePath("header.csv"), oneClass = dir.filePath("one.csv");
        for (const auto& [path, text] : {std::pair{headerOnly, "y,s\n"}, std::pair{oneClass, "y,s\n1,0.3\n1,0.1\n"}}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        }
        QString error;
        QVERIFY(!run({"roc", "--scores", headerOnly, "--label", "y", "--score", "s"}, 1, &error)
                     .contains("unexpected_exit"));
        QCOMPARE(error, "drs roc: " + headerOnly + ": has a header but no rows; an AUC needs scored cases\n");
        QVERIFY(
            !run({"roc", "--scores", oneClass, "--label", "y", "--score", "s"}, 1, &error).contains("unexpected_exit"));
        QCOMPARE(error, "drs roc: " + oneClass +
                            ": column 'y' holds one class only (2 positives of 2); the AUC is undefined\n");
        // A folder is not a table.
        QVERIFY(!run({"roc", "--scores", dir.path(), "--label", "y", "--score", "s"}, 1, &error)
                     .contains("unexpected_exit"));
        QVERIFY2(error.contains(dir.path() + ": is a folder; a CSV file is expected"), qPrintable(error));
    }

    void badLabelIsAnError() {
        QTemporaryDir dir;
        const QString path = dir.filePath("s.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("y,s\n1,0.3\n0,0.1\n2,0.5\n");
        file.close();
        QString error;
        const QJsonObject json = run({"roc", "--scores", path, "--label", "y", "--score", "s"}, 1, &error);
        QVERIFY2(!json.contains("unexpected_exit"), qPrintable(error));
        QVERIFY2(error.contains("not 0 or 1") && error.contains("s.csv"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCliRoc)
#include "test_cli_roc.moc"
