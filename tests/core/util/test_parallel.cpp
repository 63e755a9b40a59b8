#include <QtTest>

#include <atomic>
#include <random>
#include <string>
#include <vector>

#include "core/learn/CrossValidation.h"
#include "core/util/Error.h"
#include "core/util/Parallel.h"
#include "core/util/PortableRandom.h"

// drs::parallelFor, the one thread pool of core: results independent of the thread count, the
// exception a plain loop would have thrown, and the Progress cancel token.
class TestParallel : public QObject {
    Q_OBJECT

private slots:
    void everyTaskRunsOnceAtAnyThreadCount() {
        for (int threads : {1, 2, 3, 8, 0}) {
            std::vector<int> runs(50);
            drs::parallelFor(50, threads, nullptr, [&](int k) { ++runs[static_cast<std::size_t>(k)]; });
            QCOMPARE(runs, std::vector<int>(50, 1));
        }
        drs::parallelFor(0, 4, nullptr, [](int) { QFAIL("no task to run"); });
    }

    void theLowestFailingTaskIsRethrown() {
        // Tasks 37 and 80 fail; a plain loop stops at 37, and so does every thread count.
        for (int threads : {1, 2, 4}) {
            std::atomic<int> ran{0};
            try {
                drs::parallelFor(100, threads, nullptr, [&](int k) {
                    ++ran;
                    if (k == 37 || k == 80) throw drs::Error("task " + std::to_string(k));
                });
                QFAIL("no exception");
            } catch (const drs::Error& e) {
                QCOMPARE(std::string(e.what()), std::string("task 37"));
            }
            // Every task below 37 ran; after task 80 failed, at most the other threads' tasks in
            // hand (81 and 82 with four threads) did.
            QVERIFY2(ran >= 38 && ran <= 83, qPrintable(QString::number(ran.load())));
        }
    }

    void cancelStopsTheTasksNotYetStarted() {
        drs::SilentProgress before;
        before.cancel();
        int ran = 0;
        QVERIFY_THROWS_EXCEPTION(drs::Cancelled, drs::parallelFor(10, 1, &before, [&](int) { ++ran; }));
        QCOMPARE(ran, 0);

        drs::SilentProgress during;
        std::vector<int> runs(10);
        QVERIFY_THROWS_EXCEPTION(drs::Cancelled, drs::parallelFor(10, 1, &during, [&](int k) {
                                     ++runs[static_cast<std::size_t>(k)];
                                     if (k == 5) during.cancel();
                                 }));
        QCOMPARE(runs, (std::vector<int>{1, 1, 1, 1, 1, 1, 0, 0, 0, 0}));
        // Cancelled after the last task: the work is complete and nothing is thrown.
        drs::SilentProgress last;
        drs::parallelFor(3, 2, &last, [&](int k) {
            if (k == 2) last.cancel();
        });
    }

    void crossValidationIsBitIdenticalForAnyThreadCount() {
        // 60 rows, 4 features with a weak signal; the forest and the MLP draw from their seeds.
        std::mt19937_64 random(5);
        Eigen::MatrixXd x(60, 4);
        std::vector<int> labels;
        for (int r = 0; r < 60; ++r) {
            labels.push_back(r % 3 == 0 ? 1 : 0);
            for (int c = 0; c < 4; ++c) x(r, c) = drs::uniformUnit(random) + (c == 0 ? 0.4 * labels.back() : 0.0);
        }
        const auto folds = drs::learn::repeatedStratifiedFolds(labels, 5, 2, 3);
        drs::learn::PanelCvOptions options;
        options.threads = 1;
        const auto one = drs::learn::crossValidatePanel(x, labels, folds, options);
        options.threads = 3;
        const auto three = drs::learn::crossValidatePanel(x, labels, folds, options);
        QCOMPARE(one.classifiers.size(), three.classifiers.size());
        for (std::size_t m = 0; m < one.classifiers.size(); ++m) {
            QCOMPARE(three.classifiers[m].name, one.classifiers[m].name);
            QVERIFY2(three.classifiers[m].foldAucs == one.classifiers[m].foldAucs, one.classifiers[m].name.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "test_parallel.moc"
