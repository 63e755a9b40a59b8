#include <QtTest>

#include <cmath>
#include <map>

#include "core/learn/CrossValidation.h"
#include "tests/core/learn/LearnFixtures.h"

using namespace drs::learn;

// Panel cross-validation on the committed folds (5 x 10) against scikit-learn's per-fold AUCs
// (tests/data/stats/sklearn_cv_auc.csv): deterministic members fold for fold to 1e-6, randomised
// members (different random streams) by mean AUC within 0.02.
class TestCvPanel : public QObject {
    Q_OBJECT

    // classifier -> 50 fold AUCs (repeat-major) for one label / class-weight setting
    static std::map<std::string, std::vector<double>> reference(const std::string& label, const std::string& weight) {
        const drs::CsvTable t = drs::readCsv(drs::testing::statsData("sklearn_cv_auc.csv"));
        std::map<std::string, std::vector<double>> out;
        for (const auto& row : t.rows) {
            if (row[0] != label || row[1] != weight) continue;
            auto& v = out[row[2]];
            v.resize(50);
            v[static_cast<std::size_t>(std::stoi(row[3]) * 5 + std::stoi(row[4]))] = drs::parseDouble(row[5], "auc");
        }
        return out;
    }
    static double mean(const std::vector<double>& v) {
        return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    }

    void compare(const std::string& label, bool balanced, const std::vector<std::string>& exact,
                 const std::vector<std::string>& approximate, double tolerance) {
        const Dataset data = drs::testing::cohortDataset(label);
        PanelCvOptions options;
        options.classifiers = exact;
        options.classifiers.insert(options.classifiers.end(), approximate.begin(), approximate.end());
        options.classifier.balancedClassWeights = balanced;
        const PanelCvResult result =
            crossValidatePanel(data.features, data.labels, drs::testing::cohortFolds(data, label), options);
        const auto expected = reference(label, balanced ? "balanced" : "none");
        for (const auto& c : result.classifiers) {
            const std::vector<double>& sk = expected.at(c.name);
            const bool isExact = std::find(exact.begin(), exact.end(), c.name) != exact.end();
            qInfo("%s %s %s: mean AUC %.6f (scikit-learn %.6f), sd %.4f", label.c_str(), balanced ? "balanced" : "",
                  c.name.c_str(), c.meanAuc, mean(sk), c.sdAuc);
            if (isExact) {
                for (std::size_t k = 0; k < sk.size(); ++k)
                    QVERIFY2(
                        std::fabs(c.foldAucs[k] - sk[k]) < 1e-6,
                        qPrintable(
                            QString("%1 fold %2: %3 vs %4").arg(c.name.c_str()).arg(k).arg(c.foldAucs[k]).arg(sk[k])));
            } else {
                QVERIFY2(std::fabs(c.meanAuc - mean(sk)) < tolerance, qPrintable(QString::fromStdString(c.name)));
            }
        }
    }

private slots:
    void commonEndpoint() { compare("label", false, {"lda", "nb", "lr", "knn"}, {"svm", "rf", "mlp"}, 0.02); }
    void rareEndpoint() { compare("label_rare", false, {"lda", "nb", "lr", "knn"}, {"svm", "rf", "mlp"}, 0.02); }
    void rareEndpointBalanced() { compare("label_rare", true, {"lr"}, {"svm", "rf"}, 0.02); }
    void bestIsHighestMean() {
        const Dataset data = drs::testing::cohortDataset("label");
        PanelCvOptions options;
        options.classifiers = {"knn", "lr"};
        const PanelCvResult r =
            crossValidatePanel(data.features, data.labels, repeatedStratifiedFolds(data.labels, 5, 2, 0), options);
        QCOMPARE(r.best, r.classifiers[0].meanAuc > r.classifiers[1].meanAuc ? std::string("knn") : std::string("lr"));
        QCOMPARE(static_cast<int>(r.classifiers[0].foldAucs.size()), 10);
        QVERIFY(r.fewestTestPositives >= 23);
    }
};

QTEST_APPLESS_MAIN(TestCvPanel)
#include "test_cv_panel.moc"
