#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "ReportTestTools.h"
#include "SampleEvidence.h"
#include "core/pipeline/EvidenceJson.h"
#include "tests/common/DrsProcess.h"

// `drs report` end to end: evidence JSON -> PDF through the real executable (its main() runs a
// QApplication on the offscreen platform).
class TestCliReport : public QObject {
    Q_OBJECT

    using Result = drs::test::ProcessRun;
    Result drs(const QStringList& arguments) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove("QT_QPA_PLATFORM");  // the CLI must choose offscreen by itself
        return drs::test::runProgram(drs::test::drsExecutable(), arguments, 240, environment);
    }

private slots:
    void studyAndPatientReports() {
        if (!reporttest::havePoppler()) QSKIP("poppler-utils not installed");
        QTemporaryDir dir;
        const QString evidence = dir.filePath("evidence.json");
        drs::writeStudyEvidence(evidence.toStdString(), sample::makeStudyEvidence(dir.path()));
        const QString pdf = dir.filePath("report.pdf");
        const Result study = drs({"report", "--evidence", evidence, "--out", pdf});
        QVERIFY2(study.exitCode == 0, qPrintable(study.err));
        QCOMPARE(reporttest::pageCount(pdf), 10);
        QVERIFY(reporttest::pageText(pdf, 3, 3).contains(QString::fromUtf8("0.812 [0.701\u20130.923]")));

        const QString prediction = dir.filePath("prediction.json");
        drs::writePatientPrediction(prediction.toStdString(), sample::makePatientPrediction(dir.path()));
        const QString patientPdf = dir.filePath("patient.pdf");
        const Result patient = drs({"report", "--patient", prediction, "--out", patientPdf});
        QVERIFY2(patient.exitCode == 0, qPrintable(patient.err));
        QCOMPARE(reporttest::pageCount(patientPdf), 2);
    }

    void fileSizeLimitIsReportedAndLeavesNothing() {
        QTemporaryDir dir;
        const QString evidence = dir.filePath("evidence.json");
        drs::writeStudyEvidence(evidence.toStdString(), sample::makeStudyEvidence(dir.path()));
        const QStringList before = QDir(dir.path()).entryList(QDir::Files);
        // sh's ulimit -f counts 512-byte blocks: 64 KiB, less than the report needs. Without SIGXFSZ
        // ignored, drs would be killed (exit 153) without a word.
        const Result limited = drs::test::runDrsUnderFileSizeLimit(
            128 * 512, {"report", "--evidence", evidence, "--out", dir.filePath("report.pdf")}, 240);
        const QString err = limited.err;
        QCOMPARE(limited.exitCode, 1);
        // After the progress lines, one error line naming the file and the reason.
        const QString last = err.trimmed().split('\n').last();
        QCOMPARE(last, "drs report: " + dir.filePath("report.pdf") +
                           ": write failed (the file reached this process's file-size limit (ulimit -f) of 65536 "
                           "bytes)");
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), before);  // no PDF, no temporary
    }

    void badArgumentsAreOneLineErrors() {
        QTemporaryDir dir;
        const Result neither = drs({"report", "--out", dir.filePath("x.pdf")});
        QCOMPARE(neither.exitCode, 1);
        QVERIFY2(neither.err.contains("exactly one of --project P.sqlite, --evidence"), qPrintable(neither.err));
        const Result missing =
            drs({"report", "--evidence", dir.filePath("absent.json"), "--out", dir.filePath("x.pdf")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("absent.json: cannot open for reading"), qPrintable(missing.err));
        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(
            R"({"format":"deepradscore-study-evidence","version":1,"endpoints":[{"models":[{"test_auc":"x"}]}]})");
        bad.close();
        const Result wrongType = drs({"report", "--evidence", bad.fileName(), "--out", dir.filePath("x.pdf")});
        QCOMPARE(wrongType.exitCode, 1);
        QVERIFY2(wrongType.err.contains("endpoints[0].models[0].test_auc: expected a number"),
                 qPrintable(wrongType.err));
        QVERIFY(!QFile::exists(dir.filePath("x.pdf")));
    }
};

QTEST_MAIN(TestCliReport)
#include "test_cli_report.moc"
