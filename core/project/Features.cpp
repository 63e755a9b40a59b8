#include "core/project/Features.h"

#include <cmath>
#include <limits>
#include <map>

#include "core/util/Error.h"

namespace drs::project {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }
QVariant id(std::int64_t value) { return QVariant::fromValue<qlonglong>(value); }
// SQLite has no NaN: it stores NULL, which reads back as NaN.
QVariant real(double value) { return std::isnan(value) ? QVariant() : QVariant(value); }
double realOf(const QVariant& value) {
    return value.isNull() ? std::numeric_limits<double>::quiet_NaN() : value.toDouble();
}
}  // namespace

std::int64_t FeatureRepository::ensureFeatureSet(const FeatureSetKey& key, const std::string& settingsJson) {
    Transaction transaction(db_);
    auto insert = db_.prepare(
        "INSERT OR IGNORE INTO feature_sets(region_kind, settings_hash, settings_json, software_version, created_at)"
        " VALUES (?,?,?,?,?)");
    insert.addBindValue(q(key.regionKind));
    insert.addBindValue(q(key.settingsHash));
    insert.addBindValue(q(settingsJson));
    insert.addBindValue(q(key.softwareVersion));
    insert.addBindValue(q(utcNow()));
    db_.run(insert, "add a feature set");
    auto query =
        db_.prepare("SELECT id FROM feature_sets WHERE region_kind = ? AND settings_hash = ? AND software_version = ?");
    query.addBindValue(q(key.regionKind));
    query.addBindValue(q(key.settingsHash));
    query.addBindValue(q(key.softwareVersion));
    db_.run(query, "look up a feature set");
    query.next();
    const auto setId = query.value(0).toLongLong();
    query.finish();
    transaction.commit();
    return setId;
}

void FeatureRepository::storeValues(std::int64_t featureSetId, std::int64_t patientId,
                                    const std::vector<std::pair<std::string, double>>& values) {
    Transaction transaction(db_);
    auto clear = db_.prepare("DELETE FROM feature_values WHERE feature_set_id = ? AND patient_id = ?");
    clear.addBindValue(id(featureSetId));
    clear.addBindValue(id(patientId));
    db_.run(clear, "replace feature values");
    auto insert = db_.prepare("INSERT INTO feature_values(feature_set_id, patient_id, name, value) VALUES (?,?,?,?)");
    for (const auto& [name, value] : values) {
        insert.bindValue(0, id(featureSetId));
        insert.bindValue(1, id(patientId));
        insert.bindValue(2, q(name));
        insert.bindValue(3, real(value));
        db_.run(insert, "store feature " + name);
    }
    transaction.commit();
}

std::vector<std::pair<std::string, double>> FeatureRepository::values(std::int64_t featureSetId,
                                                                      std::int64_t patientId) {
    auto query = db_.prepare(
        "SELECT name, value FROM feature_values WHERE feature_set_id = ? AND patient_id = ? ORDER BY rowid");
    query.addBindValue(id(featureSetId));
    query.addBindValue(id(patientId));
    db_.run(query, "read feature values");
    std::vector<std::pair<std::string, double>> rows;
    while (query.next()) rows.emplace_back(query.value(0).toString().toStdString(), realOf(query.value(1)));
    return rows;
}

FeatureMatrix FeatureRepository::matrix(std::int64_t featureSetId) {
    auto query = db_.prepare(
        "SELECT patient_id, name, value FROM feature_values WHERE feature_set_id = ? ORDER BY patient_id, rowid");
    query.addBindValue(id(featureSetId));
    db_.run(query, "read the feature matrix");
    FeatureMatrix matrix;
    std::map<std::string, std::size_t> column;
    std::vector<std::tuple<std::size_t, std::size_t, double>> cells;
    while (query.next()) {
        const auto patient = query.value(0).toLongLong();
        if (matrix.patientIds.empty() || matrix.patientIds.back() != patient) matrix.patientIds.push_back(patient);
        const std::string name = query.value(1).toString().toStdString();
        auto [entry, added] = column.emplace(name, matrix.names.size());
        if (added) matrix.names.push_back(name);
        cells.emplace_back(matrix.patientIds.size() - 1, entry->second, realOf(query.value(2)));
    }
    matrix.values.assign(matrix.patientIds.size() * matrix.names.size(), std::numeric_limits<double>::quiet_NaN());
    for (const auto& [row, feature, value] : cells) matrix.values[row * matrix.names.size() + feature] = value;
    return matrix;
}

}  // namespace drs::project
