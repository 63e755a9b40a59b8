#include "core/project/Labels.h"

#include "core/util/Error.h"

namespace drs::project {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }
QVariant id(std::int64_t value) { return QVariant::fromValue<qlonglong>(value); }
QVariant valueOrNull(std::optional<int> value) {
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Int));
}
std::optional<int> optionalInt(const QVariant& value) {
    if (value.isNull()) return std::nullopt;
    return value.toInt();
}
}  // namespace

std::int64_t LabelRepository::endpointId(const std::string& endpoint) {
    auto query = db_.prepare("SELECT id FROM endpoints WHERE name = ?");
    query.addBindValue(q(endpoint));
    db_.run(query, "look up endpoint " + endpoint);
    if (!query.next()) throw Error(db_.path() + ": no endpoint " + endpoint + " in the project");
    return query.value(0).toLongLong();
}

std::optional<int> LabelRepository::label(std::int64_t patientId, const std::string& endpoint) {
    auto query = db_.prepare(
        "SELECT l.value FROM labels l JOIN endpoints e ON e.id = l.endpoint_id WHERE l.patient_id = ? AND e.name = ?");
    query.addBindValue(id(patientId));
    query.addBindValue(q(endpoint));
    db_.run(query, "read the " + endpoint + " label");
    if (!query.next()) return std::nullopt;
    return query.value(0).toInt();
}

bool LabelRepository::change(std::int64_t patientId, const std::string& endpoint, std::optional<int> value,
                             const std::string& reason) {
    if (value && *value != 0 && *value != 1)
        throw Error(db_.path() + ": label " + std::to_string(*value) + " for " + endpoint + " is not 0 or 1");
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(db_.path() + ": a label change needs a reason");
    Transaction transaction(db_);
    const auto endpoint_id = endpointId(endpoint);
    const auto old = label(patientId, endpoint);
    if (old == value) return false;
    if (value) {
        auto upsert = db_.prepare("INSERT OR REPLACE INTO labels(patient_id, endpoint_id, value) VALUES (?, ?, ?)");
        upsert.addBindValue(id(patientId));
        upsert.addBindValue(id(endpoint_id));
        upsert.addBindValue(*value);
        db_.run(upsert, "store the " + endpoint + " label");
    } else {
        auto remove = db_.prepare("DELETE FROM labels WHERE patient_id = ? AND endpoint_id = ?");
        remove.addBindValue(id(patientId));
        remove.addBindValue(id(endpoint_id));
        db_.run(remove, "remove the " + endpoint + " label");
    }
    auto record = db_.prepare(
        "INSERT INTO label_changes(patient_id, endpoint_id, old_value, new_value, reason, changed_at)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    record.addBindValue(id(patientId));
    record.addBindValue(id(endpoint_id));
    record.addBindValue(valueOrNull(old));
    record.addBindValue(valueOrNull(value));
    record.addBindValue(q(reason));
    record.addBindValue(q(utcNow()));
    db_.run(record, "record the " + endpoint + " label change");
    transaction.commit();
    return true;
}

std::vector<LabelChange> LabelRepository::changes() {
    auto query = db_.prepare(
        "SELECT c.id, c.patient_id, e.name, c.old_value, c.new_value, c.reason, c.changed_at FROM label_changes c"
        " JOIN endpoints e ON e.id = c.endpoint_id ORDER BY c.changed_at, c.id");
    db_.run(query, "read the label changes");
    std::vector<LabelChange> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), query.value(1).toLongLong(),
                        query.value(2).toString().toStdString(), optionalInt(query.value(3)),
                        optionalInt(query.value(4)), query.value(5).toString().toStdString(),
                        query.value(6).toString().toStdString()});
    return rows;
}

std::vector<SupersededLabel> LabelRepository::supersededRuns() {
    auto query = db_.prepare(
        "SELECT s.run_id, e.name, s.patient_id, s.used_value, s.current_value FROM superseded_label_runs s"
        " JOIN endpoints e ON e.id = s.endpoint_id ORDER BY s.run_id, s.endpoint_id, s.patient_id");
    db_.run(query, "list runs on superseded labels");
    std::vector<SupersededLabel> rows;
    while (query.next())
        rows.push_back({query.value(0).toLongLong(), query.value(1).toString().toStdString(),
                        query.value(2).toLongLong(), optionalInt(query.value(3)), optionalInt(query.value(4))});
    return rows;
}

bool LabelRepository::isRunOnSupersededLabels(std::int64_t runId) {
    auto query = db_.prepare("SELECT 1 FROM superseded_label_runs WHERE run_id = ? LIMIT 1");
    query.addBindValue(id(runId));
    db_.run(query, "check the run's labels");
    return query.next();
}

}  // namespace drs::project
