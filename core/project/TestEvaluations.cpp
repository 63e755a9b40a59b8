#include "core/project/TestEvaluations.h"

#include "core/project/Statement.h"
#include "core/util/Error.h"

namespace drs::project {

void TestEvaluationRepository::record(std::int64_t runId, const std::string& endpoint, int testPatients,
                                      const std::string& modelsSha256) {
    Statement existing(db_,
                       "SELECT t.evaluated_at FROM test_evaluations t JOIN endpoints e ON e.id = t.endpoint_id"
                       " WHERE t.run_id = :run AND e.name = :endpoint");
    existing.bind(":run", runId).bind(":endpoint", endpoint).run("look for an earlier test evaluation");
    if (existing.next())
        throw Error(db_.path() + ": run " + std::to_string(runId) + " already evaluated its " + endpoint +
                    " test cohort (" + existing.text("evaluated_at") + "); a run evaluates its test cohort once");
    Statement insert(db_,
                     "INSERT INTO test_evaluations(run_id, endpoint_id, evaluated_at, test_patients, models_sha256)"
                     " SELECT :run, id, :at, :patients, :models_sha256 FROM endpoints WHERE name = :endpoint");
    insert.bind(":run", runId)
        .bind(":at", utcNow())
        .bind(":patients", testPatients)
        .bind(":models_sha256", modelsSha256)
        .bind(":endpoint", endpoint)
        .run("record the " + endpoint + " test evaluation");
    if (insert.rowsAffected() != 1) throw Error(db_.path() + ": no endpoint named " + endpoint);
}

std::vector<TestEvaluationRow> TestEvaluationRepository::evaluations(std::int64_t runId) {
    Statement query(db_,
                    "SELECT t.run_id, e.name AS endpoint, t.evaluated_at, t.test_patients, t.models_sha256"
                    " FROM test_evaluations t JOIN endpoints e ON e.id = t.endpoint_id WHERE t.run_id = :run"
                    " ORDER BY e.name");
    query.bind(":run", runId).run("read the test evaluations");
    std::vector<TestEvaluationRow> rows;
    while (query.next())
        rows.push_back({query.integer("run_id"), query.text("endpoint"), query.text("evaluated_at"),
                        static_cast<int>(query.integer("test_patients")), query.text("models_sha256")});
    return rows;
}

}  // namespace drs::project
