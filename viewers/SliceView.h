#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <QImage>
#include <QPointer>
#include <QWidget>

#include "core/image/Grid.h"
#include "core/roi/MaskEdit.h"
#include "viewers/SlicePlane.h"
#include "viewers/WindowLevel.h"

namespace drs::viewers {

class MaskEditor;

// One 2D view through a volume (axial, coronal or sagittal) drawn with QPainter, so it works
// without OpenGL. Keeps the physical aspect ratio of anisotropic voxels and shows a crosshair at
// the shared cursor voxel. Mouse bindings follow 3D Slicer's slice views: the wheel scrolls
// slices, Ctrl+wheel and right-drag zoom (drag up: in) about the pointer, middle-drag and
// Shift+left-drag pan, R resets the view. The left button does what the tool says: place the
// crosshair, drag the window (right: wider by kWidthHuPerPixel, down: level up by
// kLevelHuPerPixel), paint or erase with the round brush, click a polygon's corners (double-click
// or Enter fills it, Backspace drops the last corner, Escape cancels) or draw a freehand outline
// (filled on release). Edits go through the MaskEditor.
class SliceView : public QWidget {
    Q_OBJECT
public:
    enum class Tool { Navigate, WindowLevel, Paint, Erase, Polygon, Freehand };
    static constexpr double kWidthHuPerPixel = 4.0;
    static constexpr double kLevelHuPerPixel = 2.0;
    static constexpr double kZoomPerWheelStep = 1.2;
    static constexpr double kZoomPerDragPixel = 0.01;  // zoom factor exp(-dy * this)
    static constexpr double kMaxZoom = 64.0;

    explicit SliceView(SliceOrientation orientation, QWidget* parent = nullptr);

    void setVolume(std::shared_ptr<const Volume> volume);
    void setOverlays(std::vector<OverlayLayer> overlays);
    void setWindowLevel(const WindowLevel& window);
    // The editor that brush and outline tools edit through (null: the view cannot edit).
    void setMaskEditor(MaskEditor* editor);
    void setTool(Tool tool);
    Tool tool() const { return tool_; }

    SliceOrientation orientation() const { return orientation_; }
    const SlicePlane& plane() const { return plane_; }
    // The slice's axes for the core edit operations.
    SliceAxes sliceAxes() const { return {plane_.normalAxis, plane_.columnAxis, plane_.rowAxis}; }
    std::int64_t slice() const { return slice_; }
    std::int64_t sliceCount() const { return volume_ ? plane_.sliceCount() : 0; }
    const WindowLevel& windowLevel() const { return window_; }
    std::array<std::int64_t, 3> cursorVoxel() const { return cursorXyz_; }
    double zoom() const { return zoom_; }
    QPointF pan() const { return pan_; }
    // Corners of the polygon being drawn, in continuous index coordinates of the column and row axes.
    const std::vector<std::array<double, 2>>& pendingOutline() const { return outline_; }

    // The slice as displayed (grey + overlays), one pixel per voxel.
    QImage sliceImage();
    // Where the slice image is drawn inside the widget: fitted with the slice's aspect ratio in
    // mm, then zoomed about the widget's centre and panned.
    QRectF imageRect() const;
    std::optional<std::array<std::int64_t, 3>> voxelAt(const QPointF& widgetPoint) const;
    QPointF widgetPointOf(const std::array<std::int64_t, 3>& indexXyz) const;
    // Continuous index coordinates (column axis, row axis) of a widget point; voxel centres are whole.
    std::array<double, 2> sliceCoordinatesAt(const QPointF& widgetPoint) const;

public slots:
    void setSlice(std::int64_t slice);
    // Moves the crosshair to a voxel and shows the slice through it (from a linked view).
    void setCursorVoxel(const std::array<std::int64_t, 3>& indexXyz);
    // Re-renders after someone else changed the overlay or mask voxels.
    void refresh();
    // Zoom factor relative to the fitted image, keeping the widget point `about` where it is.
    void zoomBy(double factor, const QPointF& about);
    void resetView();
    // Fills the polygon being drawn (at least three corners) and starts a new one.
    void finishOutline();
    void cancelOutline();

signals:
    void sliceChanged(std::int64_t slice);
    // The user placed the crosshair here (click or drag with the navigate tool).
    void cursorVoxelPicked(const std::array<std::int64_t, 3>& indexXyz);
    void voxelHovered(const std::array<std::int64_t, 3>& indexXyz, float value);
    // The user dragged the window; linked views should follow.
    void windowLevelDragged(const drs::viewers::WindowLevel& window);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag { None, Zoom, Pan, Window, Brush, Freehand, Crosshair };
    bool canEdit() const;
    void pickCrosshair(const QPointF& position);
    void drawOutline(QPainter& painter) const;
    QString orientationName() const;

    SliceOrientation orientation_;
    std::shared_ptr<const Volume> volume_;
    std::vector<OverlayLayer> overlays_;
    QPointer<MaskEditor> editor_;
    WindowLevel window_ = windowFor(WindowPreset::Lung);
    SlicePlane plane_;
    std::int64_t slice_ = 0;
    std::array<std::int64_t, 3> cursorXyz_{0, 0, 0};
    Tool tool_ = Tool::Navigate;
    double zoom_ = 1.0;
    QPointF pan_;  // widget pixels the image centre is moved from the widget centre
    Drag drag_ = Drag::None;
    QPointF dragStart_, dragLast_;
    WindowLevel windowAtDragStart_;
    std::optional<std::array<std::int64_t, 3>> lastBrushVoxel_;
    std::vector<std::array<double, 2>> outline_;
    std::optional<QPointF> pointer_;  // for the brush circle and the polygon's rubber band
    QImage cachedImage_;
    bool imageStale_ = true;
};

}  // namespace drs::viewers
