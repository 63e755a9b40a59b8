#include "core/pipeline/EvidenceJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <cmath>
#include <limits>

#include "core/util/Error.h"

namespace drs {
namespace {

constexpr int kFormatVersion = 1;
const QString kStudyFormat = QStringLiteral("deepradscore-study-evidence");
const QString kPatientFormat = QStringLiteral("deepradscore-patient-prediction");

// ---- writing -------------------------------------------------------------------------------

QString text(const std::string& s) { return QString::fromStdString(s); }

QJsonValue number(double value) {
    if (std::isnan(value)) return QStringLiteral("NaN");
    if (std::isinf(value)) return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return value;
}

QJsonArray numbers(const std::vector<double>& values) {
    QJsonArray array;
    for (double v : values) array.append(number(v));
    return array;
}

QJsonArray integers(const std::vector<int>& values) {
    QJsonArray array;
    for (int v : values) array.append(v);
    return array;
}

QJsonArray strings(const std::vector<std::string>& values) {
    QJsonArray array;
    for (const auto& v : values) array.append(text(v));
    return array;
}

QJsonArray matrix(const std::vector<std::vector<double>>& rows) {
    QJsonArray array;
    for (const auto& row : rows) array.append(numbers(row));
    return array;
}

QJsonArray curve(const std::vector<CurvePoint>& points) {
    QJsonArray array;
    for (const auto& p : points) array.append(QJsonArray{number(p.x), number(p.y)});
    return array;
}

QJsonObject stringMap(const std::map<std::string, std::string>& map) {
    QJsonObject object;
    for (const auto& [key, value] : map) object.insert(text(key), text(value));
    return object;
}

QJsonObject numberMap(const std::map<std::string, double>& map) {
    QJsonObject object;
    for (const auto& [key, value] : map) object.insert(text(key), number(value));
    return object;
}

QJsonObject toJson(const ThresholdMetrics& m) {
    return {{"threshold", number(m.threshold)},
            {"accuracy", number(m.accuracy)},
            {"precision", number(m.precision)},
            {"recall", number(m.recall)},
            {"f1", number(m.f1)},
            {"specificity", number(m.specificity)},
            {"npv", number(m.npv)}};
}

QJsonObject toJson(const ModelEvidence& m) {
    QJsonArray panel;
    for (const auto& c : m.panel)
        panel.append(QJsonObject{
            {"classifier", text(c.classifier)}, {"mean_auc", number(c.meanAuc)}, {"sd_auc", number(c.sdAuc)}});
    return {{"model", text(m.model)},
            {"inputs", strings(m.inputs)},
            {"panel", panel},
            {"chosen_classifier", text(m.chosenClassifier)},
            {"train_auc", number(m.trainAuc)},
            {"test_auc", number(m.testAuc)},
            {"test_auc_ci_low", number(m.testAucCiLow)},
            {"test_auc_ci_high", number(m.testAucCiHigh)},
            {"test_metrics", toJson(m.testMetrics)},
            {"train_scores", numbers(m.trainScores)},
            {"test_scores", numbers(m.testScores)},
            {"test_roc", curve(m.testRoc)},
            {"brier", number(m.brier)},
            {"calibration_slope", number(m.calibrationSlope)},
            {"calibration_intercept", number(m.calibrationIntercept)},
            {"reliability", curve(m.reliability)},
            {"net_benefit", curve(m.netBenefit)}};
}

QJsonObject toJson(const EndpointEvidence& e) {
    QJsonArray models;
    for (const auto& m : e.models) models.append(toJson(m));
    QJsonArray comparisons;
    for (const auto& c : e.comparisons)
        comparisons.append(QJsonObject{{"model_a", text(c.modelA)},
                                       {"model_b", text(c.modelB)},
                                       {"auc_a", number(c.aucA)},
                                       {"auc_b", number(c.aucB)},
                                       {"z", number(c.z)},
                                       {"p", number(c.p)}});
    const auto& r = e.correlation;
    const QJsonObject correlation{{"rows", strings(r.rows)},
                                  {"columns", strings(r.columns)},
                                  {"r", matrix(r.r)},
                                  {"p", matrix(r.p)},
                                  {"max_abs_r", number(r.maxAbsR)},
                                  {"mean_abs_r", number(r.meanAbsR)},
                                  {"sd_abs_r", number(r.sdAbsR)}};
    const auto& s = e.shap;
    const QJsonObject shap{{"features", strings(s.features)},
                           {"mean_abs", numbers(s.meanAbs)},
                           {"values", matrix(s.values)},
                           {"feature_values", matrix(s.featureValues)},
                           {"baseline", number(s.baseline)}};
    return {{"endpoint", text(e.endpoint)},
            {"train_patients", strings(e.trainPatients)},
            {"test_patients", strings(e.testPatients)},
            {"train_labels", integers(e.trainLabels)},
            {"test_labels", integers(e.testLabels)},
            {"notes", strings(e.notes)},
            {"radscore_tumour", numberMap(e.radScoreTumour)},
            {"radscore_ring", numberMap(e.radScoreRing)},
            {"models", models},
            {"comparisons", comparisons},
            {"correlation", correlation},
            {"shap", shap},
            {"gradcam_images", strings(e.gradCamImages)},
            {"deep_backbone", text(e.deepBackbone)},
            {"deep_pretrained", e.deepPretrained},
            {"deep_validation_auc", number(e.deepValidationAuc)},
            {"deep_epochs", e.deepEpochs}};
}

// ---- reading -------------------------------------------------------------------------------

// Reads typed values out of JSON, naming the source and the key path in every error.
class Reader {
public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& problem) const {
        throw Error(source_ + ": " + path + ": " + problem);
    }

