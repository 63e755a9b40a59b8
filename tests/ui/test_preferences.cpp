// Preferences: kept in QSettings (a scratch XDG_CONFIG_HOME here), checked when read back,
// edited in their dialog, and applied by the main window to the run settings of new runs; the
// window's menus in Chinese.
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "ui/MainWindow.h"
#include "ui/Preferences.h"
#include "ui/RunSettings.h"
#include "ui/Translations.h"

using namespace drs;
using namespace drs::ui;

namespace {

Preferences chosen(const QString& folder) {
    Preferences p;
    p.device = "cpu";
    p.threads = 3;
    p.deepThreads = 2;
    p.binWidthHu = 10;
    p.ringMm = 5;
    p.dataFolder = folder;
    p.language = "zh_CN";
    return p;
}

QStringList menuTitles(const QMainWindow& window) {
    QStringList titles;
    for (QAction* action : window.menuBar()->actions()) titles << action->text();
    return titles;
}

}  // namespace

class TestPreferences : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void keptAndReadBack() {
        QSettings settings(dir_.filePath("prefs.ini"), QSettings::IniFormat);
        chosen(dir_.path()).save(settings);
        const Preferences back = Preferences::load(settings);
        QCOMPARE(back.device, QStringLiteral("cpu"));
        QCOMPARE(back.threads, 3);
        QCOMPARE(back.deepThreads, 2);
        QCOMPARE(back.binWidthHu, 10.0);
        QCOMPARE(back.ringMm, 5.0);
        QCOMPARE(back.dataFolder, dir_.path());
        QCOMPARE(back.language, QStringLiteral("zh_CN"));
        QCOMPARE(back.startFolder(), dir_.path());
        // Values edited by hand into nonsense fall back to the defaults.
        settings.setValue("run/device", "gpu");
        settings.setValue("extraction/binWidthHu", -4);
        settings.setValue("files/dataFolder", dir_.filePath("gone"));
        const Preferences repaired = Preferences::load(settings);
        QCOMPARE(repaired.device, QStringLiteral("auto"));
        QCOMPARE(repaired.binWidthHu, 25.0);
        QCOMPARE(repaired.startFolder(), QDir::homePath());
    }

    void becomeTheDefaultsOfNewRuns() {
        const RunSettings run = chosen(dir_.path()).applyTo(RunSettings{});
        const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(run.toOptions().toJson())).object();
        QCOMPARE(json["device"].toString(), QStringLiteral("cpu"));
        QCOMPARE(json["ring_mm"].toDouble(), 5.0);
        QCOMPARE(json["radiomics"].toObject()["binWidth"].toDouble(), 10.0);
        QCOMPARE(json["deep"].toObject()["cpu_threads"].toInt(), 2);
        QCOMPARE(run.toOptions().threads, 3);
    }

    void dialogEditsThem() {
        PreferencesDialog dialog(chosen(dir_.path()));
        QCOMPARE(dialog.deviceChooser()->currentData().toString(), QStringLiteral("cpu"));
        QCOMPARE(dialog.binWidthBox()->value(), 10.0);
        QCOMPARE(dialog.languageChooser()->currentData().toString(), QStringLiteral("zh_CN"));
        dialog.deviceChooser()->setCurrentIndex(dialog.deviceChooser()->findData("auto"));
        dialog.ringBox()->setValue(4);
        dialog.languageChooser()->setCurrentIndex(dialog.languageChooser()->findData("en"));
        const Preferences edited = dialog.preferences();
        QCOMPARE(edited.device, QStringLiteral("auto"));
        QCOMPARE(edited.ringMm, 4.0);
        QCOMPARE(edited.language, QStringLiteral("en"));
        QCOMPARE(edited.threads, 3);
    }

    void mainWindowAppliesAndKeepsThem() {
        chosen(dir_.path()).saveSaved();
        MainWindow window;
        QCOMPARE(window.preferences().binWidthHu, 10.0);
        const RunSettings run = window.studyPanel()->runSettings()->settings();
        QCOMPARE(run.device, std::string("cpu"));
        QCOMPARE(run.binWidth, 10.0);
        QCOMPARE(run.ringMm, 5.0);
        QCOMPARE(run.deepThreads, 2);
        Preferences changed = window.preferences();
        changed.device = "auto";
        window.setPreferences(changed);
        QCOMPARE(window.studyPanel()->runSettings()->settings().device, std::string("auto"));
        QCOMPARE(Preferences::loadSaved().device, QStringLiteral("auto"));
        QVERIFY(menuTitles(window).contains(QStringLiteral("&Edit")));
    }

    void menusInChinese() {
        const QStringList english = menuTitles(MainWindow());
        const QStringList loaded = installTranslations(*qApp, QLocale(QStringLiteral("zh_CN")));
        QVERIFY(!loaded.isEmpty());
        MainWindow window;
        const QStringList titles = menuTitles(window);
        QVERIFY2(titles.contains(QStringLiteral("文件(&F)")), qPrintable(titles.join(", ")));
        QVERIFY2(titles.contains(QStringLiteral("编辑(&E)")), qPrintable(titles.join(", ")));
        QVERIFY2(titles.contains(QStringLiteral("视图(&V)")), qPrintable(titles.join(", ")));
        QCOMPARE(titles.size(), english.size());
        for (int i = 0; i < titles.size(); ++i)  // every menu title is translated
            QVERIFY2(titles[i] != english[i], qPrintable(english[i]));
    }
};

int main(int argc, char** argv) {
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());  // never the user's own settings
    QApplication application(argc, argv);
    TestPreferences test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_preferences.moc"
