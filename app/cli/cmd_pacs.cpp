#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdlib>
#include <iostream>

#include "app/cli/Command.h"
#include "core/pacs/DicomWebClient.h"
#include "core/pacs/EncapsulatedPdf.h"
#include "core/pacs/PacsImport.h"
#include "core/project/ProjectDb.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

const std::set<std::string> kServerOptions = {"url", "user", "password-file", "token-file", "timeout", "retries"};
const std::set<std::string> kQueryOptions = {"patient-id",   "accession",   "study-date", "modality",
                                             "patient-name", "description", "study-uid",  "limit"};

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// Secrets come from a file or the environment, never from the command line, where every user of
// the machine can read them (ps) and the shell keeps them (history).
void refuseSecretsOnCommandLine(const Args& args) {
    for (const char* name : {"password", "token"})
        if (args.has(name))
            throw Error(std::string("--") + name + " is not accepted: give it in DRS_PACS_" +
                        (std::string(name) == "password" ? "PASSWORD" : "TOKEN") + " or a --" + name +
                        "-file readable only by you");
}

pacs::Server serverFrom(const Args& args) {
    pacs::Server server;
    server.url = args.valueOr("url", environment("DRS_PACS_URL"));
    if (server.url.empty()) throw Error("no server: give --url (or set DRS_PACS_URL)");
    const std::string user = args.valueOr("user", environment("DRS_PACS_USER"));
    const bool hasToken = args.has("token-file") || !environment("DRS_PACS_TOKEN").empty();
    if (!user.empty() && hasToken) throw Error("give either a user (basic sign-in) or a token, not both");
    if (!user.empty()) {
        server.auth = pacs::AuthKind::Basic;
        server.user = user;
        server.secret = args.has("password-file") ? pacs::readSecretFile(args.value("password-file"))
                                                  : environment("DRS_PACS_PASSWORD");
        if (server.secret.empty())
            throw Error("user " + user + ": no password (set DRS_PACS_PASSWORD or give --password-file)");
    } else if (hasToken) {
        server.auth = pacs::AuthKind::Bearer;
        server.secret =
            args.has("token-file") ? pacs::readSecretFile(args.value("token-file")) : environment("DRS_PACS_TOKEN");
    } else if (args.has("password-file")) {
        throw Error("--password-file needs --user");
    }
    server.timeoutSeconds = static_cast<int>(args.integer("timeout", 60));
    const long retries = args.integer("retries", 3);
    if (retries < 0 || retries > 10) throw Error("--retries must be in 0..10");
    server.maxAttempts = static_cast<int>(retries) + 1;
    pacs::validate(server);
    return server;
}

pacs::StudyQuery queryFrom(const Args& args) {
    pacs::StudyQuery query;
    query.patientId = args.valueOr("patient-id", "");
    query.patientName = args.valueOr("patient-name", "");
    query.studyDate = args.valueOr("study-date", "");
    query.modality = args.valueOr("modality", "");
    query.accessionNumber = args.valueOr("accession", "");
    query.studyInstanceUid = args.valueOr("study-uid", "");
    query.studyDescription = args.valueOr("description", "");
    const long limit = args.integer("limit", 0);
    if (limit < 0) throw Error("--limit must not be negative");
    query.limit = static_cast<int>(limit);
    return query;
}

bool hasQuery(const Args& args) {
    for (const auto& name : kQueryOptions)
        if (args.has(name)) return true;
    return false;
}

std::set<std::string> allowed(std::initializer_list<std::set<std::string>> groups, std::set<std::string> own) {
    for (const auto& group : groups) own.insert(group.begin(), group.end());
    return own;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
    return text;
}

std::string count(int n) { return n < 0 ? "" : std::to_string(n); }

