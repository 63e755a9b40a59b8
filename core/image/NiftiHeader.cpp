#include "core/image/NiftiHeader.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/util/Error.h"

namespace drs {

namespace {

constexpr int kFloat32 = 16;
constexpr int kFloat64 = 64;

template <class T>
T fromBytes(const unsigned char* bytes, bool swap) {
    std::array<unsigned char, sizeof(T)> copy;
    std::memcpy(copy.data(), bytes, sizeof(T));
    if (swap) std::reverse(copy.begin(), copy.end());
    T value;
    std::memcpy(&value, copy.data(), sizeof(T));
    return value;
}

template <class T>
std::size_t countNonFinite(const unsigned char* bytes, std::size_t count, bool swap) {
    std::size_t found = 0;
    if (!swap) {
        std::vector<T> values(count);
        std::memcpy(values.data(), bytes, count * sizeof(T));
        for (const T value : values) found += !std::isfinite(value);
        return found;
    }
    for (std::size_t i = 0; i < count; ++i) found += !std::isfinite(fromBytes<T>(bytes + i * sizeof(T), true));
    return found;
}

class GzFile {
public:
    explicit GzFile(const std::string& path) : file_(gzopen(path.c_str(), "rb")) {}
    ~GzFile() {
        if (file_) gzclose(file_);
    }
    GzFile(const GzFile&) = delete;
    GzFile& operator=(const GzFile&) = delete;
    bool isOpen() const { return file_ != nullptr; }
    // Bytes read: fewer than asked at the end of the file.
    std::size_t read(void* into, std::size_t bytes) {
        const int got = gzread(file_, into, static_cast<unsigned>(bytes));
        return got < 0 ? 0 : static_cast<std::size_t>(got);
    }
    bool skip(std::size_t bytes) { return gzseek(file_, static_cast<z_off_t>(bytes), SEEK_CUR) >= 0; }

private:
    gzFile file_;
};

}  // namespace

bool isNiftiFileName(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    auto endsWith = [&](const std::string& tail) {
        return lower.size() >= tail.size() && lower.compare(lower.size() - tail.size(), tail.size(), tail) == 0;
    };
    return endsWith(".nii") || endsWith(".nii.gz");
}

NiftiFacts inspectNifti(const std::string& path) {
    GzFile file(path);
    if (!file.isOpen()) throw Error(path + ": cannot open the file");
    std::array<unsigned char, 540> header{};
    const std::size_t got = file.read(header.data(), 348);
    NiftiFacts facts;
    if (got < 348) return facts;
    bool swap = false;
    std::int32_t size = fromBytes<std::int32_t>(header.data(), false);
    if (size != 348 && size != 540) {
        swap = true;
        size = fromBytes<std::int32_t>(header.data(), true);
    }
    if (size == 540) {
        facts.version = 2;  // what ITK cannot read; its header layout differs, so stop here
        return facts;
    }
    if (size != 348) return facts;
    facts.version = 1;
    facts.datatype = fromBytes<std::int16_t>(header.data() + 70, swap);
    std::size_t voxels = 1;
    const int dimensions = std::clamp<int>(fromBytes<std::int16_t>(header.data() + 40, swap), 1, 7);
    for (int d = 1; d <= std::min(dimensions, 3); ++d)
        voxels *= static_cast<std::size_t>(
            std::max<std::int16_t>(1, fromBytes<std::int16_t>(header.data() + 40 + 2 * d, swap)));
    facts.voxels = voxels;
    if (facts.datatype != kFloat32 && facts.datatype != kFloat64) return facts;
    const float offset = fromBytes<float>(header.data() + 108, swap);
    if (!(offset >= 348)) throw Error(path + ": damaged NIfTI header (voxel offset " + std::to_string(offset) + ")");
    if (!file.skip(static_cast<std::size_t>(offset) - 348)) throw Error(path + ": the file breaks off in its header");
    const std::size_t width = facts.datatype == kFloat32 ? 4 : 8;
    std::vector<unsigned char> chunk(width * 65536);
    for (std::size_t done = 0; done < voxels;) {
        const std::size_t want = std::min<std::size_t>(65536, voxels - done);
        if (file.read(chunk.data(), want * width) != want * width)
            throw Error(path + ": the file breaks off before its last voxel");
        facts.nonFinite += width == 4 ? countNonFinite<float>(chunk.data(), want, swap)
                                      : countNonFinite<double>(chunk.data(), want, swap);
        done += want;
    }
    return facts;
}

}  // namespace drs
