#include <QtTest>

#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "core/learn/Folds.h"
#include "core/pipeline/StudySplit.h"
#include "core/util/PortableRandom.h"

// Every list below was printed by tests/data/random/make_portable_random.py, an independent
// Python implementation of MT19937-64, rejection index draws, Durstenfeld's shuffle, the
// stratified fold dealing and iterative stratification, whose engine checks itself against the
// value the C++ standard fixes. A standard library whose std::shuffle or distributions differ
// from ours leaves these lists unchanged; a change to our draws changes them.
class TestPortableRandom : public QObject {
    Q_OBJECT

    static std::vector<int> foldLabels() {
        std::vector<int> labels;
        for (int r = 0; r < 30; ++r) labels.push_back((r * 7) % 10 < 4 ? 1 : 0);
        return labels;
    }
    static std::vector<std::vector<int>> studyLabels() {
        std::vector<std::vector<int>> labels(2);
        for (int p = 0; p < 40; ++p) {
            labels[0].push_back(p % 9 == 4 ? -1 : ((p * 5) % 11 < 4 ? 1 : 0));
            labels[1].push_back(p % 7 == 2 ? -1 : ((p * 3) % 13 < 2 ? 1 : 0));
        }
        return labels;
    }

private slots:
    void engineIsTheStandardOne() {
        // C++ [rand.predef]: the 10000th output of a default-constructed mt19937_64.
        std::mt19937_64 random;
        random.discard(9999);
        QCOMPARE(random(), std::uint64_t{9981545732273789042ULL});
    }
    void uniformIndexDraws() {
        std::mt19937_64 random(42);
        std::vector<std::uint64_t> drawn;
        for (std::uint64_t bound = 1; bound <= 12; ++bound) drawn.push_back(drs::uniformIndex(random, bound));
        QCOMPARE(drawn, (std::vector<std::uint64_t>{0, 0, 1, 2, 1, 2, 4, 0, 1, 7, 5, 6}));
    }
    void uniformIndexRejects() {
        // 2^64 mod (2^63 + 1) = 2^63 - 1: nearly half the raw outputs are rejected.
        std::mt19937_64 random(3);
        std::vector<std::uint64_t> drawn;
        for (int k = 0; k < 6; ++k) drawn.push_back(drs::uniformIndex(random, (std::uint64_t{1} << 63) + 1));
        QCOMPARE(drawn,
                 (std::vector<std::uint64_t>{1084041170817055658ULL, 1664657641377715666ULL, 1103034804049852292ULL,
                                             4376380862814081110ULL, 3776508982995411529ULL, 1684117962816829761ULL}));
    }
    void uniformUnitDraws() {
        std::mt19937_64 random(9);
        QVERIFY(drs::uniformUnit(random) == 0.518519101887645);
        QVERIFY(drs::uniformUnit(random) == 0.4996070636556802);
        QVERIFY(drs::uniformUnit(random) == 0.8744703297821714);
    }
    void weightedIndexFollowsTheWeights() {
        // Closed form: with weights 1, 0, 3 index 1 never comes, index 2 three times as often as 0.
        std::mt19937_64 random(1);
        std::vector<int> count(3);
        for (int k = 0; k < 40000; ++k) ++count[drs::weightedIndex({1.0, 0.0, 3.0}, random)];
        QCOMPARE(count[1], 0);
        QVERIFY2(std::abs(count[2] - 30000) < 400, qPrintable(QString::number(count[2])));
    }
    void shuffleOfTwenty() {
        std::vector<int> items(20);
        std::iota(items.begin(), items.end(), 0);
        std::mt19937_64 random(2026);
        drs::shuffle(items, random);
        QCOMPARE(items, (std::vector<int>{13, 16, 11, 5, 17, 12, 8, 9, 10, 7, 4, 0, 14, 18, 6, 2, 19, 3, 15, 1}));
    }
    void foldAssignmentIsPinned() {
        const auto folds = drs::learn::repeatedStratifiedFolds(foldLabels(), 4, 2, 17);
        QCOMPARE(folds.repeats.at(0), (drs::learn::FoldAssignment{0, 0, 3, 2, 1, 3, 1, 3, 1, 3, 0, 2, 0, 2, 3,
                                                                  1, 3, 1, 0, 0, 2, 2, 0, 3, 2, 1, 1, 0, 2, 1}));
        QCOMPARE(folds.repeats.at(1), (drs::learn::FoldAssignment{1, 3, 3, 0, 1, 2, 1, 1, 0, 2, 1, 1, 0, 2, 2,
                                                                  3, 0, 0, 1, 2, 0, 0, 1, 3, 0, 2, 3, 2, 3, 3}));
    }
    void stratifiedSplitIsPinned() {
        QCOMPARE(drs::learn::stratifiedSplit(foldLabels(), 0.3, 5).test,
                 (std::vector<int>{0, 3, 8, 9, 12, 15, 16, 18, 25}));
    }
    void studySplitPatientsArePinned() {
        const drs::StudySplit split = drs::iterativeStratifiedSplit(studyLabels(), 40, 0.3, 2024);
        std::vector<int> testPatients;
        for (int p = 0; p < 40; ++p)
            if (split.isTest[static_cast<std::size_t>(p)]) testPatients.push_back(p);
        QCOMPARE(testPatients, (std::vector<int>{2, 3, 4, 7, 8, 20, 24, 26, 29, 37, 38, 39}));
    }
    void studyFoldsArePinned() {
        QCOMPARE(drs::iterativeStratifiedFolds(studyLabels(), 40, 3, 2024),
                 (std::vector<int>{1, 0, 1, 2, 0, 1, 0, 2, 2, 2, 2, 0, 1, 0, 0, 1, 2, 1, 1, 2,
                                   2, 0, 2, 0, 1, 2, 2, 0, 1, 0, 0, 1, 0, 0, 2, 1, 2, 1, 1, 0}));
    }
};

QTEST_APPLESS_MAIN(TestPortableRandom)
#include "test_portable_random.moc"
