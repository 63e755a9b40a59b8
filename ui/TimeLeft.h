#pragma once
#include <QCoreApplication>
#include <QString>
#include <chrono>
#include <optional>

namespace drs::ui {

// Estimates the time a job has left from its progress fractions: the rate measured since the
// first report of this job (a resumed run starts part-way, so its own rate is what counts),
// extrapolated linearly to 1. Says nothing until the job has run for a few seconds and moved a
// little, when an estimate would be noise.
class TimeLeft {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr double kMinimumSeconds = 5;
    static constexpr double kMinimumProgress = 0.01;

    void restart() { started_ = false; }
    void update(double fraction, Clock::time_point now) {
        if (!started_) {
            started_ = true;
            firstFraction_ = fraction;
            firstTime_ = now;
        }
        fraction_ = fraction;
        now_ = now;
    }
    std::optional<double> secondsLeft() const {
        if (!started_) return std::nullopt;
        const double seconds = std::chrono::duration<double>(now_ - firstTime_).count();
        const double done = fraction_ - firstFraction_;
        if (seconds < kMinimumSeconds || done < kMinimumProgress) return std::nullopt;
        return seconds / done * (1.0 - fraction_);
    }

private:
    bool started_ = false;
    double firstFraction_ = 0, fraction_ = 0;
    Clock::time_point firstTime_, now_;
};

// "about 3 minutes left", "less than a minute left", or empty while there is no estimate.
inline QString timeLeftText(std::optional<double> secondsLeft) {
    if (!secondsLeft) return {};
    const int minutes = qRound(*secondsLeft / 60.0);
    return minutes >= 1 ? QCoreApplication::translate("TimeLeft", "about %n minute(s) left", nullptr, minutes)
                        : QCoreApplication::translate("TimeLeft", "less than a minute left");
}

}  // namespace drs::ui
