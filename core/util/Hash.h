#pragma once
#include <cstddef>
#include <memory>
#include <string>

namespace drs {

// Lower-case hex SHA-256 of a file's bytes (provenance of images, masks, models).
std::string sha256File(const std::string& path);
// Lower-case hex SHA-256 of a byte string.
std::string sha256(const std::string& bytes);
// SHA-1 of bytes handed over piece by piece (SimpleITK's image hash, which pyradiomics' diagnostics
// show: a CT's voxels need not be copied whole to be hashed).
class Sha1 {
public:
    Sha1();
    ~Sha1();
    void add(const void* bytes, std::size_t count);
    std::string hex();  // lower-case, once all pieces are added
private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace drs
