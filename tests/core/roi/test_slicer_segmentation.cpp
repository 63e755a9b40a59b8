#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "core/image/ImageIO.h"
#include "core/roi/MaskFile.h"
#include "core/roi/SlicerSegmentation.h"
#include "core/util/Error.h"
#include "tests/common/SlicerSegFile.h"

using drs::test::SlicerSegmentSpec;
using drs::test::writeSlicerSegmentation;

namespace {

// The CT's grid: 20 x 16 x 6 voxels of 0.7 x 0.8 x 2.5 mm.
drs::Geometry imageGrid() {
    drs::Geometry g;
    g.sizeXyz = {20, 16, 6};
    g.spacingMm = {0.7, 0.8, 2.5};
    g.originMm = {-10.0, 5.0, -30.0};
    return g;
}

// What Slicer's "crop to minimum extent" writes: a 5 x 4 x 3 box of the CT's grid whose first
// voxel is the CT's voxel (3, 4, 2). Tumour voxels hold 1, a vessel 2.
constexpr std::int64_t kOffset[3] = {3, 4, 2};
drs::LabelMap croppedBox() {
    drs::Geometry g = imageGrid();
    g.sizeXyz = {5, 4, 3};
    for (int a = 0; a < 3; ++a) g.originMm[a] += static_cast<double>(kOffset[a]) * g.spacingMm[a];
    drs::LabelMap box(g, 0);
    for (std::int64_t z = 0; z < 3; ++z)
        for (std::int64_t y = 1; y < 3; ++y)
            for (std::int64_t x = 1; x < 4; ++x) box.at(x, y, z) = 1;
    box.at(0, 0, 0) = 2;
    box.at(4, 3, 2) = 2;
    return box;
}

std::size_t count(const drs::LabelMap& labels, std::uint16_t value) {
    return static_cast<std::size_t>(std::count(labels.voxels.begin(), labels.voxels.end(), value));
}

// Every voxel of the read mask against the box moved by the offset, selecting value (0: all).
void expectPlaced(const drs::LabelMap& read, const drs::LabelMap& box, std::uint16_t value) {
    QCOMPARE(read.geometry.sizeXyz, imageGrid().sizeXyz);
    for (std::int64_t z = 0; z < 6; ++z)
        for (std::int64_t y = 0; y < 16; ++y)
            for (std::int64_t x = 0; x < 20; ++x) {
                const std::int64_t bx = x - kOffset[0], by = y - kOffset[1], bz = z - kOffset[2];
                const std::uint16_t stored = box.geometry.contains(bx, by, bz) ? box.at(bx, by, bz) : 0;
                const std::uint16_t expected = value == 0 ? stored : (stored == value ? 1 : 0);
                if (read.at(x, y, z) != expected)
                    QFAIL(qPrintable(QStringLiteral("voxel (%1, %2, %3): %4, expected %5")
                                         .arg(x)
                                         .arg(y)
                                         .arg(z)
                                         .arg(read.at(x, y, z))
                                         .arg(expected)));
            }
}

std::string errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const drs::Error& e) {
        return e.what();
    }
    return {};
}

}  // namespace

class SlicerSegmentationTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const char* name) const { return dir_.filePath(QString::fromUtf8(name)).toStdString(); }

