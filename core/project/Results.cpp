#include "core/project/Results.h"

#include "core/project/Statement.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::project {

namespace {
constexpr const char* kModelColumns =
    "SELECT m.id, m.run_id, e.name AS endpoint, m.model, m.classifier, m.file_path, m.sha256, m.threshold,"
    " m.details_json FROM trained_models m JOIN endpoints e ON e.id = m.endpoint_id ";

ModelRow modelOf(const Statement& query) {
    ModelRow row;
    row.id = query.integer("id");
    row.runId = query.integer("run_id");
    row.endpoint = query.text("endpoint");
    row.model = query.text("model");
    row.classifier = query.text("classifier");
    row.filePath = query.text("file_path");
    row.sha256 = query.text("sha256");
    row.threshold = query.optionalReal("threshold");
    row.detailsJson = query.text("details_json");
    return row;
}
}  // namespace

std::int64_t ResultRepository::endpointId(const std::string& endpoint) {
    Statement query(db_, "SELECT id FROM endpoints WHERE name = :name");
    query.bind(":name", endpoint).run("look up endpoint " + endpoint);
    if (!query.next()) throw Error(db_.path() + ": no endpoint named " + endpoint);
    return query.integer("id");
}

std::int64_t ResultRepository::saveModel(const ModelRow& model) {
    const std::string hash = sha256File(db_.absoluteFilePath(model.filePath));
    Transaction transaction(db_);
    const auto endpointKey = endpointId(model.endpoint);
    Statement(db_, "DELETE FROM trained_models WHERE run_id = :run AND endpoint_id = :endpoint AND model = :model")
        .bind(":run", model.runId)
        .bind(":endpoint", endpointKey)
        .bind(":model", model.model)
        .run("replace model " + model.model);
    const auto modelId =
        Statement(db_,
                  "INSERT INTO trained_models(run_id, endpoint_id, model, classifier, file_path, sha256, threshold,"
                  " details_json, created_at) VALUES (:run, :endpoint, :model, :classifier, :file_path, :sha256,"
                  " :threshold, :details_json, :at) RETURNING id")
            .bind(":run", model.runId)
            .bind(":endpoint", endpointKey)
            .bind(":model", model.model)
            .bind(":classifier", model.classifier)
            .bind(":file_path", model.filePath)
            .bind(":sha256", hash)
            .bind(":threshold", model.threshold)
            .bind(":details_json", model.detailsJson)
            .bind(":at", utcNow())
            .insert("store model " + model.model + " for " + model.endpoint);
    transaction.commit();
    return modelId;
}

std::vector<ModelRow> ResultRepository::models(std::int64_t runId, const std::string& endpoint) {
    Statement query(db_, std::string(kModelColumns) +
                             "WHERE m.run_id = :run AND (:endpoint = '' OR e.name = :endpoint) ORDER BY m.id");
    query.bind(":run", runId).bind(":endpoint", endpoint).run("list models");
    std::vector<ModelRow> rows;
    while (query.next()) rows.push_back(modelOf(query));
    return rows;
}

std::optional<ModelRow> ResultRepository::model(std::int64_t modelId) {
    Statement query(db_, std::string(kModelColumns) + "WHERE m.id = :model");
    query.bind(":model", modelId).run("read model " + std::to_string(modelId));
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
    Statement(db_, "DELETE FROM predictions WHERE model_id = :model AND subset = :subset")
        .bind(":model", modelId)
        .bind(":subset", subset)
        .run("replace predictions");
    Statement insert(db_,
                     "INSERT INTO predictions(model_id, patient_id, subset, probability, created_at)"
                     " VALUES (:model, :patient, :subset, :probability, :at)");
    const std::string now = utcNow();
    for (const auto& row : rows)
        insert.bind(":model", modelId)
            .bind(":patient", row.patientId)
            .bind(":subset", subset)
            .bind(":probability", row.probability)
            .bind(":at", now)
            .run("store predictions");
    transaction.commit();
}

