#include <QtTest>

#include <bit>
#include <cmath>
#include <random>

#include "core/explain/CorrelationSummary.h"
#include "core/explain/Shap.h"
#include "core/learn/LogisticRegression.h"
#include "core/learn/RandomForest.h"
#include "core/learn/Scaler.h"
#include "core/util/Error.h"
#include "tests/core/learn/LearnFixtures.h"

using namespace drs;
using namespace drs::explain;

class TestShap : public QObject {
    Q_OBJECT
    learn::Dataset data_ = testing::cohortDataset("label");
    Eigen::MatrixXd z_;

    static Eigen::MatrixXd randomMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
        std::mt19937_64 random(seed);
        std::normal_distribution<double> normal;
        Eigen::MatrixXd m(rows, cols);
        for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(random);
        return m;
    }
    // Closed form for a linear model under the interventional value function: w_i (x_i - E_b[x_i]).
    static Eigen::MatrixXd linearTruth(const Eigen::VectorXd& w, const Eigen::MatrixXd& rows,
                                       const Eigen::MatrixXd& background) {
        return (rows.rowwise() - background.colwise().mean()).array().rowwise() * w.transpose().array();
    }
    // Path-dependent conditional expectation of one tree with the features in `known` fixed to x.
    static double treeExpectation(const learn::DecisionTree& tree, int index, const Eigen::RowVectorXd& x,
                                  std::uint32_t known) {
        const learn::TreeNode& n = tree.nodes[static_cast<std::size_t>(index)];
        if (n.feature < 0) return n.positiveShare;
        if (known & (1u << n.feature))
            return treeExpectation(tree, x[n.feature] <= n.threshold ? n.left : n.right, x, known);
        const auto& l = tree.nodes[static_cast<std::size_t>(n.left)];
        const auto& r = tree.nodes[static_cast<std::size_t>(n.right)];
        return (l.cover * treeExpectation(tree, n.left, x, known) +
                r.cover * treeExpectation(tree, n.right, x, known)) /
               n.cover;
    }

