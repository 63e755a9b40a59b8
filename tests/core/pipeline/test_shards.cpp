// Cluster batch: the share of each array task (closed form), and drs extract --shard run as
// separate processes — one killed mid-way and run again, one run twice — merged by drs merge into
// the very bytes of a single run; a folder missing a case or mixing jobs is refused.
#include <QProcess>
#include <QtTest>
#include <fstream>

#include "core/image/ImageIO.h"
#include "core/pipeline/Shard.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "tests/common/DrsProcess.h"
#include "tests/core/pipeline/ShardCases.h"

using namespace drs;

namespace {

using drs::test::ProcessRun;
using drs::test::runDrs;

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing " + path.toUtf8() + ">");
}

}  // namespace

class ShardTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sharesAreDealtRoundRobin();
    void badShardTextIsRefused();
    void killedAndRepeatedTasksMergeToTheSingleRun();
    void incompleteOrMixedFoldersAreRefused();
    void diagnosticsThroughShards();

private:
    QTemporaryDir dir_;
    QString cases_;
};

void ShardTest::initTestCase() {
    QVERIFY(dir_.isValid());
    // Case 4 asks for a label its mask lacks: a failure a merge must report as a single run does.
    cases_ = QString::fromStdString(testing::writeShardCases(dir_.path().toStdString(), 9, 4));
}

void ShardTest::sharesAreDealtRoundRobin() {
    using V = std::vector<std::size_t>;
    QCOMPARE(shareOf({1, 3}, 7), (V{0, 3, 6}));
    QCOMPARE(shareOf({2, 3}, 7), (V{1, 4}));
    QCOMPARE(shareOf({3, 3}, 7), (V{2, 5}));
    QCOMPARE(shareOf({4, 4}, 3), V{});
    // Units of 4: unit u = cases 4u..4u+3 goes to task u mod 2 + 1.
    QCOMPARE(shareOf({1, 2}, 10, 4), (V{0, 1, 2, 3, 8, 9}));
    QCOMPARE(shareOf({2, 2}, 10, 4), (V{4, 5, 6, 7}));
    for (std::size_t cases : {0, 1, 5, 16, 41})
        for (int count : {1, 2, 3, 7}) {
            std::vector<int> owners(cases, 0);
            for (int task = 1; task <= count; ++task)
                for (std::size_t i : shareOf({task, count}, cases, 16)) ++owners[i];
            QVERIFY(std::all_of(owners.begin(), owners.end(), [](int n) { return n == 1; }));
        }
}

