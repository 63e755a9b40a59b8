#pragma once
#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <memory>
#include <string>
#include <vector>

class QCPPainter;
class QCustomPlot;
class QImage;
class QPdfWriter;
class QSaveFile;

namespace drs::report {

// A table as text cells, drawn in the "booktabs" style of journal tables.
struct TextTable {
    std::vector<QString> header;
    std::vector<double> columnWeights;  // relative widths; empty = equal
    std::vector<Qt::Alignment> align;   // per column; empty = first left, others centred
    std::vector<std::vector<QString>> rows;
    std::vector<int> boldRows;     // row indices printed bold (e.g. the best model)
    std::vector<int> groupStarts;  // row indices preceded by a thin separator rule
    double fontPt = 8.0;
    // Printed under the table, small and italic; never alone at the top of a page.
    QString caption;
};

// An A4 PDF being laid out top to bottom. Coordinates are device units of the PDF; its
// resolution equals the screen's logical DPI so that QCustomPlot, which measures text with the
// screen's font metrics, lays out charts exactly as they are then drawn on the page.
// Written through QSaveFile: finish() commits, destruction without finish() leaves no file.
class ReportDocument {
public:
    ReportDocument(const std::string& pdfPath, const QString& documentTitle, const QString& runningHeader);
    ~ReportDocument();
    ReportDocument(const ReportDocument&) = delete;
    ReportDocument& operator=(const ReportDocument&) = delete;

    double mm(double millimetres) const;
    QCPPainter& painter();
    QRectF contentRect() const;  // inside the margins, between running header and footer
    double left() const { return contentRect().left(); }
    double width() const { return contentRect().width(); }
    double remaining() const { return contentRect().bottom() - cursorY_; }

    void newPage(const QString& sectionName);  // the first call starts page 1
    void ensureSpace(double height);           // new page when less than height is left
    void skip(double height) { cursorY_ += height; }
    // Reserves a full-width band of the given height at the cursor and moves below it.
    QRectF reserve(double height);

    static QFont font(double pointSize, bool bold = false, bool italic = false);
    double textHeight(const QString& text, const QFont& font, double width) const;
    // Draws wrapped text at the cursor across the content width (or `width` when > 0).
    void paragraph(const QString& text, const QFont& font, const QColor& colour = Qt::black, double width = 0);
    void heading(const QString& text);  // section title with a rule under it
    void subheading(const QString& text);
    // A figure's or table's caption: small, italic, grey, with a little space under it.
    void caption(const QString& text);
    void table(const TextTable& table);
    // Draws text inside a rectangle (no cursor movement).
    void textIn(const QRectF& rect, const QString& text, const QFont& font, int flags,
                const QColor& colour = Qt::black);
    // Draws an image scaled to fit the rectangle, keeping its aspect ratio, with a thin frame.
    void imageIn(const QRectF& rect, const QImage& image);
    // Draws a prepared QCustomPlot as vectors into the rectangle.
    void plotIn(const QRectF& rect, QCustomPlot& plot);

    void finish();  // ends the PDF and atomically replaces pdfPath

private:
    void drawPageFrame();
    void drawTableHeader(const TextTable& table, const std::vector<double>& columnX,
                         const std::vector<double>& columnWidth, double rowHeight);

    std::string path_;
    QString runningHeader_;
    QString section_;
    std::unique_ptr<QSaveFile> file_;
    std::unique_ptr<QPdfWriter> writer_;
    std::unique_ptr<QCPPainter> painter_;
    double cursorY_ = 0;
    int pageNumber_ = 0;
};

// Colours shared by all charts and tables, one per model, as in the paper's figures.
QColor modelColour(const std::string& model);

}  // namespace drs::report
