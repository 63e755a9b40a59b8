#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <gdcmImageChangeTransferSyntax.h>
#include <gdcmImageReader.h>
#include <gdcmImageWriter.h>
#include <unistd.h>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <vector>

#include "core/image/ImageIO.h"
#include "core/image/Pseudonym.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/roi/MaskFile.h"
#include "core/util/Error.h"
#include "core/util/Progress.h"
#include "tests/common/ReferenceData.h"
#include "tests/common/TiltedSeries.h"
#include "tests/common/TwoSeriesFolder.h"

namespace fs = std::filesystem;

void writeKeyFile(const QString& path, const std::string& text, int mode) {
    std::ofstream(path.toStdString()) << text;
    std::filesystem::permissions(path.toStdString(), static_cast<std::filesystem::perms>(mode));
}

// DCMTK's free codecs have no JPEG 2000; GDCM encodes it through OpenJPEG.
bool writeJpeg2000Lossless(const std::string& source, const std::string& target) {
    gdcm::ImageReader reader;
    reader.SetFileName(source.c_str());
    if (!reader.Read()) return false;
    gdcm::ImageChangeTransferSyntax change;
    change.SetTransferSyntax(gdcm::TransferSyntax::JPEG2000Lossless);
    change.SetInput(reader.GetImage());
    if (!change.Change()) return false;
    gdcm::ImageWriter writer;
    writer.SetFile(reader.GetFile());
    writer.SetImage(change.GetOutput());
    writer.SetFileName(target.c_str());
    return writer.Write();
}

// What a call writes to the process's stderr (file descriptor 2), where libraries print.
template <class F>
std::string stderrOf(F&& action) {
    std::fflush(stderr);
    std::FILE* capture = std::tmpfile();
    const int saved = dup(2);
    dup2(fileno(capture), 2);
    action();
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    std::string text;
    std::rewind(capture);
    for (int c; (c = std::fgetc(capture)) != EOF;) text += static_cast<char>(c);
    std::fclose(capture);
    return text;
}

