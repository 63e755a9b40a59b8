#include "core/util/Hash.h"

#include <QCryptographicHash>
#include <QFile>

#include "core/util/Error.h"

namespace drs {

std::string sha256File(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) throw Error(path + ": cannot open for hashing");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) throw Error(path + ": read failed while hashing");
    return hash.result().toHex().toStdString();
}

std::string sha256(const std::string& bytes) {
    return QCryptographicHash::hash(QByteArray::fromStdString(bytes), QCryptographicHash::Sha256).toHex().toStdString();
}

}  // namespace drs
