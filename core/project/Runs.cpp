#include "core/project/Runs.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "core/project/Statement.h"
#include "core/util/Error.h"

namespace drs::project {

namespace {
constexpr const char* kRunColumns =
    "SELECT id, kind, parameters_json, seed, versions_json, started_at, coalesce(finished_at, '') AS finished_at,"
    " status, message FROM runs ";

RunRow runOf(const Statement& query) {
    return {query.integer("id"),       query.text("kind"),          query.text("parameters_json"),
            query.integer("seed"),     query.text("versions_json"), query.text("started_at"),
            query.text("finished_at"), query.text("status"),        query.text("message")};
}
}  // namespace

std::int64_t RunRepository::start(const std::string& kind, const std::string& parametersJson, std::int64_t seed,
                                  const std::string& versionsJson) {
    Transaction transaction(db_);
    const auto runId =
        Statement(db_,
                  "INSERT INTO runs(kind, parameters_json, seed, versions_json, started_at, status)"
                  " VALUES (:kind, :parameters_json, :seed, :versions_json, :at, 'running') RETURNING id")
            .bind(":kind", kind)
            .bind(":parameters_json", parametersJson)
            .bind(":seed", seed)
            .bind(":versions_json", versionsJson)
            .bind(":at", utcNow())
            .insert("start a run");
    transaction.commit();
    return runId;
}

std::optional<RunRow> RunRepository::run(std::int64_t runId) {
    Statement query(db_, std::string(kRunColumns) + "WHERE id = :run");
    query.bind(":run", runId).run("read run " + std::to_string(runId));
    if (!query.next()) return std::nullopt;
    return runOf(query);
}

std::optional<RunRow> RunRepository::latestUnfinished(const std::string& kind) {
    Statement query(db_,
                    std::string(kRunColumns) + "WHERE kind = :kind AND status = 'running' ORDER BY id DESC LIMIT 1");
    query.bind(":kind", kind).run("look for an interrupted run");
    if (!query.next()) return std::nullopt;
    return runOf(query);
}

std::vector<RunRow> RunRepository::runs(const std::string& kind) {
    Statement query(db_, std::string(kRunColumns) + "WHERE kind = :kind ORDER BY id DESC");
    query.bind(":kind", kind).run("list the runs");
    std::vector<RunRow> rows;
    while (query.next()) rows.push_back(runOf(query));
    return rows;
}

void RunRepository::finish(std::int64_t runId, const std::string& status, const std::string& message) {
    if (status != "finished" && status != "failed" && status != "cancelled")
        throw Error(db_.path() + ": '" + status + "' is not a final run status");
    Transaction transaction(db_);
    Statement update(db_, "UPDATE runs SET status = :status, message = :message, finished_at = :at WHERE id = :run");
    update.bind(":status", status)
        .bind(":message", message)
        .bind(":at", utcNow())
        .bind(":run", runId)
        .run("finish run " + std::to_string(runId));
    if (update.rowsAffected() != 1) throw Error(db_.path() + ": no run " + std::to_string(runId));
    transaction.commit();
}

void RunRepository::reopen(std::int64_t runId) {
    Transaction transaction(db_);
    Statement update(db_, "UPDATE runs SET status = 'running', message = '', finished_at = NULL WHERE id = :run");
    update.bind(":run", runId).run("reopen run " + std::to_string(runId));
    if (update.rowsAffected() != 1) throw Error(db_.path() + ": no run " + std::to_string(runId));
    transaction.commit();
}

void RunRepository::recordVersion(std::int64_t runId, const std::string& key, const std::string& value) {
    Transaction transaction(db_);
    const auto row = run(runId);
    if (!row) throw Error(db_.path() + ": no run " + std::to_string(runId));
    QJsonObject versions = QJsonDocument::fromJson(QByteArray::fromStdString(row->versionsJson)).object();
    const QString name = QString::fromStdString(key), text = QString::fromStdString(value);
    const QString recorded = versions.value(name).toString();
    if (recorded == text || recorded.endsWith(QStringLiteral("; resumed with ") + text)) return;
    versions[name] = recorded.isEmpty() ? text : recorded + QStringLiteral("; resumed with ") + text;
    Statement(db_, "UPDATE runs SET versions_json = :versions WHERE id = :run")
        .bind(":versions", QJsonDocument(versions).toJson(QJsonDocument::Compact).toStdString())
        .bind(":run", runId)
        .run("record the versions of run " + std::to_string(runId));
    transaction.commit();
}

void RunRepository::markStepDone(std::int64_t runId, const std::string& step, const std::string& checkpointJson) {
    Transaction transaction(db_);
    Statement(db_,
              "INSERT INTO run_steps(run_id, step, finished_at, checkpoint_json) VALUES (:run, :step, :at, :checkpoint)"
              " ON CONFLICT(run_id, step) DO UPDATE SET finished_at = excluded.finished_at,"
              " checkpoint_json = excluded.checkpoint_json")
        .bind(":run", runId)
        .bind(":step", step)
        .bind(":at", utcNow())
        .bind(":checkpoint", checkpointJson)
        .run("record step " + step);
    transaction.commit();
}

bool RunRepository::isStepDone(std::int64_t runId, const std::string& step) {
    return checkpoint(runId, step).has_value();
}

std::optional<std::string> RunRepository::checkpoint(std::int64_t runId, const std::string& step) {
    Statement query(db_, "SELECT checkpoint_json FROM run_steps WHERE run_id = :run AND step = :step");
    query.bind(":run", runId).bind(":step", step).run("read step " + step);
    if (!query.next()) return std::nullopt;
    return query.text("checkpoint_json");
}

std::int64_t RunRepository::endpointId(const std::string& endpoint) {
    Statement query(db_, "SELECT id FROM endpoints WHERE name = :name");
    query.bind(":name", endpoint).run("look up endpoint " + endpoint);
    if (!query.next()) throw Error(db_.path() + ": no endpoint named " + endpoint);
    return query.integer("id");
}

void RunRepository::saveSplit(std::int64_t runId, const std::string& endpoint, const std::vector<SplitRow>& split) {
    Transaction transaction(db_);
    const auto endpointKey = endpointId(endpoint);
    Statement(db_, "DELETE FROM splits WHERE run_id = :run AND endpoint_id = :endpoint")
        .bind(":run", runId)
        .bind(":endpoint", endpointKey)
        .run("replace the " + endpoint + " split");
    Statement insert(db_,
                     "INSERT INTO splits(run_id, endpoint_id, patient_id, subset)"
                     " VALUES (:run, :endpoint, :patient, :subset)");
    for (const auto& row : split)
        insert.bind(":run", runId)
            .bind(":endpoint", endpointKey)
            .bind(":patient", row.patientId)
            .bind(":subset", row.test ? "test" : "train")
            .run("store the " + endpoint + " split");
    transaction.commit();
}

std::vector<SplitRow> RunRepository::split(std::int64_t runId, const std::string& endpoint) {
    Statement query(db_,
                    "SELECT s.patient_id, s.subset FROM splits s JOIN endpoints e ON e.id = s.endpoint_id"
                    " WHERE s.run_id = :run AND e.name = :endpoint ORDER BY s.patient_id");
    query.bind(":run", runId).bind(":endpoint", endpoint).run("read the " + endpoint + " split");
    std::vector<SplitRow> rows;
    while (query.next()) rows.push_back({query.integer("patient_id"), query.text("subset") == "test"});
    return rows;
}

void RunRepository::saveFolds(std::int64_t runId, const std::string& endpoint, const std::vector<FoldRow>& folds) {
    Transaction transaction(db_);
    const auto endpointKey = endpointId(endpoint);
    Statement(db_, "DELETE FROM cv_folds WHERE run_id = :run AND endpoint_id = :endpoint")
        .bind(":run", runId)
        .bind(":endpoint", endpointKey)
        .run("replace the " + endpoint + " folds");
    Statement insert(db_,
                     "INSERT INTO cv_folds(run_id, endpoint_id, repeat, patient_id, fold)"
                     " VALUES (:run, :endpoint, :repeat, :patient, :fold)");
    for (const auto& row : folds)
        insert.bind(":run", runId)
            .bind(":endpoint", endpointKey)
            .bind(":repeat", row.repeat)
            .bind(":patient", row.patientId)
            .bind(":fold", row.fold)
            .run("store the " + endpoint + " folds");
    transaction.commit();
}

std::vector<FoldRow> RunRepository::folds(std::int64_t runId, const std::string& endpoint) {
    Statement query(db_,
                    "SELECT f.repeat, f.patient_id, f.fold FROM cv_folds f JOIN endpoints e ON e.id = f.endpoint_id"
                    " WHERE f.run_id = :run AND e.name = :endpoint ORDER BY f.repeat, f.patient_id");
    query.bind(":run", runId).bind(":endpoint", endpoint).run("read the " + endpoint + " folds");
    std::vector<FoldRow> rows;
    while (query.next())
        rows.push_back({static_cast<int>(query.integer("repeat")), query.integer("patient_id"),
                        static_cast<int>(query.integer("fold"))});
    return rows;
}

}  // namespace drs::project
