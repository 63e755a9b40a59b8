#include "core/radiomics/Lbp3D.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <map>
#include <utility>

#include "core/radiomics/Resampling.h"

namespace drs::radiomics {
namespace {

using Vertex = std::array<double, 3>;

double norm(const Vertex& v) { return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

// trimesh's way of putting vertices on the sphere: v + (v / |v|) (radius - |v|).
void onSphere(std::vector<Vertex>& vertices, double radius) {
    for (Vertex& v : vertices) {
        const double length = norm(v);
        for (double& c : v) c += c / length * (radius - length);
    }
}

// The regular icosahedron on the unit sphere: the cyclic permutations of (+-1, +-phi, 0),
// normalised; its faces are the triples of vertices one edge apart pairwise.
std::pair<std::vector<Vertex>, std::vector<std::array<std::size_t, 3>>> icosahedron() {
    const double phi = (1 + std::sqrt(5.0)) / 2;
    std::vector<Vertex> vertices;
    for (double a : {-1.0, 1.0})
        for (double b : {-phi, phi}) {
            vertices.push_back({a, b, 0});
            vertices.push_back({0, a, b});
            vertices.push_back({b, 0, a});
        }
    onSphere(vertices, 1);
    const auto distance = [&](std::size_t i, std::size_t j) {
        return norm(
            {vertices[i][0] - vertices[j][0], vertices[i][1] - vertices[j][1], vertices[i][2] - vertices[j][2]});
    };
    double shortest = std::numeric_limits<double>::infinity();
    for (std::size_t j = 1; j < vertices.size(); ++j) shortest = std::min(shortest, distance(0, j));
    const auto adjacent = [&](std::size_t i, std::size_t j) { return std::abs(distance(i, j) - shortest) < 1e-9; };
    std::vector<std::array<std::size_t, 3>> faces;
    for (std::size_t i = 0; i < vertices.size(); ++i)
        for (std::size_t j = i + 1; j < vertices.size(); ++j)
            for (std::size_t k = j + 1; k < vertices.size(); ++k)
                if (adjacent(i, j) && adjacent(j, k) && adjacent(i, k)) faces.push_back({i, j, k});
    return {vertices, faces};
}

// scipy's sph_harm(m, n, azimuth, polar) for m >= 0: sqrt((2n + 1) / 4 pi (n - m)! / (n + m)!)
// P_n^m(cos polar) e^(i m azimuth), P with the Condon-Shortley phase.
std::complex<double> sphericalHarmonic(int m, int n, double azimuth, double polar) {
    const double x = std::cos(polar);
    const double s = std::sqrt(std::max(0.0, 1 - x * x));
    double pmm = 1;  // P_m^m
    for (int k = 1; k <= m; ++k) pmm *= -(2 * k - 1) * s;
    double p = pmm;
    if (n > m) {
        double previous = pmm, current = x * (2 * m + 1) * pmm;
        for (int l = m + 2; l <= n; ++l) {
            const double next = ((2 * l - 1) * x * current - (l + m - 1) * previous) / (l - m);
            previous = current;
            current = next;
        }
        p = current;
    }
    double factorialRatio = 1;  // (n - m)! / (n + m)!
    for (int k = n - m + 1; k <= n + m; ++k) factorialRatio /= k;
    return std::sqrt((2 * n + 1) / (4 * M_PI) * factorialRatio) * p * std::polar(1.0, m * azimuth);
}

// The index scipy's mirror boundary reads for i on an axis of n samples.
std::int64_t mirrored(std::int64_t i, std::int64_t n) {
    if (n == 1) return 0;
    const std::int64_t period = 2 * (n - 1);
    i = ((i % period) + period) % period;
    return i < n ? i : period - i;
}

// map_coordinates(order=3, mode='constant') at the point (x, y, z) in voxel indices: 0 beyond the
// image, else the spline.
double splineAt(const SplineCoefficients& c, const std::array<std::int64_t, 3>& imageSize,
                const std::array<double, 3>& p) {
    std::array<std::array<std::int64_t, 4>, 3> index{};
    std::array<std::array<double, 4>, 3> weight{};
    for (int a = 0; a < 3; ++a) {
        if (p[a] < 0 || p[a] > static_cast<double>(imageSize[a] - 1)) return 0;
        const double first = std::floor(p[a]);
        const double t = p[a] - first;
        weight[a] = {(1 - t) * (1 - t) * (1 - t) / 6, (3 * t * t * t - 6 * t * t + 4) / 6,
                     (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6, t * t * t / 6};
        for (int k = 0; k < 4; ++k) index[a][k] = mirrored(static_cast<std::int64_t>(first) - 1 + k, imageSize[a]);
    }
    double sum = 0;
    for (int k = 0; k < 4; ++k)
        for (int j = 0; j < 4; ++j) {
            double row = 0;
            for (int i = 0; i < 4; ++i) row += weight[0][i] * c.at(index[0][i], index[1][j], index[2][k]);
            sum += weight[1][j] * weight[2][k] * row;
        }
    return sum;
}

}  // namespace

std::vector<std::array<double, 3>> icosphereVertices(int subdivisions, double radius) {
    auto [vertices, faces] = icosahedron();
    for (int s = 0; s < subdivisions; ++s) {
        std::map<std::pair<std::size_t, std::size_t>, std::size_t> midpoints;
        const auto midpoint = [&](std::size_t a, std::size_t b) {
            const auto key = std::minmax(a, b);
            const auto found = midpoints.find(key);
            if (found != midpoints.end()) return found->second;
            vertices.push_back({(vertices[a][0] + vertices[b][0]) / 2, (vertices[a][1] + vertices[b][1]) / 2,
                                (vertices[a][2] + vertices[b][2]) / 2});
            return midpoints[key] = vertices.size() - 1;
        };
        std::vector<std::array<std::size_t, 3>> split;
        for (const auto& [a, b, c] : faces) {
            const std::size_t ab = midpoint(a, b), bc = midpoint(b, c), ca = midpoint(c, a);
            split.insert(split.end(), {{a, ab, ca}, {b, bc, ab}, {c, ca, bc}, {ab, bc, ca}});
        }
        faces = std::move(split);
        onSphere(vertices, radius);
    }
    if (subdivisions == 0) onSphere(vertices, radius);
    return vertices;
}

Lbp3DImages localBinaryPattern3D(const Volume& image, const Region& region, int levels, double icosphereRadius,
                                 int subdivisions) {
    // pyradiomics adds a vertex (a, b, c) to the voxel's (z, y, x) index.
    const std::vector<Vertex> vertices = icosphereVertices(subdivisions, icosphereRadius);
    const std::size_t count = vertices.size();
    // Y[v][j], j running over degrees 0 .. levels - 1 and their orders -n .. n, as pyradiomics stacks
    // them: degree n holds j = n^2 .. n^2 + 2n.
    std::vector<std::vector<std::complex<double>>> harmonics(count);
    for (std::size_t v = 0; v < count; ++v) {
        const double azimuth = std::acos(vertices[v][2] / icosphereRadius);
        const double polar = std::atan2(vertices[v][1], vertices[v][0]);
        for (int n = 0; n < levels; ++n)
            for (int m = -n; m <= n; ++m) {
                const std::complex<double> y = sphericalHarmonic(std::abs(m), n, azimuth, polar);
                harmonics[v].push_back(m >= 0 ? y : (m % 2 ? -1.0 : 1.0) * std::conj(y));
            }
    }
    // The samples reach the radius, and the cubic spline two voxels beyond.
    const auto reach = static_cast<std::int64_t>(std::ceil(icosphereRadius)) + 2;
    std::array<std::int64_t, 3> low{}, high{};
    for (int a = 0; a < 3; ++a) {
        low[a] = region.box.startXyz[a] - reach;
        high[a] = region.box.startXyz[a] + region.box.sizeXyz[a] - 1 + reach;
    }
    const SplineCoefficients coefficients = bsplineCoefficients(image, low, high, region.intensityMap);
    const auto& imageSize = image.geometry.sizeXyz;

    Lbp3DImages out;
    out.levels.assign(static_cast<std::size_t>(levels), std::vector<double>(region.mask.size(), 0.0));
    out.kurtosis.assign(region.mask.size(), 0.0);
    std::vector<double> samples(count);
    std::vector<std::complex<double>> c(static_cast<std::size_t>(levels * levels));
    std::size_t i = 0;
    for (std::int64_t z = 0; z < region.box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < region.box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < region.box.sizeXyz[0]; ++x, ++i) {
                if (!region.mask[i]) continue;
                const std::array<double, 3> voxel{static_cast<double>(region.box.startXyz[0] + x),
                                                  static_cast<double>(region.box.startXyz[1] + y),
                                                  static_cast<double>(region.box.startXyz[2] + z)};
                double mean = 0;
                for (std::size_t v = 0; v < count; ++v) {
                    samples[v] =
                        splineAt(coefficients, imageSize,
                                 {voxel[0] + vertices[v][2], voxel[1] + vertices[v][1], voxel[2] + vertices[v][0]});
                    mean += samples[v];
                }
                mean /= static_cast<double>(count);
                double m2 = 0, m4 = 0;
                for (double s : samples) {
                    const double d = (s - mean) * (s - mean);
                    m2 += d;
                    m4 += d * d;
                }
                m2 /= static_cast<double>(count);
                m4 /= static_cast<double>(count);
                // scipy calls the samples equal when the variance is below the mean's resolution.
                const double resolution = 1e-15 * mean;
                out.kurtosis[i] =
                    m2 <= resolution * resolution ? std::numeric_limits<double>::quiet_NaN() : m4 / (m2 * m2) - 3;

                // A sample equal to the voxel in exact arithmetic (on the grid beside an equal voxel,
                // or in a flat region) lands a rounding error either side of it; it counts as set.
                const double centre = region.intensity[i];
                const double atLeast = centre - 1e-9 * (1 + std::abs(centre));
                std::fill(c.begin(), c.end(), 0.0);
                for (std::size_t v = 0; v < count; ++v)
                    if (samples[v] >= atLeast)
                        for (std::size_t j = 0; j < c.size(); ++j) c[j] += harmonics[v][j];
                for (int n = 0; n < levels; ++n) {
                    std::complex<double> energy = 0;
                    for (std::size_t v = 0; v < count; ++v) {
                        std::complex<double> f = 0;
                        for (auto j = static_cast<std::size_t>(n * n); j <= static_cast<std::size_t>(n * n + 2 * n);
                             ++j)
                            f += c[j] * harmonics[v][j];
                        energy += f * f;
                    }
                    out.levels[static_cast<std::size_t>(n)][i] = std::sqrt(energy).real();
                }
            }
    return out;
}

}  // namespace drs::radiomics
