#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <set>

#include "core/pipeline/Import.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Cohort.h"
#include "core/project/Runs.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "tests/common/ProjectCounts.h"

using namespace drs;
namespace fs = std::filesystem;

namespace {

using drs::test::countOf;
using drs::test::filesUnder;

}  // namespace

// A three-patient development cohort and a two-patient external one (another seed, the external
// scanner profile), both synthetic, imported into a fresh project per test.
class TestExternalCohort : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        SilentProgress progress;
        development_ = synthetic::writeSyntheticCohort(dir_.filePath("development").toStdString(), 3, 5, progress);
        external_ = synthetic::writeSyntheticCohort(dir_.filePath("external").toStdString(), 2, 6, progress, true);
    }

    void init() {
        work_ = std::make_unique<QTemporaryDir>();
        QVERIFY(work_->isValid());
        db_ = std::make_unique<project::ProjectDb>(work_->filePath("project.sqlite").toStdString());
    }
    void cleanup() { db_.reset(); }

    void externalScannerProfileAndIdentifiers() {
        const CsvTable clinical = readCsv(external_.clinicalCsv);
        for (const auto& row : clinical.rows) {
            QCOMPARE(row[clinical.column("centre")], std::string("Centre-D"));
            QCOMPARE(row[clinical.column("patient_id")].substr(0, 2), std::string("EX"));
        }
        // Same latents and labels as the development draw of that seed and index: only the scanner differs.
        const auto inside = synthetic::drawPatient(6, 1), outside = synthetic::drawPatient(6, 1, true);
        QCOMPARE(outside.labels, inside.labels);
        QCOMPARE(outside.latents.size, inside.latents.size);
        QCOMPARE(outside.centre, synthetic::kExternalCentre);
    }

    void externalPatientsAreLockedOutOfTheDevelopmentCohort() {
        QCOMPARE(importDevelopment().acceptedCount(), std::size_t(3));
        QCOMPARE(importExternal("Palo Alto", external_.clinicalCsv).acceptedCount(), std::size_t(2));
        project::CohortRepository cohort(*db_);
        QCOMPARE(cohort.externalCohorts(), std::vector<std::string>{"Palo Alto"});
        const auto id = cohort.findExternalCohort("Palo Alto");
        QVERIFY(id);
        QCOMPARE(cohort.patients().size(), std::size_t(3));
        QCOMPARE(cohort.caseFiles().size(), std::size_t(3));
        QCOMPARE(cohort.patients(*id).size(), std::size_t(2));
        QCOMPARE(cohort.caseFiles(*id).size(), std::size_t(2));
        for (const auto& c : cohort.caseFiles(*id)) QCOMPARE(c.centre, std::string("Centre-D"));
        const CsvTable clinical = readCsv(external_.clinicalCsv);
        std::size_t externalLabels = 0;
        for (const auto& row : clinical.rows) externalLabels += !row[clinical.column("EGFR")].empty();
        QCOMPARE(cohort.labels("EGFR", *id).size(), externalLabels);
        std::set<std::int64_t> developmentIds;
        for (const auto& p : cohort.patients()) developmentIds.insert(p.id);
        for (const auto& label : cohort.labels("EGFR")) QVERIFY(developmentIds.count(label.patientId));

        // The database itself refuses an external patient in a training/test split.
        project::RunRepository runs(*db_);
        const auto runId = runs.start("pipeline", "{}", 0, "{}");
        QVERIFY_THROWS_EXCEPTION(Error, runs.saveSplit(runId, "EGFR", {{cohort.patients(*id).front().id, false}}));
        runs.saveSplit(runId, "EGFR", {{cohort.patients().front().id, false}});
    }

    void differentColumnsAreRefusedAndNothingIsWritten() {
        importDevelopment();
        const auto patientsBefore = countOf(*db_, "SELECT count(*) FROM patients");
        const auto filesBefore = filesUnder(db_->filesFolder());

        CsvTable withoutEndpoint = readCsv(external_.clinicalCsv);
        dropColumn(withoutEndpoint, "ALK");
        expectRefusal(withoutEndpoint, "endpoint columns missing: ALK");

        CsvTable withoutAge = readCsv(external_.clinicalCsv);
        dropColumn(withoutAge, "age");
        expectRefusal(withoutAge, "clinical columns missing: age");

        QCOMPARE(countOf(*db_, "SELECT count(*) FROM patients"), patientsBefore);
        QCOMPARE(countOf(*db_, "SELECT count(*) FROM external_cohorts"), 0LL);
        QCOMPARE(filesUnder(db_->filesFolder()), filesBefore);
    }

    // The project's clinical columns are the external cohort's declaration: another column is left
    // out, as an undeclared one of the development cohort is.
    void aColumnTheProjectDoesNotHaveIsNotImported() {
        importDevelopment();
        CsvTable extraColumn = readCsv(external_.clinicalCsv);
        extraColumn.header.push_back("scanner_serial");
        for (auto& row : extraColumn.rows) row.push_back("SN-1");
        const std::string path = work_->filePath("extra.csv").toStdString();
        writeCsv(path, extraColumn);
        const ImportReport report = importExternal("Palo Alto", path);
        QVERIFY(report.acceptedCount() > 0);
        QVERIFY(std::find(report.warnings.begin(), report.warnings.end(),
                          "extra.csv: column(s) 'scanner_serial' were not imported: only declared covariates are "
                          "(drs import --covariates)") != report.warnings.end());
        QCOMPARE(countOf(*db_, "SELECT count(*) FROM clinical_values WHERE name = 'scanner_serial'"), 0LL);
    }

    void nameTakenOrNoDevelopmentCohortIsAnError() {
        try {
            importExternal("Palo Alto", external_.clinicalCsv);
            QFAIL("an external cohort was imported into a project without a development cohort");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("import the development cohort first"), e.what());
        }
        QCOMPARE(countOf(*db_, "SELECT count(*) FROM patients"), 0LL);
        importDevelopment();
        importExternal("Palo Alto", external_.clinicalCsv);
        QVERIFY_THROWS_EXCEPTION(Error, importExternal("Palo Alto", external_.clinicalCsv));
        QVERIFY_THROWS_EXCEPTION(Error, importExternal(" Palo Alto", external_.clinicalCsv));
        QCOMPARE(countOf(*db_, "SELECT count(*) FROM external_cohorts"), 1LL);
    }

    void importRefusingEveryStudyLeavesNoCohort() {
        importDevelopment();
        // The development studies under an external name: every patient is already in the project.
        const auto report = importExternal("Again", development_.clinicalCsv, development_.studiesFolder);
        QCOMPARE(report.acceptedCount(), std::size_t(0));
        QCOMPARE(countOf(*db_, "SELECT count(*) FROM external_cohorts"), 0LL);
    }

