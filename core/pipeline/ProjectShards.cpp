#include "core/pipeline/ProjectShards.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <exception>
#include <filesystem>
#include <map>

#include "core/pipeline/PatientExtraction.h"
#include "core/project/Cohort.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/Parallel.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

constexpr const char* kTumour = "tumour:";
constexpr const char* kRing = "ring:";

QString q(const std::string& text) { return QString::fromStdString(text); }

std::string compact(const QJsonObject& json) {
    return QJsonDocument(json).toJson(QJsonDocument::Compact).toStdString();
}

QJsonObject parseObject(const std::string& json) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

// The ROI version a case was computed from: a newer version makes the result stale.
std::string inputsOf(const project::CaseFiles& c) {
    return "roi " + std::to_string(c.roiId) + " version " + std::to_string(c.roiVersion);
}

QJsonObject regionJson(const project::RegionRow& region) {
    return {{"kind", q(region.kind)},
            {"path", q(region.path)},
            {"sha256", q(region.sha256)},
            {"voxel_count", static_cast<qint64>(region.voxelCount)},
            {"volume_mm3", q(formatDouble(region.volumeMm3))},
            {"details", parseObject(region.detailsJson)}};
}

project::RegionRow regionOf(const QJsonObject& json, const std::string& where) {
    project::RegionRow region;
    region.kind = json.value("kind").toString().toStdString();
    region.path = json.value("path").toString().toStdString();
    region.sha256 = json.value("sha256").toString().toStdString();
    region.voxelCount = json.value("voxel_count").toInteger();
    region.volumeMm3 = parseDouble(json.value("volume_mm3").toString().toStdString(), where);
    region.detailsJson = compact(json.value("details").toObject());
    return region;
}

ShardCaseResult resultOf(std::size_t index, const project::CaseFiles& c, const PatientFeatures& features,
                         const RegionSettings& settings, const std::string& folder) {
    ShardCaseResult result;
    result.index = index;
    result.id = c.pseudonym;
    result.inputs = inputsOf(c);
    for (const auto& [prefix, values] : {std::pair{kTumour, &features.tumour}, std::pair{kRing, &features.ring}})
        for (const auto& f : *values) {
            result.names.push_back(prefix + f.name);
            result.values.push_back(f.value);
        }
    QJsonArray regions;
    for (const auto& region :
         writeRegionFiles(features.regions, settings, c.pseudonym, folder + "/" + regionFolderOf(c.pseudonym)))
        regions.append(regionJson(region));
    result.provenanceJson = compact(QJsonObject{{"patient_id", static_cast<qint64>(c.patientId)},
                                                {"roi_id", static_cast<qint64>(c.roiId)},
                                                {"roi_version", c.roiVersion},
                                                {"regions", regions}});
    return result;
}

// Copies a region file of the shard folder under the project's files folder (whole or not at all)
// and checks it is the file the task described.
void copyRegionFile(const std::string& from, const std::string& to, const std::string& expectedSha256) {
    std::error_code error;
    fs::create_directories(fs::u8path(to).parent_path(), error);
    const fs::path partial = fs::u8path(to + ".partial");
    if (error || !fs::copy_file(fs::u8path(from), partial, fs::copy_options::overwrite_existing, error))
        throw Error(from + ": cannot copy into the project (" + error.message() + ")");
    if (sha256File(partial.string()) != expectedSha256) {
        fs::remove(partial, error);
        throw Error(from +
                    ": differs from the file its task described (a task is writing it again?); merge again "
                    "when the tasks have finished");
    }
    fs::rename(partial, fs::u8path(to), error);
    if (error) throw Error(to + ": cannot replace the file: " + error.message());
}

}  // namespace

