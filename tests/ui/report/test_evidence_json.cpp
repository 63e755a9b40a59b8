#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

#include "SampleEvidence.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/Prediction.h"
#include "core/util/Error.h"

using namespace drs;

namespace {

// Bit-identical, except that NaN matches NaN and -0.0 matches 0.0 (documented: JSON readers give 0).
bool sameBits(double a, double b) {
    if (std::isnan(a) && std::isnan(b)) return true;
    if (a == 0 && b == 0) return true;
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// Values that a decimal writer easily gets wrong.
const std::vector<double> kTricky = {0.1 + 0.2,
                                     1.0 / 3.0,
                                     2.0 / 3.0,
                                     5e-324,
                                     2.2250738585072014e-308,
                                     1.7976931348623157e308,
                                     -0.0,
                                     123456789012345678.0,
                                     0.8123456789012345,
                                     std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity()};

}  // namespace

class TestEvidenceJson : public QObject {
    Q_OBJECT

private slots:
    void studyRoundTripIsLossless() {
        QTemporaryDir dir;
        StudyEvidence study = sample::makeStudyEvidence(dir.path());
        study.endpoints[0].models[2].testScores = kTricky;
        study.endpoints[1].models[0].testAucCiLow = std::numeric_limits<double>::quiet_NaN();
        study.endpoints[1].comparisons[0].p = std::numeric_limits<double>::infinity();
        const std::string text = studyEvidenceToJsonText(study);
        const StudyEvidence back = studyEvidenceFromJsonText(text, "memory");

        const auto& scores = back.endpoints[0].models[2].testScores;
        QCOMPARE(scores.size(), kTricky.size());
        for (std::size_t i = 0; i < kTricky.size(); ++i)
            QVERIFY2(sameBits(scores[i], kTricky[i]), qPrintable(QString::number(kTricky[i], 'g', 17)));
        QVERIFY(std::isnan(back.endpoints[1].models[0].testAucCiLow));
        QVERIFY(std::isinf(back.endpoints[1].comparisons[0].p));

        // Spot checks of each part, then the whole: re-serialising gives identical text.
        QCOMPARE(back.cohortTable.rows.size(), study.cohortTable.rows.size());
        QCOMPARE(back.cohortTable.rows[1].cells, study.cohortTable.rows[1].cells);
        QCOMPARE(back.cohortTable.rows[5].p, study.cohortTable.rows[5].p);
        QCOMPARE(back.cohortTable.rows[5].tests[1], std::string("Fisher's exact test"));
        QCOMPARE(back.cohortTable.comparisons[1].columnB, 2);
        QCOMPARE(back.cohortTable.columns[2].patients, 41);
        QCOMPARE(back.cohortByCentre.rows[2].cells[1], std::string("71 (55.0%)"));
        QCOMPARE(back.endpoints[0].trainLabels, study.endpoints[0].trainLabels);
        QCOMPARE(back.endpoints[0].testPatients, study.endpoints[0].testPatients);
        QCOMPARE(back.endpoints[0].models[2].testAuc, 0.812);
        QCOMPARE(back.endpoints[0].models[2].testMetrics.npv, study.endpoints[0].models[2].testMetrics.npv);
        QCOMPARE(back.endpoints[0].models[1].panel[6].classifier, std::string("lda"));
        QCOMPARE(back.endpoints[0].models[0].panel[3].foldAucs, study.endpoints[0].models[0].panel[3].foldAucs);
        QCOMPARE(back.endpoints[0].models[0].panel[3].foldRepeats, study.endpoints[0].models[0].panel[3].foldRepeats);
        QCOMPARE(back.endpoints[0].models[0].panel[3].foldRepeats.size(), std::size_t(20));
        QCOMPARE(back.endpoints[0].models[1].testRoc.size(), std::size_t(41));
        QVERIFY(sameBits(back.endpoints[0].models[1].testRoc[7].y, study.endpoints[0].models[1].testRoc[7].y));
        QCOMPARE(back.endpoints[0].radScoreTumour, study.endpoints[0].radScoreTumour);
        QCOMPARE(back.endpoints[0].correlation.r, study.endpoints[0].correlation.r);
        QCOMPARE(back.endpoints[0].shap.values, study.endpoints[0].shap.values);
        QCOMPARE(back.endpoints[0].gradCamImages, study.endpoints[0].gradCamImages);
        QCOMPARE(back.endpoints[0].deepEpochs, 30);
        QCOMPARE(back.endpoints[0].notes, study.endpoints[0].notes);
        QCOMPARE(back.provenance, study.provenance);
        QCOMPARE(studyEvidenceToJsonText(back), text);
    }

