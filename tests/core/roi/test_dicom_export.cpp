// ROI export and re-import as DICOM SEG and RTSTRUCT: outlines that rasterise back to the same
// voxels, SEG and RTSTRUCT round trips on synthetic masks (holes, diagonal touches, several
// labels, anisotropic and rotated grids) and on the IBSI CT phantom with its DICOM series as source,
// refusal of a SEG for another grid, and the written files checked by an independent reader:
// dicom3tools' dciodvfy (IOD validation) and DCMTK's dcmdump (the references).
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <random>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include "core/image/ImageIO.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Rois.h"
#include "core/roi/Contours.h"
#include "core/roi/DicomMask.h"
#include "core/roi/DicomSeg.h"
#include "core/roi/MaskEdit.h"
#include "core/roi/RtStruct.h"
#include "core/roi/RtStructExport.h"
#include "core/util/Error.h"
#include "tests/common/ReferenceData.h"

using namespace drs;

namespace {

Geometry smallGrid() {
    Geometry g;
    g.sizeXyz = {23, 19, 7};
    g.spacingMm = {0.8, 0.7, 2.5};
    g.originMm = {-10.0, 5.5, 30.0};
    return g;
}

// Random blobs with holes and voxels that touch only diagonally, labels 1 and 2.
LabelMap awkwardMask(const Geometry& g, unsigned seed) {
    LabelMap mask(g, 0);
    std::mt19937 random(seed);
    for (std::int64_t z = 1; z < g.sizeXyz[2] - 1; ++z)
        for (std::int64_t y = 2; y < g.sizeXyz[1] - 2; ++y)
            for (std::int64_t x = 2; x < g.sizeXyz[0] - 2; ++x) {
                const double r = std::hypot(x - 11.0, y - 9.0);
                if (r < 7 && random() % 5 != 0) mask.at(x, y, z) = 1;
                if (r < 2) mask.at(x, y, z) = 0;  // a hole
            }
    mask.at(1, 1, 3) = 1;  // diagonal pair on the border
    mask.at(0, 0, 3) = 1;
    mask.at(20, 15, 2) = 2;
    mask.at(21, 16, 2) = 2;
    mask.at(20, 16, 5) = 2;
    return mask;
}

LabelMap onlyLabel(const LabelMap& mask, std::uint16_t label) {
    LabelMap binary(mask.geometry, 0);
    for (std::size_t i = 0; i < mask.voxels.size(); ++i) binary.voxels[i] = mask.voxels[i] == label ? 1 : 0;
    return binary;
}

// "" when equal, else how many voxels differ and the first one: QCOMPARE of whole vectors prints
// thousands of zeros.
QString difference(const LabelMap& a, const LabelMap& b) {
    if (a.voxels.size() != b.voxels.size()) return QStringLiteral("sizes differ");
    std::size_t count = 0, first = 0;
    for (std::size_t i = a.voxels.size(); i-- > 0;)
        if (a.voxels[i] != b.voxels[i]) {
            ++count;
            first = i;
        }
    if (count == 0) return {};
    return QStringLiteral("%1 voxels differ, first at linear %2: %3 vs %4")
        .arg(count)
        .arg(first)
        .arg(a.voxels[first])
        .arg(b.voxels[first]);
}

double dice(const LabelMap& a, const LabelMap& b) {
    std::size_t both = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.voxels.size(); ++i) {
        na += a.voxels[i] != 0;
        nb += b.voxels[i] != 0;
        both += a.voxels[i] != 0 && b.voxels[i] != 0;
    }
    return 2.0 * static_cast<double>(both) / static_cast<double>(na + nb);
}

QString run(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60000)) return QStringLiteral("<%1 did not finish>").arg(program);
    return QString::fromUtf8(process.readAll());
}

// dciodvfy reports "Error - ..." lines for every violation of the IOD; warnings are allowed.
QStringList iodErrors(const QString& path) {
    if (QStandardPaths::findExecutable(QStringLiteral("dciodvfy")).isEmpty())
        return {QStringLiteral("dciodvfy (Debian package dicom3tools, scripts/install-deps.sh) is not installed")};
    QStringList errors;
    for (const QString& line : run(QStringLiteral("dciodvfy"), {path}).split('\n'))
        if (line.startsWith(QLatin1String("Error"))) errors << line;
    return errors;
}

}  // namespace

