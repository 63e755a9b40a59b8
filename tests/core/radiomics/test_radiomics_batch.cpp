// The batch API: two worker threads give exactly the single-case values (no state carried between
// cases), keep the input order, report failures per case, carry provenance; cancellation works.
#include <QtTest>

#include "ReferenceCompare.h"
#include "core/image/ImageIO.h"
#include "core/radiomics/Extractor.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

using namespace drs;
using namespace drs::radiomics;
using namespace drs::radiomics::test;

namespace {

CaseSpec spec(const std::string& id, const std::string& testCase, std::uint16_t label = 1) {
    return {id,
            testData("pyradiomics/" + testCase + "_image.nrrd"),
            testData("pyradiomics/" + testCase + "_label.nrrd"),
            label,
            {},
            {},
            {}};
}

std::vector<Feature> single(const std::string& testCase) {
    const Volume image = readVolume(testData("pyradiomics/" + testCase + "_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/" + testCase + "_label.nrrd"));
    return extractFeatures(image, mask, 1, Settings{}, true);
}

// Cancels on the n-th progress report.
class CancelAfter : public Progress {
public:
    explicit CancelAfter(int reports) : left_(reports) {}

protected:
    void report(double, const std::string&) override {
        if (--left_ == 0) cancel();
    }

private:
    int left_;
};

}  // namespace

class RadiomicsBatch : public QObject {
    Q_OBJECT
private slots:
    void twoThreadsEqualSingleCases();
    void cancellation();
};

void RadiomicsBatch::twoThreadsEqualSingleCases() {
    const std::vector<CaseSpec> cases = {spec("a", "brain1"), spec("b", "breast1"), spec("missing", "breast1", 9),
                                         spec("c", "brain2"), spec("d", "brain1")};
    const std::vector<CaseResult> results = extractBatch(cases, Settings{}, true, 2);
    QCOMPARE(results.size(), cases.size());
    const std::map<std::string, std::string> caseOf = {
        {"a", "brain1"}, {"b", "breast1"}, {"c", "brain2"}, {"d", "brain1"}};
    for (std::size_t i = 0; i < results.size(); ++i) {
        QCOMPARE(results[i].id, cases[i].id);
        if (cases[i].id == "missing") {
            QVERIFY(results[i].features.empty());
            QVERIFY2(QString::fromStdString(results[i].error).contains("label 9 is not present"),
                     results[i].error.c_str());
            continue;
        }
        QVERIFY2(results[i].error.empty(), results[i].error.c_str());
        const std::vector<Feature> expected = single(caseOf.at(cases[i].id));
        QCOMPARE(results[i].features.size(), std::size_t(851));
        for (std::size_t f = 0; f < expected.size(); ++f) {
            QCOMPARE(results[i].features[f].name, expected[f].name);
            // Bit-identical, or both NaN: nothing of one case may leak into another.
            QVERIFY2(results[i].features[f].value == expected[f].value ||
                         (std::isnan(results[i].features[f].value) && std::isnan(expected[f].value)),
                     expected[f].name.c_str());
        }
        QCOMPARE(results[i].provenance.softwareVersion, std::string(DRS_VERSION));
        QCOMPARE(results[i].provenance.imageSha256, sha256File(cases[i].imagePath));
        QCOMPARE(results[i].provenance.maskSha256, sha256File(cases[i].maskPath));
        QVERIFY(results[i].provenance.settingsJson.find("\"binWidth\":25") != std::string::npos);
    }
}

void RadiomicsBatch::cancellation() {
    const Volume image = readVolume(testData("pyradiomics/brain1_image.nrrd"));
    const LabelMap mask = readLabelMap(testData("pyradiomics/brain1_label.nrrd"));
    CancelAfter progress(3);
    QVERIFY_THROWS_EXCEPTION(Cancelled, extractFeatures(image, mask, 1, Settings{}, true, &progress));
    CancelAfter batchProgress(1);
    QVERIFY_THROWS_EXCEPTION(Cancelled, extractBatch({spec("a", "brain1"), spec("b", "brain2"), spec("c", "breast1")},
                                                     Settings{}, true, 1, &batchProgress));
}

QTEST_GUILESS_MAIN(RadiomicsBatch)
#include "test_radiomics_batch.moc"
