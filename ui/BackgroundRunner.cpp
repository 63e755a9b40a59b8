#include "ui/BackgroundRunner.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include "core/util/Error.h"

namespace drs::ui {

BackgroundRunner::BackgroundRunner(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &BackgroundRunner::onJobDone);
}

BackgroundRunner::~BackgroundRunner() {
    // The job reports through this object: it must end before the object does.
    cancel();
    watcher_.waitForFinished();
}

bool BackgroundRunner::start(const QString& title, Job job) {
    if (running_) return false;
    running_ = true;
    QPointer<BackgroundRunner> self(this);
    // Steps can come thousands of times a second; at most one report waits in the GUI thread's
    // queue, carrying the newest step, so the queue never floods and the GUI stays responsive.
    auto pending = std::make_shared<PendingReport>();
    progress_ = std::make_shared<CallbackProgress>([self, pending](double fraction, const std::string& message) {
        {
            const std::lock_guard<std::mutex> lock(pending->mutex);
            pending->fraction = fraction;
            pending->message = message;
            if (pending->queued) return;
            pending->queued = true;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, pending] {
                double fraction = 0;
                std::string message;
                {
                    const std::lock_guard<std::mutex> lock(pending->mutex);
                    fraction = pending->fraction;
                    message = pending->message;
                    pending->queued = false;
                }
                if (self) emit self->progressed(fraction, QString::fromStdString(message));
            },
            Qt::QueuedConnection);
    });
    emit started(title);
    std::shared_ptr<Progress> progress = progress_;
    watcher_.setFuture(QtConcurrent::run([job = std::move(job), progress]() -> Outcome {
        Outcome outcome;
        try {
            outcome.show = job(*progress);
        } catch (const Cancelled&) {
            outcome.cancelled = true;
        } catch (const std::exception& e) {
            outcome.error = QString::fromStdString(e.what());
        }
        return outcome;
    }));
    return true;
}

void BackgroundRunner::cancel() {
    if (progress_) progress_->cancel();
}

void BackgroundRunner::onJobDone() {
    Outcome outcome = watcher_.result();
    running_ = false;
    progress_.reset();
    if (outcome.cancelled) {
        emit cancelled();
    } else if (!outcome.error.isEmpty()) {
        emit failed(outcome.error);
    } else {
        if (outcome.show) outcome.show();
        emit succeeded();
    }
}

}  // namespace drs::ui