int runSearch(const Args& args) {
    args.allowOnly(allowed({kServerOptions, kQueryOptions}, {"series", "out"}));
    pacs::DicomWebClient client(serverFrom(args));
    CsvTable table;
    if (args.has("series")) {
        if (!args.has("study-uid")) throw Error("--series lists the series of one study: give --study-uid");
        table.header = {"series_uid", "modality", "series_number", "description", "instances"};
        for (const auto& s : client.searchSeries(args.value("study-uid")))
            table.rows.push_back(
                {s.seriesInstanceUid, s.modality, count(s.seriesNumber), s.description, count(s.instanceCount)});
    } else {
        table.header = {"study_uid",   "patient_id", "patient_name", "study_date", "accession",
                        "description", "modalities", "series",       "instances"};
        for (const auto& m : client.searchStudies(queryFrom(args)))
            table.rows.push_back({m.studyInstanceUid, m.patientId, m.patientName, m.studyDate, m.accessionNumber,
                                  m.studyDescription, joined(m.modalities, "/"), count(m.seriesCount),
                                  count(m.instanceCount)});
    }
    writeOutput(args, csvText(table));
    std::cerr << table.rows.size() << (args.has("series") ? " series\n" : " studies\n");
    return 0;
}

// The studies to retrieve: --study, --studies-file (one UID per line, or a CSV with a study_uid
// column, as `drs pacs search` writes it), or every study the search filters match.
std::vector<std::string> chosenStudies(const Args& args, pacs::DicomWebClient& client) {
    const int ways = int(args.has("study")) + int(args.has("studies-file")) + int(hasQuery(args));
    if (ways != 1) throw Error("choose the studies with one of --study, --studies-file or search filters");
    if (args.has("study")) return args.list("study");
    if (args.has("studies-file")) {
        const std::string path = args.value("studies-file");
        const CsvTable table = readCsv(path);
        std::vector<std::string> uids;
        if (table.hasColumn("study_uid")) {
            for (const auto& row : table.rows) uids.push_back(row[table.column("study_uid")]);
        } else {
            // A plain list: readCsv took its first line as the header.
            uids.push_back(table.header.at(0));
            for (const auto& row : table.rows) uids.push_back(row.at(0));
        }
        if (uids.empty()) throw Error(path + ": no study listed");
        return uids;
    }
    std::vector<std::string> uids;
    for (const auto& match : client.searchStudies(queryFrom(args))) uids.push_back(match.studyInstanceUid);
    if (uids.empty()) throw Error("no study on the server matches the filters");
    return uids;
}

int runImport(const Args& args) {
    args.allowOnly(allowed({kServerOptions, kQueryOptions},
                           {"study", "studies-file", "out", "project", "clinical", "roi", "roi-file-type", "mask-label",
                            "report", "key-file", "quiet", "covariates"}));
    if (args.has("out") == args.has("project")) throw Error("give either --out DIR or --project P (with --clinical)");
    ConsoleProgress progress(args.has("quiet"));
    pacs::DicomWebClient client(serverFrom(args), &progress);
    const auto uids = chosenStudies(args, client);

    if (args.has("out")) {
        const auto retrievals = pacs::retrieveStudies(client, uids, args.value("out"), progress);
        CsvTable table;
        table.header = {"study_uid", "status", "instances", "folder", "problem"};
        std::size_t failed = 0;
        for (const auto& r : retrievals) {
            failed += r.problem.empty() ? 0 : 1;
            table.rows.push_back({r.studyInstanceUid,
                                  !r.problem.empty() ? "failed"
                                  : r.alreadyThere   ? "kept"
                                                     : "retrieved",
                                  r.problem.empty() ? std::to_string(r.instances) : "", r.folder, r.problem});
        }
        std::cout << csvText(table);
        if (failed == retrievals.size()) throw Error("no study was retrieved; the table lists why");
        return failed ? 1 : 0;
    }
    ImportOptions options;
    options.roiName = args.valueOr("roi", "");
    options.roiFileType = args.valueOr("roi-file-type", "");
    options.maskLabel = static_cast<int>(args.integer("mask-label", 1));
    if (options.maskLabel < 1 || options.maskLabel > 65535) throw Error("--mask-label must be 1..65535");
    options.keyFile = args.valueOr("key-file", "");
    if (args.has("covariates")) options.covariates = args.list("covariates");
    project::ProjectDb db(args.value("project"));
    const auto report = pacs::importStudies(db, client, uids, args.value("clinical"), options, progress);
    if (args.has("report"))
        writeCsv(args.value("report"), report.table());
    else
        std::cout << csvText(report.table());
    std::cerr << "accepted " << report.acceptedCount() << ", refused " << report.refusedCount() << "\n";
    for (const auto& warning : report.warnings) std::cerr << "warning: " << warning << "\n";
    if (report.acceptedCount() == 0) throw Error("no study was accepted; the report lists the reasons");
    return 0;
}

