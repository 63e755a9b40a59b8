// IBSI's morphological features that pyradiomics' shape lacks (IBSI 1, section 3.1). V and A: the
// volume and area of the marching-cubes mesh of the morphological mask (MarchingCubes.cpp, as
// shape's); x_k: voxel centres in mm; X_k: the N intensities of the intensity mask, mu their mean.
// The convex hull is qhull's (Debian's libqhull, a well-kept library for exactly this), of the mesh
// vertices that can be its corners; the minimum-volume enclosing ellipsoid and the oriented minimum
// bounding box are those of the hull's corners. Moran's I and Geary's C sum over every pair of
// voxels weighted by w_kl = 1 / |x_k - x_l|: the pair sums are correlations of the box with that
// kernel, taken through Eigen's FFT, so their cost follows the box (M log M) rather than the pairs
// (N^2, 10^10 for a 100 cm^3 tumour at 1 mm).
#include "core/radiomics/Morphology.h"

#include <libqhull_r/libqhull_r.h>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/Geometry>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <functional>
#include <limits>
#include <numbers>
#include <tuple>
#include <unsupported/Eigen/FFT>

#include "core/radiomics/MarchingCubes.h"
#include "core/radiomics/Shape.h"
#include "core/util/Error.h"

namespace drs::radiomics {
namespace {

using Spectrum = std::vector<std::complex<double>>;

struct MorphologyInput {
    MeshMeasures mesh;
    std::array<double, 3> boundingBoxMm{0, 0, 0};              // extent of the mesh along x, y, z
    double lambdaMajor = 0, lambdaMinor = 0, lambdaLeast = 0;  // IBSI's PCA (sample covariance)
    double hullVolumeMm3 = 0, hullAreaMm2 = 0;
    std::array<double, 3> enclosingEllipsoidSemiAxesMm{0, 0, 0};  // the MVEE's, largest first
    std::array<double, 3> orientedBoxSidesMm{0, 0, 0};            // the OMBB's
    double meanIntensity = 0;
    double centreOfMassShiftMm = 0;
    double moransI = 0, gearysC = 0;
};

// Volume density (AABB) = V / volume of the mesh's axis-aligned bounding box
double volumeDensityAxisAlignedBoundingBox(const MorphologyInput& m) {
    return m.mesh.volumeMm3 / (m.boundingBoxMm[0] * m.boundingBoxMm[1] * m.boundingBoxMm[2]);
}
// Area density (AABB) = A / area of that box
double areaDensityAxisAlignedBoundingBox(const MorphologyInput& m) {
    const auto& b = m.boundingBoxMm;
    return m.mesh.surfaceAreaMm2 / (2 * (b[0] * b[1] + b[0] * b[2] + b[1] * b[2]));
}

// The approximate enclosing ellipsoid's semi-axes a >= b >= c = 2 sqrt(lambda) of the PCA.
std::array<double, 3> ellipsoidSemiAxes(const MorphologyInput& m) {
    return {2 * std::sqrt(m.lambdaMajor), 2 * std::sqrt(m.lambdaMinor), 2 * std::sqrt(m.lambdaLeast)};
}
// Volume density (AEE) = V / (4 pi a b c / 3); NaN for a flat ROI (c = 0), which has no ellipsoid
double volumeDensityApproximateEnclosingEllipsoid(const MorphologyInput& m) {
    const auto [a, b, c] = ellipsoidSemiAxes(m);
    if (c == 0) return std::nan("");
    return m.mesh.volumeMm3 / (4 * std::numbers::pi * a * b * c / 3);
}
// The area of an ellipsoid of semi-axes a >= b >= c > 0 by IBSI's series:
// 4 pi a b sum_{v=0}^{20} (alpha beta)^v / (1 - 4 v^2) P_v((alpha^2 + beta^2) / (2 alpha beta)),
// alpha = sqrt(1 - b^2 / a^2), beta = sqrt(1 - c^2 / a^2), P_v Legendre's polynomials. The terms
// Q_v = (alpha beta)^v P_v(s / (alpha beta)), s = (alpha^2 + beta^2) / 2, follow Bonnet's recursion
// multiplied through, (v + 1) Q_{v+1} = (2 v + 1) s Q_v - v (alpha beta)^2 Q_{v-1}, which stays
// finite for a sphere (alpha beta = 0).
double ellipsoidAreaMm2(double a, double b, double c) {
    const double alpha = std::sqrt(1 - b * b / (a * a)), beta = std::sqrt(1 - c * c / (a * a));
    const double s = (alpha * alpha + beta * beta) / 2, u2 = alpha * beta * alpha * beta;
    double previous = 1, current = s, sum = 1;  // Q_0, Q_1, and the v = 0 term
    for (int v = 1; v <= 20; ++v) {
        sum += current / (1 - 4.0 * v * v);
        const double next = ((2 * v + 1) * s * current - v * u2 * previous) / (v + 1);
        previous = current;
        current = next;
    }
    return 4 * std::numbers::pi * a * b * sum;
}
// Area density (AEE) = A / A_aee, the ellipsoid's area by IBSI's series
double areaDensityApproximateEnclosingEllipsoid(const MorphologyInput& m) {
    const auto [a, b, c] = ellipsoidSemiAxes(m);
    if (c == 0) return std::nan("");
    return m.mesh.surfaceAreaMm2 / ellipsoidAreaMm2(a, b, c);
}

// Volume density (MVEE) = V / (4 pi a b c / 3), a >= b >= c the semi-axes of the smallest ellipsoid
// holding the mesh
double volumeDensityMinimumVolumeEnclosingEllipsoid(const MorphologyInput& m) {
    const auto [a, b, c] = m.enclosingEllipsoidSemiAxesMm;
    if (c == 0) return std::nan("");
    return m.mesh.volumeMm3 / (4 * std::numbers::pi * a * b * c / 3);
}
// Area density (MVEE) = A / A_mvee, that ellipsoid's area by IBSI's series
double areaDensityMinimumVolumeEnclosingEllipsoid(const MorphologyInput& m) {
    const auto [a, b, c] = m.enclosingEllipsoidSemiAxesMm;
    if (c == 0) return std::nan("");
    return m.mesh.surfaceAreaMm2 / ellipsoidAreaMm2(a, b, c);
}

// Volume density (OMBB) = V / volume of the smallest box around the mesh, in any orientation
double volumeDensityOrientedMinimumBoundingBox(const MorphologyInput& m) {
    const auto& s = m.orientedBoxSidesMm;
    return m.mesh.volumeMm3 / (s[0] * s[1] * s[2]);
}
// Area density (OMBB) = A / area of that box
double areaDensityOrientedMinimumBoundingBox(const MorphologyInput& m) {
    const auto& s = m.orientedBoxSidesMm;
    return m.mesh.surfaceAreaMm2 / (2 * (s[0] * s[1] + s[0] * s[2] + s[1] * s[2]));
}

// Volume density (convex hull) = V / volume of the mesh's convex hull
double volumeDensityConvexHull(const MorphologyInput& m) { return m.mesh.volumeMm3 / m.hullVolumeMm3; }
// Area density (convex hull) = A / area of that hull
double areaDensityConvexHull(const MorphologyInput& m) { return m.mesh.surfaceAreaMm2 / m.hullAreaMm2; }

// Asphericity = (A^3 / (36 pi V^2))^(1/3) - 1
double asphericity(const MorphologyInput& m) {
    return std::cbrt(std::pow(m.mesh.surfaceAreaMm2, 3) / (36 * std::numbers::pi * std::pow(m.mesh.volumeMm3, 2))) - 1;
}

// Integrated intensity = V mu
double integratedIntensity(const MorphologyInput& m) { return m.mesh.volumeMm3 * m.meanIntensity; }
// Centre of mass shift = |centroid of the morphological mask's voxels - sum X_k x_k / sum X_k|;
// NaN when sum X_k = 0
double centreOfMassShift(const MorphologyInput& m) { return m.centreOfMassShiftMm; }
// Moran's I = N / sum_{k!=l} w_kl * sum_{k!=l} w_kl (X_k - mu)(X_l - mu) / sum_k (X_k - mu)^2; NaN for
// one voxel or one intensity
double moransI(const MorphologyInput& m) { return m.moransI; }
// Geary's C = (N - 1) / (2 sum_{k!=l} w_kl) * sum_{k!=l} w_kl (X_k - X_l)^2 / sum_k (X_k - mu)^2; NaN
// likewise
double gearysC(const MorphologyInput& m) { return m.gearysC; }

struct ConvexHull {
    double volumeMm3 = 0, areaMm2 = 0;
    std::vector<std::array<double, 3>> cornersMm;
    std::vector<Eigen::Vector3d> faceNormals;
};

// The convex hull of points (x, y, z in mm), by qhull.
ConvexHull convexHullOf(const std::vector<std::array<double, 3>>& points) {
    std::vector<coordT> coordinates;
    for (const auto& p : points) coordinates.insert(coordinates.end(), p.begin(), p.end());
    char messages[1024] = {};
    FILE* errors = fmemopen(messages, sizeof messages - 1, "w");
    qhT state;
    qh_zero(&state, errors);
    char command[] = "qhull FA";
    const int failed =
        qh_new_qhull(&state, 3, static_cast<int>(points.size()), coordinates.data(), False, command, nullptr, errors);
    ConvexHull hull{state.totvol, state.totarea, {}};
    // qhull's vertex list ends in a sentinel.
    if (!failed) {
        for (const vertexT* vertex = state.vertex_list; vertex && vertex->next; vertex = vertex->next)
            hull.cornersMm.push_back(points[static_cast<std::size_t>(qh_pointid(&state, vertex->point))]);
        for (const facetT* facet = state.facet_list; facet && facet->next; facet = facet->next)
            hull.faceNormals.emplace_back(facet->normal[0], facet->normal[1], facet->normal[2]);
    }
    qh_freeqhull(&state, !qh_ALL);
    int stillLong = 0, totalLong = 0;
    qh_memfreeshort(&state, &stillLong, &totalLong);
    std::fclose(errors);
    if (failed)
        throw Error("morphology: qhull could not take the convex hull of the ROI's " + std::to_string(points.size()) +
                    " mesh corners: " + messages);
    return hull;
}

struct OrientedBox {
    std::array<Eigen::Vector3d, 3> axes;  // orthonormal
    std::array<double, 3> sidesMm{0, 0, 0};
    double volumeMm3() const { return sidesMm[0] * sidesMm[1] * sidesMm[2]; }
};

// The corners of the convex hull of points in a plane, counter-clockwise (Andrew's monotone chain).
std::vector<Eigen::Vector2d> convexPolygon(std::vector<Eigen::Vector2d> points) {
    std::sort(points.begin(), points.end(), [](const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
        return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y());
    });
    if (points.size() < 3) return points;
    const auto turnsLeft = [](const Eigen::Vector2d& o, const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
        return (a - o).x() * (b - o).y() - (a - o).y() * (b - o).x() > 0;
    };
    std::vector<Eigen::Vector2d> hull(2 * points.size());
    std::size_t k = 0;
    for (const Eigen::Vector2d& p : points) {  // lower chain
        while (k >= 2 && !turnsLeft(hull[k - 2], hull[k - 1], p)) --k;
        hull[k++] = p;
    }
    for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {  // upper chain
        while (k >= lower && !turnsLeft(hull[k - 2], hull[k - 1], points[i])) --k;
        hull[k++] = points[i];
    }
    hull.resize(k - 1);
    return hull;
}

// The box with one axis along `axis` and the smallest cross-section about it. The smallest
// rectangle around a convex polygon has a side on one of its edges (Freeman and Shapira), so each
// edge direction is tried.
OrientedBox boxAbout(const std::vector<Eigen::Vector3d>& corners, const Eigen::Vector3d& axis) {
    const Eigen::Vector3d w = axis.normalized(), u = w.unitOrthogonal(), v = w.cross(u);
    std::vector<Eigen::Vector2d> projected;
    projected.reserve(corners.size());
    for (const Eigen::Vector3d& p : corners) projected.emplace_back(p.dot(u), p.dot(v));
    const std::vector<Eigen::Vector2d> polygon = convexPolygon(std::move(projected));
    double smallestArea = std::numeric_limits<double>::infinity();
    Eigen::Vector2d bestSide(1, 0);
    for (std::size_t i = 0; i < polygon.size(); ++i) {
        const Eigen::Vector2d edge = polygon[(i + 1) % polygon.size()] - polygon[i];
        if (edge.squaredNorm() == 0) continue;
        const Eigen::Vector2d side = edge.normalized(), across(-side.y(), side.x());
        double lowSide = std::numeric_limits<double>::infinity(), highSide = -lowSide, lowAcross = lowSide,
               highAcross = -lowSide;
        for (const Eigen::Vector2d& p : polygon) {
            lowSide = std::min(lowSide, p.dot(side));
            highSide = std::max(highSide, p.dot(side));
            lowAcross = std::min(lowAcross, p.dot(across));
            highAcross = std::max(highAcross, p.dot(across));
        }
        if (const double area = (highSide - lowSide) * (highAcross - lowAcross); area < smallestArea) {
            smallestArea = area;
            bestSide = side;
        }
    }
    OrientedBox box;
    box.axes = {w, bestSide.x() * u + bestSide.y() * v, {}};
    box.axes[2] = w.cross(box.axes[1]);
    for (std::size_t k = 0; k < 3; ++k) {
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (const Eigen::Vector3d& p : corners) {
            low = std::min(low, p.dot(box.axes[k]));
            high = std::max(high, p.dot(box.axes[k]));
        }
        box.sidesMm[k] = high - low;
    }
    return box;
}

std::array<double, 3> sidesLongestFirst(std::array<double, 3> sides) {
    std::sort(sides.begin(), sides.end(), std::greater<>());
    return sides;
}

std::array<double, 3> smallestBoxAround(const ConvexHull& hull) {
    std::vector<Eigen::Vector3d> corners;
    for (const auto& p : hull.cornersMm) corners.emplace_back(p[0], p[1], p[2]);
    OrientedBox best = boxAbout(corners, Eigen::Vector3d::UnitZ());
    for (const Eigen::Vector3d& normal : hull.faceNormals)
        if (const OrientedBox box = boxAbout(corners, normal); box.volumeMm3() < best.volumeMm3()) best = box;
    for (bool smaller = true; smaller;) {
        smaller = false;
        const std::array<Eigen::Vector3d, 3> axes = best.axes;
        for (const Eigen::Vector3d& axis : axes)
            if (const OrientedBox box = boxAbout(corners, axis); box.volumeMm3() < best.volumeMm3() * (1 - 1e-12)) {
                best = box;
                smaller = true;
            }
    }
    return sidesLongestFirst(best.sidesMm);
}

// The FFT grid of a box correlated with itself without wrapping: per axis at least 2 n - 1 points,
// even, and a product of 2, 3 and 5 (the sizes kissfft transforms fastest).
std::size_t paddedLength(std::int64_t n) {
    for (std::size_t m = static_cast<std::size_t>(std::max<std::int64_t>(2, 2 * n - 1));; ++m) {
        std::size_t rest = m;
        for (const std::size_t f : {2, 3, 5})
            while (rest % f == 0) rest /= f;
        if (rest == 1 && m % 2 == 0) return m;
    }
}

struct FftGrid {
    std::array<std::size_t, 3> n;  // x, y, z
    std::size_t halfX() const { return n[0] / 2 + 1; }
    std::size_t spectrumSize() const { return halfX() * n[1] * n[2]; }
};

// The 3D spectrum of a real array on the grid, kept for non-negative x frequencies only (the rest
// are their conjugates). fillRow(y, z, row) writes row (y, z) of the array and returns false when
// it is all zero: its transform is then zero and skipped, and so is the y transform of a plane of
// such rows (half the grid's planes for the ROI's box).
template <class FillRow>
Spectrum forwardTransform(const FftGrid& g, FillRow fillRow) {
    Eigen::FFT<double> fft;
    fft.SetFlag(Eigen::FFT<double>::HalfSpectrum);
    const std::size_t hx = g.halfX();
    Spectrum out(g.spectrumSize());
    std::vector<double> row(g.n[0]);
    std::vector<char> planeHasData(g.n[2], 0);
    Spectrum line(std::max({g.n[0], g.n[1], g.n[2]})), transformed(line.size());
    for (std::size_t z = 0; z < g.n[2]; ++z)
        for (std::size_t y = 0; y < g.n[1]; ++y) {
            std::fill(row.begin(), row.end(), 0.0);
            if (!fillRow(y, z, row)) continue;
            planeHasData[z] = 1;
            fft.fwd(transformed.data(), row.data(), static_cast<Eigen::Index>(g.n[0]));
            std::copy_n(transformed.begin(), hx, out.begin() + std::ptrdiff_t((z * g.n[1] + y) * hx));
        }
    auto transformLine = [&](std::size_t start, std::size_t stride, std::size_t length) {
        for (std::size_t i = 0; i < length; ++i) line[i] = out[start + i * stride];
        fft.fwd(transformed.data(), line.data(), static_cast<Eigen::Index>(length));
        for (std::size_t i = 0; i < length; ++i) out[start + i * stride] = transformed[i];
    };
    for (std::size_t z = 0; z < g.n[2]; ++z)
        if (planeHasData[z])
            for (std::size_t fx = 0; fx < hx; ++fx) transformLine(z * g.n[1] * hx + fx, hx, g.n[1]);
    for (std::size_t k = 0; k < hx * g.n[1]; ++k) transformLine(k, hx * g.n[1], g.n[2]);
    return out;
}

// sum over the grid of a (K * b), for real a, b and the real, even kernel K (whose spectrum is
// real), from spectra (Parseval): (1 / M) sum_f K_f Re(conj(A_f) B_f), the x frequencies
// 0 < f < n_x / 2 counted twice for their conjugates.
double pairSum(const FftGrid& g, const Spectrum& a, const std::vector<double>& kernel, const Spectrum& b) {
    const std::size_t hx = g.halfX();
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::size_t fx = i % hx;
        const double weight = fx == 0 || fx == hx - 1 ? 1 : 2;
        sum += weight * kernel[i] * (std::conj(a[i]) * b[i]).real();
    }
    return sum / double(g.n[0] * g.n[1] * g.n[2]);
}

