#pragma once
#include <string>

namespace drs {

// Lower-case hex SHA-256 of a file's bytes (provenance of images, masks, models).
std::string sha256File(const std::string& path);
// Lower-case hex SHA-256 of a byte string.
std::string sha256(const std::string& bytes);
// Lower-case hex SHA-1 of a byte string: SimpleITK's image hash, which pyradiomics' diagnostics show.
std::string sha1(const std::string& bytes);

}  // namespace drs
