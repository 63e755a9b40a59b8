#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <QObject>

#include "core/image/Grid.h"
#include "core/roi/MaskEdit.h"

class QUndoStack;

namespace drs::viewers {

// The editing model between the slice views and the mask (ITK-SNAP's split of logic and GUI):
// holds the mask being edited, the label, the brush size and the HU limit, applies the core edit
// operations, and keeps every edit on an undo stack. A brush stroke from press to release is one
// undo step, as is a polygon fill or a fill between slices. Undo and redo change the same mask
// object the views show.
class MaskEditor : public QObject {
    Q_OBJECT
public:
    explicit MaskEditor(QObject* parent = nullptr);
    ~MaskEditor() override;

    // What to edit: the mask (the image's grid), the label strokes paint, and the image for the HU
    // limit. A new target clears the undo history.
    void setTarget(std::shared_ptr<const Volume> image, std::shared_ptr<LabelMap> mask, std::uint16_t label);
    std::shared_ptr<LabelMap> mask() const { return mask_; }
    std::uint16_t label() const { return label_; }
    bool hasTarget() const { return mask_ != nullptr; }

    void setBrushRadiusMm(double radiusMm) { brushRadiusMm_ = radiusMm; }
    double brushRadiusMm() const { return brushRadiusMm_; }
    // Paint and fill only voxels with lowHu <= HU <= highHu; nullopt: no limit.
    void setHuRange(std::optional<std::array<double, 2>> range) { huRange_ = range; }
    std::optional<std::array<double, 2>> huRange() const { return huRange_; }

    void beginStroke(EditMode mode);
    // The brush dragged from one voxel to the next on a slice (from == to: one dab).
    void strokeSegment(const SliceAxes& axes, const std::array<std::int64_t, 3>& fromXyz,
                       const std::array<std::int64_t, 3>& toXyz);
    void endStroke();
    bool inStroke() const { return stroke_.has_value(); }

    // Fills the polygon (continuous index coordinates on the slice's column and row axes).
    void fillPolygon(const SliceAxes& axes, std::int64_t slice, const std::vector<std::array<double, 2>>& vertices);
    // Fill between slices along the axis of the last edited view (axial before any edit).
    // Returns how many voxels it filled.
    std::size_t interpolate();
    int lastNormalAxis() const { return lastNormalAxis_; }

    QUndoStack* undoStack() const { return undoStack_; }

signals:
    // Mask voxels changed (an edit, an undo or a redo).
    void maskChanged();

private:
    friend class MaskEditCommand;
    PaintRule ruleFor(EditMode mode) const;
    void push(MaskChange change, const QString& text);

    std::shared_ptr<const Volume> image_;
    std::shared_ptr<LabelMap> mask_;
    std::uint16_t label_ = 1;
    double brushRadiusMm_ = 3.0;
    std::optional<std::array<double, 2>> huRange_;
    int lastNormalAxis_ = 2;
    struct Stroke {
        EditMode mode;
        MaskChange change;
    };
    std::optional<Stroke> stroke_;
    QUndoStack* undoStack_ = nullptr;
};

}  // namespace drs::viewers