// The spectrum of K(r) = 1 / |r| (K(0) = 0) on the grid, lags wrapping around (r for index i is i
// below n / 2, i - n above, times the spacing): real, as K is even.
std::vector<double> inverseDistanceSpectrum(const FftGrid& g, const std::array<double, 3>& spacingMm) {
    auto lagMm = [&](std::size_t i, std::size_t axis) {
        const double n = double(g.n[axis]);
        return (double(i) <= n / 2 ? double(i) : double(i) - n) * spacingMm[axis];
    };
    const Spectrum spectrum = forwardTransform(g, [&](std::size_t y, std::size_t z, std::vector<double>& row) {
        const double dy = lagMm(y, 1), dz = lagMm(z, 2);
        for (std::size_t x = 0; x < g.n[0]; ++x) {
            const double dx = lagMm(x, 0), r2 = dx * dx + dy * dy + dz * dz;
            row[x] = r2 == 0 ? 0 : 1 / std::sqrt(r2);
        }
        return true;
    });
    std::vector<double> real(spectrum.size());
    for (std::size_t i = 0; i < spectrum.size(); ++i) real[i] = spectrum[i].real();
    return real;
}

// Moran's I and Geary's C of the intensity mask. With d = X - mu on the mask (0 elsewhere), m the
// mask and K(r) = 1 / |r| (K(0) = 0): sum w = sum m (K * m), sum w d_k d_l = sum d (K * d), and
// sum w (X_k - X_l)^2 = 2 sum d^2 (K * m) - 2 sum d (K * d).
std::pair<double, double> spatialAutocorrelation(const Region& region, double mean) {
    const auto& size = region.box.sizeXyz;
    const FftGrid g{{paddedLength(size[0]), paddedLength(size[1]), paddedLength(size[2])}};
    const std::vector<double> kernel = inverseDistanceSpectrum(g, region.spacingMm);
    auto maskTransform = [&](auto value) {
        return forwardTransform(g, [&](std::size_t y, std::size_t z, std::vector<double>& row) {
            if (y >= std::size_t(size[1]) || z >= std::size_t(size[2])) return false;
            bool any = false;
            for (std::int64_t x = 0; x < size[0]; ++x) {
                const std::size_t i = region.linear(x, std::int64_t(y), std::int64_t(z));
                if (!region.mask[i]) continue;
                row[std::size_t(x)] = value(region.intensity[i] - mean);
                any = true;
            }
            return any;
        });
    };
    // One spectrum at a time beside the kernel's and the mask's, so a large box needs 2.5 spectra.
    Spectrum inMask = maskTransform([](double) { return 1.0; });
    const double weights = pairSum(g, inMask, kernel, inMask);
    double squaredDifferences = 2 * pairSum(g, maskTransform([](double d) { return d * d; }), kernel, inMask);
    inMask = Spectrum();
    const Spectrum deviation = maskTransform([](double d) { return d; });
    const double products = pairSum(g, deviation, kernel, deviation);
    squaredDifferences -= 2 * products;
    double sumOfSquares = 0;
    for (std::size_t i = 0; i < region.mask.size(); ++i)
        if (region.mask[i]) sumOfSquares += (region.intensity[i] - mean) * (region.intensity[i] - mean);
    const double n = double(region.maskVoxelCount);
    if (weights <= 0 || sumOfSquares == 0) return {std::nan(""), std::nan("")};
    return {n / weights * products / sumOfSquares, (n - 1) / (2 * weights) * squaredDifferences / sumOfSquares};
}

}  // namespace

