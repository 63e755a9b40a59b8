#include "core/project/Results.h"

#include <cmath>
#include <limits>

#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::project {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }
std::string s(const QVariant& value) { return value.toString().toStdString(); }
QVariant id(std::int64_t value) { return QVariant::fromValue<qlonglong>(value); }
QVariant real(double value) { return std::isnan(value) ? QVariant() : QVariant(value); }
double realOf(const QVariant& value) {
    return value.isNull() ? std::numeric_limits<double>::quiet_NaN() : value.toDouble();
}
constexpr const char* kModelColumns =
    "SELECT m.id, m.run_id, e.name, m.model, m.classifier, m.file_path, m.sha256, m.threshold, m.details_json"
    " FROM trained_models m JOIN endpoints e ON e.id = m.endpoint_id ";
ModelRow modelOf(const QSqlQuery& query) {
    ModelRow row;
    row.id = query.value(0).toLongLong();
    row.runId = query.value(1).toLongLong();
    row.endpoint = s(query.value(2));
    row.model = s(query.value(3));
    row.classifier = s(query.value(4));
    row.filePath = s(query.value(5));
    row.sha256 = s(query.value(6));
    if (!query.value(7).isNull()) row.threshold = query.value(7).toDouble();
    row.detailsJson = s(query.value(8));
    return row;
}
}  // namespace

std::int64_t ResultRepository::endpointId(const std::string& endpoint) {
    auto query = db_.prepare("SELECT id FROM endpoints WHERE name = ?");
    query.addBindValue(q(endpoint));
    db_.run(query, "look up endpoint " + endpoint);
    if (!query.next()) throw Error(db_.path() + ": no endpoint named " + endpoint);
    return query.value(0).toLongLong();
}

std::int64_t ResultRepository::saveModel(const ModelRow& model) {
    const std::string hash = sha256File(db_.absoluteFilePath(model.filePath));
    Transaction transaction(db_);
    const auto endpointKey = endpointId(model.endpoint);
    auto clear = db_.prepare("DELETE FROM trained_models WHERE run_id = ? AND endpoint_id = ? AND model = ?");
    clear.addBindValue(id(model.runId));
    clear.addBindValue(id(endpointKey));
    clear.addBindValue(q(model.model));
    db_.run(clear, "replace model " + model.model);
    auto insert = db_.prepare(
        "INSERT INTO trained_models(run_id, endpoint_id, model, classifier, file_path, sha256, threshold, details_json,"
        " created_at) VALUES (?,?,?,?,?,?,?,?,?)");
    insert.addBindValue(id(model.runId));
    insert.addBindValue(id(endpointKey));
    insert.addBindValue(q(model.model));
    insert.addBindValue(q(model.classifier));
    insert.addBindValue(q(model.filePath));
    insert.addBindValue(q(hash));
    insert.addBindValue(model.threshold ? QVariant(*model.threshold) : QVariant());
    insert.addBindValue(q(model.detailsJson));
    insert.addBindValue(q(utcNow()));
    db_.run(insert, "store model " + model.model + " for " + model.endpoint);
    const auto modelId = db_.insertedId(insert);
    transaction.commit();
    return modelId;
}

std::vector<ModelRow> ResultRepository::models(std::int64_t runId, const std::string& endpoint) {
    auto query =
        db_.prepare(std::string(kModelColumns) + "WHERE m.run_id = ? AND (? = '' OR e.name = ?) ORDER BY m.id");
    query.addBindValue(id(runId));
    query.addBindValue(q(endpoint));
    query.addBindValue(q(endpoint));
    db_.run(query, "list models");
    std::vector<ModelRow> rows;
    while (query.next()) rows.push_back(modelOf(query));
    return rows;
}

std::optional<ModelRow> ResultRepository::model(std::int64_t modelId) {
    auto query = db_.prepare(std::string(kModelColumns) + "WHERE m.id = ?");
    query.addBindValue(id(modelId));
    db_.run(query, "read model " + std::to_string(modelId));
    if (!query.next()) return std::nullopt;
    return modelOf(query);
}

std::string ResultRepository::verifiedModelFile(const ModelRow& model) {
    const std::string path = db_.absoluteFilePath(model.filePath);
    if (sha256File(path) != model.sha256)
        throw Error(path + ": the model file changed since it was stored (SHA-256 differs from the project database)");
    return path;
}