class TestDicomExport : public QObject {
    Q_OBJECT
private slots:
    void outlinesRasteriseBack();
    void outlinesOfSimpleShapes();
    void segRoundTrip();
    void segPixelDataFollowsTheStandard();
    void segOfRotatedGrid();
    void segRefusesAnotherGrid();
    void segSegmentChoice();
    void rtStructRoundTrip();
    void dispatchByModality();
    void emptyRoiIsRefused();
    void phantomRoundTrips();
    void cohortImportTakesSeg();

private:
    QTemporaryDir dir_;
};

void TestDicomExport::outlinesRasteriseBack() {
    // The even-odd fill of the outlines is the slice itself, voxel for voxel.
    const LabelMap mask = awkwardMask(smallGrid(), 3);
    for (std::uint16_t label : {1, 2})
        for (std::int64_t z = 0; z < mask.geometry.sizeXyz[2]; ++z) {
            LabelMap filled(mask.geometry, 0);
            const SliceAxes axial = sliceAxesNormalTo(2);
            PaintRule toggle;
            for (const OutlineXy& outline : sliceOutlines(mask, z, label)) {
                // Each outline alone, XOR-ed in: even-odd across outlines.
                LabelMap one(mask.geometry, 0);
                fillPolygon(one, axial, z, outline, toggle);
                for (std::size_t i = 0; i < one.voxels.size(); ++i) filled.voxels[i] ^= one.voxels[i];
            }
            for (std::int64_t y = 0; y < mask.geometry.sizeXyz[1]; ++y)
                for (std::int64_t x = 0; x < mask.geometry.sizeXyz[0]; ++x)
                    QCOMPARE(filled.at(x, y, z), std::uint16_t(mask.at(x, y, z) == label ? 1 : 0));
        }
}

void TestDicomExport::outlinesOfSimpleShapes() {
    Geometry g;
    g.sizeXyz = {6, 5, 1};
    LabelMap mask(g, 0);
    for (std::int64_t y = 1; y <= 3; ++y)
        for (std::int64_t x = 1; x <= 4; ++x) mask.at(x, y, 0) = 1;
    // A 4 x 3 rectangle: one outline of its four corners, clockwise on screen.
    auto outlines = sliceOutlines(mask, 0, 1);
    QCOMPARE(outlines.size(), std::size_t(1));
    QCOMPARE(outlines[0], (OutlineXy{{0.5, 0.5}, {4.5, 0.5}, {4.5, 3.5}, {0.5, 3.5}}));
    // A hole adds a second outline of four corners.
    mask.at(2, 2, 0) = 0;
    outlines = sliceOutlines(mask, 0, 1);
    QCOMPARE(outlines.size(), std::size_t(2));
    QCOMPARE(outlines[1].size(), std::size_t(4));
    // Two voxels touching at a corner stay two outlines.
    LabelMap diagonal(g, 0);
    diagonal.at(1, 1, 0) = 1;
    diagonal.at(2, 2, 0) = 1;
    QCOMPARE(sliceOutlines(diagonal, 0, 1).size(), std::size_t(2));
    QVERIFY(sliceOutlines(diagonal, 0, 7).empty());
}

void TestDicomExport::segRoundTrip() {
    const LabelMap mask = awkwardMask(smallGrid(), 5);
    const std::string path = dir_.filePath(QStringLiteral("round trip.dcm")).toStdString();
    const SourceSeries source = sourceSeriesOf("/no/such/study.nii.gz", mask.geometry);
    QVERIFY(!source.isDicom());
    RoiExportInfo info;
    info.patientId = "P-0123456789abcdef";
    writeDicomSeg(mask, {{1, "Tumour"}, {2, "Other"}}, source, info, path);
    QVERIFY(!std::filesystem::exists(path + ".partial"));
    const auto segments = listDicomSegments(path);
    QCOMPARE(segments.size(), std::size_t(2));
    QCOMPARE(segments[0].name, std::string("Tumour"));
    QCOMPARE(segments[0].frameCount, std::size_t(5));  // slices 1..5
    QCOMPARE(segments[1].frameCount, std::size_t(2));
    // Both segments: labels by segment number, exactly the mask.
    const LabelMap back = readDicomSeg(path, "", mask.geometry);
    QCOMPARE(difference(back, mask), QString());
    QCOMPARE(dice(onlyLabel(back, 1), onlyLabel(mask, 1)), 1.0);
    const QStringList errors = iodErrors(QString::fromStdString(path));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
}

