#pragma once
// The one way core runs work on several threads (docs/architecture.md, "Where threads live").
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
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

}  // namespace drs
