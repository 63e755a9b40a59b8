#include <QtTest>

#include <random>

#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "tests/common/DrsProcess.h"
#include "tests/core/stats/ReferenceValues.h"

// `drs lasso`, `drs cv` and `drs combat` as DESIGN.md section 4 defines them, against glmnet /
// scikit-learn / sva, and ComBat's label covariate against a closed-form truth.
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
    QString write(const QString& name, const QString& text) {
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) throw drs::Error("cannot write " + path.toStdString());
        f.write(text.toUtf8());
        return path;
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
    // The elastic net's own optimality is test_learn_lasso's; here: --alpha reaches the solver, 1 is
    // the LASSO itself, and a value outside (0, 1] is refused by name.
    void lassoAlpha() {
        const QStringList common{"lasso", "--table", cohort(), "--label", "label", "--features", features()};
        const QString lasso = run(common);
        QVERIFY(lasso.startsWith("row_type"));
        QCOMPARE(run(common + QStringList{"--alpha", "1"}), lasso);
        const QString elasticNet = run(common + QStringList{"--alpha", "0.5"});
        QVERIFY(elasticNet.startsWith("row_type"));
        QVERIFY(elasticNet != lasso);
        for (const QString& wrong : {"0", "1.5"}) {
            const QString error = run(common + QStringList{"--alpha", wrong}, 1);
            QVERIFY2(error.contains("--alpha must lie in (0, 1]"), qPrintable(error));
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
    // sva 3.46.0 ComBat of 90 patients in three centres (tests/data/stats/combat_three_centres.csv).
    void combatMatchesSva() {
        const drs::CsvTable fixture = drs::readCsv(drs::testing::statsData("combat_three_centres.csv"));
        const std::vector<std::string> features{"deep_1", "deep_2",          "deep_3",
                                                "deep_4", "radscore_tumour", "radscore_ring"};
        QString table = "id,centre";
        for (const auto& f : features) table += QString::fromStdString("," + f);
        table += "\n";
        for (const auto& row : fixture.rows) {
            table += QString::fromStdString(row[fixture.column("id")] + "," + row[fixture.column("centre")]);
            for (const auto& f : features) table += QString::fromStdString("," + row[fixture.column("in_" + f)]);
            table += "\n";
        }
        const QString in = write("sva-in.csv", table);
        const QString out = dir_.filePath("sva-out.csv");
        const QString summary = run({"combat", "--table", in, "--batch", "centre", "--out", out});
        QVERIFY2(summary.contains("\"harmonised\": 6"), qPrintable(summary));
        const drs::CsvTable mine = drs::readCsv(out.toStdString());
        QCOMPARE(mine.rows.size(), fixture.rows.size());
        for (std::size_t r = 0; r < mine.rows.size(); ++r) {
            QCOMPARE(mine.rows[r][0], fixture.rows[r][fixture.column("id")]);
            for (const auto& f : features) {
                const double expected = drs::parseDouble(fixture.rows[r][fixture.column("out_" + f)], "sva");
                const double got = drs::parseDouble(mine.rows[r][mine.column(f)], "mine");
                QVERIFY2(std::fabs(got - expected) <= 1e-9 * std::max(1.0, std::fabs(expected)), f.c_str());
            }
        }
    }
    // Closed-form truth (as test_learn_combat): feature = scanner shift (0 in A, 3 in B) + 2 x label
    // + N(0, 1), prevalence 0.2 in A and 0.8 in B. With --covariate label B's negatives end where
    // A's are; without it 2 x (0.8 - 0.2) = 1.2 below.
    void combatLabelCovariate() {
        const int perCentre = 2000;
        const auto labelOf = [&](int row) {
            return (row % perCentre) < (row >= perCentre ? 0.8 : 0.2) * perCentre ? 1 : 0;
        };
        std::mt19937_64 random(5);
        std::normal_distribution<double> noise;
        QString withLabel = "id,centre,label,f1,f2,f3\n", withoutLabel = "id,centre,f1,f2,f3\n";
        for (int i = 0; i < 2 * perCentre; ++i) {
            const bool inB = i >= perCentre;
            QString values;
            for (int f = 0; f < 3; ++f)
                values += "," + QString::number((inB ? 3.0 : 0.0) + 2.0 * labelOf(i) + noise(random), 'g', 17);
            withLabel += QString("p%1,%2,%3").arg(i).arg(inB ? "B" : "A").arg(labelOf(i)) + values + "\n";
            withoutLabel += QString("p%1,%2").arg(i).arg(inB ? "B" : "A") + values + "\n";
        }
        // B's negatives minus A's, averaged over the three features.
        const auto negativesGap = [&](const QString& in, const QStringList& extra) {
            const QString out = dir_.filePath("prevalence-out.csv");
            const QString summary =
                run(QStringList{"combat", "--table", in, "--batch", "centre", "--out", out} + extra);
            if (!summary.contains("\"harmonised\": 3")) throw drs::Error(summary.toStdString());
            const drs::CsvTable harmonised = drs::readCsv(out.toStdString());
            double sum[2] = {0, 0};
            int count[2] = {0, 0};
            for (std::size_t r = 0; r < harmonised.rows.size(); ++r) {
                if (labelOf(static_cast<int>(r)) != 0) continue;
                const auto& row = harmonised.rows[r];
                if (harmonised.header[2] == "label" && row[2] != "0") throw drs::Error("the label was changed");
                const int b = row[harmonised.column("centre")] == "B" ? 1 : 0;
                for (const char* f : {"f1", "f2", "f3"}) sum[b] += drs::parseDouble(row[harmonised.column(f)], f) / 3;
                ++count[b];
            }
            return sum[1] / count[1] - sum[0] / count[0];
        };
        const QString labelled = write("prevalence.csv", withLabel);
        const double kept = negativesGap(labelled, {"--covariate", "label"});
        const double plain = negativesGap(write("prevalence-unlabelled.csv", withoutLabel), {});
        QVERIFY2(std::fabs(kept) < 0.1, qPrintable(QString::number(kept)));
        QVERIFY2(std::fabs(plain + 1.2) < 0.1, qPrintable(QString::number(plain)));
        const QString error = run({"combat", "--table", labelled, "--batch", "centre", "--covariate", "lable", "--out",
                                   dir_.filePath("never.csv")},
                                  1);
        QVERIFY2(error.contains("lable"), qPrintable(error));
        QVERIFY(!QFile::exists(dir_.filePath("never.csv")));
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
