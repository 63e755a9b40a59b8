#include "core/util/TemporaryName.h"

#include <QCoreApplication>
#include <atomic>
#include <filesystem>

namespace drs {

std::string processUniqueTag() {
    static std::atomic<unsigned long> counter{0};
    return std::to_string(QCoreApplication::applicationPid()) + "-" + std::to_string(counter.fetch_add(1));
}

std::string temporarySibling(const std::string& path, const std::string& word) {
    const std::filesystem::path target = std::filesystem::u8path(path);
    const std::string name = target.filename().string();
    const auto dot = name.find('.', 1);  // from 1: a leading dot marks a hidden file, not an extension
    const std::string stem = dot == std::string::npos ? name : name.substr(0, dot);
    const std::string extension = dot == std::string::npos ? std::string() : name.substr(dot);
    return (target.parent_path() / std::filesystem::u8path(stem + "." + word + "-" + processUniqueTag() + extension))
        .string();
}

}  // namespace drs
