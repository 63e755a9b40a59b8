#include "core/pacs/DicomWebClient.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>
#include <set>

#include "core/pacs/Multipart.h"

namespace drs::pacs {

namespace {

const char* const kDicomJson = "application/dicom+json";
const char* const kMultipartDicom = "multipart/related; type=\"application/dicom\"";

// Study attributes QIDO-RS returns only when asked (PS3.18 Table 6.7.1-2 lists the defaults).
const char* const kStudyFields = "00100030,00100040,00081030,00080090,00200010,00080061,00201206,00201208";
const char* const kSeriesFields = "0008103E,00200011,00201209";

// One attribute of a DICOM JSON dataset (PS3.18 Annex F) as text: values joined by a backslash,
// a person name by its alphabetic form; empty when absent or without value.
std::string text(const QJsonObject& dataset, const char* tag) {
    const QJsonArray values = dataset.value(tag).toObject().value("Value").toArray();
    std::string joined;
    for (const auto& value : values) {
        if (!joined.empty()) joined += '\\';
        if (value.isObject())
            joined += value.toObject().value("Alphabetic").toString().toStdString();
        else if (value.isDouble())
            joined += QString::number(value.toDouble(), 'g', 17).toStdString();
        else
            joined += value.toString().toStdString();
    }
    return joined;
}

std::vector<std::string> texts(const QJsonObject& dataset, const char* tag) {
    std::vector<std::string> out;
    for (const auto& value : dataset.value(tag).toObject().value("Value").toArray())
        out.push_back(value.isDouble() ? QString::number(value.toDouble()).toStdString()
                                       : value.toString().toStdString());
    return out;
}

int number(const QJsonObject& dataset, const char* tag) {
    const QJsonArray values = dataset.value(tag).toObject().value("Value").toArray();
    if (values.isEmpty()) return -1;
    const QJsonValue first = values.first();
    bool ok = true;
    const int parsed = first.isDouble() ? first.toInt() : first.toString().trimmed().toInt(&ok);
    return ok ? parsed : -1;
}

QJsonArray datasets(const QByteArray& body, const std::string& what) {
    if (body.trimmed().isEmpty()) return {};  // 204 No Content: no match
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        throw Error("the server's " + what + " answer is not a DICOM JSON array");
    return document.array();
}

StudyMatch studyFrom(const QJsonObject& d) {
    StudyMatch m;
    m.studyInstanceUid = text(d, "0020000D");
    m.patientId = text(d, "00100020");
    m.patientName = text(d, "00100010");
    m.patientBirthDate = text(d, "00100030");
    m.patientSex = text(d, "00100040");
    m.studyDate = text(d, "00080020");
    m.studyTime = text(d, "00080030");
    m.studyId = text(d, "00200010");
    m.studyDescription = text(d, "00081030");
    m.accessionNumber = text(d, "00080050");
    m.referringPhysicianName = text(d, "00080090");
    m.modalities = texts(d, "00080061");
    m.seriesCount = number(d, "00201206");
    m.instanceCount = number(d, "00201208");
    return m;
}

// Writes the parts of a WADO-RS answer as files into a folder, checking each is a DICOM file
// (preamble and "DICM"). A retried request starts the folder afresh.
class FolderWriter : public ResponseSink, public PartSink {
public:
    FolderWriter(QString folder, Progress* progress, int expected)
        : folder_(std::move(folder)), progress_(progress), expected_(expected) {}

    void begin(const std::string& contentType) override {
        QDir(folder_).removeRecursively();
        if (!QDir().mkpath(folder_)) throw Error(folder_.toStdString() + ": cannot create the folder");
        reader_ = std::make_unique<MultipartReader>(multipartBoundary(contentType), *this);
        instances = 0;
        bytes = 0;
    }
    void data(const char* data, std::size_t size) override { reader_->feed(data, size); }
    void end() override { reader_->finish(); }

