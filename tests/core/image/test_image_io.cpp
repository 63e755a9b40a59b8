#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "core/image/ImageIO.h"
#include "core/image/Pseudonym.h"
#include "core/util/Error.h"
#include "tests/common/ReferenceData.h"

namespace fs = std::filesystem;

class TestImageIo : public QObject {
    Q_OBJECT

    const std::string phantom = drs::test::ibsiCtPhantom();

    static void expectError(const std::function<void()>& call, const std::string& mustMention) {
        try {
            call();
        } catch (const drs::Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find(mustMention) != std::string::npos, message.c_str());
            QVERIFY2(message.find('\n') == std::string::npos, "error message must be one line");
            return;
        }
        QFAIL(("no error raised; expected one mentioning " + mustMention).c_str());
    }

private slots:
    void dicomSeriesEqualsNifti() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        drs::StudyInfo info;
        const auto dicom = drs::readVolume(phantom + "/dicom/image", {}, &info);
        const auto nifti = drs::readVolume(phantom + "/image/phantom.nii.gz");
        QCOMPARE(dicom.geometry.sizeXyz, nifti.geometry.sizeXyz);
        for (int a = 0; a < 3; ++a) {
            QVERIFY(std::abs(dicom.geometry.spacingMm[a] - nifti.geometry.spacingMm[a]) < 1e-4);
            QVERIFY(std::abs(dicom.geometry.originMm[a] - nifti.geometry.originMm[a]) < 1e-3);
        }
        for (int i = 0; i < 9; ++i) QVERIFY(std::abs(dicom.geometry.direction[i] - nifti.geometry.direction[i]) < 1e-6);
        QCOMPARE(dicom.voxels.size(), nifti.voxels.size());
        std::size_t differing = 0;
        for (std::size_t i = 0; i < dicom.voxels.size(); ++i) differing += dicom.voxels[i] != nifti.voxels[i];
        QCOMPARE(differing, std::size_t{0});
        QCOMPARE(info.modality, std::string("CT"));
        QCOMPARE(info.files.size(), std::size_t{60});
        QVERIFY(info.pseudonym.rfind("P-", 0) == 0);
        QCOMPARE(info.pseudonym.size(), std::size_t{18});
    }

    void pseudonymIsSaltedAndStable() {
        const auto a = drs::pseudonymise("12345", "DOE^JOHN", "salt-1");
        QCOMPARE(a, drs::pseudonymise(" 12345 ", "DOE^JOHN", "salt-1"));
        QVERIFY(a != drs::pseudonymise("12345", "DOE^JOHN", "salt-2"));
        QVERIFY(a != drs::pseudonymise("12346", "DOE^JOHN", "salt-1"));
        QVERIFY(a.find("12345") == std::string::npos);
    }

    void niftiRoundTripKeepsGeometryAndValues() {
        QTemporaryDir dir;
        drs::Geometry g;
        g.sizeXyz = {4, 3, 2};
        g.spacingMm = {0.7, 0.8, 2.5};
        g.originMm = {-10, 20.5, -30};
        g.direction = {1, 0, 0, 0, -1, 0, 0, 0, 1};
        drs::Volume v(g);
        for (std::size_t i = 0; i < v.voxels.size(); ++i) v.voxels[i] = static_cast<float>(i) * 10.5f - 1000.0f;
        // Spaces and non-ASCII characters in the path must work.
        const std::string path = dir.path().toStdString() + "/Patient Ünïcode 肺/ct.nii.gz";
        fs::create_directories(fs::u8path(dir.path().toStdString() + "/Patient Ünïcode 肺"));
        drs::writeVolume(v, path);
        const auto back = drs::readVolume(path);
        QCOMPARE(back.geometry.sizeXyz, g.sizeXyz);
        for (int a = 0; a < 3; ++a) QVERIFY(std::abs(back.geometry.spacingMm[a] - g.spacingMm[a]) < 1e-6);
        for (int i = 0; i < 9; ++i) QVERIFY(std::abs(back.geometry.direction[i] - g.direction[i]) < 1e-6);
        QCOMPARE(back.voxels, v.voxels);
        QVERIFY(!fs::exists(fs::u8path(dir.path().toStdString() + "/Patient Ünïcode 肺/ct.partial.nii.gz")));
    }

    void folderWithoutDicomIsRefused() {
        QTemporaryDir dir;
        std::ofstream(dir.path().toStdString() + "/notes.txt") << "no images here";
        expectError([&] { drs::readVolume(dir.path().toStdString()); }, "no DICOM image series");
    }

    void missingFileIsNamed() {
        expectError([] { drs::readVolume("/nonexistent/ct.nii.gz"); }, "/nonexistent/ct.nii.gz: no such file");
    }

    void corruptFileIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/broken.nii.gz";
        std::ofstream(path) << "this is not a NIfTI file";
        expectError([&] { drs::readVolume(path); }, path);
    }

    void truncatedDicomSliceIsRefused() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        QTemporaryDir dir;
        for (int i = 0; i < 3; ++i) {
            const std::string name = "/DCM_IMG_0000" + std::to_string(i) + ".dcm";
            fs::copy_file(phantom + "/dicom/image" + name, dir.path().toStdString() + name);
        }
        // Cut the pixel data of one slice in half.
        const std::string victim = dir.path().toStdString() + "/DCM_IMG_00001.dcm";
        fs::resize_file(victim, fs::file_size(victim) / 2);
        expectError([&] { drs::readVolume(dir.path().toStdString()); }, victim + ": corrupt or truncated DICOM file");
        // A file that is DICOM by its preamble but cannot be parsed at all is named too.
        fs::resize_file(victim, 200);
        expectError([&] { drs::readVolume(dir.path().toStdString()); }, victim + ": corrupt");
    }

    void twoSeriesAreListedAndChosen() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        QTemporaryDir dir;
        for (int i = 0; i < 4; ++i) {
            const std::string name = "/DCM_IMG_0000" + std::to_string(i) + ".dcm";
            const std::string target = dir.path().toStdString() + name;
            if (i < 2) {
                fs::copy_file(phantom + "/dicom/image" + name, target);
                continue;
            }
            DcmFileFormat file;
            QVERIFY(file.loadFile((phantom + "/dicom/image" + name).c_str()).good());
            file.getDataset()->putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.2.1125.99.2");
            QVERIFY(file.saveFile(target.c_str()).good());
        }
        const auto series = drs::listDicomSeries(dir.path().toStdString());
        QCOMPARE(series.size(), std::size_t{2});
        expectError([&] { drs::readVolume(dir.path().toStdString()); }, "holds 2 DICOM series");
        drs::ReadOptions options;
        options.seriesInstanceUid = "1.2.826.0.1.3680043.2.1125.99.2";
        const auto chosen = drs::readVolume(dir.path().toStdString(), options);
        QCOMPARE(chosen.geometry.sizeXyz[2], std::int64_t{2});
    }

    void geometryMismatchIsDescribed() {
        drs::Geometry a;
        a.sizeXyz = {10, 10, 10};
        drs::Geometry b = a;
        QVERIFY(drs::geometryMismatch(a, b).empty());
        b.spacingMm[2] = 2.0;
        QVERIFY(drs::geometryMismatch(a, b).find("spacing") != std::string::npos);
        b = a;
        b.sizeXyz[0] = 11;
        QVERIFY(drs::geometryMismatch(a, b).find("size 11x10x10") != std::string::npos);
        b = a;
        b.originMm[1] = 0.5;
        QVERIFY(drs::geometryMismatch(a, b).find("origin") != std::string::npos);
        b = a;
        b.direction = {0, 1, 0, 1, 0, 0, 0, 0, 1};
        QVERIFY(drs::geometryMismatch(a, b).find("direction") != std::string::npos);
    }

    void fractionalLabelMapIsRefused() {
        QTemporaryDir dir;
        drs::Geometry g;
        g.sizeXyz = {2, 2, 2};
        drs::Volume v(g, 0.0f);
        v.voxels[3] = 0.5f;
        const std::string path = dir.path().toStdString() + "/mask.nrrd";
        drs::writeVolume(v, path);
        expectError([&] { drs::readLabelMap(path); }, "is not a label");
    }
};

QTEST_GUILESS_MAIN(TestImageIo)
#include "test_image_io.moc"
