// JSON form of the evidence structs. Every field of Evidence.h is written and read here: a field
// added there must be added to both directions below (the round-trip test compares every field).
#include "core/project/EvidenceStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <limits>
#include <map>

#include "core/project/Cohort.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"

namespace drs::project {

namespace {

// JSON has no NaN or infinity; they travel as strings.
QJsonValue number(double value) {
    if (std::isnan(value)) return QStringLiteral("nan");
    if (std::isinf(value)) return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return value;
}
double numberOf(const QJsonValue& value) {
    if (value.isString()) {
        const QString text = value.toString();
        if (text == "inf") return std::numeric_limits<double>::infinity();
        if (text == "-inf") return -std::numeric_limits<double>::infinity();
        return std::numeric_limits<double>::quiet_NaN();
    }
    return value.toDouble();
}
QJsonValue text(const std::string& value) { return QString::fromStdString(value); }
std::string textOf(const QJsonValue& value) { return value.toString().toStdString(); }

QJsonArray numbers(const std::vector<double>& values) {
    QJsonArray array;
    for (double v : values) array.append(number(v));
    return array;
}
std::vector<double> numbersOf(const QJsonValue& value) {
    std::vector<double> values;
    for (const auto& v : value.toArray()) values.push_back(numberOf(v));
    return values;
}
QJsonArray matrix(const std::vector<std::vector<double>>& rows) {
    QJsonArray array;
    for (const auto& row : rows) array.append(numbers(row));
    return array;
}
std::vector<std::vector<double>> matrixOf(const QJsonValue& value) {
    std::vector<std::vector<double>> rows;
    for (const auto& row : value.toArray()) rows.push_back(numbersOf(row));
    return rows;
}
QJsonArray texts(const std::vector<std::string>& values) {
    QJsonArray array;
    for (const auto& v : values) array.append(text(v));
    return array;
}
std::vector<std::string> textsOf(const QJsonValue& value) {
    std::vector<std::string> values;
    for (const auto& v : value.toArray()) values.push_back(textOf(v));
    return values;
}
QJsonArray integers(const std::vector<int>& values) {
    QJsonArray array;
    for (int v : values) array.append(v);
    return array;
}
std::vector<int> integersOf(const QJsonValue& value) {
    std::vector<int> values;
    for (const auto& v : value.toArray()) values.push_back(v.toInt());
    return values;
}
QJsonArray curve(const std::vector<CurvePoint>& points) {
    QJsonArray array;
    for (const auto& p : points) array.append(QJsonArray{number(p.x), number(p.y)});
    return array;
}
std::vector<CurvePoint> curveOf(const QJsonValue& value) {
    std::vector<CurvePoint> points;
    for (const auto& p : value.toArray()) points.push_back({numberOf(p.toArray()[0]), numberOf(p.toArray()[1])});
    return points;
}
template <class Value, class Convert>
QJsonObject dictionary(const std::map<std::string, Value>& map, Convert convert) {
    QJsonObject object;
    for (const auto& [key, value] : map) object[QString::fromStdString(key)] = convert(value);
    return object;
}

QJsonObject toJson(const ThresholdMetrics& m) {
    return {{"threshold", number(m.threshold)}, {"accuracy", number(m.accuracy)}, {"precision", number(m.precision)},
            {"recall", number(m.recall)},       {"f1", number(m.f1)},             {"specificity", number(m.specificity)},
            {"npv", number(m.npv)}};
}
ThresholdMetrics metricsOf(const QJsonObject& o) {
    ThresholdMetrics m;
    m.threshold = numberOf(o["threshold"]);
    m.accuracy = numberOf(o["accuracy"]);
    m.precision = numberOf(o["precision"]);
    m.recall = numberOf(o["recall"]);
    m.f1 = numberOf(o["f1"]);
    m.specificity = numberOf(o["specificity"]);
    m.npv = numberOf(o["npv"]);
    return m;
}

QJsonObject toJson(const ModelEvidence& m) {
    QJsonArray panel;
    for (const auto& c : m.panel)
        panel.append(QJsonObject{{"classifier", text(c.classifier)}, {"mean_auc", number(c.meanAuc)}, {"sd_auc", number(c.sdAuc)}});
    return {{"model", text(m.model)},
            {"inputs", texts(m.inputs)},
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
ModelEvidence modelOf(const QJsonObject& o) {
    ModelEvidence m;
    m.model = textOf(o["model"]);
    m.inputs = textsOf(o["inputs"]);
    for (const auto& c : o["panel"].toArray()) {
        const auto item = c.toObject();
        m.panel.push_back({textOf(item["classifier"]), numberOf(item["mean_auc"]), numberOf(item["sd_auc"])});
    }
    m.chosenClassifier = textOf(o["chosen_classifier"]);
    m.trainAuc = numberOf(o["train_auc"]);
    m.testAuc = numberOf(o["test_auc"]);
    m.testAucCiLow = numberOf(o["test_auc_ci_low"]);
    m.testAucCiHigh = numberOf(o["test_auc_ci_high"]);
    m.testMetrics = metricsOf(o["test_metrics"].toObject());
    m.trainScores = numbersOf(o["train_scores"]);
    m.testScores = numbersOf(o["test_scores"]);
    m.testRoc = curveOf(o["test_roc"]);
    m.brier = numberOf(o["brier"]);
    m.calibrationSlope = numberOf(o["calibration_slope"]);
    m.calibrationIntercept = numberOf(o["calibration_intercept"]);
    m.reliability = curveOf(o["reliability"]);
    m.netBenefit = curveOf(o["net_benefit"]);
    return m;
}

QJsonObject toJson(const EndpointEvidence& e) {
    QJsonArray models, comparisons;
    for (const auto& m : e.models) models.append(toJson(m));
    for (const auto& c : e.comparisons)
        comparisons.append(QJsonObject{{"model_a", text(c.modelA)}, {"model_b", text(c.modelB)}, {"auc_a", number(c.aucA)},
                                       {"auc_b", number(c.aucB)},   {"z", number(c.z)},           {"p", number(c.p)}});
    const QJsonObject correlation{{"rows", texts(e.correlation.rows)},       {"columns", texts(e.correlation.columns)},
                                  {"r", matrix(e.correlation.r)},             {"p", matrix(e.correlation.p)},
                                  {"max_abs_r", number(e.correlation.maxAbsR)}, {"mean_abs_r", number(e.correlation.meanAbsR)},
                                  {"sd_abs_r", number(e.correlation.sdAbsR)}};
    const QJsonObject shap{{"features", texts(e.shap.features)},      {"mean_abs", numbers(e.shap.meanAbs)},
                           {"values", matrix(e.shap.values)},         {"feature_values", matrix(e.shap.featureValues)},
                           {"baseline", number(e.shap.baseline)}};
    return {{"endpoint", text(e.endpoint)},
            {"train_patients", texts(e.trainPatients)},
            {"test_patients", texts(e.testPatients)},
            {"train_labels", integers(e.trainLabels)},
            {"test_labels", integers(e.testLabels)},
            {"notes", texts(e.notes)},
            {"radscore_tumour", dictionary(e.radScoreTumour, number)},
            {"radscore_ring", dictionary(e.radScoreRing, number)},
            {"models", models},
            {"comparisons", comparisons},
            {"correlation", correlation},
            {"shap", shap},
            {"gradcam_images", texts(e.gradCamImages)},
            {"deep_backbone", text(e.deepBackbone)},
            {"deep_pretrained", e.deepPretrained},
            {"deep_validation_auc", number(e.deepValidationAuc)},
            {"deep_epochs", e.deepEpochs}};
}
EndpointEvidence endpointOf(const QJsonObject& o) {
    EndpointEvidence e;
    e.endpoint = textOf(o["endpoint"]);
    e.trainPatients = textsOf(o["train_patients"]);
    e.testPatients = textsOf(o["test_patients"]);
    e.trainLabels = integersOf(o["train_labels"]);
    e.testLabels = integersOf(o["test_labels"]);
    e.notes = textsOf(o["notes"]);
    const auto tumour = o["radscore_tumour"].toObject(), ring = o["radscore_ring"].toObject();
    for (auto it = tumour.begin(); it != tumour.end(); ++it) e.radScoreTumour[it.key().toStdString()] = numberOf(it.value());
    for (auto it = ring.begin(); it != ring.end(); ++it) e.radScoreRing[it.key().toStdString()] = numberOf(it.value());
    for (const auto& m : o["models"].toArray()) e.models.push_back(modelOf(m.toObject()));
    for (const auto& c : o["comparisons"].toArray()) {
        const auto item = c.toObject();
        e.comparisons.push_back({textOf(item["model_a"]), textOf(item["model_b"]), numberOf(item["auc_a"]),
                                 numberOf(item["auc_b"]), numberOf(item["z"]), numberOf(item["p"])});
    }
    const auto correlation = o["correlation"].toObject();
    e.correlation.rows = textsOf(correlation["rows"]);
    e.correlation.columns = textsOf(correlation["columns"]);
    e.correlation.r = matrixOf(correlation["r"]);
    e.correlation.p = matrixOf(correlation["p"]);
    e.correlation.maxAbsR = numberOf(correlation["max_abs_r"]);
    e.correlation.meanAbsR = numberOf(correlation["mean_abs_r"]);
    e.correlation.sdAbsR = numberOf(correlation["sd_abs_r"]);
    const auto shap = o["shap"].toObject();
    e.shap.features = textsOf(shap["features"]);
    e.shap.meanAbs = numbersOf(shap["mean_abs"]);
    e.shap.values = matrixOf(shap["values"]);
    e.shap.featureValues = matrixOf(shap["feature_values"]);
    e.shap.baseline = numberOf(shap["baseline"]);
    e.gradCamImages = textsOf(o["gradcam_images"]);
    e.deepBackbone = textOf(o["deep_backbone"]);
    e.deepPretrained = o["deep_pretrained"].toBool();
    e.deepValidationAuc = numberOf(o["deep_validation_auc"]);
    e.deepEpochs = o["deep_epochs"].toInt();
    return e;
}

QJsonObject toJson(const StudyEvidence& s) {
    QJsonArray rows;
    for (const auto& r : s.cohortTable)
        rows.append(QJsonObject{{"variable", text(r.variable)}, {"level", text(r.level)}, {"train", text(r.train)},
                                {"test", text(r.test)},         {"p", number(r.p)},         {"test_name", text(r.testName)}});
    return {{"cohort_table", rows}, {"provenance", dictionary(s.provenance, text)}};
}

QJsonObject toJson(const PatientPrediction& p) {
    QJsonArray endpoints;
    for (const auto& e : p.endpoints)
        endpoints.append(QJsonObject{{"endpoint", text(e.endpoint)},
                                     {"model", text(e.model)},
                                     {"probability", number(e.probability)},
                                     {"threshold", number(e.threshold)},
                                     {"positive", e.positive},
                                     {"test_auc", number(e.testAuc)},
                                     {"test_sensitivity", number(e.testSensitivity)},
                                     {"test_specificity", number(e.testSpecificity)}});
    return {{"patient_pseudonym", text(p.patientPseudonym)}, {"study_path", text(p.studyPath)},
            {"mask_path", text(p.maskPath)},                 {"patch_image", text(p.patchImage)},
            {"gradcam_image", text(p.gradCamImage)},         {"endpoints", endpoints},
            {"provenance", dictionary(p.provenance, text)}};
}
PatientPrediction predictionOf(const QJsonObject& o) {
    PatientPrediction p;
    p.patientPseudonym = textOf(o["patient_pseudonym"]);
    p.studyPath = textOf(o["study_path"]);
    p.maskPath = textOf(o["mask_path"]);
    p.patchImage = textOf(o["patch_image"]);
    p.gradCamImage = textOf(o["gradcam_image"]);
    for (const auto& item : o["endpoints"].toArray()) {
        const auto e = item.toObject();
        p.endpoints.push_back({textOf(e["endpoint"]), textOf(e["model"]), numberOf(e["probability"]),
                               numberOf(e["threshold"]), e["positive"].toBool(), numberOf(e["test_auc"]),
                               numberOf(e["test_sensitivity"]), numberOf(e["test_specificity"])});
    }
    const auto provenance = o["provenance"].toObject();
    for (auto it = provenance.begin(); it != provenance.end(); ++it)
        p.provenance[it.key().toStdString()] = it.value().toString().toStdString();
    return p;
}

std::string compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

}  // namespace

void EvidenceStore::save(std::int64_t runId, const std::string& kind, const std::string& key, const std::string& json) {
    Transaction transaction(db_);
    auto upsert = db_.prepare("INSERT OR REPLACE INTO evidence(run_id, kind, key, json, saved_at) VALUES (?,?,?,?,?)");
    upsert.addBindValue(QVariant::fromValue<qlonglong>(runId));
    upsert.addBindValue(QString::fromStdString(kind));
    upsert.addBindValue(QString::fromStdString(key));
    upsert.addBindValue(QString::fromStdString(json));
    upsert.addBindValue(QString::fromStdString(utcNow()));
    db_.run(upsert, "store the " + kind + " evidence" + (key.empty() ? "" : " of " + key));
    transaction.commit();
}

std::string EvidenceStore::load(std::int64_t runId, const std::string& kind, const std::string& key) {
    auto query = db_.prepare("SELECT json FROM evidence WHERE run_id = ? AND kind = ? AND key = ?");
    query.addBindValue(QVariant::fromValue<qlonglong>(runId));
    query.addBindValue(QString::fromStdString(kind));
    query.addBindValue(QString::fromStdString(key));
    db_.run(query, "read the " + kind + " evidence");
    if (!query.next())
        throw Error(db_.path() + ": run " + std::to_string(runId) + " has no " + kind + " evidence" +
                    (key.empty() ? "" : " for " + key));
    return query.value(0).toString().toStdString();
}

void EvidenceStore::saveEndpoint(std::int64_t runId, const EndpointEvidence& evidence) {
    const std::string what = db_.path() + ": evidence for " + evidence.endpoint + ": ";
    if (evidence.trainLabels.size() != evidence.trainPatients.size() ||
        evidence.testLabels.size() != evidence.testPatients.size())
        throw Error(what + "labels and patients are not aligned");
    CohortRepository cohort(db_);
    std::map<std::int64_t, int> projectLabels;
    for (const auto& label : cohort.labels(evidence.endpoint)) projectLabels[label.patientId] = label.value;
    std::vector<SplitRow> split;
    std::map<std::int64_t, bool> seen;
    auto check = [&](const std::vector<std::string>& patients, const std::vector<int>& labels, bool test) {
        for (std::size_t i = 0; i < patients.size(); ++i) {
            const auto id = cohort.findPatient(patients[i]);
            if (!id) throw Error(what + "unknown patient " + patients[i]);
            if (!seen.emplace(*id, test).second) throw Error(what + "patient " + patients[i] + " is listed twice");
            const auto label = projectLabels.find(*id);
            if (label == projectLabels.end() || label->second != labels[i])
                throw Error(what + "the label of " + patients[i] + " differs from the project's label");
            split.push_back({*id, test});
        }
    };
    check(evidence.trainPatients, evidence.trainLabels, false);
    check(evidence.testPatients, evidence.testLabels, true);
    Transaction transaction(db_);
    RunRepository(db_).saveSplit(runId, evidence.endpoint, split);
    save(runId, "endpoint", evidence.endpoint, compact(toJson(evidence)));
    transaction.commit();
}

EndpointEvidence EvidenceStore::loadEndpoint(std::int64_t runId, const std::string& endpoint) {
    return endpointOf(QJsonDocument::fromJson(QByteArray::fromStdString(load(runId, "endpoint", endpoint))).object());
}

std::vector<std::string> EvidenceStore::savedEndpoints(std::int64_t runId) {
    auto query = db_.prepare("SELECT key FROM evidence WHERE run_id = ? AND kind = 'endpoint' ORDER BY rowid");
    query.addBindValue(QVariant::fromValue<qlonglong>(runId));
    db_.run(query, "list the endpoint evidence");
    std::vector<std::string> names;
    while (query.next()) names.push_back(query.value(0).toString().toStdString());
    return names;
}

void EvidenceStore::saveStudy(std::int64_t runId, const StudyEvidence& evidence) {
    save(runId, "study", "", compact(toJson(evidence)));
}

StudyEvidence EvidenceStore::loadStudy(std::int64_t runId) {
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(load(runId, "study", ""))).object();
    StudyEvidence study;
    for (const auto& item : o["cohort_table"].toArray()) {
        const auto r = item.toObject();
        study.cohortTable.push_back({textOf(r["variable"]), textOf(r["level"]), textOf(r["train"]), textOf(r["test"]),
                                     numberOf(r["p"]), textOf(r["test_name"])});
    }
    const auto provenance = o["provenance"].toObject();
    for (auto it = provenance.begin(); it != provenance.end(); ++it)
        study.provenance[it.key().toStdString()] = it.value().toString().toStdString();
    for (const auto& endpoint : savedEndpoints(runId)) study.endpoints.push_back(loadEndpoint(runId, endpoint));
    return study;
}

void EvidenceStore::savePatientPrediction(std::int64_t runId, const PatientPrediction& prediction) {
    save(runId, "patient", prediction.patientPseudonym, compact(toJson(prediction)));
}

PatientPrediction EvidenceStore::loadPatientPrediction(std::int64_t runId, const std::string& pseudonym) {
    return predictionOf(QJsonDocument::fromJson(QByteArray::fromStdString(load(runId, "patient", pseudonym))).object());
}

}  // namespace drs::project
