#include "core/pipeline/EvidenceJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include "core/util/Error.h"
#include "core/util/JsonFields.h"

namespace drs {

// ---- the field tables ----------------------------------------------------------------------
// Each evidence struct's JSON keys, listed once; core/util/JsonFields.h writes and reads them.

static void describe(json::Is<ThresholdMetrics> auto& m, auto&& field) {
    field("threshold", m.threshold);
    field("accuracy", m.accuracy);
    field("precision", m.precision);
    field("recall", m.recall);
    field("f1", m.f1);
    field("specificity", m.specificity);
    field("npv", m.npv);
}

static void describe(json::Is<ClassifierCv> auto& c, auto&& field) {
    field("classifier", c.classifier);
    field("mean_auc", c.meanAuc);
    field("sd_auc", c.sdAuc);
    field("fold_aucs", c.foldAucs);
    field("fold_repeats", c.foldRepeats);
}

static void describe(json::Is<ModelEvidence> auto& m, auto&& field) {
    field("model", m.model);
    field("inputs", m.inputs);
    field("panel", m.panel);
    field("chosen_classifier", m.chosenClassifier);
    field("train_auc", m.trainAuc);
    field("test_auc", m.testAuc);
    field("test_auc_ci_low", m.testAucCiLow);
    field("test_auc_ci_high", m.testAucCiHigh);
    field("test_metrics", m.testMetrics);
    field("train_scores", m.trainScores);
    field("cv_scores", m.cvScores);
    field("test_scores", m.testScores);
    field("test_roc", m.testRoc);
    field("brier", m.brier);
    field("calibration_slope", m.calibrationSlope);
    field("calibration_intercept", m.calibrationIntercept);
    field("reliability", m.reliability);
    field("net_benefit", m.netBenefit);
}

static void describe(json::Is<DelongComparison> auto& c, auto&& field) {
    field("model_a", c.modelA);
    field("model_b", c.modelB);
    field("auc_a", c.aucA);
    field("auc_b", c.aucB);
    field("z", c.z);
    field("p", c.p);
}

static void describe(json::Is<CorrelationSummary> auto& c, auto&& field) {
    field("rows", c.rows);
    field("columns", c.columns);
    field("r", c.r);
    field("p", c.p);
    field("max_abs_r", c.maxAbsR);
    field("mean_abs_r", c.meanAbsR);
    field("sd_abs_r", c.sdAbsR);
}

static void describe(json::Is<ShapSummary> auto& s, auto&& field) {
    field("features", s.features);
    field("mean_abs", s.meanAbs);
    field("values", s.values);
    field("feature_values", s.featureValues);
    field("baseline", s.baseline);
}

static void describe(json::Is<FeatureScaling> auto& s, auto&& field) {
    field("mean", s.mean);
    field("sd", s.sd);
}

static void describe(json::Is<EndpointEvidence> auto& e, auto&& field) {
    field("endpoint", e.endpoint);
    field("train_patients", e.trainPatients);
    field("test_patients", e.testPatients);
    field("train_labels", e.trainLabels);
    field("test_labels", e.testLabels);
    field("notes", e.notes);
    field("test_pending", e.testPending);
    field("radscore_tumour", e.radScoreTumour);
    field("radscore_ring", e.radScoreRing);
    field("radscore_tumour_scaling", e.radScoreTumourScaling);
    field("radscore_ring_scaling", e.radScoreRingScaling);
    field("models", e.models);
    field("comparisons", e.comparisons);
    field("correlation", e.correlation);
    field("shap", e.shap);
    field("gradcam_images", e.gradCamImages);
    field("deep_backbone", e.deepBackbone);
    field("deep_pretrained", e.deepPretrained);
    field("deep_validation_auc", e.deepValidationAuc);
    field("deep_epochs", e.deepEpochs);
}

static void describe(json::Is<CohortColumn> auto& column, auto&& field) {
    field("name", column.name);
    field("patients", column.patients);
}

static void describe(json::Is<CohortComparison> auto& comparison, auto&& field) {
    field("column_a", comparison.columnA);
    field("column_b", comparison.columnB);
    field("label", comparison.label);
}

static void describe(json::Is<CohortRow> auto& row, auto&& field) {
    field("variable", row.variable);
    field("level", row.level);
    field("cells", row.cells);
    field("p", row.p);
    field("tests", row.tests);
}

static void describe(json::Is<CohortCharacteristics> auto& table, auto&& field) {
    field("columns", table.columns);
    field("comparisons", table.comparisons);
    field("rows", table.rows);
}

static void describe(json::Is<DemoTruthRecovery> auto& t, auto&& field) {
    field("endpoint", t.endpoint);
    field("test_patients", t.testPatients);
    field("oracle_auc", t.oracleAuc);
    field("oracle_without_pattern_auc", t.oracleWithoutPatternAuc);
    field("model_test_auc", t.modelTestAuc);
    field("gap_closed", t.gapClosed);
    field("deep_pattern_max_abs_r", t.deepPatternMaxAbsR);
}

static void describe(json::Is<ExternalValidation> auto& validation, auto&& field) {
    field("cohort", validation.cohort);
    field("endpoints", validation.endpoints);
    field("notes", validation.notes);
}

static void describe(json::Is<StudyEvidence> auto& study, auto&& field) {
    // "cohort_table" held the two-column table of earlier versions; it is no longer read.
    field("patient_characteristics", study.cohortTable);
    field("patient_characteristics_by_centre", study.cohortByCentre);
    field("endpoints", study.endpoints);
    field("external_validations", study.externalValidations);
    field("provenance", study.provenance);
    field("demo_truth", study.demoTruth);
}

static void describe(json::Is<EndpointPrediction> auto& e, auto&& field) {
    field("endpoint", e.endpoint);
    field("model", e.model);
    field("probability", e.probability);
    field("threshold", e.threshold);
    field("positive", e.positive);
    field("test_auc", e.testAuc);
    field("test_sensitivity", e.testSensitivity);
    field("test_specificity", e.testSpecificity);
    field("test_auc_ci_low", e.testAucCiLow);
    field("test_auc_ci_high", e.testAucCiHigh);
    field("test_patients", e.testPatients);
    field("test_events", e.testEvents);
    field("in_sample", e.inSample);
}

static void describe(json::Is<PatientPrediction> auto& p, auto&& field) {
    field("patient_pseudonym", p.patientPseudonym);
    field("study_path", p.studyPath);
    field("mask_path", p.maskPath);
    field("patch_image", p.patchImage);
    field("gradcam_image", p.gradCamImage);
    field("gradcam_endpoint", p.gradCamEndpoint);
    field("endpoints", p.endpoints);
    field("provenance", p.provenance);
}

// Curves are arrays of [x, y] pairs.
static QJsonValue toJson(const CurvePoint& p) { return QJsonArray{json::toJson(p.x), json::toJson(p.y)}; }
static void read(const QJsonValue& v, const json::Where& where, CurvePoint& out) {
    const QJsonArray pair = v.toArray();
    if (!v.isArray() || pair.size() != 2) where.fail("expected an [x, y] pair");
    json::read(pair[0], where.index(0), out.x);
    json::read(pair[1], where.index(1), out.y);
}

namespace {

// Study evidence format versions: 1, the first; 2, each classifier's fold AUCs with their repeats
// (fold_aucs, fold_repeats). Patient predictions: 1.
constexpr int kStudyFormatVersion = 2;
constexpr int kPatientFormatVersion = 1;
const QString kStudyFormat = QStringLiteral("deepradscore-study-evidence");
const QString kPatientFormat = QStringLiteral("deepradscore-patient-prediction");

int formatVersion(const QString& format) {
    return format == kStudyFormat ? kStudyFormatVersion : kPatientFormatVersion;
}

// Refuses another document kind and a version this program does not know, naming the version.
void checkFormat(const QJsonObject& json, const QString& expected, const std::string& source) {
    const int known = formatVersion(expected);
    const json::Where where(source);
    const QJsonValue format = json.value("format");
    if (format.toString() != expected)
        where.key("format").fail("expected \"" + expected.toStdString() + "\", found " +
                                 (format.isString() ? "\"" + format.toString().toStdString() + "\"" : "none"));
    int version = 0;
    json::read(json.value("version"), where.key("version"), version);
    if (version > known)
        where.key("version").fail("format version " + std::to_string(version) + " is newer than this program reads (" +
                                  std::to_string(known) + ")");
    if (version < 1) where.key("version").fail("format version " + std::to_string(version) + " does not exist");
}

template <json::Described T>
QJsonObject documentToJson(const T& value, const QString& format) {
    QJsonObject object = json::toJson(value);
    object.insert("format", format);
    object.insert("version", formatVersion(format));
    return object;
}

template <json::Described T>
T documentFromJson(const QJsonObject& object, const QString& format, const std::string& source) {
    checkFormat(object, format, source);
    T value;
    json::readFields(object, json::Where(source), value);
    return value;
}

QJsonObject parseObject(const std::string& text, const std::string& source) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError)
        throw Error(source + ": not valid JSON at offset " + std::to_string(error.offset) + " (" +
                    error.errorString().toStdString() + ")");
    if (!document.isObject()) throw Error(source + ": expected a JSON object at the top level");
    return document.object();
}

