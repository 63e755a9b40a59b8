#include "core/project/Labels.h"

#include <QSysInfo>
#include <QtGlobal>

#include "core/project/Statement.h"
#include "core/util/Error.h"

namespace drs::project {

std::int64_t LabelRepository::endpointId(const std::string& endpoint) {
    Statement query(db_, "SELECT id FROM endpoints WHERE name = :name");
    query.bind(":name", endpoint).run("look up endpoint " + endpoint);
    if (!query.next()) throw Error(db_.path() + ": no endpoint " + endpoint + " in the project");
    return query.integer("id");
}

std::optional<int> LabelRepository::label(std::int64_t patientId, const std::string& endpoint) {
    Statement query(db_,
                    "SELECT l.value FROM labels l JOIN endpoints e ON e.id = l.endpoint_id"
                    " WHERE l.patient_id = :patient AND e.name = :endpoint");
    query.bind(":patient", patientId).bind(":endpoint", endpoint).run("read the " + endpoint + " label");
    if (!query.next()) return std::nullopt;
    return static_cast<int>(query.integer("value"));
}

bool LabelRepository::change(std::int64_t patientId, const std::string& endpoint, std::optional<int> value,
                             const std::string& reason) {
    return write(patientId, endpoint, nullptr, value, reason);
}

bool LabelRepository::changeFrom(std::int64_t patientId, const std::string& endpoint, std::optional<int> seen,
                                 std::optional<int> value, const std::string& reason) {
    return write(patientId, endpoint, &seen, value, reason);
}

namespace {
std::string labelText(std::optional<int> value) { return value ? std::to_string(*value) : "no label"; }
// Who edits, as login@machine: coordinators sharing one database role are still told apart.
std::string editorName() {
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty()) user = QStringLiteral("unknown user");
    return (user + QLatin1Char('@') + QSysInfo::machineHostName()).toStdString();
}

}  // namespace

bool LabelRepository::write(std::int64_t patientId, const std::string& endpoint, const std::optional<int>* seen,
                            std::optional<int> value, const std::string& reason) {
    if (value && *value != 0 && *value != 1)
        throw Error(db_.path() + ": label " + std::to_string(*value) + " for " + endpoint + " is not 0 or 1");
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(db_.path() + ": a label change needs a reason");
    bool changed = false;
    // One transaction, run again whole when the connection to a database server drops before its
    // commit (ProjectDb::inTransaction): the server kept nothing of the first run.
    db_.inTransaction([&] {
        changed = false;
        const auto endpoint_id = endpointId(endpoint);
        const auto old = label(patientId, endpoint);
        if (seen && *seen != old) {
            Statement last(
                db_,
                "SELECT c.reason, c.changed_at, c.changed_by FROM label_changes c WHERE c.patient_id = :patient"
                " AND c.endpoint_id = :endpoint ORDER BY c.changed_at DESC, c.id DESC LIMIT 1");
            last.bind(":patient", patientId).bind(":endpoint", endpoint_id).run("read the last change of the label");
            std::string who = "someone else", when;
            if (last.next()) {
                if (!last.isNull("changed_by")) who = last.text("changed_by");
                when = " at " + last.text("changed_at") + " (reason: " + last.text("reason") + ")";
            }
            throw LabelConflict(db_.path() + ": the " + endpoint + " label of patient " + std::to_string(patientId) +
                                " was changed by " + who + " from " + labelText(*seen) + " to " + labelText(old) +
                                when + " after you read it; your change to " + labelText(value) +
                                " was not saved. Reload the cohort and edit again if it still applies");
        }
        if (old == value) return;
        if (value) {
            Statement(db_,
                      "INSERT INTO labels(patient_id, endpoint_id, value) VALUES (:patient, :endpoint, :value)"
                      " ON CONFLICT(patient_id, endpoint_id) DO UPDATE SET value = excluded.value")
                .bind(":patient", patientId)
                .bind(":endpoint", endpoint_id)
                .bind(":value", *value)
                .run("store the " + endpoint + " label");
        } else {
            Statement(db_, "DELETE FROM labels WHERE patient_id = :patient AND endpoint_id = :endpoint")
                .bind(":patient", patientId)
                .bind(":endpoint", endpoint_id)
                .run("remove the " + endpoint + " label");
        }
        Statement(
            db_,
            "INSERT INTO label_changes(patient_id, endpoint_id, old_value, new_value, reason, changed_at, changed_by)"
            " VALUES (:patient, :endpoint, :old_value, :new_value, :reason, :at, :by)")
            .bind(":patient", patientId)
            .bind(":endpoint", endpoint_id)
            .bind(":old_value", old)
            .bind(":new_value", value)
            .bind(":reason", reason)
            .bind(":at", utcNow())
            .bind(":by", editorName())
            .run("record the " + endpoint + " label change");
        changed = true;
    });
    return changed;
}

std::vector<LabelChange> LabelRepository::changes() {
    Statement query(db_,
                    "SELECT c.id, c.patient_id, e.name AS endpoint, c.old_value, c.new_value, c.reason, c.changed_at,"
                    " c.changed_by"
                    " FROM label_changes c JOIN endpoints e ON e.id = c.endpoint_id ORDER BY c.changed_at, c.id");
    query.run("read the label changes");
    std::vector<LabelChange> rows;
    while (query.next())
        rows.push_back({query.integer("id"), query.integer("patient_id"), query.text("endpoint"),
                        query.optionalInteger("old_value"), query.optionalInteger("new_value"), query.text("reason"),
                        query.text("changed_at"), query.text("changed_by")});
    return rows;
}

std::vector<SupersededLabel> LabelRepository::supersededRuns() {
    Statement query(db_,
                    "SELECT s.run_id, e.name AS endpoint, s.patient_id, s.used_value, s.current_value"
                    " FROM superseded_label_runs s JOIN endpoints e ON e.id = s.endpoint_id"
                    " ORDER BY s.run_id, s.endpoint_id, s.patient_id");
    query.run("list runs on superseded labels");
    std::vector<SupersededLabel> rows;
    while (query.next())
        rows.push_back({query.integer("run_id"), query.text("endpoint"), query.integer("patient_id"),
                        query.optionalInteger("used_value"), query.optionalInteger("current_value")});
    return rows;
}

bool LabelRepository::isRunOnSupersededLabels(std::int64_t runId) {
    Statement query(db_, "SELECT 1 FROM superseded_label_runs WHERE run_id = :run LIMIT 1");
    query.bind(":run", runId).run("check the run's labels");
    return query.next();
}

}  // namespace drs::project
