#include "core/project/Runs.h"

#include "core/util/Error.h"

namespace drs::project {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }
std::string s(const QVariant& value) { return value.toString().toStdString(); }
QVariant id(std::int64_t value) { return QVariant::fromValue<qlonglong>(value); }

RunRow runOf(const QSqlQuery& query) {
    return {query.value(0).toLongLong(), s(query.value(1)), s(query.value(2)),
            query.value(3).toLongLong(), s(query.value(4)), s(query.value(5)),
            s(query.value(6)),           s(query.value(7)), s(query.value(8))};
}
constexpr const char* kRunColumns =
    "SELECT id, kind, parameters_json, seed, versions_json, started_at, coalesce(finished_at, ''), status, message"
    " FROM runs ";
}  // namespace

std::int64_t RunRepository::start(const std::string& kind, const std::string& parametersJson, std::int64_t seed,
                                  const std::string& versionsJson) {
    Transaction transaction(db_);
    auto insert = db_.prepare(
        "INSERT INTO runs(kind, parameters_json, seed, versions_json, started_at, status) VALUES (?,?,?,?,?,'running')");
    insert.addBindValue(q(kind));
    insert.addBindValue(q(parametersJson));
    insert.addBindValue(id(seed));
    insert.addBindValue(q(versionsJson));
    insert.addBindValue(q(utcNow()));
    db_.run(insert, "start a run");
    const auto runId = db_.insertedId(insert);
    transaction.commit();
    return runId;
}

std::optional<RunRow> RunRepository::run(std::int64_t runId) {
    auto query = db_.prepare(std::string(kRunColumns) + "WHERE id = ?");
    query.addBindValue(id(runId));
    db_.run(query, "read run " + std::to_string(runId));
    if (!query.next()) return std::nullopt;
    return runOf(query);
}

std::optional<RunRow> RunRepository::latestUnfinished(const std::string& kind) {
    auto query =
        db_.prepare(std::string(kRunColumns) + "WHERE kind = ? AND status = 'running' ORDER BY id DESC LIMIT 1");
    query.addBindValue(q(kind));
    db_.run(query, "look for an interrupted run");
    if (!query.next()) return std::nullopt;
    return runOf(query);
}

std::vector<RunRow> RunRepository::runs(const std::string& kind) {
    auto query = db_.prepare(std::string(kRunColumns) + "WHERE kind = ? ORDER BY id DESC");
    query.addBindValue(q(kind));
    db_.run(query, "list the runs");
    std::vector<RunRow> rows;
    while (query.next()) rows.push_back(runOf(query));
    return rows;
}

void RunRepository::finish(std::int64_t runId, const std::string& status, const std::string& message) {
    if (status != "finished" && status != "failed" && status != "cancelled")
        throw Error(db_.path() + ": '" + status + "' is not a final run status");
    Transaction transaction(db_);
    auto update = db_.prepare("UPDATE runs SET status = ?, message = ?, finished_at = ? WHERE id = ?");
    update.addBindValue(q(status));
    update.addBindValue(q(message));
    update.addBindValue(q(utcNow()));
    update.addBindValue(id(runId));
    db_.run(update, "finish run " + std::to_string(runId));
    if (update.numRowsAffected() != 1) throw Error(db_.path() + ": no run " + std::to_string(runId));
    transaction.commit();
}

void RunRepository::reopen(std::int64_t runId) {
    Transaction transaction(db_);
    auto update = db_.prepare("UPDATE runs SET status = 'running', message = '', finished_at = NULL WHERE id = ?");
    update.addBindValue(id(runId));
    db_.run(update, "reopen run " + std::to_string(runId));
    if (update.numRowsAffected() != 1) throw Error(db_.path() + ": no run " + std::to_string(runId));
    transaction.commit();
}

void RunRepository::markStepDone(std::int64_t runId, const std::string& step, const std::string& checkpointJson) {
    Transaction transaction(db_);
    auto upsert =
        db_.prepare("INSERT OR REPLACE INTO run_steps(run_id, step, finished_at, checkpoint_json) VALUES (?,?,?,?)");
    upsert.addBindValue(id(runId));
    upsert.addBindValue(q(step));
    upsert.addBindValue(q(utcNow()));
    upsert.addBindValue(q(checkpointJson));
    db_.run(upsert, "record step " + step);
    transaction.commit();
}

