#include "core/project/TestEvaluations.h"

#include "core/util/Error.h"

namespace drs::project {

void TestEvaluationRepository::record(std::int64_t runId, const std::string& endpoint, int testPatients,
                                      const std::string& modelsSha256) {
    const QVariant run = QVariant::fromValue<qlonglong>(runId);
    auto existing = db_.prepare(
        "SELECT t.evaluated_at FROM test_evaluations t JOIN endpoints e ON e.id = t.endpoint_id"
        " WHERE t.run_id = ? AND e.name = ?");
    existing.addBindValue(run);
    existing.addBindValue(QString::fromStdString(endpoint));
    db_.run(existing, "look for an earlier test evaluation");
    if (existing.next())
        throw Error(db_.path() + ": run " + std::to_string(runId) + " already evaluated its " + endpoint +
                    " test cohort (" + existing.value(0).toString().toStdString() +
                    "); a run evaluates its test cohort once");
    auto insert = db_.prepare(
        "INSERT INTO test_evaluations(run_id, endpoint_id, evaluated_at, test_patients, models_sha256)"
        " SELECT ?, id, ?, ?, ? FROM endpoints WHERE name = ?");
    insert.addBindValue(run);
    insert.addBindValue(QString::fromStdString(utcNow()));
    insert.addBindValue(testPatients);
    insert.addBindValue(QString::fromStdString(modelsSha256));
    insert.addBindValue(QString::fromStdString(endpoint));
    db_.run(insert, "record the " + endpoint + " test evaluation");
    if (insert.numRowsAffected() != 1) throw Error(db_.path() + ": no endpoint named " + endpoint);
}

std::vector<TestEvaluationRow> TestEvaluationRepository::evaluations(std::int64_t runId) {
    auto query = db_.prepare(
        "SELECT t.run_id, e.name, t.evaluated_at, t.test_patients, t.models_sha256 FROM test_evaluations t"
        " JOIN endpoints e ON e.id = t.endpoint_id WHERE t.run_id = ? ORDER BY e.name");
    query.addBindValue(QVariant::fromValue<qlonglong>(runId));
    db_.run(query, "read the test evaluations");
    std::vector<TestEvaluationRow> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), query.value(1).toString().toStdString(),
                        query.value(2).toString().toStdString(), query.value(3).toInt(),
                        query.value(4).toString().toStdString()});
    return rows;
}

}  // namespace drs::project