void TestDicomExport::segPixelDataFollowsTheStandard() {
    // PS3.5 8.1.1: one bit per pixel, least significant first, frames back to back with no padding.
    // 23 x 19 = 437 pixels per frame, so frames start mid-byte (DCMTK 3.6.7's own packing gets
    // this wrong from the second frame on). Read with plain dcmdata, not dcmseg.
    Geometry g = smallGrid();
    LabelMap mask(g, 0);
    std::mt19937 random(23);
    for (auto& v : mask.voxels) v = random() % 3 == 0 ? 1 : 0;
    const std::string path = dir_.filePath(QStringLiteral("bits.dcm")).toStdString();
    writeDicomSeg(mask, {{1, "Tumour"}}, sourceSeriesOf("x.nii", g), {}, path);
    DcmFileFormat file;
    QVERIFY(file.loadFile(path.c_str()).good());
    const Uint8* bits = nullptr;
    unsigned long bytes = 0;
    QVERIFY(file.getDataset()->findAndGetUint8Array(DCM_PixelData, bits, &bytes).good());
    long frames = 0;
    QVERIFY(file.getDataset()->findAndGetLongInt(DCM_NumberOfFrames, frames).good());
    QCOMPARE(frames, long(g.sizeXyz[2]));  // every slice holds voxels
    QCOMPARE(bytes, (mask.voxels.size() + 15) / 16 * 2);
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < mask.voxels.size(); ++i) wrong += ((bits[i / 8] >> (i % 8)) & 1) != mask.voxels[i];
    QCOMPARE(wrong, std::size_t(0));
}

void TestDicomExport::segOfRotatedGrid() {
    // A grid whose index axes run along -L, +S and +P (a coronal acquisition): frames follow it.
    Geometry g = smallGrid();
    g.direction = {-1, 0, 0, 0, 0, 1, 0, 1, 0};
    LabelMap mask = awkwardMask(g, 9);
    const std::string path = dir_.filePath(QStringLiteral("rotated.dcm")).toStdString();
    writeDicomSeg(mask, {{1, "Tumour"}}, sourceSeriesOf("x.nrrd", g), {}, path);
    QCOMPARE(difference(readDicomSeg(path, "Tumour", g), onlyLabel(mask, 1)), QString());
}

void TestDicomExport::segRefusesAnotherGrid() {
    const LabelMap mask = awkwardMask(smallGrid(), 11);
    const std::string path = dir_.filePath(QStringLiteral("grid.dcm")).toStdString();
    writeDicomSeg(mask, {{1, "Tumour"}}, sourceSeriesOf("x.nii", mask.geometry), {}, path);
    Geometry shifted = mask.geometry;
    shifted.originMm[0] += 0.4;  // half a voxel along x
    QVERIFY_THROWS_EXCEPTION(Error, readDicomSeg(path, "", shifted));
    Geometry smaller = mask.geometry;
    smaller.sizeXyz = {10, 10, 7};
    try {
        readDicomSeg(path, "", smaller);
        QFAIL("a SEG larger than the image was accepted");
    } catch (const Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("outside the image")), e.what());
    }
    // Whole-voxel shifts of the origin are fine: the frames land on other voxels.
    Geometry moved = mask.geometry;
    moved.originMm[2] -= 2.5;  // slice z of the SEG is slice z + 1 here
    const LabelMap back = readDicomSeg(path, "", moved);
    QCOMPARE(back.at(11, 9, 4), mask.at(11, 9, 3));
}

void TestDicomExport::segSegmentChoice() {
    const LabelMap mask = awkwardMask(smallGrid(), 13);
    const std::string path = dir_.filePath(QStringLiteral("choice.dcm")).toStdString();
    writeDicomSeg(mask, {{2, "Second"}, {1, "First"}}, sourceSeriesOf("x.nii", mask.geometry), {}, path);
    QCOMPARE(difference(readDicomSeg(path, "First", mask.geometry), onlyLabel(mask, 1)), QString());
    QCOMPARE(difference(readDicomSeg(path, "Second", mask.geometry), onlyLabel(mask, 2)), QString());
    try {
        readDicomSeg(path, "Third", mask.geometry);
        QFAIL("an absent segment was accepted");
    } catch (const Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("'Second', 'First'")), e.what());
    }
}

