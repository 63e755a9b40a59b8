// Runs the real `drs` executable the way a user does and checks exit codes, outputs and
// one-line error messages naming the file and the problem.
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "core/image/ImageIO.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/util/Progress.h"
#include "tests/common/DrsProcess.h"
#include "tests/common/ReferenceData.h"
#include "tests/common/SlicerSegFile.h"
#include "tests/common/TiltedSeries.h"
#include "tests/common/TwoSeriesFolder.h"

namespace fs = std::filesystem;

namespace {

using drs::test::ProcessRun;
using drs::test::runDrs;

// A 40x40x10 "CT" (0.8 x 0.8 x 2.5 mm) with a 4 mm-radius ball labelled 1 and a voxel labelled 2.
void writeStudy(const std::string& imagePath, const std::string& maskPath) {
    drs::Geometry g;
    g.sizeXyz = {40, 40, 10};
    g.spacingMm = {0.8, 0.8, 2.5};
    g.originMm = {-16, -16, 0};
    drs::Volume image(g, -850.0f);
    drs::LabelMap mask(g, 0);
    for (std::int64_t z = 0; z < 10; ++z)
        for (std::int64_t y = 0; y < 40; ++y)
            for (std::int64_t x = 0; x < 40; ++x) {
                const double dx = (x - 20) * 0.8, dy = (y - 20) * 0.8, dz = (z - 5) * 2.5;
                if (dx * dx + dy * dy + dz * dz <= 16.0) {
                    mask.at(x, y, z) = 1;
                    image.at(x, y, z) = 40.0f;
                }
            }
    mask.at(2, 2, 2) = 2;
    drs::writeVolume(image, imagePath);
    drs::writeLabelMap(mask, maskPath);
}

}  // namespace

class TestCliPlatform : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString image, mask;

    void expectFailure(const QStringList& arguments, const QString& mustMention) {
        const ProcessRun run = runDrs(arguments);
        QVERIFY2(run.exitCode != 0 && run.exitCode != -1, qPrintable("exit code " + QString::number(run.exitCode)));
        const QString message = run.err.trimmed();
        QVERIFY2(message.contains(mustMention), qPrintable(message));
        QVERIFY2(!message.contains('\n'), qPrintable("not one line: " + message));
    }