    void beginPart(const std::map<std::string, std::string>& headers) override {
        if (auto type = headers.find("content-type");
            type != headers.end() && type->second.rfind("application/dicom", 0) != 0)
            throw Error("the server sent a part of type '" + type->second + "' where DICOM was asked for");
        char name[32];
        std::snprintf(name, sizeof name, "%04zu.dcm", instances + 1);
        file_.setFileName(folder_ + "/" + name);
        if (!file_.open(QIODevice::WriteOnly)) throw Error(file_.fileName().toStdString() + ": cannot write");
        head_.clear();
        partBytes_ = 0;
    }
    void partData(const char* data, std::size_t size) override {
        if (head_.size() < 132) head_.append(data, static_cast<qsizetype>(std::min<std::size_t>(size, 132)));
        if (file_.write(data, static_cast<qint64>(size)) != static_cast<qint64>(size))
            throw Error(file_.fileName().toStdString() + ": write failed (disk full?)");
        partBytes_ += size;
    }
    void endPart() override {
        file_.close();
        if (head_.size() < 132 || head_.mid(128, 4) != "DICM")
            throw Error("the server sent an instance that is not a DICOM file (" + std::to_string(partBytes_) +
                        " bytes)");
        ++instances;
        bytes += partBytes_;
        if (progress_) {
            const double fraction = expected_ > 0 ? std::min(1.0, double(instances) / expected_) : 0.0;
            progress_->step(fraction, "retrieved " + std::to_string(instances) + " instances");
        }
    }

    std::size_t instances = 0;
    std::uint64_t bytes = 0;

private:
    QString folder_;
    Progress* progress_;
    int expected_;
    std::unique_ptr<MultipartReader> reader_;
    QFile file_;
    QByteArray head_;
    std::uint64_t partBytes_ = 0;
};

std::string sopInstanceUidOf(const std::string& path) {
    DcmFileFormat format;
    OFString uid;
    if (format.loadFile(path.c_str()).bad() || format.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, uid).bad() ||
        uid.empty())
        throw Error(path + ": a DICOM file without SOPInstanceUID cannot be stored");
    return uid.c_str();
}

}  // namespace

DicomWebClient::DicomWebClient(Server server, Progress* progress)
    : session_(std::move(server), progress), progress_(progress) {}

std::vector<StudyMatch> DicomWebClient::searchStudies(const StudyQuery& query) {
    QueryItems items;
    auto add = [&](const char* key, const std::string& value) {
        if (!value.empty()) items.emplace_back(key, value);
    };
    add("PatientID", query.patientId);
    add("PatientName", query.patientName);
    add("StudyDate", query.studyDate);
    add("ModalitiesInStudy", query.modality);
    add("AccessionNumber", query.accessionNumber);
    add("StudyInstanceUID", query.studyInstanceUid);
    add("StudyDescription", query.studyDescription);
    if (query.limit > 0) add("limit", std::to_string(query.limit));
    if (query.offset > 0) add("offset", std::to_string(query.offset));
    items.emplace_back("includefield", kStudyFields);
    std::vector<StudyMatch> matches;
    for (const auto& value : datasets(session_.get("studies", items, kDicomJson), "study search"))
        matches.push_back(studyFrom(value.toObject()));
    return matches;
}

StudyMatch DicomWebClient::study(const std::string& studyInstanceUid) {
    StudyQuery query;
    query.studyInstanceUid = studyInstanceUid;
    for (auto& match : searchStudies(query))
        if (match.studyInstanceUid == studyInstanceUid) return match;
    throw HttpError("study " + studyInstanceUid + " is not on the server (deleted?)", 404);
}

std::vector<SeriesMatch> DicomWebClient::searchSeries(const std::string& studyInstanceUid) {
    const QByteArray body =
        session_.get("studies/" + studyInstanceUid + "/series", {{"includefield", kSeriesFields}}, kDicomJson);
    std::vector<SeriesMatch> series;
    for (const auto& value : datasets(body, "series search")) {
        const QJsonObject d = value.toObject();
        SeriesMatch s;
        s.seriesInstanceUid = text(d, "0020000E");
        s.modality = text(d, "00080060");
        s.description = text(d, "0008103E");
        s.seriesNumber = number(d, "00200011");
        s.instanceCount = number(d, "00201209");
        series.push_back(s);
    }
    return series;
}

