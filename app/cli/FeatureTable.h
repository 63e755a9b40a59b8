#pragma once
// The feature CSV and its provenance sidecar as drs extract writes them, shared with drs merge so
// that merged shard results are the very bytes a single run writes.
#include <QJsonArray>
#include <string>
#include <vector>

#include "core/learn/Dataset.h"

namespace drs::cli {

class Args;

struct FeatureRow {
    std::string id;
    std::vector<std::string> names;
    std::vector<double> values;
    std::vector<std::string> extra;                              // the cases file's own columns, as text
    std::vector<std::string> diagnosticNames, diagnosticValues;  // pyradiomics' diagnostics_*, as text
};

// Header "id", the extra columns, the first row's diagnostic names and feature names; then one line
// per row (shortest round-trip numbers).
std::string featureRowsCsv(const std::vector<FeatureRow>& rows, const std::vector<std::string>& extraColumns = {});
// OUT.provenance.json: one JSON object per row, written atomically.
void writeProvenanceRows(const std::string& outPath, const QJsonArray& rows);

// The learning table of drs lasso / drs cv: --table, --label, --features or --exclude, --id. Constant
// columns the default feature set leaves out are listed on stderr under the command's name.
learn::Dataset datasetFromArgs(const Args& args, const std::string& command);

}  // namespace drs::cli
