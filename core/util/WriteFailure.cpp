#include "core/util/WriteFailure.h"

#include <sys/resource.h>
#include <sys/statvfs.h>

#include <filesystem>

namespace drs {

namespace fs = std::filesystem;

std::string writeLimitReached(std::uintmax_t bytesOnDisk, const std::string& folder) {
    // A write that fails stops within one buffer of the limit.
    constexpr std::uintmax_t kSlackBytes = 1 << 16;
    rlimit limit{};
    if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
        bytesOnDisk + kSlackBytes >= limit.rlim_cur)
        return "the file reached this process's file-size limit (ulimit -f) of " + std::to_string(limit.rlim_cur) +
               " bytes";
    struct statvfs disk {};
    if (statvfs(folder.c_str(), &disk) == 0 && static_cast<std::uintmax_t>(disk.f_bavail) * disk.f_frsize < kSlackBytes)
        return "the disk is full";
    return {};
}

std::string writeLimitReached(const std::string& path) {
    const fs::path file = fs::u8path(path);
    std::error_code error;
    const std::uintmax_t size = fs::file_size(file, error);
    if (error) return {};
    return writeLimitReached(size, file.has_parent_path() ? file.parent_path().string() : std::string("."));
}

}  // namespace drs
