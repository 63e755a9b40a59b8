#include "core/learn/Dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

#include "core/util/Error.h"

namespace drs::learn {
namespace {

std::string where(const CsvTable& table, const std::string& column, std::size_t row) {
    return table.source + ": column '" + column + "' data row " + std::to_string(row + 1);
}

// pyradiomics' diagnostics_* columns (drs extract writes them too) describe a case, never a feature.
bool isDiagnostic(const std::string& column) { return column.rfind("diagnostics_", 0) == 0; }

}  // namespace

int Dataset::positives() const { return std::accumulate(labels.begin(), labels.end(), 0); }

Dataset Dataset::subset(const std::vector<int>& rowIndices) const {
    Dataset out;
    out.featureNames = featureNames;
    out.source = source;
    out.features.resize(static_cast<Eigen::Index>(rowIndices.size()), features.cols());
    for (std::size_t k = 0; k < rowIndices.size(); ++k) {
        const int row = rowIndices[k];
        out.ids.push_back(ids.at(row));
        out.labels.push_back(labels.at(row));
        out.features.row(static_cast<Eigen::Index>(k)) = features.row(row);
    }
    return out;
}

std::vector<int> binaryColumn(const CsvTable& table, const std::string& column) {
    const std::size_t c = table.column(column);
    std::vector<int> out;
    out.reserve(table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string& cell = c < table.rows[r].size() ? table.rows[r][c] : std::string();
        const double value = parseDouble(cell, where(table, column, r));
        if (std::isnan(value)) throw Error(where(table, column, r) + ": the label is missing");
        if (value != 0.0 && value != 1.0)
            throw Error(where(table, column, r) + ": label '" + cell +
                        "' is not 0 or 1 (only binary endpoints are supported)");
        out.push_back(static_cast<int>(value));
    }
    return out;
}

std::vector<double> finiteColumn(const CsvTable& table, const std::string& column) {
    const std::size_t c = table.column(column);
    std::vector<double> out;
    out.reserve(table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string& cell = c < table.rows[r].size() ? table.rows[r][c] : std::string();
        const double value = parseDouble(cell, where(table, column, r));
        if (!std::isfinite(value)) throw Error(where(table, column, r) + ": '" + cell + "' is not a finite number");
        out.push_back(value);
    }
    return out;
}

Dataset datasetFromTable(const CsvTable& table, const DatasetColumns& columns) {
    if (table.rows.empty()) throw Error(table.source + ": the table has no data rows");
    Dataset d;
    d.source = table.source;
    d.labels = binaryColumn(table, columns.label);
    const int positives = d.positives();
    if (positives == 0 || positives == d.rows())
        throw Error(table.source + ": label '" + columns.label + "' has a single class (" + std::to_string(positives) +
                    " positives of " + std::to_string(d.rows()) + ")");
    const bool hasId = table.hasColumn(columns.id);
    std::unordered_set<std::string> seen;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        std::string id = hasId ? table.rows[r].at(table.column(columns.id)) : std::to_string(r);
        if (!seen.insert(id).second) throw Error(where(table, columns.id, r) + ": duplicate patient id '" + id + "'");
        d.ids.push_back(std::move(id));
    }
    for (const auto& name : columns.excluded)
        if (!table.hasColumn(name)) throw Error(table.source + ": no column '" + name + "' to exclude");
    const auto excluded = [&](const std::string& name) {
        return std::find(columns.excluded.begin(), columns.excluded.end(), name) != columns.excluded.end();
    };
    const bool named = !columns.features.empty();
    std::vector<std::string> candidates = columns.features;
    if (!named) {
        for (const auto& name : table.header)
            if (name != columns.label && !(hasId && name == columns.id) && !excluded(name) && !isDiagnostic(name))
                candidates.push_back(name);
    }
    for (const auto& name : candidates)
        if (excluded(name)) throw Error(table.source + ": column '" + name + "' is both a feature and excluded");
    if (candidates.empty()) throw Error(table.source + ": no feature columns");
    std::vector<std::vector<double>> columnsKept;
    for (const auto& name : candidates) {
        if (name == columns.label)
            throw Error(table.source + ": the label column '" + columns.label + "' cannot also be a feature");
        std::vector<double> values = finiteColumn(table, name);
        if (std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); })) {
            // A constant column carries nothing to learn from and cannot be z-scored. As glmnet,
            // the default feature set leaves it out; a column the user named is an error.
            if (named) throw Error(table.source + ": feature '" + name + "' is constant; remove it before learning");
            d.constantLeftOut.push_back(name);
            continue;
        }
        d.featureNames.push_back(name);
        columnsKept.push_back(std::move(values));
    }
    if (d.featureNames.empty())
        throw Error(table.source + ": every feature column is constant (" + std::to_string(candidates.size()) + ")");
    d.features.resize(d.rows(), static_cast<Eigen::Index>(d.featureNames.size()));
    for (std::size_t f = 0; f < columnsKept.size(); ++f)
        for (std::size_t r = 0; r < columnsKept[f].size(); ++r)
            d.features(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(f)) = columnsKept[f][r];
    return d;
}

}  // namespace drs::learn
