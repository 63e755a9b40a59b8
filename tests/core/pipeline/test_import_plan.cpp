// The import wizard's engine: the preview (planImport) decides every study as the import does and
// writes nothing; the all-or-nothing import stores exactly what the preview promised and, when
// cancelled, leaves the project without a row or a file. On a synthetic cohort with one corrupt
// study, and on the IBSI CT phantom (as DICOM + RTSTRUCT and as a NIfTI pair), whose image size and
// ROI voxel count are IBSI's published diagnostics.
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "core/pipeline/ImportPlan.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "tests/common/ProjectCounts.h"
#include "tests/common/ReferenceData.h"

using namespace drs;
namespace fs = std::filesystem;

namespace {

using drs::test::filesUnder;
using drs::test::rowCount;

const ImportOutcome* outcomeFor(const ImportReport& report, const std::string& patientId) {
    for (const auto& outcome : report.outcomes)
        if (outcome.patientId == patientId) return &outcome;
    return nullptr;
}

class CancelOnFirstReport : public Progress {
protected:
    void report(double, const std::string&) override { cancel(); }
};

// An IBSI-1 CT phantom diagnostic of configuration A (ibsi1_ct_phantom_diagnostics.csv).
double ibsiDiagnostic(const std::string& tag) {
    const CsvTable table = readCsv(DRS_TEST_DATA "/radiomics/ibsi1_ct_phantom/diagnostics.csv");
    for (const auto& row : table.rows)
        if (row[table.column("data_set")] == "config_A" && row[table.column("ibsi_tag")] == tag)
            return std::stod(row[table.column("value")]);
    throw Error("no IBSI diagnostic " + tag);
}

}  // namespace