    void nonFiniteNumbersAreDocumentedStrings() {
        StudyEvidence study;
        EndpointEvidence e;
        e.endpoint = "ALK";
        ModelEvidence m;
        m.testAuc = std::numeric_limits<double>::quiet_NaN();
        m.trainAuc = -std::numeric_limits<double>::infinity();
        e.models.push_back(m);
        study.endpoints.push_back(e);
        const QJsonObject model =
            studyEvidenceToJson(study)["endpoints"].toArray()[0].toObject()["models"].toArray()[0].toObject();
        QCOMPARE(model["test_auc"].toString(), QStringLiteral("NaN"));
        QCOMPARE(model["train_auc"].toString(), QStringLiteral("-Infinity"));
        // null is read as NaN too.
        const std::string text =
            R"({"format":"deepradscore-study-evidence","version":1,"endpoints":[{"models":[{"test_auc":null}]}]})";
        QVERIFY(std::isnan(studyEvidenceFromJsonText(text, "x").endpoints[0].models[0].testAuc));
    }

    // Study evidence is format 2 (fold AUCs with their repeats); evidence of format 1 still loads,
    // its panel without fold AUCs; format 3 is refused. Patient predictions stay format 1.
    void formatVersions() {
        QCOMPARE(studyEvidenceToJson(StudyEvidence{})["version"].toInt(), 2);
        QCOMPARE(patientPredictionToJson(PatientPrediction{})["version"].toInt(), 1);
        const std::string first =
            R"({"format":"deepradscore-study-evidence","version":1,"endpoints":[{"models":[{"panel":)"
            R"([{"classifier":"lr","mean_auc":0.7,"sd_auc":0.05}]}]}]})";
        const ClassifierCv cv = studyEvidenceFromJsonText(first, "v1.json").endpoints[0].models[0].panel[0];
        QCOMPARE(cv.meanAuc, 0.7);
        QVERIFY(cv.foldAucs.empty() && cv.foldRepeats.empty());
        QVERIFY(repeatMeanAucs(cv).empty());
        try {
            studyEvidenceFromJsonText(R"({"format":"deepradscore-study-evidence","version":3})", "v3.json");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith("v3.json: version: format version 3 is newer than this program "
                                                  "reads (2)"),
                     e.what());
        }
    }

    void patientRoundTrip() {
        QTemporaryDir dir;
        const PatientPrediction p = sample::makePatientPrediction(dir.path());
        const QString path = dir.filePath("pred.json");
        writePatientPrediction(path.toStdString(), p);
        const PatientPrediction back = readPatientPrediction(path.toStdString());
        QCOMPARE(back.patientPseudonym, p.patientPseudonym);
        QCOMPARE(back.endpoints.size(), std::size_t(10));
        QCOMPARE(back.endpoints[9].endpoint, std::string("PD1_PDL1"));
        QVERIFY(sameBits(back.endpoints[4].probability, p.endpoints[4].probability));
        QCOMPARE(back.endpoints[4].positive, true);
        QCOMPARE(back.endpoints[0].positive, false);
        QCOMPARE(back.provenance, p.provenance);
        QCOMPARE(patientPredictionToJsonText(back), patientPredictionToJsonText(p));
    }

