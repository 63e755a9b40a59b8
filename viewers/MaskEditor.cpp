#include "viewers/MaskEditor.h"

#include <QUndoStack>

namespace drs::viewers {

// One edit on the undo stack. It is pushed after the edit was applied, so its first redo (which
// QUndoStack::push calls) has nothing to do.
class MaskEditCommand : public QUndoCommand {
public:
    MaskEditCommand(MaskEditor& editor, MaskChange change, const QString& text)
        : QUndoCommand(text), editor_(editor), change_(std::move(change)) {}

    void undo() override {
        undoChange(*editor_.mask_, change_);
        emit editor_.maskChanged();
    }
    void redo() override {
        if (applied_) {
            applied_ = false;
            return;
        }
        redoChange(*editor_.mask_, change_);
        emit editor_.maskChanged();
    }

private:
    MaskEditor& editor_;
    MaskChange change_;
    bool applied_ = true;
};

MaskEditor::MaskEditor(QObject* parent) : QObject(parent), undoStack_(new QUndoStack(this)) {}

MaskEditor::~MaskEditor() = default;

void MaskEditor::setTarget(std::shared_ptr<const Volume> image, std::shared_ptr<LabelMap> mask, std::uint16_t label) {
    stroke_.reset();
    undoStack_->clear();
    image_ = std::move(image);
    mask_ = std::move(mask);
    label_ = label;
}

PaintRule MaskEditor::ruleFor(EditMode mode) const {
    PaintRule rule;
    rule.label = label_;
    rule.mode = mode;
    rule.image = image_.get();
    if (image_ && mode == EditMode::Paint) rule.huRange = huRange_;
    return rule;
}

void MaskEditor::push(MaskChange change, const QString& text) {
    if (change.empty()) return;
    undoStack_->push(new MaskEditCommand(*this, std::move(change), text));
}

void MaskEditor::beginStroke(EditMode mode) {
    if (!mask_) return;
    stroke_ = Stroke{mode, {}};
}

void MaskEditor::strokeSegment(const SliceAxes& axes, const std::array<std::int64_t, 3>& fromXyz,
                               const std::array<std::int64_t, 3>& toXyz) {
    if (!mask_ || !stroke_) return;
    lastNormalAxis_ = axes.normalAxis;
    const MaskChange change = paintSegment(*mask_, axes, fromXyz, toXyz, brushRadiusMm_, ruleFor(stroke_->mode));
    if (change.empty()) return;
    stroke_->change.append(change);
    emit maskChanged();
}

void MaskEditor::endStroke() {
    if (!stroke_) return;
    Stroke stroke = std::move(*stroke_);
    stroke_.reset();
    push(std::move(stroke.change), stroke.mode == EditMode::Paint ? tr("Paint") : tr("Erase"));
}

void MaskEditor::fillPolygon(const SliceAxes& axes, std::int64_t slice,
                             const std::vector<std::array<double, 2>>& vertices) {
    if (!mask_) return;
    lastNormalAxis_ = axes.normalAxis;
    MaskChange change = drs::fillPolygon(*mask_, axes, slice, vertices, ruleFor(EditMode::Paint));
    if (change.empty()) return;
    push(std::move(change), tr("Fill outline"));
    emit maskChanged();
}

std::size_t MaskEditor::interpolate() {
    if (!mask_) return 0;
    MaskChange change = interpolateBetweenSlices(*mask_, lastNormalAxis_, label_);
    const std::size_t filled = change.size();
    if (filled == 0) return 0;
    push(std::move(change), tr("Fill between slices"));
    emit maskChanged();
    return filled;
}

}  // namespace drs::viewers
