#pragma once
// poppler-utils (pdfinfo, pdftotext, pdftoppm) read the PDFs back, independently of Qt.
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <vector>

namespace reporttest {

inline bool havePoppler() {
    return !QStandardPaths::findExecutable("pdfinfo").isEmpty() &&
           !QStandardPaths::findExecutable("pdftotext").isEmpty() &&
           !QStandardPaths::findExecutable("pdftoppm").isEmpty();
}

inline QString run(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(120000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

inline int pageCount(const QString& pdf) {
    for (const QString& line : run("pdfinfo", {pdf}).split('\n'))
        if (line.startsWith("Pages:")) return line.mid(6).trimmed().toInt();
    return -1;
}

inline QString pageText(const QString& pdf, int first, int last) {
    return run("pdftotext", {"-layout", "-f", QString::number(first), "-l", QString::number(last), pdf, "-"});
}

// Each word of a page with its box (points from the page's top left), as pdftotext -bbox finds it.
struct WordBox {
    QString text;
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
};

inline std::vector<WordBox> wordBoxes(const QString& pdf, int page) {
    const QString html =
        run("pdftotext", {"-bbox", "-f", QString::number(page), "-l", QString::number(page), pdf, "-"});
    static const QRegularExpression word(QStringLiteral(
        R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re"));
    std::vector<WordBox> boxes;
    for (auto match = word.globalMatch(html); match.hasNext();) {
        const auto m = match.next();
        boxes.push_back({m.captured(5), m.captured(1).toDouble(), m.captured(2).toDouble(), m.captured(3).toDouble(),
                         m.captured(4).toDouble()});
    }
    return boxes;
}

inline QImage renderPage(const QString& pdf, int page, const QString& outputPrefix, int dpi = 60) {
    run("pdftoppm", {"-png", "-r", QString::number(dpi), "-f", QString::number(page), "-l", QString::number(page),
                     "-singlefile", pdf, outputPrefix});
    return QImage(outputPrefix + ".png");
}

struct PageInk {
    double nonWhiteFraction = 0;
    int distinctColours = 0;  // after quantising each channel to 16 levels
    bool hasSaturatedColour = false;
};

inline PageInk measureInk(const QImage& image) {
    PageInk ink;
    QSet<int> colours;
    qint64 nonWhite = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb c = image.pixel(x, y);
            const int r = qRed(c), g = qGreen(c), b = qBlue(c);
            if (r < 245 || g < 245 || b < 245) ++nonWhite;
            colours.insert((r / 16) << 8 | (g / 16) << 4 | (b / 16));
            if (std::max({r, g, b}) - std::min({r, g, b}) > 100) ink.hasSaturatedColour = true;
        }
    ink.nonWhiteFraction = double(nonWhite) / (double(image.width()) * image.height());
    ink.distinctColours = colours.size();
    return ink;
}

}  // namespace reporttest
