#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "core/util/Progress.h"

namespace drs::ui {

// Runs one long job at a time on Qt's thread pool and reports on the GUI thread. The job gets a
// drs::Progress whose steps become progressed() signals and whose cancel() the GUI can press.
// A job returns a closure that is run on the GUI thread to show its result; drs::Error (or any
// exception) becomes failed(message).
class BackgroundRunner : public QObject {
    Q_OBJECT
public:
    using ShowResult = std::function<void()>;
    using Job = std::function<ShowResult(Progress&)>;

    explicit BackgroundRunner(QObject* parent = nullptr);
    ~BackgroundRunner() override;

    bool isBusy() const { return running_; }
    // Returns false (and starts nothing) while another job runs.
    bool start(const QString& title, Job job);

public slots:
    void cancel();

signals:
    void started(const QString& title);
    void progressed(double fraction, const QString& message);
    void succeeded();
    void failed(const QString& message);
    void cancelled();

private:
    struct PendingReport {
        std::mutex mutex;
        double fraction = 0;
        std::string message;
        bool queued = false;
    };
    struct Outcome {
        ShowResult show;
        QString error;
        bool cancelled = false;
    };
    void onJobDone();

    QFutureWatcher<Outcome> watcher_;
    std::shared_ptr<Progress> progress_;
    bool running_ = false;
};

}  // namespace drs::ui
