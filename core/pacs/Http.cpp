#include "core/pacs/Http.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <exception>

namespace drs::pacs {

namespace {

constexpr int kMaxRetryWaitMs = 8000;
constexpr int kErrorBodyLimit = 300;
const QByteArray kQueryLiterals = "*?,:@/!$'();";

bool isTransientStatus(int status) { return status == 429 || status == 502 || status == 503 || status == 504; }

bool isTransientNetworkError(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:  // the transfer time-out ends a reply this way
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError: return true;
    default: return false;
    }
}

// One line of server text for a message: Orthanc explains its errors in the body.
std::string oneLine(const QByteArray& body) {
    QByteArray text = body.left(kErrorBodyLimit).simplified();
    return text.isEmpty() ? std::string() : ": " + text.toStdString();
}

class BufferSink : public ResponseSink {
public:
    void begin(const std::string&) override { bytes.clear(); }
    void data(const char* data, std::size_t size) override { bytes.append(data, static_cast<qsizetype>(size)); }
    void end() override {}
    QByteArray bytes;
};

}  // namespace

struct HttpSession::Attempt {
    int status = 0;  // 0: no HTTP answer
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    std::string networkErrorText;
    QByteArray errorBody;  // start of a non-2xx body
    bool timedOut = false;
};

HttpSession::HttpSession(Server server, Progress* progress)
    : server_(std::move(server)), progress_(progress), manager_(std::make_unique<QNetworkAccessManager>()) {
    validate(server_);
    // A redirect to another host must not carry the Authorization header there.
    manager_->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
}

HttpSession::~HttpSession() = default;

QNetworkRequest HttpSession::request(const std::string& path, const QueryItems& query,
                                     const std::string& accept) const {
    QString root = QString::fromStdString(server_.url);
    while (root.endsWith('/')) root.chop(1);
    QUrl url(root + "/" + QString::fromStdString(path));
    // Characters a query may carry as they are stay unencoded: Orthanc (1.10) matches query values
    // without percent-decoding them, so "PatientID=AB%2A" would find nobody where "AB*" finds AB1.
    QByteArray encoded;
    for (const auto& [key, value] : query) {
        if (!encoded.isEmpty()) encoded += '&';
        encoded += QUrl::toPercentEncoding(QString::fromStdString(key)) + '=' +
                   QUrl::toPercentEncoding(QString::fromStdString(value), kQueryLiterals);
    }
    if (!encoded.isEmpty()) url.setQuery(QString::fromLatin1(encoded), QUrl::TolerantMode);
    QNetworkRequest req(url);
    req.setRawHeader("Accept", QByteArray::fromStdString(accept));
    req.setTransferTimeout(server_.timeoutSeconds * 1000);
    // Sent on the first request, not after a 401 challenge: DICOMweb servers answer 401 or 403
    // without one as often as with.
    if (server_.auth == AuthKind::Basic)
        req.setRawHeader("Authorization",
                         "Basic " + QByteArray::fromStdString(server_.user + ":" + server_.secret).toBase64());
    else if (server_.auth == AuthKind::Bearer)
        req.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(server_.secret));
    return req;
}

