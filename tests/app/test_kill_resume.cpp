// Issue 6's resumability as a user meets it: `drs demo` (real LibTorch Deep-CT, real SQLite
// file) is killed with SIGKILL while its Deep-CT networks train, started again on the same folder,
// and must end with exactly the numbers of an uninterrupted run with the same seed.
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sys/resource.h>
#include <csignal>

namespace {

const QStringList kDemoArguments{"demo",        "--fast", "--quiet", "--patients", "60",
                                 "--endpoints", "T4,PI",  "--seed",  "11"};

QStringList demoArguments(const QString& out) { return kDemoArguments + QStringList{"--out", out}; }

bool runToEnd(const QString& out, QString* summary) {
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral(DRS_BIN_DIR "/drs"), demoArguments(out));
    if (!process.waitForFinished(15 * 60 * 1000)) return false;
    *summary = QString::fromUtf8(process.readAllStandardOutput());
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

class Database {
public:
    explicit Database(const QString& path) : name_("db" + QString::number(++counter_)) {
        auto db = QSqlDatabase::addDatabase("QSQLITE", name_);
        db.setDatabaseName(path);
        db.setConnectOptions("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000");
        opened_ = db.open();
    }
    ~Database() {
        QSqlDatabase::database(name_, false).close();
        QSqlDatabase::removeDatabase(name_);
    }
    bool isOpen() const { return opened_; }
    // Rows as text, one line each, columns separated by '|'; doubles keep all their digits.
    QStringList rows(const QString& sql) const {
        QSqlQuery query(QSqlDatabase::database(name_));
        QStringList lines;
        if (!query.exec(sql)) return {"query failed: " + sql};
        while (query.next()) {
            QStringList columns;
            for (int c = 0; c < query.record().count(); ++c) {
                const QVariant v = query.value(c);
                columns << (v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'g', 17) : v.toString());
            }
            lines << columns.join('|');
        }
        return lines;
    }
    int count(const QString& sql) const {
        const QStringList r = rows(sql);
        return r.size() == 1 ? r.front().toInt() : -1;
    }

private:
    static inline int counter_ = 0;
    QString name_;
    bool opened_ = false;
};

// Everything the evidence is made of, keyed by names and patient order, not by pseudonyms.
const QStringList kEvidenceQueries{
    "SELECT e.name, s.patient_id, s.subset FROM splits s JOIN endpoints e ON e.id = s.endpoint_id "
    "ORDER BY e.name, s.patient_id",
    "SELECT e.name, m.model, m.classifier, m.threshold FROM trained_models m JOIN endpoints e ON e.id = m.endpoint_id "
    "ORDER BY e.name, m.model",
    "SELECT e.name, m.model, x.subset, x.name, x.value FROM metrics x JOIN trained_models m ON m.id = x.model_id "
    "JOIN endpoints e ON e.id = m.endpoint_id ORDER BY e.name, m.model, x.subset, x.name",
    "SELECT e.name, m.model, p.patient_id, p.subset, p.probability FROM predictions p "
    "JOIN trained_models m ON m.id = p.model_id JOIN endpoints e ON e.id = m.endpoint_id "
    "ORDER BY e.name, m.model, p.patient_id",
    "SELECT e.name, a.model, b.model, c.statistic, c.p_value FROM model_comparisons c "
    "JOIN trained_models a ON a.id = c.model_a JOIN trained_models b ON b.id = c.model_b "
    "JOIN endpoints e ON e.id = a.endpoint_id ORDER BY e.name, a.model, b.model",
    "SELECT e.name, m.model, v.patient_id, v.feature, v.shap FROM shap_values v "
    "JOIN trained_models m ON m.id = v.model_id JOIN endpoints e ON e.id = m.endpoint_id "
    "ORDER BY e.name, m.model, v.patient_id, v.feature",
    "SELECT e.name, c.feature_a, c.feature_b, c.r FROM correlations c JOIN endpoints e ON e.id = c.endpoint_id "
    "ORDER BY e.name, c.feature_a, c.feature_b",
};

}  // namespace

class TestKillResume : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