ShardTaskSummary extractProjectShard(project::ProjectDb& db, const StudyOptions& options, const Shard& shard,
                                     const std::string& folder, Progress& progress) {
    const auto cases = project::CohortRepository(db).caseFiles();
    if (cases.empty()) throw Error(db.path() + ": the project holds no patient with a study and an ROI");
    const std::string parameters = options.toJson();
    const auto key = featureSetKey("tumour", options);
    std::string job = "study-features\n" + parameters + "\n" + key.softwareVersion;
    for (const auto& c : cases) job += "\n" + std::to_string(c.patientId) + "\t" + c.pseudonym;
    QJsonObject description{{"parameters", q(parameters)},
                            {"seed", q(std::to_string(options.seed))},
                            {"software_version", q(key.softwareVersion)},
                            {"settings_hash", q(key.settingsHash)},
                            {"settings_json", q(options.radiomics.toJson())}};
    // Only a ring other than 3 mm has a set of its own: the paper's jobs keep their stamp.
    const std::string ringHash = featureSetKey("ring", options).settingsHash;
    if (ringHash != key.settingsHash) description["ring_settings_hash"] = q(ringHash);
    const ShardFolder results(folder, sha256(job), cases.size(), compact(description));

    ShardTaskSummary summary;
    std::vector<std::size_t> pending;
    for (std::size_t index : shareOf(shard, cases.size())) {
        if (results.isDone(index, cases[index].pseudonym, inputsOf(cases[index])))
            ++summary.alreadyDone;
        else
            pending.push_back(index);
    }
    // Patients in parallel, as the pipeline computes them; each result is stored when its group ends.
    const int threads = std::max(1, options.threads);
    for (std::size_t begin = 0; begin < pending.size(); begin += static_cast<std::size_t>(threads)) {
        progress.step(static_cast<double>(begin) / static_cast<double>(pending.size()),
                      "shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count) + ": patient " +
                          std::to_string(begin + 1) + " of " + std::to_string(pending.size()));
        const std::size_t end = std::min(pending.size(), begin + static_cast<std::size_t>(threads));
        // Each patient's exception is kept and raised in patient order below: an Error is stored as
        // that patient's failure while the others of the batch are still stored.
        std::vector<PatientFeatures> computed(end - begin);
        std::vector<std::exception_ptr> failure(end - begin);
        parallelFor(static_cast<int>(end - begin), threads, &progress, [&](int k) {
            try {
                computed[static_cast<std::size_t>(k)] = computePatient(cases[pending[begin + k]], options);
            } catch (...) {
                failure[static_cast<std::size_t>(k)] = std::current_exception();
            }
        });
        for (std::size_t i = begin; i < end; ++i) {
            const auto& c = cases[pending[i]];
            try {
                if (failure[i - begin]) std::rethrow_exception(failure[i - begin]);
                results.store(resultOf(pending[i], c, computed[i - begin], options.regions, folder));
                ++summary.computed;
            } catch (const Error& e) {
                ShardCaseResult failed;
                failed.index = pending[i];
                failed.id = c.pseudonym;
                failed.inputs = inputsOf(c);
                failed.error = e.what();
                results.store(failed);
                summary.failures.push_back(c.pseudonym + ": " + e.what());
            }
        }
    }
    progress.step(1.0, "shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count) + " done");
    return summary;
}

ShardMergeSummary mergeProjectShards(project::ProjectDb& db, const std::string& folder) {
    const MergedShards merged = readShardFolder(folder);
    const QJsonObject job = parseObject(merged.descriptionJson);
    const std::string parameters = job.value("parameters").toString().toStdString();
    const std::string release = job.value("software_version").toString().toStdString();
    if (parameters.empty()) throw Error(folder + ": holds no study-feature shards (drs train --shard I/N)");
    if (release != DRS_VERSION)
        throw Error(folder + ": computed by DeepRadScore " + release + "; this is " + DRS_VERSION +
                    ", whose pipeline would not use them; merge with the release that computed them");

    project::FeatureRepository features(db);
    const std::string settingsJson = job.value("settings_json").toString().toStdString();
    const std::string settingsHash = job.value("settings_hash").toString().toStdString();
    const auto tumourSet = features.ensureFeatureSet({"tumour", settingsHash, release}, settingsJson);
    // One hash for both regions unless the ring has a set of its own.
    const std::string ringHash = job.value("ring_settings_hash").toString(q(settingsHash)).toStdString();
    const auto ringSet = features.ensureFeatureSet({"ring", ringHash, release}, settingsJson);

    ShardMergeSummary summary;
    summary.runId = resumableRun(db, parameters);
    const bool newRun = summary.runId == 0;
    if (newRun) summary.runId = startRun(db, parameters, std::stoull(job.value("seed").toString().toStdString()));
    project::RunRepository runs(db);
    std::map<std::string, project::CaseFiles> current;
    for (const auto& c : project::CohortRepository(db).caseFiles()) current[c.pseudonym] = c;

    for (const auto& result : merged.cases) {
        if (!result.error.empty()) {
            summary.skipped.push_back(result.id + ": " + result.error);
            continue;
        }
        const auto found = current.find(result.id);
        if (found == current.end()) {
            summary.skipped.push_back(result.id + ": no longer in the project (or without a study and an ROI)");
            continue;
        }
        const project::CaseFiles& c = found->second;
        if (result.inputs != inputsOf(c)) {
            summary.skipped.push_back(result.id + ": computed from " + result.inputs + ", but the ROI is at " +
                                      inputsOf(c) + " now; run its task again, then merge again");
            continue;
        }
        if (runs.isStepDone(summary.runId, stepOfPatient(c.patientId))) {
            ++summary.alreadyMerged;
            continue;
        }
        const std::string where = folder + " case " + result.id;
        const QJsonObject provenance = parseObject(result.provenanceJson);
        const QJsonArray regionList = provenance.value("regions").toArray();
        if (regionList.size() != 3) throw Error(where + ": expected 3 regions");
        std::array<project::RegionRow, 3> regions;
        for (int k = 0; k < 3; ++k) {
            regions[static_cast<std::size_t>(k)] = regionOf(regionList[k].toObject(), where);
            const auto& region = regions[static_cast<std::size_t>(k)];
            copyRegionFile(folder + "/" + region.path, db.absoluteFilePath(region.path), region.sha256);
        }
        NamedValues tumour, ring;
        for (std::size_t i = 0; i < result.names.size(); ++i) {
            const std::string& name = result.names[i];
            if (name.rfind(kTumour, 0) == 0)
                tumour.emplace_back(name.substr(std::string(kTumour).size()), result.values[i]);
            else if (name.rfind(kRing, 0) == 0)
                ring.emplace_back(name.substr(std::string(kRing).size()), result.values[i]);
            else
                throw Error(where + ": feature '" + name + "' is of neither region");
        }
        recordPatientStep(db, summary.runId, tumourSet, ringSet, c, regions, tumour, ring);
        ++summary.merged;
    }
    if (newRun)
        runs.finish(summary.runId, "cancelled",
                    "features merged from cluster shards (drs merge); drs train with the same options continues "
                    "this run");
    return summary;
}

}  // namespace drs
