#include "viewers/SliceView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

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
    editableMask_.reset();
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

void SliceView::setEditableMask(std::shared_ptr<LabelMap> mask, std::uint16_t label) {
    editableMask_ = std::move(mask);
    editLabel_ = label;
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
    refresh();
    emit sliceChanged(slice_);
}

void SliceView::setCursorVoxel(const std::array<std::int64_t, 3>& indexXyz) {
    if (!volume_ || !volume_->geometry.contains(indexXyz[0], indexXyz[1], indexXyz[2])) return;
    cursorXyz_ = indexXyz;
    setSlice(indexXyz[plane_.normalAxis]);
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
    const double scale = std::min(width() / extentMm.width(), height() / extentMm.height());
    const QSizeF shown = extentMm * scale;
    return {QPointF((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown};
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
    painter.drawImage(target, sliceImage());

    const QPointF cross = widgetPointOf(cursorXyz_);
    painter.setPen(QPen(QColor(0, 200, 255, 160), 1));
    painter.drawLine(QPointF(target.left(), cross.y()), QPointF(target.right(), cross.y()));
    painter.drawLine(QPointF(cross.x(), target.top()), QPointF(cross.x(), target.bottom()));

    // A dark plate keeps the caption readable over bright anatomy.
    const QString caption = tr("%1  %2/%3").arg(orientationName()).arg(slice_ + 1).arg(plane_.sliceCount());
    const QRect captionRect =
        fontMetrics().boundingRect(caption).adjusted(-4, -2, 4, 2).translated(8, 6 + fontMetrics().ascent());
    painter.fillRect(captionRect, QColor(0, 0, 0, 150));
    painter.setPen(QColor(230, 230, 230));
    painter.drawText(captionRect, Qt::AlignCenter, caption);
}

void SliceView::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 120;
    if (steps != 0) setSlice(slice_ + steps);
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
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void SliceView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::RightButton) {
        windowDragStart_ = event->position();
        windowAtDragStart_ = window_;
        return;
    }
    handlePointer(event->position(), event->buttons());
}

void SliceView::mouseMoveEvent(QMouseEvent* event) {
    if (const auto voxel = voxelAt(event->position()))
        emit voxelHovered(*voxel, volume_->at((*voxel)[0], (*voxel)[1], (*voxel)[2]));
    if (windowDragStart_ && (event->buttons() & Qt::RightButton)) {
        const QPointF moved = event->position() - *windowDragStart_;
        setWindowLevel({std::max(1.0, windowAtDragStart_.widthHu + moved.x() * kWidthHuPerPixel),
                        windowAtDragStart_.levelHu + moved.y() * kLevelHuPerPixel});
        emit windowLevelDragged(window_);
        return;
    }
    handlePointer(event->position(), event->buttons());
}

void SliceView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::RightButton) windowDragStart_.reset();
}

void SliceView::handlePointer(const QPointF& position, Qt::MouseButtons buttons) {
    if (!(buttons & Qt::LeftButton)) return;
    const auto voxel = voxelAt(position);
    if (!voxel) return;
    if (tool_ == Tool::Navigate || !editableMask_) {
        cursorXyz_ = *voxel;
        update();
        emit cursorVoxelPicked(*voxel);
        return;
    }
    const BrushMode mode = tool_ == Tool::Paint ? BrushMode::Paint : BrushMode::Erase;
    if (applyBrush(*editableMask_, plane_, *voxel, brushRadiusMm_, mode, editLabel_) > 0) {
        refresh();
        emit maskEdited();
    }
}

}  // namespace drs::viewers
