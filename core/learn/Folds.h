#pragma once
#include <string>
#include <vector>

namespace drs::learn {

// foldOfRow[r] = 0-based fold that holds row r out as its test part.
using FoldAssignment = std::vector<int>;
struct RepeatedFolds {
    int folds = 0;
    std::vector<FoldAssignment> repeats;
};

// Stratified k-fold assignment repeated `repeats` times, reproducible from `seed` with every
// standard library: each class is shuffled (drs::shuffle over std::mt19937_64, a stream per
// repeat) and dealt to the folds in turn, so every fold gets floor or ceil of its share of each
// class. Throws Error when a class has fewer rows than folds (a test fold without that class has
// no AUC) or labels are not 0/1.
RepeatedFolds repeatedStratifiedFolds(const std::vector<int>& labels, int folds, int repeats, unsigned long seed);

// Reads a fold file with columns repeat,row,fold (hasRepeatColumn) or row,fold: 0-based data
// rows and folds. Every row must appear exactly once per repeat, folds must be 0..k-1, and every
// test fold must contain both classes. Errors name the file and the offending line.
RepeatedFolds readFoldFile(const std::string& path, const std::vector<int>& labels, bool hasRepeatColumn);

// Rows of fold `fold` (test) and of all other folds (train), in increasing row order.
std::vector<int> testRows(const FoldAssignment& assignment, int fold);
std::vector<int> trainRows(const FoldAssignment& assignment, int fold);

// Stratified train/test split: round(testFraction * class size) rows of each class go to test.
struct Split {
    std::vector<int> train;
    std::vector<int> test;
};
Split stratifiedSplit(const std::vector<int>& labels, double testFraction, unsigned long seed);

// Class balance of a split, with the chi-square (Yates) and Fisher p-values of label x split.
struct SplitBalance {
    int trainRows = 0, trainPositives = 0, testRows = 0, testPositives = 0;
    double trainPrevalence = 0, testPrevalence = 0;
    double chiSquareP = 1, fisherP = 1;
};
SplitBalance splitBalance(const std::vector<int>& labels, const Split& split);

}  // namespace drs::learn
