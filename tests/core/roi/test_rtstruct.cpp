#include <QtTest>
#include <filesystem>

#include "core/image/ImageIO.h"
#include "core/roi/RtStruct.h"
#include "core/util/Error.h"
#include "tests/common/ReferenceData.h"

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
