#pragma once
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace drs {

// Runs work(0) ... work(tasks - 1) on at most `threads` threads (0: one per hardware thread),
// the calling thread included. The first exception stops the remaining tasks and is rethrown
// once every thread has returned.
template <class Work>
void parallelFor(int tasks, int threads, Work&& work) {
    std::atomic<int> next{0};
    std::mutex failureLock;
    std::exception_ptr failure;
    const auto worker = [&] {
        for (int task = next++; task < tasks; task = next++) {
            try {
                work(task);
            } catch (...) {
                const std::lock_guard<std::mutex> guard(failureLock);
                if (!failure) failure = std::current_exception();
                next = tasks;
            }
        }
    };
    const int wanted = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (int t = 1; t < std::max(1, std::min(tasks, wanted)); ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace drs
