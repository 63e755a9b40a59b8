#include <QtTest>

#include <cmath>

#include "core/stats/Correlation.h"
#include "core/stats/HypothesisTests.h"
#include "core/util/Error.h"
#include "tests/core/stats/ReferenceValues.h"

using namespace drs::stats;

// Mann-Whitney, Welch t, chi-square, Fisher, Pearson and Spearman against R 4.2.2 (stats package).
class TestHypothesisTests : public QObject {
    Q_OBJECT
    drs::testing::ReferenceValues r_{"reference_r.csv"};
    drs::testing::Cohort cohort_;

    void near(const std::string& name, double actual, double tolerance = 1e-9) {
        const double expected = r_.number(name);
        QVERIFY2(std::fabs(actual - expected) <= tolerance * std::max(1.0, std::fabs(expected)),
                 qPrintable(QString("%1: got %2, R gives %3")
                                .arg(QString::fromStdString(name))
                                .arg(actual, 0, 'g', 17)
                                .arg(expected, 0, 'g', 17)));
    }
    // Values of `column` split by the 0/1 `label`: (label 0, label 1), R's formula order.
    std::pair<std::vector<double>, std::vector<double>> byLabel(const std::string& column, const std::string& label) {
        const auto values = cohort_.numbers(column);
        const auto y = cohort_.labels(label);
        std::pair<std::vector<double>, std::vector<double>> out;
        for (std::size_t i = 0; i < y.size(); ++i) (y[i] == 0 ? out.first : out.second).push_back(values[i]);
        return out;
    }
    std::vector<std::vector<double>> crossTable(const std::string& row, const std::vector<std::string>& levels,
                                                const std::string& label) {
        const auto text = cohort_.text(row);
        const auto y = cohort_.labels(label);
        std::vector<std::vector<double>> t(levels.size(), std::vector<double>(2, 0.0));
        for (std::size_t i = 0; i < y.size(); ++i)
            for (std::size_t l = 0; l < levels.size(); ++l)
                if (text[i] == levels[l]) t[l][y[i]] += 1;
        return t;
    }

private slots:
    void mannWhitney() {
        const auto [a, b] = byLabel("deep_1", "label");
        TestResult t = mannWhitneyU(a, b);
        near("wilcox.deep_1.W", t.statistic);
        near("wilcox.deep_1.p", t.p);
        const auto [c, d] = byLabel("score_b", "label");  // heavy ties
        t = mannWhitneyU(c, d);
        near("wilcox.score_b.W", t.statistic);
        near("wilcox.score_b.p", t.p);
    }
    void welch() {
        const auto [a, b] = byLabel("deep_1", "label");
        const TestResult t = welchTTest(a, b);
        near("welch.deep_1.t", t.statistic);
        near("welch.deep_1.df", t.degreesOfFreedom);
        near("welch.deep_1.p", t.p);
    }
    void chiSquare() {
        const auto sex = crossTable("sex", {"F", "M"}, "label");
        TestResult t = chiSquareTest(sex);
        near("chisq.sex_label.stat", t.statistic);
        near("chisq.sex_label.p", t.p);
        t = chiSquareTest(sex, false);
        near("chisq_nocorrect.sex_label.stat", t.statistic);
        near("chisq_nocorrect.sex_label.p", t.p);
        t = chiSquareTest(crossTable("stage", {"I", "II", "III"}, "label"));
        near("chisq.stage_label.stat", t.statistic);
        near("chisq.stage_label.df", t.degreesOfFreedom);
        near("chisq.stage_label.p", t.p);
    }
    void fisher() {
        const auto count = [&](const char* cell) {
            return static_cast<int>(r_.number(std::string("fisher.sex_rare.") + cell));
        };
        near("fisher.sex_rare.p", fisherExact(count("a"), count("b"), count("c"), count("d")).p);
        near("fisher.small.p", fisherExact(3, 1, 1, 3).p);  // R's matrix(c(3,1,1,3),2) is column-major
        near("fisher.skew.p", fisherExact(10, 3, 2, 15).p);
    }
    void correlations() {
        const auto x = cohort_.numbers("deep_1");
        const auto y = cohort_.numbers("radscore_tumour");
        CorrelationResult c = pearson(x, y);
        near("pearson.deep_1.radscore_tumour.r", c.r);
        near("pearson.deep_1.radscore_tumour.p", c.p);
        c = spearman(x, y);
        near("spearman.deep_1.radscore_tumour.rho", c.r);
        near("spearman.deep_1.radscore_tumour.p", c.p);
        c = spearman(cohort_.numbers("score_b"), cohort_.numbers("deep_4"));
        near("spearman.score_b.deep_4.rho", c.r);
        near("spearman.score_b.deep_4.p", c.p);
    }
    void badInput() {
        QVERIFY_THROWS_EXCEPTION(drs::Error, pearson({1, 2, 3}, {1, 1, 1}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, welchTTest({1}, {2, 3}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, chiSquareTest({{1, 0}, {2, 0}}));
        QVERIFY_THROWS_EXCEPTION(drs::Error, mannWhitneyU({}, {1.0}));
    }
};

QTEST_APPLESS_MAIN(TestHypothesisTests)
#include "test_hypothesis_tests.moc"