void TestDicomExport::rtStructRoundTrip() {
    const LabelMap mask = awkwardMask(smallGrid(), 17);
    const std::string path = dir_.filePath(QStringLiteral("rs.dcm")).toStdString();
    RoiExportInfo info;
    info.patientId = "P-00";
    writeRtStruct(mask, {{1, "GTV"}, {2, "Other"}}, sourceSeriesOf("x.nii.gz", mask.geometry), info, path);
    const auto rois = listRtStructRois(path);
    QCOMPARE(rois.size(), std::size_t(2));
    QCOMPARE(rois[0].name, std::string("GTV"));
    // Contours trace voxel edges: the rasteriser gives back every voxel (Dice 1.0, above the 0.98 asked).
    QCOMPARE(difference(rasteriseRtStruct(path, "GTV", mask.geometry), onlyLabel(mask, 1)), QString());
    QCOMPARE(difference(rasteriseRtStruct(path, "Other", mask.geometry), onlyLabel(mask, 2)), QString());
    const QStringList errors = iodErrors(QString::fromStdString(path));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
}

void TestDicomExport::dispatchByModality() {
    const LabelMap mask = awkwardMask(smallGrid(), 19);
    const std::string seg = dir_.filePath(QStringLiteral("d-seg.dcm")).toStdString();
    const std::string rs = dir_.filePath(QStringLiteral("d-rs.dcm")).toStdString();
    const SourceSeries source = sourceSeriesOf("x.nii", mask.geometry);
    writeDicomSeg(mask, {{1, "Tumour"}}, source, {}, seg);
    writeRtStruct(mask, {{1, "Tumour"}}, source, {}, rs);
    QCOMPARE(dicomModalityOf(seg), std::string("SEG"));
    QCOMPARE(dicomModalityOf(rs), std::string("RTSTRUCT"));
    QCOMPARE(difference(readDicomMask(seg, "", mask.geometry), readDicomMask(rs, "", mask.geometry)), QString());
    QCOMPARE(dicomMaskRoiNames(seg), std::vector<std::string>{"Tumour"});
    QCOMPARE(dicomMaskRoiNames(rs), std::vector<std::string>{"Tumour"});
    // Drawn on no DICOM series, neither names one.
    QCOMPARE(dicomMaskReferencedSeries(seg), std::vector<std::string>{});
    QCOMPARE(dicomMaskReferencedSeries(rs), std::vector<std::string>{});
    const std::string text = dir_.filePath(QStringLiteral("not-dicom.txt")).toStdString();
    std::ofstream(text) << "hello";
    QVERIFY_THROWS_EXCEPTION(Error, readDicomMask(text, "", mask.geometry));
}

void TestDicomExport::emptyRoiIsRefused() {
    const LabelMap mask(smallGrid(), 0);
    const std::string path = dir_.filePath(QStringLiteral("empty.dcm")).toStdString();
    const SourceSeries source = sourceSeriesOf("x.nii", mask.geometry);
    QVERIFY_THROWS_EXCEPTION(Error, writeDicomSeg(mask, {{1, "Tumour"}}, source, {}, path));
    QVERIFY_THROWS_EXCEPTION(Error, writeRtStruct(mask, {{1, "Tumour"}}, source, {}, path));
    QVERIFY(!std::filesystem::exists(path));
    QVERIFY(!std::filesystem::exists(path + ".partial"));
}

