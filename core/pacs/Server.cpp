#include "core/pacs/Server.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include "core/util/Error.h"

namespace drs::pacs {

std::string redactedUrl(const std::string& url) {
    const QUrl parsed(QString::fromStdString(url));
    if (!parsed.isValid()) return "(invalid URL)";
    return parsed.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString().toStdString();
}

std::string readSecretFile(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.exists()) throw Error(path + ": secret file not found");
    const auto mode = file.permissions();
    if (mode & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        throw Error(path + ": the secret file may be read by its group or others; chmod 600 it");
    if (!file.open(QIODevice::ReadOnly)) throw Error(path + ": cannot read the secret file");
    const QByteArray firstLine = file.readLine().trimmed();
    if (firstLine.isEmpty()) throw Error(path + ": the secret file is empty");
    return firstLine.toStdString();
}

void validate(const Server& server) {
    if (server.url.empty()) throw Error("no DICOMweb server URL given");
    const QUrl url(QString::fromStdString(server.url), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) throw Error(redactedUrl(server.url) + ": not a valid server URL");
    if (url.scheme() != "http" && url.scheme() != "https")
        throw Error(redactedUrl(server.url) + ": the URL must start with http:// or https://");
    if (!url.userInfo().isEmpty())
        throw Error(redactedUrl(server.url) +
                    ": put no user name or password in the URL; give the user and a password file instead");
    if (server.auth == AuthKind::Basic && server.user.empty()) throw Error("basic sign-in needs a user name");
    if (server.auth != AuthKind::None && server.secret.empty())
        throw Error(std::string(server.auth == AuthKind::Basic ? "basic sign-in needs a password"
                                                               : "bearer sign-in needs a token"));
    if (server.timeoutSeconds < 1) throw Error("the time-out must be at least 1 s");
    if (server.maxAttempts < 1) throw Error("at least one attempt is needed");
}

}  // namespace drs::pacs
