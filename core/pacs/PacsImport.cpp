#include "core/pacs/PacsImport.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <set>

namespace drs::pacs {

namespace {

bool isUid(const std::string& text) {
    return !text.empty() && text.size() <= 64 && text.find_first_not_of("0123456789.") == std::string::npos &&
           text.front() != '.' && text.back() != '.';
}

}  // namespace

std::vector<StudyRetrieval> retrieveStudies(DicomWebClient& client, const std::vector<std::string>& studyUids,
                                            const std::string& studiesFolder, Progress& progress) {
    std::set<std::string> seen;
    for (const auto& uid : studyUids) {
        if (!isUid(uid)) throw Error("'" + uid + "' is not a StudyInstanceUID (digits and dots)");
        if (!seen.insert(uid).second) throw Error("study " + uid + " is listed twice");
    }
    if (!QDir().mkpath(QString::fromStdString(studiesFolder)))
        throw Error(studiesFolder + ": cannot create the folder");
    std::vector<StudyRetrieval> results;
    for (std::size_t i = 0; i < studyUids.size(); ++i) {
        const double begin = static_cast<double>(i) / studyUids.size();
        const double end = static_cast<double>(i + 1) / studyUids.size();
        progress.step(begin, "study " + std::to_string(i + 1) + " of " + std::to_string(studyUids.size()));
        StudyRetrieval r;
        r.studyInstanceUid = studyUids[i];
        r.folder = QDir(QString::fromStdString(studiesFolder))
                       .filePath(QString::fromStdString(r.studyInstanceUid))
                       .toStdString();
        if (QFileInfo(QString::fromStdString(r.folder)).isDir()) {
            r.alreadyThere = true;
            r.instances = QDir(QString::fromStdString(r.folder)).entryList(QDir::Files).size();
            results.push_back(r);
            continue;
        }
        SubProgress part(progress, begin, end);
        DicomWebClient partClient(client.session().server(), &part);
        try {
            const StudyMatch match = partClient.study(r.studyInstanceUid);
            const Retrieved got = partClient.retrieve(r.studyInstanceUid, {}, r.folder, match.instanceCount);
            r.retrieved = true;
            r.instances = got.instances;
        } catch (const HttpError& e) {
            // Sign-in and reachability problems concern every study: stop rather than repeat them.
            if (e.status() == 0 || e.status() == 401 || e.status() == 403) throw;
            r.problem = e.what();
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            r.problem = e.what();
        }
        results.push_back(r);
    }
    progress.step(1.0, "retrieved " + std::to_string(studyUids.size()) + " studies");
    return results;
}

ImportReport importStudies(project::ProjectDb& db, DicomWebClient& client, const std::vector<std::string>& studyUids,
                           const std::string& clinicalCsv, const ImportOptions& options, Progress& progress) {
    QTemporaryDir work(QDir::temp().filePath("drs-pacs-import-XXXXXX"));
    if (!work.isValid()) throw Error("cannot create a temporary folder for the retrieved studies");
    SubProgress retrieving(progress, 0.0, 0.6);
    const auto retrievals = retrieveStudies(client, studyUids, work.path().toStdString(), retrieving);
    SubProgress importing(progress, 0.6, 1.0);
    ImportReport report = importCohort(db, work.path().toStdString(), clinicalCsv, options, importing);
    for (const auto& r : retrievals)
        if (!r.problem.empty()) {
            ImportOutcome refused;
            refused.source = r.studyInstanceUid;
            refused.reason = r.problem;
            report.outcomes.push_back(refused);
        }
    return report;
}

}  // namespace drs::pacs
