#include "core/image/Pseudonym.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>

#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/TemporaryName.h"

namespace drs {

namespace {

std::string trimmed(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

std::string hmacHex(const std::string& secret, const std::string& message) {
    return QMessageAuthenticationCode::hash(QByteArray::fromStdString(message), QByteArray::fromStdString(secret),
                                            QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

// Writes a fresh key beside path and links it into place: link() fails when another process created
// the file first, so every process ends up reading the one key that won.
void createKeyFile(const std::string& path) {
    const QFileInfo file(QString::fromStdString(path));
    // A folder made for the key is private; a folder that was there (/tmp, a home) keeps its mode.
    const bool folderExisted = QFileInfo::exists(file.absolutePath());
    if (!QDir().mkpath(file.absolutePath())) throw Error(path + ": cannot create the folder for the site key");
    if (!folderExisted) ::chmod(file.absolutePath().toLocal8Bit().constData(), 0700);
    QByteArray secret(32, '\0');
    for (auto& byte : secret) byte = static_cast<char>(QRandomGenerator::system()->bounded(256));
    const std::string temporary = temporarySibling(path, "new");
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) throw Error(path + ": cannot create the site key: " + std::strerror(errno));
    const QByteArray text = secret.toHex() + "\n";
    const bool written =
        ::write(fd, text.constData(), static_cast<size_t>(text.size())) == text.size() && ::fsync(fd) == 0;
    const int writeError = errno;
    ::close(fd);
    if (!written) {
        ::unlink(temporary.c_str());
        throw Error(path + ": cannot write the site key: " + std::strerror(writeError));
    }
    const bool linked = ::link(temporary.c_str(), path.c_str()) == 0;
    const int linkError = errno;
    ::unlink(temporary.c_str());
    if (!linked && linkError != EEXIST) throw Error(path + ": cannot create the site key: " + std::strerror(linkError));
}

}  // namespace

std::string SiteKey::id() const { return hmacHex(secret, "DeepRadScore site key id").substr(0, 16); }

std::string siteKeyPath(const std::string& explicitPath) {
    if (!explicitPath.empty()) return explicitPath;
    if (const QByteArray fromEnvironment = qgetenv("DRS_KEY_FILE"); !fromEnvironment.isEmpty())
        return fromEnvironment.toStdString();
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    if (config.isEmpty()) throw Error("no user configuration folder for the site key; name a key file with --key-file");
    return QDir(config).filePath(QStringLiteral("DeepRadScore/site-key")).toStdString();
}

SiteKey loadSiteKey(const std::string& explicitPath) {
    SiteKey key;
    key.path = siteKeyPath(explicitPath);
    struct stat status {};
    if (::stat(key.path.c_str(), &status) != 0) {
        if (errno != ENOENT) throw Error(key.path + ": cannot read the site key: " + std::strerror(errno));
        createKeyFile(key.path);
        if (::stat(key.path.c_str(), &status) != 0)
            throw Error(key.path + ": cannot read the site key: " + std::strerror(errno));
    }
    if (!S_ISREG(status.st_mode)) throw Error(key.path + ": is not a site key file");
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        throw Error(key.path + ": other users may read this site key; restrict it with 'chmod 600 " + key.path + "'");
    QFile file(QString::fromStdString(key.path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(key.path + ": cannot read the site key: " + file.errorString().toStdString());
    const QByteArray text = file.read(200).trimmed();
    const QByteArray secret = QByteArray::fromHex(text);
    if (text.size() != 64 || secret.size() != 32 || secret.toHex() != text.toLower())
        throw Error(key.path + ": is not a site key (64 hex digits are expected)");
    key.secret = secret.toStdString();
    return key;
}

std::string pseudonymise(const std::string& patientId, const SiteKey& key) {
    if (key.secret.empty()) throw Error("no site key to make pseudonyms with");
    return "P-" + hmacHex(key.secret, trimmed(patientId)).substr(0, 16);
}

std::string legacyPseudonym(const std::string& patientId, const std::string& salt) {
    return "P-" + sha256(salt + "\x1f" + trimmed(patientId) + "\x1f").substr(0, 16);
}

}  // namespace drs