std::string readText(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open for reading (" + file.errorString().toStdString() + ")");
    return file.readAll().toStdString();
}

void writeText(const std::string& path, const std::string& content) {
    // QSaveFile writes beside the target and renames on commit: never a half-written file.
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        throw Error(path + ": cannot open for writing (" + file.errorString().toStdString() + ")");
    if (file.write(content.data(), static_cast<qint64>(content.size())) != static_cast<qint64>(content.size()) ||
        !file.commit())
        throw Error(path + ": write failed (" + file.errorString().toStdString() + ")");
}

std::string indented(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Indented).toStdString();
}

}  // namespace

QJsonObject studyEvidenceToJson(const StudyEvidence& evidence) { return documentToJson(evidence, kStudyFormat); }

StudyEvidence studyEvidenceFromJson(const QJsonObject& json, const std::string& source) {
    return documentFromJson<StudyEvidence>(json, kStudyFormat, source);
}

QJsonObject patientPredictionToJson(const PatientPrediction& prediction) {
    return documentToJson(prediction, kPatientFormat);
}

PatientPrediction patientPredictionFromJson(const QJsonObject& json, const std::string& source) {
    return documentFromJson<PatientPrediction>(json, kPatientFormat, source);
}

std::string studyEvidenceToJsonText(const StudyEvidence& evidence) { return indented(studyEvidenceToJson(evidence)); }

