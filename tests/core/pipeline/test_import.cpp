#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "core/image/ImageIO.h"
#include "core/image/Pseudonym.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Cohort.h"
#include "core/roi/DicomSeg.h"
#include "core/roi/DicomSource.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "tests/common/ProjectCounts.h"
#include "tests/common/SlicerSegFile.h"
#include "tests/common/TiltedSeries.h"

using namespace drs;
namespace fs = std::filesystem;

namespace {

using drs::test::rowCount;

const ImportOutcome* outcomeFor(const ImportReport& report, const std::string& patientId) {
    for (const auto& outcome : report.outcomes)
        if (outcome.patientId == patientId) return &outcome;
    return nullptr;
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

template <class F>
QString errorOf(F&& action) {
    try {
        action();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

// Asks for cancellation as soon as the first progress report arrives.
class CancelOnFirstReport : public Progress {
protected:
    void report(double, const std::string&) override { cancel(); }
};

}  // namespace

// Every test works on copies of a three-patient synthetic cohort generated once.
class TestImport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(cohortDir_.isValid());
        SilentProgress progress;
        cohort_ = synthetic::writeSyntheticCohort(cohortDir_.filePath("cohort").toStdString(), 3, 5, progress);
        clinical_ = readCsv(cohort_.clinicalCsv);
        truth_ = readCsv(cohort_.truthCsv);
    }

    void init() {
        work_ = std::make_unique<QTemporaryDir>();
        QVERIFY(work_->isValid());
        studies_ = work_->filePath("studies").toStdString();
        fs::create_directories(studies_);
        db_ = std::make_unique<project::ProjectDb>(work_->filePath("project.sqlite").toStdString());
    }

    void cleanup() { db_.reset(); }

    void dicomCohortIsImportedPseudonymised() {
        for (const auto& id : cohort_.patientIds) copyStudy(id);
        const auto report = runImport(cohort_.clinicalCsv, synthetic::syntheticCovariates());
        QCOMPARE(report.acceptedCount(), std::size_t(3));
        QCOMPARE(report.refusedCount(), std::size_t(0));
        project::CohortRepository cohort(*db_);
        const auto patients = cohort.patients();
        QCOMPARE(patients.size(), std::size_t(3));
        const SiteKey key = loadSiteKey();
        for (std::size_t r = 0; r < clinical_.rows.size(); ++r) {
            const std::string id = clinical_.rows[r][clinical_.column("patient_id")];
            const auto patient = cohort.findPatient(pseudonymise(id, key));
            QVERIFY(patient.has_value());
            // The ROI is the generator's ground-truth GTV, voxel for voxel.
            const auto studies = cohort.studies(*patient);
            QCOMPARE(studies.size(), std::size_t(1));
            const auto rois = cohort.rois(studies[0].id);
            QCOMPARE(rois.size(), std::size_t(1));
            QCOMPARE(rois[0].name, std::string("GTV"));
            QCOMPARE(std::to_string(rois[0].voxelCount), truth_.rows[r][truth_.column("gtv_voxels")]);
            QCOMPARE(sha256File(db_->absoluteFilePath(studies[0].imagePath)), studies[0].imageSha256);
            const Volume stored = readVolume(db_->absoluteFilePath(studies[0].imagePath));
            QCOMPARE(stored.geometry.sizeXyz,
                     synthetic::synthesiseCase(5, static_cast<int>(r)).volume.geometry.sizeXyz);
            // Kept voxel for voxel, as the type the series is read as (float64 as float32, the
            // precision it is held in: Centre B's slope 0.5).
            const Volume series = readVolume((fs::path(studies_) / id / "CT").string());
            QCOMPARE(stored.voxels, series.voxels);
            QVERIFY(stored.stored == (series.stored == StoredVoxel::Float64 ? StoredVoxel::Float32 : series.stored));
            QCOMPARE(cohort.clinicalValues(*patient).at("age"), clinical_.rows[r][clinical_.column("age")]);
        }
        // Every non-empty label cell became one label.
        for (const auto& endpoint : synthetic::endpointNames()) {
            std::size_t cells = 0;
            for (const auto& row : clinical_.rows) cells += !row[clinical_.column(endpoint)].empty();
            QCOMPARE(cohort.labels(endpoint).size(), cells);
        }
        QCOMPARE(cohort.endpoints().size(), std::size_t(10));
        // No raw identifier reaches the database or the project's files.
        db_.reset();
        const std::string database = readAll(work_->filePath("project.sqlite").toStdString()) +
                                     readAll(work_->filePath("project.sqlite-wal").toStdString());
        for (const auto& id : cohort_.patientIds) QVERIFY2(database.find(id) == std::string::npos, id.c_str());
        for (const auto& entry : fs::recursive_directory_iterator(work_->filePath("project.files").toStdString())) {
            if (!entry.is_regular_file()) continue;
            QVERIFY(entry.path().string().find("HX") == std::string::npos);
        }
        const auto first = synthetic::drawPatient(5, 0);
        const std::string family = first.patientName.substr(0, first.patientName.find('^'));
        QVERIFY(database.find(family) == std::string::npos);
    }

    // One rule for every source: the DICOM reader names the patient as the import does, and nothing
    // in the project (no salt, no key) lets its holder recompute a pseudonym from an identifier.
    void pseudonymsAreKeyedOutsideTheProject() {
        copyStudy(cohort_.patientIds[0]);
        QCOMPARE(runImport(cohort_.clinicalCsv).acceptedCount(), std::size_t(1));
        const SiteKey key = loadSiteKey();
        ReadOptions options;
        options.siteKey = &key;
        StudyInfo info;
        readVolume((fs::path(studies_) / cohort_.patientIds[0] / "CT").string(), options, &info);
        project::CohortRepository cohort(*db_);
        QCOMPARE(cohort.patients().at(0).pseudonym, info.pseudonym);
        QVERIFY(db_->legacyPseudonymSalt().empty());
        QCOMPARE(db_->info("pseudonym_key_id"), key.id());
        db_.reset();
        const std::string database = readAll(work_->filePath("project.sqlite").toStdString()) +
                                     readAll(work_->filePath("project.sqlite-wal").toStdString());
        const std::string secretHex = QByteArray::fromStdString(key.secret).toHex().toStdString();
        QVERIFY(database.find(key.secret) == std::string::npos);
        QVERIFY(database.find(secretHex) == std::string::npos);
        QVERIFY(database.find(key.path) == std::string::npos);
    }

    void anotherSiteKeyIsRefused() {
        copyStudy(cohort_.patientIds[0]);
        QCOMPARE(runImport(cohort_.clinicalCsv).acceptedCount(), std::size_t(1));
        copyStudy(cohort_.patientIds[1]);
        ImportOptions options;
        options.keyFile = work_->filePath("other-site-key").toStdString();
        SilentProgress progress;
        try {
            importCohort(*db_, studies_, cohort_.clinicalCsv, options, progress);
            QFAIL("imported under another site key");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("another site key"), e.what());
        }
        QCOMPARE(rowCount(*db_, "patients"), 1LL);
    }

