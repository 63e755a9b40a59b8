#include "ui/report/NumberFormat.h"

#include <cmath>

namespace drs::report {

QString fixed(double value, int decimals) {
    if (!std::isfinite(value)) return QStringLiteral("n/a");
    // Avoid "-0.000" for tiny negative values.
    const double rounded = std::round(value * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    return QString::number(rounded == 0 ? 0.0 : rounded, 'f', decimals);
}

QString aucWithCi(double auc, double low, double high) {
    return fixed(auc) + QStringLiteral(" [") + fixed(low) + QChar(0x2013) + fixed(high) + QStringLiteral("]");
}

QString meanSd(double mean, double sd, int decimals) {
    return fixed(mean, decimals) + QStringLiteral(" \u00B1 ") + fixed(sd, decimals);
}

QString pValue(double p) {
    if (std::isnan(p)) return QStringLiteral("n/a");
    if (p < 0) return {};
    if (p < 0.001) return QStringLiteral("<0.001");
    return fixed(p, 3);
}

QString signedFixed(double value, int decimals) {
    const QString text = fixed(value, decimals);
    if (!std::isfinite(value) || text.toDouble() == 0) return text;
    return value > 0 ? QStringLiteral("+") + text : QChar(0x2212) + text.mid(1);
}

}  // namespace drs::report
