#pragma once
#include <QString>

namespace drs::report {

// How every number in the reports is printed (docs/report.md lists the rules).
// Non-finite values print as "n/a".
QString fixed(double value, int decimals = 3);             // "0.812", "−0.087" (minus sign)
QString aucWithCi(double auc, double low, double high);    // "0.812 [0.701–0.923]" (en dash)
QString meanSd(double mean, double sd, int decimals = 3);  // "0.781 ± 0.045"
QString pValue(double p);                                  // "<0.001", "0.034"; p < 0: ""
QString signedFixed(double value, int decimals = 3);       // "+0.412", "−0.087" (minus sign)
QString significant(double value, int digits = 6);         // "1234.57", "−0.00123457", "1.5e+07"

}  // namespace drs::report
