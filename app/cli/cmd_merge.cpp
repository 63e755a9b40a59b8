// drs merge: the results of a sharded job (drs extract / drs deep-features --shard I/N --out-dir
// DIR) as the one CSV a single run would have written, byte for byte; or the study features of
// drs train --shard into the project.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <iostream>

#include "app/cli/Command.h"
#include "app/cli/FeatureTable.h"
#include "core/pipeline/ProjectShards.h"
#include "core/pipeline/Shard.h"
#include "core/project/ProjectDb.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

// Study-feature shards (drs train --shard) into the project's pipeline run.
int mergeIntoProject(const Args& args) {
    if (args.has("out")) throw Error("--project and --out do not go together: shards go into one of them");
    project::ProjectDb db(existingProject(args));
    const ShardMergeSummary summary = mergeProjectShards(db, args.value("shards"));
    for (const auto& skipped : summary.skipped) std::cerr << "drs merge: not merged: " << skipped << "\n";
    std::cerr << "drs merge: run " << summary.runId << ": " << summary.merged << " patients merged, "
              << summary.alreadyMerged << " already merged, " << summary.skipped.size() << " not merged\n";
    return summary.skipped.empty() ? 0 : 1;
}

int runMerge(const Args& args) {
    args.allowOnly({"shards", "out", "project"});
    if (args.has("project")) return mergeIntoProject(args);
    const std::string folder = args.value("shards");
    const MergedShards merged = readShardFolder(folder);
    // drs extract's carried cases-file columns, if any (see its extraColumnsJson).
    const QJsonObject description = QJsonDocument::fromJson(QByteArray::fromStdString(merged.descriptionJson)).object();
    std::vector<std::string> extraColumns;
    for (const QJsonValue& name : description.value("columns").toArray())
        extraColumns.push_back(name.toString().toStdString());
    const QJsonArray extraRows = description.value("rows").toArray();
    std::vector<FeatureRow> rows;
    QJsonArray provenance;
    std::size_t failed = 0;
    for (const auto& c : merged.cases) {
        if (!c.error.empty()) {
            ++failed;
            std::cerr << "drs merge: case " << c.id << ": " << c.error << "\n";
            continue;
        }
        rows.push_back({c.id, c.names, c.values, {}, c.textNames, c.textValues});
        if (!extraColumns.empty())
            for (const QJsonValue& cell : extraRows.at(static_cast<qsizetype>(c.index)).toArray())
                rows.back().extra.push_back(cell.toString().toStdString());
        const QJsonObject row = QJsonDocument::fromJson(QByteArray::fromStdString(c.provenanceJson)).object();
        if (!row.isEmpty()) provenance.append(row);
    }
    if (rows.empty()) throw Error(folder + ": every case failed");
    writeOutput(args, featureRowsCsv(rows, extraColumns));
    if (args.has("out") && !provenance.isEmpty()) writeProvenanceRows(args.value("out"), provenance);
    return failed == 0 ? 0 : 1;
}

const Registrar registrar({"merge",
                           "merge the per-case results of a sharded drs extract / deep-features job",
                           "--shards DIR [--out FEATURES.csv]   the CSV (and provenance) a single run writes; "
                           "refused while a case has no result\n"
                           "       drs merge --shards DIR --project P.sqlite   study features of drs train --shard "
                           "into the run drs train continues",
                           {},
                           runMerge});

}  // namespace
}  // namespace drs::cli
