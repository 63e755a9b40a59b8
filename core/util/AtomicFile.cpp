#include "core/util/AtomicFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/util/Error.h"
#include "core/util/TemporaryName.h"
#include "core/util/WriteFailure.h"

namespace drs {

namespace fs = std::filesystem;

bool isDeviceOrPipe(const std::string& path) {
    std::error_code error;
    const fs::file_status status = fs::status(fs::u8path(path), error);
    return !error && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status);
}

void writeAtomically(const std::string& path, const std::string& what,
                     const std::function<std::string(const std::string& temporaryPath)>& write) {
    if (isDeviceOrPipe(path)) {
        if (const std::string failure = write(path); !failure.empty())
            throw Error(path + ": cannot write " + what + ": " + failure);
        return;
    }
    const std::string temporary = temporarySibling(path, "partial");
    std::error_code ignored;
    std::string failure;
    try {
        failure = write(temporary);
    } catch (...) {
        fs::remove(fs::u8path(temporary), ignored);
        throw;
    }
    if (!failure.empty()) {
        // The writer's own words for a short write are often "I/O suspension" or "write failed".
        const std::string limit = writeLimitReached(temporary);
        fs::remove(fs::u8path(temporary), ignored);
        throw Error(path + ": cannot write " + what + ": " + (limit.empty() ? failure : limit));
    }
    std::error_code error;
    fs::rename(fs::u8path(temporary), fs::u8path(path), error);
    if (error) {
        fs::remove(fs::u8path(temporary), ignored);
        throw Error(path + ": cannot write " + what + ": " + error.message());
    }
}

void writeTextAtomically(const std::string& path, const std::string& text) {
    writeAtomically(path, "the file", [&text](const std::string& temporary) -> std::string {
        std::ofstream out(fs::u8path(temporary), std::ios::binary | std::ios::trunc);
        if (!out) return std::string("cannot open it for writing: ") + std::strerror(errno);
        out << text;
        out.flush();
        return out ? std::string() : std::string(std::strerror(errno));
    });
}

}  // namespace drs