FamilyValues morphologyFeatures(const Region& region) {
    MorphologyInput m;
    const auto& size = region.box.sizeXyz;
    m.mesh = measureMesh(region.shapeMask, size, region.spacingMm);
    for (int axis = 0; axis < 3; ++axis) {
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (const auto& p : m.mesh.hullCandidatesXyzMm) {
            low = std::min(low, p[static_cast<std::size_t>(axis)]);
            high = std::max(high, p[static_cast<std::size_t>(axis)]);
        }
        m.boundingBoxMm[static_cast<std::size_t>(axis)] = high - low;
    }
    const ConvexHull hull = convexHullOf(m.mesh.hullCandidatesXyzMm);
    m.hullVolumeMm3 = hull.volumeMm3;
    m.hullAreaMm2 = hull.areaMm2;
    m.enclosingEllipsoidSemiAxesMm = minimumVolumeEnclosingEllipsoidSemiAxesMm(hull.cornersMm);
    m.orientedBoxSidesMm = smallestBoxAround(hull);

    const VoxelCentrePca pca = voxelCentrePca(region);
    const double sampleCorrection = pca.voxelCount / std::max(1.0, pca.voxelCount - 1);
    m.lambdaLeast = pca.eigenvaluesMm2[0] * sampleCorrection;
    m.lambdaMinor = pca.eigenvaluesMm2[1] * sampleCorrection;
    m.lambdaMajor = pca.eigenvaluesMm2[2] * sampleCorrection;
    Eigen::Vector3d weightedSum = Eigen::Vector3d::Zero();
    double intensitySum = 0;
    for (std::int64_t z = 0; z < size[2]; ++z)
        for (std::int64_t y = 0; y < size[1]; ++y)
            for (std::int64_t x = 0; x < size[0]; ++x) {
                const std::size_t i = region.linear(x, y, z);
                if (!region.mask[i]) continue;
                weightedSum += region.intensity[i] * Eigen::Vector3d(double(x) * region.spacingMm[0],
                                                                     double(y) * region.spacingMm[1],
                                                                     double(z) * region.spacingMm[2]);
                intensitySum += region.intensity[i];
            }
    const Eigen::Vector3d centroid(pca.centroidMm[0], pca.centroidMm[1], pca.centroidMm[2]);
    m.meanIntensity = intensitySum / double(region.maskVoxelCount);
    m.centreOfMassShiftMm = intensitySum == 0 ? std::nan("") : (centroid - weightedSum / intensitySum).norm();
    std::tie(m.moransI, m.gearysC) = spatialAutocorrelation(region, m.meanIntensity);

    return {{"AreaDensityApproximateEnclosingEllipsoid", areaDensityApproximateEnclosingEllipsoid(m)},
            {"AreaDensityAxisAlignedBoundingBox", areaDensityAxisAlignedBoundingBox(m)},
            {"AreaDensityConvexHull", areaDensityConvexHull(m)},
            {"AreaDensityMinimumVolumeEnclosingEllipsoid", areaDensityMinimumVolumeEnclosingEllipsoid(m)},
            {"AreaDensityOrientedMinimumBoundingBox", areaDensityOrientedMinimumBoundingBox(m)},
            {"Asphericity", asphericity(m)},
            {"CentreOfMassShift", centreOfMassShift(m)},
            {"GearysC", gearysC(m)},
            {"IntegratedIntensity", integratedIntensity(m)},
            {"MoransI", moransI(m)},
            {"VolumeDensityApproximateEnclosingEllipsoid", volumeDensityApproximateEnclosingEllipsoid(m)},
            {"VolumeDensityAxisAlignedBoundingBox", volumeDensityAxisAlignedBoundingBox(m)},
            {"VolumeDensityConvexHull", volumeDensityConvexHull(m)},
            {"VolumeDensityMinimumVolumeEnclosingEllipsoid", volumeDensityMinimumVolumeEnclosingEllipsoid(m)},
            {"VolumeDensityOrientedMinimumBoundingBox", volumeDensityOrientedMinimumBoundingBox(m)}};
}