private slots:
    void aCroppedSegmentationIsPlacedOnTheImageGridByName() {
        const std::string file = path("Segmentation.seg.nrrd");
        const drs::LabelMap box = croppedBox();
        writeSlicerSegmentation(file, {box}, {{"Tumour", 1, 0}, {"Vessel", 2, 0}});
        QVERIFY(drs::isSlicerSegmentation(file));
        QCOMPARE(drs::maskRoiNames(file), (std::vector<std::string>{"Tumour", "Vessel"}));

        const drs::MaskOnGrid tumour = drs::readMaskOnGrid(file, "Tumour", imageGrid());
        QCOMPARE(tumour.kind, std::string("labelmap"));
        QVERIFY(tumour.oneRoi);
        QCOMPARE(count(tumour.labels, 1), std::size_t(3 * 2 * 3));
        expectPlaced(tumour.labels, box, 1);
        const drs::MaskOnGrid vessel = drs::readMaskOnGrid(file, "Vessel", imageGrid());
        QCOMPARE(count(vessel.labels, 1), std::size_t(2));
        expectPlaced(vessel.labels, box, 2);
        QCOMPARE(vessel.labels.at(3, 4, 2), std::uint16_t(1));
        QCOMPARE(vessel.labels.at(7, 7, 4), std::uint16_t(1));

        // No name: the shared layer as stored, each segment under its own value.
        const drs::MaskOnGrid both = drs::readMaskOnGrid(file, "", imageGrid());
        QVERIFY(!both.oneRoi);
        expectPlaced(both.labels, box, 0);
    }

    void aSegmentationOnTheImagesOwnGridIsReadAsIs() {
        const std::string file = path("full.seg.nrrd");
        drs::LabelMap full(imageGrid(), 0);
        full.at(0, 0, 0) = 5;
        full.at(19, 15, 5) = 5;
        writeSlicerSegmentation(file, {full}, {{"GTV", 5, 0}});
        const drs::MaskOnGrid gtv = drs::readMaskOnGrid(file, "", imageGrid());
        QVERIFY(gtv.oneRoi);
        QCOMPARE(count(gtv.labels, 1), std::size_t(2));
        QCOMPARE(gtv.labels.at(19, 15, 5), std::uint16_t(1));
    }

    void overlappingSegmentsAreReadFromTheirLayers() {
        const std::string file = path("layers.seg.nrrd");
        const drs::LabelMap box = croppedBox();
        drs::LabelMap tumour = box, lobe = box;
        for (auto& v : tumour.voxels) v = v == 1 ? 1 : 0;
        for (auto& v : lobe.voxels) v = 3;  // the whole box, over the tumour
        writeSlicerSegmentation(file, {tumour, lobe}, {{"Tumour", 1, 0}, {"Lobe", 3, 1}});
        QCOMPARE(drs::readLabelLayers(file).size(), std::size_t(2));
        expectPlaced(drs::readSlicerSegmentation(file, "Tumour", imageGrid()), box, 1);
        QCOMPARE(count(drs::readSlicerSegmentation(file, "Lobe", imageGrid()), 1), std::size_t(5 * 4 * 3));
        const std::string why = errorOf([&] { drs::readSlicerSegmentation(file, "", imageGrid()); });
        QVERIFY2(why.find(file + ": holds 2 overlapping segments ('Tumour', 'Lobe'); choose one by name") == 0,
                 why.c_str());
    }

    void segmentsWithoutLabelValuesAreOnePerLayer() {
        // Slicer before 4.11: no _LabelValue or _Layer; segment i is layer i, stored as 1.
        const std::string file = path("legacy.seg.nrrd");
        const drs::LabelMap box = croppedBox();
        drs::LabelMap first = box, second = box;
        for (auto& v : first.voxels) v = v == 1 ? 1 : 0;
        for (auto& v : second.voxels) v = v == 2 ? 1 : 0;
        writeSlicerSegmentation(file, {first, second}, {{"Tumour", -1, 0}, {"Vessel", -1, 0}});
        expectPlaced(drs::readSlicerSegmentation(file, "Tumour", imageGrid()), box, 1);
        expectPlaced(drs::readSlicerSegmentation(file, "Vessel", imageGrid()), box, 2);
    }

    void aHeaderInRasCoordinatesLandsOnTheSameVoxels() {
        const std::string file = path("ras.seg.nrrd");
        const drs::LabelMap box = croppedBox();
        writeSlicerSegmentation(file, {box}, {{"Tumour", 1, 0}, {"Vessel", 2, 0}}, true);
        expectPlaced(drs::readSlicerSegmentation(file, "Tumour", imageGrid()), box, 1);
    }

    void whatDoesNotFitIsRefusedNamingTheFile() {
        const drs::LabelMap box = croppedBox();
        const std::vector<SlicerSegmentSpec> segments = {{"Tumour", 1, 0}, {"Vessel", 2, 0}};

        const std::string unknown = path("unknown.seg.nrrd");
        writeSlicerSegmentation(unknown, {box}, segments);
        std::string why = errorOf([&] { drs::readSlicerSegmentation(unknown, "GTV", imageGrid()); });
        QCOMPARE(why, unknown + ": has no segment named 'GTV' (its segments: 'Tumour', 'Vessel')");

        const std::string half = path("half.seg.nrrd");
        drs::LabelMap shifted = box;
        shifted.geometry.originMm[1] += 0.4;  // half a voxel
        writeSlicerSegmentation(half, {shifted}, segments);
        why = errorOf([&] { drs::readSlicerSegmentation(half, "Tumour", imageGrid()); });
        QVERIFY2(why.find(half + ": mask does not match the image: its voxel centres fall between the image's "
                                 "(4.5 voxels along image axis 1)") == 0,
                 why.c_str());

        const std::string fine = path("fine.seg.nrrd");
        drs::LabelMap resampled = box;
        resampled.geometry.spacingMm[2] = 1.25;
        writeSlicerSegmentation(fine, {resampled}, segments);
        why = errorOf([&] { drs::readSlicerSegmentation(fine, "Tumour", imageGrid()); });
        QVERIFY2(why.find(fine + ": mask does not match the image: its spacing or axes differ") == 0, why.c_str());

        const std::string beyond = path("beyond.seg.nrrd");
        drs::LabelMap outside = box;
        outside.geometry.originMm[0] += 16 * outside.geometry.spacingMm[0];  // first voxel at the CT's x = 19
        writeSlicerSegmentation(beyond, {outside}, segments);
        why = errorOf([&] { drs::readSlicerSegmentation(beyond, "Tumour", imageGrid()); });
        QVERIFY2(why.find(beyond + ": mask does not match the image: 18 labelled voxels lie outside the image") == 0,
                 why.c_str());

        const std::string empty = path("empty.seg.nrrd");
        writeSlicerSegmentation(empty, {box}, {{"Tumour", 1, 0}, {"Nodule", 4, 0}});
        why = errorOf([&] { drs::readSlicerSegmentation(empty, "Nodule", imageGrid()); });
        QCOMPARE(why, empty + ": segment 'Nodule' is empty (no voxel holds its value 4)");
    }

    // What a study opened without a mask is offered: the .seg.nrrd files in a study folder and its
    // subfolders (any case of the extension), or only beside an image file; those that do not fit
    // the image grid, or cannot be read, carry why and no names. The header's geometry is the one
    // written.
    void theSegmentationsKeptWithAStudyAreDescribedFromTheirHeaders() {
        const QDir study(dir_.filePath(QStringLiteral("study")));
        QVERIFY(study.mkpath(QStringLiteral("Slicer")));
        const auto in = [&](const char* name) { return study.filePath(QString::fromUtf8(name)).toStdString(); };
        const drs::LabelMap box = croppedBox();
        writeSlicerSegmentation(in("Slicer/Segmentation.seg.nrrd"), {box}, {{"Tumour", 1, 0}, {"Vessel", 2, 0}});
        writeSlicerSegmentation(in("Upper.SEG.NRRD"), {box}, {{"GTV", 1, 0}}, true);
        drs::LabelMap shifted = box;
        shifted.geometry.originMm[1] += 0.4;  // half a voxel
        writeSlicerSegmentation(in("half.seg.nrrd"), {shifted}, {{"Tumour", 1, 0}});
        std::ofstream(in("broken.seg.nrrd")) << "not an NRRD file";
        drs::writeLabelMap(box, in("mask.nrrd"));

        const drs::Geometry header = drs::readImageGeometry(in("Slicer/Segmentation.seg.nrrd"));
        QCOMPARE(header.sizeXyz, box.geometry.sizeXyz);
        for (int a = 0; a < 3; ++a) {
            QVERIFY(std::abs(header.spacingMm[a] - box.geometry.spacingMm[a]) < 1e-12);
            QVERIFY(std::abs(header.originMm[a] - box.geometry.originMm[a]) < 1e-12);
        }
        QCOMPARE(header.direction, box.geometry.direction);

        const auto folder = drs::slicerSegmentationsOf(study.absolutePath().toStdString(), imageGrid());
        QCOMPARE(folder.size(), std::size_t(4));
        QCOMPARE(folder[0].path, in("Slicer/Segmentation.seg.nrrd"));
        QCOMPARE(folder[0].segmentNames, (std::vector<std::string>{"Tumour", "Vessel"}));
        QVERIFY(folder[0].problem.empty());
        QCOMPARE(folder[1].path, in("Upper.SEG.NRRD"));
        QCOMPARE(folder[1].segmentNames, std::vector<std::string>{"GTV"});
        QCOMPARE(folder[2].path, in("broken.seg.nrrd"));
        QVERIFY(folder[2].segmentNames.empty());
        QVERIFY2(folder[2].problem.find(in("broken.seg.nrrd") + ": ") == 0, folder[2].problem.c_str());
        QCOMPARE(folder[3].path, in("half.seg.nrrd"));
        QVERIFY(folder[3].segmentNames.empty());
        QCOMPARE(folder[3].problem, in("half.seg.nrrd") +
                                        ": its voxels are not the image's: its voxel centres fall "
                                        "between the image's (4.5 voxels along image axis 1)");

        const auto beside = drs::slicerSegmentationsOf(in("CT.nrrd"), imageGrid());
        QCOMPARE(beside.size(), std::size_t(3));
        QCOMPARE(beside[0].path, in("Upper.SEG.NRRD"));
    }

    void aPlainLabelMapNamesNoRoiAndIsCarriedOntoTheGridExactly() {
        const std::string file = path("mask.nrrd");
        const drs::LabelMap box = croppedBox();
        drs::writeLabelMap(box, file);
        QVERIFY(!drs::isSlicerSegmentation(file));
        QVERIFY(drs::maskRoiNames(file).empty());
        drs::MaskOnGrid mask = drs::readMaskOnGrid(file, "", imageGrid());
        QVERIFY(!mask.oneRoi);
        expectPlaced(mask.labels, box, 0);

        // Rows stored bottom to top, as NIfTI converters such as dcm2niix often write a CT: the y axis
        // reversed, the origin at the last row.
        drs::LabelMap flipped = box;
        flipped.geometry.direction = {1, 0, 0, 0, -1, 0, 0, 0, 1};
        flipped.geometry.originMm[1] += 3 * flipped.geometry.spacingMm[1];
        for (std::int64_t z = 0; z < 3; ++z)
            for (std::int64_t y = 0; y < 4; ++y)
                for (std::int64_t x = 0; x < 5; ++x) flipped.at(x, y, z) = box.at(x, 3 - y, z);
        const std::string flippedFile = path("flipped.nii.gz");
        drs::writeLabelMap(flipped, flippedFile);
        expectPlaced(drs::readMaskOnGrid(flippedFile, "", imageGrid()).labels, box, 0);

        // Axes swapped (x and y), which also changes which spacing goes with which axis.
        drs::LabelMap swapped = box;
        swapped.geometry.sizeXyz = {4, 5, 3};
        swapped.geometry.spacingMm = {0.8, 0.7, 2.5};
        swapped.geometry.direction = {0, 1, 0, 1, 0, 0, 0, 0, 1};
        for (std::int64_t z = 0; z < 3; ++z)
            for (std::int64_t y = 0; y < 5; ++y)
                for (std::int64_t x = 0; x < 4; ++x) swapped.at(x, y, z) = box.at(y, x, z);
        const std::string swappedFile = path("swapped.nrrd");
        drs::writeLabelMap(swapped, swappedFile);
        expectPlaced(drs::readMaskOnGrid(swappedFile, "", imageGrid()).labels, box, 0);

        // Half a voxel off: refused, saying what differs.
        drs::LabelMap shifted = box;
        shifted.geometry.originMm[0] += 0.35;
        drs::writeLabelMap(shifted, file);
        const std::string why = errorOf([&] { drs::readMaskOnGrid(file, "", imageGrid()); });
        QVERIFY2(why.find(file + ": mask does not match the image: size 5x4x3") == 0, why.c_str());
        drs::LabelMap full(imageGrid(), 0);
        full.at(2, 2, 2) = 7;
        drs::writeLabelMap(full, file);
        mask = drs::readMaskOnGrid(file, "", imageGrid());
        QCOMPARE(mask.labels.voxels, full.voxels);
    }
};

QTEST_GUILESS_MAIN(SlicerSegmentationTest)
#include "test_slicer_segmentation.moc"
