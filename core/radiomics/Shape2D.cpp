#include "core/radiomics/Shape2D.h"

#include <array>
#include <cmath>

#include "core/util/Error.h"

namespace drs::radiomics {
namespace {

// The ROI's plane as rows and columns (the two axes force2Ddimension keeps, slower first, as numpy
// orders them), padded with one empty pixel on every side so that every boundary edge lies
// between two pixels of the grid.
struct Plane {
    std::int64_t rows = 0, columns = 0;
    double rowSpacingMm = 1, columnSpacingMm = 1;
    std::vector<std::uint8_t> inside;
    bool at(std::int64_t r, std::int64_t c) const { return inside[static_cast<std::size_t>(r * columns + c)] != 0; }
};

// numpy orders the axes z, y, x: the x/y/z index of a numpy axis.
int xyzAxis(int numpyAxis) { return 2 - numpyAxis; }

Plane planeOf(const Region& region, int force2Ddimension) {
    std::array<int, 2> kept{};
    for (int numpyAxis = 0, k = 0; numpyAxis < 3; ++numpyAxis)
        if (numpyAxis != force2Ddimension) kept[static_cast<std::size_t>(k++)] = xyzAxis(numpyAxis);
    Plane plane;
    plane.rows = region.box.sizeXyz[static_cast<std::size_t>(kept[0])] + 2;
    plane.columns = region.box.sizeXyz[static_cast<std::size_t>(kept[1])] + 2;
    plane.rowSpacingMm = region.spacingMm[static_cast<std::size_t>(kept[0])];
    plane.columnSpacingMm = region.spacingMm[static_cast<std::size_t>(kept[1])];
    plane.inside.assign(static_cast<std::size_t>(plane.rows * plane.columns), 0);
    for (std::int64_t z = 0; z < region.box.sizeXyz[2]; ++z)
        for (std::int64_t y = 0; y < region.box.sizeXyz[1]; ++y)
            for (std::int64_t x = 0; x < region.box.sizeXyz[0]; ++x) {
                if (!region.shapeMask[region.linear(x, y, z)]) continue;
                const std::array<std::int64_t, 3> xyz{x, y, z};
                const std::int64_t r = xyz[static_cast<std::size_t>(kept[0])] + 1;
                const std::int64_t c = xyz[static_cast<std::size_t>(kept[1])] + 1;
                plane.inside[static_cast<std::size_t>(r * plane.columns + c)] = 1;
            }
    return plane;
}

struct Point {
    double row, column;  // mm
};

// Marching squares over every 2 x 2 cell. Corners k = 0..3 go round the cell (top left, top right,
// bottom right, bottom left) and edge k joins corner k to corner k + 1 (top, right, bottom, left).
// Each run of consecutive inside corners k..j is cut off by one segment from the midpoint of the
// edge before k to that of edge j, so the inside lies on one side of every segment and the summed
// cross products give the area; a cell with two opposite inside corners cuts each off alone.
struct Contour {
    double twiceArea = 0, perimeter = 0;
    std::vector<Point> vertices;  // the midpoints of the edges between an inside and an outside pixel
};

Contour contourOf(const Plane& plane) {
    static const std::array<std::array<int, 2>, 4> corner{{{0, 0}, {0, 1}, {1, 1}, {1, 0}}};
    static const std::array<std::array<double, 2>, 4> edgeMidpoint{{{0, 0.5}, {0.5, 1}, {1, 0.5}, {0.5, 0}}};
    Contour contour;
    const auto midpoint = [&](std::int64_t r, std::int64_t c, int edge) {
        return Point{
            (static_cast<double>(r) + edgeMidpoint[static_cast<std::size_t>(edge)][0]) * plane.rowSpacingMm,
            (static_cast<double>(c) + edgeMidpoint[static_cast<std::size_t>(edge)][1]) * plane.columnSpacingMm};
    };
    for (std::int64_t r = 0; r + 1 < plane.rows; ++r)
        for (std::int64_t c = 0; c + 1 < plane.columns; ++c) {
            std::array<bool, 4> in{};
            int count = 0;
            for (int k = 0; k < 4; ++k) {
                in[static_cast<std::size_t>(k)] =
                    plane.at(r + corner[static_cast<std::size_t>(k)][0], c + corner[static_cast<std::size_t>(k)][1]);
                count += in[static_cast<std::size_t>(k)];
            }
            if (count == 0 || count == 4) continue;
            for (int k = 0; k < 4; ++k) {
                // A run starts at k when k is inside and the corner before it is not.
                if (!in[static_cast<std::size_t>(k)] || in[static_cast<std::size_t>((k + 3) % 4)]) continue;
                int j = k;
                while (in[static_cast<std::size_t>((j + 1) % 4)]) j = (j + 1) % 4;
                const Point a = midpoint(r, c, (k + 3) % 4), b = midpoint(r, c, j);
                contour.twiceArea += a.row * b.column - b.row * a.column;
                contour.perimeter +=
                    std::sqrt((a.row - b.row) * (a.row - b.row) + (a.column - b.column) * (a.column - b.column));
            }
            // Each boundary edge once: the cell's left and bottom edges (the padding leaves no
            // boundary on the grid's last column or first row).
            if (in[0] != in[3]) contour.vertices.push_back(midpoint(r, c, 3));
            if (in[3] != in[2]) contour.vertices.push_back(midpoint(r, c, 2));
        }
    return contour;
}

double maximumDiameter(const std::vector<Point>& vertices) {
    double longestSquared = 0;
    for (std::size_t i = 0; i < vertices.size(); ++i)
        for (std::size_t j = i + 1; j < vertices.size(); ++j) {
            const double dr = vertices[i].row - vertices[j].row, dc = vertices[i].column - vertices[j].column;
            longestSquared = std::max(longestSquared, dr * dr + dc * dc);
        }
    return std::sqrt(longestSquared);
}

}  // namespace

void requireOneSlice(const Region& region, int force2Ddimension, const std::string& what) {
    const std::int64_t slices = region.box.sizeXyz[static_cast<std::size_t>(xyzAxis(force2Ddimension))];
    if (slices != 1)
        throw Error(what + ": shape2D needs an ROI of one slice along force2Ddimension " +
                    std::to_string(force2Ddimension) + " (this one spans " + std::to_string(slices) + ")");
}

const std::vector<std::string>& shape2DFeatureNames() {
    static const std::vector<std::string> names = {
        "Elongation", "MajorAxisLength",       "MaximumDiameter", "MeshSurface", "MinorAxisLength",
        "Perimeter",  "PerimeterSurfaceRatio", "PixelSurface",    "Sphericity"};
    return names;
}

FamilyValues shape2DFeatures(const Region& region, int force2Ddimension) {
    requireOneSlice(region, force2Ddimension, "shape2D");
    const Plane plane = planeOf(region, force2Ddimension);
    const Contour contour = contourOf(plane);
    const double meshSurface = contour.twiceArea / 2;

    // The principal axes: eigenvalues of the covariance of the pixel centres (mm), divided by N.
    double sumRow = 0, sumColumn = 0;
    std::size_t pixels = 0;
    for (std::int64_t r = 0; r < plane.rows; ++r)
        for (std::int64_t c = 0; c < plane.columns; ++c)
            if (plane.at(r, c)) {
                sumRow += static_cast<double>(r) * plane.rowSpacingMm;
                sumColumn += static_cast<double>(c) * plane.columnSpacingMm;
                ++pixels;
            }
    const double n = static_cast<double>(pixels);
    const double meanRow = sumRow / n, meanColumn = sumColumn / n;
    double rr = 0, rc = 0, cc = 0;
    for (std::int64_t r = 0; r < plane.rows; ++r)
        for (std::int64_t c = 0; c < plane.columns; ++c)
            if (plane.at(r, c)) {
                const double dr = static_cast<double>(r) * plane.rowSpacingMm - meanRow;
                const double dc = static_cast<double>(c) * plane.columnSpacingMm - meanColumn;
                rr += dr * dr / n;
                rc += dr * dc / n;
                cc += dc * dc / n;
            }
    const double halfTrace = (rr + cc) / 2, spread = std::hypot((rr - cc) / 2, rc);
    const double major = halfTrace + spread, minor = std::max(0.0, halfTrace - spread);

    const double perimeter = contour.perimeter;
    const double pixelSurface = n * plane.rowSpacingMm * plane.columnSpacingMm;
    return {{"Elongation", std::sqrt(minor / major)},
            {"MajorAxisLength", 4 * std::sqrt(major)},
            {"MaximumDiameter", maximumDiameter(contour.vertices)},
            {"MeshSurface", meshSurface},
            {"MinorAxisLength", 4 * std::sqrt(minor)},
            {"Perimeter", perimeter},
            {"PerimeterSurfaceRatio", perimeter / meshSurface},
            {"PixelSurface", pixelSurface},
            {"Sphericity", 2 * std::sqrt(M_PI * meshSurface) / perimeter}};
}

}  // namespace drs::radiomics