StudyEvidence studyEvidenceFromJsonText(const std::string& text, const std::string& source) {
    return studyEvidenceFromJson(parseObject(text, source), source);
}

std::string patientPredictionToJsonText(const PatientPrediction& prediction) {
    return indented(patientPredictionToJson(prediction));
}

PatientPrediction patientPredictionFromJsonText(const std::string& text, const std::string& source) {
    return patientPredictionFromJson(parseObject(text, source), source);
}

void writeStudyEvidence(const std::string& path, const StudyEvidence& evidence) {
    writeText(path, studyEvidenceToJsonText(evidence));
}

StudyEvidence readStudyEvidence(const std::string& path) { return studyEvidenceFromJsonText(readText(path), path); }

// The images beside the JSON are named relative to it: the output folder's path may name the patient.
void writePatientPrediction(const std::string& path, const PatientPrediction& prediction) {
    const QDir folder = QFileInfo(QString::fromStdString(path)).absoluteDir();
    const auto besideJson = [&](std::string& image) {
        if (image.empty()) return;
        const QString relative = folder.relativeFilePath(QFileInfo(QString::fromStdString(image)).absoluteFilePath());
        if (!relative.startsWith(QLatin1String(".."))) image = relative.toStdString();
    };
    PatientPrediction saved = prediction;
    besideJson(saved.patchImage);
    besideJson(saved.gradCamImage);
    writeText(path, patientPredictionToJsonText(saved));
}

PatientPrediction readPatientPrediction(const std::string& path) {
    PatientPrediction prediction = patientPredictionFromJsonText(readText(path), path);
    const QDir folder = QFileInfo(QString::fromStdString(path)).absoluteDir();
    for (std::string* image : {&prediction.patchImage, &prediction.gradCamImage})
        if (!image->empty() && QFileInfo(QString::fromStdString(*image)).isRelative())
            *image = folder.filePath(QString::fromStdString(*image)).toStdString();
    return prediction;
}

}  // namespace drs
