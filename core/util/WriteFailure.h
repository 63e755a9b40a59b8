#pragma once
#include <cstdint>
#include <string>

namespace drs {

// Why writing a file may have stopped short, for an error message: the process's file-size limit
// (ulimit -f) reached by the file, or a full disk; empty when neither is seen. Writers that do not
// report a short write (ITK's NIfTI writer, Qt's file devices) are checked with it.
std::string writeLimitReached(const std::string& path);
// The same for a file of bytesOnDisk in folder (for a file only open, not yet at its name).
std::string writeLimitReached(std::uintmax_t bytesOnDisk, const std::string& folder);

}  // namespace drs