class TestImportPlan : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(cohortDir_.isValid());
        SilentProgress progress;
        cohort_ = synthetic::writeSyntheticCohort(cohortDir_.filePath("cohort").toStdString(), 4, 7, progress);
        truth_ = readCsv(cohort_.truthCsv);
        // The third study is corrupt: a slice that announces DICOM and breaks off.
        const fs::path broken = fs::path(cohort_.studiesFolder) / cohort_.patientIds[2] / "CT" / "CT0002.dcm";
        fs::resize_file(broken, 300);
    }

    void init() {
        work_ = std::make_unique<QTemporaryDir>();
        db_ = std::make_unique<project::ProjectDb>(work_->filePath("p.sqlite").toStdString());
    }
    void cleanup() { db_.reset(); }

    void previewWritesNothingAndImportKeepsItsPromise() {
        SilentProgress progress;
        const auto plan = planImport(*db_, cohort_.studiesFolder, cohort_.clinicalCsv, {}, progress);
        QCOMPARE(plan.acceptedCount(), std::size_t(3));
        QCOMPARE(plan.refusedCount(), std::size_t(1));
        const auto* corrupt = outcomeFor(plan, cohort_.patientIds[2]);
        QVERIFY(corrupt && !corrupt->accepted);
        QVERIFY2(QString::fromStdString(corrupt->reason).contains("CT0002.dcm"), corrupt->reason.c_str());
        for (int p : {0, 1, 3}) {
            const auto* accepted = outcomeFor(plan, cohort_.patientIds[p]);
            QVERIFY(accepted && accepted->accepted);
            QCOMPARE(accepted->roiName, std::string("GTV"));
            QCOMPARE(std::to_string(accepted->roiVoxels), truth_.rows[p][truth_.column("gtv_voxels")]);
        }
        QCOMPARE(rowCount(*db_, "patients"), 0LL);
        QCOMPARE(rowCount(*db_, "endpoints"), 0LL);
        QCOMPARE(filesUnder(db_->filesFolder()), std::size_t(0));

        const auto done = importCohortAllOrNothing(*db_, cohort_.studiesFolder, cohort_.clinicalCsv, {}, progress);
        QCOMPARE(done.outcomes.size(), plan.outcomes.size());
        for (std::size_t i = 0; i < plan.outcomes.size(); ++i) {
            QCOMPARE(done.outcomes[i].accepted, plan.outcomes[i].accepted);
            QCOMPARE(done.outcomes[i].pseudonym, plan.outcomes[i].pseudonym);
            QCOMPARE(done.outcomes[i].reason, plan.outcomes[i].reason);
            QCOMPARE(done.outcomes[i].roiVoxels, plan.outcomes[i].roiVoxels);
        }
        QCOMPARE(rowCount(*db_, "patients"), 3LL);
        QCOMPARE(rowCount(*db_, "rois"), 3LL);
        QCOMPARE(filesUnder(db_->filesFolder()), std::size_t(6));  // image + mask per patient

        // Previewed again, every study is refused: the patients are in the project.
        const auto again = planImport(*db_, cohort_.studiesFolder, cohort_.clinicalCsv, {}, progress);
        QCOMPARE(again.acceptedCount(), std::size_t(0));
        QVERIFY(QString::fromStdString(outcomeFor(again, cohort_.patientIds[0])->reason)
                    .contains("already in the project"));
    }

    // importCohort alone keeps the patients finished before a cancel; the wizard's import keeps none.
    void cancelledImportWritesNothing() {
        CancelOnFirstReport progress;
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, importCohortAllOrNothing(*db_, cohort_.studiesFolder, cohort_.clinicalCsv, {}, progress));
        for (const char* table : {"patients", "studies", "rois", "labels", "clinical_values", "endpoints"})
            QCOMPARE(rowCount(*db_, table), 0LL);
        QCOMPARE(filesUnder(db_->filesFolder()), std::size_t(0));
        // The project still works: the same import runs to the end afterwards.
        SilentProgress quiet;
        QCOMPARE(importCohortAllOrNothing(*db_, cohort_.studiesFolder, cohort_.clinicalCsv, {}, quiet).acceptedCount(),
                 std::size_t(3));
    }

    void ibsiPhantomPreviewAndImport() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const fs::path phantom = drs::test::ibsiCtPhantom();
        const fs::path studies = work_->filePath("studies").toStdString();
        fs::create_directories(studies / "PHANTOM-NII");
        fs::copy(phantom / "dicom", studies / "PHANTOM-DICOM", fs::copy_options::recursive);
        fs::copy_file(phantom / "image" / "phantom.nii.gz", studies / "PHANTOM-NII" / "image.nii.gz");
        fs::copy_file(phantom / "mask" / "mask.nii.gz", studies / "PHANTOM-NII" / "mask.nii.gz");
        CsvTable clinical;
        clinical.header = {"patient_id", "centre", "EGFR"};
        clinical.rows = {{"1", "IBSI", "1"}, {"PHANTOM-NII", "IBSI", "0"}};  // "1": the phantom's DICOM PatientID
        const std::string csv = work_->filePath("clinical.csv").toStdString();
        writeCsv(csv, clinical);

        SilentProgress progress;
        const auto plan = planImport(*db_, studies.string(), csv, {}, progress);
        QCOMPARE(plan.acceptedCount(), std::size_t(2));
        const std::array<std::int64_t, 3> size{static_cast<std::int64_t>(ibsiDiagnostic("img_dim_x_init_img")),
                                               static_cast<std::int64_t>(ibsiDiagnostic("img_dim_y_init_img")),
                                               static_cast<std::int64_t>(ibsiDiagnostic("img_dim_z_init_img"))};
        const double voxels = ibsiDiagnostic("int_mask_vox_count_init_roi");
        const auto* nifti = outcomeFor(plan, "PHANTOM-NII");
        QCOMPARE(nifti->sizeXyz, size);
        QCOMPARE(static_cast<double>(nifti->roiVoxels), voxels);
        const auto* dicom = outcomeFor(plan, "1");
        QCOMPARE(dicom->sizeXyz, size);
        // The RTSTRUCT holds contours; rasterised they come within 4% of the mask (test_main_window).
        QVERIFY2(std::abs(static_cast<double>(dicom->roiVoxels) - voxels) < 0.04 * voxels,
                 std::to_string(dicom->roiVoxels).c_str());
        QCOMPARE(rowCount(*db_, "patients"), 0LL);

        const auto done = importCohortAllOrNothing(*db_, studies.string(), csv, {}, progress);
        QCOMPARE(done.acceptedCount(), std::size_t(2));
        QCOMPARE(rowCount(*db_, "patients"), 2LL);
        auto stored = db_->prepare("SELECT voxel_count FROM rois ORDER BY voxel_count");
        db_->run(stored, "read");
        std::vector<std::size_t> counts;
        while (stored.next()) counts.push_back(static_cast<std::size_t>(stored.value(0).toLongLong()));
        std::vector<std::size_t> promised{dicom->roiVoxels, nifti->roiVoxels};
        std::sort(promised.begin(), promised.end());
        QCOMPARE(counts, promised);
    }

private:
    QTemporaryDir cohortDir_;
    synthetic::SyntheticCohortFiles cohort_;
    CsvTable truth_;
    std::unique_ptr<QTemporaryDir> work_;
    std::unique_ptr<project::ProjectDb> db_;
};

QTEST_GUILESS_MAIN(TestImportPlan)
#include "test_import_plan.moc"
