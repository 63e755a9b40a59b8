#include "core/pipeline/Shard.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <charconv>
#include <map>
#include <utility>

#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs {

namespace {

constexpr const char* kFormat = "drs-shard-case-1";

QString q(const std::string& text) { return QString::fromStdString(text); }

int wholeNumber(const std::string& text) {
    int value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) return -1;
    return value;
}

QString fileName(std::size_t index) { return QStringLiteral("case-%1.json").arg(index, 6, 10, QLatin1Char('0')); }

QJsonObject toJson(const ShardCaseResult& result, const std::string& fingerprint, std::size_t caseCount) {
    QJsonArray names, values;
    for (const auto& name : result.names) names.append(q(name));
    // As shortest round-trip text: a JSON number would lose NaN and relies on the writer's precision.
    for (double value : result.values) values.append(q(formatDouble(value)));
    QJsonArray textNames, textValues;
    for (const auto& name : result.textNames) textNames.append(q(name));
    for (const auto& value : result.textValues) textValues.append(q(value));
    return {{"format", kFormat},
            {"job", q(fingerprint)},
            {"case_count", static_cast<qint64>(caseCount)},
            {"index", static_cast<qint64>(result.index)},
            {"id", q(result.id)},
            {"inputs", q(result.inputs)},
            {"error", q(result.error)},
            {"names", names},
            {"values", values},
            {"text_names", textNames},
            {"text_values", textValues},
            {"provenance", QJsonDocument::fromJson(QByteArray::fromStdString(result.provenanceJson)).object()}};
}

struct StoredCase {
    std::string fingerprint;
    std::size_t caseCount = 0;
    ShardCaseResult result;
};

StoredCase readCase(const QString& path) {
    const std::string where = path.toStdString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) throw Error(where + ": cannot read the shard result");
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject json = document.object();
    if (parseError.error != QJsonParseError::NoError || json.value("format").toString() != kFormat)
        throw Error(where + ": is not a shard result file (" + parseError.errorString().toStdString() + ")");
    StoredCase stored;
    stored.fingerprint = json.value("job").toString().toStdString();
    stored.caseCount = static_cast<std::size_t>(json.value("case_count").toInteger());
    ShardCaseResult& result = stored.result;
    result.index = static_cast<std::size_t>(json.value("index").toInteger());
    result.id = json.value("id").toString().toStdString();
    result.inputs = json.value("inputs").toString().toStdString();
    result.error = json.value("error").toString().toStdString();
    for (const auto& name : json.value("names").toArray()) result.names.push_back(name.toString().toStdString());
    for (const auto& value : json.value("values").toArray())
        result.values.push_back(parseDouble(value.toString().toStdString(), where));
    for (const auto& name : json.value("text_names").toArray())
        result.textNames.push_back(name.toString().toStdString());
    for (const auto& value : json.value("text_values").toArray())
        result.textValues.push_back(value.toString().toStdString());
    if (result.names.size() != result.values.size() || result.textNames.size() != result.textValues.size())
        throw Error(where + ": " + std::to_string(result.names.size() + result.textNames.size()) + " names but " +
                    std::to_string(result.values.size() + result.textValues.size()) + " values");
    result.provenanceJson =
        QJsonDocument(json.value("provenance").toObject()).toJson(QJsonDocument::Compact).toStdString();
    return stored;
}

}  // namespace

Shard parseShard(const std::string& text) {
    const auto slash = text.find('/');
    const int index = slash == std::string::npos ? -1 : wholeNumber(text.substr(0, slash));
    const int count = slash == std::string::npos ? -1 : wholeNumber(text.substr(slash + 1));
    if (index < 1 || count < 1 || index > count)
        throw Error("--shard '" + text + "': expected I/N with 1 <= I <= N (task I of N, e.g. 3/8)");
    return {index, count};
}

std::vector<std::size_t> shareOf(const Shard& shard, std::size_t caseCount, std::size_t unitSize) {
    if (unitSize == 0) unitSize = 1;
    std::vector<std::size_t> share;
    const auto count = static_cast<std::size_t>(shard.count);
    for (std::size_t unit = static_cast<std::size_t>(shard.index - 1); unit * unitSize < caseCount; unit += count)
        for (std::size_t i = unit * unitSize; i < std::min(caseCount, (unit + 1) * unitSize); ++i) share.push_back(i);
    return share;
}

