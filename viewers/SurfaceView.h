#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include <QColor>

#include "core/image/Grid.h"
#include "viewers/VtkOpenGLWidget.h"

namespace drs::viewers {

// One region shown as a smooth iso-surface: voxels equal to label (any non-zero when 0).
struct SurfaceLayer {
    std::shared_ptr<const LabelMap> labels;
    std::uint16_t label = 0;
    QColor colour;
    double opacity = 1.0;
};

// 3D view of label surfaces in patient space (LPS mm), looked at from the front (anterior) with
// superior up. Surfaces come from flying edges on the label's bounding box, padded so that
// regions touching the image border still close.
class SurfaceView : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit SurfaceView(QWidget* parent = nullptr);
    ~SurfaceView() override;

    enum class Camera { Reset, Keep };
    // Replaces the shown surfaces. Reset looks at them from the front; Keep leaves the user's view
    // (for edits of the same region).
    void setSurfaces(const std::vector<SurfaceLayer>& layers, Camera camera = Camera::Reset);
    // Triangles per layer of the last setSurfaces (0 for an empty region).
    const std::vector<std::size_t>& triangleCounts() const { return triangleCounts_; }

private:
    std::vector<std::size_t> triangleCounts_;
};

}  // namespace drs::viewers
