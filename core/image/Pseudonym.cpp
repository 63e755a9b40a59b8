#include "core/image/Pseudonym.h"

#include <cstdlib>

#include "core/util/Hash.h"

namespace drs {

namespace {
std::string trimmed(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}
}  // namespace

std::string pseudonymise(const std::string& patientId, const std::string& patientName, const std::string& salt) {
    const std::string digest = sha256(salt + "\x1f" + trimmed(patientId) + "\x1f" + trimmed(patientName));
    return "P-" + digest.substr(0, 16);
}

std::string defaultPseudonymSalt() {
    if (const char* salt = std::getenv("DRS_PSEUDONYM_SALT"); salt && *salt) return salt;
    return "deepradscore-default-salt-v1";
}

}  // namespace drs
