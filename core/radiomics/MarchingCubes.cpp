// Marching cubes on a binary mask with pyradiomics' cube numbering, triangulation and
// orientation, so surface area, mesh volume and diameters agree with pyradiomics to rounding.
//
// Cube corners (z, y, x offsets) are numbered p0 (0,0,0), p1 (0,0,1), p2 (0,1,1), p3 (0,1,0),
// p4 (1,0,0), p5 (1,0,1), p6 (1,1,1), p7 (1,1,0); corner k sets bit k of the cube index. A cube
// whose p7 is inside is handled as its complement (same surface, opposite orientation), so the
// table covers indices 0..127. The triangle table is data: the classic marching-cubes
// triangulation (Lorensen & Cline 1987; table as published by P. Bourke) in the variant and vertex
// order of pyradiomics' cshape.c (BSD 3-Clause, Copyright 2017 Harvard Medical School), which the
// results must reproduce exactly because area and volume depend on the triangulation of ambiguous
// cubes.
#include "core/radiomics/MarchingCubes.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace drs::radiomics {
namespace {

// Midpoint of cube edge e, as (z, y, x) offsets within the cube.
constexpr double kEdgeMidpointZyx[12][3] = {{0, 0, 0.5}, {0, 0.5, 1}, {0, 1, 0.5}, {0, 0.5, 0},
                                            {1, 0, 0.5}, {1, 0.5, 1}, {1, 1, 0.5}, {1, 0.5, 0},
                                            {0.5, 0, 0}, {0.5, 0, 1}, {0.5, 1, 1}, {0.5, 1, 0}};
constexpr int kCornerZyx[8][3] = {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0},
                                  {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}};

