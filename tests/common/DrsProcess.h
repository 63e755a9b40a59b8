#pragma once
// Running the built `drs` (or another program) from a test. One place decides that a crash, a
// timeout or a program that never started is exit code -1 with the reason in `err`, so no test
// can mistake any of them for success.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace drs::test {

struct ProcessRun {
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }  // everything it printed, for messages that may go to either
};

inline ProcessRun runProgram(const QString& program, const QStringList& arguments, int timeoutSeconds = 600,
                             const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ProcessRun run;
    if (!process.waitForStarted()) {
        run.err = program + " did not start: " + process.errorString();
        return run;
    }
    const bool finished = process.waitForFinished(timeoutSeconds * 1000);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    if (!finished)
        run.err += "\n" + program + " did not finish within " + QString::number(timeoutSeconds) + " s";
    else if (process.exitStatus() != QProcess::NormalExit)
        run.err += "\n" + program + " crashed";
    else
        run.exitCode = process.exitCode();
    return run;
}

inline QString drsExecutable() { return QStringLiteral(DRS_BIN_DIR "/drs"); }

inline ProcessRun runDrs(const QStringList& arguments, int timeoutSeconds = 600) {
    return runProgram(drsExecutable(), arguments, timeoutSeconds);
}

// drs as a full disk would stop it: under a file-size limit (sh's ulimit -f counts 512-byte blocks).
inline ProcessRun runDrsUnderFileSizeLimit(qint64 limitBytes, const QStringList& arguments, int timeoutSeconds = 600) {
    return runProgram(QStringLiteral("/bin/sh"),
                      QStringList{"-c", "ulimit -f " + QString::number(limitBytes / 512) + " && exec \"$0\" \"$@\"",
                                  drsExecutable()} +
                          arguments,
                      timeoutSeconds);
}

}  // namespace drs::test
