#include <QtTest>

#include <cmath>

#include "core/stats/Distributions.h"
#include "core/util/Error.h"
#include "tests/core/stats/ReferenceValues.h"

using namespace drs::stats;

// Every value is R 4.2.2's (pbeta, pgamma, pt, pchisq, pnorm, qnorm), see make_reference_r.R.
class TestDistributions : public QObject {
    Q_OBJECT
    drs::testing::ReferenceValues r_{"reference_r.csv"};

    static QString key(const char* format, double a, double b = 0, double c = 0) {
        char buffer[128];
        std::snprintf(buffer, sizeof buffer, format, a, b, c);
        return QString::fromLatin1(buffer);
    }
    void near(const QString& name, double actual, double relative = 1e-10) {
        const double expected = r_.number(name.toStdString());
        QVERIFY2(
            std::fabs(actual - expected) <= relative * std::max(1e-300, std::fabs(expected)) + 1e-15,
            qPrintable(QString("%1: got %2, R gives %3").arg(name).arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }

private slots:
    void incompleteBeta() {
        for (double a : {0.5, 2.0, 10.0})
            for (double b : {0.5, 3.0, 40.0})
                for (double x : {0.01, 0.3, 0.9}) near(key("pbeta.%g.%g.%g", x, a, b), regularizedBeta(x, a, b));
    }
    void incompleteGamma() {
        for (double s : {0.5, 3.0, 25.0})
            for (double x : {0.1, 2.0, 30.0}) near(key("pgamma.%g.%g", x, s), regularizedGammaP(s, x));
    }
    void studentT() {
        for (double df : {1.0, 4.5, 30.0, 300.0})
            for (double x : {-3.0, 0.7, 2.5}) near(key("pt.%g.%g", x, df), studentTCdf(x, df));
    }
    void chiSquare() {
        for (double df : {1.0, 2.0, 7.0, 60.0})
            for (double x : {0.05, 3.0, 14.0}) near(key("pchisq_upper.%g.%g", x, df), chiSquareUpperTail(x, df));
    }
    void normal() {
        for (double x : {-8.0, -1.5, 0.3, 4.0}) near(key("pnorm.%g", x), normalCdf(x));
        for (double p : {1e-10, 0.025, 0.3, 0.975}) near(key("qnorm.%g", p), normalQuantile(p), 1e-12);
    }
    void rejectsBadArguments() {
        QVERIFY_THROWS_EXCEPTION(drs::Error, regularizedBeta(0.5, -1, 2));
        QVERIFY_THROWS_EXCEPTION(drs::Error, normalQuantile(1.0));
    }
};

QTEST_APPLESS_MAIN(TestDistributions)
#include "test_distributions.moc"
