#pragma once
#include <string>

namespace drs {

// "<pid>-<n>": no other process or thread of this host uses the same tag at the same time. For
// temporary files that several processes may write side by side (two imports into one project).
std::string processUniqueTag();

// "dir/x.nii.gz" -> "dir/x.<word>-<pid>-<n>.nii.gz": the same folder, so renaming it onto path is
// atomic, and the same extension, since ITK and Qt pick their writer by it.
std::string temporarySibling(const std::string& path, const std::string& word);

}  // namespace drs