private slots:
    void killedRunResumesToTheUninterruptedNumbers() {
        QVERIFY(dir.isValid());
        const QString straight = dir.path() + "/straight";
        const QString killed = dir.path() + "/killed";
        QString straightSummary;
        QVERIFY(runToEnd(straight, &straightSummary));

        QProcess victim;
        victim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        victim.start(QStringLiteral(DRS_BIN_DIR "/drs"), demoArguments(killed));
        QVERIFY(victim.waitForStarted());
        // Kill as soon as the second outer fold's Deep-CT network is stored: the third is training.
        const QString networkSteps = "SELECT count(*) FROM run_steps WHERE step LIKE 'deep-network:%'";
        QElapsedTimer waited;
        waited.start();
        int networksDone = 0;
        while (victim.state() == QProcess::Running && waited.elapsed() < 10 * 60 * 1000) {
            QThread::msleep(100);
            if (!QFile::exists(killed + "/project.sqlite")) continue;
            Database db(killed + "/project.sqlite");
            if (!db.isOpen()) continue;
            networksDone = db.count(networkSteps);
            if (networksDone >= 2) break;
        }
        QCOMPARE(victim.state(), QProcess::Running);
        QCOMPARE(networksDone, 2);
        ::kill(static_cast<pid_t>(victim.processId()), SIGKILL);
        QVERIFY(victim.waitForFinished());
        QCOMPARE(victim.exitStatus(), QProcess::CrashExit);
        {
            Database db(killed + "/project.sqlite");
            QVERIFY(db.isOpen());
            QCOMPARE(db.count("SELECT count(*) FROM runs WHERE status = 'running'"), 1);
            QCOMPARE(db.count(networkSteps), 2);
            QCOMPARE(db.count("SELECT count(*) FROM run_steps WHERE step LIKE 'endpoint:%'"), 0);
        }

        // A full disk on the way: no file may grow past 256 KiB (the Deep-CT model file is larger).
        // The run must fail with a message naming the file, store nothing of the network it was
        // on, and stay resumable.
        QProcess cramped;
        cramped.setChildProcessModifier([] {
            const rlimit limit{256 * 1024, 256 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN);  // writes then fail with EFBIG, as on a full disk
        });
        cramped.start(QStringLiteral(DRS_BIN_DIR "/drs"), demoArguments(killed));
        QVERIFY(cramped.waitForFinished(10 * 60 * 1000));
        const QString crampedError = QString::fromUtf8(cramped.readAllStandardError());
        QCOMPARE(cramped.exitStatus(), QProcess::NormalExit);
        QVERIFY2(cramped.exitCode() != 0, qPrintable(crampedError));
        QVERIFY2(crampedError.contains(killed), qPrintable(crampedError));
        {
            Database db(killed + "/project.sqlite");
            QVERIFY(db.isOpen());
            QCOMPARE(db.count("SELECT count(*) FROM runs WHERE status = 'finished'"), 0);
            QCOMPARE(db.count(networkSteps), 2);
            QCOMPARE(db.count("SELECT count(*) FROM run_steps WHERE step LIKE 'endpoint:%'"), 0);
            QCOMPARE(db.count("SELECT count(*) FROM trained_models"), 0);
        }

        QString resumedSummary;
        QVERIFY(runToEnd(killed, &resumedSummary));
        QCOMPARE(resumedSummary, straightSummary);

        Database a(straight + "/project.sqlite");
        Database b(killed + "/project.sqlite");
        QVERIFY(a.isOpen() && b.isOpen());
        // The killed run was continued, not started anew.
        QCOMPARE(b.count("SELECT count(*) FROM runs"), 1);
        QCOMPARE(b.count("SELECT count(*) FROM runs WHERE status = 'finished'"), 1);
        QCOMPARE(b.count("SELECT count(*) FROM trained_models"), 6);
        for (const QString& sql : kEvidenceQueries) {
            const QStringList expected = a.rows(sql);
            QVERIFY2(!expected.isEmpty(), qPrintable(sql));
            QCOMPARE(b.rows(sql), expected);
        }
        QVERIFY(QFile::exists(killed + "/report.pdf"));
    }
};

QTEST_GUILESS_MAIN(TestKillResume)
#include "test_kill_resume.moc"