    void predictionRecordsNoSourcePathOutsideTheProject() {
        QTemporaryDir dir;
        const std::string root = std::filesystem::weakly_canonical(dir.path().toStdString()).string();
        const std::string files = root + "/projects/p.files";
        // The program's own copies, in the project's files folder and named by pseudonym: named
        // from that folder. Anywhere else, beside the project too: not recorded, as folders are
        // often named for the patient. Asked for: the absolute path.
        QCOMPARE(recordedSourcePath(files + "/images/P-0a1b2c3d4e5f6a7b.nii", files, false),
                 std::string("p.files/images/P-0a1b2c3d4e5f6a7b.nii"));
        QCOMPARE(recordedSourcePath(root + "/projects/cohort/HX2575000/CT", files, false), std::string());
        QCOMPARE(recordedSourcePath(files + "/../Smith_John/ct", files, false), std::string());
        QCOMPARE(recordedSourcePath(root + "/Smith_John/ct", files, false), std::string());
        QCOMPARE(recordedSourcePath("/data/HX2575000/ct.nii.gz", files, false), std::string());
        QCOMPARE(recordedSourcePath(files, files, false), std::string());
        QCOMPARE(recordedSourcePath(root + "/Smith_John/ct", files, true), root + "/Smith_John/ct");
    }

    void predictionJsonNamesItsImagesRelativeToIt() {
        QTemporaryDir dir;
        const QString outDir = dir.filePath("Smith_John");  // drs predict --out-dir, named for the patient
        QVERIFY(QDir().mkpath(outDir));
        PatientPrediction p = sample::makePatientPrediction(outDir);
        p.studyPath.clear();
        p.maskPath.clear();
        const QString path = outDir + "/prediction.json";
        writePatientPrediction(path.toStdString(), p);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY2(!text.contains("Smith_John") && !text.contains(dir.path()), qPrintable(text));
        QVERIFY2(text.contains("\"patch_image\": \"patch.png\""), qPrintable(text));
        // Read back, the images are found beside the JSON again, wherever it was moved.
        QVERIFY(QDir().rename(outDir, dir.filePath("moved")));
        const PatientPrediction back = readPatientPrediction(dir.filePath("moved/prediction.json").toStdString());
        QCOMPARE(back.patchImage, dir.filePath("moved/patch.png").toStdString());
        QVERIFY(QFileInfo::exists(QString::fromStdString(back.patchImage)));
    }

    void badInputNamesFileAndKey_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{\"format\": "
                                  << "bad.json: not valid JSON";
        QTest::newRow("array") << "[1, 2]"
                               << "bad.json: expected a JSON object";
        QTest::newRow("wrong format") << R"({"format":"deepradscore-patient-prediction","version":1})"
                                      << "bad.json: format: expected \"deepradscore-study-evidence\"";
        QTest::newRow("newer version") << R"({"format":"deepradscore-study-evidence","version":7})"
                                       << "bad.json: version: format version 7 is newer";
        QTest::newRow("string for number")
            << R"({"format":"deepradscore-study-evidence","version":1,"endpoints":[{"models":[{},{"test_auc":"high"}]}]})"
            << "bad.json: endpoints[0].models[1].test_auc: expected a number";
        QTest::newRow("fractional label")
            << R"({"format":"deepradscore-study-evidence","version":1,"endpoints":[{"test_labels":[0,1,0.5]}]})"
            << "bad.json: endpoints[0].test_labels[2]: expected an integer";
        QTest::newRow("curve point")
            << R"({"format":"deepradscore-study-evidence","version":1,"endpoints":[{"models":[{"test_roc":[[0,0],[1]]}]}]})"
            << "bad.json: endpoints[0].models[0].test_roc[1]: expected an [x, y] pair";
    }

    void badInputNamesFileAndKey() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        try {
            studyEvidenceFromJsonText(json.toStdString(), "bad.json");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith(expected), e.what());
        }
    }

    void unreadableAndUnwritablePaths() {
        QVERIFY_THROWS_EXCEPTION(Error, readStudyEvidence("/nonexistent-dir/evidence.json"));
        try {
            writeStudyEvidence("/nonexistent-dir/evidence.json", StudyEvidence{});
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith("/nonexistent-dir/evidence.json: cannot open for writing"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestEvidenceJson)
#include "test_evidence_json.moc"
