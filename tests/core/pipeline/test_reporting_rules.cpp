#include <QtTest>

#include <cmath>

#include "core/pipeline/ReportingRules.h"

using namespace drs;

namespace {

EndpointEvidence endpointWithTest(const std::string& name, int positives, int negatives) {
    EndpointEvidence e;
    e.endpoint = name;
    e.testLabels.assign(static_cast<std::size_t>(positives), 1);
    e.testLabels.insert(e.testLabels.end(), static_cast<std::size_t>(negatives), 0);
    return e;
}

void addComparisons(EndpointEvidence& e, std::vector<double> p) {
    for (double value : p) e.comparisons.push_back({"A", "B", 0.7, 0.6, 1.0, value});
}

}  // namespace

class TestReportingRules : public QObject {
    Q_OBJECT

private slots:
    void eventsAreTheRarerClassOfTheTestSet() {
        QCOMPARE(testEvents(endpointWithTest("EGFR", 12, 28)), 12);
        QCOMPARE(testEvents(endpointWithTest("smoking", 35, 5)), 5);  // common outcome: the negatives are rare
        QVERIFY(!isDescriptiveOnly(endpointWithTest("EGFR", 12, 28)));
        QVERIFY(!isDescriptiveOnly(endpointWithTest("stage", 10, 10)));  // exactly 10 events: ranked
        QVERIFY(isDescriptiveOnly(endpointWithTest("KRAS", 9, 31)));
        QVERIFY(isDescriptiveOnly(endpointWithTest("smoking", 35, 5)));
        QVERIFY(isDescriptiveOnly(endpointWithTest("empty", 0, 0)));
    }

    void holmRunsOverEveryComparisonOfTheStudy() {
        // Five finite p-values in one family: 0.001 x 5, 0.004 x 4, 0.02 x 3, 0.03 x 2 = 0.06 (kept
        // monotone), 0.5 x 1; the NaN stays out of the family and NaN.
        StudyEvidence study;
        study.endpoints.push_back(endpointWithTest("EGFR", 12, 28));
        addComparisons(study.endpoints.back(), {0.001, 0.02, 0.5});
        study.endpoints.push_back(endpointWithTest("KRAS", 9, 31));
        addComparisons(study.endpoints.back(), {0.004, std::nan(""), 0.03});
        study.endpoints.push_back(endpointWithTest("ALK", 1, 39));  // not analysed: no comparisons
        const StudyWideHolm holm = holmAcrossStudy(study);
        QCOMPARE(holm.familySize, 5);
        const auto& egfr = holm.adjustedByEndpoint.at("EGFR");
        const auto& kras = holm.adjustedByEndpoint.at("KRAS");
        QCOMPARE(egfr.size(), std::size_t{3});
        QVERIFY(std::fabs(egfr[0] - 0.005) < 1e-15);
        QVERIFY(std::fabs(egfr[1] - 0.06) < 1e-15);
        QVERIFY(std::fabs(egfr[2] - 0.5) < 1e-15);
        QVERIFY(std::fabs(kras[0] - 0.016) < 1e-15);
        QVERIFY(std::isnan(kras[1]));
        QVERIFY(std::fabs(kras[2] - 0.06) < 1e-15);
        QVERIFY(holm.adjustedByEndpoint.at("ALK").empty());
    }
};

QTEST_APPLESS_MAIN(TestReportingRules)
#include "test_reporting_rules.moc"