void ResultRepository::savePredictions(std::int64_t modelId, const std::string& subset,
                                       const std::vector<PredictionRow>& rows) {
    Transaction transaction(db_);
    auto clear = db_.prepare("DELETE FROM predictions WHERE model_id = ? AND subset = ?");
    clear.addBindValue(id(modelId));
    clear.addBindValue(q(subset));
    db_.run(clear, "replace predictions");
    auto insert = db_.prepare(
        "INSERT INTO predictions(model_id, patient_id, subset, probability, created_at) VALUES (?,?,?,?,?)");
    const QString now = q(utcNow());
    for (const auto& row : rows) {
        insert.bindValue(0, id(modelId));
        insert.bindValue(1, id(row.patientId));
        insert.bindValue(2, q(subset));
        insert.bindValue(3, row.probability);
        insert.bindValue(4, now);
        db_.run(insert, "store predictions");
    }
    transaction.commit();
}

std::vector<PredictionRow> ResultRepository::predictions(std::int64_t modelId, const std::string& subset) {
    auto query = db_.prepare(
        "SELECT patient_id, probability FROM predictions WHERE model_id = ? AND subset = ? ORDER BY patient_id");
    query.addBindValue(id(modelId));
    query.addBindValue(q(subset));
    db_.run(query, "read predictions");
    std::vector<PredictionRow> rows;
    while (query.next()) rows.push_back({query.value(0).toLongLong(), query.value(1).toDouble()});
    return rows;
}

void ResultRepository::saveMetrics(std::int64_t modelId, const std::string& subset,
                                   const std::vector<std::pair<std::string, double>>& metrics) {
    Transaction transaction(db_);
    auto upsert = db_.prepare("INSERT OR REPLACE INTO metrics(model_id, subset, name, value) VALUES (?,?,?,?)");
    for (const auto& [name, value] : metrics) {
        upsert.bindValue(0, id(modelId));
        upsert.bindValue(1, q(subset));
        upsert.bindValue(2, q(name));
        upsert.bindValue(3, real(value));
        db_.run(upsert, "store metric " + name);
    }
    transaction.commit();
}

std::map<std::string, double> ResultRepository::metrics(std::int64_t modelId, const std::string& subset) {
    auto query = db_.prepare("SELECT name, value FROM metrics WHERE model_id = ? AND subset = ?");
    query.addBindValue(id(modelId));
    query.addBindValue(q(subset));
    db_.run(query, "read metrics");
    std::map<std::string, double> values;
    while (query.next()) values[s(query.value(0))] = realOf(query.value(1));
    return values;
}

void ResultRepository::saveComparison(const ComparisonRow& comparison) {
    Transaction transaction(db_);
    auto upsert = db_.prepare(
        "INSERT OR REPLACE INTO model_comparisons(model_a, model_b, subset, test, statistic, p_value) VALUES (?,?,?,?,?,?)");
    upsert.addBindValue(id(comparison.modelA));
    upsert.addBindValue(id(comparison.modelB));
    upsert.addBindValue(q(comparison.subset));
    upsert.addBindValue(q(comparison.test));
    upsert.addBindValue(real(comparison.statistic));
    upsert.addBindValue(real(comparison.pValue));
    db_.run(upsert, "store a model comparison");
    transaction.commit();
}

std::vector<ComparisonRow> ResultRepository::comparisons(std::int64_t modelId) {
    auto query = db_.prepare(
        "SELECT model_a, model_b, subset, test, statistic, p_value FROM model_comparisons WHERE model_a = ? OR model_b = ?"
        " ORDER BY model_a, model_b, subset, test");
    query.addBindValue(id(modelId));
    query.addBindValue(id(modelId));
    db_.run(query, "read model comparisons");
    std::vector<ComparisonRow> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), query.value(1).toLongLong(), s(query.value(2)), s(query.value(3)),
                        realOf(query.value(4)), realOf(query.value(5))});
    return rows;
}

void ResultRepository::saveShap(std::int64_t modelId, const std::vector<ShapRow>& rows) {
    Transaction transaction(db_);
    auto clear = db_.prepare("DELETE FROM shap_values WHERE model_id = ?");
    clear.addBindValue(id(modelId));
    db_.run(clear, "replace SHAP values");
    auto insert =
        db_.prepare("INSERT INTO shap_values(model_id, patient_id, feature, shap, feature_value) VALUES (?,?,?,?,?)");
    for (const auto& row : rows) {
        insert.bindValue(0, id(modelId));
        insert.bindValue(1, id(row.patientId));
        insert.bindValue(2, q(row.feature));
        insert.bindValue(3, row.shap);
        insert.bindValue(4, real(row.featureValue));
        db_.run(insert, "store SHAP values");
    }
    transaction.commit();
}