// Triangles per cube index, as edge triples; -1 ends the list.
constexpr signed char kTriangles[128][16] = {
    {-1},
    {0, 8, 3, -1},
    {1, 9, 0, -1},
    {1, 8, 3, 1, 9, 8, -1},
    {1, 2, 10, -1},
    {0, 8, 3, 1, 2, 10, -1},
    {9, 2, 10, 0, 2, 9, -1},
    {2, 8, 3, 2, 10, 8, 10, 9, 8, -1},
    {11, 2, 3, -1},
    {11, 2, 0, 0, 8, 11, -1},
    {1, 9, 0, 11, 2, 3, -1},
    {11, 2, 1, 1, 9, 11, 9, 8, 11, -1},
    {3, 10, 1, 11, 10, 3, -1},
    {10, 1, 0, 0, 8, 10, 8, 11, 10, -1},
    {9, 0, 3, 3, 11, 9, 11, 10, 9, -1},
    {9, 8, 10, 11, 10, 8, -1},
    {4, 7, 8, -1},
    {0, 4, 3, 4, 7, 3, -1},
    {1, 9, 0, 4, 7, 8, -1},
    {1, 9, 4, 1, 4, 7, 1, 7, 3, -1},
    {1, 2, 10, 4, 7, 8, -1},
    {3, 4, 7, 3, 0, 4, 1, 2, 10, -1},
    {9, 2, 10, 9, 0, 2, 4, 7, 8, -1},
    {2, 10, 9, 2, 9, 7, 2, 7, 3, 4, 7, 9, -1},
    {4, 7, 8, 11, 2, 3, -1},
    {11, 4, 7, 11, 2, 4, 2, 0, 4, -1},
    {1, 9, 0, 4, 7, 8, 11, 2, 3, -1},
    {4, 7, 11, 9, 4, 11, 11, 2, 9, 1, 9, 2, -1},
    {3, 10, 1, 11, 10, 3, 4, 7, 8, -1},
    {11, 10, 1, 1, 4, 11, 1, 0, 4, 4, 7, 11, -1},
    {4, 7, 8, 9, 0, 3, 3, 11, 9, 11, 10, 9, -1},
    {4, 7, 11, 4, 11, 9, 9, 11, 10, -1},
    {9, 5, 4, -1},
    {9, 5, 4, 0, 8, 3, -1},
    {0, 5, 4, 0, 1, 5, -1},
    {8, 5, 4, 8, 3, 5, 3, 1, 5, -1},
    {1, 2, 10, 9, 5, 4, -1},
    {0, 8, 3, 1, 2, 10, 9, 5, 4, -1},
    {2, 10, 5, 5, 4, 2, 2, 4, 0, -1},
    {2, 10, 5, 3, 2, 5, 3, 5, 4, 8, 3, 4, -1},
    {9, 5, 4, 11, 2, 3, -1},
    {11, 2, 0, 0, 8, 11, 9, 5, 4, -1},
    {0, 5, 4, 0, 1, 5, 11, 2, 3, -1},
    {2, 1, 5, 2, 5, 8, 11, 2, 8, 5, 4, 8, -1},
    {3, 10, 1, 11, 10, 3, 9, 5, 4, -1},
    {5, 4, 9, 10, 1, 0, 0, 8, 10, 8, 11, 10, -1},
    {5, 4, 0, 5, 0, 11, 10, 5, 11, 11, 0, 3, -1},
    {5, 4, 8, 10, 5, 8, 11, 10, 8, -1},
    {7, 8, 9, 5, 7, 9, -1},
    {3, 0, 9, 5, 3, 9, 3, 5, 7, -1},
    {7, 8, 0, 0, 1, 7, 7, 1, 5, -1},
    {1, 5, 7, 1, 7, 3, -1},
    {7, 8, 9, 5, 7, 9, 1, 2, 10, -1},
    {1, 2, 10, 3, 0, 9, 3, 9, 5, 3, 5, 7, -1},
    {0, 2, 8, 8, 2, 5, 8, 5, 7, 2, 10, 5, -1},
    {2, 10, 5, 2, 5, 3, 3, 5, 7, -1},
    {5, 7, 9, 7, 8, 9, 11, 2, 3, -1},
    {5, 7, 9, 9, 7, 2, 2, 0, 9, 11, 2, 7, -1},
    {11, 2, 3, 0, 1, 8, 1, 7, 8, 1, 5, 7, -1},
    {2, 1, 11, 1, 7, 11, 1, 5, 7, -1},
    {7, 8, 9, 5, 7, 9, 3, 10, 1, 11, 10, 3, -1},
    {5, 7, 0, 5, 0, 9, 7, 11, 0, 10, 1, 0, 11, 10, 0, -1},
    {11, 10, 0, 0, 3, 11, 10, 5, 0, 0, 7, 8, 5, 7, 0, -1},
    {11, 10, 5, 5, 7, 11, -1},
    {6, 5, 10, -1},
    {0, 8, 3, 6, 5, 10, -1},
    {1, 9, 0, 6, 5, 10, -1},
    {1, 8, 3, 1, 9, 8, 6, 5, 10, -1},
    {1, 6, 5, 1, 2, 6, -1},
    {1, 6, 5, 1, 2, 6, 0, 8, 3, -1},
    {9, 6, 5, 9, 0, 6, 0, 2, 6, -1},
    {5, 9, 8, 5, 8, 2, 5, 2, 6, 8, 3, 2, -1},
    {11, 2, 3, 6, 5, 10, -1},
    {11, 2, 0, 0, 8, 11, 6, 5, 10, -1},
    {1, 9, 0, 11, 2, 3, 6, 5, 10, -1},
    {11, 2, 1, 1, 9, 11, 9, 8, 11, 6, 5, 10, -1},
    {6, 3, 11, 6, 5, 3, 5, 1, 3, -1},
    {0, 8, 11, 0, 11, 5, 0, 5, 1, 5, 11, 6, -1},
    {6, 3, 11, 0, 3, 6, 0, 6, 5, 0, 5, 9, -1},
    {6, 5, 9, 6, 9, 11, 11, 9, 8, -1},
    {4, 7, 8, 6, 5, 10, -1},
    {0, 4, 3, 4, 7, 3, 6, 5, 10, -1},
    {1, 9, 0, 4, 7, 8, 6, 5, 10, -1},
    {1, 9, 4, 1, 4, 7, 1, 7, 3, 6, 5, 10, -1},
    {4, 7, 8, 1, 6, 5, 1, 2, 6, -1},
    {0, 4, 3, 4, 7, 3, 1, 6, 5, 1, 2, 6, -1},
    {4, 7, 8, 9, 6, 5, 9, 0, 6, 0, 2, 6, -1},
    {7, 3, 9, 4, 7, 9, 3, 2, 9, 5, 9, 6, 2, 6, 9, -1},
    {11, 2, 3, 4, 7, 8, 6, 5, 10, -1},
    {11, 4, 7, 11, 2, 4, 2, 0, 4, 6, 5, 10, -1},
    {1, 9, 0, 11, 2, 3, 4, 7, 8, 6, 5, 10, -1},
    {4, 7, 11, 9, 4, 11, 11, 2, 9, 1, 9, 2, 6, 5, 10, -1},
    {4, 7, 8, 6, 3, 11, 6, 5, 3, 5, 1, 3, -1},
    {5, 1, 11, 5, 11, 6, 1, 0, 11, 4, 7, 11, 0, 4, 11, -1},
    {4, 7, 8, 6, 3, 11, 0, 3, 6, 0, 6, 5, 0, 5, 9, -1},
    {6, 5, 9, 6, 9, 11, 4, 7, 9, 7, 11, 9, -1},
    {10, 4, 9, 6, 4, 10, -1},
    {10, 4, 9, 6, 4, 10, 0, 8, 3, -1},
    {0, 1, 10, 10, 6, 0, 6, 4, 0, -1},
    {1, 8, 3, 1, 6, 8, 8, 6, 4, 6, 1, 10, -1},
    {1, 4, 9, 1, 2, 4, 2, 6, 4, -1},
    {1, 4, 9, 1, 2, 4, 2, 6, 4, 0, 8, 3, -1},
    {0, 2, 4, 4, 2, 6, -1},
    {8, 3, 2, 8, 2, 4, 4, 2, 6, -1},
    {11, 2, 3, 10, 4, 9, 6, 4, 10, -1},
    {11, 2, 0, 0, 8, 11, 10, 4, 9, 6, 4, 10, -1},
    {11, 2, 3, 0, 1, 10, 10, 6, 0, 6, 4, 0, -1},
    {6, 4, 1, 6, 1, 10, 1, 4, 8, 11, 2, 1, 1, 8, 11, -1},
    {9, 6, 4, 3, 6, 9, 1, 3, 9, 11, 6, 3, -1},
    {1, 8, 11, 0, 8, 1, 11, 6, 1, 1, 4, 9, 6, 4, 1, -1},
    {6, 3, 11, 0, 3, 6, 6, 4, 0, -1},
    {8, 6, 4, 6, 8, 11, -1},
    {6, 7, 10, 7, 8, 10, 8, 9, 10, -1},
    {6, 7, 10, 0, 10, 7, 0, 9, 10, 0, 7, 3, -1},
    {6, 7, 10, 1, 10, 7, 1, 7, 8, 0, 1, 8, -1},
    {6, 7, 10, 1, 10, 7, 1, 7, 3, -1},
    {1, 2, 6, 1, 6, 8, 1, 8, 9, 6, 7, 8, -1},
    {2, 6, 9, 1, 2, 9, 6, 7, 9, 3, 0, 9, 7, 3, 9, -1},
    {0, 7, 8, 7, 0, 6, 6, 0, 2, -1},
    {2, 7, 3, 2, 6, 7, -1},
    {11, 2, 3, 6, 7, 10, 7, 8, 10, 8, 9, 10, -1},
    {2, 0, 7, 11, 2, 7, 0, 9, 7, 6, 7, 10, 9, 10, 7, -1},
    {6, 7, 10, 1, 10, 7, 1, 7, 8, 0, 1, 8, 11, 2, 3, -1},
    {11, 2, 1, 1, 7, 11, 10, 6, 1, 1, 6, 7, -1},
    {8, 9, 6, 6, 7, 8, 1, 6, 9, 11, 6, 3, 1, 3, 6, -1},
    {0, 9, 1, 6, 7, 11, -1},
    {0, 7, 8, 7, 0, 6, 0, 3, 11, 11, 6, 0, -1},
    {6, 7, 11, -1},
};