bool RunRepository::isStepDone(std::int64_t runId, const std::string& step) {
    return checkpoint(runId, step).has_value();
}

std::optional<std::string> RunRepository::checkpoint(std::int64_t runId, const std::string& step) {
    auto query = db_.prepare("SELECT checkpoint_json FROM run_steps WHERE run_id = ? AND step = ?");
    query.addBindValue(id(runId));
    query.addBindValue(q(step));
    db_.run(query, "read step " + step);
    if (!query.next()) return std::nullopt;
    return s(query.value(0));
}

std::int64_t RunRepository::endpointId(const std::string& endpoint) {
    auto query = db_.prepare("SELECT id FROM endpoints WHERE name = ?");
    query.addBindValue(q(endpoint));
    db_.run(query, "look up endpoint " + endpoint);
    if (!query.next()) throw Error(db_.path() + ": no endpoint named " + endpoint);
    return query.value(0).toLongLong();
}

void RunRepository::saveSplit(std::int64_t runId, const std::string& endpoint, const std::vector<SplitRow>& split) {
    Transaction transaction(db_);
    const auto endpointKey = endpointId(endpoint);
    auto clear = db_.prepare("DELETE FROM splits WHERE run_id = ? AND endpoint_id = ?");
    clear.addBindValue(id(runId));
    clear.addBindValue(id(endpointKey));
    db_.run(clear, "replace the " + endpoint + " split");
    auto insert = db_.prepare("INSERT INTO splits(run_id, endpoint_id, patient_id, subset) VALUES (?,?,?,?)");
    for (const auto& row : split) {
        insert.bindValue(0, id(runId));
        insert.bindValue(1, id(endpointKey));
        insert.bindValue(2, id(row.patientId));
        insert.bindValue(3, row.test ? QStringLiteral("test") : QStringLiteral("train"));
        db_.run(insert, "store the " + endpoint + " split");
    }
    transaction.commit();
}

std::vector<SplitRow> RunRepository::split(std::int64_t runId, const std::string& endpoint) {
    auto query = db_.prepare(
        "SELECT s.patient_id, s.subset FROM splits s JOIN endpoints e ON e.id = s.endpoint_id"
        " WHERE s.run_id = ? AND e.name = ? ORDER BY s.patient_id");
    query.addBindValue(id(runId));
    query.addBindValue(q(endpoint));
    db_.run(query, "read the " + endpoint + " split");
    std::vector<SplitRow> rows;
    while (query.next()) rows.push_back({query.value(0).toLongLong(), query.value(1).toString() == "test"});
    return rows;
}

void RunRepository::saveFolds(std::int64_t runId, const std::string& endpoint, const std::vector<FoldRow>& folds) {
    Transaction transaction(db_);
    const auto endpointKey = endpointId(endpoint);
    auto clear = db_.prepare("DELETE FROM cv_folds WHERE run_id = ? AND endpoint_id = ?");
    clear.addBindValue(id(runId));
    clear.addBindValue(id(endpointKey));
    db_.run(clear, "replace the " + endpoint + " folds");
    auto insert = db_.prepare("INSERT INTO cv_folds(run_id, endpoint_id, repeat, patient_id, fold) VALUES (?,?,?,?,?)");
    for (const auto& row : folds) {
        insert.bindValue(0, id(runId));
        insert.bindValue(1, id(endpointKey));
        insert.bindValue(2, row.repeat);
        insert.bindValue(3, id(row.patientId));
        insert.bindValue(4, row.fold);
        db_.run(insert, "store the " + endpoint + " folds");
    }
    transaction.commit();
}

std::vector<FoldRow> RunRepository::folds(std::int64_t runId, const std::string& endpoint) {
    auto query = db_.prepare(
        "SELECT f.repeat, f.patient_id, f.fold FROM cv_folds f JOIN endpoints e ON e.id = f.endpoint_id"
        " WHERE f.run_id = ? AND e.name = ? ORDER BY f.repeat, f.patient_id");
    query.addBindValue(id(runId));
    query.addBindValue(q(endpoint));
    db_.run(query, "read the " + endpoint + " folds");
    std::vector<FoldRow> rows;
    while (query.next()) rows.push_back({query.value(0).toInt(), query.value(1).toLongLong(), query.value(2).toInt()});
    return rows;
}

}  // namespace drs::project
