#include "app/cli/FeatureTable.h"

#include <QJsonDocument>
#include <sstream>

#include "app/cli/Command.h"
#include "core/util/Csv.h"

namespace drs::cli {

std::string featureRowsCsv(const std::vector<FeatureRow>& rows) {
    if (rows.empty()) return {};
    std::ostringstream out;
    out << "id";
    for (const auto& name : rows.front().names) out << "," << csvEscape(name);
    out << "\n";
    for (const auto& row : rows) {
        out << csvEscape(row.id);
        for (double value : row.values) out << "," << formatDouble(value);
        out << "\n";
    }
    return out.str();
}

void writeProvenanceRows(const std::string& outPath, const QJsonArray& rows) {
    Args sidecar({"--out", outPath + ".provenance.json"}, {});
    writeOutput(sidecar, QJsonDocument(rows).toJson(QJsonDocument::Indented).toStdString());
}

}  // namespace drs::cli
