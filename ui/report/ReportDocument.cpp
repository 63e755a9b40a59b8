#include "ui/report/ReportDocument.h"

#include <qcustomplot.h>
#include <sys/stat.h>

#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScreen>
#include <QThread>
#include <algorithm>
#include <numeric>

#include "core/pipeline/ModelKind.h"
#include "core/util/Error.h"
#include "core/util/WriteFailure.h"

namespace drs::report {
namespace {

constexpr double kMarginSideMm = 18;
constexpr double kMarginTopMm = 20;
constexpr double kMarginBottomMm = 20;
const QColor kRuleColour(60, 60, 60);
const QColor kMutedText(100, 100, 100);
const QColor kZebra(244, 246, 249);
const QColor kCaptionText(70, 70, 70);

QFont captionFont() { return ReportDocument::font(7.5, false, true); }

// A table cell's text keeps this far from the cell's edges.
constexpr double kCellPadMm = 1.2;

// Word wrap, or where one word is longer than the line (a run's parameters as JSON, a long
// identifier) wrap anywhere: word wrap would let it run into the next column or off the page. A
// word a little too long ("<0.001" in a narrow p column) may run into the cell's padding
// (overflowPx), which reads better than a broken number. Word wrap also breaks after a hyphen
// before a letter ("Radiomics-|Score"; not in "2026-12-07"), so such a word's parts are what must fit.
int wrapFlag(const QString& text, const QFontMetricsF& metrics, double width, double overflowPx) {
    static const QRegularExpression breaks(QStringLiteral("\\s+|(?<=-)(?=\\p{L})"));
    for (const QString& word : text.split(breaks, Qt::SkipEmptyParts))
        if (metrics.horizontalAdvance(word) > width + overflowPx) return Qt::TextWrapAnywhere;
    return Qt::TextWordWrap;
}

int screenDpi() {
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen ? qRound(screen->logicalDotsPerInchY()) : 96;
}

}  // namespace

ReportDocument::ReportDocument(const std::string& pdfPath, const QString& documentTitle, const QString& runningHeader)
    : path_(pdfPath), runningHeader_(runningHeader) {
    // Charts are QWidgets: they exist only with a QApplication and only in its thread.
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        throw Error(pdfPath + ": the PDF report needs a QApplication (run with the offscreen platform)");
    if (QThread::currentThread() != QCoreApplication::instance()->thread())
        throw Error(pdfPath + ": the PDF report must be written from the application's main thread");
    file_ = std::make_unique<QSaveFile>(QString::fromStdString(pdfPath));
    if (!file_->open(QIODevice::WriteOnly))
        throw Error(pdfPath + ": cannot open for writing (" + file_->errorString().toStdString() + ")");
    writer_ = std::make_unique<QPdfWriter>(file_.get());
    writer_->setPageSize(QPageSize(QPageSize::A4));
    writer_->setPageMargins(QMarginsF(0, 0, 0, 0));
    writer_->setResolution(screenDpi());
    writer_->setTitle(documentTitle);
    writer_->setCreator(QStringLiteral("DeepRadScore Studio " DRS_VERSION));
    painter_ = std::make_unique<QCPPainter>();
    if (!painter_->begin(writer_.get())) throw Error(pdfPath + ": cannot start the PDF writer");
    // Vector output: no pixmap caches, and hairlines become real widths so they print.
    painter_->setModes(QCPPainter::pmVectorized | QCPPainter::pmNoCaching | QCPPainter::pmNonCosmetic);
    // CT patches and Grad-CAM maps are evidence: keep them pixel-exact (Flate, not JPEG).
    painter_->setRenderHint(QPainter::LosslessImageRendering);
}

ReportDocument::~ReportDocument() {
    if (painter_ && painter_->isActive()) painter_->end();
    // A QSaveFile destroyed without commit() discards its temporary file.
}

double ReportDocument::mm(double millimetres) const { return millimetres / 25.4 * writer_->resolution(); }

QCPPainter& ReportDocument::painter() { return *painter_; }

QRectF ReportDocument::contentRect() const {
    const double pageWidth = mm(210), pageHeight = mm(297);
    return QRectF(mm(kMarginSideMm), mm(kMarginTopMm), pageWidth - 2 * mm(kMarginSideMm),
                  pageHeight - mm(kMarginTopMm) - mm(kMarginBottomMm));
}

QFont ReportDocument::font(double pointSize, bool bold, bool italic) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    f.setItalic(italic);
    f.setHintingPreference(QFont::PreferNoHinting);
    // Any letter spacing makes Qt skip ligatures, so "fi" stays two letters that search and
    // copy-paste in the PDF find; 0.05 px (the smallest step Qt keeps) is invisible.
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.05);
    return f;
}

