#pragma once
// The one way core runs work on several threads (docs/architecture.md, "Where threads live").
#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/util/Progress.h"

namespace drs {

// The threads of this machine, at least 1.
inline int hardwareThreads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// Runs work(0) ... work(tasks - 1), each once, on at most `threads` threads (0: one per hardware
// thread), the calling thread included, handing the tasks out in index order. Each task writes
// only its own results, so they do not depend on the thread count.
//
// A task that throws stops further tasks from starting. Once every thread has returned, the
// exception of the lowest-numbered failing task is rethrown: every task below the first to fail
// had started, so it is the exception a plain loop would have thrown.
//
// `cancel` (may be null) is checked before each task: once it is cancelled no further task
// starts, and Cancelled is thrown when the running ones have returned. Tasks that report progress
// serialise their calls to it; Progress is not thread-safe.
template <class Work>
void parallelFor(int tasks, int threads, const Progress* cancel, Work&& work) {
    std::atomic<int> next{0};
    std::atomic<bool> skipped{false};
    std::mutex failureLock;
    std::exception_ptr failure;
    int failedTask = tasks;
    const auto worker = [&] {
        for (int task = next++; task < tasks; task = next++) {
            if (cancel && cancel->isCancelled()) {
                skipped = true;
                next = tasks;
                break;
            }
            try {
                work(task);
            } catch (...) {
                const std::lock_guard<std::mutex> guard(failureLock);
                if (task < failedTask) {
                    failedTask = task;
                    failure = std::current_exception();
                }
                next = tasks;
            }
        }
    };
    const int wanted = threads > 0 ? threads : hardwareThreads();
    std::vector<std::thread> pool;
    for (int t = 1; t < std::max(1, std::min(tasks, wanted)); ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
    if (skipped) throw Cancelled();
}

// Progress of tasks that run side by side, each reporting through its own part (labelled in the
// messages): the reports are serialised, and the parent sees the parts' mean fraction mapped onto
// [begin, end]. Cancelling the parent stops every part at its next report.
class SideBySideProgress {
public:
    SideBySideProgress(Progress& parent, double begin, double end, const std::vector<std::string>& labels)
        : parent_(parent), begin_(begin), end_(end), fractions_(labels.size(), 0.0) {
        for (std::size_t k = 0; k < labels.size(); ++k) parts_.push_back(std::make_unique<Part>(*this, k, labels[k]));
    }
    Progress& part(int task) { return *parts_.at(static_cast<std::size_t>(task)); }

private:
    class Part : public Progress {
    public:
        Part(SideBySideProgress& owner, std::size_t index, std::string label)
            : owner_(owner), index_(index), label_(std::move(label)) {}

    protected:
        void report(double fraction, const std::string& message) override {
            const std::lock_guard<std::mutex> guard(owner_.mutex_);
            if (isCancelled()) owner_.parent_.cancel();
            owner_.fractions_[index_] = fraction;
            double sum = 0;
            for (double f : owner_.fractions_) sum += f;
            const double mean = sum / static_cast<double>(owner_.fractions_.size());
            owner_.parent_.step(owner_.begin_ + (owner_.end_ - owner_.begin_) * mean, label_ + ": " + message);
        }

    private:
        SideBySideProgress& owner_;
        std::size_t index_;
        std::string label_;
    };

    std::mutex mutex_;
    Progress& parent_;
    double begin_, end_;
    std::vector<double> fractions_;
    std::vector<std::unique_ptr<Part>> parts_;
};

}  // namespace drs