    // A project of an earlier release keeps its salt inside: it is refused with what to do, and
    // nothing is added under a rule its holder could reverse.
    void projectWithItsOwnSaltIsRefused() {
        db_->execute("INSERT INTO project_info(key, value) VALUES ('pseudonym_salt', '" + std::string(64, 'a') + "')",
                     "make the project look old");
        copyStudy(cohort_.patientIds[0]);
        try {
            runImport(cohort_.clinicalCsv);
            QFAIL("imported into a project with its own salt");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("salt inside the project") &&
                         QString(e.what()).contains("drs project rekey"),
                     e.what());
        }
        QCOMPARE(rowCount(*db_, "patients"), 0LL);
    }

    void unknownPatientIdIsRefused() {
        copyStudy(cohort_.patientIds[0]);
        copyStudy(cohort_.patientIds[1]);
        const auto report = runImport(clinicalWithout(cohort_.patientIds[1]));
        QCOMPARE(report.acceptedCount(), std::size_t(1));
        const auto* refused = outcomeFor(report, cohort_.patientIds[1]);
        QVERIFY(refused && !refused->accepted);
        QVERIFY2(QString::fromStdString(refused->reason).contains("unknown patient id"), refused->reason.c_str());
        QCOMPARE(rowCount(*db_, "patients"), 1LL);
    }

    void duplicatePatientIdsAreRefused() {
        copyStudy(cohort_.patientIds[0]);
        copyStudy(cohort_.patientIds[1]);
        CsvTable csv = clinical_;
        csv.rows.push_back(csv.rows[0]);
        const auto report = runImport(writeClinical(csv));
        const auto* refused = outcomeFor(report, cohort_.patientIds[0]);
        QVERIFY(refused && !refused->accepted);
        QVERIFY2(QString::fromStdString(refused->reason).contains("duplicate patient id (lines 2, 5)"),
                 refused->reason.c_str());
        QVERIFY(outcomeFor(report, cohort_.patientIds[1])->accepted);
        QCOMPARE(rowCount(*db_, "patients"), 1LL);
    }

    void labelOtherThanZeroOrOneIsRefused() {
        copyStudy(cohort_.patientIds[0]);
        CsvTable csv = clinical_;
        csv.rows[0][csv.column("EGFR")] = "2";
        const auto report = runImport(writeClinical(csv));
        const auto* refused = outcomeFor(report, cohort_.patientIds[0]);
        QVERIFY(refused && !refused->accepted);
        QVERIFY2(QString::fromStdString(refused->reason).contains("EGFR = '2' is not a label"),
                 refused->reason.c_str());
        QCOMPARE(rowCount(*db_, "patients"), 0LL);
        QCOMPARE(rowCount(*db_, "labels"), 0LL);
    }

    void studyWithoutRoiIsRefused() {
        copyStudy(cohort_.patientIds[0]);
        fs::remove(fs::path(studies_) / cohort_.patientIds[0] / "RTSTRUCT.dcm");
        const auto report = runImport(cohort_.clinicalCsv);
        const auto* refused = outcomeFor(report, cohort_.patientIds[0]);
        QVERIFY(refused && !refused->accepted);
        QVERIFY2(QString::fromStdString(refused->reason).contains("without ROI"), refused->reason.c_str());
        QCOMPARE(rowCount(*db_, "patients"), 0LL);
    }

    // A 3D Slicer user's study folder: the CT series and Slicer's Segmentation.seg.nrrd, cropped
    // to the segments' extent, with the tumour and a vessel. The ROI is chosen by name and lands on
    // the CT's grid voxel for voxel.
    void slicerSegmentationBesideTheSeriesIsImportedByName() {
        const std::string id = cohort_.patientIds[0];
        copyStudy(id);
        fs::remove(fs::path(studies_) / id / "RTSTRUCT.dcm");
        const LabelMap gtv = synthetic::synthesiseCase(5, 0).mask;
        std::array<std::int64_t, 3> low = gtv.geometry.sizeXyz, high{0, 0, 0};
        for (std::int64_t z = 0; z < gtv.geometry.sizeXyz[2]; ++z)
            for (std::int64_t y = 0; y < gtv.geometry.sizeXyz[1]; ++y)
                for (std::int64_t x = 0; x < gtv.geometry.sizeXyz[0]; ++x)
                    if (gtv.at(x, y, z)) {
                        const std::int64_t at[3] = {x, y, z};
                        for (int a = 0; a < 3; ++a) {
                            low[a] = std::min(low[a], at[a] - 1);
                            high[a] = std::max(high[a], at[a] + 1);
                        }
                    }
        Geometry cropped = gtv.geometry;
        for (int a = 0; a < 3; ++a) {
            cropped.sizeXyz[a] = high[a] - low[a] + 1;
            cropped.originMm[a] += static_cast<double>(low[a]) * cropped.spacingMm[a];
        }
        LabelMap box(cropped, 0);
        for (std::int64_t z = 0; z < cropped.sizeXyz[2]; ++z)
            for (std::int64_t y = 0; y < cropped.sizeXyz[1]; ++y)
                for (std::int64_t x = 0; x < cropped.sizeXyz[0]; ++x)
                    box.at(x, y, z) = gtv.at(x + low[0], y + low[1], z + low[2]);
        box.at(0, 0, 0) = 2;  // the vessel, outside the tumour
        drs::test::writeSlicerSegmentation((fs::path(studies_) / id / "Segmentation.seg.nrrd").string(), {box},
                                           {{"Vessel", 2, 0}, {"GTV", 1, 0}});

        const auto unnamed = runImport(cohort_.clinicalCsv);
        QVERIFY(!outcomeFor(unnamed, id)->accepted);
        QVERIFY2(QString::fromStdString(outcomeFor(unnamed, id)->reason)
                     .endsWith("Segmentation.seg.nrrd: holds 2 ROIs; choose one with --roi"),
                 outcomeFor(unnamed, id)->reason.c_str());
        QCOMPARE(rowCount(*db_, "patients"), 0LL);

        const auto report = runImport(cohort_.clinicalCsv, {}, "GTV");
        QVERIFY2(outcomeFor(report, id)->accepted, outcomeFor(report, id)->reason.c_str());
        project::CohortRepository cohort(*db_);
        const auto study = cohort.studies(*cohort.findPatient(pseudonymise(id, loadSiteKey()))).at(0);
        const auto roi = cohort.rois(study.id).at(0);
        QCOMPARE(roi.name, std::string("GTV"));
        QCOMPARE(roi.sourceKind, std::string("labelmap"));
        QCOMPARE(std::to_string(roi.voxelCount), truth_.rows[0][truth_.column("gtv_voxels")]);
        QCOMPARE(readLabelMap(db_->absoluteFilePath(roi.maskPath)).voxels, gtv.voxels);
    }

    // A study exported with its scout: two image series below the folder. The RTSTRUCT names the
    // series its contours are drawn on, so that one is imported (the CT the generator made) and the
    // report says which; with a ROI file that names no series (a Slicer segmentation) the study is
    // refused, naming why.
    void theSeriesTheRtstructReferencesIsImported() {
        const std::string id = cohort_.patientIds[0];
        const std::string scoutUid = "1.2.826.0.1.3680043.2.1125.99.5";
        const auto copyWithScout = [&] {
            copyStudy(id);
            const fs::path study = fs::path(studies_) / id;
            fs::create_directories(study / "SCOUT");
            int copied = 0;
            for (const auto& entry : fs::directory_iterator(study / "CT")) {
                if (copied++ == 2) break;
                DcmFileFormat file;
                QVERIFY(file.loadFile(entry.path().c_str()).good());
                file.getDataset()->putAndInsertString(DCM_SeriesInstanceUID, scoutUid.c_str());
                QVERIFY(file.saveFile((study / "SCOUT" / entry.path().filename()).c_str()).good());
            }
        };
        copyWithScout();
        const fs::path study = fs::path(studies_) / id;
        const auto report = runImport(cohort_.clinicalCsv);
        const ImportOutcome* accepted = outcomeFor(report, id);
        QVERIFY2(accepted && accepted->accepted, accepted ? accepted->reason.c_str() : "no outcome");
        QVERIFY2(accepted->note.starts_with("image series ") &&
                     accepted->note.ends_with(", the one the ROI file references; 1 other series left out"),
                 accepted->note.c_str());
        QVERIFY(accepted->note.find(scoutUid) == std::string::npos);
        QCOMPARE(report.table().rows.front().back(), accepted->note);
        project::CohortRepository cohort(*db_);
        const auto stored = cohort.studies(*cohort.findPatient(pseudonymise(id, loadSiteKey()))).at(0);
        const Volume image = readVolume(db_->absoluteFilePath(stored.imagePath));
        QCOMPARE(image.geometry.sizeXyz, synthetic::synthesiseCase(5, 0).volume.geometry.sizeXyz);
        QCOMPARE(image.voxels, readVolume((study / "CT").string()).voxels);

        init();
        copyWithScout();
        fs::remove(fs::path(studies_) / id / "RTSTRUCT.dcm");
        drs::test::writeSlicerSegmentation((fs::path(studies_) / id / "Segmentation.seg.nrrd").string(),
                                           {synthetic::synthesiseCase(5, 0).mask}, {{"GTV", 1, 0}});
        const auto refused = runImport(cohort_.clinicalCsv);
        QVERIFY(!outcomeFor(refused, id)->accepted);
        QCOMPARE(outcomeFor(refused, id)->reason,
                 std::string("holds 2 DICOM image series and its ROI file references none of them; one image series "
                             "per study folder, or an RTSTRUCT or SEG naming one, is expected"));
        QCOMPARE(rowCount(*db_, "patients"), 0LL);
    }

    // A study folder as TCIA's NSCLC-Radiomics holds it: the CT, its RTSTRUCT and a SEG of the same
    // GTV. Without a choice it is refused naming both files; --roi-file-type imports the one asked
    // (its kind recorded, the note naming it), and among several files --roi keeps those defining
    // the ROI. A type the folder lacks, or an unknown type, is refused.
    // A CT acquired with its gantry tilted is imported with each slice where it was acquired, and
    // the report says so: here one pixel further down the columns with each slice, so that the
    // stored image can be compared voxel for voxel.
    void aTiltedGantryCtIsPlacedAndTheReportSaysSo() {
        const std::string id = cohort_.patientIds[0];
        copyStudy(id);
        const fs::path study = fs::path(studies_) / id;
        const Volume upright = readVolume((study / "CT").string());
        const double pixelMm = upright.geometry.spacingMm[1], planeMm = upright.geometry.spacingMm[2];
        QVERIFY(
            drs::test::tiltSeries((study / "CT").string(), 0, pixelMm / planeMm, (study / "RTSTRUCT.dcm").string()));
        const auto report = runImport(cohort_.clinicalCsv);
        const ImportOutcome* accepted = outcomeFor(report, id);
        QVERIFY2(accepted && accepted->accepted, accepted ? accepted->reason.c_str() : "no outcome");
        const auto n = upright.geometry.sizeXyz;
        char note[200];
        std::snprintf(note, sizeof note,
                      "gantry tilt %.1f degrees: each slice placed where it was acquired (moved up to %.1f mm within "
                      "its plane, bilinear)",
                      std::atan(pixelMm / planeMm) * 180 / std::numbers::pi, pixelMm * static_cast<double>(n[2] - 1));
        QCOMPARE(accepted->note, std::string(note));
        QCOMPARE(accepted->roiVoxels,
                 static_cast<std::size_t>(std::stoul(truth_.rows[0][truth_.column("gtv_voxels")])));
        project::CohortRepository cohort(*db_);
        const auto stored = cohort.studies(*cohort.findPatient(pseudonymise(id, loadSiteKey()))).at(0);
        const Volume image = readVolume(db_->absoluteFilePath(stored.imagePath));
        QCOMPARE(image.geometry.sizeXyz, (std::array<std::int64_t, 3>{n[0], n[1] + n[2] - 1, n[2]}));
        for (std::int64_t z = 0; z < n[2]; ++z)
            QCOMPARE(image.at(n[0] / 2, n[1] / 2 + z, z), upright.at(n[0] / 2, n[1] / 2, z));
    }

    void severalRoiFilesAreChosenByTypeOrName() {
        const std::string id = cohort_.patientIds[0];
        const auto copyWithSeg = [&](bool slicerVessel) {
            copyStudy(id);
            const fs::path study = fs::path(studies_) / id;
            fs::create_directories(study / "SEG");
            const LabelMap gtv = synthetic::synthesiseCase(5, 0).mask;
            writeDicomSeg(gtv, {{1, "GTV"}}, sourceSeriesOf((study / "CT").string(), gtv.geometry), {},
                          (study / "SEG" / "GTV.dcm").string());
            if (slicerVessel) {
                LabelMap vessel(gtv.geometry, 0);
                vessel.at(0, 0, 0) = 1;
                drs::test::writeSlicerSegmentation((study / "Vessel.seg.nrrd").string(), {vessel}, {{"Vessel", 1, 0}});
            }
        };
        const auto importWith = [&](const std::string& roiName, const std::string& type) {
            SilentProgress progress;
            ImportOptions options;
            options.roiName = roiName;
            options.roiFileType = type;
            return importCohort(*db_, studies_, cohort_.clinicalCsv, options, progress);
        };
        const auto reasonOf = [&](const ImportReport& report) { return outcomeFor(report, id)->reason; };
        copyWithSeg(false);
        QCOMPARE(reasonOf(importWith("", "")),
                 std::string("holds 2 ROI files (RTSTRUCT.dcm (rtstruct), SEG/GTV.dcm (seg)); choose one with --roi "
                             "NAME or --roi-file-type rtstruct, seg or seg.nrrd"));
        QCOMPARE(reasonOf(importWith("GTV", "")),
                 std::string("holds 2 ROI files defining the ROI 'GTV' (RTSTRUCT.dcm (rtstruct), SEG/GTV.dcm (seg)); "
                             "choose one with --roi-file-type rtstruct, seg or seg.nrrd"));
        QCOMPARE(reasonOf(importWith("", "seg.nrrd")),
                 std::string("holds 2 ROI files (RTSTRUCT.dcm (rtstruct), SEG/GTV.dcm (seg)), none of them of type "
                             "seg.nrrd"));
        QVERIFY_THROWS_EXCEPTION(Error, importWith("", "nifti"));
        QCOMPARE(rowCount(*db_, "patients"), 0LL);

        for (const std::string kind : {"seg", "rtstruct"}) {
            init();
            copyWithSeg(false);
            const auto report = importWith("", kind);
            const ImportOutcome* accepted = outcomeFor(report, id);
            QVERIFY2(accepted->accepted, accepted->reason.c_str());
            QCOMPARE(accepted->note, "ROI file " + std::string(kind == "seg" ? "SEG/GTV.dcm" : "RTSTRUCT.dcm") + " (" +
                                         kind + "); 1 other ROI file left out");
            project::CohortRepository cohort(*db_);
            const auto study = cohort.studies(*cohort.findPatient(pseudonymise(id, loadSiteKey()))).at(0);
            const auto roi = cohort.rois(study.id).at(0);
            QCOMPARE(roi.sourceKind, kind);
            QCOMPARE(std::to_string(roi.voxelCount), truth_.rows[0][truth_.column("gtv_voxels")]);
        }

        // The RTSTRUCT's GTV beside a Slicer file of a vessel: --roi GTV leaves only the RTSTRUCT.
        init();
        copyWithSeg(true);
        fs::remove(fs::path(studies_) / id / "SEG" / "GTV.dcm");
        const auto named = importWith("GTV", "");
        QVERIFY2(outcomeFor(named, id)->accepted, reasonOf(named).c_str());
        QCOMPARE(outcomeFor(named, id)->note,
                 std::string("ROI file RTSTRUCT.dcm (rtstruct); 1 other ROI file left out"));
    }

    void unreadableDicomIsRefused() {
        copyStudy(cohort_.patientIds[0]);
        // A file that announces DICOM (preamble + "DICM") and then breaks off.
        const fs::path broken = fs::path(studies_) / cohort_.patientIds[0] / "CT" / "CT0003.dcm";
        const std::string bytes = readAll(broken.string());
        std::ofstream(broken, std::ios::binary | std::ios::trunc) << bytes.substr(0, 300);
        const auto report = runImport(cohort_.clinicalCsv);
        QCOMPARE(report.outcomes.size(), std::size_t(3));  // the study (under its patient) + two rows without a study
        QCOMPARE(report.outcomes.front().patientId, cohort_.patientIds[0]);
        const auto& refused = report.outcomes.front();
        QVERIFY(!refused.accepted);
        QVERIFY2(QString::fromStdString(refused.reason).contains("unreadable DICOM"), refused.reason.c_str());
        QVERIFY2(QString::fromStdString(refused.reason).contains("CT0003.dcm"), refused.reason.c_str());
        QCOMPARE(rowCount(*db_, "patients"), 0LL);
    }

    void niftiPairImportsAndMaskGeometryMismatchIsRefused() {
        const auto good = synthetic::synthesiseCase(5, 0);
        fs::create_directories(fs::path(studies_) / "CASE-1");
        Volume int16 = good.volume;  // a CT saved with int16 voxels
        for (float& v : int16.voxels) v = std::round(v);
        int16.stored = StoredVoxel::Int16;
        writeVolume(int16, (fs::path(studies_) / "CASE-1" / "image.nii.gz").string());
        writeLabelMap(good.mask, (fs::path(studies_) / "CASE-1" / "mask.nii.gz").string());
        fs::create_directories(fs::path(studies_) / "CASE-2");
        writeVolume(good.volume, (fs::path(studies_) / "CASE-2" / "ct_image.nrrd").string());
        LabelMap shifted = good.mask;
        shifted.geometry.originMm[0] += 5;
        writeLabelMap(shifted, (fs::path(studies_) / "CASE-2" / "ct_mask.nrrd").string());
        CsvTable csv;
        csv.header = {"patient_id", "centre", "EGFR"};
        csv.rows = {{"CASE-1", "X", "1"}, {"CASE-2", "X", "0"}};
        const auto report = runImport(writeClinical(csv));
        QVERIFY(outcomeFor(report, "CASE-1")->accepted);
        const auto* refused = outcomeFor(report, "CASE-2");
        QVERIFY(!refused->accepted);
        QVERIFY2(
            QString::fromStdString(refused->reason).contains("ct_mask.nrrd: mask does not match the image: origin"),
            refused->reason.c_str());
        project::CohortRepository cohort(*db_);
        const auto patient = cohort.findPatient(pseudonymise("CASE-1", loadSiteKey()));
        QVERIFY(patient.has_value());
        const auto study = cohort.studies(*patient).at(0);
        QCOMPARE(study.sourceKind, std::string("nifti"));
        // The project keeps the int16 voxels: a NIfTI-1 header of 352 bytes and 2 bytes a voxel.
        const Volume kept = readVolume(db_->absoluteFilePath(study.imagePath));
        QCOMPARE(kept.voxels, int16.voxels);
        QVERIFY(kept.stored == StoredVoxel::Int16);
        QCOMPARE(fs::file_size(db_->absoluteFilePath(study.imagePath)), 352 + 2 * int16.voxels.size());
        std::int64_t voxels = 0;
        for (auto v : good.mask.voxels) voxels += v;
        QCOMPARE(cohort.rois(study.id).at(0).voxelCount, voxels);
        QCOMPARE(cohort.labels("EGFR").size(), std::size_t(1));
        QCOMPARE(rowCount(*db_, "patients"), 1LL);
    }

    // A mask stored with its rows reversed (as NIfTI converters often write a CT) holds the same
    // voxels as the image's grid: it is carried over exactly.
    void aMaskWithRowsReversedIsImportedVoxelForVoxel() {
        const auto good = synthetic::synthesiseCase(5, 0);
        fs::create_directories(fs::path(studies_) / "CASE-1");
        writeVolume(good.volume, (fs::path(studies_) / "CASE-1" / "image.nii.gz").string());
        LabelMap reversed = good.mask;
        const std::int64_t rows = good.mask.geometry.sizeXyz[1];
        reversed.geometry.direction[4] = -1;
        reversed.geometry.originMm[1] += double(rows - 1) * reversed.geometry.spacingMm[1];
        for (std::int64_t z = 0; z < good.mask.geometry.sizeXyz[2]; ++z)
            for (std::int64_t y = 0; y < rows; ++y)
                for (std::int64_t x = 0; x < good.mask.geometry.sizeXyz[0]; ++x)
                    reversed.at(x, y, z) = good.mask.at(x, rows - 1 - y, z);
        writeLabelMap(reversed, (fs::path(studies_) / "CASE-1" / "mask.nii.gz").string());
        CsvTable csv;
        csv.header = {"patient_id", "centre", "EGFR"};
        csv.rows = {{"CASE-1", "X", "1"}};
        const auto report = runImport(writeClinical(csv));
        QVERIFY2(outcomeFor(report, "CASE-1")->accepted, outcomeFor(report, "CASE-1")->reason.c_str());
        project::CohortRepository cohort(*db_);
        const auto study = cohort.studies(*cohort.findPatient(pseudonymise("CASE-1", loadSiteKey()))).at(0);
        QCOMPARE(readLabelMap(db_->absoluteFilePath(cohort.rois(study.id).at(0).maskPath)).voxels, good.mask.voxels);
    }

    void clinicalRowWithoutStudyIsRefused() {
        copyStudy(cohort_.patientIds[0]);
        const auto report = runImport(cohort_.clinicalCsv);
        QCOMPARE(report.acceptedCount(), std::size_t(1));
        const auto* refused = outcomeFor(report, cohort_.patientIds[2]);
        QVERIFY(refused && !refused->accepted);
        QVERIFY2(QString::fromStdString(refused->reason).contains("no study folder"), refused->reason.c_str());
        QVERIFY(QString::fromStdString(refused->source).contains("line 4"));
    }

    void reimportIsRefusedAndKeepsTheProject() {
        copyStudy(cohort_.patientIds[0]);
        QCOMPARE(runImport(cohort_.clinicalCsv).acceptedCount(), std::size_t(1));
        const auto again = runImport(cohort_.clinicalCsv);
        QCOMPARE(again.acceptedCount(), std::size_t(0));
        QVERIFY(QString::fromStdString(outcomeFor(again, cohort_.patientIds[0])->reason)
                    .contains("already in the project"));
        QCOMPARE(rowCount(*db_, "patients"), 1LL);
    }

    // A failure in the middle of one patient's transaction (here: the database refuses the ROI row)
    // undoes that patient's rows and files; the other patients are kept.
    void failureInsideAPatientLeavesNoTrace() {
        copyStudy(cohort_.patientIds[0]);
        copyStudy(cohort_.patientIds[1]);
        const std::string victim = pseudonymise(cohort_.patientIds[1], loadSiteKey());
        db_->execute(
            "CREATE TRIGGER refuse_roi BEFORE INSERT ON rois WHEN (SELECT pseudonym FROM patients p JOIN studies s"
            " ON s.patient_id = p.id WHERE s.id = NEW.study_id) = '" +
                victim +
                "'"
                " BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END",
            "install the failure");
        const auto report = runImport(cohort_.clinicalCsv);
        QVERIFY(outcomeFor(report, cohort_.patientIds[0])->accepted);
        const auto* failed = outcomeFor(report, cohort_.patientIds[1]);
        QVERIFY(!failed->accepted);
        QVERIFY2(QString::fromStdString(failed->reason).contains("simulated disk failure"), failed->reason.c_str());
        QCOMPARE(rowCount(*db_, "patients"), 1LL);
        QCOMPARE(rowCount(*db_, "studies"), 1LL);
        QCOMPARE(rowCount(*db_, "rois"), 1LL);
        project::CohortRepository cohort(*db_);
        const auto kept = *cohort.findPatient(pseudonymise(cohort_.patientIds[0], loadSiteKey()));
        auto labels = db_->prepare("SELECT count(*) FROM labels WHERE patient_id <> ?");
        labels.addBindValue(QVariant::fromValue<qlonglong>(kept));
        db_->run(labels, "count");
        labels.next();
        QCOMPARE(labels.value(0).toLongLong(), 0LL);
        QVERIFY(!fs::exists(db_->absoluteFilePath("images/" + victim + ".nii")));
        QVERIFY(!fs::exists(db_->absoluteFilePath("masks/" + victim + "_GTV.nii.gz")));
    }

    // Studies are read and written side by side, recorded in folder order: the thread count changes
    // neither the report (order, pseudonyms, reasons) nor a stored byte. The batch holds an accepted
    // study, a second folder of the same patient and an unreadable one.
    void threadCountChangesNothing() {
        for (const auto& id : cohort_.patientIds) copyStudy(id);
        fs::copy(fs::path(studies_) / cohort_.patientIds[0], fs::path(studies_) / "zz-second-folder",
                 fs::copy_options::recursive);
        const fs::path broken = fs::path(studies_) / cohort_.patientIds[2] / "CT" / "CT0002.dcm";
        const std::string bytes = readAll(broken.string());
        std::ofstream(broken, std::ios::binary | std::ios::trunc) << bytes.substr(0, 300);

        std::vector<std::vector<std::vector<std::string>>> reports;
        std::vector<std::vector<std::string>> stored;
        for (int threads : {1, 3, 0}) {
            QTemporaryDir folder;
            project::ProjectDb db(folder.filePath("project.sqlite").toStdString());
            SilentProgress progress;
            ImportOptions options;
            options.threads = threads;
            reports.push_back(importCohort(db, studies_, cohort_.clinicalCsv, options, progress).table().rows);
            auto query = db.prepare(
                "SELECT p.pseudonym, s.source_sha256, s.image_sha256, r.mask_sha256, r.voxel_count FROM patients p"
                " JOIN studies s ON s.patient_id = p.id JOIN rois r ON r.study_id = s.id ORDER BY p.pseudonym");
            db.run(query, "read the stored studies");
            std::vector<std::string> rows;
            while (query.next()) {
                std::string row;
                for (int c = 0; c < 5; ++c) row += query.value(c).toString().toStdString() + " ";
                rows.push_back(row);
            }
            stored.push_back(rows);
            // Nothing of a refused study, and no temporary file, is left in the project's folders.
            std::size_t files = 0;
            for (const auto& entry : fs::recursive_directory_iterator(db.filesFolder()))
                if (entry.is_regular_file()) {
                    ++files;
                    QVERIFY2(entry.path().string().find("staged") == std::string::npos, entry.path().string().c_str());
                }
            QCOMPARE(files, std::size_t(4));
        }
        const auto& single = reports.front();
        QCOMPARE(single.size(), std::size_t(4));
        std::map<std::string, std::vector<std::string>> bySource;
        for (const auto& row : single) bySource[row[1]] = row;
        QCOMPARE(bySource.at(cohort_.patientIds[0])[0], std::string("accepted"));
        QCOMPARE(bySource.at(cohort_.patientIds[1])[0], std::string("accepted"));
        const std::string unreadable = bySource.at(cohort_.patientIds[2])[4];
        QVERIFY2(QString::fromStdString(unreadable).contains("CT0002.dcm"), unreadable.c_str());
        const std::string second = bySource.at("zz-second-folder")[4];
        QVERIFY2(QString::fromStdString(second).contains("same patient"), second.c_str());
        QCOMPARE(stored.front().size(), std::size_t(2));
        for (std::size_t run = 1; run < reports.size(); ++run) {
            QCOMPARE(reports[run], single);
            QCOMPARE(stored[run], stored.front());
        }
    }

    // Cancelling between patients keeps the patients already imported, each complete.
    void cancelKeepsFinishedPatientsOnly() {
        for (const auto& id : cohort_.patientIds) copyStudy(id);
        CancelOnFirstReport progress;  // the cancel lands while the first patient is being imported
        bool cancelled = false;
        try {
            importCohort(*db_, studies_, cohort_.clinicalCsv, {}, progress);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(rowCount(*db_, "patients"), 1LL);
        QCOMPARE(rowCount(*db_, "studies"), 1LL);
        QCOMPARE(rowCount(*db_, "rois"), 1LL);
    }

    void endpointWithoutPositivesIsReported() {
        copyStudy(cohort_.patientIds[0]);
        CsvTable csv = clinical_;
        for (auto& row : csv.rows) row[csv.column("ALK")] = "0";
        const auto report = runImport(writeClinical(csv));
        bool warned = false;
        for (const auto& warning : report.warnings) warned |= warning.rfind("ALK: no positive label", 0) == 0;
        QVERIFY(warned);
    }

    void clinicalCsvWithoutEndpointColumnsIsReported() {
        copyStudy(cohort_.patientIds[0]);
        CsvTable csv;
        csv.header = {"patient_id", "age", "centre"};
        for (const auto& row : clinical_.rows)
            csv.rows.push_back({row[clinical_.column("patient_id")], row[clinical_.column("age")], "A"});
        const auto report = runImport(writeClinical(csv));
        QVERIFY(outcomeFor(report, cohort_.patientIds[0])->accepted);
        QVERIFY(!report.warnings.empty());
        QCOMPARE(report.warnings.front(), std::string("clinical.csv: no endpoint column (LVI, PI, T4, EGFR, KRAS, ALK, "
                                                      "TP53, PIK3CA, ROS1, PD1_PDL1); its patients have no label, so "
                                                      "no model can be trained on them"));
    }

    void identifyingClinicalColumnsAreNotStored() {
        copyStudy(cohort_.patientIds[0]);
        CsvTable csv = clinical_;
        const std::vector<std::pair<std::string, std::string>> identifying = {{"patient_name", "Doe^Jane"},
                                                                              {"Date of Birth", "1951-03-07"},
                                                                              {"ADDRESS", "12 Elm Street"},
                                                                              {"MRN", "4455667"}};
        for (const auto& [header, value] : identifying) {
            csv.header.push_back(header);
            for (auto& row : csv.rows) row.push_back(value);
        }
        const auto report = runImport(writeClinical(csv), {"age"});
        QVERIFY(outcomeFor(report, cohort_.patientIds[0])->accepted);
        bool warned = false;
        for (const auto& warning : report.warnings)
            warned |= warning ==
                      "clinical.csv: column(s) 'patient_name', 'Date of Birth', 'ADDRESS', 'MRN' identify "
                      "patients (names, birth dates, addresses, record numbers) and were not imported";
        QVERIFY(warned);
        project::CohortRepository cohort(*db_);
        const auto values = cohort.clinicalValues(cohort.patients().front().id);
        for (const auto& [header, value] : identifying) QVERIFY2(!values.count(header), header.c_str());
        for (const auto& row : clinical_.rows)
            if (row[clinical_.column("patient_id")] == cohort_.patientIds[0])
                QCOMPARE(values.at("age"), row[clinical_.column("age")]);
        // Not a byte of them in the project file.
        db_.reset();
        std::string bytes;
        for (const char* suffix : {"", "-wal"}) {
            std::ifstream file(work_->filePath("project.sqlite").toStdString() + suffix, std::ios::binary);
            bytes.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        }
        for (const auto& [header, value] : identifying) QVERIFY2(bytes.find(value) == std::string::npos, value.c_str());
    }

    void onlyDeclaredCovariatesAreStored() {
        copyStudy(cohort_.patientIds[0]);
        const auto report = runImport(cohort_.clinicalCsv, {"age"});
        QVERIFY(outcomeFor(report, cohort_.patientIds[0])->accepted);
        QVERIFY(warned(report,
                       "clinical.csv: column(s) 'sex', 'smoking', 'location' were not imported: only declared "
                       "covariates are (drs import --covariates)"));
        project::CohortRepository cohort(*db_);
        const auto values = cohort.clinicalValues(cohort.patients().front().id);
        QCOMPARE(values.size(), std::size_t(2));
        QVERIFY(values.count("age") && values.count("centre"));
    }

    void aCovariateThatIsNoColumnIsAnErrorAndWritesNothing() {
        copyStudy(cohort_.patientIds[0]);
        QCOMPARE(errorOf([&] {
                     runImport(cohort_.clinicalCsv, {"age", "weight"});
                 }),
                 QString::fromStdString(cohort_.clinicalCsv + ": covariate 'weight' is not a column of this file"));
        QVERIFY(project::CohortRepository(*db_).patients().empty());
    }

    // Declared, under harmless headers, but their values identify the patients.
    void columnsWhoseValuesIdentifyPatientsAreNotStored() {
        copyStudy(cohort_.patientIds[0]);
        CsvTable csv = clinical_;
        const std::vector<std::string> headers = {"contact", "referral_line", "visit", "referrer", "scan_label"};
        csv.header.insert(csv.header.end(), headers.begin(), headers.end());
        for (auto& row : csv.rows) {
            const std::string id = row[csv.column("patient_id")];
            for (const std::string& value : std::vector<std::string>{"j.doe@example.org", "+44 20 7946 0958",
                                                                     "2019-05-14", "Smith, Anna", "CT of " + id})
                row.push_back(value);
        }
        std::vector<std::string> declared = headers;
        declared.push_back("age");
        const auto report = runImport(writeClinical(csv), declared);
        QVERIFY(outcomeFor(report, cohort_.patientIds[0])->accepted);
        const std::string expected =
            "clinical.csv: column(s) 'contact' (3 of 3 values are e-mail addresses), 'referral_line' (3 of 3 values "
            "are telephone numbers), 'visit' (3 of 3 values are calendar dates), 'referrer' (3 of 3 values are person "
            "names), 'scan_label' (3 of 3 values are copies of the patient id) hold values that identify patients and "
            "were not imported";
        QVERIFY2(warned(report, expected), report.warnings.empty() ? "" : report.warnings.back().c_str());
        project::CohortRepository cohort(*db_);
        const auto values = cohort.clinicalValues(cohort.patients().front().id);
        for (const auto& header : headers) QVERIFY2(!values.count(header), header.c_str());
        QVERIFY(values.count("age"));
    }

    // Tables that would otherwise be read wrongly without a word (readCsv, for every command).
    void ambiguousTablesAreRefusedNamingTheProblem() {
        const std::string duplicate = work_->filePath("duplicate.csv").toStdString();
        std::ofstream(duplicate) << "patient_id,EGFR,age,age\nA,1,60,61\n";
        QVERIFY(errorOf([&] { readCsv(duplicate); }).contains("the column name 'age' appears twice (columns 3 and 4)"));
        const std::string semicolons = work_->filePath("semicolons.csv").toStdString();
        std::ofstream(semicolons) << "patient_id;EGFR;age\nA;1;60\n";
        QVERIFY(errorOf([&] { readCsv(semicolons); }).contains("separated by ';'"));
        QVERIFY(errorOf([&] { readCsv(work_->path().toStdString()); }).contains("is a folder; a CSV file is expected"));
    }

    void clinicalCsvWithoutPatientIdColumnIsAnError() {
        CsvTable csv;
        csv.header = {"id", "EGFR"};
        csv.rows = {{"A", "1"}};
        try {
            runImport(writeClinical(csv));
            QFAIL("accepted a clinical CSV without patient_id");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("no patient_id column"));
        }
    }