void ReportDocument::newPage(const QString& sectionName) {
    if (pageNumber_ > 0 && !writer_->newPage()) throw Error(path_ + ": cannot add a page to the PDF");
    ++pageNumber_;
    section_ = sectionName;
    drawPageFrame();
    cursorY_ = contentRect().top();
}

void ReportDocument::drawPageFrame() {
    auto& p = *painter_;
    const QRectF content = contentRect();
    const QFont small = font(7);
    const double headerBaseline = mm(kMarginTopMm - 7);
    p.setPen(QPen(kMutedText, mm(0.2)));
    textIn(QRectF(content.left(), headerBaseline - mm(4), content.width(), mm(4)), runningHeader_, small,
           Qt::AlignLeft | Qt::AlignBottom, kMutedText);
    textIn(QRectF(content.left(), headerBaseline - mm(4), content.width(), mm(4)), section_, small,
           Qt::AlignRight | Qt::AlignBottom, kMutedText);
    p.setPen(QPen(kMutedText, mm(0.2)));
    p.drawLine(QPointF(content.left(), headerBaseline + mm(1)), QPointF(content.right(), headerBaseline + mm(1)));
    const double footerTop = content.bottom() + mm(8);
    p.drawLine(QPointF(content.left(), footerTop), QPointF(content.right(), footerTop));
    const QRectF footer(content.left(), footerTop + mm(1), content.width(), mm(4));
    textIn(footer, QStringLiteral("DeepRadScore Studio \u2014 research use only, not for clinical decision making"),
           small, Qt::AlignLeft | Qt::AlignTop, kMutedText);
    textIn(footer, QStringLiteral("Page %1").arg(pageNumber_), small, Qt::AlignRight | Qt::AlignTop, kMutedText);
}

void ReportDocument::ensureSpace(double height) {
    if (pageNumber_ == 0 || remaining() < height) newPage(section_);
}

QRectF ReportDocument::reserve(double height) {
    ensureSpace(height);
    const QRectF band(left(), cursorY_, width(), height);
    cursorY_ += height;
    return band;
}

double ReportDocument::textHeight(const QString& text, const QFont& f, double w) const {
    const QFontMetricsF metrics(f, writer_.get());
    return metrics.boundingRect(QRectF(0, 0, w, 1e6), wrapFlag(text, metrics, w, mm(kCellPadMm)) | Qt::AlignLeft, text)
        .height();
}

void ReportDocument::textIn(const QRectF& rect, const QString& text, const QFont& f, int flags, const QColor& colour) {
    auto& p = *painter_;
    p.save();
    p.setFont(f);
    p.setPen(colour);
    if (flags & Qt::TextWordWrap)
        flags =
            (flags & ~Qt::TextWordWrap) | wrapFlag(text, QFontMetricsF(f, writer_.get()), rect.width(), mm(kCellPadMm));
    p.drawText(rect, flags, text);
    p.restore();
}

void ReportDocument::paragraph(const QString& text, const QFont& f, const QColor& colour, double w) {
    const double textWidth = w > 0 ? w : width();
    const double h = textHeight(text, f, textWidth);
    ensureSpace(h);
    textIn(QRectF(left(), cursorY_, textWidth, h), text, f, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, colour);
    cursorY_ += h;
}

void ReportDocument::heading(const QString& text) {
    const QFont f = font(14, true);
    const double h = textHeight(text, f, width());
    ensureSpace(h + mm(30));  // never a heading alone at the bottom of a page
    textIn(QRectF(left(), cursorY_, width(), h), text, f, Qt::AlignLeft | Qt::AlignTop, QColor(20, 45, 85));
    cursorY_ += h + mm(1.2);
    painter_->setPen(QPen(QColor(20, 45, 85), mm(0.4)));
    painter_->drawLine(QPointF(left(), cursorY_), QPointF(left() + width(), cursorY_));
    cursorY_ += mm(3);
}

void ReportDocument::subheading(const QString& text) {
    const QFont f = font(10, true);
    const double h = textHeight(text, f, width());
    ensureSpace(h + mm(20));
    cursorY_ += mm(1.5);
    textIn(QRectF(left(), cursorY_, width(), h), text, f, Qt::AlignLeft | Qt::AlignTop, QColor(20, 45, 85));
    cursorY_ += h + mm(1.5);
}

