#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QTimer>
#include <cstdio>

#include "core/util/Error.h"
#include "core/util/SourceRevision.h"
#include "models/Device.h"
#include "models/TorchDeepCt.h"
#include "ui/CommandLine.h"
#include "ui/MainWindow.h"
#include "ui/Preferences.h"
#include "ui/Translations.h"
#include "viewers/SurfaceFormat.h"

int main(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    // Help, version and usage errors need no display: answer them before the GUI starts.
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        QCoreApplication console(argc, argv);
        drs::ui::installTranslations(console, QLocale());
        std::fputs(qPrintable(drs::ui::guiHelpText()), stdout);
        return 0;
    }
    if (arguments.contains(QStringLiteral("--version"))) {
        std::printf("deepradscore %s (%s)\n", DRS_VERSION, drs::sourceRevision());
        return 0;
    }
    drs::ui::GuiOptions options;
    try {
        options = drs::ui::parseGuiArguments(arguments);
    } catch (const drs::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }

    drs::viewers::useVtkSurfaceFormat();  // must precede QApplication
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DeepRadScore Studio"));
    QApplication::setApplicationVersion(QStringLiteral(DRS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("deepradscore"));
    // The language chosen in Preferences, else the system's.
    const QString language = drs::ui::Preferences::loadSaved().language;
    drs::ui::installTranslations(application, language.isEmpty() ? QLocale() : QLocale(language));

    drs::models::prepareProcessForTraining();
    drs::ui::MainWindow window([] { return drs::models::makeTorchDeepCt(); });
    drs::ui::DeepCtEngineInfo engine;
    engine.backbones.clear();
    for (const auto& name : drs::models::backboneNames()) engine.backbones << QString::fromStdString(name);
    const drs::models::DeviceChoice device = drs::models::chooseDevice();
    engine.detectedDevice = QString::fromStdString(device.description);
    engine.cudaAvailable = device.cuda;
    window.studyPanel()->setEngine(engine);
    window.show();
    int exitCode = 0;
    if (!options.screenshotPath.isEmpty()) {
        // Headless documentation and smoke runs: picture once the last view is up, then quit.
        window.setAsksQuestions(false);
        const auto takeScreenshot = [&] {
            QTimer::singleShot(500, &window, [&] {
                if (!window.screenshot().save(options.screenshotPath, "PNG")) {
                    std::fprintf(stderr, "deepradscore: %s: could not write the screenshot\n",
                                 qPrintable(options.screenshotPath));
                    exitCode = 1;
                }
                QApplication::exit(exitCode);
            });
        };
        QObject::connect(&window, &drs::ui::MainWindow::loadFailed, &window, [&](const QString& message) {
            std::fprintf(stderr, "deepradscore: %s\n", qPrintable(message));
            exitCode = 1;
            QApplication::exit(1);
        });
        if (!options.projectPath.isEmpty())
            QObject::connect(window.studyPanel(), &drs::ui::StudyPanel::projectShown, &window, takeScreenshot);
        else if (!options.maskPath.isEmpty())
            QObject::connect(&window, &drs::ui::MainWindow::regionsShown, &window, takeScreenshot);
        else if (!options.studyPath.isEmpty())
            QObject::connect(&window, &drs::ui::MainWindow::studyShown, &window, takeScreenshot);
        else
            takeScreenshot();
    }
    // One job at a time: a project given with a study is read once the study is on screen.
    if (!options.projectPath.isEmpty()) {
        if (options.studyPath.isEmpty())  // from the event loop, which a refusal must be able to quit
            QTimer::singleShot(0, &window, [&] { window.openProject(options.projectPath); });
        else
            QObject::connect(
                &window,
                options.maskPath.isEmpty() ? &drs::ui::MainWindow::studyShown : &drs::ui::MainWindow::regionsShown,
                &window, [&] { window.openProject(options.projectPath); }, Qt::SingleShotConnection);
    }
    if (!options.studyPath.isEmpty())
        window.openStudy(options.studyPath, options.maskPath, options.label, options.roiName, options.seriesUid);
    const int code = application.exec();
    return exitCode != 0 ? exitCode : code;
}
