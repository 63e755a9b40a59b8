#include <QtTest>

#include <cmath>
#include <random>

#include "core/learn/ComBat.h"
#include "core/util/Error.h"
#include "tests/core/learn/LearnFixtures.h"

using namespace drs::learn;

// ComBat against R sva 3.46.0 ComBat(par.prior = TRUE, mod = NULL) with centre as the batch.
class TestComBat : public QObject {
    Q_OBJECT

private slots:
    void matchesSva() {
        const Dataset data = drs::testing::cohortDataset("label");
        const std::vector<std::string> centre = drs::testing::Cohort().text("centre");
        const ComBat combat = ComBat::fit(data.features, centre);
        const Eigen::MatrixXd mine = combat.apply(data.features, centre);
        const drs::CsvTable reference = drs::readCsv(drs::testing::statsData("combat_reference.csv"));
        double worst = 0;
        for (std::size_t r = 0; r < reference.rows.size(); ++r)
            for (std::size_t f = 0; f < data.featureNames.size(); ++f) {
                const double expected =
                    drs::parseDouble(reference.rows[r][reference.column(data.featureNames[f])], "combat");
                worst = std::max(
                    worst, std::fabs(mine(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(f)) - expected) /
                               std::max(1.0, std::fabs(expected)));
            }
        QVERIFY2(worst < 1e-9, qPrintable(QString::number(worst)));
    }
    void trainingEstimatesApplyUnchangedToNewRows() {
        const Dataset data = drs::testing::cohortDataset("label");
        const std::vector<std::string> centre = drs::testing::Cohort().text("centre");
        const std::vector<std::string> trainBatch(centre.begin(), centre.begin() + 250);
        const ComBat combat = ComBat::fit(data.features.topRows(250), trainBatch);
        // A new row is harmonised by the training estimates alone: the same row gives the same
        // output whether it comes alone or with others.
        const Eigen::MatrixXd together =
            combat.apply(data.features.bottomRows(105), {centre.begin() + 250, centre.end()});
        const Eigen::MatrixXd alone = combat.apply(data.features.row(300), {centre[300]});
        QCOMPARE((together.row(50) - alone.row(0)).cwiseAbs().maxCoeff(), 0.0);
        QVERIFY_THROWS_EXCEPTION(drs::Error, combat.apply(data.features.row(0), {"C"}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, ComBat::fit(data.features.topRows(3), {"A", "A", "B"}));
    }
    void matchesSvaWithThreeCentres() {
        const ThreeCentres data = threeCentres();
        const Eigen::MatrixXd mine = ComBat::fit(data.in, data.centre).apply(data.in, data.centre);
        QVERIFY2(relativeError(mine, data.out) < 1e-9, qPrintable(QString::number(relativeError(mine, data.out))));
    }
    void harmonisationStepPassesThroughWhatComBatCannotEstimate() {
        // The sva fixture with a constant column, a column with a NaN in training, one patient of a
        // fourth centre and two of an unknown one appended: the six real columns still match sva
        // exactly (so neither took part in the estimates), the rest pass.
        const ThreeCentres data = threeCentres();
        const Eigen::Index n = data.in.rows();
        Eigen::MatrixXd train(n + 3, 8);
        train.leftCols(6) << data.in, data.in.row(0), data.in.row(1) * 3.0, data.in.row(2) * -2.0;
        train.col(6).setConstant(7.0);
        train.col(7).setLinSpaced(n + 3, 0.0, 1.0);
        train(3, 7) = std::nan("");
        std::vector<std::string> centres = data.centre;
        centres.insert(centres.end(), {"D", "", ""});
        const std::vector<std::string> names = {"f0", "f1", "f2", "f3", "f4", "f5", "constant", "with_nan"};
        const CentreHarmonisation step = CentreHarmonisation::fit(train, centres, names);
        QCOMPARE(step.harmonisedFeatures(), (std::vector<std::string>{"f0", "f1", "f2", "f3", "f4", "f5"}));
        QCOMPARE(step.centres(), (std::vector<std::string>{"A", "B", "C"}));
        const Eigen::MatrixXd harmonised = step.apply(train, centres, names);
        QVERIFY(relativeError(harmonised.topLeftCorner(n, 6), data.out) < 1e-9);
        // Centre D and the unknown centre: no estimates.
        QCOMPARE(Eigen::MatrixXd(harmonised.bottomRows(3)), Eigen::MatrixXd(train.bottomRows(3)));
        QCOMPARE(Eigen::VectorXd(harmonised.col(6)), Eigen::VectorXd(train.col(6)));
        QVERIFY(std::isnan(harmonised(3, 7)));
        // The saved estimates, applied to the columns in another order, give the same numbers.
        const std::vector<std::string> reversed(names.rbegin(), names.rend());
        const Eigen::MatrixXd reloaded = CentreHarmonisation::fromJson(step.toJson(), "test")
                                             .apply(train.topRows(n).rowwise().reverse(), data.centre, reversed);
        QCOMPARE((reloaded.rowwise().reverse() - harmonised.topRows(n)).leftCols(7).cwiseAbs().maxCoeff(), 0.0);
        // One usable centre: the identity.
        const CentreHarmonisation single = CentreHarmonisation::fit(train.topRows(3), {"A", "A", "B"}, names);
        QVERIFY(!single.active());
        QCOMPARE(single.apply(train.topRows(3), {"A", "A", "B"}, names), Eigen::MatrixXd(train.topRows(3)));
    }

    // Closed-form truth: feature = scanner shift (0 in A, 3 in B) + 2 x label + N(0, 1), the label's
    // prevalence 0.2 in A and 0.8 in B, 2000 rows per centre, 10 features. Harmonising should bring
    // B's negatives to where A's are (difference 0) and keep the label's effect of 2 within each
    // centre. Without the covariate ComBat removes the whole difference of the centre means,
    // 3 + 2 x (0.8 - 0.2) = 4.2, and B's negatives end 2 x 0.6 = 1.2 below A's.
    void labelCovariateKeepsAPrevalenceThatDiffersByCentre() {
        const Eigen::Index perCentre = 2000, features = 10;
        Eigen::MatrixXd x(2 * perCentre, features);
        Eigen::VectorXd label(2 * perCentre);
        std::vector<std::string> centre;
        std::mt19937_64 random(3);
        std::normal_distribution<double> noise;
        for (Eigen::Index i = 0; i < 2 * perCentre; ++i) {
            const bool inB = i >= perCentre;
            centre.push_back(inB ? "B" : "A");
            label[i] = (i % perCentre) < (inB ? 0.8 : 0.2) * perCentre ? 1.0 : 0.0;
            for (Eigen::Index j = 0; j < features; ++j) x(i, j) = (inB ? 3.0 : 0.0) + 2.0 * label[i] + noise(random);
        }
        const auto meanOf = [&](const Eigen::MatrixXd& values, const std::string& c, double l) {
            double sum = 0;
            int count = 0;
            for (Eigen::Index i = 0; i < values.rows(); ++i)
                if (centre[static_cast<std::size_t>(i)] == c && label[i] == l) {
                    sum += values.row(i).mean();
                    ++count;
                }
            return sum / count;
        };
        const Eigen::MatrixXd kept = ComBat::fit(x, centre, label).apply(x, centre);
        const Eigen::MatrixXd plain = ComBat::fit(x, centre).apply(x, centre);
        const double keptGap = meanOf(kept, "B", 0) - meanOf(kept, "A", 0);
        const double plainGap = meanOf(plain, "B", 0) - meanOf(plain, "A", 0);
        qInfo("B's negatives minus A's: %.3f with the label as covariate, %.3f without", keptGap, plainGap);
        QVERIFY2(std::abs(keptGap) < 0.1, qPrintable(QString::number(keptGap)));
        QVERIFY2(std::abs(plainGap + 1.2) < 0.1, qPrintable(QString::number(plainGap)));
        for (const std::string c : {"A", "B"}) {
            const double effect = meanOf(kept, c, 1) - meanOf(kept, c, 0);
            QVERIFY2(std::abs(effect - 2.0) < 0.1, qPrintable(QString::number(effect)));
        }
        // The step passes the covariate of the rows it uses.
        std::vector<std::string> names;
        for (Eigen::Index j = 0; j < features; ++j) names.push_back("f" + std::to_string(j));
        QCOMPARE(CentreHarmonisation::fit(x, centre, names, label).apply(x, centre, names), kept);
        QVERIFY_THROWS_EXCEPTION(drs::Error, ComBat::fit(x, centre, label.head(10)));
    }

    void centreRSquaredIsTheBetweenCentreShare() {
        // Closed form: {0, 0, 2, 2} by A, A, B, B is all between-centre (1); {0, 2, 0, 2} none (0);
        // {0, 1, 2, 5} by A, A, B, B: means 0.5 and 3.5 around 2, between 4 * 2.25 = 9 of total 14.
        QCOMPARE(centreRSquared(Eigen::Vector4d(0, 0, 2, 2), {"A", "A", "B", "B"}), 1.0);
        QCOMPARE(centreRSquared(Eigen::Vector4d(0, 2, 0, 2), {"A", "A", "B", "B"}), 0.0);
        QCOMPARE(centreRSquared(Eigen::Vector4d(0, 1, 2, 5), {"A", "A", "B", "B"}), 9.0 / 14.0);
        QVERIFY(std::isnan(centreRSquared(Eigen::Vector4d(3, 3, 3, 3), {"A", "A", "B", "B"})));
        // sva's harmonisation of the known effects leaves centre explaining less of every feature.
        const ThreeCentres data = threeCentres();
        for (Eigen::Index j = 0; j < data.in.cols(); ++j)
            QVERIFY(centreRSquared(data.out.col(j), data.centre) < centreRSquared(data.in.col(j), data.centre));
    }

private:
    struct ThreeCentres {
        Eigen::MatrixXd in, out;
        std::vector<std::string> centre;
    };
    // sva 3.46.0 ComBat of 90 patients with known location (B) and scale (C) effects
    // (tests/data/stats/make_combat_three_centres_r.R).
    static ThreeCentres threeCentres() {
        const drs::CsvTable table = drs::readCsv(drs::testing::statsData("combat_three_centres.csv"));
        const std::vector<std::string> features = {"deep_1", "deep_2",          "deep_3",
                                                   "deep_4", "radscore_tumour", "radscore_ring"};
        ThreeCentres data;
        data.in.resize(static_cast<Eigen::Index>(table.rows.size()), 6);
        data.out.resizeLike(data.in);
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            data.centre.push_back(table.rows[r][table.column("centre")]);
            for (std::size_t f = 0; f < features.size(); ++f) {
                const auto i = static_cast<Eigen::Index>(r), j = static_cast<Eigen::Index>(f);
                data.in(i, j) = drs::parseDouble(table.rows[r][table.column("in_" + features[f])], "combat");
                data.out(i, j) = drs::parseDouble(table.rows[r][table.column("out_" + features[f])], "combat");
            }
        }
        return data;
    }
    static double relativeError(const Eigen::MatrixXd& mine, const Eigen::MatrixXd& expected) {
        return ((mine - expected).array().abs() / expected.array().abs().max(1.0)).maxCoeff();
    }
};

QTEST_APPLESS_MAIN(TestComBat)
#include "test_combat.moc"