private slots:
    void initTestCase() { z_ = learn::ZScore::fit(data_.features).apply(data_.features); }

    void exactShapOfLinearModel() {
        const Eigen::VectorXd w = (Eigen::VectorXd(5) << 0.5, -1.2, 2.0, 0.0, 3.3).finished();
        const ModelFunction f = [&](const Eigen::MatrixXd& x) { return Eigen::VectorXd((x * w).array() + 0.7); };
        const Eigen::MatrixXd rows = randomMatrix(4, 5, 1);
        const Eigen::MatrixXd background = randomMatrix(30, 5, 2);
        const ShapValues s = exactShap(f, rows, background);
        QVERIFY((s.values - linearTruth(w, rows, background)).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY(std::fabs(s.baseline - (background.colwise().mean() * w)(0) - 0.7) < 1e-12);
    }
    void exactShapOfFittedLogisticRegressionLogit() {
        learn::LogisticRegression lr;
        lr.fit(z_, data_.labels);
        const ModelFunction f = [&](const Eigen::MatrixXd& x) { return lr.decisionFunction(x); };
        const Eigen::MatrixXd rows = z_.topRows(3);
        const Eigen::MatrixXd background = z_.middleRows(100, 8);
        const ShapValues s = exactShap(f, rows, background);
        QVERIFY((s.values - linearTruth(lr.coefficients(), rows, background)).cwiseAbs().maxCoeff() < 1e-10);
    }
    void kernelShapOfLinearModelBeyondFourteenFeatures() {
        const Eigen::VectorXd w = randomMatrix(16, 1, 3).col(0);
        const ModelFunction f = [&](const Eigen::MatrixXd& x) { return Eigen::VectorXd(x * w); };
        const Eigen::MatrixXd rows = randomMatrix(2, 16, 4);
        const Eigen::MatrixXd background = randomMatrix(10, 16, 5);
        const ShapValues s = kernelShap(f, rows, background, 400, 9);
        QVERIFY((s.values - linearTruth(w, rows, background)).cwiseAbs().maxCoeff() < 1e-9);
        QVERIFY_THROWS_EXCEPTION(Error, exactShap(f, rows, background));
    }
    void efficiencyForNonlinearPanelMembers() {
        for (const char* name : {"svm", "mlp", "knn", "nb"}) {
            auto model = learn::makeClassifier(name, {1, false});
            model->fit(z_, data_.labels);
            const Eigen::MatrixXd rows = z_.middleRows(10, 2);
            const ShapValues s = explainClassifier(*model, rows, z_.topRows(6));
            const Eigen::VectorXd sums = s.values.rowwise().sum();
            const Eigen::VectorXd expected = s.outputs.array() - s.baseline;
            // The MLP computes in single precision, so the same row evaluated in batches of
            // different sizes differs by float rounding (~1e-7); the other members are double.
            const double tolerance = std::string(name) == "mlp" ? 1e-6 : 1e-10;
            QVERIFY2((sums - expected).cwiseAbs().maxCoeff() < tolerance, name);
            // Kernel SHAP estimates the same values (exact here would need all 4096 coalitions).
            const ModelFunction f = [&](const Eigen::MatrixXd& x) { return model->predictProbability(x); };
            const ShapValues k = kernelShap(f, rows, z_.topRows(6), 3000, 2);
            QVERIFY2((k.values.rowwise().sum() - expected).cwiseAbs().maxCoeff() < tolerance, name);
            QVERIFY2((k.values - s.values).cwiseAbs().maxCoeff() < 0.02, name);
        }
    }
    void treeShapEqualsBruteForceShapley() {
        learn::RandomForest forest({5, false}, 8);
        forest.fit(z_, data_.labels);
        const Eigen::MatrixXd rows = z_.middleRows(40, 2);
        const ShapValues s = treeShap(forest, rows);
        const int p = 12;
        for (Eigen::Index r = 0; r < rows.rows(); ++r) {
            std::vector<double> v(1u << p, 0.0);
            for (std::uint32_t mask = 0; mask < (1u << p); ++mask)
                for (const auto& tree : forest.trees()) v[mask] += treeExpectation(tree, 0, rows.row(r), mask) / 8.0;
            for (int i = 0; i < p; ++i) {
                double phi = 0;
                for (std::uint32_t mask = 0; mask < (1u << p); ++mask) {
                    if (mask & (1u << i)) continue;
                    const int size = std::popcount(mask);
                    const double weight =
                        std::exp(std::lgamma(size + 1.0) + std::lgamma(p - size + 0.0) - std::lgamma(p + 1.0));
                    phi += weight * (v[mask | (1u << i)] - v[mask]);
                }
                QVERIFY2(std::fabs(phi - s.values(r, i)) < 1e-10,
                         qPrintable(QString("row %1 feature %2: %3 vs %4").arg(r).arg(i).arg(s.values(r, i)).arg(phi)));
            }
            QVERIFY(std::fabs(v[0] - s.baseline) < 1e-12);
            QVERIFY(std::fabs(s.values.row(r).sum() - (s.outputs[r] - s.baseline)) < 1e-10);
        }
    }
    void rankingByMeanAbsoluteShap() {
        ShapValues s;
        s.values = (Eigen::MatrixXd(2, 3) << 0.1, -0.5, 0.2, -0.3, 0.4, 0.0).finished();  // means 0.2, 0.45, 0.1
        QCOMPARE(rankByMeanAbsoluteShap(s), (std::vector<int>{1, 0, 2}));
        QVERIFY(std::fabs(meanAbsoluteShap(s)[1] - 0.45) < 1e-15);
    }
    void correlationSummaryByHand() {
        const Eigen::MatrixXd a = (Eigen::MatrixXd(4, 1) << 1, 2, 3, 4).finished();
        const Eigen::MatrixXd b = (Eigen::MatrixXd(4, 2) << 2, 1, 4, -1, 6, 1, 8, -1).finished();
        const Eigen::MatrixXd r = crossCorrelation(a, b);
        QVERIFY(std::fabs(r(0, 0) - 1) < 1e-15);
        QVERIFY(std::fabs(r(0, 1) + 2 / (2 * std::sqrt(5.0))) < 1e-15);  // -0.4472
        const CorrelationSummary s = summarise(r, false);
        QCOMPARE(s.pairs, 2);
        QVERIFY(std::fabs(s.maxAbsR - 1) < 1e-15);
        QVERIFY(std::fabs(s.meanAbsR - (1 + 1 / std::sqrt(5.0)) / 2) < 1e-15);
        QVERIFY(std::fabs(s.sdAbsR - (1 - 1 / std::sqrt(5.0)) / std::sqrt(2.0)) < 1e-15);
        QVERIFY_THROWS_EXCEPTION(Error, crossCorrelation(a, Eigen::MatrixXd::Ones(4, 1)));
    }
};

QTEST_APPLESS_MAIN(TestShap)
#include "test_shap.moc"