    double toNumber(const QJsonValue& v, const std::string& path) const {
        if (v.isDouble()) return v.toDouble();
        if (v.isNull()) return std::numeric_limits<double>::quiet_NaN();
        if (v.isString()) {
            const QString s = v.toString();
            if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
            if (s == "Infinity") return std::numeric_limits<double>::infinity();
            if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
        }
        fail(path, "expected a number (or \"NaN\", \"Infinity\", \"-Infinity\")");
    }
    int toInt(const QJsonValue& v, const std::string& path) const {
        const double d = v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
        if (!(d == std::floor(d) && std::abs(d) <= std::numeric_limits<int>::max())) fail(path, "expected an integer");
        return static_cast<int>(d);
    }
    bool toBool(const QJsonValue& v, const std::string& path) const {
        if (!v.isBool()) fail(path, "expected true or false");
        return v.toBool();
    }
    std::string toString(const QJsonValue& v, const std::string& path) const {
        if (!v.isString()) fail(path, "expected a string");
        return v.toString().toStdString();
    }
    QJsonArray toArray(const QJsonValue& v, const std::string& path) const {
        if (!v.isArray()) fail(path, "expected an array");
        return v.toArray();
    }
    QJsonObject toObject(const QJsonValue& v, const std::string& path) const {
        if (!v.isObject()) fail(path, "expected an object");
        return v.toObject();
    }

    // Element readers for arrays of one kind.
    template <class T, class Convert>
    std::vector<T> toVector(const QJsonValue& v, const std::string& path, Convert convert) const {
        std::vector<T> out;
        const QJsonArray array = toArray(v, path);
        out.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i)
            out.push_back(convert(array[i], path + "[" + std::to_string(i) + "]"));
        return out;
    }
    std::vector<double> toNumbers(const QJsonValue& v, const std::string& path) const {
        return toVector<double>(v, path, [this](const QJsonValue& e, const std::string& p) { return toNumber(e, p); });
    }
    std::vector<int> toInts(const QJsonValue& v, const std::string& path) const {
        return toVector<int>(v, path, [this](const QJsonValue& e, const std::string& p) { return toInt(e, p); });
    }
    std::vector<std::string> toStrings(const QJsonValue& v, const std::string& path) const {
        return toVector<std::string>(v, path,
                                     [this](const QJsonValue& e, const std::string& p) { return toString(e, p); });
    }
    std::vector<std::vector<double>> toMatrix(const QJsonValue& v, const std::string& path) const {
        return toVector<std::vector<double>>(
            v, path, [this](const QJsonValue& e, const std::string& p) { return toNumbers(e, p); });
    }
    std::vector<CurvePoint> toCurve(const QJsonValue& v, const std::string& path) const {
        return toVector<CurvePoint>(v, path, [this](const QJsonValue& e, const std::string& p) {
            const QJsonArray pair = toArray(e, p);
            if (pair.size() != 2) fail(p, "expected an [x, y] pair");
            return CurvePoint{toNumber(pair[0], p + "[0]"), toNumber(pair[1], p + "[1]")};
        });
    }
    std::map<std::string, std::string> toStringMap(const QJsonValue& v, const std::string& path) const {
        std::map<std::string, std::string> out;
        const QJsonObject object = toObject(v, path);
        for (auto it = object.begin(); it != object.end(); ++it)
            out[it.key().toStdString()] = toString(it.value(), path + "." + it.key().toStdString());
        return out;
    }
    std::map<std::string, double> toNumberMap(const QJsonValue& v, const std::string& path) const {
        std::map<std::string, double> out;
        const QJsonObject object = toObject(v, path);
        for (auto it = object.begin(); it != object.end(); ++it)
            out[it.key().toStdString()] = toNumber(it.value(), path + "." + it.key().toStdString());
        return out;
    }

private:
    std::string source_;
};