private:
    void copyStudy(const std::string& patientId) {
        fs::copy(fs::path(cohort_.studiesFolder) / patientId, fs::path(studies_) / patientId,
                 fs::copy_options::recursive);
    }
    std::string writeClinical(const CsvTable& table) {
        const std::string path = work_->filePath("clinical.csv").toStdString();
        writeCsv(path, table);
        return path;
    }
    std::string clinicalWithout(const std::string& patientId) {
        CsvTable csv = clinical_;
        csv.rows.erase(std::remove_if(csv.rows.begin(), csv.rows.end(),
                                      [&](const auto& row) { return row[csv.column("patient_id")] == patientId; }),
                       csv.rows.end());
        return writeClinical(csv);
    }
    ImportReport runImport(const std::string& clinicalCsv, const std::vector<std::string>& covariates = {},
                           const std::string& roiName = {}) {
        SilentProgress progress;
        ImportOptions options;
        options.covariates = covariates;
        options.roiName = roiName;
        return importCohort(*db_, studies_, clinicalCsv, options, progress);
    }
    bool warned(const ImportReport& report, const std::string& warning) {
        return std::find(report.warnings.begin(), report.warnings.end(), warning) != report.warnings.end();
    }

    QTemporaryDir cohortDir_;
    synthetic::SyntheticCohortFiles cohort_;
    CsvTable clinical_, truth_;
    std::unique_ptr<QTemporaryDir> work_;
    std::string studies_;
    std::unique_ptr<project::ProjectDb> db_;
};

QTEST_GUILESS_MAIN(TestImport)
#include "test_import.moc"
