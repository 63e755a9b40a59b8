#pragma once
// Writing a file so that a reader sees all of it or none: the bytes go to a temporary sibling,
// renamed onto the path only when complete. On failure the temporary is removed and the Error
// names the path and the reason: the process's file-size limit or a full disk when that is it.
#include <functional>
#include <string>

namespace drs {

// write(temporaryPath) writes the file and returns "" or its own account of the failure;
// `what` names the file's kind in the message ("the RTSTRUCT").
void writeAtomically(const std::string& path, const std::string& what,
                     const std::function<std::string(const std::string& temporaryPath)>& write);

void writeTextAtomically(const std::string& path, const std::string& text);

}  // namespace drs
