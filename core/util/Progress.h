#pragma once
#include <atomic>
#include <functional>
#include <string>

namespace drs {

// The one progress interface shared by the GUI workers and the CLI. Long work calls step()
// often; it throws Cancelled once cancel() was requested (from any thread).
class Progress {
public:
    virtual ~Progress() = default;

    // fraction in [0, 1] of the whole job; message says what is being done now.
    void step(double fraction, const std::string& message) {
        throwIfCancelled();
        report(fraction, message);
    }
    void cancel() { cancelRequested_.store(true); }
    bool isCancelled() const { return cancelRequested_.load(); }
    void throwIfCancelled() const;

protected:
    virtual void report(double fraction, const std::string& message) = 0;

private:
    std::atomic<bool> cancelRequested_{false};
};

// Reports nothing; still honours cancel().
class SilentProgress : public Progress {
protected:
    void report(double, const std::string&) override {}
};

// Forwards reports to a callable (the CLI prints, the GUI emits a signal).
class CallbackProgress : public Progress {
public:
    using Callback = std::function<void(double, const std::string&)>;
    explicit CallbackProgress(Callback callback) : callback_(std::move(callback)) {}

protected:
    void report(double fraction, const std::string& message) override { callback_(fraction, message); }

private:
    Callback callback_;
};

// Maps a sub-task's [0, 1] onto [begin, end] of its parent's progress.
class SubProgress : public Progress {
public:
    SubProgress(Progress& parent, double begin, double end) : parent_(parent), begin_(begin), end_(end) {}

protected:
    void report(double fraction, const std::string& message) override {
        if (isCancelled()) parent_.cancel();
        parent_.step(begin_ + (end_ - begin_) * fraction, message);
    }

private:
    Progress& parent_;
    double begin_;
    double end_;
};

}  // namespace drs
