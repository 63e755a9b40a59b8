#include "core/project/Features.h"

#include <limits>
#include <map>

#include "core/project/Statement.h"
#include "core/util/Error.h"

namespace drs::project {

std::int64_t FeatureRepository::ensureFeatureSet(const FeatureSetKey& key, const std::string& settingsJson) {
    Transaction transaction(db_);
    Statement(db_,
              "INSERT INTO feature_sets(region_kind, settings_hash, settings_json, software_version, created_at)"
              " VALUES (:region_kind, :settings_hash, :settings_json, :software_version, :at)"
              " ON CONFLICT(region_kind, settings_hash, software_version) DO NOTHING")
        .bind(":region_kind", key.regionKind)
        .bind(":settings_hash", key.settingsHash)
        .bind(":settings_json", settingsJson)
        .bind(":software_version", key.softwareVersion)
        .bind(":at", utcNow())
        .run("add a feature set");
    Statement query(db_,
                    "SELECT id FROM feature_sets WHERE region_kind = :region_kind AND settings_hash = :settings_hash"
                    " AND software_version = :software_version");
    query.bind(":region_kind", key.regionKind)
        .bind(":settings_hash", key.settingsHash)
        .bind(":software_version", key.softwareVersion)
        .run("look up a feature set");
    query.next();
    const auto setId = query.integer("id");
    query.finish();
    transaction.commit();
    return setId;
}

void FeatureRepository::storeValues(std::int64_t featureSetId, std::int64_t patientId,
                                    const std::vector<std::pair<std::string, double>>& values) {
    Transaction transaction(db_);
    Statement(db_, "DELETE FROM feature_values WHERE feature_set_id = :set AND patient_id = :patient")
        .bind(":set", featureSetId)
        .bind(":patient", patientId)
        .run("replace feature values");
    Statement insert(db_,
                     "INSERT INTO feature_values(feature_set_id, patient_id, name, value)"
                     " VALUES (:set, :patient, :name, :value)");
    for (const auto& [name, value] : values)
        insert.bind(":set", featureSetId)
            .bind(":patient", patientId)
            .bind(":name", name)
            .bind(":value", value)
            .run("store feature " + name);
    transaction.commit();
}

// Features read back in the order they were stored (rowid: PostgreSQL projects have a column of that name).
std::vector<std::pair<std::string, double>> FeatureRepository::values(std::int64_t featureSetId,
                                                                      std::int64_t patientId) {
    Statement query(db_,
                    "SELECT name, value FROM feature_values WHERE feature_set_id = :set AND patient_id = :patient"
                    " ORDER BY rowid");
    query.bind(":set", featureSetId).bind(":patient", patientId).run("read feature values");
    std::vector<std::pair<std::string, double>> rows;
    while (query.next()) rows.emplace_back(query.text("name"), query.real("value"));
    return rows;
}

FeatureMatrix FeatureRepository::matrix(std::int64_t featureSetId) {
    Statement query(db_,
                    "SELECT patient_id, name, value FROM feature_values WHERE feature_set_id = :set"
                    " ORDER BY patient_id, rowid");
    query.bind(":set", featureSetId).run("read the feature matrix");
    FeatureMatrix matrix;
    std::map<std::string, std::size_t> column;
    std::vector<std::tuple<std::size_t, std::size_t, double>> cells;
    while (query.next()) {
        const auto patient = query.integer("patient_id");
        if (matrix.patientIds.empty() || matrix.patientIds.back() != patient) matrix.patientIds.push_back(patient);
        const std::string name = query.text("name");
        auto [entry, added] = column.emplace(name, matrix.names.size());
        if (added) matrix.names.push_back(name);
        cells.emplace_back(matrix.patientIds.size() - 1, entry->second, query.real("value"));
    }
    matrix.values.assign(matrix.patientIds.size() * matrix.names.size(), std::numeric_limits<double>::quiet_NaN());
    for (const auto& [row, feature, value] : cells) matrix.values[row * matrix.names.size() + feature] = value;
    return matrix;
}

}  // namespace drs::project
