#pragma once
// Measures how long the GUI thread's event loop is kept from running, with a precise QTimer that
// should tick every intervalMs. A late tick has two causes. Either the GUI thread was busy or
// blocked (in a handler, a lock, a disk write): what "the GUI thread never blocks" forbids. Or it
// was ready to run but the kernel gave both cores to other threads (the pipeline's own workers,
// other engineers' compile jobs on this 2-core machine): CPU starvation, which no code of ours
// can prevent. The kernel tells the two apart: the second field of
// /proc/self/task/TID/schedstat is the time the thread spent runnable, waiting on a run queue.
// The blocked part of a gap is the gap, less the interval, less that wait. The first field, the
// time on a CPU, then says whether the worst block was computing or waiting in a system call.
#include <sys/syscall.h>
#include <unistd.h>
#include <QFile>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <optional>

class EventLoopWatchdog : public QObject {
public:
    explicit EventLoopWatchdog(int intervalMs = 10)
        : schedstat_(QStringLiteral("/proc/self/task/%1/schedstat").arg(static_cast<long>(syscall(SYS_gettid)))),
          intervalMs_(intervalMs) {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(intervalMs);
        connect(&timer_, &QTimer::timeout, this, [this] { tick(); });
    }

    // Whether the kernel reports run-queue waits (CONFIG_SCHED_INFO); without it every late
    // tick counts as blocked, which can only overstate.
    bool distinguishesStarvation() const { return schedStat().has_value(); }

    void start() {
        maxBlockedMs_ = maxGapMs_ = worstOnCpuMs_ = 0;
        ticks_ = 0;
        last_ = Clock::now();
        lastStat_ = schedStat().value_or(SchedStat{});
        timer_.start();
    }
    void stop() { timer_.stop(); }

    double maxBlockedMs() const { return maxBlockedMs_; }
    double maxGapMs() const { return maxGapMs_; }          // lateness including starvation
    double worstOnCpuMs() const { return worstOnCpuMs_; }  // of the worst block: time computing
    int ticks() const { return ticks_; }

private:
    using Clock = std::chrono::steady_clock;

    struct SchedStat {
        long long onCpuNs = 0, runQueueWaitNs = 0;
    };
    std::optional<SchedStat> schedStat() const {
        QFile file(schedstat_);
        if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
        const QList<QByteArray> fields = file.readAll().simplified().split(' ');
        bool cpuOk = false, waitOk = false;
        const SchedStat stat{fields.value(0).toLongLong(&cpuOk), fields.value(1).toLongLong(&waitOk)};
        return cpuOk && waitOk ? std::optional<SchedStat>(stat) : std::nullopt;
    }

    void tick() {
        const Clock::time_point now = Clock::now();
        const SchedStat stat = schedStat().value_or(lastStat_);
        const double lateMs = std::chrono::duration<double, std::milli>(now - last_).count() - intervalMs_;
        const double starvedMs = (stat.runQueueWaitNs - lastStat_.runQueueWaitNs) / 1e6;
        maxGapMs_ = std::max(maxGapMs_, lateMs);
        if (lateMs - starvedMs > maxBlockedMs_) {
            maxBlockedMs_ = lateMs - starvedMs;
            worstOnCpuMs_ = (stat.onCpuNs - lastStat_.onCpuNs) / 1e6;
        }
        ++ticks_;
        last_ = now;
        lastStat_ = stat;
    }

    QTimer timer_;
    QString schedstat_;
    int intervalMs_;
    Clock::time_point last_;
    SchedStat lastStat_;
    double maxBlockedMs_ = 0, maxGapMs_ = 0, worstOnCpuMs_ = 0;
    int ticks_ = 0;
};