void ReportDocument::drawTableHeader(const TextTable& table, const std::vector<double>& columnX,
                                     const std::vector<double>& columnWidth, double rowHeight) {
    auto& p = *painter_;
    const double tableLeft = left(), tableRight = left() + width();
    p.setPen(QPen(kRuleColour, mm(0.35)));
    p.drawLine(QPointF(tableLeft, cursorY_), QPointF(tableRight, cursorY_));
    const QFont bold = font(table.fontPt, true);
    const double pad = mm(kCellPadMm);
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        const Qt::Alignment a = c < table.align.size() ? table.align[c] : (c == 0 ? Qt::AlignLeft : Qt::AlignHCenter);
        textIn(QRectF(columnX[c] + pad, cursorY_, columnWidth[c] - 2 * pad, rowHeight), table.header[c], bold,
               a | Qt::AlignVCenter | Qt::TextWordWrap);
    }
    cursorY_ += rowHeight;
    p.setPen(QPen(kRuleColour, mm(0.2)));
    p.drawLine(QPointF(tableLeft, cursorY_), QPointF(tableRight, cursorY_));
}

void ReportDocument::table(const TextTable& table) {
    auto& p = *painter_;
    const std::size_t columns = table.header.size();
    std::vector<double> weights = table.columnWeights;
    if (weights.size() != columns) weights.assign(columns, 1.0);
    const double weightSum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<double> columnX(columns), columnWidth(columns);
    double x = left();
    for (std::size_t c = 0; c < columns; ++c) {
        columnX[c] = x;
        columnWidth[c] = width() * weights[c] / weightSum;
        x += columnWidth[c];
    }
    const QFont regular = font(table.fontPt), bold = font(table.fontPt, true);
    const double pad = mm(kCellPadMm);
    const double lineHeight = QFontMetricsF(regular, writer_.get()).height();
    auto cellsHeight = [&](const std::vector<QString>& cells, const QFont& f) {
        double h = lineHeight;
        for (std::size_t c = 0; c < std::min(columns, cells.size()); ++c)
            h = std::max(h, textHeight(cells[c], f, columnWidth[c] - 2 * pad));
        return h + mm(1.3);
    };
    const double headerHeight = cellsHeight(table.header, bold);
    const std::size_t rows = table.rows.size();
    std::vector<bool> isBold(rows, false);
    for (int r : table.boldRows)
        if (r >= 0 && std::size_t(r) < rows) isBold[std::size_t(r)] = true;
    std::vector<double> rowHeights(rows);
    for (std::size_t r = 0; r < rows; ++r) rowHeights[r] = cellsHeight(table.rows[r], isBold[r] ? bold : regular);
    const double captionHeight =
        table.caption.isEmpty() ? 0 : mm(2) + textHeight(table.caption, captionFont(), width());
    // A table of one or two rows moves whole with its caption; a longer one needs a row here.
    const double start =
        rows > 2 ? rowHeights.front() : std::accumulate(rowHeights.begin(), rowHeights.end(), 0.0) + captionHeight;
    ensureSpace(headerHeight + start + mm(2));
    drawTableHeader(table, columnX, columnWidth, headerHeight);
    // Each row's group: the rows from a group start to the next (a variable's levels in Table 1).
    std::vector<bool> startsGroup(rows, false);
    for (int r : table.groupStarts)
        if (r > 0 && std::size_t(r) < rows) startsGroup[std::size_t(r)] = true;
    std::vector<std::size_t> groupFirst(rows, 0);
    for (std::size_t r = 1; r < rows; ++r) groupFirst[r] = startsGroup[r] ? r : groupFirst[r - 1];
    // The height a group needs on its page: the table's last group takes the caption along.
    const auto groupHeight = [&](std::size_t first) {
        double height = rowHeights[first];
        std::size_t r = first + 1;
        for (; r < rows && !startsGroup[r]; ++r) height += rowHeights[r];
        return height + (r == rows ? std::max(captionHeight, mm(1)) : mm(1));
    };
    const double emptyPageRows = contentRect().height() - headerHeight;
    int rowsOnPage = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        const QFont& f = isBold[r] ? bold : regular;
        double rowHeight = rowHeights[r];
        // A table's last row alone under a repeated header, or its caption alone, reads as a stray
        // line: when the last two rows and the caption do not all fit, they go over together (this
        // page keeps two rows or more).
        const bool lastTwoApart = r + 2 == rows && rowsOnPage >= 2 &&
                                  remaining() < rowHeight + rowHeights[r + 1] + std::max(captionHeight, mm(1));
        // A level read on the next page without its variable's name reads as the previous
        // variable's: a group that fits on a page starts on the page that can hold it whole.
        const bool groupApart =
            startsGroup[r] && rowsOnPage > 0 && remaining() < groupHeight(r) && groupHeight(r) <= emptyPageRows;
        bool continued = false;
        if (remaining() < rowHeight + mm(1) || lastTwoApart || groupApart) {
            p.setPen(QPen(kRuleColour, mm(0.35)));
            p.drawLine(QPointF(left(), cursorY_), QPointF(left() + width(), cursorY_));
            newPage(section_);
            drawTableHeader(table, columnX, columnWidth, headerHeight);
            rowsOnPage = 0;
            continued = groupFirst[r] != r;
        }
        ++rowsOnPage;
        std::vector<QString> cells = table.rows[r];
        // A group split over pages (longer than a page, or its last two rows kept together) names
        // itself again where it continues.
        if (continued && !cells.empty() && cells.front().isEmpty() && !table.rows[groupFirst[r]].empty() &&
            !table.rows[groupFirst[r]].front().isEmpty()) {
            cells.front() = table.rows[groupFirst[r]].front() + QStringLiteral(" (continued)");
            rowHeight = cellsHeight(cells, f);
        }
        if (r % 2 == 1) p.fillRect(QRectF(left(), cursorY_, width(), rowHeight), kZebra);
        if (startsGroup[r]) {
            p.setPen(QPen(QColor(190, 190, 190), mm(0.15)));
            p.drawLine(QPointF(left(), cursorY_), QPointF(left() + width(), cursorY_));
        }
        for (std::size_t c = 0; c < std::min(columns, cells.size()); ++c) {
            const Qt::Alignment a =
                c < table.align.size() ? table.align[c] : (c == 0 ? Qt::AlignLeft : Qt::AlignHCenter);
            textIn(QRectF(columnX[c] + pad, cursorY_, columnWidth[c] - 2 * pad, rowHeight), cells[c], f,
                   a | Qt::AlignVCenter | Qt::TextWordWrap);
        }
        cursorY_ += rowHeight;
    }
    p.setPen(QPen(kRuleColour, mm(0.35)));
    p.drawLine(QPointF(left(), cursorY_), QPointF(left() + width(), cursorY_));
    cursorY_ += mm(2);
    if (!table.caption.isEmpty()) caption(table.caption);
}

