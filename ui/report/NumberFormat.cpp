#include "ui/report/NumberFormat.h"

#include <cmath>

namespace drs::report {

QString fixed(double value, int decimals) {
    if (!std::isfinite(value)) return QStringLiteral("n/a");
    // No "-0.000" for tiny negative values; a negative number gets the minus sign, as ΔAUC does.
    const double rounded = std::round(value * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    const QString digits = QString::number(std::fabs(rounded), 'f', decimals);
    return rounded < 0 ? QChar(0x2212) + digits : digits;
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

QString significant(double value, int digits) {
    if (!std::isfinite(value)) return QStringLiteral("n/a");
    return QString::number(value, 'g', digits).replace(QLatin1Char('-'), QChar(0x2212));
}

QString signedFixed(double value, int decimals) {
    const QString text = fixed(value, decimals);
    return std::isfinite(value) && value > 0 && text != fixed(0.0, decimals) ? QStringLiteral("+") + text : text;
}

}  // namespace drs::report