int runSend(const Args& args) {
    args.allowOnly(allowed({kServerOptions}, {"file", "pdf", "study", "title", "quiet"}));
    if (int(args.has("file")) + int(args.has("pdf")) != 1) throw Error("give either --file F.dcm[,...] or --pdf R.pdf");
    pacs::DicomWebClient client(serverFrom(args));
    std::vector<std::string> files;
    QTemporaryDir work(QDir::temp().filePath("drs-pacs-send-XXXXXX"));
    if (args.has("file")) {
        files = args.list("file");
    } else {
        if (!work.isValid()) throw Error("cannot create a temporary folder");
        const pacs::StudyMatch study = client.study(args.value("study"));
        const std::string wrapped = work.filePath("report.dcm").toStdString();
        pacs::writeEncapsulatedPdf(args.value("pdf"), study, args.valueOr("title", "DeepRadScore report"), wrapped);
        files.push_back(wrapped);
    }
    const pacs::StoreOutcome outcome = client.store(files);
    CsvTable table;
    table.header = {"sop_instance_uid", "status", "failure_reason"};
    for (const auto& uid : outcome.storedSopInstanceUids) table.rows.push_back({uid, "stored", ""});
    for (const auto& f : outcome.failures) {
        char reason[16];
        std::snprintf(reason, sizeof reason, "0x%04X", f.reason);
        table.rows.push_back({f.sopInstanceUid, "refused", f.reason ? reason : "not acknowledged"});
    }
    std::cout << csvText(table);
    if (!outcome.failures.empty())
        throw Error("the server refused " + std::to_string(outcome.failures.size()) + " of " +
                    std::to_string(files.size()) + " instances");
    return 0;
}

int runPacs(const Args& args) {
    refuseSecretsOnCommandLine(args);
    const auto& words = args.positional();
    if (words.size() != 1) throw Error("say what to do: drs pacs search|import|send (drs pacs --help)");
    if (words[0] == "search") return runSearch(args);
    if (words[0] == "import") return runImport(args);
    if (words[0] == "send") return runSend(args);
    throw Error("unknown pacs action '" + words[0] + "' (search, import or send)");
}

const Registrar registrar(
    {"pacs",
     "DICOMweb: search a PACS (QIDO-RS), import studies (WADO-RS), send reports and files (STOW-RS)",
     "search|import|send --url URL [--user NAME] [--password-file F] [--token-file F] [--timeout 60] "
     "[--retries 3] ...\n"
     "  search [--patient-id ID] [--patient-name N] [--study-date D|D1-D2] [--modality CT] [--accession A]\n"
     "         [--description TEXT] [--study-uid UID [--series]] [--limit N] [--out STUDIES.csv]\n"
     "  import (--study UID[,UID...] | --studies-file F | search filters)\n"
     "         (--out DIR | --project P.sqlite --clinical C.csv [--covariates age,sex,...] [--roi NAME]\n"
     "          [--roi-file-type rtstruct|seg|seg.nrrd] [--mask-label 1] [--report R.csv] [--key-file SITE.key])\n"
     "  send   --file F.dcm[,...] | --pdf REPORT.pdf --study UID [--title TEXT]\n"
     "The server is --url or DRS_PACS_URL. Sign-in: --user (or DRS_PACS_USER) with the password in\n"
     "DRS_PACS_PASSWORD or --password-file; or a bearer token in DRS_PACS_TOKEN or --token-file.\n"
     "Secret files must be readable only by you (chmod 600). Nothing is sent anywhere without --url.",
     {"series", "quiet"},
     runPacs});

}  // namespace
}  // namespace drs::cli
