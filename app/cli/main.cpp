#include <QCoreApplication>
#ifdef DRS_WITH_REPORT
#include <QApplication>
#include <QDir>
#include <QFile>
#endif
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/Command.h"
#include "core/util/Error.h"
#include "core/util/SourceRevision.h"

namespace {

void printHelp() {
    std::cout << "drs " DRS_VERSION " - DeepRadScore Studio command line\n\nCommands:\n";
    for (const auto& [name, command] : drs::cli::commands())
        std::cout << "  " << name << std::string(name.size() < 14 ? 14 - name.size() : 1, ' ') << command.summary
                  << "\n";
    std::cout << "\n'drs COMMAND --help' shows a command's options.\n";
}

#ifdef DRS_DEEP_EXECUTABLE
// Replaces this process by a companion executable installed beside this one (drs-deep, drs-report),
// with the same arguments.
int runCompanion(const char* name, char** argv) {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::string companion = (self.parent_path() / name).string();
    ::execv(companion.c_str(), argv);
    std::cerr << "drs: " << companion << ": cannot start it (" << std::strerror(errno)
              << "); it runs some of drs's commands and is installed beside drs\n";
    return 2;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    // Past a file-size limit (ulimit -f) the kernel would kill the process without a word; ignored,
    // the write fails with EFBIG, and the command names the file and removes what it wrote.
    std::signal(SIGXFSZ, SIG_IGN);
    const bool help = argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h";
    if (argc >= 2 && std::string(argv[1]) == "--version") {
        std::cout << "drs " DRS_VERSION " (" << drs::sourceRevision() << ")\n";
        return 0;
    }
    const auto& table = drs::cli::commands();
    const auto found = help ? table.end() : table.find(argv[1]);
#ifdef DRS_REPORT_EXECUTABLE
    if (!help && std::string(argv[1]) == "report") return runCompanion(DRS_REPORT_EXECUTABLE, argv);
#endif
#ifdef DRS_DEEP_EXECUTABLE
    // The help lists every command, and drs-deep has them all: it answers for both.
    if (found == table.end()) return runCompanion(DRS_DEEP_EXECUTABLE, argv);
#endif
#ifdef DRS_WITH_REPORT
    // Commands that write PDF reports draw QCustomPlot widgets, which need a QApplication (on the
    // offscreen platform: no window, no display). The others keep the lighter QCoreApplication.
    const bool drawsCharts = argc > 1 && (std::string(argv[1]) == "report" || std::string(argv[1]) == "demo" ||
                                          std::string(argv[1]) == "train" || std::string(argv[1]) == "predict");
    if (drawsCharts && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    if (drawsCharts && qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // Qt warns on every start without one (root shells, CI); a private folder is what it wants.
        const QByteArray runtime = QDir::tempPath().toUtf8() + "/runtime-" + QByteArray::number(getuid());
        QDir().mkpath(QString::fromUtf8(runtime));
        QFile::setPermissions(QString::fromUtf8(runtime), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", runtime);
    }
    std::unique_ptr<QCoreApplication> application(drawsCharts ? new QApplication(argc, argv)
                                                              : new QCoreApplication(argc, argv));
#else
    QCoreApplication application(argc, argv);
#endif
    if (help) {
        printHelp();
        return argc < 2 ? 2 : 0;
    }
    if (found == table.end()) {
        std::cerr << "drs: unknown command '" << argv[1] << "' (drs --help lists them)\n";
        return 2;
    }
    const auto& command = found->second;
    std::vector<std::string> tokens(argv + 2, argv + argc);
    for (const auto& token : tokens) {
        if (token == "--help" || token == "-h") {
            std::cout << "usage: drs " << command.name << " " << command.usage << "\n";
            return 0;
        }
    }
    try {
        return command.run(drs::cli::Args(tokens, command.switches));
    } catch (const drs::Error& e) {
        std::cerr << "drs " << command.name << ": " << e.what() << "\n";
        return 1;
    } catch (const drs::Cancelled& e) {
        std::cerr << "drs " << command.name << ": " << e.what() << "\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "drs " << command.name << ": internal error: " << e.what() << "\n";
        return 3;
    }
}
