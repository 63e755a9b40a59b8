// The deepradscore executable as a user starts it (run under Xvfb): help, usage errors, a study
// that cannot be read, and a study + mask opened from the command line and saved as a picture.
#include <QCoreApplication>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "../viewers/SyntheticStudy.h"
#include "core/image/ImageIO.h"

using namespace drs;

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runGui(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(DRS_BIN_DIR "/deepradscore"), arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

}  // namespace

class TestGuiCommandLine : public QObject {
    Q_OBJECT
private slots:
    void helpNeedsNoWindow();
    void usageErrorExitsWithTwo();
    void unreadableStudyIsReported();
    void opensStudyAndMaskFromArguments();
    void unreadableProjectIsReported();
};

void TestGuiCommandLine::helpNeedsNoWindow() {
    const Run run = runGui({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(
                 QStringLiteral("usage: deepradscore [--project P.sqlite] [--series UID] [--mask MASK [--label N | "
                                "--roi NAME]]")),
             qPrintable(run.out));
}

void TestGuiCommandLine::usageErrorExitsWithTwo() {
    const Run run = runGui({QStringLiteral("--label"), QStringLiteral("x"), QStringLiteral("ct.nii.gz")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("--label must be a whole number in 1..65535, got 'x'")),
             qPrintable(run.err));
}

void TestGuiCommandLine::unreadableStudyIsReported() {
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no such scan.nii.gz"));
    const QString picture = dir.filePath(QStringLiteral("shot.png"));
    const Run run = runGui({QStringLiteral("--screenshot"), picture, missing});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(missing), qPrintable(run.err));
    QVERIFY(!QFile::exists(picture));
}

void TestGuiCommandLine::opensStudyAndMaskFromArguments() {
    QTemporaryDir dir;
    const QString study = dir.filePath(QStringLiteral("ct.nrrd")), mask = dir.filePath(QStringLiteral("mask.nrrd"));
    writeVolume(testing::syntheticVolume(), study.toStdString());
    LabelMap labels(testing::syntheticGeometry());
    testing::addBall(labels, 3, {10, 8, 5}, 3.0);
    writeLabelMap(labels, mask.toStdString());
    const QString picture = dir.filePath(QStringLiteral("window.png"));
    const Run run = runGui({QStringLiteral("--mask"), mask, QStringLiteral("--label"), QStringLiteral("3"),
                            QStringLiteral("--screenshot"), picture, study});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QImage image(picture);
    QCOMPARE(image.size(), QSize(1280, 900));  // the window's default size
}

void TestGuiCommandLine::unreadableProjectIsReported() {
    QTemporaryDir dir;
    const QString picture = dir.filePath(QStringLiteral("shot.png"));
    const QString missing = dir.filePath(QStringLiteral("no such project.sqlite"));
    Run run = runGui({QStringLiteral("--project"), missing, QStringLiteral("--screenshot"), picture});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(missing + QStringLiteral(": no such project database file")), qPrintable(run.err));
    QVERIFY(!QFile::exists(missing));  // not created by the attempt

    const QString notADatabase = dir.filePath(QStringLiteral("notes.sqlite"));
    QFile file(notADatabase);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray text(4096, 'x');
    file.write(text);
    file.close();
    run = runGui({QStringLiteral("--project"), notADatabase, QStringLiteral("--screenshot"), picture});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(notADatabase), qPrintable(run.err));
    QVERIFY(!QFile::exists(picture));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), text);  // left as it was
}

QTEST_GUILESS_MAIN(TestGuiCommandLine)
#include "test_gui_command_line.moc"