// Assigns object[key] through `read` when the key is present; absent keys keep the default.
template <class T, class Read>
void field(const QJsonObject& object, const std::string& path, const char* key, T& target, Read read) {
    const auto found = object.find(QLatin1String(key));
    if (found != object.end()) target = read(*found, path.empty() ? std::string(key) : path + "." + key);
}

#define DRS_READ(object, path, key, target, method) \
    field(object, path, key, target, [&](const QJsonValue& v, const std::string& p) { return r.method(v, p); })

ThresholdMetrics readMetrics(const Reader& r, const QJsonObject& o, const std::string& path) {
    ThresholdMetrics m;
    DRS_READ(o, path, "threshold", m.threshold, toNumber);
    DRS_READ(o, path, "accuracy", m.accuracy, toNumber);
    DRS_READ(o, path, "precision", m.precision, toNumber);
    DRS_READ(o, path, "recall", m.recall, toNumber);
    DRS_READ(o, path, "f1", m.f1, toNumber);
    DRS_READ(o, path, "specificity", m.specificity, toNumber);
    DRS_READ(o, path, "npv", m.npv, toNumber);
    return m;
}

ModelEvidence readModel(const Reader& r, const QJsonObject& o, const std::string& path) {
    ModelEvidence m;
    DRS_READ(o, path, "model", m.model, toString);
    DRS_READ(o, path, "inputs", m.inputs, toStrings);
    field(o, path, "panel", m.panel, [&](const QJsonValue& v, const std::string& p) {
        return r.toVector<ClassifierCv>(v, p, [&](const QJsonValue& e, const std::string& ep) {
            const QJsonObject c = r.toObject(e, ep);
            ClassifierCv cv;
            DRS_READ(c, ep, "classifier", cv.classifier, toString);
            DRS_READ(c, ep, "mean_auc", cv.meanAuc, toNumber);
            DRS_READ(c, ep, "sd_auc", cv.sdAuc, toNumber);
            return cv;
        });
    });
    DRS_READ(o, path, "chosen_classifier", m.chosenClassifier, toString);
    DRS_READ(o, path, "train_auc", m.trainAuc, toNumber);
    DRS_READ(o, path, "test_auc", m.testAuc, toNumber);
    DRS_READ(o, path, "test_auc_ci_low", m.testAucCiLow, toNumber);
    DRS_READ(o, path, "test_auc_ci_high", m.testAucCiHigh, toNumber);
    field(o, path, "test_metrics", m.testMetrics,
          [&](const QJsonValue& v, const std::string& p) { return readMetrics(r, r.toObject(v, p), p); });
    DRS_READ(o, path, "train_scores", m.trainScores, toNumbers);
    DRS_READ(o, path, "test_scores", m.testScores, toNumbers);
    DRS_READ(o, path, "test_roc", m.testRoc, toCurve);
    DRS_READ(o, path, "brier", m.brier, toNumber);
    DRS_READ(o, path, "calibration_slope", m.calibrationSlope, toNumber);
    DRS_READ(o, path, "calibration_intercept", m.calibrationIntercept, toNumber);
    DRS_READ(o, path, "reliability", m.reliability, toCurve);
    DRS_READ(o, path, "net_benefit", m.netBenefit, toCurve);
    return m;
}

