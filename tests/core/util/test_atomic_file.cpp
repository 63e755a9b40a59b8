#include <sys/stat.h>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "core/image/ImageIO.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace fs = std::filesystem;

// Writing through a temporary renamed onto the target: a reader sees all of a file or none of
// it, and a device or a pipe (drs ... --out /dev/stdout, /dev/null) is written into, never replaced.
class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void aFileIsReplacedWhole() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.json").toStdString();
        std::ofstream(path) << "old contents, longer than the new";
        drs::writeTextAtomically(path, "new");
        std::stringstream read;
        read << std::ifstream(path).rdbuf();
        QCOMPARE(read.str(), std::string("new"));
        QCOMPARE(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator{}), 1);
        QVERIFY(!drs::isDeviceOrPipe(path));
        QVERIFY(!drs::isDeviceOrPipe(dir.path().toStdString()));
        QVERIFY(!drs::isDeviceOrPipe(dir.filePath("absent").toStdString()));
    }

    // Renaming a temporary onto a pipe would leave a plain file where the pipe was (and onto
    // /dev/null, run as root, a plain file every program then fails to write to).
    void aPipeIsWrittenIntoAndStaysAPipe() {
        QTemporaryDir dir;
        const std::string pipe = dir.filePath("pipe").toStdString();
        QCOMPARE(mkfifo(pipe.c_str(), 0600), 0);
        QVERIFY(drs::isDeviceOrPipe(pipe));
        auto reader = std::async(std::launch::async, [&] {
            std::stringstream read;
            read << std::ifstream(pipe).rdbuf();
            return read.str();
        });
        drs::writeTextAtomically(pipe, "through the pipe");
        QCOMPARE(reader.get(), std::string("through the pipe"));
        QVERIFY(fs::is_fifo(pipe));
        QCOMPARE(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator{}), 1);
        QVERIFY(drs::isDeviceOrPipe("/dev/null"));
        // An image is not streamed: refused, naming the path, and the pipe is left as it was.
        drs::Geometry g;
        g.sizeXyz = {2, 2, 2};
        try {
            drs::writeVolume(drs::Volume(g, 0.0f), pipe);
            QFAIL("an image written to a pipe");
        } catch (const drs::Error& e) {
            QCOMPARE(std::string(e.what()), pipe + ": is a device or a pipe; an image is written to a file");
        }
        QVERIFY(fs::is_fifo(pipe));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
