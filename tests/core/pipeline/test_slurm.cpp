// The Slurm scripts under a real slurmctld + slurmd on loopback (Debian's slurm-wlm): a private
// cluster of one node in a temporary folder (free ports, auth/none: no munge daemon needed), the
// array job and its merge submitted by scripts/slurm/submit-sharded.sh, and the merged CSV equal to
// a single drs extract run byte for byte. Skipped, saying why, when the daemons cannot start here.
#include <pwd.h>
#include <unistd.h>
#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

#include "tests/core/pipeline/ShardCases.h"

namespace {

int freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing " + path.toUtf8() + ">");
}

struct Output {
    int exitCode = -1;
    QString out, err;
};

Output run(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment,
           int timeoutMs = 60000) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// slurmctld and slurmd as this user, configured, logged and stopped in `folder`.
class SlurmCluster {
public:
    explicit SlurmCluster(const QString& folder) : folder_(folder) {}
    ~SlurmCluster() { stop(); }

    // Empty when the cluster runs; otherwise why it does not.
    QString start() {
        for (const char* daemon : {"/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch"})
            if (!QFile::exists(daemon)) return QString(daemon) + " is missing (apt-get install slurm-wlm)";
        const passwd* account = ::getpwuid(::getuid());
        if (!account) return "this user has no name (getpwuid)";
        const QString user = QString::fromLocal8Bit(account->pw_name);
        QDir().mkpath(folder_ + "/state");
        QDir().mkpath(folder_ + "/spool");
        QFile conf(folder_ + "/slurm.conf");
        if (!conf.open(QIODevice::WriteOnly)) return "cannot write slurm.conf";
        conf.write(QStringLiteral(
                       "ClusterName=drs\nSlurmctldHost=localhost(127.0.0.1)\nSlurmctldPort=%1\nSlurmdPort=%2\n"
                       "SlurmUser=%3\nSlurmdUser=%3\nAuthType=auth/none\nCredType=cred/none\n"
                       "StateSaveLocation=%4/state\nSlurmdSpoolDir=%4/spool\nSlurmctldPidFile=%4/slurmctld.pid\n"
                       "SlurmdPidFile=%4/slurmd.pid\nSlurmctldLogFile=%4/slurmctld.log\nSlurmdLogFile=%4/slurmd.log\n"
                       "ProctrackType=proctrack/pgid\nTaskPlugin=task/none\nSelectType=select/cons_tres\n"
                       "SelectTypeParameters=CR_CPU\nMpiDefault=none\nJobCompType=jobcomp/none\n"
                       "AccountingStorageType=accounting_storage/none\nSwitchType=switch/none\nReturnToService=2\n"
                       "SlurmdParameters=config_overrides\nSchedulerType=sched/builtin\n"
                       "NodeName=localhost NodeAddr=127.0.0.1 CPUs=%5 State=UNKNOWN\n"
                       "PartitionName=drs Nodes=localhost Default=YES MaxTime=INFINITE State=UP\n")
                       .arg(freePort())
                       .arg(freePort())
                       .arg(user, folder_)
                       .arg(std::max(1, QThread::idealThreadCount()))
                       .toUtf8());
        conf.close();
        environment_ = QProcessEnvironment::systemEnvironment();
        environment_.insert("SLURM_CONF", folder_ + "/slurm.conf");
        const Output controller = run("/usr/sbin/slurmctld", {"-c", "-i"}, environment_);
        if (controller.exitCode != 0) return "slurmctld did not start: " + controller.err + log("slurmctld.log");
        const Output daemon = run("/usr/sbin/slurmd", {"-N", "localhost"}, environment_);
        if (daemon.exitCode != 0) return "slurmd did not start: " + daemon.err + log("slurmd.log");
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 30000) {
            const Output info = run("/usr/bin/sinfo", {"-h", "-o", "%t"}, environment_, 10000);
            if (info.out.trimmed() == "idle") return {};
            QThread::msleep(200);
        }
        return "the node did not become idle within 30 s: " + log("slurmctld.log") + log("slurmd.log");
    }

    void stop() {
        for (const char* pidFile : {"slurmd.pid", "slurmctld.pid"}) {
            const qint64 pid = contents(folder_ + "/" + pidFile).trimmed().toLongLong();
            if (pid > 1) ::kill(static_cast<pid_t>(pid), SIGTERM);
        }
    }

    QString log(const QString& name) const {
        return "\n" + QString::fromUtf8(contents(folder_ + "/" + name).right(1500));
    }
    const QProcessEnvironment& environment() const { return environment_; }

    bool idle() const { return run("/usr/bin/squeue", {"-h"}, environment_, 10000).out.trimmed().isEmpty(); }

private:
    QString folder_;
    QProcessEnvironment environment_;
};

}  // namespace

class SlurmTest : public QObject {
    Q_OBJECT
private slots:
    void arrayJobAndMergeEqualASingleRun();
};

void SlurmTest::arrayJobAndMergeEqualASingleRun() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SlurmCluster cluster(dir.filePath("cluster"));
    QElapsedTimer clock;
    clock.start();
    const QString why = cluster.start();
    if (!why.isEmpty()) QSKIP(qPrintable("no Slurm cluster on loopback: " + why));
    qInfo("slurmctld + slurmd ready in %lld ms", clock.elapsed());

    const QString cases = QString::fromStdString(drs::testing::writeShardCases(dir.path().toStdString(), 7));
    const QString drs = QStringLiteral(DRS_BIN_DIR "/drs");
    const QString single = dir.filePath("single.csv"), merged = dir.filePath("merged.csv");
    QCOMPARE(run(drs, {"extract", "--cases", cases, "--threads", "1", "--out", single}, cluster.environment(), 120000)
                 .exitCode,
             0);

    QProcessEnvironment environment = cluster.environment();
    environment.insert("DRS", drs);
    environment.insert("SBATCH_OPTIONS", "--cpus-per-task=1 --chdir=" + dir.path());
    const Output submitted =
        run(QStringLiteral(DRS_SOURCE_DIR "/scripts/slurm/submit-sharded.sh"),
            {"3", dir.filePath("shards"), "--out", merged, "--", "extract", "--cases", cases}, environment);
    QVERIFY2(submitted.exitCode == 0, qPrintable(submitted.err + submitted.out));
    QVERIFY2(submitted.out.contains("(3 tasks), merge job"), qPrintable(submitted.out));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(merged) && cluster.idle(), 120000);
    QCOMPARE(contents(merged), contents(single));
    QCOMPARE(contents(merged + ".provenance.json"), contents(single + ".provenance.json"));
    // Every task ran under Slurm, with its own share.
    for (int task = 1; task <= 3; ++task) {
        const QStringList logs = QDir(dir.path()).entryList({QStringLiteral("drs-shard-*_%1.log").arg(task)});
        QCOMPARE(logs.size(), 1);
        QVERIFY2(contents(dir.filePath(logs.front())).contains(QStringLiteral("shard %1/3:").arg(task).toUtf8()),
                 contents(dir.filePath(logs.front())).constData());
    }
}

QTEST_GUILESS_MAIN(SlurmTest)
#include "test_slurm.moc"