template <class F>
QString errorOf(F&& action) {
    try {
        action();
    } catch (const drs::Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

// A NIfTI-1 file of 2x2x2 float32 voxels, spacing 1 mm, written byte by byte.
void writeNifti1Float(const std::string& path, const std::vector<float>& voxels) {
    std::string header(352, '\0');
    auto put = [&header](std::size_t at, const auto& value) { std::memcpy(header.data() + at, &value, sizeof value); };
    put(0, std::int32_t{348});
    const std::int16_t dims[8] = {3, 2, 2, 2, 1, 1, 1, 1};
    std::memcpy(header.data() + 40, dims, sizeof dims);
    put(70, std::int16_t{16});  // float32
    put(72, std::int16_t{32});
    const float spacing[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    std::memcpy(header.data() + 76, spacing, sizeof spacing);
    put(108, 352.0f);
    put(112, 1.0f);  // scl_slope
    std::memcpy(header.data() + 344, "n+1\0", 4);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << header;
    out.write(reinterpret_cast<const char*>(voxels.data()),
              static_cast<std::streamsize>(voxels.size() * sizeof(float)));
}

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

    static void compareCompressedSeries(const std::string& series) {
        const auto plain = drs::readVolume(series);
        const DJ_RPLossless jpegLossless;
        const struct {
            E_TransferSyntax syntax;
            const char* uid;
            const DcmRepresentationParameter* parameters;
        } encodings[] = {{EXS_JPEGLSLossless, UID_JPEGLSLosslessTransferSyntax, nullptr},
                         {EXS_JPEGProcess14SV1, UID_JPEGProcess14SV1TransferSyntax, &jpegLossless},
                         {EXS_RLELossless, UID_RLELosslessTransferSyntax, nullptr}};
        for (const auto& encoding : encodings) {
            QTemporaryDir dir;
            for (const auto& entry : fs::directory_iterator(series)) {
                DcmFileFormat file;
                QVERIFY(file.loadFile(entry.path().c_str()).good());
                QVERIFY(file.getDataset()->chooseRepresentation(encoding.syntax, encoding.parameters).good());
                const std::string target = dir.path().toStdString() + "/" + entry.path().filename().string();
                QVERIFY(file.saveFile(target.c_str(), encoding.syntax).good());
                DcmFileFormat written;
                QVERIFY(written.loadFile(target.c_str()).good());
                OFString syntax;
                written.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, syntax);
                QCOMPARE(std::string(syntax.c_str()), std::string(encoding.uid));
            }
            const auto compressed = drs::readVolume(dir.path().toStdString());
            QCOMPARE(compressed.geometry.sizeXyz, plain.geometry.sizeXyz);
            QCOMPARE(compressed.geometry.originMm, plain.geometry.originMm);
            QVERIFY2(compressed.voxels == plain.voxels, encoding.uid);
        }

        QTemporaryDir dir;
        for (const auto& entry : fs::directory_iterator(series))
            QVERIFY(writeJpeg2000Lossless(entry.path().string(),
                                          dir.path().toStdString() + "/" + entry.path().filename().string()));
        const auto compressed = drs::readVolume(dir.path().toStdString());
        QCOMPARE(compressed.geometry.sizeXyz, plain.geometry.sizeXyz);
        QCOMPARE(compressed.geometry.originMm, plain.geometry.originMm);
        QVERIFY2(compressed.voxels == plain.voxels, "JPEG 2000 lossless");
    }

private slots:
    void dicomSeriesEqualsNifti() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        drs::StudyInfo info;
        drs::ReadOptions options;
        const drs::SiteKey key = drs::loadSiteKey();
        options.siteKey = &key;
        const auto dicom = drs::readVolume(phantom + "/dicom/image", options, &info);
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
        // Without a key the reader makes no pseudonym at all: there is no public fallback.
        drs::StudyInfo keyless;
        drs::readVolume(phantom + "/dicom/image", {}, &keyless);
        QVERIFY(keyless.pseudonym.empty());
    }

    // Hospitals often store CT compressed. Synthetic patients' slices, transcoded by DCMTK's
    // encoders to each lossless transfer syntax (and by GDCM's to JPEG 2000), must read back voxel
    // for voxel as the uncompressed series. Seed 3's first three patients are scanned at centres C, C and A, seed 6's
    // first two at A and B: int16 pixels, and uint16 with rescale slopes 1 and 0.5 (docs/demo-cohort.md).
    void losslessCompressedSeriesReadVoxelForVoxel() {
        DJLSEncoderRegistration::registerCodecs();
        DJEncoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
        QTemporaryDir cohortDir;
        drs::SilentProgress progress;
        for (const auto& [patients, seed] : {std::pair{3, 3}, std::pair{2, 6}}) {
            const auto cohort = drs::synthetic::writeSyntheticCohort(
                cohortDir.path().toStdString() + "/seed" + std::to_string(seed), patients, seed, progress);
            for (const std::string& id : cohort.patientIds)
                compareCompressedSeries(cohort.studiesFolder + "/" + id + "/CT");
        }
    }

    // The IBSI phantom's slices store 12 of their 16 bits. GDCM's JPEG 2000 encoder keeps 16 in the
    // codestream, and GDCM's decoder then warns on stderr for every slice (and corrects it), as it
    // does for such files from scanners and archives. The series reads voxel for voxel as the plain
    // one, and nothing is printed.
    void jpeg2000OfTwelveBitSlicesReadsQuietly() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const std::string series = phantom + "/dicom/image";
        QTemporaryDir dir;
        const std::string explicitVr = dir.path().toStdString() + "/explicit",
                          jpeg2000 = dir.path().toStdString() + "/j2k";
        fs::create_directories(explicitVr);
        fs::create_directories(jpeg2000);
        // The phantom is in implicit VR; GDCM would write its elements as UN without a dictionary.
        for (const auto& entry : fs::directory_iterator(series)) {
            DcmFileFormat file;
            QVERIFY(file.loadFile(entry.path().c_str()).good());
            const std::string name = "/" + entry.path().filename().string();
            QVERIFY(file.saveFile((explicitVr + name).c_str(), EXS_LittleEndianExplicit).good());
            QVERIFY(writeJpeg2000Lossless(explicitVr + name, jpeg2000 + name));
        }
        const auto plain = drs::readVolume(series);
        drs::Volume compressed;
        const std::string printed = stderrOf([&] { compressed = drs::readVolume(jpeg2000); });
        QCOMPARE(compressed.geometry.sizeXyz, plain.geometry.sizeXyz);
        QCOMPARE(compressed.geometry.originMm, plain.geometry.originMm);
        QVERIFY(compressed.voxels == plain.voxels);
        QVERIFY2(printed.empty(), printed.c_str());
    }

    // Reference values: Python's hmac module, hmac.new(bytes(range(32)), b"12345", hashlib.sha256).
    void pseudonymIsHmacSha256OfTheIdentifierUnderTheSiteKey() {
        QTemporaryDir dir;
        const QString path = dir.filePath("site-key");
        writeKeyFile(path, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n", 0600);
        const drs::SiteKey key = drs::loadSiteKey(path.toStdString());
        QCOMPARE(drs::pseudonymise("12345", key), std::string("P-36e295174c2947fb"));
        QCOMPARE(drs::pseudonymise(" 12345 ", key), std::string("P-36e295174c2947fb"));
        QCOMPARE(drs::pseudonymise("HX0001000", key), std::string("P-a8736541209ddae6"));
        QCOMPARE(key.id(), std::string("909789e1d9a47d2a"));
        drs::SiteKey other = key;
        other.secret[0] = '\x01';
        QVERIFY(drs::pseudonymise("12345", other) != drs::pseudonymise("12345", key));
        QVERIFY_EXCEPTION_THROWN(drs::pseudonymise("12345", drs::SiteKey{}), drs::Error);
    }

    void siteKeyIsCreatedOnFirstUseReadableOnlyByItsOwner() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("config/DeepRadScore/site-key").toStdString();
        const drs::SiteKey made = drs::loadSiteKey(path);
        QCOMPARE(made.secret.size(), std::size_t{32});
        QCOMPARE(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        const drs::SiteKey again = drs::loadSiteKey(path);
        QCOMPARE(again.secret, made.secret);
        QVERIFY(drs::loadSiteKey(dir.filePath("another").toStdString()).secret != made.secret);
        namespace fs = std::filesystem;
        QCOMPARE(fs::status(dir.filePath("config/DeepRadScore").toStdString()).permissions() & fs::perms::all,
                 fs::perms::owner_all);
        // A folder that existed keeps its mode: a key file named in /tmp must not close /tmp to others.
        const std::string shared = dir.filePath("shared").toStdString();
        fs::create_directory(shared);
        fs::permissions(shared, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
        drs::loadSiteKey(shared + "/site-key");
        QCOMPARE(fs::status(shared).permissions() & fs::perms::all, fs::perms::owner_all | fs::perms::group_read |
                                                                        fs::perms::group_exec | fs::perms::others_read |
                                                                        fs::perms::others_exec);
        // DRS_KEY_FILE names the key when no path is given.
        const QByteArray before = qgetenv("DRS_KEY_FILE");
        qputenv("DRS_KEY_FILE", QByteArray::fromStdString(path));
        QCOMPARE(drs::siteKeyPath(), path);
        qunsetenv("DRS_KEY_FILE");
        QVERIFY(drs::siteKeyPath().find("DeepRadScore/site-key") != std::string::npos);
        if (!before.isEmpty()) qputenv("DRS_KEY_FILE", before);
    }

    void unsafeOrDamagedKeyFilesAreRefused() {
        QTemporaryDir dir;
        const QString shared = dir.filePath("shared-key");
        writeKeyFile(shared, std::string(64, 'a') + "\n", 0644);
        QVERIFY(errorOf([&] { drs::loadSiteKey(shared.toStdString()); }).contains("chmod 600"));
        const QString shortKey = dir.filePath("short-key");
        writeKeyFile(shortKey, "abcdef\n", 0600);
        QVERIFY(errorOf([&] { drs::loadSiteKey(shortKey.toStdString()); }).contains("64 hex digits"));
        const QString notHex = dir.filePath("text-key");
        writeKeyFile(notHex, std::string(64, 'z') + "\n", 0600);
        const QString message = errorOf([&] { drs::loadSiteKey(notHex.toStdString()); });
        QVERIFY2(message.contains(notHex) && message.contains("64 hex digits"), qPrintable(message));
    }

    // NIfTI-1 bytes written here by hand (348-byte header, float32, 2x2x2), not by ITK, whose NIfTI
    // reader turns NaN and infinity into 0.
    void nonFiniteVoxelsAreAnErrorNamingFileAndCount() {
        QTemporaryDir dir;
        const std::string nifti = dir.filePath("nan.nii").toStdString();
        writeNifti1Float(nifti, {1, 2, std::nanf(""), 4, 5, std::numeric_limits<float>::infinity(), 7, 8});
        const QString niftiError = errorOf([&] { drs::readVolume(nifti); });
        QVERIFY2(niftiError.contains(QString::fromStdString(nifti)) &&
                     niftiError.contains("2 of 8 voxels are NaN or infinite"),
                 qPrintable(niftiError));
        drs::Geometry g;
        g.sizeXyz = {2, 2, 1};
        drs::Volume v(g);
        v.voxels = {1, -std::numeric_limits<float>::infinity(), 3, 4};
        const std::string nrrd = dir.filePath("inf.nrrd").toStdString();
        drs::writeVolume(v, nrrd);
        const QString nrrdError = errorOf([&] { drs::readVolume(nrrd); });
        QVERIFY2(
            nrrdError.contains(QString::fromStdString(nrrd)) && nrrdError.contains("1 of 4 voxels are NaN or infinite"),
            qPrintable(nrrdError));
        // The same file with finite values reads.
        writeNifti1Float(nifti, {1, 2, 3, 4, 5, 6, 7, 8});
        QCOMPARE(drs::readVolume(nifti).voxels.at(7), 8.0f);
    }

    void unreadableFilesSayWhatIsWrong() {
        QTemporaryDir dir;
        const std::string empty = dir.filePath("empty.nii.gz").toStdString();
        std::ofstream(empty).close();
        QVERIFY(errorOf([&] { drs::readVolume(empty); }).contains("empty.nii.gz: the file is empty"));
        const std::string random = dir.filePath("random.nrrd").toStdString();
        std::ofstream(random, std::ios::binary)
            << std::string("\x13\x87\xfe garbage \x01\x02", 14) << std::string(500, 'q');
        QVERIFY(
            errorOf([&] { drs::readVolume(random); }).contains("random.nrrd: not an image file this release reads"));
        const std::string notNifti = dir.filePath("random.nii").toStdString();
        std::ofstream(notNifti, std::ios::binary) << std::string(600, 'q');
        QVERIFY(errorOf([&] { drs::readVolume(notNifti); }).contains("random.nii: is not a NIfTI file"));
        const std::string nifti2 = dir.filePath("two.nii").toStdString();
        std::string header(544, '\0');
        const std::int32_t size = 540;
        std::memcpy(header.data(), &size, 4);
        std::memcpy(header.data() + 4, "n+2\0\r\n\x1a\n", 8);
        std::ofstream(nifti2, std::ios::binary) << header << std::string(64, '\0');
        QVERIFY(
            errorOf([&] { drs::readVolume(nifti2); }).contains("two.nii: is NIfTI-2, which this release cannot read"));
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

    // SimpleITK reads an image as the voxel type its file stores, so the reader reports that type
    // and a write keeps it; NIfTI-1's datatype codes (bytes 70-71): 2 uint8, 4 int16, 512 uint16,
    // 8 int32, 16 float32. A value the type cannot hold is written as float32, and nothing is lost;
    // float64 too, as the voxels are held as float32.
    void theStoredVoxelTypeIsReportedAndKept() {
        QTemporaryDir dir;
        drs::Geometry g;
        g.sizeXyz = {3, 2, 2};
        using drs::StoredVoxel;
        const struct {
            StoredVoxel type;
            float value;
            std::int16_t code;
        } cases[] = {{StoredVoxel::UInt8, 200, 2},      {StoredVoxel::Int16, -1000, 4},
                     {StoredVoxel::UInt16, 4000, 512},  {StoredVoxel::Int32, -70000, 8},
                     {StoredVoxel::Float32, -1000, 16}, {StoredVoxel::Float64, 0.25f, 16},
                     {StoredVoxel::Int16, 0.5f, 16},    {StoredVoxel::UInt8, -1, 16}};
        int written = 0;
        for (const auto& c : cases) {
            drs::Volume v(g, c.value);
            v.voxels[0] = 0;
            v.stored = c.type;
            const std::string path = dir.path().toStdString() + "/v" + std::to_string(written++) + ".nii";
            drs::writeVolume(v, path);
            std::int16_t code = 0;
            std::ifstream in(path, std::ios::binary);
            in.seekg(70);
            in.read(reinterpret_cast<char*>(&code), sizeof code);
            QCOMPARE(code, c.code);
            const drs::Volume back = drs::readVolume(path);
            QCOMPARE(back.voxels, v.voxels);
            QVERIFY(back.stored == (c.code == 16 ? StoredVoxel::Float32 : c.type));
        }
        QVERIFY(drs::readVolume(std::string(DRS_TEST_DATA) + "/radiomics/pyradiomics/brain1_image.nrrd").stored ==
                StoredVoxel::Int16);

        // int16 voxels 0..7 with scl_slope 0.5 (bytes 112-115): the values are the halves, float32.
        std::string header(352, '\0');
        const auto put = [&header](std::size_t at, const auto& value) {
            std::memcpy(header.data() + at, &value, sizeof value);
        };
        put(0, std::int32_t{348});
        const std::int16_t dims[8] = {3, 2, 2, 2, 1, 1, 1, 1};
        std::memcpy(header.data() + 40, dims, sizeof dims);
        put(70, std::int16_t{4});
        put(72, std::int16_t{16});
        const float spacing[8] = {1, 1, 1, 1, 1, 1, 1, 1};
        std::memcpy(header.data() + 76, spacing, sizeof spacing);
        put(108, 352.0f);
        put(112, 0.5f);
        std::memcpy(header.data() + 344, "n+1\0", 4);
        const std::int16_t stored[8] = {0, 1, 2, 3, 4, 5, 6, 7};
        const std::string scaled = dir.path().toStdString() + "/scaled.nii";
        std::ofstream(scaled, std::ios::binary)
            << header << std::string(reinterpret_cast<const char*>(stored), sizeof stored);
        const drs::Volume halves = drs::readVolume(scaled);
        QCOMPARE(halves.voxels, (std::vector<float>{0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f}));
        QVERIFY(halves.stored == StoredVoxel::Float32);
    }

    // A DICOM series is read as GDCM rescales it: in the smallest integer type that holds every
    // stored value times the slope plus the intercept when both are whole, else as real. Seed 3's
    // first and third patients and seed 6's second are scanned at centres C, A and B
    // (docs/demo-cohort.md): int16 pixels with intercept 0, uint16 with intercept -1024 (which
    // int16 cannot hold: 65535 - 1024), and uint16 with slope 0.5.
    void aDicomSeriesIsReadAsItsRescaledType() {
        QTemporaryDir cohortDir;
        drs::SilentProgress progress;
        std::vector<drs::StoredVoxel> types;
        for (const auto& [patients, seed] : {std::pair{3, 3}, std::pair{2, 6}}) {
            const auto cohort = drs::synthetic::writeSyntheticCohort(
                cohortDir.path().toStdString() + "/seed" + std::to_string(seed), patients, seed, progress);
            for (const std::string& id : cohort.patientIds)
                types.push_back(drs::readVolume(cohort.studiesFolder + "/" + id + "/CT").stored);
        }
        QVERIFY(types[0] == drs::StoredVoxel::Int16);
        QVERIFY(types[2] == drs::StoredVoxel::Int32);
        QVERIFY(types[4] == drs::StoredVoxel::Float64);
    }

    // Each slice is rescaled by its own slope (DICOM PS3.3 C.11.1.1.2); a series whose slope varies
    // is typed by its first slice, so when a voxel is not one of that type's values, the volume is
    // float32, which every voxel is.
    void aSliceWithItsOwnSlopeMakesTheSeriesFloat() {
        QTemporaryDir dir;
        drs::SilentProgress progress;
        const auto cohort = drs::synthetic::writeSyntheticCohort(dir.path().toStdString(), 1, 3, progress);
        const std::string series = cohort.studiesFolder + "/" + cohort.patientIds[0] + "/CT";
        const drs::Volume before = drs::readVolume(series);
        QVERIFY(before.stored == drs::StoredVoxel::Int16);
        const std::string slice = series + "/CT0005.dcm";
        DcmFileFormat file;
        QVERIFY(file.loadFile(slice.c_str()).good());
        QVERIFY(file.loadAllDataIntoMemory().good());  // the save below truncates the file read from
        QVERIFY(file.getDataset()->putAndInsertString(DCM_RescaleSlope, "0.5").good());
        QVERIFY(file.saveFile(slice.c_str()).good());
        drs::Volume after;
        try {
            after = drs::readVolume(series);
        } catch (const drs::Error& e) {
            QFAIL(e.what());
        }
        QVERIFY(after.stored == drs::StoredVoxel::Float32);
        std::size_t halved = 0, kept = 0;
        for (std::size_t i = 0; i < before.voxels.size(); ++i) {
            halved += after.voxels[i] == before.voxels[i] * 0.5f && before.voxels[i] != 0;
            kept += after.voxels[i] == before.voxels[i];
        }
        const std::size_t perSlice = std::size_t(before.geometry.sizeXyz[0] * before.geometry.sizeXyz[1]);
        QVERIFY(halved > perSlice / 2);
        QVERIFY(kept >= before.voxels.size() - perSlice);
    }

    // A gantry tilted so that each slice lies two pixels further down the columns than the one
    // below it. ITK alone reads the slices as an untilted stack, each where the first slice's normal
    // puts it, spaced by the distance between their origins; they are placed where they were
    // acquired: slice k two k rows further, the planes as far apart as before the tilt, the grid
    // grown by 2 (n - 1) rows, and the rows no slice reaches at the series' lowest value. The
    // RTSTRUCT, drawn on the tilted slices, outlines the same voxels.
    void aTiltedGantrySeriesIsPlacedWhereItWasAcquired() {
        QTemporaryDir dir;
        drs::SilentProgress progress;
        const auto cohort = drs::synthetic::writeSyntheticCohort(dir.path().toStdString(), 1, 3, progress);
        const std::string study = cohort.studiesFolder + "/" + cohort.patientIds[0];
        drs::StudyInfo info;
        const drs::Volume upright = drs::readVolume(study + "/CT", {}, &info);
        QCOMPARE(info.gantryTiltDegrees, 0.0);
        const drs::Geometry& g = upright.geometry;
        const drs::LabelMap outline = drs::readMaskOnGrid(study + "/RTSTRUCT.dcm", "", g).labels;
        const double pixelMm = g.spacingMm[1], planeMm = g.spacingMm[2];

        QVERIFY(drs::test::tiltSeries(study + "/CT", 0, 2 * pixelMm / planeMm, study + "/RTSTRUCT.dcm"));
        const drs::Volume placed = drs::readVolume(study + "/CT", {}, &info);
        const auto n = g.sizeXyz;
        QCOMPARE(placed.geometry.sizeXyz, (std::array<std::int64_t, 3>{n[0], n[1] + 2 * (n[2] - 1), n[2]}));
        for (int a = 0; a < 3; ++a) QCOMPARE(placed.geometry.spacingMm[a], g.spacingMm[a]);
        QCOMPARE(placed.geometry.originMm, g.originMm);
        QCOMPARE(placed.geometry.direction, g.direction);
        QVERIFY(placed.stored == drs::StoredVoxel::Int16);
        const float lowest = *std::min_element(upright.voxels.begin(), upright.voxels.end());
        std::size_t moved = 0, outside = 0;
        for (std::int64_t z = 0; z < n[2]; ++z)
            for (std::int64_t y = 0; y < placed.geometry.sizeXyz[1]; ++y)
                for (std::int64_t x = 0; x < n[0]; ++x) {
                    const std::int64_t from = y - 2 * z;
                    if (from >= 0 && from < n[1])
                        moved += placed.at(x, y, z) == upright.at(x, from, z);
                    else
                        outside += placed.at(x, y, z) == lowest;
                }
        QCOMPARE(moved, upright.voxels.size());
        QCOMPARE(outside, placed.voxels.size() - upright.voxels.size());
        QCOMPARE(info.gantryTiltDegrees, std::atan(2 * pixelMm / planeMm) * 180 / std::numbers::pi);
        QCOMPARE(info.largestSliceShiftMm, 2 * pixelMm * static_cast<double>(n[2] - 1));

        const drs::LabelMap tilted = drs::readMaskOnGrid(study + "/RTSTRUCT.dcm", "", placed.geometry).labels;
        std::size_t inside = 0, same = 0;
        for (std::int64_t z = 0; z < n[2]; ++z)
            for (std::int64_t y = 0; y < n[1]; ++y)
                for (std::int64_t x = 0; x < n[0]; ++x) {
                    inside += outline.at(x, y, z) != 0;
                    same += outline.at(x, y, z) != 0 && tilted.at(x, y + 2 * z, z) != 0;
                }
        QVERIFY(inside > 500);
        QCOMPARE(same, inside);
        QCOMPARE(static_cast<std::size_t>(std::count(tilted.voxels.begin(), tilted.voxels.end(), 1)), inside);
    }

    // Half a pixel per slice along the rows: odd slices fall between pixels, each voxel the mean
    // of the two it lies between (bilinear).
    void aTiltBetweenPixelsIsInterpolatedWithinTheSlice() {
        QTemporaryDir dir;
        drs::SilentProgress progress;
        const auto cohort = drs::synthetic::writeSyntheticCohort(dir.path().toStdString(), 1, 3, progress);
        const std::string series = cohort.studiesFolder + "/" + cohort.patientIds[0] + "/CT";
        const drs::Volume upright = drs::readVolume(series);
        const auto n = upright.geometry.sizeXyz;
        QVERIFY(drs::test::tiltSeries(series, -0.5 * upright.geometry.spacingMm[0] / upright.geometry.spacingMm[2], 0));
        drs::StudyInfo info;
        const drs::Volume placed = drs::readVolume(series, {}, &info);
        // Shifted left, so the grid begins where the highest slice does.
        const std::int64_t reach = n[2] / 2;
        QCOMPARE(placed.geometry.sizeXyz[0], n[0] + reach);
        QCOMPARE(placed.geometry.originMm[0],
                 upright.geometry.originMm[0] - static_cast<double>(reach) * upright.geometry.spacingMm[0]);
        QVERIFY(placed.stored == drs::StoredVoxel::Float32);
        std::size_t checked = 0, right = 0;
        for (std::int64_t z = 0; z < n[2]; ++z)
            for (std::int64_t y = 0; y < n[1]; y += 7)
                for (std::int64_t x = 1; x + 1 < n[0]; ++x) {
                    // Upright pixel x of slice z sits at x - z / 2 on the placed grid, index x - z / 2 + reach.
                    const double expected =
                        z % 2 == 0 ? upright.at(x, y, z) : 0.5 * (upright.at(x, y, z) + upright.at(x + 1, y, z));
                    const auto at = x - (z + 1) / 2 + reach + (z % 2);
                    ++checked;
                    right += std::abs(placed.at(at, y, z) - expected) <= 1e-3 * (1 + std::abs(expected));
                }
        QCOMPARE(right, checked);
        QCOMPARE(
            info.gantryTiltDegrees,
            std::atan(0.5 * upright.geometry.spacingMm[0] / upright.geometry.spacingMm[2]) * 180 / std::numbers::pi);
    }

    // A 25 degree tilt of 1.25 mm slices (seed 3's third patient, scanned at centre A), the
    // positions rounded to a thousandth of a millimetre as scanners write them: read without a word
    // on stderr (ITK's series reader, at its own 1e-4 of the spacing, warns of "non uniform
    // sampling" for the rounding), the tilt to the rounding.
    void aTiltedSeriesReadsQuietly() {
        QTemporaryDir dir;
        drs::SilentProgress progress;
        const auto cohort = drs::synthetic::writeSyntheticCohort(dir.path().toStdString(), 3, 3, progress);
        const std::string series = cohort.studiesFolder + "/" + cohort.patientIds[2] + "/CT";
        QCOMPARE(drs::readVolume(series).geometry.spacingMm[2], 1.25);
        QVERIFY(drs::test::tiltSeries(series, 0, std::tan(25 * std::numbers::pi / 180)));
        drs::StudyInfo info;
        const std::string printed = stderrOf([&] { drs::readVolume(series, {}, &info); });
        QVERIFY2(printed.empty(), printed.c_str());
        QVERIFY2(std::abs(info.gantryTiltDegrees - 25) < 1e-3, std::to_string(info.gantryTiltDegrees).c_str());
    }

    void aSliceOfAnotherOrientationIsNamed() {
        QTemporaryDir dir;
        drs::SilentProgress progress;
        const auto cohort = drs::synthetic::writeSyntheticCohort(dir.path().toStdString(), 1, 3, progress);
        const std::string series = cohort.studiesFolder + "/" + cohort.patientIds[0] + "/CT";
        DcmFileFormat file;
        const std::string slice = series + "/CT0007.dcm";
        QVERIFY(file.loadFile(slice.c_str()).good());
        QVERIFY(file.loadAllDataIntoMemory().good());
        QVERIFY(file.getDataset()->putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\0\\-1").good());
        QVERIFY(file.saveFile(slice.c_str()).good());
        expectError([&] { drs::readVolume(series); }, "slice CT0007.dcm has another orientation than slice CT0001.dcm");
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

    void missingSliceIsNamed() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        // The phantom's slices are 3 mm apart, DCM_IMG_00000.dcm at z 76.6 mm, each next one 3 mm lower.
        QTemporaryDir dir;
        for (int i = 0; i < 10; ++i) {
            if (i == 4) continue;
            const std::string name = "/DCM_IMG_0000" + std::to_string(i) + ".dcm";
            fs::copy_file(phantom + "/dicom/image" + name, dir.path().toStdString() + name);
        }
        expectError([&] { drs::readVolume(dir.path().toStdString()); },
                    dir.path().toStdString() +
                        ": 1 slice is missing: slices DCM_IMG_00005.dcm (61.600 mm) and DCM_IMG_00003.dcm (67.600 mm) "
                        "are 6.000 mm apart, where the series' spacing is 3.000 mm");
        // Two slices gone in a row are counted.
        fs::remove(dir.path().toStdString() + "/DCM_IMG_00005.dcm");
        expectError([&] { drs::readVolume(dir.path().toStdString()); },
                    ": 2 slices are missing: slices DCM_IMG_00006.dcm");
        // Listing the folder still works: only reading the series would make a wrong geometry.
        QCOMPARE(drs::listDicomSeries(dir.path().toStdString()).size(), std::size_t{1});
        // A slice that is no DICOM any more (overwritten with other bytes) is named as a suspect.
        QFile mangled(dir.filePath("DCM_IMG_00004.dcm"));
        QVERIFY(mangled.open(QIODevice::WriteOnly));
        mangled.write(QByteArray(4000, 'x'));
        mangled.close();
        expectError([&] { drs::readVolume(dir.path().toStdString()); },
                    "2 slices are missing: slices DCM_IMG_00006.dcm (58.600 mm) and DCM_IMG_00003.dcm (67.600 mm) "
                    "are 9.000 mm apart, where the series' spacing is 3.000 mm; not DICOM files in that folder, which "
                    "may be the missing slices: DCM_IMG_00004.dcm");
    }

    // A study as a scanner or PACS exports it: the series in a subfolder, the RTSTRUCT beside it.
    // The folder reads as the series does (the phantom's NIfTI is the reference, as above).
    void aStudyFolderIsReadWithItsSubfolders() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        QTemporaryDir dir;
        const std::string study = dir.path().toStdString() + "/study";
        fs::create_directories(study + "/CT");
        for (const auto& entry : fs::directory_iterator(phantom + "/dicom/image"))
            fs::copy_file(entry.path(), study + "/CT/" + entry.path().filename().string());
        fs::copy_file(phantom + "/dicom/mask/DCM_RS_00060.dcm", study + "/DCM_RS_00060.dcm");
        const auto read = drs::readVolume(study);
        const auto nifti = drs::readVolume(phantom + "/image/phantom.nii.gz");
        QCOMPARE(read.geometry.sizeXyz, nifti.geometry.sizeXyz);
        for (int a = 0; a < 3; ++a) QVERIFY(std::abs(read.geometry.originMm[a] - nifti.geometry.originMm[a]) < 1e-3);
        QVERIFY(read.voxels == nifti.voxels);
        const auto series = drs::listDicomSeries(study);
        QCOMPARE(series.size(), std::size_t{1});
        QCOMPARE(series.front().subfolder, std::string("CT"));
        QCOMPARE(series.front().fileCount, std::size_t{60});
        QCOMPARE(drs::listDicomSeries(study + "/CT").front().subfolder, std::string());
    }

    // Two series in two subfolders: each listed with its subfolder, neither read unasked (the
    // error lists them, one line), either read when chosen; an unknown UID lists what is there.
    void twoSeriesAreListedAndChosen() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        const std::string original = drs::test::kPhantomSeriesUid;
        const std::string other = "1.2.826.0.1.3680043.2.1125.99.2";
        QVERIFY(drs::test::writeTwoSeriesFolder(phantom, root, other, "copy"));
        const auto series = drs::listDicomSeries(root);
        QCOMPARE(series.size(), std::size_t{2});
        QCOMPARE(series[0].seriesInstanceUid, other);  // by UID
        QCOMPARE(series[0].subfolder, std::string("part"));
        QCOMPARE(series[0].description, std::string("copy"));
        QCOMPARE(series[1].subfolder, std::string("full"));
        const std::string listed = other + " (CT 'copy', 3 files, in part/); " + original + " (CT, 60 files, in full/)";
        expectError([&] { drs::readVolume(root); },
                    root + ": holds 2 DICOM image series; choose one with --series: " + listed);
        try {
            drs::readVolume(root);
        } catch (const drs::SeveralDicomSeries& several) {
            QCOMPARE(several.series().size(), std::size_t{2});
            QCOMPARE(several.series()[1].seriesInstanceUid, original);
        }
        drs::ReadOptions options;
        options.seriesInstanceUid = other;
        drs::StudyInfo info;
        const auto chosen = drs::readVolume(root, options, &info);
        QCOMPARE(chosen.geometry.sizeXyz[2], std::int64_t{3});
        QCOMPARE(info.seriesInstanceUid, other);
        // The chosen series is the one its subfolder holds, voxel for voxel.
        const auto alone = drs::readVolume(root + "/part");
        QCOMPARE(chosen.geometry.originMm, alone.geometry.originMm);
        QVERIFY(chosen.voxels == alone.voxels);
        options.seriesInstanceUid = "1.2.3";
        expectError([&] { drs::readVolume(root, options); },
                    root + ": no DICOM image series with SeriesInstanceUID 1.2.3; it holds " + listed);
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

    void labelMapCutShortIsRefused() {
        // ITK reads a NIfTI file that breaks off without a word, the missing voxels made up.
        QTemporaryDir dir;
        drs::Geometry g;
        g.sizeXyz = {40, 40, 10};
        const std::string path = dir.path().toStdString() + "/mask.nii";
        drs::writeLabelMap(drs::LabelMap(g, 1), path);
        fs::resize_file(path, fs::file_size(path) - 100);
        expectError([&] { drs::readLabelMap(path); }, path + ": the file breaks off before its last voxel");
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
