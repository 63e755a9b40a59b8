#pragma once
// Writing a file so that a reader sees all of it or none: the bytes go to a temporary sibling,
// renamed onto the path only when complete. On failure the temporary is removed and the Error
// names the path and the reason: the process's file-size limit or a full disk when that is it.
#include <functional>
#include <string>

namespace drs {

// True when path is a device, a pipe or a socket (/dev/null, /dev/stdout, a FIFO): no temporary
// can be renamed onto it without replacing it by a plain file, which for /dev/null run as root
// breaks every program on the machine, so writers write into it directly.
bool isDeviceOrPipe(const std::string& path);

// write(temporaryPath) writes the file and returns "" or its own account of the failure;
// `what` names the file's kind in the message ("the RTSTRUCT"). A device or pipe is written
// directly (isDeviceOrPipe).
void writeAtomically(const std::string& path, const std::string& what,
                     const std::function<std::string(const std::string& temporaryPath)>& write);

void writeTextAtomically(const std::string& path, const std::string& text);

}  // namespace drs
