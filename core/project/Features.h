#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs::project {

// A feature set is one extraction configuration: region (tumour, ring, patch...), the hash of the
// settings that produced it and the software version. Values are keyed by set, patient and name.
struct FeatureSetKey {
    std::string regionKind;
    std::string settingsHash;
    std::string softwareVersion;
};

// Feature values of one set, patients x features (row-major); NaN where a value is missing.
struct FeatureMatrix {
    std::vector<std::int64_t> patientIds;  // ascending
    std::vector<std::string> names;        // in first-stored order of the lowest patient id, then any others
    std::vector<double> values;            // patientIds.size() x names.size()
    double at(std::size_t patientRow, std::size_t feature) const { return values[patientRow * names.size() + feature]; }
};

class FeatureRepository {
public:
    explicit FeatureRepository(ProjectDb& db) : db_(db) {}

    std::int64_t ensureFeatureSet(const FeatureSetKey& key, const std::string& settingsJson);
    // Replaces a patient's values in the set, all in one transaction (order of `values` is kept).
    void storeValues(std::int64_t featureSetId, std::int64_t patientId,
                     const std::vector<std::pair<std::string, double>>& values);
    std::vector<std::pair<std::string, double>> values(std::int64_t featureSetId, std::int64_t patientId);
    FeatureMatrix matrix(std::int64_t featureSetId);

private:
    ProjectDb& db_;
};

}  // namespace drs::project
