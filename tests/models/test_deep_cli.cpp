// The deep-* commands end to end through the drs executable: models --summary against the
// torchvision fixture, deep-train -> deep-features (same numbers), gradcam, deep-compare's
// table shape, input channels with the list's mask column, and a list with too few of a class or a
// wrong-size patch failing with a one-line error naming the file.
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <cmath>
#include <fstream>

#include "core/image/ImageIO.h"
#include "core/util/Csv.h"
#include "tests/common/DrsProcess.h"
#include "tests/models/SyntheticPatches.h"

using namespace drs;
using namespace drs::testing;

namespace {

using drs::test::ProcessRun;
using drs::test::runDrs;

void writePatch(const DeepPatch& patch, const std::string& path) {
    Geometry geometry;
    geometry.sizeXyz = {kDeepPatchSizePx, kDeepPatchSizePx, 1};
    geometry.spacingMm = {0.7, 0.7, 1.0};
    Volume volume(geometry);
    volume.voxels = patch.hu160x160;
    writeVolume(volume, path);
}

}  // namespace

class DeepCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const auto set = makeBlobSet(40, 5, "p");
        std::string csv = "id,label,patch,split\n";
        for (std::size_t i = 0; i < set.size(); ++i) {
            const auto& patch = set[i].patch;
            writePatch(patch, dir_.filePath(QString::fromStdString(patch.patientId) + ".nii.gz").toStdString());
            csv += patch.patientId + "," + std::to_string(patch.label) + "," + patch.patientId + ".nii.gz," +
                   (i < 30 ? "train" : "test") + "\n";
        }
        std::ofstream(dir_.filePath("patches.csv").toStdString()) << csv;
        patchesCsv_ = dir_.filePath("patches.csv");
    }

    void summaryEqualsTorchvision() {
        const ProcessRun run = runDrs({"models", "--summary"});
        QCOMPARE(run.exitCode, 0);
        const auto expected = readCsv(std::string(DRS_TEST_DATA) + "/models/torchvision_parameter_counts.csv");
        QStringList lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.takeFirst(), QString("backbone,parameters"));
        QCOMPARE(static_cast<std::size_t>(lines.size()), expected.rows.size());
        for (const auto& row : expected.rows)
            QVERIFY2(lines.contains(QString::fromStdString(row[0] + "," + row[1])), row[0].c_str());
    }

    void trainThenExtractAgree() {
        const QString model = dir_.filePath("m.pt");
        const QString trainFeatures = dir_.filePath("train_features.csv");
        const ProcessRun train =
            runDrs({"deep-train", "--patches", patchesCsv_, "--model", model, "--features", trainFeatures, "--fast",
                    "--epochs", "2", "--threads", "1", "--seed", "3", "--amp"});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        QVERIFY(train.err.contains("epoch 1/2"));
        QVERIFY(train.err.contains("mixed precision: requested, but it is GPU-only; this CPU run trains in float32"));
        QVERIFY(train.err.contains("batch 16 (automatic: largest of 16, 8, 4, 2"));
        QVERIFY(train.err.contains("from scratch"));
        QVERIFY(QFile::exists(model + ".json"));
        const ProcessRun features = runDrs({"deep-features", "--model", model, "--patches", patchesCsv_});
        QVERIFY2(features.exitCode == 0, qPrintable(features.err));
        QFile trained(trainFeatures);
        QVERIFY(trained.open(QIODevice::ReadOnly));
        QCOMPARE(features.out, QString::fromUtf8(trained.readAll()));
        QCOMPARE(features.out.split('\n').first().split(',').size(), 12);

        const QString heat = dir_.filePath("heat.nii.gz");
        const ProcessRun cam =
            runDrs({"gradcam", "--model", model, "--patch", dir_.filePath("p1.nii.gz"), "--out", heat});
        QVERIFY2(cam.exitCode == 0, qPrintable(cam.err));
        const Volume heatMap = readVolume(heat.toStdString());
        QCOMPARE(heatMap.geometry.sizeXyz[0], 160);
        QCOMPARE(*std::max_element(heatMap.voxels.begin(), heatMap.voxels.end()), 1.0f);
        const ProcessRun finer = runDrs(
            {"gradcam", "--model", model, "--patch", dir_.filePath("p1.nii.gz"), "--out", heat, "--layer", "previous"});
        QVERIFY2(finer.exitCode == 0, qPrintable(finer.err));
        const Volume finerMap = readVolume(heat.toStdString());
        QCOMPARE(*std::max_element(finerMap.voxels.begin(), finerMap.voxels.end()), 1.0f);
        QVERIFY(finerMap.voxels != heatMap.voxels);
        const ProcessRun badLayer = runDrs(
            {"gradcam", "--model", model, "--patch", dir_.filePath("p1.nii.gz"), "--out", heat, "--layer", "first"});
        QCOMPARE(badLayer.exitCode, 1);
        QVERIFY(badLayer.err.contains("--layer must be 'last' or 'previous'"));
    }

    // Array tasks deal the patches out in blocks of 16 (the inference batch): merged, the tasks'
    // results are the bytes of a single run, whatever the number of tasks; a task run twice adds nothing.
    void shardedFeaturesEqualASingleRun() {
        const QString model = dir_.filePath("m.pt");
        const QString single = dir_.filePath("single_deep.csv");
        QCOMPARE(runDrs({"deep-features", "--model", model, "--patches", patchesCsv_, "--out", single}).exitCode, 0);
        QFile singleFile(single);
        QVERIFY(singleFile.open(QIODevice::ReadOnly));
        const QByteArray expected = singleFile.readAll();
        for (int count : {2, 3}) {
            const QString shards = dir_.filePath(QStringLiteral("deep_shards_%1").arg(count));
            for (int task = count; task >= 1; --task) {
                const ProcessRun run = runDrs({"deep-features", "--model", model, "--patches", patchesCsv_, "--shard",
                                               QStringLiteral("%1/%2").arg(task).arg(count), "--out-dir", shards});
                QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            }
            const ProcessRun again = runDrs({"deep-features", "--model", model, "--patches", patchesCsv_, "--shard",
                                             QStringLiteral("1/%1").arg(count), "--out-dir", shards});
            QVERIFY2(again.err.contains(": 0 computed"), qPrintable(again.err));
            const QString merged = shards + ".csv";
            QCOMPARE(runDrs({"merge", "--shards", shards, "--out", merged}).exitCode, 0);
            QFile mergedFile(merged);
            QVERIFY(mergedFile.open(QIODevice::ReadOnly));
            QCOMPARE(mergedFile.readAll(), expected);
        }
    }

    void compareHasTableTwoShape() {
        const ProcessRun run = runDrs({"deep-compare", "--patches", patchesCsv_, "--backbones", "densenet121", "--fast",
                                       "--epochs", "1", "--threads", "1", "--model-dir", dir_.path()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);  // header + training, validation, test
        QVERIFY(lines[0].startsWith("backbone,subset,n,n_positive,auc,auc_ci_low,auc_ci_high,accuracy"));
        QVERIFY(lines[1].startsWith("densenet121,training,22,11,"));
        QVERIFY(lines[2].startsWith("densenet121,validation,8,4,"));
        QVERIFY(lines[3].startsWith("densenet121,test,10,5,"));
        QVERIFY(lines[0].endsWith(",rank_by_validation_auc"));
        QVERIFY(lines[3].endsWith(",1"));
        QVERIFY2(run.err.contains("chosen backbone: densenet121 (best validation AUC"), qPrintable(run.err));
    }

    void batchSizeOptions() {
        const ProcessRun tooSmall =
            runDrs({"deep-train", "--patches", patchesCsv_, "--model", dir_.filePath("x.pt"), "--batch-size", "1"});
        QCOMPARE(tooSmall.exitCode, 1);
        QVERIFY2(tooSmall.err.contains("--batch-size must be 'auto' or at least 2"), qPrintable(tooSmall.err));
        const ProcessRun noMemory = runDrs({"deep-train", "--patches", patchesCsv_, "--model", dir_.filePath("x.pt"),
                                            "--fast", "--memory-budget-mb", "1", "--threads", "1"});
        QCOMPARE(noMemory.exitCode, 1);
        QVERIFY2(noMemory.err.contains("out of memory: densenet121 at 1/4 width (160 px) needs about"),
                 qPrintable(noMemory.err));
        QVERIFY(!QFile::exists(dir_.filePath("x.pt")) && !QFile::exists(dir_.filePath("x.pt.json")));
    }

    // The tumour channel comes from the list's mask column; the model's sidecar records the channels.
    void inputChannelsFromTheCommandLine() {
        const ProcessRun noMask = runDrs({"deep-train", "--patches", patchesCsv_, "--model", dir_.filePath("t.pt"),
                                          "--fast", "--input-channels", "lung+tumour"});
        QCOMPARE(noMask.exitCode, 1);
        QVERIFY2(noMask.err.contains("patient 'p0': the network sees the tumour, but the deep patch comes without its "
                                     "tumour mask"),
                 qPrintable(noMask.err));
        const ProcessRun unknown = runDrs({"deep-train", "--patches", patchesCsv_, "--model", dir_.filePath("t.pt"),
                                           "--input-channels", "lung+bone"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("--input-channels: input channel 'bone' is unknown (lung, mediastinal, tumour)"),
                 qPrintable(unknown.err));
        QVERIFY(!QFile::exists(dir_.filePath("t.pt")));

        std::string csv = "id,label,patch,mask\n";
        for (const auto& item : makeBlobSet(24, 6, "m")) {
            DeepPatch mask = item.patch;
            for (int i = 0; i < kDeepPatchSizePx * kDeepPatchSizePx; ++i)
                mask.hu160x160[static_cast<std::size_t>(i)] =
                    std::hypot(i % kDeepPatchSizePx - item.blobXPx, i / kDeepPatchSizePx - item.blobYPx) <=
                    item.radiusPx;
            writePatch(item.patch,
                       dir_.filePath(QString::fromStdString(item.patch.patientId) + ".nii.gz").toStdString());
            writePatch(mask,
                       dir_.filePath(QString::fromStdString(item.patch.patientId) + "_mask.nii.gz").toStdString());
            csv += item.patch.patientId + "," + std::to_string(item.patch.label) + "," + item.patch.patientId +
                   ".nii.gz," + item.patch.patientId + "_mask.nii.gz\n";
        }
        std::ofstream(dir_.filePath("masked.csv").toStdString()) << csv;
        const ProcessRun run =
            runDrs({"deep-train", "--patches", dir_.filePath("masked.csv"), "--model", dir_.filePath("m.pt"), "--fast",
                    "--epochs", "1", "--threads", "1", "--input-channels", "lung+mediastinal+tumour"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile sidecar(dir_.filePath("m.pt.json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject model = QJsonDocument::fromJson(sidecar.readAll()).object();
        QCOMPARE(model["input_channels"].toString(), QStringLiteral("lung+mediastinal+tumour"));
        QCOMPARE(model["in_channels"].toInt(), 3);
    }

    // ALK of the demo cohort has 6 positive training patients: the refusal names the list.
    void trainRefusesTooFewOfAClassNamingTheList() {
        std::ofstream few(dir_.filePath("few.csv").toStdString());
        few << "id,label,patch,split\n";
        for (int i = 0; i < 20; ++i)
            few << "p" << i << "," << (i < 3 || i >= 15 ? 1 : 0) << ",p" << i << ".nii.gz,"
                << (i < 15 ? "train" : "test") << "\n";
        few.close();
        const ProcessRun run =
            runDrs({"deep-train", "--patches", dir_.filePath("few.csv"), "--model", dir_.filePath("few.pt"), "--fast"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(dir_.filePath("few.csv") +
                                  ": Deep-CT training needs at least 10 patients of each class among the rows it "
                                  "trains on (a label, split not test); the list has 3 positive and 12 negative"),
                 qPrintable(run.err));
        QVERIFY(!QFile::exists(dir_.filePath("few.pt")));
    }

    void trainRefusesAnUnknownDeviceBeforeTouchingTheProject() {
        const QString project = dir_.filePath("device.sqlite");
        const ProcessRun run = runDrs({"train", "--project", project, "--device", "gpu"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("--device must be auto, cpu or cuda"), qPrintable(run.err));
        QVERIFY(!QFile::exists(project));
    }

    void wrongPatchSizeIsAOneLineError() {
        Geometry geometry;
        geometry.sizeXyz = {128, 128, 1};
        writeVolume(Volume(geometry), dir_.filePath("small.nii.gz").toStdString());
        std::ofstream(dir_.filePath("bad.csv").toStdString()) << "id,label,patch\nx,1,small.nii.gz\n";
        const ProcessRun run =
            runDrs({"deep-features", "--model", dir_.filePath("m.pt"), "--patches", dir_.filePath("bad.csv")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("small.nii.gz: deep patch is 128x128x1, expected 160x160x1"), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
    }

private:
    QTemporaryDir dir_;
    QString patchesCsv_;
};

QTEST_GUILESS_MAIN(DeepCliTest)
#include "test_deep_cli.moc"