Retrieved DicomWebClient::retrieve(const std::string& studyInstanceUid, const std::string& seriesInstanceUid,
                                   const std::string& folder, int expectedInstances) {
    const QString target = QFileInfo(QString::fromStdString(folder)).absoluteFilePath();
    if (QFileInfo::exists(target)) throw Error(folder + ": already exists; choose a new folder");
    const QString partial = target + ".partial";
    std::string path = "studies/" + studyInstanceUid;
    if (!seriesInstanceUid.empty()) path += "/series/" + seriesInstanceUid;
    FolderWriter writer(partial, progress_, expectedInstances);
    try {
        session_.get(path, {}, kMultipartDicom, writer);
        if (expectedInstances > 0 && writer.instances < static_cast<std::size_t>(expectedInstances))
            throw Error("study " + studyInstanceUid + ": the server sent " + std::to_string(writer.instances) + " of " +
                        std::to_string(expectedInstances) + " instances (was it changed during the retrieval?)");
        if (writer.instances == 0) throw HttpError("study " + studyInstanceUid + ": the server sent no instance", 404);
    } catch (const HttpError& e) {
        QDir(partial).removeRecursively();
        if (e.notFound())
            throw HttpError("study " + studyInstanceUid +
                                (seriesInstanceUid.empty() ? "" : " series " + seriesInstanceUid) +
                                " is not on the server (deleted?)",
                            404);
        throw;
    } catch (...) {
        QDir(partial).removeRecursively();
        throw;
    }
    if (!QDir().rename(partial, target)) {
        QDir(partial).removeRecursively();
        throw Error(folder + ": cannot move the retrieved study into place");
    }
    return {target.toStdString(), writer.instances, writer.bytes};
}

StoreOutcome DicomWebClient::store(const std::vector<std::string>& files) {
    if (files.empty()) throw Error("nothing to send");
    std::vector<OutgoingPart> parts;
    std::vector<std::string> uids;
    for (const auto& path : files) {
        uids.push_back(sopInstanceUidOf(path));
        QFile file(QString::fromStdString(path));
        if (!file.open(QIODevice::ReadOnly)) throw Error(path + ": cannot read");
        QByteArray bytes = file.readAll();
        if (bytes.size() < 132 || bytes.mid(128, 4) != "DICM")
            throw Error(path + ": not a DICOM file (DICOMweb sends DICOM Part 10 files)");
        parts.push_back({"application/dicom", std::move(bytes)});
    }
    std::string contentType;
    const QByteArray body = writeMultipart(parts, contentType);
    const QByteArray answer = session_.post("studies", contentType, body, kDicomJson);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(answer, &error);
    if (error.error != QJsonParseError::NoError)
        throw Error(redactedUrl(session_.server().url) + ": the server's STOW-RS answer is not DICOM JSON");
    const QJsonObject response = document.isArray() ? document.array().first().toObject() : document.object();
    StoreOutcome outcome;
    for (const auto& item : response.value("00081199").toObject().value("Value").toArray())
        outcome.storedSopInstanceUids.push_back(text(item.toObject(), "00081155"));
    for (const auto& item : response.value("00081198").toObject().value("Value").toArray()) {
        StoreOutcome::Failure failure;
        failure.sopInstanceUid = text(item.toObject(), "00081155");
        failure.reason = number(item.toObject(), "00081197");
        outcome.failures.push_back(failure);
    }
    const std::set<std::string> stored(outcome.storedSopInstanceUids.begin(), outcome.storedSopInstanceUids.end());
    std::set<std::string> failed;
    for (const auto& f : outcome.failures) failed.insert(f.sopInstanceUid);
    for (std::size_t i = 0; i < files.size(); ++i) {
        for (auto& f : outcome.failures)
            if (f.sopInstanceUid == uids[i]) f.file = files[i];
        // An instance the answer does not mention was not stored either.
        if (!stored.count(uids[i]) && !failed.count(uids[i])) outcome.failures.push_back({files[i], uids[i], 0});
    }
    return outcome;
}

}  // namespace drs::pacs
