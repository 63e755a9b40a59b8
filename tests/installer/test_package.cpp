// The Debian package as a user gets it: cpack builds it from this build tree, dpkg -x unpacks it
// into a scratch root (no installation, no root rights), and the unpacked programs answer
// --version; the desktop entry, AppStream metadata and icon are where desktops look for them.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "core/util/SourceRevision.h"

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run run(const QString& program, const QStringList& arguments, const QString& folder = {}, int timeoutMs = 600000) {
    QProcess process;
    if (!folder.isEmpty()) process.setWorkingDirectory(folder);
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        result.err = program + QStringLiteral(": did not finish: ") + process.errorString();
        process.kill();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

}  // namespace

class TestPackage : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;
    QString root_;

private slots:
    void buildsAndUnpacksTheDeb() {
        QVERIFY(scratch_.isValid());
        const QString packages = scratch_.filePath("packages");
        const Run cpack = run(QStringLiteral("cpack"), {"--config", QStringLiteral(DRS_BUILD_DIR "/CPackConfig.cmake"),
                                                        "-G", "DEB", "-B", packages});
        QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.out + cpack.err));
        const QStringList debs = QDir(packages).entryList({"deepradscore_*.deb"}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        const QString deb = packages + "/" + debs.first();
        const Run fields = run(QStringLiteral("dpkg-deb"), {"--field", deb, "Package", "Version", "Depends"});
        QVERIFY2(fields.exitCode == 0, qPrintable(fields.err));
        QVERIFY(fields.out.contains("Package: deepradscore"));
        QVERIFY(fields.out.contains("Version: " DRS_VERSION));
        QVERIFY(fields.out.contains("libtorch"));
        root_ = scratch_.filePath("root");
        const Run unpack = run(QStringLiteral("dpkg"), {"-x", deb, root_});
        QVERIFY2(unpack.exitCode == 0, qPrintable(unpack.err));
    }

    void unpackedProgramsRun() {
        QVERIFY(!root_.isEmpty());
        const Run drs = run(root_ + "/usr/bin/drs", {"--version"}, scratch_.path(), 60000);
        QVERIFY2(drs.exitCode == 0, qPrintable(drs.err));
        QVERIFY2(drs.out.contains(DRS_VERSION), qPrintable(drs.out));
        // A Deep-CT command, answered by drs-deep installed beside drs.
        const Run deep = run(root_ + "/usr/bin/drs", {"deep-train", "--help"}, scratch_.path(), 60000);
        QVERIFY2(deep.exitCode == 0 && deep.out.startsWith("usage: drs deep-train"), qPrintable(deep.out + deep.err));
        // The report command, answered by drs-report installed beside drs.
        const Run report = run(root_ + "/usr/bin/drs", {"report", "--help"}, scratch_.path(), 60000);
        QVERIFY2(report.exitCode == 0 && report.out.startsWith("usage: drs report"),
                 qPrintable(report.out + report.err));
        const Run gui = run(root_ + "/usr/bin/deepradscore", {"--version"}, scratch_.path(), 60000);
        QVERIFY2(gui.exitCode == 0, qPrintable(gui.err));
        // Both name the code they were built from beside the release.
        QCOMPARE(gui.out.trimmed(), QStringLiteral("deepradscore " DRS_VERSION " (%1)").arg(drs::sourceRevision()));
        QCOMPARE(drs.out.trimmed(), QStringLiteral("drs " DRS_VERSION " (%1)").arg(drs::sourceRevision()));
    }

    void desktopIntegrationIsInPlace() {
        QVERIFY(!root_.isEmpty());
        const QString desktop = root_ + "/usr/share/applications/deepradscore.desktop";
        const QString metainfo = root_ + "/usr/share/metainfo/io.github.deepradscore.Studio.metainfo.xml";
        QVERIFY(QFileInfo::exists(desktop));
        QVERIFY(QFileInfo::exists(metainfo));
        QVERIFY(QFileInfo::exists(root_ + "/usr/share/icons/hicolor/scalable/apps/deepradscore.svg"));
        // The validators, where installed (desktop-file-utils, appstream).
        if (!QStandardPaths::findExecutable("desktop-file-validate").isEmpty()) {
            const Run check = run(QStringLiteral("desktop-file-validate"), {desktop});
            QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
        }
        if (!QStandardPaths::findExecutable("appstreamcli").isEmpty()) {
            const Run check = run(QStringLiteral("appstreamcli"), {"validate", "--no-net", metainfo});
            QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "test_package.moc"
