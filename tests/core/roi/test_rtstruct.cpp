#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

#include "core/image/ImageIO.h"
#include "core/roi/DicomMask.h"
#include "core/roi/DicomSeg.h"
#include "core/roi/DicomSource.h"
#include "core/roi/MaskFile.h"
#include "core/roi/RtStruct.h"
#include "core/util/Error.h"
#include "tests/common/ReferenceData.h"
#include "tests/common/TwoSeriesFolder.h"

class TestRtStruct : public QObject {
    Q_OBJECT

    const std::string phantom = drs::test::ibsiCtPhantom();
    const std::string rtstruct = phantom + "/dicom/mask/DCM_RS_00060.dcm";

private slots:
    void init() { DRS_REQUIRE_IBSI_CT_PHANTOM(); }

    void listsTheGtv() {
        const auto rois = drs::listRtStructRois(rtstruct);
        QCOMPARE(rois.size(), std::size_t{1});
        QCOMPARE(rois[0].name, std::string("GTV-1"));
        QVERIFY(rois[0].contourCount > 0);
    }

    // The series the phantom's RTSTRUCT names is the phantom's CT series, and a study folder
    // holding it beside another series is read as that one when the RTSTRUCT is given.
    void namesItsImageSeries() {
        QCOMPARE(drs::dicomMaskReferencedSeries(rtstruct), std::vector<std::string>{drs::test::kPhantomSeriesUid});
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        QVERIFY(drs::test::writeTwoSeriesFolder(phantom, root, "1.2.826.0.1.3680043.2.1125.99.7"));
        QVERIFY_THROWS_EXCEPTION(drs::SeveralDicomSeries, drs::readVolume(root));
        drs::StudyInfo info;
        const drs::Volume read = drs::readStudyForMask(root, rtstruct, {}, &info);
        QCOMPARE(info.seriesInstanceUid, drs::test::kPhantomSeriesUid);
        QVERIFY(read.voxels == drs::readVolume(phantom + "/dicom/image").voxels);
        // A SEG of the phantom's series names it too, and picks it the same way.
        const std::string seg = dir.filePath(QStringLiteral("gtv-seg.dcm")).toStdString();
        const drs::LabelMap gtv = drs::rasteriseRtStruct(rtstruct, "", read.geometry, info.frameOfReferenceUid);
        drs::writeDicomSeg(gtv, {{1, "GTV"}}, drs::sourceSeriesOf(phantom + "/dicom/image", gtv.geometry), {}, seg);
        QCOMPARE(drs::dicomMaskReferencedSeries(seg), std::vector<std::string>{drs::test::kPhantomSeriesUid});
        QVERIFY(drs::readStudyForMask(root, seg).voxels == read.voxels);
        // The folder's scan finds the SEG beside the series, and describes it as it does the
        // RTSTRUCT; a file that is gone keeps the reason, naming it.
        drs::readStudyForMask(root, seg, {}, &info);
        QCOMPARE(info.roiFiles, std::vector<std::string>{seg});
        const std::string gone = root + "/gone.dcm";
        const std::vector<drs::DicomRoiFile> described = drs::describeDicomRoiFiles({seg, rtstruct, gone});
        QCOMPARE(described.size(), std::size_t{3});
        QCOMPARE(described[0].modality, std::string("SEG"));
        QCOMPARE(described[0].roiNames, std::vector<std::string>{"GTV"});
        QCOMPARE(described[0].seriesUids, std::vector<std::string>{drs::test::kPhantomSeriesUid});
        QCOMPARE(described[1].modality, std::string("RTSTRUCT"));
        QCOMPARE(described[1].roiNames, std::vector<std::string>{"GTV-1"});
        QVERIFY(described[0].problem.empty() && described[1].problem.empty());
        QVERIFY2(described[2].problem.rfind(gone + ": ", 0) == 0, described[2].problem.c_str());
        QVERIFY(described[2].modality.empty() && described[2].roiNames.empty());
        // A label map names no series: the choice stays the reader's.
        QVERIFY_THROWS_EXCEPTION(drs::SeveralDicomSeries,
                                 drs::readStudyForMask(root, phantom + "/mask/mask.nii.gz", {}, &info));
    }

    void rasterisationMatchesTheIbsiMask() {
        const auto image = drs::readVolume(phantom + "/dicom/image");
        const auto reference = drs::readLabelMap(phantom + "/mask/mask.nii.gz");
        const auto mask = drs::rasteriseRtStruct(rtstruct, "GTV-1", image.geometry);
        QVERIFY(drs::geometryMismatch(reference.geometry, mask.geometry).empty());
        std::size_t both = 0, a = 0, b = 0;
        for (std::size_t i = 0; i < mask.voxels.size(); ++i) {
            a += mask.voxels[i] != 0;
            b += reference.voxels[i] != 0;
            both += mask.voxels[i] != 0 && reference.voxels[i] != 0;
        }
        const double dice = 2.0 * both / static_cast<double>(a + b);
        qInfo("Dice against the IBSI rasterisation: %.5f (%zu vs %zu voxels)", dice, a, b);
        QVERIFY(dice >= 0.98);
    }

    void unknownRoiNameListsTheNames() {
        const auto image = drs::readVolume(phantom + "/image/phantom.nii.gz");
        try {
            drs::rasteriseRtStruct(rtstruct, "Lung", image.geometry);
            QFAIL("unknown ROI accepted");
        } catch (const drs::Error& e) {
            QCOMPARE(std::string(e.what()), rtstruct + ": no ROI named 'Lung' (ROIs: 'GTV-1')");
        }
    }

