// Re-keying a project of an earlier release (salt inside the project) to pseudonyms under the site
// key. Expected pseudonyms are from Python's hashlib / hmac:
//   old: "P-" + sha256(salt + "\x1f" + id + "\x1f").hexdigest()[:16], salt = "a" * 64
//   new: "P-" + hmac.new(bytes(range(32)), id, sha256).hexdigest()[:16]
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "core/image/Pseudonym.h"
#include "core/pipeline/Rekey.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

using namespace drs;
namespace fs = std::filesystem;

namespace {

const std::string kSalt(64, 'a');
const std::string kOld1 = "P-3125818176d1fde6", kNew1 = "P-a8736541209ddae6";  // HX0001000
const std::string kOld2 = "P-bcfeec8c9fe8dbfc", kNew2 = "P-3c7db834cf54e5d8";  // HX0002000

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

class TestRekey : public QObject {
    Q_OBJECT
private slots:
    void init() {
        work_ = std::make_unique<QTemporaryDir>();
        const std::string keyPath = work_->filePath("site-key").toStdString();
        std::ofstream(keyPath) << "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
        fs::permissions(keyPath, fs::perms::owner_read | fs::perms::owner_write);
        key_ = loadSiteKey(keyPath);
        db_ = std::make_unique<project::ProjectDb>(work_->filePath("old.sqlite").toStdString());
        db_->execute("INSERT INTO project_info(key, value) VALUES ('pseudonym_salt', '" + kSalt + "')", "add salt");
        addPatient(kOld1);
        addPatient(kOld2);
    }

    void cleanup() { db_.reset(); }

    void legacyPseudonymRuleMatchesTheEarlierRelease() {
        QCOMPARE(legacyPseudonym("HX0001000", kSalt), kOld1);
        QCOMPARE(pseudonymise("HX0001000", key_), kNew1);
    }

    void rekeyReplacesPseudonymsFilesAndSalt() {
        const RekeyReport report = rekeyProject(*db_, clinical({"HX0001000", "HX0002000", "HX9999999"}), key_);
        QCOMPARE(report.patients, std::size_t(2));
        QCOMPARE(report.files, std::size_t(4));
        project::CohortRepository cohort(*db_);
        for (const auto& [fresh, old] : {std::pair{kNew1, kOld1}, std::pair{kNew2, kOld2}}) {
            const auto patient = cohort.findPatient(fresh);
            QVERIFY(patient.has_value());
            const auto study = cohort.studies(*patient).at(0);
            QCOMPARE(study.imagePath, "images/" + fresh + ".nii");
            QCOMPARE(sha256File(db_->absoluteFilePath(study.imagePath)), study.imageSha256);
            const auto roi = cohort.rois(study.id).at(0);
            QCOMPARE(roi.maskPath, "masks/" + fresh + "_GTV.nii.gz");
            QVERIFY(fs::exists(db_->absoluteFilePath(roi.maskPath)));
            QVERIFY(!fs::exists(db_->absoluteFilePath("images/" + old + ".nii")));
        }
        QVERIFY(db_->legacyPseudonymSalt().empty());
        QCOMPARE(db_->info("pseudonym_key_id"), key_.id());
        db_->requirePseudonymKey(key_.id());  // imports are accepted again
        db_.reset();
        const std::string bytes = readAll(work_->filePath("old.sqlite").toStdString()) +
                                  readAll(work_->filePath("old.sqlite-wal").toStdString());
        QVERIFY(bytes.find(kSalt) == std::string::npos);
        QVERIFY(bytes.find(kOld1) == std::string::npos);
    }

    void patientMissingFromTheTableChangesNothing() {
        try {
            rekeyProject(*db_, clinical({"HX0001000"}), key_);
            QFAIL("re-keyed without every patient's identifier");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("1 of 2 patients are not named"), e.what());
        }
        QCOMPARE(db_->legacyPseudonymSalt(), kSalt);
        QVERIFY(project::CohortRepository(*db_).findPatient(kOld1).has_value());
        QVERIFY(fs::exists(db_->absoluteFilePath("images/" + kOld1 + ".nii")));
    }

    void projectWithoutSaltIsRefused() {
        project::ProjectDb fresh(work_->filePath("new.sqlite").toStdString());
        QVERIFY_EXCEPTION_THROWN(rekeyProject(fresh, clinical({"HX0001000"}), key_), Error);
    }

private:
    void addPatient(const std::string& pseudonym) {
        project::CohortRepository cohort(*db_);
        const auto patient = cohort.addPatient(pseudonym, "A");
        fs::create_directories(fs::u8path(db_->filesFolder()) / "images");
        fs::create_directories(fs::u8path(db_->filesFolder()) / "masks");
        project::StudyRow study;
        study.patientId = patient;
        study.modality = "CT";
        study.sourceKind = "nifti";
        study.sourceSha256 = sha256("source " + pseudonym);
        study.imagePath = "images/" + pseudonym + ".nii";
        std::ofstream(db_->absoluteFilePath(study.imagePath)) << "image of " << pseudonym;
        study.imageSha256 = sha256File(db_->absoluteFilePath(study.imagePath));
        study.sizeXyz = {1, 1, 1};
        study.spacingMm = {1, 1, 1};
        project::RoiRow roi;
        roi.studyId = cohort.addStudy(study);
        roi.name = "GTV";
        roi.sourceKind = "labelmap";
        roi.sourceSha256 = sha256("mask source");
        roi.maskPath = "masks/" + pseudonym + "_GTV.nii.gz";
        std::ofstream(db_->absoluteFilePath(roi.maskPath)) << "mask of " << pseudonym;
        roi.maskSha256 = sha256File(db_->absoluteFilePath(roi.maskPath));
        roi.voxelCount = 1;
        cohort.addRoi(roi);
    }

    std::string clinical(const std::vector<std::string>& ids) {
        CsvTable table;
        table.header = {"patient_id", "EGFR"};
        for (const auto& id : ids) table.rows.push_back({id, "1"});
        const std::string path = work_->filePath("clinical.csv").toStdString();
        writeCsv(path, table);
        return path;
    }

    std::unique_ptr<QTemporaryDir> work_;
    SiteKey key_;
    std::unique_ptr<project::ProjectDb> db_;
};

QTEST_GUILESS_MAIN(TestRekey)
#include "test_rekey.moc"
