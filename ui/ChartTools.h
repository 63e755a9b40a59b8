#pragma once
#include <QPointF>
#include <QString>

class QCustomPlot;

namespace drs::ui {

// Every chart on screen gets these: a context menu (right click) exporting it as PNG, SVG or PDF,
// and, on hover, a tooltip with the values of the data point under the cursor.
void equipChart(QCustomPlot& plot);

// Writes the chart as it is shown, at its on-screen size; the format follows the file's suffix
// (.png, .svg, .pdf). The file appears complete or not at all. Throws drs::Error naming the file.
void exportChart(QCustomPlot& plot, const QString& path);

// The values at a pixel of the chart: the nearest data point within a few pixels ("name: x-axis
// = value, y-axis = value", category names for category axes) or, on a heatmap, the cell's row,
// column and value. Empty when there is nothing there.
QString chartValueAt(QCustomPlot& plot, const QPointF& pixel);

}  // namespace drs::ui