std::vector<PredictionRow> ResultRepository::predictions(std::int64_t modelId, const std::string& subset) {
    Statement query(db_,
                    "SELECT patient_id, probability FROM predictions WHERE model_id = :model AND subset = :subset"
                    " ORDER BY patient_id");
    query.bind(":model", modelId).bind(":subset", subset).run("read predictions");
    std::vector<PredictionRow> rows;
    while (query.next()) rows.push_back({query.integer("patient_id"), query.real("probability")});
    return rows;
}

void ResultRepository::saveMetrics(std::int64_t modelId, const std::string& subset,
                                   const std::vector<std::pair<std::string, double>>& metrics) {
    Transaction transaction(db_);
    Statement upsert(db_,
                     "INSERT INTO metrics(model_id, subset, name, value) VALUES (:model, :subset, :name, :value)"
                     " ON CONFLICT(model_id, subset, name) DO UPDATE SET value = excluded.value");
    for (const auto& [name, value] : metrics)
        upsert.bind(":model", modelId)
            .bind(":subset", subset)
            .bind(":name", name)
            .bind(":value", value)
            .run("store metric " + name);
    transaction.commit();
}

std::map<std::string, double> ResultRepository::metrics(std::int64_t modelId, const std::string& subset) {
    Statement query(db_, "SELECT name, value FROM metrics WHERE model_id = :model AND subset = :subset");
    query.bind(":model", modelId).bind(":subset", subset).run("read metrics");
    std::map<std::string, double> values;
    while (query.next()) values[query.text("name")] = query.real("value");
    return values;
}

void ResultRepository::saveComparison(const ComparisonRow& comparison) {
    Transaction transaction(db_);
    Statement(db_,
              "INSERT INTO model_comparisons(model_a, model_b, subset, test, statistic, p_value)"
              " VALUES (:model_a, :model_b, :subset, :test, :statistic, :p_value)"
              " ON CONFLICT(model_a, model_b, subset, test) DO UPDATE SET statistic = excluded.statistic,"
              " p_value = excluded.p_value")
        .bind(":model_a", comparison.modelA)
        .bind(":model_b", comparison.modelB)
        .bind(":subset", comparison.subset)
        .bind(":test", comparison.test)
        .bind(":statistic", comparison.statistic)
        .bind(":p_value", comparison.pValue)
        .run("store a model comparison");
    transaction.commit();
}

std::vector<ComparisonRow> ResultRepository::comparisons(std::int64_t modelId) {
    Statement query(db_,
                    "SELECT model_a, model_b, subset, test, statistic, p_value FROM model_comparisons"
                    " WHERE model_a = :model OR model_b = :model ORDER BY model_a, model_b, subset, test");
    query.bind(":model", modelId).run("read model comparisons");
    std::vector<ComparisonRow> rows;
    while (query.next())
        rows.push_back({query.integer("model_a"), query.integer("model_b"), query.text("subset"), query.text("test"),
                        query.real("statistic"), query.real("p_value")});
    return rows;
}

void ResultRepository::saveShap(std::int64_t modelId, const std::vector<ShapRow>& rows) {
    Transaction transaction(db_);
    Statement(db_, "DELETE FROM shap_values WHERE model_id = :model")
        .bind(":model", modelId)
        .run("replace SHAP values");
    Statement insert(db_,
                     "INSERT INTO shap_values(model_id, patient_id, feature, shap, feature_value)"
                     " VALUES (:model, :patient, :feature, :shap, :feature_value)");
    for (const auto& row : rows)
        insert.bind(":model", modelId)
            .bind(":patient", row.patientId)
            .bind(":feature", row.feature)
            .bind(":shap", row.shap)
            .bind(":feature_value", row.featureValue)
            .run("store SHAP values");
    transaction.commit();
}

