#include "app/cli/FeatureTable.h"

#include <QJsonDocument>
#include <iostream>
#include <sstream>

#include "app/cli/Command.h"
#include "core/util/Csv.h"

namespace drs::cli {

std::string featureRowsCsv(const std::vector<FeatureRow>& rows, const std::vector<std::string>& extraColumns) {
    if (rows.empty()) return {};
    std::ostringstream out;
    out << "id";
    for (const auto& name : extraColumns) out << "," << csvEscape(name);
    for (const auto& name : rows.front().diagnosticNames) out << "," << csvEscape(name);
    for (const auto& name : rows.front().names) out << "," << csvEscape(name);
    out << "\n";
    for (const auto& row : rows) {
        out << csvEscape(row.id);
        for (const auto& cell : row.extra) out << "," << csvEscape(cell);
        for (const auto& cell : row.diagnosticValues) out << "," << csvEscape(cell);
        for (double value : row.values) out << "," << formatDouble(value);
        out << "\n";
    }
    return out.str();
}

void writeProvenanceRows(const std::string& outPath, const QJsonArray& rows) {
    Args sidecar({"--out", outPath + ".provenance.json"}, {});
    writeOutput(sidecar, QJsonDocument(rows).toJson(QJsonDocument::Indented).toStdString());
}

learn::Dataset datasetFromArgs(const Args& args, const std::string& command) {
    learn::Dataset data = learn::datasetFromTable(
        readCsv(args.value("table")),
        {args.value("label"), args.list("features"), args.valueOr("id", "id"), args.list("exclude")});
    if (!data.constantLeftOut.empty()) {
        std::cerr << "drs " << command << ": left out " << data.constantLeftOut.size() << " constant column"
                  << (data.constantLeftOut.size() == 1 ? "" : "s") << ":";
        for (const auto& name : data.constantLeftOut) std::cerr << " " << name;
        std::cerr << "\n";
    }
    return data;
}

}  // namespace drs::cli
