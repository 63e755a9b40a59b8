#include "core/pacs/Multipart.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cctype>

#include "core/util/Error.h"

namespace drs::pacs {

namespace {

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::map<std::string, std::string> parseHeaders(const std::string& block) {
    std::map<std::string, std::string> headers;
    std::size_t start = 0;
    while (start < block.size()) {
        std::size_t end = block.find("\r\n", start);
        if (end == std::string::npos) end = block.size();
        const std::string line = block.substr(start, end - start);
        if (const auto colon = line.find(':'); colon != std::string::npos)
            headers[lower(trimmed(line.substr(0, colon)))] = trimmed(line.substr(colon + 1));
        start = end + 2;
    }
    return headers;
}

}  // namespace

std::string multipartBoundary(const std::string& contentType) {
    const std::string lowered = lower(contentType);
    std::size_t at = 0;
    while ((at = lowered.find("boundary", at)) != std::string::npos) {
        std::size_t pos = at + 8;
        while (pos < contentType.size() && contentType[pos] == ' ') ++pos;
        const bool parameterStart = at == 0 || lowered[at - 1] == ';' || lowered[at - 1] == ' ';
        if (!parameterStart || pos >= contentType.size() || contentType[pos] != '=') {
            at = pos;
            continue;
        }
        ++pos;
        while (pos < contentType.size() && contentType[pos] == ' ') ++pos;
        std::string value;
        if (pos < contentType.size() && contentType[pos] == '"') {
            const auto close = contentType.find('"', pos + 1);
            if (close == std::string::npos) break;
            value = contentType.substr(pos + 1, close - pos - 1);
        } else {
            const auto end = contentType.find(';', pos);
            value = trimmed(contentType.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
        }
        if (!value.empty()) return value;
        break;
    }
    throw Error("the server's answer is not multipart (Content-Type '" + contentType + "' has no boundary)");
}

MultipartReader::MultipartReader(const std::string& boundary, PartSink& sink)
    : delimiter_("\r\n--" + boundary), sink_(sink), buffer_("\r\n") {}

void MultipartReader::feed(const char* bytes, std::size_t size) {
    if (state_ == State::Done) return;
    buffer_.append(bytes, size);
    while (step()) {}
}

bool MultipartReader::step() {
    switch (state_) {
    case State::Preamble:
    case State::Body: {
        const auto found = buffer_.find(delimiter_);
        if (found == std::string::npos) {
            // Everything but a possible delimiter start is safe to pass on (or, before the first
            // part, to drop).
            const std::size_t keep = delimiter_.size() - 1;
            if (buffer_.size() > keep) {
                const std::size_t ready = buffer_.size() - keep;
                if (state_ == State::Body) sink_.partData(buffer_.data(), ready);
                buffer_.erase(0, ready);
            }
            return false;
        }
        if (state_ == State::Body) {
            sink_.partData(buffer_.data(), found);
            sink_.endPart();
            ++parts_;
        }
        buffer_.erase(0, found + delimiter_.size());
        state_ = State::DelimiterLine;
        return true;
    }
    case State::DelimiterLine: {
        if (buffer_.size() < 2) return false;
        if (buffer_.compare(0, 2, "--") == 0) {
            state_ = State::Done;
            buffer_.clear();
            return false;
        }
        const auto lineEnd = buffer_.find("\r\n");
        if (lineEnd == std::string::npos) {
            if (buffer_.size() > kMaxHeaderBytes) throw Error("malformed multipart body: no line end after a boundary");
            return false;
        }
        buffer_.erase(0, lineEnd + 2);  // transport padding after the boundary
        state_ = State::Headers;
        return true;
    }
    case State::Headers: {
        if (buffer_.size() >= 2 && buffer_.compare(0, 2, "\r\n") == 0) {
            buffer_.erase(0, 2);
            sink_.beginPart({});
            state_ = State::Body;
            return true;
        }
        const auto end = buffer_.find("\r\n\r\n");
        if (end == std::string::npos) {
            if (buffer_.size() > kMaxHeaderBytes) throw Error("malformed multipart body: part headers never end");
            return false;
        }
        sink_.beginPart(parseHeaders(buffer_.substr(0, end)));
        buffer_.erase(0, end + 4);
        state_ = State::Body;
        return true;
    }
    case State::Done: return false;
    }
    return false;
}

void MultipartReader::finish() {
    if (state_ != State::Done)
        throw Error("the server's multipart answer ended before its closing boundary (cut short after " +
                    std::to_string(parts_) + " complete parts)");
}

QByteArray writeMultipart(const std::vector<OutgoingPart>& parts, std::string& contentType) {
    QByteArray boundary;
    for (bool clashes = true; clashes;) {
        boundary = "DRS-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16) +
                   QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        clashes =
            std::any_of(parts.begin(), parts.end(), [&](const OutgoingPart& p) { return p.bytes.contains(boundary); });
    }
    QByteArray body;
    for (const auto& part : parts) {
        body += "--" + boundary + "\r\nContent-Type: " + QByteArray::fromStdString(part.contentType) + "\r\n\r\n";
        body += part.bytes;
        body += "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    const std::string type = parts.empty() ? "application/dicom" : parts.front().contentType;
    contentType = "multipart/related; type=\"" + type + "\"; boundary=" + boundary.toStdString();
    return body;
}

}  // namespace drs::pacs