ShardFolder::ShardFolder(std::string folder, std::string jobFingerprint, std::size_t caseCount,
                         const std::string& descriptionJson)
    : folder_(std::move(folder)), fingerprint_(std::move(jobFingerprint)), caseCount_(caseCount) {
    if (!QDir().mkpath(q(folder_))) throw Error(folder_ + ": cannot create the shard results folder");
    // The job's stamp on the folder: another job is refused before it computes anything.
    const QString stampPath = QDir(q(folder_)).filePath(QStringLiteral("job.json"));
    const QJsonObject stamp{
        {"format", kFormat},
        {"job", q(fingerprint_)},
        {"case_count", static_cast<qint64>(caseCount_)},
        {"description", QJsonDocument::fromJson(QByteArray::fromStdString(descriptionJson)).object()}};
    QFile existing(stampPath);
    if (existing.open(QIODevice::ReadOnly)) {
        if (QJsonDocument::fromJson(existing.readAll()).object() != stamp)
            throw Error(folder_ +
                        ": holds results of another job (another case list, settings or release); give this job "
                        "its own --out-dir");
        return;
    }
    QSaveFile file(stampPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(stamp).toJson(QJsonDocument::Compact)) < 0 ||
        !file.commit())
        throw Error(stampPath.toStdString() + ": cannot write: " + file.errorString().toStdString());
}

bool ShardFolder::isDone(std::size_t index, const std::string& id, const std::string& inputs) const {
    const QString path = QDir(q(folder_)).filePath(fileName(index));
    if (!QFile::exists(path)) return false;
    const StoredCase stored = readCase(path);
    if (stored.fingerprint != fingerprint_ || stored.result.id != id)
        throw Error(path.toStdString() +
                    ": holds a result of another job (another case list, settings or release); give this job "
                    "its own --out-dir");
    return stored.result.error.empty() && stored.result.inputs == inputs;
}

void ShardFolder::store(const ShardCaseResult& result) const {
    const QString path = QDir(q(folder_)).filePath(fileName(result.index));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(path.toStdString() + ": cannot write the shard result: " + file.errorString().toStdString());
    file.write(QJsonDocument(toJson(result, fingerprint_, caseCount_)).toJson(QJsonDocument::Compact));
    if (!file.commit())
        throw Error(path.toStdString() + ": cannot write the shard result: " + file.errorString().toStdString());
}

MergedShards readShardFolder(const std::string& folder) {
    const QDir dir(q(folder));
    if (!dir.exists()) throw Error(folder + ": the shard results folder does not exist");
    // Only whole files: a killed task may leave QSaveFile's temporary files, which are ignored.
    static const QRegularExpression kCaseFile(QStringLiteral("^case-[0-9]{6,}\\.json$"));
    MergedShards merged;
    std::size_t caseCount = 0;
    std::map<std::size_t, ShardCaseResult> byIndex;
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
        if (!kCaseFile.match(name).hasMatch()) continue;
        const QString path = dir.filePath(name);
        StoredCase stored = readCase(path);
        if (merged.jobFingerprint.empty()) {
            merged.jobFingerprint = stored.fingerprint;
            caseCount = stored.caseCount;
        } else if (stored.fingerprint != merged.jobFingerprint || stored.caseCount != caseCount) {
            throw Error(path.toStdString() +
                        ": belongs to another job than the other results in the folder (another case list, "
                        "settings or release); merge each job's folder separately");
        }
        if (stored.result.index >= caseCount || fileName(stored.result.index) != name)
            throw Error(path.toStdString() + ": case index " + std::to_string(stored.result.index) +
                        " does not match the file name or the list of " + std::to_string(caseCount) + " cases");
        byIndex.emplace(stored.result.index, std::move(stored.result));
    }
    if (byIndex.empty()) throw Error(folder + ": holds no shard results (case-*.json)");
    QFile stamp(dir.filePath(QStringLiteral("job.json")));
    const QJsonObject job =
        stamp.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(stamp.readAll()).object() : QJsonObject();
    if (job.value("job").toString().toStdString() != merged.jobFingerprint)
        throw Error(folder + ": job.json is missing or belongs to another job than the results");
    merged.descriptionJson =
        QJsonDocument(job.value("description").toObject()).toJson(QJsonDocument::Compact).toStdString();
    std::string missing;
    std::size_t missingCount = 0;
    for (std::size_t i = 0; i < caseCount; ++i)
        if (!byIndex.count(i) && ++missingCount <= 10) missing += (missing.empty() ? "" : ", ") + std::to_string(i + 1);
    if (missingCount > 0)
        throw Error(folder + ": " + std::to_string(missingCount) + " of " + std::to_string(caseCount) +
                    " cases have no result yet (case " + missing + (missingCount > 10 ? ", ..." : "") +
                    " in list order); run their tasks again, finished cases are kept");
    for (auto& [index, result] : byIndex) merged.cases.push_back(std::move(result));
    return merged;
}

}  // namespace drs