private slots:
    void initTestCase() {
        // Spaces and non-ASCII characters on purpose.
        const std::string folder = dir.path().toStdString() + "/Study Ü 肺";
        fs::create_directories(fs::u8path(folder));
        image = QString::fromStdString(folder + "/ct.nii.gz");
        mask = QString::fromStdString(folder + "/mask.nrrd");
        writeStudy(image.toStdString(), mask.toStdString());
    }

    // Commands without the Deep-CT network or charts start without LibTorch and Qt Widgets; drs
    // hands `report` to drs-report and the others, with the help that lists every command, to
    // drs-deep beside it.
    void onlyItsCompanionsLoadLibTorchAndWidgets() {
        const ProcessRun light = drs::test::runProgram("ldd", {drs::test::drsExecutable()});
        QVERIFY2(light.exitCode == 0 && !light.out.contains("libtorch") && !light.out.contains("libQt6Widgets"),
                 qPrintable(light.all()));
        const ProcessRun report = drs::test::runProgram("ldd", {QStringLiteral(DRS_BIN_DIR "/drs-report")});
        QVERIFY2(report.exitCode == 0 && !report.out.contains("libtorch") && report.out.contains("libQt6Widgets"),
                 qPrintable(report.all()));
        const ProcessRun deep = drs::test::runProgram("ldd", {QStringLiteral(DRS_BIN_DIR "/drs-deep")});
        QVERIFY2(deep.exitCode == 0 && deep.out.contains("libtorch"), qPrintable(deep.all()));
        const ProcessRun reportUsage = runDrs({"report", "--help"});
        QCOMPARE(reportUsage.exitCode, 0);
        QVERIFY2(reportUsage.out.startsWith("usage: drs report "), qPrintable(reportUsage.out));
        const ProcessRun help = runDrs({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("\n  extract ") && help.out.contains("\n  train "), qPrintable(help.out));
        const ProcessRun usage = runDrs({"deep-train", "--help"});
        QCOMPARE(usage.exitCode, 0);
        QVERIFY2(usage.out.startsWith("usage: drs deep-train "), qPrintable(usage.out));
        const ProcessRun unknown = runDrs({"frobnicate"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("drs: unknown command 'frobnicate'"), qPrintable(unknown.err));
    }

    void infoPrintsGeometry() {
        const ProcessRun run = runDrs({"info", image});
        QCOMPARE(run.exitCode, 0);
        const auto json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json["size"].toArray(), (QJsonArray{40, 40, 10}));
        QCOMPARE(json["spacing"].toArray()[2].toDouble(), 2.5);
        QCOMPARE(json["origin"].toArray()[0].toDouble(), -16.0);
        QCOMPARE(json["voxel_type"].toString(), QString("float32"));
        // The type resampling casts back to, as SimpleITK reads the file.
        drs::Volume int16 = drs::readVolume(image.toStdString());
        int16.stored = drs::StoredVoxel::Int16;
        const QString int16Path = dir.path() + "/int16.nii.gz";
        drs::writeVolume(int16, int16Path.toStdString());
        const auto int16Json = QJsonDocument::fromJson(runDrs({"info", int16Path}).out.toUtf8()).object();
        QCOMPARE(int16Json["voxel_type"].toString(), QString("int16"));
    }

    // A series acquired with its gantry tilted says so, with the tilt and the farthest slice's shift.
    void infoNamesAGantryTilt() {
        QTemporaryDir cohortDir;
        drs::SilentProgress progress;
        const auto cohort = drs::synthetic::writeSyntheticCohort(cohortDir.path().toStdString(), 1, 3, progress);
        const QString series = QString::fromStdString(cohort.studiesFolder + "/" + cohort.patientIds[0] + "/CT");
        const QStringList keyFile{"--key-file", dir.path() + "/site.key"};
        const auto upright =
            QJsonDocument::fromJson(runDrs(QStringList{"info", series} + keyFile).out.toUtf8()).object();
        QVERIFY(!upright.isEmpty());
        QVERIFY(!upright.contains("gantry_tilt"));
        const double pixelMm = upright["spacing"].toArray()[0].toDouble();
        const double planeMm = upright["spacing"].toArray()[2].toDouble();
        const int slices = upright["size"].toArray()[2].toInt();
        QVERIFY(drs::test::tiltSeries(series.toStdString(), 3 * pixelMm / planeMm, 0));
        const ProcessRun run = runDrs(QStringList{"info", series} + keyFile);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto tilt = QJsonDocument::fromJson(run.out.toUtf8()).object()["gantry_tilt"].toObject();
        QCOMPARE(tilt["degrees"].toDouble(), std::atan(3 * pixelMm / planeMm) * 180 / std::numbers::pi);
        QCOMPARE(tilt["largest_slice_shift_mm"].toDouble(), 3 * pixelMm * (slices - 1));
    }

    void regionsWritesItsFiles() {
        const QString out = dir.path() + "/regions out";
        const ProcessRun run = runDrs({"regions", "--image", image, "--mask", mask, "--out-dir", out, "--patch", "32"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const char* name : {"tumour.nii.gz", "ring.nii.gz", "patch.nii.gz", "patch.png", "regions.json"})
            QVERIFY2(QFile::exists(out + "/" + name), name);
        QFile file(out + "/regions.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json["largest_slice_index"].toInt(), 5);
        // On slice 5 the ball is a disc of radius 4 mm around voxel (20, 20): centroid (20, 20).
        QCOMPARE(json["largest_slice_centroid_index_xy"].toArray(), (QJsonArray{20.0, 20.0}));
        QVERIFY(std::abs(json["largest_slice_centroid_mm"].toArray()[0].toDouble()) < 1e-4);  // origin -16 + 20 * 0.8
        const auto counts = json["voxel_counts"].toObject();
        const auto volumes = json["volumes_mm3"].toObject();
        QVERIFY(counts["tumour"].toInt() > 0);
        // NIfTI stores spacing as float32, hence the relative tolerance.
        QVERIFY(std::abs(volumes["tumour"].toDouble() / (counts["tumour"].toInt() * 0.8 * 0.8 * 2.5) - 1) < 1e-6);
        const auto patch = drs::readVolume((out + "/patch.nii.gz").toStdString());
        QCOMPARE(patch.sizeXyz(), (std::array<std::int64_t, 3>{32, 32, 1}));
        QCOMPARE(patch.at(16, 16, 0), 40.0f);
    }

    void absentLabelIsNamed() {
        expectFailure({"regions", "--image", image, "--mask", mask, "--label", "7", "--out-dir", dir.path() + "/x"},
                      mask + ": label 7 is not present (labels present: 1, 2)");
        QVERIFY(!QFile::exists(dir.path() + "/x/tumour.nii.gz"));
    }

    void mismatchedMaskIsRefused() {
        drs::Geometry g;
        g.sizeXyz = {40, 40, 10};
        g.spacingMm = {0.8, 0.8, 5.0};
        drs::LabelMap other(g, 1);
        const QString otherPath = dir.path() + "/other.nii.gz";
        drs::writeLabelMap(other, otherPath.toStdString());
        expectFailure({"regions", "--image", image, "--mask", otherPath, "--out-dir", dir.path() + "/y"},
                      otherPath + ": mask does not match the image: spacing");
    }

    void emptyMaskIsRefused() {
        drs::Geometry g;
        g.sizeXyz = {40, 40, 10};
        g.spacingMm = {0.8, 0.8, 2.5};
        g.originMm = {-16, -16, 0};
        const QString emptyPath = dir.path() + "/empty.nii.gz";
        drs::writeLabelMap(drs::LabelMap(g, 0), emptyPath.toStdString());
        expectFailure({"regions", "--image", image, "--mask", emptyPath, "--out-dir", dir.path() + "/z"},
                      emptyPath + ": the mask is empty");
    }

    void missingInputsAreNamed() {
        expectFailure({"info", dir.path() + "/nothing.nii.gz"}, dir.path() + "/nothing.nii.gz: no such file");
        expectFailure({"regions", "--image", image, "--out-dir", dir.path()}, "missing required option --mask");
        expectFailure({"regions", "--image", image, "--mask", mask, "--lable", "1", "--out-dir", dir.path()},
                      "unknown option --lable (did you mean --label?)");
        // pyradiomics' spelling of --params; nothing is suggested when no option is close.
        expectFailure({"extract", "--image", image, "--mask", mask, "--param", "P.yaml"},
                      "unknown option --param (did you mean --params?)");
        const ProcessRun far = runDrs({"extract", "--image", image, "--mask", mask, "--verbosity", "3"});
        QCOMPARE(far.err.trimmed(), QStringLiteral("drs extract: unknown option --verbosity"));
        expectFailure({"info", dir.path()}, dir.path() + ": no DICOM image series found");
    }

    // A full disk, simulated by a file-size limit (ulimit -f) below each output's size: every writer
    // says which file and why in one line, exits 1 and leaves no part of the file behind.
    void everyWriterNamesTheFileSizeLimitAndLeavesNothing() {
        constexpr int kLimitBytes = 512;  // the smallest limit: ulimit -f counts 512-byte blocks
        const QString out = dir.path() + "/limited";
        // Noise, so that no compressed output (the deep patch) fits under the limit.
        drs::Volume noisy = drs::readVolume(image.toStdString());
        for (std::size_t i = 0; i < noisy.voxels.size(); ++i)
            noisy.voxels[i] = static_cast<float>((i * 7919 + (i * i) % 104729) % 2000) - 1000.0f;
        const QString noisyImage = dir.path() + "/noisy.nii.gz";
        drs::writeVolume(noisy, noisyImage.toStdString());
        const QList<QStringList> commands = {
            {"extract", "--image", noisyImage, "--mask", mask, "--out", out + "/features.csv"},
            {"seg", "--image", noisyImage, "--mask", mask, "--out", out + "/seg.dcm"},
            {"rtstruct-export", "--image", noisyImage, "--mask", mask, "--out", out + "/rtstruct.dcm"},
            {"regions", "--image", noisyImage, "--mask", mask, "--out-dir", out},
            {"synth", "--out", out + "/cohort", "--patients", "1", "--quiet"},
        };
        const QRegularExpression expected("^drs [a-z-]+: " + QRegularExpression::escape(out) +
                                          "/\\S+: cannot write .+: the file reached this process's file-size limit "
                                          "\\(ulimit -f\\) of " +
                                          QString::number(kLimitBytes) + " bytes$");
        for (const QStringList& command : commands) {
            QDir(out).removeRecursively();
            QVERIFY(QDir().mkpath(out));
            const ProcessRun run = drs::test::runDrsUnderFileSizeLimit(kLimitBytes, command);
            QVERIFY2(run.exitCode == 1, qPrintable(command.front() + ": exit " + QString::number(run.exitCode)));
            const QString last = run.err.trimmed().split('\n').last();
            QVERIFY2(expected.match(last).hasMatch(), qPrintable(command.front() + ": " + last));
            QDirIterator files(out, QDir::Files, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                const QString file = files.next();
                QVERIFY2(!file.contains("partial"), qPrintable(command.front() + " left " + file));
                QVERIFY2(QFileInfo(file).size() < kLimitBytes, qPrintable(command.front() + " left " + file));
            }
        }
    }

    void rtstructNeedsAnRtstruct() {
        expectFailure({"rtstruct", "--image", image, "--rtstruct", mask, "--out", dir.path() + "/m.nii.gz"},
                      mask + ": not a readable DICOM file");
    }

    // drs extract and drs info on a folder holding two image series, each in a subfolder: refused
    // naming both (a label map names no series), then read as chosen with --series (or a cases
    // file's series column), with the features of the series read from its own folder; drs extract
    // and drs rtstruct read the series an RTSTRUCT references, and the provenance names it.
    void extractReadsTheChosenSeries() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const std::string root = dir.path().toStdString() + "/two series";
        const std::string uid = drs::test::kPhantomSeriesUid;
        QVERIFY(drs::test::writeTwoSeriesFolder(drs::test::ibsiCtPhantom(), root, "1.2.826.0.1.3680043.2.1125.99.4"));
        const QString folder = QString::fromStdString(root);
        const QString rtstruct = QString::fromStdString(drs::test::ibsiCtPhantom() + "/dicom/mask/DCM_RS_00060.dcm");
        const QStringList extract{"extract", "--mask", rtstruct, "--id", "case"};
        const QString several = folder +
                                ": holds 2 DICOM image series; choose one with --series: "
                                "1.2.826.0.1.3680043.2.1125.99.4 (CT, 3 files, in part/); " +
                                QString::fromStdString(uid) + " (CT, 60 files, in full/)";
        expectFailure({"info", folder}, several);
        const QString labelMap = QString::fromStdString(drs::test::ibsiCtPhantom() + "/mask/mask.nii.gz");
        const ProcessRun refused = runDrs({"extract", "--mask", labelMap, "--id", "case", "--image", folder});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("drs extract: case case: " + several + "\n"), qPrintable(refused.err));
        const ProcessRun alone = runDrs(extract + QStringList{"--image", folder + "/full"});
        QVERIFY2(alone.exitCode == 0, qPrintable(alone.err));
        const ProcessRun chosen =
            runDrs(extract + QStringList{"--image", folder, "--series", QString::fromStdString(uid)});
        QVERIFY2(chosen.exitCode == 0, qPrintable(chosen.err));
        QCOMPARE(chosen.out, alone.out);
        const QString cases = dir.filePath("series-cases.csv"), out = dir.filePath("series-features.csv");
        QFile file(cases);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            ("id,image,series,mask\ncase,\"" + folder + "\"," + QString::fromStdString(uid) + "," + rtstruct + "\n")
                .toUtf8());
        file.close();
        const ProcessRun batch = runDrs({"extract", "--cases", cases, "--out", out});
        QVERIFY2(batch.exitCode == 0, qPrintable(batch.err));
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(written.readAll()), alone.out);
        const ProcessRun referenced = runDrs(extract + QStringList{"--image", folder, "--out", out});
        QVERIFY2(referenced.exitCode == 0, qPrintable(referenced.err));
        QFile again(out);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(again.readAll()), alone.out);
        QFile provenance(out + ".provenance.json");
        QVERIFY(provenance.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(provenance.readAll()).array()[0].toObject()["series"].toString(),
                 QString::fromStdString(uid));
        // An RTSTRUCT names the series its contours are drawn on: given one, no --series is needed.
        const QString maskOut = dir.filePath("two-series-mask.nii.gz");
        const ProcessRun rasterised = runDrs({"rtstruct", "--image", folder, "--rtstruct", rtstruct, "--out", maskOut});
        QVERIFY2(rasterised.exitCode == 0, qPrintable(rasterised.err));
        QCOMPARE(drs::readLabelMap(maskOut.toStdString()).geometry.sizeXyz[2], std::int64_t{60});
        const ProcessRun info = runDrs({"info", folder, "--series", QString::fromStdString(uid)});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        const QJsonObject json = QJsonDocument::fromJson(info.out.toUtf8()).object();
        QCOMPARE(json["size"].toArray()[2].toInt(), 60);
        QCOMPARE(json["series"].toArray().size(), 2);
        QCOMPARE(json["series"].toArray()[1].toObject()["subfolder"].toString(), QStringLiteral("full"));
        QCOMPARE(json["roi_files"].toArray().size(), 0);
        // An RTSTRUCT in the folder is listed with its ROI and the series it is drawn on, by its
        // path in the folder however the folder is named (here relative to the working folder).
        QVERIFY(QFile::copy(rtstruct, folder + "/RS.dcm"));
        const QString workingFolder = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        const auto back = qScopeGuard([&] { QDir::setCurrent(workingFolder); });
        for (const auto& [series, drawnOn] : {std::pair{QString::fromStdString(uid), true},
                                              std::pair{QStringLiteral("1.2.826.0.1.3680043.2.1125.99.4"), false}}) {
            const ProcessRun listed = runDrs({"info", "two series", "--series", series});
            QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
            const QJsonArray roiFiles = QJsonDocument::fromJson(listed.out.toUtf8()).object()["roi_files"].toArray();
            QCOMPARE(roiFiles.size(), 1);
            const QJsonObject file = roiFiles[0].toObject();
            QCOMPARE(file["file"].toString(), QStringLiteral("RS.dcm"));
            QCOMPARE(file["modality"].toString(), QStringLiteral("RTSTRUCT"));
            QCOMPARE(file["rois"].toArray(), QJsonArray{QStringLiteral("GTV-1")});
            QCOMPARE(file["series_instance_uids"].toArray(), QJsonArray{QString::fromStdString(uid)});
            QCOMPARE(file["drawn_on_series_read"].toBool(), drawnOn);
        }
        // A 3D Slicer segmentation kept in a subfolder is listed with its segments when its voxels
        // are the series' (here cropped to its segment), and with the reason when they are not.
        const drs::Geometry series = drs::readVolume(root + "/full").geometry;
        drs::Geometry extent = series;
        extent.sizeXyz = {3, 2, 2};
        extent.originMm = series.physicalPointMm(30, 31, 29);
        drs::LabelMap cropped(extent, 1);
        QVERIFY(QDir().mkpath(folder + "/Slicer"));
        drs::test::writeSlicerSegmentation(root + "/Slicer/Segmentation.seg.nrrd", {cropped}, {{"Tumour", 1, 0}});
        cropped.geometry.originMm[0] += cropped.geometry.spacingMm[0] / 2;
        drs::test::writeSlicerSegmentation(root + "/Slicer/Shifted.seg.nrrd", {cropped}, {{"Tumour", 1, 0}});
        const ProcessRun listed = runDrs({"info", "two series", "--series", QString::fromStdString(uid)});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        const QJsonArray segmentations =
            QJsonDocument::fromJson(listed.out.toUtf8()).object()["slicer_segmentations"].toArray();
        QCOMPARE(segmentations.size(), 2);
        QCOMPARE(segmentations[0].toObject(), (QJsonObject{{"file", "Slicer/Segmentation.seg.nrrd"},
                                                           {"segments", QJsonArray{QStringLiteral("Tumour")}}}));
        const QJsonObject shifted = segmentations[1].toObject();
        QCOMPARE(shifted["file"].toString(), QStringLiteral("Slicer/Shifted.seg.nrrd"));
        QVERIFY(!shifted.contains("segments"));
        QVERIFY2(shifted["problem"].toString().contains("Shifted.seg.nrrd: its voxels are not the image's"),
                 qPrintable(shifted["problem"].toString()));
    }

    // An image file's Slicer segmentations are the ones beside it, as 3D Slicer saves a scene.
    void infoListsTheSlicerSegmentationsBesideAnImage() {
        const QString scene = dir.filePath("slicer scene");
        QVERIFY(QDir().mkpath(scene + "/other"));
        drs::Geometry g;
        g.sizeXyz = {6, 5, 4};
        g.spacingMm = {0.7, 0.7, 2.0};
        g.originMm = {-10, 3, 40};
        drs::writeVolume(drs::Volume(g, 20.0f), (scene + "/CT.nrrd").toStdString());
        drs::LabelMap layer(g, 0);
        layer.at(2, 2, 1) = 1;
        layer.at(3, 2, 1) = 2;
        drs::test::writeSlicerSegmentation((scene + "/Segmentation.seg.nrrd").toStdString(), {layer},
                                           {{"Tumour", 1, 0}, {"Node", 2, 0}});
        drs::test::writeSlicerSegmentation((scene + "/other/Elsewhere.seg.nrrd").toStdString(), {layer},
                                           {{"Tumour", 1, 0}});
        const ProcessRun run = runDrs({"info", scene + "/CT.nrrd"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json["slicer_segmentations"].toArray(),
                 (QJsonArray{QJsonObject{{"file", "Segmentation.seg.nrrd"},
                                         {"segments", QJsonArray{QStringLiteral("Tumour"), QStringLiteral("Node")}}}}));
        QVERIFY(!json.contains("roi_files"));
    }

    void phantomRtstructThroughTheCli() {
        DRS_REQUIRE_IBSI_CT_PHANTOM();
        const QString phantom = QString::fromStdString(drs::test::ibsiCtPhantom());
        const QString out = dir.path() + "/phantom mask.nii.gz";
        const ProcessRun run = runDrs({"rtstruct", "--image", phantom + "/dicom/image", "--rtstruct",
                                       phantom + "/dicom/mask/DCM_RS_00060.dcm", "--roi", "GTV-1", "--out", out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFile::exists(out));
        expectFailure({"rtstruct", "--image", phantom + "/dicom/image", "--rtstruct",
                       phantom + "/dicom/mask/DCM_RS_00060.dcm", "--roi", "GTV-2", "--out", out},
                      "no ROI named 'GTV-2' (ROIs: 'GTV-1')");
    }
};

QTEST_GUILESS_MAIN(TestCliPlatform)
#include "test_cli_platform.moc"
