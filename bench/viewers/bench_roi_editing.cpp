// Frame and edit times of the ROI editor on a 512 x 512 x 300 CT-sized volume (synthetic, in
// memory): slice rendering while scrolling, a whole slice-view frame at fit and zoomed, one brush
// step of a drag (paint + re-render of the three views), a polygon fill, fill between slices over
// a 10-slice gap, and undo. Prints the median of N runs of each, in ms, measured side by side in one
// process. Run with QT_QPA_PLATFORM=offscreen: bench_roi_editing [runs]
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QUndoStack>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "core/roi/MaskEdit.h"
#include "viewers/MaskEditor.h"
#include "viewers/SliceView.h"

using namespace drs;
using namespace drs::viewers;

namespace {

double medianMs(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    const int runs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 21;
    Geometry g;
    g.sizeXyz = {512, 512, 300};
    g.spacingMm = {0.7, 0.7, 1.0};
    auto volume = std::make_shared<Volume>(g);
    for (std::int64_t z = 0; z < 300; ++z)
        for (std::int64_t y = 0; y < 512; ++y)
            for (std::int64_t x = 0; x < 512; ++x)
                volume->at(x, y, z) = std::hypot(x - 256.0, y - 256.0) < 200
                                          ? static_cast<float>((x * 7 + y * 3 + z) % 400 - 900)
                                          : -1000.0f;
    auto mask = std::make_shared<LabelMap>(g, 0);
    for (std::int64_t z = 130; z < 170; ++z)
        for (std::int64_t y = 0; y < 512; ++y)
            for (std::int64_t x = 0; x < 512; ++x)
                if (std::hypot(x - 300.0, y - 240.0) < 40) mask->at(x, y, z) = 1;
    auto ring = std::make_shared<LabelMap>(g, 0);
    const std::vector<OverlayLayer> overlays = {{mask, 1, QColor(230, 40, 40), 0.45},
                                                {ring, 0, QColor(250, 200, 30), 0.4}};

    MaskEditor editor;
    editor.setTarget(volume, mask, 1);
    SliceView axial(SliceOrientation::Axial), coronal(SliceOrientation::Coronal), sagittal(SliceOrientation::Sagittal);
    for (SliceView* view : {&axial, &coronal, &sagittal}) {
        view->resize(600, 600);
        view->setVolume(volume);
        view->setOverlays(overlays);
        view->setMaskEditor(&editor);
    }
    QImage frame(600, 600, QImage::Format_RGB32);
    const auto drawFrame = [&](SliceView& view) {
        view.refresh();
        QPainter painter(&frame);
        view.render(&painter);
    };

    std::int64_t slice = 0;
    const double renderAxial = medianMs(runs, [&] {
        axial.setSlice(slice++ % 300);
        axial.sliceImage();
    });
    const double renderCoronal = medianMs(runs, [&] {
        coronal.setSlice(slice++ % 512);
        coronal.sliceImage();
    });
    axial.setSlice(150);
    const double frameFit = medianMs(runs, [&] { drawFrame(axial); });
    axial.zoomBy(2.5, QPointF(350, 280));
    const double frameZoomed = medianMs(runs, [&] { drawFrame(axial); });
    axial.resetView();

    editor.setBrushRadiusMm(5.0);
    std::int64_t x = 200;
    const double brushStep = medianMs(runs, [&] {
        editor.beginStroke(EditMode::Paint);
        editor.strokeSegment(axial.sliceAxes(), {x, 240, 150}, {x + 4, 240, 150});
        editor.endStroke();
        x += 4;
        for (SliceView* view : {&axial, &coronal, &sagittal}) drawFrame(*view);
    });
    const double undo = medianMs(runs,
                                 [&] {
                                     editor.undoStack()->undo();
                                     editor.undoStack()->redo();
                                 }) /
                        2;
    std::vector<std::array<double, 2>> circle;
    for (int i = 0; i < 100; ++i)
        circle.push_back({250 + 30 * std::cos(i * 2 * M_PI / 100), 250 + 30 * std::sin(i * 2 * M_PI / 100)});
    const double polygon = medianMs(runs, [&] { editor.fillPolygon(axial.sliceAxes(), 100, circle); });
    // Erase 10 slices of the 40-slice tumour, then fill them back between slices.
    const double interpolate = medianMs(std::max(3, runs / 4), [&] {
        for (std::int64_t z = 145; z < 155; ++z)
            for (std::int64_t y = 0; y < 512; ++y)
                for (std::int64_t xx = 0; xx < 512; ++xx) mask->at(xx, y, z) = 0;
        interpolateBetweenSlices(*mask, 2, 1);
    });

    std::printf("operation (512 x 512 x 300, view 600 x 600 px)  median ms\n");
    std::printf("render axial slice (scroll)                     %8.2f\n", renderAxial);
    std::printf("render coronal slice (scroll)                   %8.2f\n", renderCoronal);
    std::printf("slice view frame, fitted                        %8.2f\n", frameFit);
    std::printf("slice view frame, zoomed 2.5x                   %8.2f\n", frameZoomed);
    std::printf("brush step (r 5 mm) + 3 views re-rendered       %8.2f\n", brushStep);
    std::printf("undo or redo of one stroke                      %8.2f\n", undo);
    std::printf("polygon fill (100 corners, r 21 mm)             %8.2f\n", polygon);
    std::printf("fill between slices over a 10-slice gap         %8.2f\n", interpolate);
    return 0;
}