EndpointEvidence readEndpoint(const Reader& r, const QJsonObject& o, const std::string& path) {
    EndpointEvidence e;
    DRS_READ(o, path, "endpoint", e.endpoint, toString);
    DRS_READ(o, path, "train_patients", e.trainPatients, toStrings);
    DRS_READ(o, path, "test_patients", e.testPatients, toStrings);
    DRS_READ(o, path, "train_labels", e.trainLabels, toInts);
    DRS_READ(o, path, "test_labels", e.testLabels, toInts);
    DRS_READ(o, path, "notes", e.notes, toStrings);
    DRS_READ(o, path, "radscore_tumour", e.radScoreTumour, toNumberMap);
    DRS_READ(o, path, "radscore_ring", e.radScoreRing, toNumberMap);
    field(o, path, "models", e.models, [&](const QJsonValue& v, const std::string& p) {
        return r.toVector<ModelEvidence>(
            v, p, [&](const QJsonValue& m, const std::string& mp) { return readModel(r, r.toObject(m, mp), mp); });
    });
    field(o, path, "comparisons", e.comparisons, [&](const QJsonValue& v, const std::string& p) {
        return r.toVector<DelongComparison>(v, p, [&](const QJsonValue& c, const std::string& cp) {
            const QJsonObject co = r.toObject(c, cp);
            DelongComparison d;
            DRS_READ(co, cp, "model_a", d.modelA, toString);
            DRS_READ(co, cp, "model_b", d.modelB, toString);
            DRS_READ(co, cp, "auc_a", d.aucA, toNumber);
            DRS_READ(co, cp, "auc_b", d.aucB, toNumber);
            DRS_READ(co, cp, "z", d.z, toNumber);
            DRS_READ(co, cp, "p", d.p, toNumber);
            return d;
        });
    });
    field(o, path, "correlation", e.correlation, [&](const QJsonValue& v, const std::string& p) {
        const QJsonObject co = r.toObject(v, p);
        CorrelationSummary c;
        DRS_READ(co, p, "rows", c.rows, toStrings);
        DRS_READ(co, p, "columns", c.columns, toStrings);
        DRS_READ(co, p, "r", c.r, toMatrix);
        DRS_READ(co, p, "p", c.p, toMatrix);
        DRS_READ(co, p, "max_abs_r", c.maxAbsR, toNumber);
        DRS_READ(co, p, "mean_abs_r", c.meanAbsR, toNumber);
        DRS_READ(co, p, "sd_abs_r", c.sdAbsR, toNumber);
        return c;
    });
    field(o, path, "shap", e.shap, [&](const QJsonValue& v, const std::string& p) {
        const QJsonObject so = r.toObject(v, p);
        ShapSummary s;
        DRS_READ(so, p, "features", s.features, toStrings);
        DRS_READ(so, p, "mean_abs", s.meanAbs, toNumbers);
        DRS_READ(so, p, "values", s.values, toMatrix);
        DRS_READ(so, p, "feature_values", s.featureValues, toMatrix);
        DRS_READ(so, p, "baseline", s.baseline, toNumber);
        return s;
    });
    DRS_READ(o, path, "gradcam_images", e.gradCamImages, toStrings);
    DRS_READ(o, path, "deep_backbone", e.deepBackbone, toString);
    DRS_READ(o, path, "deep_pretrained", e.deepPretrained, toBool);
    DRS_READ(o, path, "deep_validation_auc", e.deepValidationAuc, toNumber);
    DRS_READ(o, path, "deep_epochs", e.deepEpochs, toInt);
    return e;
}