// SHAP values and correlations read back in the order they were stored (rowid: PostgreSQL projects
// have a column of that name).
std::vector<ShapRow> ResultRepository::shap(std::int64_t modelId) {
    Statement query(db_,
                    "SELECT patient_id, feature, shap, feature_value FROM shap_values WHERE model_id = :model"
                    " ORDER BY patient_id, rowid");
    query.bind(":model", modelId).run("read SHAP values");
    std::vector<ShapRow> rows;
    while (query.next())
        rows.push_back(
            {query.integer("patient_id"), query.text("feature"), query.real("shap"), query.real("feature_value")});
    return rows;
}

void ResultRepository::saveCorrelations(std::int64_t runId, const std::string& endpoint,
                                        const std::vector<CorrelationRow>& rows) {
    Transaction transaction(db_);
    const auto endpointKey = endpointId(endpoint);
    Statement(db_, "DELETE FROM correlations WHERE run_id = :run AND endpoint_id = :endpoint")
        .bind(":run", runId)
        .bind(":endpoint", endpointKey)
        .run("replace correlations");
    Statement insert(db_,
                     "INSERT INTO correlations(run_id, endpoint_id, feature_a, feature_b, method, r, p_value)"
                     " VALUES (:run, :endpoint, :feature_a, :feature_b, :method, :r, :p_value)");
    for (const auto& row : rows)
        insert.bind(":run", runId)
            .bind(":endpoint", endpointKey)
            .bind(":feature_a", row.featureA)
            .bind(":feature_b", row.featureB)
            .bind(":method", row.method)
            .bind(":r", row.r)
            .bind(":p_value", row.pValue)
            .run("store correlations");
    transaction.commit();
}

std::vector<CorrelationRow> ResultRepository::correlations(std::int64_t runId, const std::string& endpoint) {
    Statement query(db_,
                    "SELECT c.feature_a, c.feature_b, c.method, c.r, c.p_value FROM correlations c JOIN endpoints e"
                    " ON e.id = c.endpoint_id WHERE c.run_id = :run AND e.name = :endpoint ORDER BY c.rowid");
    query.bind(":run", runId).bind(":endpoint", endpoint).run("read correlations");
    std::vector<CorrelationRow> rows;
    while (query.next())
        rows.push_back({query.text("feature_a"), query.text("feature_b"), query.text("method"), query.real("r"),
                        query.real("p_value")});
    return rows;
}

std::int64_t ResultRepository::addReport(std::optional<std::int64_t> runId, const std::string& kind,
                                         const std::string& filePath) {
    const std::string hash = sha256File(db_.absoluteFilePath(filePath));
    Transaction transaction(db_);
    // One row per file: a report written again replaces its file, so an older row's hash would be stale.
    Statement(db_, "DELETE FROM reports WHERE file_path = :file_path")
        .bind(":file_path", filePath)
        .run("replace the record of " + filePath);
    const auto reportId = Statement(db_,
                                    "INSERT INTO reports(run_id, kind, file_path, sha256, created_at)"
                                    " VALUES (:run, :kind, :file_path, :sha256, :at) RETURNING id")
                              .bind(":run", runId)
                              .bind(":kind", kind)
                              .bind(":file_path", filePath)
                              .bind(":sha256", hash)
                              .bind(":at", utcNow())
                              .insert("record a report");
    transaction.commit();
    return reportId;
}

std::vector<ReportRow> ResultRepository::reports() {
    Statement query(db_, "SELECT id, run_id, kind, file_path, sha256, created_at FROM reports ORDER BY id");
    query.run("list reports");
    std::vector<ReportRow> rows;
    while (query.next()) {
        ReportRow row{query.integer("id"),     std::nullopt,         query.text("kind"),
                      query.text("file_path"), query.text("sha256"), query.text("created_at")};
        if (!query.isNull("run_id")) row.runId = query.integer("run_id");
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace drs::project
