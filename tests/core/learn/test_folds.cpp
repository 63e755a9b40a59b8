#include <QtTest>

#include <algorithm>
#include <cmath>

#include "core/learn/Dataset.h"
#include "core/learn/Folds.h"
#include "core/learn/Scaler.h"
#include "core/util/Error.h"
#include "tests/core/learn/LearnFixtures.h"

using namespace drs::learn;

class TestFolds : public QObject {
    Q_OBJECT

    static QString writeTemp(QTemporaryDir& dir, const char* name, const char* text) {
        const QString path = dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path;
    }

private slots:
    void stratifiedAndReproducible() {
        const Dataset data = drs::testing::cohortDataset("label");  // 116 positives, 239 negatives
        const RepeatedFolds a = repeatedStratifiedFolds(data.labels, 5, 10, 42);
        const RepeatedFolds b = repeatedStratifiedFolds(data.labels, 5, 10, 42);
        const RepeatedFolds c = repeatedStratifiedFolds(data.labels, 5, 10, 43);
        QCOMPARE(a.repeats, b.repeats);
        QVERIFY(a.repeats != c.repeats);
        QVERIFY(a.repeats[0] != a.repeats[1]);
        for (const auto& assignment : a.repeats) {
            for (int f = 0; f < 5; ++f) {
                int positives = 0;
                const auto rows = testRows(assignment, f);
                for (int r : rows) positives += data.labels[r];
                // 116 / 5 = 23.2 positives and 239 / 5 = 47.8 negatives per fold.
                QVERIFY(positives == 23 || positives == 24);
                QVERIFY(rows.size() == 71);
            }
        }
    }
    void foldFileMatchesScikitLearnSplits() {
        const Dataset data = drs::testing::cohortDataset("label_rare");
        const RepeatedFolds folds = drs::testing::cohortFolds(data, "label_rare");
        QCOMPARE(folds.folds, 5);
        QCOMPARE(static_cast<int>(folds.repeats.size()), 10);
        // scikit-learn's StratifiedKFold puts 18 positives as 4,4,4,3,3.
        std::vector<int> perFold;
        for (int f = 0; f < 5; ++f) {
            int positives = 0;
            for (int r : testRows(folds.repeats[0], f)) positives += data.labels[r];
            perFold.push_back(positives);
        }
        std::sort(perFold.begin(), perFold.end());
        QCOMPARE(perFold, (std::vector<int>{3, 3, 4, 4, 4}));
    }
    void badFoldsAreErrors() {
        const std::vector<int> labels{0, 1, 0, 1, 0, 0};
        QVERIFY_THROWS_EXCEPTION(drs::Error, repeatedStratifiedFolds(labels, 3, 1, 0));  // 2 positives < 3 folds
        QVERIFY_THROWS_EXCEPTION(drs::Error, repeatedStratifiedFolds({0, 0, 0, 0}, 2, 1, 0));
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(
            drs::Error,
            readFoldFile(writeTemp(dir, "a.csv", "row,fold\n0,0\n1,0\n2,1\n3,1\n4,0\n").toStdString(), labels, false));
        QVERIFY_THROWS_EXCEPTION(
            drs::Error,
            readFoldFile(writeTemp(dir, "b.csv", "row,fold\n0,0\n1,0\n2,1\n3,1\n4,0\n5,1\n5,0\n").toStdString(), labels,
                         false));
        // Fold 1 holds rows 4 and 5, both negative: a single-class test fold.
        QVERIFY_THROWS_EXCEPTION(
            drs::Error, readFoldFile(writeTemp(dir, "c.csv", "row,fold\n0,0\n1,0\n2,0\n3,0\n4,1\n5,1\n").toStdString(),
                                     labels, false));
        const RepeatedFolds ok = readFoldFile(
            writeTemp(dir, "d.csv", "row,fold\n0,0\n1,0\n2,1\n3,1\n4,0\n5,1\n").toStdString(), labels, false);
        QCOMPARE(ok.repeats[0], (FoldAssignment{0, 0, 1, 1, 0, 1}));
    }
    void splitSevenToThree() {
        const Dataset data = drs::testing::cohortDataset("label");
        const Split split = stratifiedSplit(data.labels, 0.3, 1);
        const SplitBalance b = splitBalance(data.labels, split);
        QCOMPARE(b.testPositives, 35);  // round(0.3 * 116)
        QCOMPARE(b.testRows, 35 + 72);  // + round(0.3 * 239)
        QCOMPARE(b.trainRows + b.testRows, 355);
        QVERIFY(b.chiSquareP > 0.9);
        QCOMPARE(stratifiedSplit(data.labels, 0.3, 1).test, split.test);
    }
    void zScorePopulationSd() {
        Eigen::MatrixXd train(4, 1);
        train << 1, 2, 3, 6;  // mean 3, population SD sqrt(14/4)
        const ZScore z = ZScore::fit(train);
        QCOMPARE(z.means()[0], 3.0);
        QVERIFY(std::fabs(z.sds()[0] - std::sqrt(3.5)) < 1e-15);
        Eigen::MatrixXd test(1, 1);
        test << 10;
        QVERIFY(std::fabs(z.apply(test)(0, 0) - 7 / std::sqrt(3.5)) < 1e-14);
        Eigen::MatrixXd constant = Eigen::MatrixXd::Ones(3, 1);
        QVERIFY_THROWS_EXCEPTION(drs::Error, ZScore::fit(constant, {"f"}));
    }
    void datasetErrors() {
        QTemporaryDir dir;
        const auto load = [&](const char* text) {
            return datasetFromTable(drs::readCsv(writeTemp(dir, "t.csv", text).toStdString()), {"y", {}, "id"});
        };
        QCOMPARE(load("id,y,a\np1,0,1\np2,1,2\np3,0,4\n").featureNames, (std::vector<std::string>{"a"}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, load("id,y,a\np1,0,1\np1,1,2\n"));   // duplicate id
        QVERIFY_THROWS_EXCEPTION(drs::Error, load("id,y,a\np1,0,1\np2,2,2\n"));   // non-binary
        QVERIFY_THROWS_EXCEPTION(drs::Error, load("id,y,a\np1,0,1\np2,,2\n"));    // missing label
        QVERIFY_THROWS_EXCEPTION(drs::Error, load("id,y,a\np1,1,1\np2,1,2\n"));   // single class
        QVERIFY_THROWS_EXCEPTION(drs::Error, load("id,y,a\np1,0,1\np2,1,NA\n"));  // NaN feature
        // A constant column: left out of the default features (as glmnet does), refused when named.
        const Dataset withConstant = load("id,y,a,b\np1,0,1,5\np2,1,2,5\n");
        QCOMPARE(withConstant.featureNames, (std::vector<std::string>{"a"}));
        QCOMPARE(withConstant.constantLeftOut, (std::vector<std::string>{"b"}));
        QCOMPARE(withConstant.features(1, 0), 2.0);
        const auto named = drs::readCsv(writeTemp(dir, "c.csv", "id,y,a,b\np1,0,1,5\np2,1,2,5\n").toStdString());
        QVERIFY_THROWS_EXCEPTION(drs::Error, datasetFromTable(named, {"y", {"a", "b"}, "id"}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, load("id,y,a,b\np1,0,1,5\np2,1,1,5\n"));  // every one constant
        try {
            load("id,y,a\np1,0,1\np1,1,2\n");
        } catch (const drs::Error& e) {
            QVERIFY(QString(e.what()).contains("duplicate patient id 'p1'"));
        }
    }
    // A cases file's clinical columns, carried into drs extract's table, are left out by name.
    void excludedColumns() {
        QTemporaryDir dir;
        const auto table = drs::readCsv(
            writeTemp(dir, "t.csv", "id,centre,age,y,a,b\np1,Ghent,61,0,1,5\np2,Leiden,70,1,2,4\np3,Ghent,55,0,4,2\n")
                .toStdString());
        const auto load = [&](std::vector<std::string> features, std::vector<std::string> excluded) {
            return datasetFromTable(table, {"y", std::move(features), "id", std::move(excluded)});
        };
        const Dataset data = load({}, {"centre", "age"});
        QCOMPARE(data.featureNames, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(data.features(2, 1), 2.0);
        const auto message = [&](std::vector<std::string> features, std::vector<std::string> excluded) {
            try {
                load(std::move(features), std::move(excluded));
            } catch (const drs::Error& e) {
                return QString(e.what());
            }
            return QString();
        };
        QVERIFY(message({}, {"age"}).contains("column 'centre' data row 1: 'Ghent' is not a number"));
        QVERIFY(message({}, {"centre", "sex"}).contains(": no column 'sex' to exclude"));
        QVERIFY(message({"a", "age"}, {"age"}).contains(": column 'age' is both a feature and excluded"));
    }
};

QTEST_APPLESS_MAIN(TestFolds)
#include "test_folds.moc"
