#include "core/pipeline/Rekey.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <vector>

#include "core/project/Cohort.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

// Every column that records a file below the project's files folder named after a patient.
const std::vector<std::pair<std::string, std::string>> kPathColumns = {
    {"studies", "image_path"}, {"rois", "mask_path"}, {"roi_versions", "mask_path"}, {"regions", "path"}};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

}  // namespace

RekeyReport rekeyProject(project::ProjectDb& db, const std::string& clinicalCsv, const SiteKey& key) {
    const std::string salt = db.legacyPseudonymSalt();
    if (salt.empty()) throw Error(db.path() + ": has no salt of an earlier release; there is nothing to re-key");
    const CsvTable table = readCsv(clinicalCsv);
    const std::size_t idColumn = table.column("patient_id");
    std::map<std::string, std::string> newOf;  // old pseudonym -> pseudonym under the key
    for (const auto& row : table.rows)
        if (!row[idColumn].empty()) newOf[legacyPseudonym(row[idColumn], salt)] = pseudonymise(row[idColumn], key);

    project::CohortRepository cohort(db);
    const auto patients = cohort.patients();
    std::size_t unnamed = 0;
    for (const auto& p : patients) unnamed += newOf.count(p.pseudonym) == 0;
    if (unnamed > 0)
        throw Error(db.path() + ": " + std::to_string(unnamed) + " of " + std::to_string(patients.size()) +
                    " patients are not named in " + clinicalCsv +
                    " (patient_id); re-keying needs every patient's identifier; nothing was changed");

    RekeyReport report;
    const fs::path files = fs::u8path(db.filesFolder());
    std::vector<std::pair<fs::path, fs::path>> renamed;  // done so far, undone on failure
    db.execute("PRAGMA secure_delete=ON", "overwrite what is deleted (the old salt)");
    project::Transaction transaction(db);
    try {
        // Through a temporary name, so a new pseudonym that equals another patient's old one cannot clash.
        for (const auto& p : patients) {
            auto update = db.prepare("UPDATE patients SET pseudonym = ? WHERE id = ?");
            update.addBindValue(QString::fromStdString("rekey-" + p.pseudonym));
            update.addBindValue(QVariant::fromValue<qlonglong>(p.id));
            db.run(update, "re-key patient " + p.pseudonym);
        }
        for (const auto& p : patients) {
            const std::string& fresh = newOf.at(p.pseudonym);
            auto update = db.prepare("UPDATE patients SET pseudonym = ? WHERE id = ?");
            update.addBindValue(QString::fromStdString(fresh));
            update.addBindValue(QVariant::fromValue<qlonglong>(p.id));
            db.run(update, "re-key patient " + p.pseudonym);
            ++report.patients;
            for (const auto& [table, column] : kPathColumns) {
                auto rewrite = db.prepare("UPDATE " + table + " SET " + column + " = replace(" + column +
                                          ", ?, ?) WHERE instr(" + column + ", ?) > 0");
                rewrite.addBindValue(QString::fromStdString(p.pseudonym));
                rewrite.addBindValue(QString::fromStdString(fresh));
                rewrite.addBindValue(QString::fromStdString(p.pseudonym));
                db.run(rewrite, "rewrite the file paths of " + p.pseudonym);
                report.fileRecords += static_cast<std::size_t>(rewrite.numRowsAffected());
            }
        }
        // Files and folders named after a patient, deepest first so a folder is renamed after its contents.
        std::vector<fs::path> named;
        std::error_code error;
        for (fs::recursive_directory_iterator it(files, error), end; it != end && !error; it.increment(error))
            for (const auto& p : patients)
                if (it->path().filename().string().find(p.pseudonym) != std::string::npos) named.push_back(it->path());
        if (error) throw Error(files.string() + ": cannot list the project's files: " + error.message());
        std::sort(named.begin(), named.end(), [](const fs::path& a, const fs::path& b) {
            return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
        });
        for (const auto& from : named) {
            std::string name = from.filename().string();
            for (const auto& p : patients) name = replaced(name, p.pseudonym, newOf.at(p.pseudonym));
            const fs::path to = from.parent_path() / name;
            fs::rename(from, to, error);
            if (error) throw Error(from.string() + ": cannot rename to " + name + ": " + error.message());
            renamed.emplace_back(from, to);
            ++report.files;
        }
        db.execute("DELETE FROM project_info WHERE key = 'pseudonym_salt'", "delete the old salt");
        db.requirePseudonymKey(key.id());
        transaction.commit();
    } catch (...) {
        std::error_code ignored;
        for (auto it = renamed.rbegin(); it != renamed.rend(); ++it) fs::rename(it->second, it->first, ignored);
        throw;
    }
    // The journal still holds the pages with the salt until they are copied back into the database.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)", "write the journal back into the project file");
    return report;
}

}  // namespace drs
