#pragma once
// Blocking HTTP requests to one DICOMweb server over Qt Network, with the server's sign-in, a
// time-out, bounded retries with backoff, and cancel through Progress. Blocking keeps the callers
// (CLI commands, GUI workers) simple: each runs a local event loop until its reply is complete.
// A session owns its QNetworkAccessManager: create and use it in one thread.
#include <QByteArray>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/pacs/Server.h"
#include "core/util/Error.h"
#include "core/util/Progress.h"

class QNetworkAccessManager;
class QNetworkRequest;

namespace drs::pacs {

// A request that failed for good. status: the HTTP status, or 0 when no HTTP answer came
// (unreachable, time-out, dropped connection).
class HttpError : public Error {
public:
    HttpError(const std::string& message, int status) : Error(message), status_(status) {}
    int status() const { return status_; }
    bool notFound() const { return status_ == 404; }

private:
    int status_;
};

// Receives a successful response body as it arrives. A retried request calls begin() again: the
// sink then drops what it had. Exceptions thrown here end the request and reach the caller.
class ResponseSink {
public:
    virtual ~ResponseSink() = default;
    virtual void begin(const std::string& contentType) = 0;
    virtual void data(const char* bytes, std::size_t size) = 0;
    virtual void end() = 0;
};

// Query parameters, not yet encoded (HttpSession percent-encodes every value, '+' included).
using QueryItems = std::vector<std::pair<std::string, std::string>>;

class HttpSession {
public:
    // progress (optional) is polled for cancel while a request runs.
    explicit HttpSession(Server server, Progress* progress = nullptr);
    ~HttpSession();
    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;

    const Server& server() const { return server_; }

    // path is relative to the server's DICOMweb root ("studies", "studies/1.2.3/series").
    void get(const std::string& path, const QueryItems& query, const std::string& accept, ResponseSink& sink);
    // The whole body; an empty array for 204 No Content.
    QByteArray get(const std::string& path, const QueryItems& query, const std::string& accept);
    // POSTs body; returns the response body. status receives the (2xx) HTTP status.
    QByteArray post(const std::string& path, const std::string& contentType, const QByteArray& body,
                    const std::string& accept, int* status = nullptr);

private:
    struct Attempt;
    Attempt send(const QNetworkRequest& request, const QByteArray* postBody, ResponseSink& sink);
    void withRetries(const QNetworkRequest& request, const QByteArray* postBody, ResponseSink& sink, int* status);
    QNetworkRequest request(const std::string& path, const QueryItems& query, const std::string& accept) const;

    Server server_;
    Progress* progress_;
    std::unique_ptr<QNetworkAccessManager> manager_;
};

}  // namespace drs::pacs
