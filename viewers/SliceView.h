#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <QImage>
#include <QWidget>

#include "core/image/Grid.h"
#include "viewers/MaskBrush.h"
#include "viewers/SlicePlane.h"
#include "viewers/WindowLevel.h"

namespace drs::viewers {

// One 2D view through a volume (axial, coronal or sagittal) drawn with QPainter, so it works
// without OpenGL. Keeps the physical aspect ratio of anisotropic voxels, scrolls with the wheel
// and arrow/page keys, shows a crosshair at the shared cursor voxel, can paint or erase the
// editable mask with a round brush, and adjusts the window by dragging with the right button
// (right: wider by kWidthHuPerPixel, down: level up by kLevelHuPerPixel).
class SliceView : public QWidget {
    Q_OBJECT
public:
    enum class Tool { Navigate, Paint, Erase };
    static constexpr double kWidthHuPerPixel = 4.0;
    static constexpr double kLevelHuPerPixel = 2.0;

    explicit SliceView(SliceOrientation orientation, QWidget* parent = nullptr);

    void setVolume(std::shared_ptr<const Volume> volume);
    void setOverlays(std::vector<OverlayLayer> overlays);
    void setWindowLevel(const WindowLevel& window);
    // The mask the brush edits (same geometry as the volume) and the label it paints.
    void setEditableMask(std::shared_ptr<LabelMap> mask, std::uint16_t label);
    void setTool(Tool tool) { tool_ = tool; }
    void setBrushRadiusMm(double radiusMm) { brushRadiusMm_ = radiusMm; }

    SliceOrientation orientation() const { return orientation_; }
    const SlicePlane& plane() const { return plane_; }
    std::int64_t slice() const { return slice_; }
    std::int64_t sliceCount() const { return volume_ ? plane_.sliceCount() : 0; }
    const WindowLevel& windowLevel() const { return window_; }
    std::array<std::int64_t, 3> cursorVoxel() const { return cursorXyz_; }

    // The slice as displayed (grey + overlays), one pixel per voxel.
    QImage sliceImage();
    // Where the slice image is drawn inside the widget (aspect ratio of the slice in mm).
    QRectF imageRect() const;
    std::optional<std::array<std::int64_t, 3>> voxelAt(const QPointF& widgetPoint) const;
    QPointF widgetPointOf(const std::array<std::int64_t, 3>& indexXyz) const;

public slots:
    void setSlice(std::int64_t slice);
    // Moves the crosshair to a voxel and shows the slice through it (from a linked view).
    void setCursorVoxel(const std::array<std::int64_t, 3>& indexXyz);
    // Re-renders after someone else changed the overlay or mask voxels.
    void refresh();

signals:
    void sliceChanged(std::int64_t slice);
    // The user placed the crosshair here (click or drag with the navigate tool).
    void cursorVoxelPicked(const std::array<std::int64_t, 3>& indexXyz);
    void voxelHovered(const std::array<std::int64_t, 3>& indexXyz, float value);
    void maskEdited();
    // The user dragged the window; linked views should follow.
    void windowLevelDragged(const drs::viewers::WindowLevel& window);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void handlePointer(const QPointF& position, Qt::MouseButtons buttons);
    QString orientationName() const;

    SliceOrientation orientation_;
    std::shared_ptr<const Volume> volume_;
    std::vector<OverlayLayer> overlays_;
    std::shared_ptr<LabelMap> editableMask_;
    std::uint16_t editLabel_ = 1;
    WindowLevel window_ = windowFor(WindowPreset::Lung);
    SlicePlane plane_;
    std::int64_t slice_ = 0;
    std::array<std::int64_t, 3> cursorXyz_{0, 0, 0};
    Tool tool_ = Tool::Navigate;
    double brushRadiusMm_ = 3.0;
    std::optional<QPointF> windowDragStart_;
    WindowLevel windowAtDragStart_;
    QImage cachedImage_;
    bool imageStale_ = true;
};

}  // namespace drs::viewers
