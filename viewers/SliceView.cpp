#include "viewers/SliceView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "viewers/MaskEditor.h"

namespace drs::viewers {

SliceView::SliceView(SliceOrientation orientation, QWidget* parent) : QWidget(parent), orientation_(orientation) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(160, 160);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void SliceView::setVolume(std::shared_ptr<const Volume> volume) {
    volume_ = std::move(volume);
    overlays_.clear();
    outline_.clear();
    zoom_ = 1.0;
    pan_ = {};
    if (volume_) {
        plane_ = slicePlaneFor(volume_->geometry, orientation_);
        const auto& size = volume_->geometry.sizeXyz;
        cursorXyz_ = {size[0] / 2, size[1] / 2, size[2] / 2};
        slice_ = cursorXyz_[plane_.normalAxis];
    }
    refresh();
}

void SliceView::setOverlays(std::vector<OverlayLayer> overlays) {
    overlays_ = std::move(overlays);
    refresh();
}

void SliceView::setWindowLevel(const WindowLevel& window) {
    window_ = window;
    refresh();
}

void SliceView::setMaskEditor(MaskEditor* editor) { editor_ = editor; }

void SliceView::setTool(Tool tool) {
    if (tool_ == tool) return;
    tool_ = tool;
    cancelOutline();
    setCursor(tool == Tool::Navigate || tool == Tool::WindowLevel ? Qt::ArrowCursor : Qt::CrossCursor);
    update();
}

void SliceView::refresh() {
    imageStale_ = true;
    update();
}

void SliceView::setSlice(std::int64_t slice) {
    if (!volume_) return;
    slice = std::clamp<std::int64_t>(slice, 0, plane_.sliceCount() - 1);
    if (slice == slice_) return;
    slice_ = slice;
    cursorXyz_[plane_.normalAxis] = slice;
    outline_.clear();  // an outline belongs to the slice it was drawn on
    refresh();
    emit sliceChanged(slice_);
}

void SliceView::setCursorVoxel(const std::array<std::int64_t, 3>& indexXyz) {
    if (!volume_ || !volume_->geometry.contains(indexXyz[0], indexXyz[1], indexXyz[2])) return;
    cursorXyz_ = indexXyz;
    setSlice(indexXyz[plane_.normalAxis]);
    update();
}

void SliceView::zoomBy(double factor, const QPointF& about) {
    if (!volume_) return;
    const double zoom = std::clamp(zoom_ * factor, 1.0 / 4.0, kMaxZoom);
    // The image point under `about` stays there: centre' = about + (centre - about) * ratio.
    const QPointF widgetCentre(width() / 2.0, height() / 2.0);
    const QPointF centre = widgetCentre + pan_;
    const double ratio = zoom / zoom_;
    pan_ = about + (centre - about) * ratio - widgetCentre;
    zoom_ = zoom;
    update();
}

void SliceView::resetView() {
    zoom_ = 1.0;
    pan_ = {};
    update();
}

QImage SliceView::sliceImage() {
    if (imageStale_ && volume_) {
        cachedImage_ = renderSlice(*volume_, plane_, slice_, window_, overlays_);
        imageStale_ = false;
    }
    return cachedImage_;
}

QRectF SliceView::imageRect() const {
    if (!volume_) return {};
    const QSizeF extentMm = plane_.extentMm();
    const double scale = std::min(width() / extentMm.width(), height() / extentMm.height()) * zoom_;
    const QSizeF shown = extentMm * scale;
    const QPointF centre = QPointF(width() / 2.0, height() / 2.0) + pan_;
    return {centre - QPointF(shown.width() / 2, shown.height() / 2), shown};
}

std::array<double, 2> SliceView::sliceCoordinatesAt(const QPointF& widgetPoint) const {
    const QRectF rect = imageRect();
    const double u = (widgetPoint.x() - rect.left()) / rect.width() * plane_.columnCount() - 0.5;
    const double v = (widgetPoint.y() - rect.top()) / rect.height() * plane_.rowCount() - 0.5;
    return {plane_.flipColumns ? plane_.columnCount() - 1 - u : u, plane_.flipRows ? plane_.rowCount() - 1 - v : v};
}

std::optional<std::array<std::int64_t, 3>> SliceView::voxelAt(const QPointF& widgetPoint) const {
    const QRectF rect = imageRect();
    if (rect.isEmpty() || !rect.contains(widgetPoint)) return std::nullopt;
    const int column = std::min(plane_.columnCount() - 1, static_cast<int>((widgetPoint.x() - rect.left()) /
                                                                           rect.width() * plane_.columnCount()));
    const int row = std::min(plane_.rowCount() - 1,
                             static_cast<int>((widgetPoint.y() - rect.top()) / rect.height() * plane_.rowCount()));
    return plane_.voxelAt(slice_, column, row);
}

QPointF SliceView::widgetPointOf(const std::array<std::int64_t, 3>& indexXyz) const {
    const QRectF rect = imageRect();
    const QPoint pixel = plane_.pixelOf(indexXyz);
    return {rect.left() + (pixel.x() + 0.5) * rect.width() / plane_.columnCount(),
            rect.top() + (pixel.y() + 0.5) * rect.height() / plane_.rowCount()};
}

QString SliceView::orientationName() const {
    switch (orientation_) {
    case SliceOrientation::Axial: return tr("Axial");
    case SliceOrientation::Coronal: return tr("Coronal");
    case SliceOrientation::Sagittal: return tr("Sagittal");
    }
    return {};
}

void SliceView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    painter.setPen(QColor(230, 230, 230));
    if (!volume_) {
        painter.drawText(rect(), Qt::AlignCenter, orientationName());
        return;
    }
    const QRectF target = imageRect();
    // Zoomed in, only the part of the slice inside the widget is scaled and drawn.
    const QRectF visible = target.intersected(QRectF(rect()));
    if (!visible.isEmpty()) {
        const QImage& image = sliceImage();
        const double sx = image.width() / target.width(), sy = image.height() / target.height();
        painter.drawImage(visible, image,
                          QRectF((visible.left() - target.left()) * sx, (visible.top() - target.top()) * sy,
                                 visible.width() * sx, visible.height() * sy));
    }

