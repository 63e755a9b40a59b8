#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/pacs/Multipart.h"
#include "core/pacs/Server.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::pacs;

namespace {

struct Collected : PartSink {
    std::vector<std::map<std::string, std::string>> headers;
    std::vector<std::string> bodies;
    int open = 0;
    void beginPart(const std::map<std::string, std::string>& h) override {
        headers.push_back(h);
        bodies.emplace_back();
        ++open;
    }
    void partData(const char* bytes, std::size_t size) override { bodies.back().append(bytes, size); }
    void endPart() override { --open; }
};

// Feeds the body in pieces of `chunk` bytes, so every split of a delimiter is exercised.
Collected readInChunks(const std::string& body, const std::string& boundary, std::size_t chunk) {
    Collected parts;
    MultipartReader reader(boundary, parts);
    for (std::size_t at = 0; at < body.size(); at += chunk)
        reader.feed(body.data() + at, std::min(chunk, body.size() - at));
    reader.finish();
    return parts;
}

// Two parts written by hand after RFC 2046's grammar: a preamble, transport padding after a
// delimiter, a part without headers, CRLF and dashes inside the data, an epilogue.
const std::string kBoundary = "b0und-ary";
const std::string kFirst = std::string("DICM\r\n--b0und-ar\r\n\0\x01\xff--", 20);
const std::string kSecond = "second part\r\n";
const std::string kBody =
    "preamble to ignore\r\n--b0und-ary  \r\nContent-Type: application/dicom\r\n"
    "content-length: 20\r\n\r\n" +
    kFirst + "\r\n--b0und-ary\r\n\r\n" + kSecond + "\r\n--b0und-ary--\r\nepilogue";

}  // namespace

class TestMultipart : public QObject {
    Q_OBJECT
private slots:
    void readsPartsWhateverTheChunking_data() {
        QTest::addColumn<int>("chunk");
        for (int chunk : {1, 2, 3, 7, 13, 64, 100000}) QTest::newRow(QByteArray::number(chunk)) << chunk;
    }
    void readsPartsWhateverTheChunking() {
        QFETCH(int, chunk);
        const Collected parts = readInChunks(kBody, kBoundary, static_cast<std::size_t>(chunk));
        QCOMPARE(parts.bodies.size(), std::size_t(2));
        QCOMPARE(parts.open, 0);
        QVERIFY(parts.bodies[0] == kFirst);
        QVERIFY(parts.bodies[1] == kSecond);
        QCOMPARE(parts.headers[0].at("content-type"), std::string("application/dicom"));
        QCOMPARE(parts.headers[0].at("content-length"), std::string("20"));
        QVERIFY(parts.headers[1].empty());
    }

    void bodyStartingWithTheDelimiterNeedsNoPreamble() {
        const Collected parts = readInChunks("--x\r\n\r\nabc\r\n--x--", "x", 4);
        QCOMPARE(parts.bodies.size(), std::size_t(1));
        QCOMPARE(parts.bodies[0], std::string("abc"));
    }

    void cutShortBodyIsAnError_data() {
        QTest::addColumn<int>("length");
        // Inside the first part's data, inside the second part, and just before the closing "--".
        for (int length : {90, 140, static_cast<int>(kBody.find("--b0und-ary--") + 11)})
            QTest::newRow(QByteArray::number(length)) << length;
    }
    void cutShortBodyIsAnError() {
        QFETCH(int, length);
        Collected parts;
        MultipartReader reader(kBoundary, parts);
        reader.feed(kBody.data(), static_cast<std::size_t>(length));
        QVERIFY_THROWS_EXCEPTION(Error, reader.finish());
    }

    void writerOutputReadsBack() {
        std::vector<OutgoingPart> out{{"application/dicom", QByteArray("\0\1\2\r\n--", 7)},
                                      {"application/pdf", QByteArray(5000, 'x')}};
        std::string contentType;
        const QByteArray body = writeMultipart(out, contentType);
        QVERIFY(contentType.rfind("multipart/related; type=\"application/dicom\"; boundary=", 0) == 0);
        const Collected parts = readInChunks(body.toStdString(), multipartBoundary(contentType), 5);
        QCOMPARE(parts.bodies.size(), std::size_t(2));
        QVERIFY(parts.bodies[0] == out[0].bytes.toStdString());
        QVERIFY(parts.bodies[1] == out[1].bytes.toStdString());
        QCOMPARE(parts.headers[1].at("content-type"), std::string("application/pdf"));
    }

    void boundaryParameter() {
        QCOMPARE(multipartBoundary("multipart/related; type=\"application/dicom\"; boundary=abc-1"),
                 std::string("abc-1"));
        QCOMPARE(multipartBoundary("multipart/related;boundary=\"a b;c\";type=x"), std::string("a b;c"));
        QCOMPARE(multipartBoundary("Multipart/Related; BOUNDARY = q"), std::string("q"));
        QVERIFY_THROWS_EXCEPTION(Error, multipartBoundary("application/dicom+json"));
        QVERIFY_THROWS_EXCEPTION(Error, multipartBoundary("multipart/related; xboundary=1"));
    }

    void urlsInMessagesCarryNoSecrets() {
        QCOMPARE(redactedUrl("http://alice:pw@pacs.local:8042/dicom-web?token=t#f"),
                 std::string("http://pacs.local:8042/dicom-web"));
        Server server;
        server.url = "http://alice:pw@pacs.local/dicom-web";
        try {
            validate(server);
            QFAIL("user information in the URL was accepted");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("pw") == std::string::npos);
        }
    }

    void settingsAreChecked() {
        Server server;
        QVERIFY_THROWS_EXCEPTION(Error, validate(server));
        server.url = "ftp://pacs.local/";
        QVERIFY_THROWS_EXCEPTION(Error, validate(server));
        server.url = "https://pacs.local/dicom-web";
        validate(server);
        server.auth = AuthKind::Basic;
        server.secret = "s";
        QVERIFY_THROWS_EXCEPTION(Error, validate(server));  // no user
        server.user = "u";
        validate(server);
        server.auth = AuthKind::Bearer;
        server.secret.clear();
        QVERIFY_THROWS_EXCEPTION(Error, validate(server));  // no token
    }

    void secretFilesMustBePrivate() {
        QTemporaryDir dir;
        QFile file(dir.filePath("token"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("  s3cret-token \nsecond line\n");
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
        QVERIFY_THROWS_EXCEPTION(Error, readSecretFile(file.fileName().toStdString()));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(readSecretFile(file.fileName().toStdString()), std::string("s3cret-token"));
        QVERIFY_THROWS_EXCEPTION(Error, readSecretFile(dir.filePath("absent").toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestMultipart)
#include "test_multipart.moc"
