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
    progress_ = std::make_shared<CallbackProgress>([self](double fraction, const std::string& message) {
        const QString text = QString::fromStdString(message);
        QMetaObject::invokeMethod(
            self.data(),
            [self, fraction, text] {
                if (self) emit self->progressed(fraction, text);
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