// Points in doubled voxel units (2 z, 2 y, 2 x), so edge midpoints are exact integers.
using Point2 = std::array<std::int64_t, 3>;

std::int64_t cross(const std::array<std::int64_t, 2>& o, const std::array<std::int64_t, 2>& a,
                   const std::array<std::int64_t, 2>& b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

// Indices of the convex hull corners of points projected on axes (u, v): the farthest pair of a
// planar set is always a pair of hull corners, which keeps the diameter search small.
std::vector<std::size_t> hullCorners(const std::vector<Point2>& points, const std::vector<std::size_t>& members, int u,
                                     int v) {
    if (members.size() < 3) return members;
    std::vector<std::size_t> sorted = members;
    std::sort(sorted.begin(), sorted.end(), [&](std::size_t a, std::size_t b) {
        return points[a][u] < points[b][u] || (points[a][u] == points[b][u] && points[a][v] < points[b][v]);
    });
    auto uv = [&](std::size_t i) { return std::array<std::int64_t, 2>{points[i][u], points[i][v]}; };
    std::vector<std::size_t> hull(2 * sorted.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        while (k >= 2 && cross(uv(hull[k - 2]), uv(hull[k - 1]), uv(sorted[i])) <= 0) --k;
        hull[k++] = sorted[i];
    }
    for (std::size_t i = sorted.size() - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && cross(uv(hull[k - 2]), uv(hull[k - 1]), uv(sorted[i])) <= 0) --k;
        hull[k++] = sorted[i];
    }
    hull.resize(k > 1 ? k - 1 : k);
    return hull;
}