private:
    ImportReport importDevelopment() {
        SilentProgress progress;
        ImportOptions options;
        options.covariates = synthetic::syntheticCovariates();
        return importCohort(*db_, development_.studiesFolder, development_.clinicalCsv, options, progress);
    }
    ImportReport importExternal(const std::string& name, const std::string& clinicalCsv,
                                const std::string& studies = "") {
        SilentProgress progress;
        ImportOptions options;
        options.externalCohort = name;
        return importCohort(*db_, studies.empty() ? external_.studiesFolder : studies, clinicalCsv, options, progress);
    }
    static void dropColumn(CsvTable& table, const std::string& name) {
        const std::size_t column = table.column(name);
        table.header.erase(table.header.begin() + static_cast<std::ptrdiff_t>(column));
        for (auto& row : table.rows) row.erase(row.begin() + static_cast<std::ptrdiff_t>(column));
    }
    void expectRefusal(const CsvTable& csv, const std::string& expected) {
        const std::string path = work_->filePath("external.csv").toStdString();
        writeCsv(path, csv);
        try {
            importExternal("Palo Alto", path);
            QFAIL(("accepted an external cohort with " + expected).c_str());
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(expected)), e.what());
            QVERIFY2(QString(e.what()).contains("external.csv"), e.what());
        }
    }

    QTemporaryDir dir_;
    synthetic::SyntheticCohortFiles development_, external_;
    std::unique_ptr<QTemporaryDir> work_;
    std::unique_ptr<project::ProjectDb> db_;
};

QTEST_GUILESS_MAIN(TestExternalCohort)
#include "test_external_cohort.moc"