    const QPointF cross = widgetPointOf(cursorXyz_);
    painter.setPen(QPen(QColor(0, 200, 255, 160), 1));
    painter.drawLine(QPointF(target.left(), cross.y()), QPointF(target.right(), cross.y()));
    painter.drawLine(QPointF(cross.x(), target.top()), QPointF(cross.x(), target.bottom()));
    drawOutline(painter);

    if (pointer_ && editor_ && (tool_ == Tool::Paint || tool_ == Tool::Erase)) {
        // The brush as it will paint: its radius in mm at the current zoom.
        const double pixelsPerMm = target.width() / plane_.extentMm().width();
        const double radius = editor_->brushRadiusMm() * pixelsPerMm;
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(tool_ == Tool::Paint ? QColor(255, 230, 120) : QColor(140, 200, 255), 1.2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(*pointer_, radius, radius);  // the fitted image keeps mm square
    }

    // A dark plate keeps the caption readable over bright anatomy.
    QString caption = tr("%1  %2/%3").arg(orientationName()).arg(slice_ + 1).arg(plane_.sliceCount());
    if (std::abs(zoom_ - 1.0) > 1e-9) caption += tr("  %1x").arg(zoom_, 0, 'f', 1);
    const QRect captionRect =
        fontMetrics().boundingRect(caption).adjusted(-4, -2, 4, 2).translated(8, 6 + fontMetrics().ascent());
    painter.fillRect(captionRect, QColor(0, 0, 0, 150));
    painter.setPen(QColor(230, 230, 230));
    painter.drawText(captionRect, Qt::AlignCenter, caption);
}

void SliceView::drawOutline(QPainter& painter) const {
    if (outline_.empty()) return;
    // Back from index coordinates to widget points.
    const QRectF rect = imageRect();
    const auto widgetPoint = [&](const std::array<double, 2>& p) {
        const double u = plane_.flipColumns ? plane_.columnCount() - 1 - p[0] : p[0];
        const double v = plane_.flipRows ? plane_.rowCount() - 1 - p[1] : p[1];
        return QPointF(rect.left() + (u + 0.5) * rect.width() / plane_.columnCount(),
                       rect.top() + (v + 0.5) * rect.height() / plane_.rowCount());
    };
    QPainterPath path(widgetPoint(outline_.front()));
    for (std::size_t i = 1; i < outline_.size(); ++i) path.lineTo(widgetPoint(outline_[i]));
    if (pointer_ && tool_ == Tool::Polygon) path.lineTo(*pointer_);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(255, 230, 120), 1.5, Qt::DashLine));
    painter.setBrush(QColor(255, 230, 120, 40));
    painter.drawPath(path);
    if (tool_ == Tool::Polygon) {
        painter.setPen(QPen(QColor(255, 230, 120), 1));
        for (const auto& p : outline_) painter.drawEllipse(widgetPoint(p), 2.5, 2.5);
    }
}

void SliceView::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 120;
    if (steps != 0) {
        if (event->modifiers() & Qt::ControlModifier)
            zoomBy(std::pow(kZoomPerWheelStep, steps), event->position());
        else
            setSlice(slice_ + steps);
    }
    event->accept();
}

void SliceView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_PageUp: setSlice(slice_ + 1); break;
    case Qt::Key_Down:
    case Qt::Key_PageDown: setSlice(slice_ - 1); break;
    case Qt::Key_Home: setSlice(0); break;
    case Qt::Key_End: setSlice(plane_.sliceCount() - 1); break;
    case Qt::Key_R: resetView(); break;
    case Qt::Key_Return:
    case Qt::Key_Enter: finishOutline(); break;
    case Qt::Key_Escape: cancelOutline(); break;
    case Qt::Key_Backspace:
        if (!outline_.empty()) outline_.pop_back();
        update();
        break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

