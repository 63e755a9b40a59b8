// Runs `drs synth` and `drs import` as a user does: exit codes, outputs, one-line errors.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/util/Csv.h"
#include "tests/common/DrsProcess.h"

namespace {

using drs::test::ProcessRun;
using drs::test::runDrs;
using drs::test::runDrsUnderFileSizeLimit;

}  // namespace

class TestCliCohort : public QObject {
    Q_OBJECT
private slots:
    void synthThenImport() {
        QTemporaryDir dir;
        const QString out = dir.filePath("demo");
        const ProcessRun synth = runDrs({"synth", "--out", out, "--patients", "2", "--seed", "4", "--quiet"});
        QCOMPARE(synth.exitCode, 0);
        QVERIFY(synth.out.contains("patients: 2"));
        const drs::CsvTable clinical = drs::readCsv((out + "/clinical.csv").toStdString());
        QCOMPARE(clinical.rows.size(), std::size_t(2));

        const QString project = dir.filePath("p.sqlite");
        const QString report = dir.filePath("report.csv");
        const ProcessRun import =
            runDrs({"import", "--project", project, "--studies", out + "/studies", "--clinical", out + "/clinical.csv",
                    "--covariates", "age,sex", "--report", report, "--quiet"});
        QCOMPARE(import.exitCode, 0);
        QVERIFY2(import.err.contains("accepted 2, refused 0"), qPrintable(import.err));
        QVERIFY2(import.err.contains("warning: clinical.csv: column(s) 'smoking', 'location' were not imported: only "
                                     "declared covariates are (drs import --covariates)"),
                 qPrintable(import.err));
        const drs::CsvTable rows = drs::readCsv(report.toStdString());
        QCOMPARE(rows.rows.size(), std::size_t(2));
        QCOMPARE(rows.rows[0][rows.column("status")], std::string("accepted"));
        drs::project::ProjectDb db(project.toStdString());
        drs::project::CohortRepository cohort(db);
        QCOMPARE(cohort.caseFiles().size(), std::size_t(2));
        QCOMPARE(cohort.clinicalVariableNames(), (std::vector<std::string>{"age", "centre", "sex"}));

        // Importing the same cohort again accepts nothing: exit 1, the report says why.
        const ProcessRun again = runDrs({"import", "--project", project, "--studies", out + "/studies", "--clinical",
                                         out + "/clinical.csv", "--quiet"});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.out.contains("already in the project"));
        QVERIFY(again.err.contains("no study was accepted"));
    }

    void missingSliceIsNamedInOneLine() {
        QTemporaryDir dir;
        const QString out = dir.filePath("demo");
        QCOMPARE(runDrs({"synth", "--out", out, "--patients", "1", "--seed", "4", "--quiet"}).exitCode, 0);
        const auto patients = QDir(out + "/studies").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(patients.size(), 1);
        const QString series = out + "/studies/" + patients.front() + "/CT";
        QVERIFY(QFile::remove(series + "/CT0020.dcm"));

        const ProcessRun info = runDrs({"info", series});
        QCOMPARE(info.exitCode, 1);
        QCOMPARE(info.err.count('\n'), 1);  // no raw ITK warnings
        QVERIFY2(info.err.contains(series + ": 1 slice is missing: slices CT00") && info.err.contains("CT0019.dcm") &&
                     info.err.contains("CT0021.dcm"),
                 qPrintable(info.err));

        // Import blames the gap, not the RTSTRUCT.
        const QString report = dir.filePath("report.csv");
        const ProcessRun import =
            runDrs({"import", "--project", dir.filePath("p.sqlite"), "--studies", out + "/studies", "--clinical",
                    out + "/clinical.csv", "--report", report, "--quiet"});
        QCOMPARE(import.exitCode, 1);
        const drs::CsvTable rows = drs::readCsv(report.toStdString());
        QCOMPARE(rows.rows.size(), std::size_t(1));
        const std::string reason = rows.rows[0][rows.column("reason")];
        QVERIFY2(reason.find("1 slice is missing") != std::string::npos, reason.c_str());
        QVERIFY2(reason.find("another series") == std::string::npos, reason.c_str());
    }

    void fileSizeLimitIsReportedAndLeavesNothing() {
        QTemporaryDir dir;
        const QString out = dir.filePath("demo");
        QCOMPARE(runDrs({"synth", "--out", out, "--patients", "2", "--seed", "4", "--quiet"}).exitCode, 0);
        // Each CT is about 3.8 MB as NIfTI; 1 MiB stops every image write (SIGXFSZ would kill drs: exit 153).
        const QString project = dir.filePath("p.sqlite");
        const ProcessRun import =
            runDrsUnderFileSizeLimit(1 << 20, {"import", "--project", project, "--studies", out + "/studies",
                                               "--clinical", out + "/clinical.csv", "--quiet"});
        QCOMPARE(import.exitCode, 1);
        QVERIFY2(import.err.contains("no study was accepted"), qPrintable(import.err));
        const QStringList refusals = import.out.split('\n', Qt::SkipEmptyParts).mid(1);
        QCOMPARE(refusals.size(), 2);
        for (const QString& line : refusals)
            QVERIFY2(line.startsWith("refused,") && line.contains(dir.filePath("p.files/images/")) &&
                         line.contains("cannot write the image: the file reached this process's file-size limit "
                                       "(ulimit -f) of 1048576 bytes"),
                     qPrintable(line));
        // Nothing half-written is left, and nothing points at a missing file.
        QStringList files;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.filePath("p.files").toStdString()))
            if (entry.is_regular_file()) files << QString::fromStdString(entry.path().string());
        QVERIFY2(files.isEmpty(), qPrintable(files.join(' ')));
        drs::project::ProjectDb db(project.toStdString());
        QCOMPARE(drs::project::CohortRepository(db).caseFiles().size(), std::size_t(0));

        // At 256 KiB the new project's own database meets the limit first; SQLite's "disk I/O error"
        // is explained.
        const QString small = dir.filePath("small.sqlite");
        const ProcessRun tooSmall =
            runDrsUnderFileSizeLimit(1 << 18, {"import", "--project", small, "--studies", out + "/studies",
                                               "--clinical", out + "/clinical.csv", "--quiet"});
        QCOMPARE(tooSmall.exitCode, 1);
        QCOMPARE(tooSmall.err.count('\n'), 1);
        QVERIFY2(tooSmall.err.startsWith("drs import: " + small + ": cannot ") &&
                     tooSmall.err.contains(": disk I/O error (the file reached this process's file-size limit (ulimit "
                                           "-f) of 262144 bytes)"),
                 qPrintable(tooSmall.err));
    }

    void predictionOfAnAbsentRunSaysSo() {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.sqlite");
        { drs::project::ProjectDb db(project.toStdString()); }
        const ProcessRun predict =
            runDrs({"predict", "--project", project, "--image", dir.filePath("ct.nii.gz"), "--mask",
                    dir.filePath("mask.nii.gz"), "--run", "99", "--out-dir", dir.filePath("out")});
        QCOMPARE(predict.exitCode, 1);
        QCOMPARE(predict.err, "drs predict: " + project + ": has no run 99\n");
    }

    void badArgumentsGiveOneLineErrors() {
        QTemporaryDir dir;
        const ProcessRun zero = runDrs({"synth", "--out", dir.filePath("x"), "--patients", "0"});
        QCOMPARE(zero.exitCode, 1);
        QVERIFY(zero.err.contains("--patients 0"));
        QCOMPARE(zero.err.count('\n'), 1);

        QFile keep(dir.filePath("keep.txt"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.close();
        const ProcessRun occupied = runDrs({"synth", "--out", dir.path(), "--patients", "1"});
        QCOMPARE(occupied.exitCode, 1);
        QVERIFY(occupied.err.contains("not an empty folder"));

        const ProcessRun missing = runDrs({"import", "--project", dir.filePath("p.sqlite"), "--studies", dir.path()});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("--clinical"));

        const QString locked = dir.filePath("locked.sqlite");
        { drs::project::ProjectDb db(locked.toStdString()); }
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner));
        const ProcessRun readOnly =
            runDrs({"import", "--project", locked, "--studies", dir.path(), "--clinical", dir.filePath("keep.txt")});
        QCOMPARE(readOnly.exitCode, 1);
        QVERIFY2(readOnly.err.contains("read-only") && readOnly.err.contains(locked), qPrintable(readOnly.err));

        // Only import and demo create a project: elsewhere a mistyped path is named, and no empty
        // project is left behind.
        const QString typo = dir.filePath("projcet.sqlite");
        const QList<QStringList> needingAProject = {
            {"train", "--project", typo, "--fast"},
            {"predict", "--project", typo, "--image", dir.path(), "--mask", dir.path(), "--out-dir", dir.path()},
            {"validate", "--project", typo, "--external", "Holdout"},
            {"report", "--project", typo, "--out", dir.filePath("r.pdf")},
            {"merge", "--project", typo, "--shards", dir.path()},
            {"project", "rekey", "--project", typo, "--clinical", dir.filePath("keep.txt")}};
        for (const QStringList& arguments : needingAProject) {
            const ProcessRun refused = runDrs(arguments);
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains(typo + ": no such project database file"), qPrintable(refused.err));
            QCOMPARE(refused.err.count('\n'), 1);
            QVERIFY2(!QFileInfo::exists(typo), qPrintable(arguments.first()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliCohort)
#include "test_cli_cohort.moc"