double squaredDistanceMm(const Point2& a, const Point2& b, const std::array<double, 3>& spacingZyx) {
    double sum = 0;
    for (int d = 0; d < 3; ++d) {
        const double delta = (0.5 * static_cast<double>(a[d]) - 0.5 * static_cast<double>(b[d])) * spacingZyx[d];
        sum += delta * delta;
    }
    return sum;
}

double largestDistanceMm(const std::vector<Point2>& points, const std::vector<std::size_t>& candidates,
                         const std::array<double, 3>& spacingZyx) {
    double best = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        for (std::size_t j = i + 1; j < candidates.size(); ++j)
            best = std::max(best, squaredDistanceMm(points[candidates[i]], points[candidates[j]], spacingZyx));
    return std::sqrt(best);
}

}  // namespace

MeshMeasures measureMesh(const std::vector<std::uint8_t>& mask, const std::array<std::int64_t, 3>& sizeXyz,
                         const std::array<double, 3>& spacingMm) {
    // Work in a copy padded by one empty voxel on every side, indexed (z, y, x) like pyradiomics.
    const std::int64_t nz = sizeXyz[2] + 2, ny = sizeXyz[1] + 2, nx = sizeXyz[0] + 2;
    std::vector<std::uint8_t> padded(static_cast<std::size_t>(nz * ny * nx), 0);
    auto at = [&](std::int64_t z, std::int64_t y, std::int64_t x) -> std::uint8_t& {
        return padded[static_cast<std::size_t>((z * ny + y) * nx + x)];
    };
    for (std::int64_t z = 0; z < sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < sizeXyz[0]; ++x)
                at(z + 1, y + 1, x + 1) = mask[static_cast<std::size_t>((z * sizeXyz[1] + y) * sizeXyz[0] + x)] != 0;
    const std::array<double, 3> spacingZyx{spacingMm[2], spacingMm[1], spacingMm[0]};

    MeshMeasures out;
    double volumeTimes6 = 0;
    std::vector<Point2> vertices;
    for (std::int64_t iz = 0; iz < nz - 1; ++iz)
        for (std::int64_t iy = 0; iy < ny - 1; ++iy)
            for (std::int64_t ix = 0; ix < nx - 1; ++ix) {
                unsigned cube = 0;
                for (int c = 0; c < 8; ++c)
                    if (at(iz + kCornerZyx[c][0], iy + kCornerZyx[c][1], ix + kCornerZyx[c][2])) cube |= 1u << c;
                double orientation = 1;
                if (cube & 0x80) {
                    cube ^= 0xff;
                    orientation = -1;
                }
                // Every grid edge crossing the border is edge 6, 7 or 11 (the edges at p7) of exactly
                // one cube; with p7 outside after the flip, the crossing shows as corner 6, 4 or 3.
                if (cube & (1u << 6)) vertices.push_back({2 * iz + 2, 2 * iy + 2, 2 * ix + 1});
                if (cube & (1u << 4)) vertices.push_back({2 * iz + 2, 2 * iy + 1, 2 * ix});
                if (cube & (1u << 3)) vertices.push_back({2 * iz + 1, 2 * iy + 2, 2 * ix});
                if (cube == 0) continue;
                const signed char* edges = kTriangles[cube];
                for (int t = 0; edges[t] >= 0; t += 3) {
                    double a[3], b[3], c[3];
                    const double origin[3] = {double(iz), double(iy), double(ix)};
                    for (int d = 0; d < 3; ++d) {
                        a[d] = (origin[d] + kEdgeMidpointZyx[edges[t]][d]) * spacingZyx[d];
                        b[d] = (origin[d] + kEdgeMidpointZyx[edges[t + 1]][d]) * spacingZyx[d];
                        c[d] = (origin[d] + kEdgeMidpointZyx[edges[t + 2]][d]) * spacingZyx[d];
                    }
                    // Signed volume of the tetrahedron (grid origin, a, b, c), times 6.
                    const double ab[3] = {a[1] * b[2] - b[1] * a[2], a[2] * b[0] - b[2] * a[0],
                                          a[0] * b[1] - b[0] * a[1]};
                    volumeTimes6 += orientation * (ab[0] * c[0] + ab[1] * c[1] + ab[2] * c[2]);
                    // Triangle area = |(a - c) x (b - c)| / 2.
                    for (int d = 0; d < 3; ++d) {
                        a[d] -= c[d];
                        b[d] -= c[d];
                    }
                    const double n[3] = {a[1] * b[2] - b[1] * a[2], a[2] * b[0] - b[2] * a[0],
                                         a[0] * b[1] - b[0] * a[1]};
                    out.surfaceAreaMm2 += 0.5 * std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
                }
            }
    out.volumeMm3 = volumeTimes6 / 6;

    // Diameters. Group the vertices by plane, keep each plane's hull corners.
    auto planeDiameter = [&](int axis, std::vector<std::size_t>* candidates3D) {
        std::map<std::int64_t, std::vector<std::size_t>> planes;
        for (std::size_t i = 0; i < vertices.size(); ++i)
            planes[vertices[i][static_cast<std::size_t>(axis)]].push_back(i);
        const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;
        double best = 0;
        for (const auto& [position, members] : planes) {
            const std::vector<std::size_t> corners = hullCorners(vertices, members, u, v);
            best = std::max(best, largestDistanceMm(vertices, corners, spacingZyx));
            if (candidates3D) candidates3D->insert(candidates3D->end(), corners.begin(), corners.end());
        }
        return best;
    };
    std::vector<std::size_t> candidates3D;
    out.maxDiameterSameZMm = planeDiameter(0, &candidates3D);
    out.maxDiameterSameYMm = planeDiameter(1, nullptr);
    out.maxDiameterSameXMm = planeDiameter(2, nullptr);
    out.maxDiameter3DMm = largestDistanceMm(vertices, candidates3D, spacingZyx);
    for (const std::size_t i : candidates3D) {
        const Point2& v = vertices[i];  // doubled units of the padded grid: voxel x is 2 x + 2
        out.hullCandidatesXyzMm.push_back({(0.5 * double(v[2]) - 1) * spacingMm[0],
                                           (0.5 * double(v[1]) - 1) * spacingMm[1],
                                           (0.5 * double(v[0]) - 1) * spacingMm[2]});
    }
    return out;
}

}  // namespace drs::radiomics
