#include "ui/ChartTools.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSvgGenerator>
#include <QToolTip>
#include <cmath>
#include <limits>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace drs::ui {
namespace {

constexpr double kHoverTolerancePx = 8;

QString number(double value) { return QString::number(value, 'g', 4); }

// The axis' name without its explanation in brackets.
QString axisName(const QCPAxis* axis) {
    QString label = axis->label();
    const int bracket = label.indexOf(QLatin1String(" ("));
    if (bracket > 0) label.truncate(bracket);
    return label.isEmpty() ? QStringLiteral("%1").arg(axis->orientation() == Qt::Horizontal ? "x" : "y") : label;
}

// A category name when the axis names its ticks, else "axis = value".
QString coordinate(const QCPAxis* axis, double value) {
    if (const auto text = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker())) {
        const auto ticks = text->ticks();
        const auto tick = ticks.find(std::round(value));
        if (tick != ticks.end() && std::abs(tick.key() - value) < 0.5) return tick.value();
    }
    return axisName(axis) + QStringLiteral(" = ") + number(value);
}

QString plottableValueAt(QCustomPlot& plot, const QPointF& pixel) {
    QCPAbstractPlottable* nearest = nullptr;
    int nearestIndex = -1;
    double nearestDistance = kHoverTolerancePx;
    for (int i = 0; i < plot.plottableCount(); ++i) {
        QCPAbstractPlottable* plottable = plot.plottable(i);
        if (!plottable->visible() || !plottable->interface1D()) continue;
        QVariant details;
        const double distance = plottable->selectTest(pixel, false, &details);
        const QCPDataSelection selection = details.value<QCPDataSelection>();
        if (distance < 0 || distance > nearestDistance || selection.isEmpty()) continue;
        nearest = plottable;
        nearestIndex = selection.dataRange(0).begin();
        nearestDistance = distance;
    }
    if (!nearest) return {};
    double key = nearest->interface1D()->dataMainKey(nearestIndex);
    double value = nearest->interface1D()->dataMainValue(nearestIndex);
    if (auto* curve = qobject_cast<QCPCurve*>(nearest)) {  // its main key is the curve parameter
        key = curve->data()->at(nearestIndex)->key;
        value = curve->data()->at(nearestIndex)->value;
    }
    const QString point =
        coordinate(nearest->keyAxis(), key) + QStringLiteral(", ") + coordinate(nearest->valueAxis(), value);
    return nearest->name().isEmpty() ? point : nearest->name() + QStringLiteral(": ") + point;
}

// Heatmaps are drawn as one text item per cell, centred on integer coordinates.
QString cellValueAt(QCustomPlot& plot, const QPointF& pixel) {
    const double x = plot.xAxis->pixelToCoord(pixel.x()), y = plot.yAxis->pixelToCoord(pixel.y());
    for (int i = 0; i < plot.itemCount(); ++i) {
        auto* text = qobject_cast<QCPItemText*>(plot.item(i));
        if (!text || text->position->type() != QCPItemPosition::ptPlotCoords) continue;
        const QPointF centre = text->position->coords();
        if (std::abs(centre.x() - x) <= 0.5 && std::abs(centre.y() - y) <= 0.5)
            return coordinate(plot.yAxis, centre.y()) + QStringLiteral(" / ") + coordinate(plot.xAxis, centre.x()) +
                   QStringLiteral(": ") + text->text();
    }
    return {};
}

void writeChart(QCustomPlot& plot, const QString& path, const QString& suffix) {
    const int width = plot.width(), height = plot.height();
    if (suffix == QLatin1String("png")) {
        if (!plot.savePng(path, width, height, 2.0)) throw Error(path.toStdString() + ": cannot write the PNG file");
    } else if (suffix == QLatin1String("pdf")) {
        if (!plot.savePdf(path, width, height)) throw Error(path.toStdString() + ": cannot write the PDF file");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(QSize(width, height));
        svg.setViewBox(QRect(0, 0, width, height));
        svg.setTitle(QStringLiteral("DeepRadScore Studio chart"));
        QCPPainter painter;
        if (!painter.begin(&svg)) throw Error(path.toStdString() + ": cannot write the SVG file");
        plot.toPainter(&painter, width, height);
        painter.end();
        if (QFileInfo(path).size() == 0) throw Error(path.toStdString() + ": cannot write the SVG file");
    } else {
        throw Error(path.toStdString() + ": unknown chart format '" + suffix.toStdString() +
                    "' (use .png, .svg or .pdf)");
    }
}

}  // namespace

void exportChart(QCustomPlot& plot, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (isDeviceOrPipe(path.toStdString())) {
        writeChart(plot, path, suffix);
        return;
    }
    // Written beside the target, then renamed over it: a failed export leaves no partial file.
    const QString partial = path + QStringLiteral(".part.") + suffix;
    try {
        writeChart(plot, partial, suffix);
    } catch (...) {
        QFile::remove(partial);
        throw;
    }
    if (QFileInfo(partial).size() == 0) {
        QFile::remove(partial);
        throw Error(path.toStdString() + ": cannot write the chart");
    }
    QFile::remove(path);
    if (!QFile::rename(partial, path)) {
        QFile::remove(partial);
        throw Error(path.toStdString() + ": cannot write the chart");
    }
}

QString chartValueAt(QCustomPlot& plot, const QPointF& pixel) {
    const QString value = plottableValueAt(plot, pixel);
    return value.isEmpty() ? cellValueAt(plot, pixel) : value;
}

void equipChart(QCustomPlot& plot) {
    plot.setMouseTracking(true);
    QObject::connect(&plot, &QCustomPlot::mouseMove, &plot, [&plot](QMouseEvent* event) {
        const QString text = chartValueAt(plot, event->position());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), text, &plot);
    });
    plot.setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(&plot, &QWidget::customContextMenuRequested, &plot, [&plot](const QPoint& position) {
        QMenu menu(&plot);
        const auto add = [&](const QString& text, const QString& filter) {
            QObject::connect(menu.addAction(text), &QAction::triggered, &plot, [&plot, text, filter] {
                const QString path = QFileDialog::getSaveFileName(&plot, text, QString(), filter);
                if (path.isEmpty()) return;
                try {
                    exportChart(plot, path);
                } catch (const std::exception& e) {
                    QMessageBox::warning(&plot, QCoreApplication::translate("ChartTools", "Export chart"),
                                         QString::fromUtf8(e.what()));
                }
            });
        };
        add(QCoreApplication::translate("ChartTools", "Export as PNG..."),
            QCoreApplication::translate("ChartTools", "PNG image (*.png)"));
        add(QCoreApplication::translate("ChartTools", "Export as SVG..."),
            QCoreApplication::translate("ChartTools", "SVG drawing (*.svg)"));
        add(QCoreApplication::translate("ChartTools", "Export as PDF..."),
            QCoreApplication::translate("ChartTools", "PDF document (*.pdf)"));
        menu.exec(plot.mapToGlobal(position));
    });
}

}  // namespace drs::ui