    void imageSliceIsNotAnRtStruct() {
        const std::string slice = phantom + "/dicom/image/DCM_IMG_00000.dcm";
        try {
            drs::listRtStructRois(slice);
            QFAIL("CT slice accepted as RTSTRUCT");
        } catch (const drs::Error& e) {
            QCOMPARE(std::string(e.what()), slice + ": not an RTSTRUCT (modality is 'CT')");
        }
    }

    void roiOfAnotherFrameOfReferenceIsRefused() {
        // The phantom's RTSTRUCT, its ROI moved to another frame of reference: the contours still
        // fall on the grid, but they are coordinates of another scan.
        const std::string series = "1.3.6.1.4.1.9590.100.1.2.43753750011518494101799896492065629048";
        const std::string other = "1.2.826.0.1.3680043.2.1125.12.10";
        QTemporaryDir dir;
        const std::string moved = dir.path().toStdString() + "/RS_other_frame.dcm";
        DcmFileFormat file;
        QVERIFY(file.loadFile(rtstruct.c_str()).good());
        DcmItem* item = nullptr;
        QVERIFY(file.getDataset()->findAndGetSequenceItem(DCM_StructureSetROISequence, item, 0).good());
        QVERIFY(item->putAndInsertString(DCM_ReferencedFrameOfReferenceUID, other.c_str()).good());
        QVERIFY(file.getDataset()->findAndGetSequenceItem(DCM_ReferencedFrameOfReferenceSequence, item, 0).good());
        QVERIFY(item->putAndInsertString(DCM_FrameOfReferenceUID, other.c_str()).good());
        QVERIFY(file.saveFile(moved.c_str()).good());

        drs::StudyInfo info;
        const auto image = drs::readVolume(phantom + "/dicom/image", {}, &info);
        QCOMPARE(info.frameOfReferenceUid, series);
        const std::string expected =
            moved + ": ROI 'GTV-1' is drawn in frame of reference " + other + ", the image series is in " + series;
        try {
            drs::rasteriseRtStruct(moved, "", image.geometry, info.frameOfReferenceUid);
            QFAIL("an RTSTRUCT of another frame of reference was accepted");
        } catch (const drs::Error& e) {
            QVERIFY2(std::string(e.what()).rfind(expected, 0) == 0, e.what());
        }
        // The unchanged file is in the series' frame, so it is read.
        QVERIFY(!drs::rasteriseRtStruct(rtstruct, "", image.geometry, info.frameOfReferenceUid).voxels.empty());

        // drs rtstruct refuses in one stderr line and writes no mask.
        const QString out = dir.filePath("mask.nii.gz");
        QProcess drs;
        drs.start(QStringLiteral(DRS_BIN_DIR "/drs"),
                  {"rtstruct", "--image", QString::fromStdString(phantom + "/dicom/image"), "--rtstruct",
                   QString::fromStdString(moved), "--out", out});
        QVERIFY(drs.waitForFinished(60000));
        const QString err = QString::fromUtf8(drs.readAllStandardError());
        QCOMPARE(drs.exitCode(), 1);
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(err.contains(QString::fromStdString(expected)), qPrintable(err));
        QVERIFY(!QFile::exists(out));
    }

    void segOfAnotherFrameOfReferenceIsRefused() {
        drs::StudyInfo info;
        const auto image = drs::readVolume(phantom + "/dicom/image", {}, &info);
        const auto mask = drs::rasteriseRtStruct(rtstruct, "", image.geometry, info.frameOfReferenceUid);
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/seg.dcm";
        drs::writeDicomSeg(mask, {{1, "GTV"}}, drs::sourceSeriesOf(phantom + "/dicom/image", image.geometry), {}, path);
        QVERIFY(drs::readDicomMask(path, "", image.geometry, info.frameOfReferenceUid).voxels == mask.voxels);
        DcmFileFormat file;
        QVERIFY(file.loadFile(path.c_str()).good());
        // The pixel data is read lazily from the file that the save below truncates.
        QVERIFY(file.loadAllDataIntoMemory().good());
        QVERIFY(
            file.getDataset()->putAndInsertString(DCM_FrameOfReferenceUID, "1.2.826.0.1.3680043.2.1125.12.11").good());
        QVERIFY(file.saveFile(path.c_str()).good());
        try {
            drs::readDicomMask(path, "", image.geometry, info.frameOfReferenceUid);
            QFAIL("a SEG of another frame of reference was accepted");
        } catch (const drs::Error& e) {
            const std::string expected = path +
                                         ": the SEG is in frame of reference 1.2.826.0.1.3680043.2.1125.12.11, "
                                         "the image series is in " +
                                         info.frameOfReferenceUid;
            QVERIFY2(std::string(e.what()).rfind(expected, 0) == 0, e.what());
        }
    }

    void contoursOffTheGridAreRefused() {
        auto geometry = drs::readVolume(phantom + "/image/phantom.nii.gz").geometry;
        geometry.originMm[2] += 1.5;  // half a slice: contours fall between slices
        try {
            drs::rasteriseRtStruct(rtstruct, "", geometry);
            QFAIL("contours between slices accepted");
        } catch (const drs::Error& e) {
            QVERIFY2(std::string(e.what()).find("lies between the image's slices") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRtStruct)
#include "test_rtstruct.moc"