void TestDicomExport::phantomRoundTrips() {
    DRS_REQUIRE_IBSI_CT_PHANTOM();
    const std::string kPhantom = drs::test::ibsiCtPhantom();
    const std::string study = kPhantom + "/dicom/image";
    const Volume image = readVolume(study);
    const LabelMap reference = readLabelMap(kPhantom + "/mask/mask.nii.gz");
    LabelMap gtv = onlyLabel(reference, 1);
    const SourceSeries source = sourceSeriesOf(study, image.geometry);
    QVERIFY(source.isDicom());
    QCOMPARE(std::int64_t(source.slices.size()), image.geometry.sizeXyz[2]);

    const std::string seg = dir_.filePath(QStringLiteral("phantom-seg.dcm")).toStdString();
    const std::string rs = dir_.filePath(QStringLiteral("phantom-rs.dcm")).toStdString();
    writeDicomSeg(gtv, {{1, "GTV-1"}}, source, {}, seg);
    writeRtStruct(gtv, {{1, "GTV-1"}}, source, {}, rs);
    const LabelMap fromSeg = readDicomMask(seg, "GTV-1", image.geometry);
    const LabelMap fromRs = readDicomMask(rs, "GTV-1", image.geometry);
    QCOMPARE(dice(fromSeg, gtv), 1.0);
    const double rsDice = dice(fromRs, gtv);
    qInfo("IBSI phantom GTV: SEG Dice %.6f, RTSTRUCT Dice %.6f", dice(fromSeg, gtv), rsDice);
    QVERIFY(rsDice >= 0.98);

    // An independent reader sees the source series' identity in both files.
    const QString imageDump = run(QStringLiteral("dcmdump"), {QString::fromStdString(source.firstFile)});
    const QString segDump = run(QStringLiteral("dcmdump"), {QString::fromStdString(seg)});
    const QString rsDump = run(QStringLiteral("dcmdump"), {QString::fromStdString(rs)});
    QVERIFY2(segDump.contains(QLatin1String("=SegmentationStorage")), qPrintable(segDump.left(2000)));
    QVERIFY(rsDump.contains(QLatin1String("=RTStructureSetStorage")));
    for (const std::string& uid : {source.studyInstanceUid, source.seriesInstanceUid, source.frameOfReferenceUid})
        QVERIFY2(imageDump.contains(QString::fromStdString(uid)), uid.c_str());
    for (const std::string& uid : {source.studyInstanceUid, source.seriesInstanceUid, source.frameOfReferenceUid,
                                   source.slices.front().sopInstanceUid, source.slices.back().sopInstanceUid}) {
        QVERIFY2(segDump.contains(QString::fromStdString(uid)), uid.c_str());
        QVERIFY2(rsDump.contains(QString::fromStdString(uid)), uid.c_str());
    }
    for (const std::string& path : {seg, rs}) {
        const QStringList errors = iodErrors(QString::fromStdString(path));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    }
}

void TestDicomExport::cohortImportTakesSeg() {
    // A synthetic cohort of two DICOM studies; one study's RTSTRUCT is replaced by the SEG of the
    // same outline. drs import's engine takes both and stores the same mask.
    SilentProgress progress;
    const std::string root = dir_.filePath(QStringLiteral("cohort")).toStdString();
    const auto files = synthetic::writeSyntheticCohort(root, 2, 3, progress);
    std::string rtstruct, series;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(files.studiesFolder)) {
        if (!entry.is_regular_file() || !isDicomFile(entry.path().string())) continue;
        if (dicomModalityOf(entry.path().string()) == "RTSTRUCT" && rtstruct.empty()) rtstruct = entry.path().string();
    }
    QVERIFY(!rtstruct.empty());
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(rtstruct).parent_path()))
        if (entry.is_directory()) series = entry.path().string();
    QVERIFY(!series.empty());
    const Volume image = readVolume(series);
    const LabelMap outline = rasteriseRtStruct(rtstruct, "", image.geometry);
    const std::string roiName = dicomMaskRoiNames(rtstruct).front();
    writeDicomSeg(outline, {{1, roiName}}, sourceSeriesOf(series, image.geometry), {},
                  (std::filesystem::path(rtstruct).parent_path() / "SEG.dcm").string());
    std::filesystem::remove(rtstruct);

    project::ProjectDb db(dir_.filePath(QStringLiteral("cohort.sqlite")).toStdString());
    const auto report = importCohort(db, files.studiesFolder, files.clinicalCsv, {}, progress);
    QCOMPARE(report.acceptedCount(), std::size_t(2));
    std::size_t segs = 0;
    for (const auto& c : project::CohortRepository(db).caseFiles()) {
        const auto roi = project::RoiRepository(db).roi(c.roiId);
        if (roi->sourceKind != "seg") continue;
        ++segs;
        QCOMPARE(roi->name, roiName);
        QCOMPARE(difference(readLabelMap(c.maskPath), outline), QString());
    }
    QCOMPARE(segs, std::size_t(1));
}

QTEST_APPLESS_MAIN(TestDicomExport)
#include "test_dicom_export.moc"
