#pragma once
// multipart/related bodies (RFC 2046, as DICOMweb's PS3.18 uses them): a streaming reader for
// WADO-RS responses, which may be larger than memory should hold, and a writer for STOW-RS.
#include <QByteArray>
#include <map>
#include <string>
#include <vector>

namespace drs::pacs {

// The boundary parameter of a multipart Content-Type; throws Error when there is none.
std::string multipartBoundary(const std::string& contentType);

// Receives the parts one by one; header names are lower-case.
class PartSink {
public:
    virtual ~PartSink() = default;
    virtual void beginPart(const std::map<std::string, std::string>& headers) = 0;
    virtual void partData(const char* bytes, std::size_t size) = 0;
    virtual void endPart() = 0;
};

// Feed it the body in chunks of any size. Keeps at most one delimiter's length of a part in
// memory beyond what it has passed on, so a study of any size streams through.
class MultipartReader {
public:
    MultipartReader(const std::string& boundary, PartSink& sink);
    void feed(const char* bytes, std::size_t size);
    // Throws Error when the body ended before its closing delimiter (a cut-short response).
    void finish();
    std::size_t partCount() const { return parts_; }

private:
    enum class State { Preamble, DelimiterLine, Headers, Body, Done };
    bool step();

    std::string delimiter_;  // CRLF "--" boundary
    PartSink& sink_;
    State state_ = State::Preamble;
    std::string buffer_;
    std::size_t parts_ = 0;
};

struct OutgoingPart {
    std::string contentType;  // e.g. application/dicom
    QByteArray bytes;
};

// A multipart/related body with a boundary that occurs in none of the parts; returns the body and
// sets contentType to the matching header value (type= the first part's type).
QByteArray writeMultipart(const std::vector<OutgoingPart>& parts, std::string& contentType);

}  // namespace drs::pacs