std::vector<ShapRow> ResultRepository::shap(std::int64_t modelId) {
    auto query = db_.prepare(
        "SELECT patient_id, feature, shap, feature_value FROM shap_values WHERE model_id = ? ORDER BY patient_id, rowid");
    query.addBindValue(id(modelId));
    db_.run(query, "read SHAP values");
    std::vector<ShapRow> rows;
    while (query.next())
        rows.push_back(
            {query.value(0).toLongLong(), s(query.value(1)), query.value(2).toDouble(), realOf(query.value(3))});
    return rows;
}

void ResultRepository::saveCorrelations(std::int64_t runId, const std::string& endpoint,
                                        const std::vector<CorrelationRow>& rows) {
    Transaction transaction(db_);
    const auto endpointKey = endpointId(endpoint);
    auto clear = db_.prepare("DELETE FROM correlations WHERE run_id = ? AND endpoint_id = ?");
    clear.addBindValue(id(runId));
    clear.addBindValue(id(endpointKey));
    db_.run(clear, "replace correlations");
    auto insert = db_.prepare(
        "INSERT INTO correlations(run_id, endpoint_id, feature_a, feature_b, method, r, p_value) VALUES (?,?,?,?,?,?,?)");
    for (const auto& row : rows) {
        insert.bindValue(0, id(runId));
        insert.bindValue(1, id(endpointKey));
        insert.bindValue(2, q(row.featureA));
        insert.bindValue(3, q(row.featureB));
        insert.bindValue(4, q(row.method));
        insert.bindValue(5, real(row.r));
        insert.bindValue(6, real(row.pValue));
        db_.run(insert, "store correlations");
    }
    transaction.commit();
}

std::vector<CorrelationRow> ResultRepository::correlations(std::int64_t runId, const std::string& endpoint) {
    auto query = db_.prepare(
        "SELECT c.feature_a, c.feature_b, c.method, c.r, c.p_value FROM correlations c JOIN endpoints e"
        " ON e.id = c.endpoint_id WHERE c.run_id = ? AND e.name = ? ORDER BY c.rowid");
    query.addBindValue(id(runId));
    query.addBindValue(q(endpoint));
    db_.run(query, "read correlations");
    std::vector<CorrelationRow> rows;
    while (query.next())
        rows.push_back(
            {s(query.value(0)), s(query.value(1)), s(query.value(2)), realOf(query.value(3)), realOf(query.value(4))});
    return rows;
}

std::int64_t ResultRepository::addReport(std::optional<std::int64_t> runId, const std::string& kind,
                                         const std::string& filePath) {
    const std::string hash = sha256File(db_.absoluteFilePath(filePath));
    Transaction transaction(db_);
    // One row per file: a report written again replaces its file, so an older row's hash would be stale.
    auto stale = db_.prepare("DELETE FROM reports WHERE file_path = ?");
    stale.addBindValue(q(filePath));
    db_.run(stale, "replace the record of " + filePath);
    auto insert = db_.prepare("INSERT INTO reports(run_id, kind, file_path, sha256, created_at) VALUES (?,?,?,?,?)");
    insert.addBindValue(runId ? id(*runId) : QVariant());
    insert.addBindValue(q(kind));
    insert.addBindValue(q(filePath));
    insert.addBindValue(q(hash));
    insert.addBindValue(q(utcNow()));
    db_.run(insert, "record a report");
    const auto reportId = db_.insertedId(insert);
    transaction.commit();
    return reportId;
}

std::vector<ReportRow> ResultRepository::reports() {
    auto query = db_.prepare("SELECT id, run_id, kind, file_path, sha256, created_at FROM reports ORDER BY id");
    db_.run(query, "list reports");
    std::vector<ReportRow> rows;
    while (query.next()) {
        ReportRow row{query.value(0).toLongLong(), std::nullopt,      s(query.value(2)),
                      s(query.value(3)),           s(query.value(4)), s(query.value(5))};
        if (!query.value(1).isNull()) row.runId = query.value(1).toLongLong();
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace drs::project
