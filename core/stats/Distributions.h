#pragma once

// Distribution functions behind every p-value in core/stats. Written here (not taken from a
// library) because no Debian C++ package in the product's dependency set provides them; each is
// tested against R's pbeta/pgamma/pt/pchisq/pnorm/qnorm.
namespace drs::stats {

// Regularised incomplete beta I_x(a, b), a, b > 0, x in [0, 1].
double regularizedBeta(double x, double a, double b);
// Regularised lower incomplete gamma P(s, x) and its complement Q(s, x) = 1 - P(s, x), s > 0, x >= 0.
double regularizedGammaP(double s, double x);
double regularizedGammaQ(double s, double x);

double normalCdf(double x);
// Inverse of normalCdf for p in (0, 1).
double normalQuantile(double p);
double studentTCdf(double t, double degreesOfFreedom);
// Two-sided p-value of a t statistic: P(|T| >= |t|).
double studentTTwoSidedP(double t, double degreesOfFreedom);
// Upper tail P(X >= x) of a chi-square variable.
double chiSquareUpperTail(double x, double degreesOfFreedom);
// Two-sided p-value of a standard-normal statistic.
double normalTwoSidedP(double z);

}  // namespace drs::stats
