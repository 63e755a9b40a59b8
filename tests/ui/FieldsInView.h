#pragma once
// Whether every field of a settings panel can be seen and used where it is: each label, button,
// chooser and edit box at least as large as its own minimum, and inside every widget around it up
// to the window (a scroll area's viewport or a squeezed box would cut it off).
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QWidget>

namespace drs::uitest {

// The first field that is hidden, squeezed or cut off, described; empty when all are in view.
inline QString fieldOutOfView(const QWidget& panel) {
    const auto isField = [](const QWidget* w) {
        return qobject_cast<const QLabel*>(w) || qobject_cast<const QAbstractButton*>(w) ||
               qobject_cast<const QComboBox*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
               qobject_cast<const QLineEdit*>(w);
    };
    const QWidget* window = panel.window();
    int fields = 0;
    for (const QWidget* field : panel.findChildren<QWidget*>()) {
        if (!isField(field)) continue;
        // The parts of a chooser or a spin box are its own business.
        bool part = false;
        for (const QWidget* up = field->parentWidget(); up != &panel; up = up->parentWidget())
            part = part || isField(up);
        if (part) continue;
        ++fields;
        const QString name = QStringLiteral("%1 \"%2\"")
                                 .arg(QString::fromLatin1(field->metaObject()->className()),
                                      field->property("text").toString() + field->property("currentText").toString());
        if (!field->isVisibleTo(window)) return name + QStringLiteral(" is hidden");
        const QSize minimum = field->minimumSizeHint();
        if (field->width() < minimum.width() || field->height() < minimum.height())
            return QStringLiteral("%1 is squeezed to %2x%3 (needs %4x%5)")
                .arg(name)
                .arg(field->width())
                .arg(field->height())
                .arg(minimum.width())
                .arg(minimum.height());
        for (const QWidget* up = field->parentWidget(); up; up = up->parentWidget()) {
            const QRect inUp(field->mapTo(up, QPoint(0, 0)), field->size());
            if (!up->rect().contains(inUp))
                return QStringLiteral("%1 at (%2,%3) %4x%5 is cut off by its %6 (%7x%8)")
                    .arg(name)
                    .arg(inUp.x())
                    .arg(inUp.y())
                    .arg(inUp.width())
                    .arg(inUp.height())
                    .arg(QString::fromLatin1(up->metaObject()->className()))
                    .arg(up->width())
                    .arg(up->height());
            if (up == window) break;
        }
    }
    return fields == 0 ? QStringLiteral("no fields") : QString();
}

}  // namespace drs::uitest
