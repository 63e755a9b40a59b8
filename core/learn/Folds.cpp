#include "core/learn/Folds.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/stats/HypothesisTests.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "core/util/PortableRandom.h"

namespace drs::learn {
namespace {

std::vector<int> rowsOfClass(const std::vector<int>& labels, int label) {
    std::vector<int> rows;
    for (std::size_t r = 0; r < labels.size(); ++r) {
        if (labels[r] != 0 && labels[r] != 1)
            throw Error("folds: label at row " + std::to_string(r) + " is not 0 or 1");
        if (labels[r] == label) rows.push_back(static_cast<int>(r));
    }
    return rows;
}

void checkFoldClasses(const std::vector<int>& labels, const FoldAssignment& assignment, int folds,
                      const std::string& where) {
    for (int f = 0; f < folds; ++f) {
        int positives = 0, total = 0;
        for (std::size_t r = 0; r < labels.size(); ++r)
            if (assignment[r] == f) {
                ++total;
                positives += labels[r];
            }
        if (positives == 0 || positives == total)
            throw Error(where + ": test fold " + std::to_string(f) + " holds a single class (" +
                        std::to_string(positives) + " positives of " + std::to_string(total) +
                        "); its AUC is undefined");
    }
}

}  // namespace

RepeatedFolds repeatedStratifiedFolds(const std::vector<int>& labels, int folds, int repeats, unsigned long seed) {
    if (folds < 2) throw Error("folds: need at least 2 folds, got " + std::to_string(folds));
    if (repeats < 1) throw Error("folds: need at least 1 repeat");
    std::vector<int> negatives = rowsOfClass(labels, 0);
    std::vector<int> positives = rowsOfClass(labels, 1);
    if (static_cast<int>(std::min(negatives.size(), positives.size())) < folds)
        throw Error("folds: " + std::to_string(positives.size()) + " positives and " +
                    std::to_string(negatives.size()) + " negatives cannot fill " + std::to_string(folds) +
                    " stratified folds (each class needs >= folds rows)");
    RepeatedFolds out;
    out.folds = folds;
    for (int r = 0; r < repeats; ++r) {
        std::mt19937_64 random(seed * 1000003ULL + static_cast<unsigned long>(r));
        shuffle(negatives, random);
        shuffle(positives, random);
        FoldAssignment assignment(labels.size(), -1);
        // Dealing negatives then positives from one running counter keeps fold sizes within one.
        int next = 0;
        for (const auto* group : {&negatives, &positives})
            for (int row : *group) assignment[row] = next++ % folds;
        out.repeats.push_back(std::move(assignment));
    }
    return out;
}

RepeatedFolds readFoldFile(const std::string& path, const std::vector<int>& labels, bool hasRepeatColumn) {
    const CsvTable table = readCsv(path);
    const std::size_t rowColumn = table.column("row");
    const std::size_t foldColumn = table.column("fold");
    const std::size_t repeatColumn = hasRepeatColumn ? table.column("repeat") : 0;
    const auto integer = [&](const std::vector<std::string>& line, std::size_t c, std::size_t lineNumber) {
        const std::string where = path + " line " + std::to_string(lineNumber + 2);
        const double v = parseDouble(c < line.size() ? line[c] : std::string(), where);
        if (!(v >= 0) || v != std::floor(v))
            throw Error(where + ": '" + table.header[c] + "' must be a non-negative whole number");
        return static_cast<int>(v);
    };
    RepeatedFolds out;
    for (std::size_t k = 0; k < table.rows.size(); ++k) {
        const int repeat = hasRepeatColumn ? integer(table.rows[k], repeatColumn, k) : 0;
        const int row = integer(table.rows[k], rowColumn, k);
        const int fold = integer(table.rows[k], foldColumn, k);
        if (row >= static_cast<int>(labels.size()))
            throw Error(path + " line " + std::to_string(k + 2) + ": row " + std::to_string(row) +
                        " is beyond the table's " + std::to_string(labels.size()) + " data rows");
        if (repeat >= static_cast<int>(out.repeats.size()))
            out.repeats.resize(repeat + 1, FoldAssignment(labels.size(), -1));
        if (out.repeats[repeat][row] != -1)
            throw Error(path + " line " + std::to_string(k + 2) + ": row " + std::to_string(row) +
                        " appears twice in repeat " + std::to_string(repeat));
        out.repeats[repeat][row] = fold;
        out.folds = std::max(out.folds, fold + 1);
    }
    if (out.repeats.empty()) throw Error(path + ": the fold file has no rows");
    if (out.folds < 2) throw Error(path + ": needs at least 2 folds");
    for (std::size_t r = 0; r < out.repeats.size(); ++r) {
        const std::string where = path + " repeat " + std::to_string(r);
        for (std::size_t row = 0; row < labels.size(); ++row)
            if (out.repeats[r][row] == -1) throw Error(where + ": data row " + std::to_string(row) + " has no fold");
        checkFoldClasses(labels, out.repeats[r], out.folds, where);
    }
    return out;
}

std::vector<int> testRows(const FoldAssignment& assignment, int fold) {
    std::vector<int> rows;
    for (std::size_t r = 0; r < assignment.size(); ++r)
        if (assignment[r] == fold) rows.push_back(static_cast<int>(r));
    return rows;
}

std::vector<int> trainRows(const FoldAssignment& assignment, int fold) {
    std::vector<int> rows;
    for (std::size_t r = 0; r < assignment.size(); ++r)
        if (assignment[r] != fold) rows.push_back(static_cast<int>(r));
    return rows;
}

Split stratifiedSplit(const std::vector<int>& labels, double testFraction, unsigned long seed) {
    if (!(testFraction > 0 && testFraction < 1)) throw Error("split: the test fraction must lie between 0 and 1");
    std::mt19937_64 random(seed);
    Split split;
    for (int label : {0, 1}) {
        std::vector<int> rows = rowsOfClass(labels, label);
        const auto testCount = static_cast<std::size_t>(std::lround(testFraction * static_cast<double>(rows.size())));
        if (testCount == 0 || testCount == rows.size())
            throw Error("split: class " + std::to_string(label) + " has " + std::to_string(rows.size()) +
                        " rows, too few to appear in both the training and the test part");
        shuffle(rows, random);
        split.test.insert(split.test.end(), rows.begin(), rows.begin() + static_cast<long>(testCount));
        split.train.insert(split.train.end(), rows.begin() + static_cast<long>(testCount), rows.end());
    }
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.test.begin(), split.test.end());
    return split;
}

SplitBalance splitBalance(const std::vector<int>& labels, const Split& split) {
    SplitBalance b;
    b.trainRows = static_cast<int>(split.train.size());
    b.testRows = static_cast<int>(split.test.size());
    for (int r : split.train) b.trainPositives += labels.at(r);
    for (int r : split.test) b.testPositives += labels.at(r);
    b.trainPrevalence = static_cast<double>(b.trainPositives) / b.trainRows;
    b.testPrevalence = static_cast<double>(b.testPositives) / b.testRows;
    b.chiSquareP = stats::chiSquareTest(
                       {{static_cast<double>(b.trainPositives), static_cast<double>(b.trainRows - b.trainPositives)},
                        {static_cast<double>(b.testPositives), static_cast<double>(b.testRows - b.testPositives)}})
                       .p;
    b.fisherP = stats::fisherExact(b.trainPositives, b.trainRows - b.trainPositives, b.testPositives,
                                   b.testRows - b.testPositives)
                    .p;
    return b;
}

}  // namespace drs::learn
