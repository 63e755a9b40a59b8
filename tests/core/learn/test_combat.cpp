#include <QtTest>

#include <cmath>

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
};

QTEST_APPLESS_MAIN(TestComBat)
#include "test_combat.moc"
