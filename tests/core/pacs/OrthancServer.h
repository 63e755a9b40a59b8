#pragma once
// A throw-away Orthanc (Debian's orthanc + orthanc-dicomweb) on loopback for tests and benchmarks:
// a free port, storage in a temporary folder, stopped and removed with the object. Its own REST
// API (uploads, deletes) is spoken here with plain QNetworkAccessManager calls, independent of the
// client under test.
#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <memory>
#include <string>

namespace drs::testing {

class OrthancServer {
public:
    static constexpr const char* kExecutable = "/usr/sbin/Orthanc";
    static constexpr const char* kDicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

    static bool installed() { return QFile::exists(kExecutable) && QFile::exists(kDicomWebPlugin); }

    enum class SignIn { Basic, Bearer };

    // Basic: a user "drs" with a random password. Bearer: a random token, checked by a Lua filter
    // (Orthanc has no token sign-in of its own; sites put a proxy or plugin in front of it).
    explicit OrthancServer(SignIn signIn = SignIn::Basic) : signIn_(signIn) {
        secret_ = QByteArray::number(QRandomGenerator::system()->generate64(), 36) +
                  QByteArray::number(QRandomGenerator::system()->generate64(), 36);
    }
    ~OrthancServer() { stop(); }

    // Starts the server and waits until it answers; returns an explanation when it cannot.
    QString start() {
        if (!installed())
            return "Orthanc with the DICOMweb plugin is not installed (apt-get install orthanc orthanc-dicomweb)";
        if (!dir_.isValid()) return "cannot create a temporary folder";
        port_ = freePort();
        QJsonObject config{
            {"Name", "drs-test"},
            {"StorageDirectory", dir_.filePath("storage")},
            {"IndexDirectory", dir_.filePath("storage")},
            {"Plugins", QJsonArray{kDicomWebPlugin}},
            {"HttpPort", port_},
            {"DicomServerEnabled", false},
            {"RemoteAccessAllowed", false},
            {"HttpCompressionEnabled", false},
            {"DicomWeb", QJsonObject{{"Enable", true}, {"Root", "/dicom-web/"}}},
        };
        if (signIn_ == SignIn::Basic) {
            config["AuthenticationEnabled"] = true;
            config["RegisteredUsers"] = QJsonObject{{"drs", QString::fromLatin1(secret_)}};
        } else {
            config["AuthenticationEnabled"] = false;
            QFile lua(dir_.filePath("token.lua"));
            if (!lua.open(QIODevice::WriteOnly)) return "cannot write the Lua filter";
            lua.write(
                "function IncomingHttpRequestFilter(method, uri, ip, username, headers)\n"
                "  return headers['authorization'] == 'Bearer " +
                secret_ +
                "'\n"
                "end\n");
            lua.close();
            config["LuaScripts"] = QJsonArray{lua.fileName()};
        }
        QFile file(dir_.filePath("orthanc.json"));
        if (!file.open(QIODevice::WriteOnly)) return "cannot write the Orthanc configuration";
        file.write(QJsonDocument(config).toJson());
        file.close();
        process_ = std::make_unique<QProcess>();
        process_->setProcessChannelMode(QProcess::MergedChannels);
        process_->setStandardOutputFile(dir_.filePath("orthanc.log"));
        process_->start(kExecutable, {file.fileName()});
        if (!process_->waitForStarted(5000)) return "Orthanc did not start";
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 15000) {
            if (process_->state() != QProcess::Running) return "Orthanc stopped at start-up: " + log();
            if (request("GET", "/system").first == 200) return {};
            QThread::msleep(50);
        }
        return "Orthanc did not answer within 15 s: " + log();
    }

    // Its storage is thrown away, so there is nothing to shut down cleanly (that takes Orthanc ~2 s).
    void stop() {
        if (!process_ || process_->state() == QProcess::NotRunning) return;
        process_->kill();
        process_->waitForFinished(5000);
    }

    QString log() const {
        QFile file(dir_.filePath("orthanc.log"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(2000)) : QString();
    }

    int port() const { return port_; }
    std::string dicomWebUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/dicom-web"; }
    std::string user() const { return "drs"; }
    std::string secret() const { return secret_.toStdString(); }

    // Orthanc's own REST API: (HTTP status, body).
    std::pair<int, QByteArray> request(const QByteArray& verb, const QString& path, const QByteArray& body = {}) {
        const QNetworkRequest req = signedRequest(path, !body.isEmpty());
        QNetworkReply* reply = manager_.sendCustomRequest(req, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished()) loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        reply->deleteLater();
        return {status, answer};
    }

    // Uploads every file below a folder (Orthanc's POST /instances, several at once: each answer
    // takes Orthanc ~50 ms on loopback); returns how many it accepted.
    int uploadFolder(const QString& folder) {
        QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
        int pending = 0, stored = 0;
        QEventLoop loop;
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly)) continue;
            QNetworkReply* reply = manager_.post(signedRequest("/instances", true), file.readAll());
            ++pending;
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) ++stored;
                reply->deleteLater();
                if (--pending == 0) loop.quit();
            });
        }
        if (pending > 0) loop.exec();
        return stored;
    }

    // Deletes a study (or an instance) by its DICOM UID; true when Orthanc had it.
    bool deleteStudy(const std::string& studyInstanceUid) { return deleteResource("Study", studyInstanceUid); }
    bool deleteInstance(const std::string& sopInstanceUid) { return deleteResource("Instance", sopInstanceUid); }

private:
    QNetworkRequest signedRequest(const QString& path, bool dicomBody) const {
        QNetworkRequest req(QUrl(QString("http://127.0.0.1:%1%2").arg(port_).arg(path)));
        if (signIn_ == SignIn::Basic)
            req.setRawHeader("Authorization", "Basic " + ("drs:" + secret_).toBase64());
        else
            req.setRawHeader("Authorization", "Bearer " + secret_);
        if (dicomBody) req.setHeader(QNetworkRequest::ContentTypeHeader, "application/dicom");
        return req;
    }

    bool deleteResource(const QString& type, const std::string& uid) {
        const auto [status, body] = request("POST", "/tools/lookup", QByteArray::fromStdString(uid));
        if (status != 200) return false;
        for (const auto& hit : QJsonDocument::fromJson(body).array()) {
            const QJsonObject object = hit.toObject();
            if (object.value("Type").toString() == type)
                return request("DELETE", object.value("Path").toString()).first == 200;
        }
        return false;
    }

    static int freePort() {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    SignIn signIn_;
    QByteArray secret_;
    QTemporaryDir dir_;
    int port_ = 0;
    std::unique_ptr<QProcess> process_;
    QNetworkAccessManager manager_;
};

}  // namespace drs::testing