void checkFormat(const Reader& r, const QJsonObject& json, const QString& expected) {
    const QJsonValue format = json.value("format");
    if (format.toString() != expected)
        r.fail("format", "expected \"" + expected.toStdString() + "\", found " +
                             (format.isString() ? "\"" + format.toString().toStdString() + "\"" : "none"));
    const int version = r.toInt(json.value("version"), "version");
    if (version > kFormatVersion)
        r.fail("version", "format version " + std::to_string(version) + " is newer than this program reads (" +
                              std::to_string(kFormatVersion) + ")");
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

QJsonObject studyEvidenceToJson(const StudyEvidence& evidence) {
    QJsonArray cohort;
    for (const auto& row : evidence.cohortTable)
        cohort.append(QJsonObject{{"variable", text(row.variable)},
                                  {"level", text(row.level)},
                                  {"train", text(row.train)},
                                  {"test", text(row.test)},
                                  {"p", number(row.p)},
                                  {"test_name", text(row.testName)}});
    QJsonArray endpoints;
    for (const auto& e : evidence.endpoints) endpoints.append(toJson(e));
    return {{"format", kStudyFormat},
            {"version", kFormatVersion},
            {"cohort_table", cohort},
            {"endpoints", endpoints},
            {"provenance", stringMap(evidence.provenance)}};
}

StudyEvidence studyEvidenceFromJson(const QJsonObject& json, const std::string& source) {
    const Reader r(source);
    checkFormat(r, json, kStudyFormat);
    StudyEvidence evidence;
    field(json, "", "cohort_table", evidence.cohortTable, [&](const QJsonValue& v, const std::string& p) {
        return r.toVector<CohortRow>(v, p, [&](const QJsonValue& e, const std::string& ep) {
            const QJsonObject o = r.toObject(e, ep);
            CohortRow row;
            DRS_READ(o, ep, "variable", row.variable, toString);
            DRS_READ(o, ep, "level", row.level, toString);
            DRS_READ(o, ep, "train", row.train, toString);
            DRS_READ(o, ep, "test", row.test, toString);
            DRS_READ(o, ep, "p", row.p, toNumber);
            DRS_READ(o, ep, "test_name", row.testName, toString);
            return row;
        });
    });
    field(json, "", "endpoints", evidence.endpoints, [&](const QJsonValue& v, const std::string& p) {
        return r.toVector<EndpointEvidence>(
            v, p, [&](const QJsonValue& e, const std::string& ep) { return readEndpoint(r, r.toObject(e, ep), ep); });
    });
    DRS_READ(json, "", "provenance", evidence.provenance, toStringMap);
    return evidence;
}

QJsonObject patientPredictionToJson(const PatientPrediction& prediction) {
    QJsonArray endpoints;
    for (const auto& e : prediction.endpoints)
        endpoints.append(QJsonObject{{"endpoint", text(e.endpoint)},
                                     {"model", text(e.model)},
                                     {"probability", number(e.probability)},
                                     {"threshold", number(e.threshold)},
                                     {"positive", e.positive},
                                     {"test_auc", number(e.testAuc)},
                                     {"test_sensitivity", number(e.testSensitivity)},
                                     {"test_specificity", number(e.testSpecificity)}});
    return {{"format", kPatientFormat},
            {"version", kFormatVersion},
            {"patient_pseudonym", text(prediction.patientPseudonym)},
            {"study_path", text(prediction.studyPath)},
            {"mask_path", text(prediction.maskPath)},
            {"patch_image", text(prediction.patchImage)},
            {"gradcam_image", text(prediction.gradCamImage)},
            {"endpoints", endpoints},
            {"provenance", stringMap(prediction.provenance)}};
}

PatientPrediction patientPredictionFromJson(const QJsonObject& json, const std::string& source) {
    const Reader r(source);
    checkFormat(r, json, kPatientFormat);
    PatientPrediction prediction;
    DRS_READ(json, "", "patient_pseudonym", prediction.patientPseudonym, toString);
    DRS_READ(json, "", "study_path", prediction.studyPath, toString);
    DRS_READ(json, "", "mask_path", prediction.maskPath, toString);
    DRS_READ(json, "", "patch_image", prediction.patchImage, toString);
    DRS_READ(json, "", "gradcam_image", prediction.gradCamImage, toString);
    field(json, "", "endpoints", prediction.endpoints, [&](const QJsonValue& v, const std::string& p) {
        return r.toVector<EndpointPrediction>(v, p, [&](const QJsonValue& e, const std::string& ep) {
            const QJsonObject o = r.toObject(e, ep);
            EndpointPrediction ep2;
            DRS_READ(o, ep, "endpoint", ep2.endpoint, toString);
            DRS_READ(o, ep, "model", ep2.model, toString);
            DRS_READ(o, ep, "probability", ep2.probability, toNumber);
            DRS_READ(o, ep, "threshold", ep2.threshold, toNumber);
            DRS_READ(o, ep, "positive", ep2.positive, toBool);
            DRS_READ(o, ep, "test_auc", ep2.testAuc, toNumber);
            DRS_READ(o, ep, "test_sensitivity", ep2.testSensitivity, toNumber);
            DRS_READ(o, ep, "test_specificity", ep2.testSpecificity, toNumber);
            return ep2;
        });
    });
    DRS_READ(json, "", "provenance", prediction.provenance, toStringMap);
    return prediction;
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

void writePatientPrediction(const std::string& path, const PatientPrediction& prediction) {
    writeText(path, patientPredictionToJsonText(prediction));
}

PatientPrediction readPatientPrediction(const std::string& path) {
    return patientPredictionFromJsonText(readText(path), path);
}

#undef DRS_READ

}  // namespace drs