void ShardTest::badShardTextIsRefused() {
    for (const char* text : {"0/4", "5/4", "3", "a/b", "1/0", "-1/2", "2/ 3"})
        QVERIFY_THROWS_EXCEPTION(Error, parseShard(text));
    QCOMPARE(parseShard("3/8").index, 3);
    QCOMPARE(parseShard("3/8").count, 8);
    const ProcessRun run = runDrs({"extract", "--cases", cases_, "--shard", "4/3", "--out-dir", dir_.filePath("x")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("--shard '4/3': expected I/N with 1 <= I <= N"), qPrintable(run.err));
}

void ShardTest::killedAndRepeatedTasksMergeToTheSingleRun() {
    const QString single = dir_.filePath("single.csv");
    const ProcessRun reference = runDrs({"extract", "--cases", cases_, "--threads", "1", "--out", single});
    QCOMPARE(reference.exitCode, 1);  // case 4 failed, the others are written
    QVERIFY2(reference.err.contains("case case4:"), qPrintable(reference.err));

    const QString shards = dir_.filePath("shards");
    auto task = [&](int index) {
        return QStringList{
            "extract",   "--cases", cases_, "--threads", "1", "--shard", QStringLiteral("%1/3").arg(index),
            "--out-dir", shards};
    };
    // Task 1 is killed as soon as its first case is stored, then run again.
    QProcess killed;
    killed.start(QString(DRS_BIN_DIR) + "/drs", task(1));
    QVERIFY(killed.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(shards + "/case-000000.json"), 60000);
    // QProcess::kill is SIGKILL, and a no-op once the task has ended; ::kill of processId() would be
    // kill(0), which ends the whole process group (ctest included), when the task wins the race.
    killed.kill();
    // waitForFinished() is false for a task that had already ended (QTRY's event loop may have seen it).
    QVERIFY(killed.state() == QProcess::NotRunning || killed.waitForFinished());
    // On an idle machine the task may store its other cases before the signal lands: remove them,
    // so the folder is what a kill right after the first case leaves.
    QFile::remove(shards + "/case-000003.json");
    QFile::remove(shards + "/case-000006.json");
    const QByteArray firstCase = contents(shards + "/case-000000.json");
    // Tasks 2 and 3 at the same time, as an array job runs them.
    QProcess second, third;
    second.start(QString(DRS_BIN_DIR) + "/drs", task(2));
    third.start(QString(DRS_BIN_DIR) + "/drs", task(3));
    QVERIFY(second.waitForFinished(120000) && third.waitForFinished(120000));
    QCOMPARE(second.exitCode(), 1);  // its share holds the failing case 4
    QCOMPARE(third.exitCode(), 0);
    const ProcessRun early = runDrs({"merge", "--shards", shards, "--out", dir_.filePath("early.csv")});
    QCOMPARE(early.exitCode, 1);
    QVERIFY2(early.err.contains("cases have no result yet"), qPrintable(early.err));
    QVERIFY(!QFile::exists(dir_.filePath("early.csv")));

    const ProcessRun rerun = runDrs(task(1));
    QCOMPARE(rerun.exitCode, 0);
    QVERIFY2(rerun.err.contains("already done"), qPrintable(rerun.err));
    QCOMPARE(contents(shards + "/case-000000.json"), firstCase);
    const ProcessRun twice = runDrs(task(3));  // a task run twice computes nothing again
    QCOMPARE(twice.exitCode, 0);
    QVERIFY2(twice.err.contains("0 computed, 3 already done"), qPrintable(twice.err));

    const QString merged = dir_.filePath("merged.csv");
    for (int round = 0; round < 2; ++round) {  // merging twice gives the same bytes
        const ProcessRun merge = runDrs({"merge", "--shards", shards, "--out", merged});
        QCOMPARE(merge.exitCode, 1);
        QVERIFY2(merge.err.contains("case case4:"), qPrintable(merge.err));
        QCOMPARE(contents(merged), contents(single));
        QCOMPARE(contents(merged + ".provenance.json"), contents(single + ".provenance.json"));
    }
    QCOMPARE(QString::fromUtf8(contents(merged)).count('\n'), 9);  // header + 8 cases
    // The cases file's clinical columns follow id, cell for cell, as in pyradiomics' batch output.
    const CsvTable table = readCsv(merged.toStdString());
    QCOMPARE(table.header.size(), std::size_t(3 + 107));
    QCOMPARE(std::vector<std::string>(table.header.begin(), table.header.begin() + 3),
             (std::vector<std::string>{"id", "outcome", "centre"}));
    QCOMPARE(std::vector<std::string>(table.rows[0].begin(), table.rows[0].begin() + 3),
             (std::vector<std::string>{"case0", "0", "Leiden, NL"}));
    QCOMPARE(std::vector<std::string>(table.rows[4].begin(), table.rows[4].begin() + 3),
             (std::vector<std::string>{"case5", "1", "Ghent"}));
    // The table goes to learning as it is: the outcome the label, the centre left out by name.
    const QStringList cv = {"cv", "--table",   merged, "--label",       "outcome", "--folds",
                            "2",  "--repeats", "1",    "--classifiers", "lr"};
    const ProcessRun withCentre = runDrs(cv);
    QCOMPARE(withCentre.exitCode, 1);
    QVERIFY2(withCentre.err.contains("column 'centre' data row 1: 'Leiden, NL' is not a number"),
             qPrintable(withCentre.err));
    const ProcessRun learned = runDrs(cv + QStringList{"--exclude", "centre"});
    QVERIFY2(learned.exitCode == 0, qPrintable(learned.err));
    // Every case's grey values span 0..89 above its offset: the range is the same, and left out.
    QVERIFY2(learned.err.contains("drs cv: left out") && learned.err.contains(" original_firstorder_Range"),
             qPrintable(learned.err));
}

void ShardTest::incompleteOrMixedFoldersAreRefused() {
    const QString shards = dir_.filePath("mixed");
    // Task 1 of 2 holds the failing case 4: it stores the failure and exits 1.
    QCOMPARE(runDrs({"extract", "--cases", cases_, "--shard", "1/2", "--out-dir", shards}).exitCode, 1);
    // The same folder for other settings: refused before anything is computed.
    const ProcessRun other =
        runDrs({"extract", "--cases", cases_, "--shard", "2/2", "--bin-width", "10", "--out-dir", shards});
    QCOMPARE(other.exitCode, 1);
    QVERIFY2(other.err.contains("holds results of another job"), qPrintable(other.err));
    // So is a cases file whose carried columns changed: the merge would mix the two.
    const QString renamed = dir_.filePath("cases-renamed.csv");
    std::ofstream(renamed.toStdString()) << QString::fromUtf8(contents(cases_)).replace("Ghent", "Gent").toStdString();
    const ProcessRun otherColumns = runDrs({"extract", "--cases", renamed, "--shard", "2/2", "--out-dir", shards});
    QCOMPARE(otherColumns.exitCode, 1);
    QVERIFY2(otherColumns.err.contains("holds results of another job"), qPrintable(otherColumns.err));
    const ProcessRun merge = runDrs({"merge", "--shards", shards});
    QCOMPARE(merge.exitCode, 1);
    QVERIFY2(merge.err.contains("4 of 9 cases have no result yet (case 2, 4, 6, 8 in list order)"),
             qPrintable(merge.err));
    const ProcessRun missing = runDrs({"merge", "--shards", dir_.filePath("nowhere")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("does not exist"), qPrintable(missing.err));
}

// pyradiomics' diagnostics columns (additionalInfo) come through the shard files and drs merge as
// a single run writes them, and the same settings without them are another job.
void ShardTest::diagnosticsThroughShards() {
    const QStringList diagnostics = {"--setting", "additionalInfo:true"};
    const QString single = dir_.filePath("diagnostics-single.csv");
    QCOMPARE(runDrs(QStringList{"extract", "--cases", cases_, "--out", single} + diagnostics).exitCode, 1);
    QVERIFY(readCsv(single.toStdString()).hasColumn("diagnostics_Mask-original_VolumeNum"));
    const QString shards = dir_.filePath("diagnostics-shards");
    for (const char* task : {"1/2", "2/2"})
        runDrs(QStringList{"extract", "--cases", cases_, "--shard", task, "--out-dir", shards} + diagnostics);
    const QString merged = dir_.filePath("diagnostics-merged.csv");
    QCOMPARE(runDrs({"merge", "--shards", shards, "--out", merged}).exitCode, 1);  // case 4 failed
    QCOMPARE(contents(merged), contents(single));
    const ProcessRun without = runDrs({"extract", "--cases", cases_, "--shard", "1/2", "--out-dir", shards});
    QVERIFY2(without.err.contains("holds results of another job"), qPrintable(without.err));
}

QTEST_GUILESS_MAIN(ShardTest)
#include "test_shards.moc"
