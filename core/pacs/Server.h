#pragma once
// Where a DICOMweb server is and how to sign in. The secret (password or token) lives only in this
// struct in memory: it comes from an environment variable or a file of the user's, and no message,
// log line, report or project row ever contains it (redactedUrl() is what messages show).
#include <string>

namespace drs::pacs {

enum class AuthKind { None, Basic, Bearer };

struct Server {
    // DICOMweb root, e.g. http://pacs.example.org:8042/dicom-web (QIDO, WADO and STOW share it).
    std::string url;
    AuthKind auth = AuthKind::None;
    std::string user;    // Basic only
    std::string secret;  // password (Basic) or token (Bearer)
    // A request is given up when no byte moves for this long.
    int timeoutSeconds = 60;
    // Transient failures (refused or dropped connections, time-outs, HTTP 502/503/504) are retried
    // with doubling waits from retryWaitMs (capped at 8 s): at most maxAttempts tries in all.
    int maxAttempts = 4;
    int retryWaitMs = 500;
};

// The URL without user information, query or fragment: safe for messages.
std::string redactedUrl(const std::string& url);

// Reads a password or token file: its first line, surrounding white space dropped. Refuses (Error
// naming the file) a missing or empty file and one that its group or others may read, as ssh does
// with private keys: a secret others can read is no longer the user's alone.
std::string readSecretFile(const std::string& path);

// Throws Error when the settings cannot work: no URL, a scheme other than http/https, user info in
// the URL (it would end up in logs), Basic without a user, a sign-in without a secret.
void validate(const Server& server);

}  // namespace drs::pacs