HttpSession::Attempt HttpSession::send(const QNetworkRequest& request, const QByteArray* postBody, ResponseSink& sink) {
    Attempt attempt;
    QNetworkReply* reply = postBody ? manager_->post(request, *postBody) : manager_->get(request);
    std::unique_ptr<QNetworkReply> owner(reply);
    QEventLoop loop;
    std::exception_ptr failure;
    bool cancelled = false;
    bool started = false;

    // Runs inside Qt's event loop: nothing may throw through it, so failures are kept for later.
    auto pump = [&] {
        if (failure) return;
        if (attempt.status == 0) attempt.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool success = attempt.status >= 200 && attempt.status < 300;
        const QByteArray chunk = reply->readAll();
        if (!success) {
            if (attempt.errorBody.size() < kErrorBodyLimit) attempt.errorBody.append(chunk);
            return;
        }
        try {
            if (!started) {
                sink.begin(reply->rawHeader("Content-Type").toStdString());
                started = true;
            }
            if (!chunk.isEmpty()) sink.data(chunk.constData(), static_cast<std::size_t>(chunk.size()));
        } catch (...) {
            failure = std::current_exception();
            reply->abort();
        }
    };
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, pump);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer cancelPoll;
    if (progress_) {
        QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
            if (progress_->isCancelled() && !cancelled) {
                cancelled = true;
                reply->abort();
            }
        });
        cancelPoll.start(100);
    }
    if (!reply->isFinished()) loop.exec();
    cancelPoll.stop();
    if (cancelled) throw Cancelled();
    if (failure) std::rethrow_exception(failure);
    pump();
    if (failure) std::rethrow_exception(failure);
    attempt.networkError = reply->error();
    attempt.networkErrorText = reply->errorString().toStdString();
    attempt.timedOut = attempt.networkError == QNetworkReply::OperationCanceledError ||
                       attempt.networkError == QNetworkReply::TimeoutError;
    if (attempt.status >= 200 && attempt.status < 300 && attempt.networkError == QNetworkReply::NoError) {
        if (!started) sink.begin(reply->rawHeader("Content-Type").toStdString());
        sink.end();
    }
    return attempt;
}

void HttpSession::withRetries(const QNetworkRequest& request, const QByteArray* postBody, ResponseSink& sink,
                              int* status) {
    const std::string where = redactedUrl(request.url().toString().toStdString());
    QElapsedTimer clock;
    clock.start();
    int waitMs = server_.retryWaitMs;
    for (int attemptNumber = 1;; ++attemptNumber) {
        if (progress_) progress_->throwIfCancelled();
        const Attempt attempt = send(request, postBody, sink);
        const bool success =
            attempt.status >= 200 && attempt.status < 300 && attempt.networkError == QNetworkReply::NoError;
        if (success) {
            if (status) *status = attempt.status;
            return;
        }
        if (attempt.status == 401 || attempt.status == 403) {
            const bool signedIn = server_.auth != AuthKind::None;
            throw HttpError(where + ": " +
                                (signedIn ? "the server refused the credentials"
                                          : "the server requires signing in (give a user and password, or a token)") +
                                " (HTTP " + std::to_string(attempt.status) + ")",
                            attempt.status);
        }
        const bool transient =
            attempt.status == 0 ? isTransientNetworkError(attempt.networkError) : isTransientStatus(attempt.status);
        std::string reason;
        if (attempt.status != 0)
            reason = "HTTP " + std::to_string(attempt.status) + oneLine(attempt.errorBody);
        else if (attempt.timedOut)
            reason = "no answer for " + std::to_string(server_.timeoutSeconds) + " s";
        else
            reason = "cannot reach the server (" + attempt.networkErrorText + ")";
        if (!transient || attemptNumber >= server_.maxAttempts) {
            if (transient) {
                const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
                char elapsed[32];
                std::snprintf(elapsed, sizeof elapsed, "%.1f", seconds);
                reason += "; gave up after " + std::to_string(attemptNumber) + " attempts in " + elapsed + " s";
            }
            throw HttpError(where + ": " + reason, attempt.status);
        }
        // Waiting in small steps keeps cancel responsive.
        for (int waited = 0; waited < waitMs; waited += 50) {
            if (progress_) progress_->throwIfCancelled();
            QThread::msleep(50);
        }
        waitMs = std::min(waitMs * 2, kMaxRetryWaitMs);
    }
}

void HttpSession::get(const std::string& path, const QueryItems& query, const std::string& accept, ResponseSink& sink) {
    withRetries(request(path, query, accept), nullptr, sink, nullptr);
}

QByteArray HttpSession::get(const std::string& path, const QueryItems& query, const std::string& accept) {
    BufferSink sink;
    get(path, query, accept, sink);
    return sink.bytes;
}

QByteArray HttpSession::post(const std::string& path, const std::string& contentType, const QByteArray& body,
                             const std::string& accept, int* status) {
    QNetworkRequest req = request(path, {}, accept);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray::fromStdString(contentType));
    BufferSink sink;
    withRetries(req, &body, sink, status);
    return sink.bytes;
}

}  // namespace drs::pacs