std::array<double, 3> orientedMinimumBoundingBoxSidesMm(const std::vector<std::array<double, 3>>& pointsMm) {
    return smallestBoxAround(convexHullOf(pointsMm));
}

std::array<double, 3> minimumVolumeEnclosingEllipsoidSemiAxesMm(const std::vector<std::array<double, 3>>& pointsMm) {
    constexpr double kTolerance = 1e-10;
    constexpr int kMaxIterations = 200000;
    const auto n = static_cast<Eigen::Index>(pointsMm.size());
    if (n < 4) return {0, 0, 0};
    // Each point lifted to (p - mean, 1); centred, the 4 x 4 systems stay well conditioned far
    // from the origin. The ellipsoid is the lifted points' covariance under weights u.
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    for (const auto& p : pointsMm) mean += Eigen::Vector3d(p[0], p[1], p[2]);
    mean /= double(n);
    Eigen::Matrix<double, 4, Eigen::Dynamic> lifted(4, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& p = pointsMm[static_cast<std::size_t>(i)];
        lifted.col(i) << p[0] - mean[0], p[1] - mean[1], p[2] - mean[2], 1;
    }
    Eigen::VectorXd u = Eigen::VectorXd::Constant(n, 1.0 / double(n));
    // M_i = q_i' X(u)^-1 q_i; their u-weighted mean is 4, and at the optimum every point with
    // weight has M_i = 4 and none more.
    Eigen::VectorXd m(n);
    for (int iteration = 0;; ++iteration) {
        const Eigen::Matrix4d x = lifted * u.asDiagonal() * lifted.transpose();
        const Eigen::FullPivLU<Eigen::Matrix4d> lu(x);
        if (lu.rank() < 4) return {0, 0, 0};  // the points span no volume
        m = (lifted.array() * lu.solve(lifted).array()).colwise().sum().transpose();
        Eigen::Index far = 0, near = -1;
        m.maxCoeff(&far);
        for (Eigen::Index i = 0; i < n; ++i)
            if (u[i] > 0 && (near < 0 || m[i] < m[near])) near = i;
        const double outside = m[far] / 4 - 1, inside = 1 - m[near] / 4;
        if (std::max(outside, inside) <= kTolerance || iteration == kMaxIterations) break;
        if (outside >= inside) {  // Khachiyan's step towards the farthest point
            const double step = (m[far] - 4) / (4 * (m[far] - 1));
            u *= 1 - step;
            u[far] += step;
        } else {  // Todd and Yildirim's away step: weight moves off the nearest point, to none at most
            const double step = std::min((4 - m[near]) / (4 * (m[near] - 1)), u[near] / (1 - u[near]));
            u *= 1 + step;
            u[near] = std::max(0.0, u[near] - step);
        }
    }
    // With c = sum u_i p_i and S = sum u_i p_i p_i' - c c', M_i - 1 = (p_i - c)' S^-1 (p_i - c): the
    // ellipsoid (x - c)' S^-1 (x - c) <= max M - 1 reaches the farthest point (3 at the optimum).
    const Eigen::Matrix3Xd centred = lifted.topRows<3>();
    const Eigen::Vector3d centre = centred * u;
    const Eigen::Matrix3d spread = centred * u.asDiagonal() * centred.transpose() - centre * centre.transpose();
    const Eigen::Vector3d lambda = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(spread).eigenvalues();
    const double reach = m.maxCoeff() - 1;
    return {std::sqrt(reach * lambda[2]), std::sqrt(reach * lambda[1]), std::sqrt(std::max(0.0, reach * lambda[0]))};
}

}  // namespace drs::radiomics
