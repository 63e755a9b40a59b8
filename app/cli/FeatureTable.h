#pragma once
// The feature CSV and its provenance sidecar as drs extract writes them, shared with drs merge so
// that merged shard results are the very bytes a single run writes.
#include <QJsonArray>
#include <string>
#include <vector>

namespace drs::cli {

struct FeatureRow {
    std::string id;
    std::vector<std::string> names;
    std::vector<double> values;
};

// Header "id" + the first row's names, then one line per row (shortest round-trip numbers).
std::string featureRowsCsv(const std::vector<FeatureRow>& rows);
// OUT.provenance.json: one JSON object per row, written atomically.
void writeProvenanceRows(const std::string& outPath, const QJsonArray& rows);

}  // namespace drs::cli
