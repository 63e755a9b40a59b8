#pragma once
#include <QLabel>

namespace drs::ui {

// A one-line label that shows as much of its text as fits, ending in "…" when cut, and always
// offers the whole text as its tooltip. It asks for no more width than its minimum, so a long
// text cannot push the widgets beside it out of the window.
class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setFullText(const QString& text);
    const QString& fullText() const { return fullText_; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();

    QString fullText_;
};

}  // namespace drs::ui