void ReportDocument::caption(const QString& text) {
    paragraph(text, captionFont(), kCaptionText);
    skip(mm(2));
}

void ReportDocument::imageIn(const QRectF& rect, const QImage& image) {
    QSizeF size = image.size();
    size.scale(rect.size(), Qt::KeepAspectRatio);
    const QRectF target(rect.center().x() - size.width() / 2, rect.center().y() - size.height() / 2, size.width(),
                        size.height());
    painter_->drawImage(target, image);
    painter_->setPen(QPen(QColor(150, 150, 150), mm(0.15)));
    painter_->setBrush(Qt::NoBrush);
    painter_->drawRect(target);
}

void ReportDocument::plotIn(const QRectF& rect, QCustomPlot& plot) {
    auto& p = *painter_;
    p.save();
    p.translate(rect.topLeft());
    plot.toPainter(&p, qRound(rect.width()), qRound(rect.height()));
    p.restore();
    p.setModes(QCPPainter::pmVectorized | QCPPainter::pmNoCaching | QCPPainter::pmNonCosmetic);
}

void ReportDocument::finish() {
    if (!painter_->end()) throw Error(path_ + ": the PDF could not be completed");
    // Qt's PDF writer ignores failed writes, so a file cut short by a file-size limit or a full disk
    // would be committed as a report: check what is on disk before the old file is replaced.
    const qint64 written = file_->pos();
    const bool flushed = file_->flush();
    struct stat onDisk {};
    const bool stated = fstat(file_->handle(), &onDisk) == 0;
    const std::string limit =
        stated ? writeLimitReached(static_cast<std::uintmax_t>(onDisk.st_size),
                                   QFileInfo(QString::fromStdString(path_)).absolutePath().toStdString())
               : std::string();
    if (!flushed || !stated || onDisk.st_size != written || !limit.empty()) {
        file_->cancelWriting();
        throw Error(path_ + ": write failed (" + (limit.empty() ? "the file is incomplete" : limit) + ")");
    }
    if (!file_->commit()) throw Error(path_ + ": write failed (" + file_->errorString().toStdString() + ")");
}

QColor modelColour(const std::string& model) {
    if (const auto kind = modelKindNamed(model)) {
        switch (*kind) {
        case ModelKind::RadiomicsScore: return QColor(31, 119, 180);
        case ModelKind::DeepCt: return QColor(255, 127, 14);
        case ModelKind::DeepRadScore: return QColor(214, 39, 40);
        }
    }
    static const QColor others[] = {QColor(44, 160, 44), QColor(148, 103, 189), QColor(140, 86, 75)};
    return others[std::hash<std::string>{}(model) % 3];
}

}  // namespace drs::report
