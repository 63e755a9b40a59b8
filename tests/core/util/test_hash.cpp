// SHA-256 of files and byte strings against FIPS 180-2's examples, and a file longer than the
// hash's read buffer against coreutils' sha256sum; SHA-1 of byte strings against FIPS 180-2's.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <vector>

#include "core/util/Error.h"
#include "core/util/Hash.h"

using namespace drs;

class HashTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    std::string fileOf(const std::string& name, const std::string& bytes) {
        const std::string path = dir_.filePath(QString::fromStdString(name)).toStdString();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

private slots:
    void fipsExamples() {
        // FIPS 180-2 appendix B.1, B.2 and B.3.
        QCOMPARE(sha256("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        const std::string twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        QCOMPARE(sha256(twoBlocks), std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(sha256File(fileOf("b2.txt", twoBlocks)),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(sha256File(fileOf("b3.txt", std::string(1000000, 'a'))),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void sha1FipsExamples() {
        // FIPS 180-2 appendix A.1 and A.2 (the second handed over in three pieces); the empty
        // string as `sha1sum < /dev/null` gives it.
        const auto sha1 = [](const std::vector<std::string>& pieces) {
            Sha1 hash;
            for (const std::string& piece : pieces) hash.add(piece.data(), piece.size());
            return hash.hex();
        };
        QCOMPARE(sha1({"abc"}), std::string("a9993e364706816aba3e25717850c26c9cd0d89d"));
        QCOMPARE(sha1({"abcdbcdecdefdefgefghfghighijhijk", "ijkljklmklmnlmn", "omnopnopq"}),
                 std::string("84983e441c3bd26ebaae4aa1f95129e5e54670f1"));
        QCOMPARE(sha1({}), std::string("da39a3ee5e6b4b0d3255bfef95601890afd80709"));
    }

    void emptyInput() {
        // The SHA-256 of no bytes (sha256sum < /dev/null).
        const std::string empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QCOMPARE(sha256(""), empty);
        QCOMPARE(sha256File(fileOf("empty.bin", "")), empty);
    }

    void fileLongerThanOneRead() {
        // `head -c 2500000 /dev/zero | tr '\0' a | sha256sum` (coreutils 9.1): two full reads and a tail.
        QCOMPARE(sha256File(fileOf("long.txt", std::string(2500000, 'a'))),
                 std::string("38a637965059125eeb67f54c30e7f48a61859a467a800ba09740ba48a924f2b9"));
    }

    void missingFileNamesIt() {
        const std::string path = dir_.filePath("absent.bin").toStdString();
        try {
            sha256File(path);
            QFAIL("hashing a missing file did not throw");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find(path) != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(HashTest)
#include "test_hash.moc"
