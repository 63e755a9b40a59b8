// drs seg, seg-import, rtstruct-export, regions and extract with a DICOM mask or a 3D Slicer segmentation,
// as a user runs them: the SEG, RTSTRUCT and .seg.nrrd of a two-label mask read back to the same
// voxels, and errors name the file.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "core/image/ImageIO.h"
#include "tests/common/DrsProcess.h"
#include "tests/common/SlicerSegFile.h"

using namespace drs;

namespace {

using drs::test::ProcessRun;
using drs::test::runDrs;

LabelMap onlyLabel(const LabelMap& mask, std::uint16_t label) {
    LabelMap binary(mask.geometry, 0);
    for (std::size_t i = 0; i < mask.voxels.size(); ++i) binary.voxels[i] = mask.voxels[i] == label ? 1 : 0;
    return binary;
}

}  // namespace

class TestCliRoi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        Geometry g;
        g.sizeXyz = {30, 26, 9};
        g.spacingMm = {0.75, 0.75, 2.0};
        g.originMm = {-11, -9, 40};
        Volume image(g, -800.0f);
        mask_ = LabelMap(g, 0);
        for (std::int64_t z = 1; z < 8; ++z)
            for (std::int64_t y = 0; y < 26; ++y)
                for (std::int64_t x = 0; x < 30; ++x) {
                    if (std::hypot(x - 10.0, y - 12.0) < 4.0 + z % 3) mask_.at(x, y, z) = 1;
                    if (std::hypot(x - 22.0, y - 12.0) < 2.5) mask_.at(x, y, z) = 2;
                }
        image_ = dir_.filePath(QStringLiteral("ct.nii.gz"));
        maskPath_ = dir_.filePath(QStringLiteral("mask.nii.gz"));
        writeVolume(image, image_.toStdString());
        writeLabelMap(mask_, maskPath_.toStdString());
    }

    void segRoundTrip() {
        const QString seg = dir_.filePath(QStringLiteral("all.dcm"));
        const ProcessRun exported = runDrs({"seg", "--image", image_, "--mask", maskPath_, "--out", seg});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.all()));
        QVERIFY2(exported.all().contains(QLatin1String("2 segment(s)")), qPrintable(exported.all()));
        const ProcessRun listed = runDrs({"seg-import", "--seg", seg, "--list"});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(listed.out, QStringLiteral("number,name,frames\n1,label 1,7\n2,label 2,7\n"));
        const QString back = dir_.filePath(QStringLiteral("back.nii.gz"));
        const ProcessRun imported = runDrs({"seg-import", "--image", image_, "--seg", seg, "--out", back});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.all()));
        QVERIFY(readLabelMap(back.toStdString()).voxels == mask_.voxels);
        // One segment by name, read as label 1.
        const ProcessRun one =
            runDrs({"seg-import", "--image", image_, "--seg", seg, "--segment", "label 2", "--out", back});
        QVERIFY2(one.exitCode == 0, qPrintable(one.all()));
        QVERIFY(readLabelMap(back.toStdString()).voxels == onlyLabel(mask_, 2).voxels);
    }

    void rtStructRoundTripAndRegions() {
        const QString rs = dir_.filePath(QStringLiteral("rs.dcm"));
        const ProcessRun exported = runDrs(
            {"rtstruct-export", "--image", image_, "--mask", maskPath_, "--label", "1", "--name", "GTV", "--out", rs});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.all()));
        const QString back = dir_.filePath(QStringLiteral("rs-back.nii.gz"));
        const ProcessRun imported = runDrs({"rtstruct", "--image", image_, "--rtstruct", rs, "--out", back});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.all()));
        QVERIFY(readLabelMap(back.toStdString()).voxels == onlyLabel(mask_, 1).voxels);
        // drs regions takes the SEG or RTSTRUCT directly.
        const QString seg = dir_.filePath(QStringLiteral("gtv.dcm"));
        QCOMPARE(runDrs({"seg", "--image", image_, "--mask", rs, "--name", "GTV", "--out", seg}).exitCode, 0);
        for (const QString& mask : {rs, seg}) {
            const QString out = dir_.filePath(QStringLiteral("regions-") + QFileInfo(mask).baseName());
            const ProcessRun regions = runDrs({"regions", "--image", image_, "--mask", mask, "--out-dir", out});
            QVERIFY2(regions.exitCode == 0, qPrintable(regions.all()));
            QVERIFY(readLabelMap((out + "/tumour.nii.gz").toStdString()).voxels == onlyLabel(mask_, 1).voxels);
        }
    }

    // Label 1's largest slices are z = 2 and 5 (disc radius 6 voxels), 11 voxels of 0.75 mm across:
    // a field of 2 tumour extents over 160 pixels is 2 x 8.25 / 160 mm per pixel.
    void patchFittedToTheTumour() {
        const QString out = dir_.filePath(QStringLiteral("regions-fitted"));
        const ProcessRun fitted =
            runDrs({"regions", "--image", image_, "--mask", maskPath_, "--patch-fit", "2", "--out-dir", out});
        QVERIFY2(fitted.exitCode == 0, qPrintable(fitted.all()));
        // NIfTI holds the pixel size in float32.
        QVERIFY(std::abs(readVolume((out + "/patch.nii.gz").toStdString()).geometry.spacingMm[0] - 2 * 8.25 / 160) <
                1e-8);
        QFile json(out + "/regions.json");
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject regions = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(regions["largest_slice_index"].toInt(), 2);
        QCOMPARE(regions["largest_slice_extent_mm"].toDouble(), 8.25);
        QCOMPARE(regions["patch_tumour_extents"].toDouble(), 2.0);
        QVERIFY(regions["patch_spacing_mm"].isNull());

        const ProcessRun both = runDrs({"regions", "--image", image_, "--mask", maskPath_, "--patch-fit", "2",
                                        "--patch-mm", "0.5", "--out-dir", out});
        QCOMPARE(both.exitCode, 1);
        QVERIFY2(both.all().contains(QLatin1String("--patch-mm and --patch-fit contradict each other")),
                 qPrintable(both.all()));
        const ProcessRun tooTight =
            runDrs({"regions", "--image", image_, "--mask", maskPath_, "--patch-fit", "0.5", "--out-dir", out});
        QCOMPARE(tooTight.exitCode, 1);
        QVERIFY2(tooTight.all().contains(QLatin1String("--patch-fit must be 1 to 20 tumour extents, got 0.5")),
                 qPrintable(tooTight.all()));
    }

    // Slicer saved the two labels as segments "Tumour" and "Vessel", cropped to their extent.
    void slicerSegmentationByName() {
        Geometry cropped = mask_.geometry;
        cropped.sizeXyz = {24, 14, 7};
        cropped.originMm = {cropped.originMm[0] + 2 * 0.75, cropped.originMm[1] + 5 * 0.75, cropped.originMm[2] + 2};
        LabelMap box(cropped, 0);
        for (std::int64_t z = 0; z < 7; ++z)
            for (std::int64_t y = 0; y < 14; ++y)
                for (std::int64_t x = 0; x < 24; ++x) box.at(x, y, z) = mask_.at(x + 2, y + 5, z + 1);
        const QString seg = dir_.filePath(QStringLiteral("Segmentation.seg.nrrd"));
        drs::test::writeSlicerSegmentation(seg.toStdString(), {box}, {{"Tumour", 1, 0}, {"Vessel", 2, 0}});
        for (const char* roi : {"Tumour", "Vessel"}) {
            const QString out = dir_.filePath(QStringLiteral("slicer-") + QLatin1String(roi));
            const ProcessRun regions =
                runDrs({"regions", "--image", image_, "--mask", seg, "--roi", roi, "--out-dir", out});
            QVERIFY2(regions.exitCode == 0, qPrintable(regions.all()));
            QVERIFY(readLabelMap((out + "/tumour.nii.gz").toStdString()).voxels ==
                    onlyLabel(mask_, roi == std::string("Tumour") ? 1 : 2).voxels);
        }
        // Without --roi, every segment goes to the DICOM SEG under its Slicer name.
        const QString both = dir_.filePath(QStringLiteral("both.dcm"));
        const ProcessRun all = runDrs({"seg", "--image", image_, "--mask", seg, "--out", both});
        QVERIFY2(all.exitCode == 0, qPrintable(all.all()));
        QCOMPARE(runDrs({"seg-import", "--seg", both, "--list"}).out,
                 QStringLiteral("number,name,frames\n1,Tumour,7\n2,Vessel,7\n"));
        const QString dicomSeg = dir_.filePath(QStringLiteral("vessel.dcm"));
        const ProcessRun exported =
            runDrs({"seg", "--image", image_, "--mask", seg, "--roi", "Vessel", "--name", "Vessel", "--out", dicomSeg});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.all()));
        QCOMPARE(runDrs({"seg-import", "--seg", dicomSeg, "--list"}).out,
                 QStringLiteral("number,name,frames\n1,Vessel,7\n"));
        const ProcessRun unknown = runDrs({"regions", "--image", image_, "--mask", seg, "--roi", "GTV", "--out-dir",
                                           dir_.filePath(QStringLiteral("slicer-gtv"))});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.all().contains(seg + QStringLiteral(": has no segment named 'GTV' (its segments: 'Tumour', "
                                                             "'Vessel')")),
                 qPrintable(unknown.all()));
    }

    // drs extract takes the mask files the other commands take. The features of an RTSTRUCT's ROI,
    // a SEG's segment and a Slicer segment are those of the label map's label they were made from.
    void extractTakesEveryMaskFile() {
        const QString rs = dir_.filePath(QStringLiteral("extract-rs.dcm")),
                      seg = dir_.filePath(QStringLiteral("extract-seg.dcm")),
                      slicer = dir_.filePath(QStringLiteral("extract.seg.nrrd"));
        QCOMPARE(runDrs({"rtstruct-export", "--image", image_, "--mask", maskPath_, "--label", "2", "--name", "Vessel",
                         "--out", rs})
                     .exitCode,
                 0);
        QCOMPARE(runDrs({"seg", "--image", image_, "--mask", maskPath_, "--out", seg}).exitCode, 0);
        drs::test::writeSlicerSegmentation(slicer.toStdString(), {mask_}, {{"Tumour", 1, 0}, {"Vessel", 2, 0}});
        auto extract = [&](const QStringList& maskArguments) {
            return runDrs(QStringList{"extract", "--image", image_, "--id", "case"} + maskArguments);
        };
        const ProcessRun label1 = extract({"--mask", maskPath_});
        const ProcessRun label2 = extract({"--mask", maskPath_, "--label", "2"});
        QVERIFY2(label1.exitCode == 0 && label2.exitCode == 0, qPrintable(label1.all() + label2.all()));
        QVERIFY(label1.out != label2.out);
        const std::pair<QStringList, const ProcessRun*> same[] = {
            {{"--mask", seg, "--roi", "label 1"}, &label1},
            {{"--mask", slicer, "--roi", "Tumour"}, &label1},
            {{"--mask", rs}, &label2},
            {{"--mask", rs, "--roi", "Vessel"}, &label2},
            {{"--mask", seg, "--roi", "label 2"}, &label2},
            {{"--mask", slicer, "--roi", "Vessel"}, &label2},
            {{"--mask", slicer, "--label", "2"}, &label2},  // a Slicer segmentation read whole: labels by value
        };
        for (const auto& [arguments, expected] : same) {
            const ProcessRun run = extract(arguments);
            QVERIFY2(run.exitCode == 0, qPrintable(arguments.join(' ') + ": " + run.all()));
            QVERIFY2(run.out == expected->out, qPrintable(arguments.join(' ')));
        }

        // A batch names the ROI in a roi column; the provenance records it.
        const QString cases = dir_.filePath(QStringLiteral("cases.csv")), out = dir_.filePath(QStringLiteral("f.csv"));
        QFile file(cases);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(("id,image,mask,roi\ncase," + image_ + "," + slicer + ",Vessel\n").toUtf8());
        file.close();
        const ProcessRun batch = runDrs({"extract", "--cases", cases, "--out", out});
        QVERIFY2(batch.exitCode == 0, qPrintable(batch.all()));
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(written.readAll()), label2.out);
        QFile provenance(out + ".provenance.json");
        QVERIFY(provenance.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(provenance.readAll()).contains(QLatin1String("\"roi\": \"Vessel\"")));

        const ProcessRun unknown = extract({"--mask", slicer, "--roi", "GTV"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(slicer + QStringLiteral(": has no segment named 'GTV' (its segments: 'Tumour', "
                                                              "'Vessel')")),
                 qPrintable(unknown.all()));
    }

    void errorsNameTheFile() {
        const ProcessRun missing = runDrs({"seg", "--image", image_, "--mask", maskPath_, "--label", "7", "--out",
                                           dir_.filePath(QStringLiteral("x.dcm"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.all().contains(maskPath_ + QStringLiteral(": label 7 is not present")),
                 qPrintable(missing.all()));
        QVERIFY(!QFile::exists(dir_.filePath(QStringLiteral("x.dcm"))));
        const ProcessRun notSeg = runDrs(
            {"seg-import", "--image", image_, "--seg", maskPath_, "--out", dir_.filePath(QStringLiteral("y.nii.gz"))});
        QCOMPARE(notSeg.exitCode, 1);
        QVERIFY2(notSeg.all().contains(maskPath_), qPrintable(notSeg.all()));
    }

private:
    QTemporaryDir dir_;
    QString image_, maskPath_;
    LabelMap mask_;
};

QTEST_GUILESS_MAIN(TestCliRoi)
#include "test_cli_roi.moc"