bool SliceView::canEdit() const { return volume_ && editor_ && editor_->hasTarget(); }

void SliceView::pickCrosshair(const QPointF& position) {
    const auto voxel = voxelAt(position);
    if (!voxel) return;
    cursorXyz_ = *voxel;
    update();
    emit cursorVoxelPicked(*voxel);
}

void SliceView::mousePressEvent(QMouseEvent* event) {
    if (!volume_) return;
    dragStart_ = dragLast_ = event->position();
    if (event->button() == Qt::RightButton) {
        drag_ = Drag::Zoom;
        return;
    }
    if (event->button() == Qt::MiddleButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier))) {
        drag_ = Drag::Pan;
        return;
    }
    if (event->button() != Qt::LeftButton) return;
    const bool editing = canEdit();
    switch (editing ? tool_ : (tool_ == Tool::WindowLevel ? Tool::WindowLevel : Tool::Navigate)) {
    case Tool::Navigate:
        drag_ = Drag::Crosshair;
        pickCrosshair(event->position());
        break;
    case Tool::WindowLevel:
        drag_ = Drag::Window;
        windowAtDragStart_ = window_;
        break;
    case Tool::Paint:
    case Tool::Erase: {
        drag_ = Drag::Brush;
        editor_->beginStroke(tool_ == Tool::Paint ? EditMode::Paint : EditMode::Erase);
        lastBrushVoxel_ = voxelAt(event->position());
        if (lastBrushVoxel_) editor_->strokeSegment(sliceAxes(), *lastBrushVoxel_, *lastBrushVoxel_);
        break;
    }
    case Tool::Polygon:
        outline_.push_back(sliceCoordinatesAt(event->position()));
        update();
        break;
    case Tool::Freehand:
        drag_ = Drag::Freehand;
        outline_ = {sliceCoordinatesAt(event->position())};
        update();
        break;
    }
}

void SliceView::mouseMoveEvent(QMouseEvent* event) {
    if (!volume_) return;
    pointer_ = event->position();
    if (const auto voxel = voxelAt(event->position()))
        emit voxelHovered(*voxel, volume_->at((*voxel)[0], (*voxel)[1], (*voxel)[2]));
    const QPointF step = event->position() - dragLast_;
    dragLast_ = event->position();
    switch (drag_) {
    case Drag::None: break;
    case Drag::Zoom: zoomBy(std::exp(-step.y() * kZoomPerDragPixel), dragStart_); break;
    case Drag::Pan: pan_ += step; break;
    case Drag::Window: {
        const QPointF moved = event->position() - dragStart_;
        setWindowLevel({std::max(1.0, windowAtDragStart_.widthHu + moved.x() * kWidthHuPerPixel),
                        windowAtDragStart_.levelHu + moved.y() * kLevelHuPerPixel});
        emit windowLevelDragged(window_);
        break;
    }
    case Drag::Crosshair: pickCrosshair(event->position()); break;
    case Drag::Brush: {
        const auto voxel = voxelAt(event->position());
        if (voxel && editor_) {
            editor_->strokeSegment(sliceAxes(), lastBrushVoxel_.value_or(*voxel), *voxel);
            lastBrushVoxel_ = voxel;
        }
        break;
    }
    case Drag::Freehand: outline_.push_back(sliceCoordinatesAt(event->position())); break;
    }
    update();
}

void SliceView::mouseReleaseEvent(QMouseEvent* event) {
    const Drag ended = drag_;
    const bool released = (ended == Drag::Zoom && event->button() == Qt::RightButton) ||
                          (ended == Drag::Pan && event->button() != Qt::RightButton) ||
                          event->button() == Qt::LeftButton;
    if (!released) return;
    drag_ = Drag::None;
    if (ended == Drag::Brush && editor_) {
        editor_->endStroke();
        lastBrushVoxel_.reset();
    }
    if (ended == Drag::Freehand) finishOutline();
}

void SliceView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (tool_ == Tool::Polygon && event->button() == Qt::LeftButton) {
        finishOutline();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void SliceView::leaveEvent(QEvent* event) {
    pointer_.reset();
    update();
    QWidget::leaveEvent(event);
}

void SliceView::finishOutline() {
    std::vector<std::array<double, 2>> outline;
    outline.swap(outline_);
    // A double-click adds its corner twice (press, then double-click): drop repeats.
    outline.erase(std::unique(outline.begin(), outline.end()), outline.end());
    if (outline.size() >= 3 && canEdit()) editor_->fillPolygon(sliceAxes(), slice_, outline);
    update();
}

void SliceView::cancelOutline() {
    outline_.clear();
    update();
}

}  // namespace drs::viewers
