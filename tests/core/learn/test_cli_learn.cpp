#include <QtTest>

#include "core/util/Csv.h"
#include "tests/common/DrsProcess.h"
#include "tests/core/stats/ReferenceValues.h"

// `drs lasso` and `drs cv` as DESIGN.md section 4 defines them, against glmnet / scikit-learn.
class TestCliLearn : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    QString run(const QStringList& arguments, int expectedExit = 0) {
        const drs::test::ProcessRun drs = drs::test::runDrs(arguments, 120);
        if (drs.exitCode != expectedExit) return "exit " + QString::number(drs.exitCode) + ": " + drs.err;
        return expectedExit == 0 ? drs.out : drs.err;
    }
    drs::CsvTable parse(const QString& text) {
        const QString path = dir_.filePath("out.csv");
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text.toUtf8());
        f.close();
        return drs::readCsv(path.toStdString());
    }
    static QString cohort() { return QString::fromStdString(drs::testing::statsData("cohort.csv")); }
    static QString features() {
        return "deep_1,deep_2,deep_3,deep_4,deep_5,deep_6,deep_7,deep_8,deep_9,deep_10,radscore_tumour,radscore_ring";
    }

private slots:
    void lassoMatchesGlmnet() {
        // Fold file row,fold = repeat 0 of folds_label.csv, the folds glmnet was given.
        const drs::CsvTable all = drs::readCsv(drs::testing::statsData("folds_label.csv"));
        QString foldText = "row,fold\n";
        for (const auto& row : all.rows)
            if (row[0] == "0") foldText += QString::fromStdString(row[1] + "," + row[2] + "\n");
        const QString foldPath = dir_.filePath("folds.csv");
        QFile f(foldPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(foldText.toUtf8());
        f.close();
        const QString output = run({"lasso", "--table", cohort(), "--label", "label", "--features", features(),
                                    "--fold-file", foldPath, "--thresh", "1e-14"});
        const drs::CsvTable mine = parse(output);
        QCOMPARE(mine.header.size(), std::size_t{15});
        QCOMPARE(mine.header[0], std::string("row_type"));
        const drs::CsvTable reference = drs::readCsv(drs::testing::statsData("lasso_reference.csv"));
        for (int k = 0; k < 2; ++k) {
            const auto& expected = reference.rows[static_cast<std::size_t>(k + 2)];  // thresh 1e-14
            QCOMPARE(mine.rows[static_cast<std::size_t>(k)][0], expected[1]);
            for (std::size_t c = 1; c < mine.header.size(); ++c) {
                const double a = drs::parseDouble(mine.rows[static_cast<std::size_t>(k)][c], "mine");
                const double b = drs::parseDouble(expected[reference.column(mine.header[c])], "glmnet");
                QVERIFY2(std::fabs(a - b) < 1e-4, qPrintable(QString::fromStdString(mine.header[c])));
            }
        }
    }
    void cvMatchesScikitLearnWithFoldFile() {
        const QString output =
            run({"cv", "--table", cohort(), "--label", "label", "--features", features(), "--fold-file",
                 QString::fromStdString(drs::testing::statsData("folds_label.csv")), "--classifiers", "lda,lr,knn,nb"});
        const drs::CsvTable mine = parse(output);
        QCOMPARE(mine.header, (std::vector<std::string>{"classifier", "mean_auc", "sd_auc"}));
        QCOMPARE(mine.rows.size(), std::size_t{4});
        const drs::CsvTable reference = drs::readCsv(drs::testing::statsData("sklearn_cv_auc.csv"));
        for (const auto& row : mine.rows) {
            double sum = 0;
            int count = 0;
            for (const auto& r : reference.rows)
                if (r[0] == "label" && r[1] == "none" && r[2] == row[0]) {
                    sum += drs::parseDouble(r[5], "auc");
                    ++count;
                }
            QCOMPARE(count, 50);
            QVERIFY2(std::fabs(drs::parseDouble(row[1], "mean") - sum / count) < 1e-6,
                     qPrintable(QString::fromStdString(row[0])));
        }
    }
    void cvRejectsTooManyFolds() {
        const QString path = dir_.filePath("small.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("id,y,a\np1,0,1\np2,1,2\np3,0,3\np4,1,5\n");
        f.close();
        const QString error = run({"cv", "--table", path, "--label", "y", "--folds", "5"}, 1);
        QVERIFY2(error.contains("--folds"), qPrintable(error));
        const QString single = run({"cv", "--table", path, "--label", "y", "--folds", "3"}, 1);
        QVERIFY2(single.contains("cannot fill 3 stratified folds"), qPrintable(single));
    }
    void lassoRejectsDuplicateIds() {
        const QString path = dir_.filePath("dup.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("id,y,a\np1,0,1\np1,1,2\np2,0,3\n");
        f.close();
        const QString error = run({"lasso", "--table", path, "--label", "y"}, 1);
        QVERIFY2(error.contains("duplicate patient id"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCliLearn)
#include "test_cli_learn.moc"
