#include "core/pipeline/synthetic/SliceContours.h"

#include <map>
#include <utility>

namespace drs::synthetic {

namespace {

using Corner = std::pair<std::int64_t, std::int64_t>;  // (x, y) of a voxel corner, voxel (x, y) spans [x, x+1]

struct Edge {
    Corner from, to;
    bool used = false;
};

}  // namespace

std::vector<std::vector<std::array<double, 2>>> traceSliceOutlines(const LabelMap& mask, std::int64_t z) {
    const auto nx = mask.geometry.sizeXyz[0], ny = mask.geometry.sizeXyz[1];
    auto inside = [&](std::int64_t x, std::int64_t y) {
        return x >= 0 && y >= 0 && x < nx && y < ny && mask.at(x, y, z) != 0;
    };
    // Boundary edges, oriented so the voxel is always on the same side while walking.
    std::vector<Edge> edges;
    for (std::int64_t y = 0; y < ny; ++y) {
        for (std::int64_t x = 0; x < nx; ++x) {
            if (!inside(x, y)) continue;
            if (!inside(x, y - 1)) edges.push_back({{x + 1, y}, {x, y}});
            if (!inside(x - 1, y)) edges.push_back({{x, y}, {x, y + 1}});
            if (!inside(x, y + 1)) edges.push_back({{x, y + 1}, {x + 1, y + 1}});
            if (!inside(x + 1, y)) edges.push_back({{x + 1, y + 1}, {x + 1, y}});
        }
    }
    std::multimap<Corner, std::size_t> leaving;
    for (std::size_t e = 0; e < edges.size(); ++e) leaving.emplace(edges[e].from, e);

    std::vector<std::vector<std::array<double, 2>>> outlines;
    for (std::size_t first = 0; first < edges.size(); ++first) {
        if (edges[first].used) continue;
        std::vector<Corner> corners;
        std::size_t current = first;
        while (!edges[current].used) {
            edges[current].used = true;
            corners.push_back(edges[current].from);
            // Where two outlines touch at a corner (diagonal voxels), any unused edge closes a valid
            // loop; taking the first keeps the walk deterministic.
            const auto [begin, end] = leaving.equal_range(edges[current].to);
            std::size_t next = current;
            for (auto it = begin; it != end; ++it)
                if (!edges[it->second].used) {
                    next = it->second;
                    break;
                }
            if (next == current) break;
            current = next;
        }
        // Drop corners where the outline runs straight on.
        std::vector<std::array<double, 2>> polygon;
        const std::size_t n = corners.size();
        for (std::size_t i = 0; i < n; ++i) {
            const Corner& previous = corners[(i + n - 1) % n];
            const Corner& here = corners[i];
            const Corner& following = corners[(i + 1) % n];
            const auto cross = (here.first - previous.first) * (following.second - here.second) -
                               (here.second - previous.second) * (following.first - here.first);
            if (cross != 0) polygon.push_back({here.first - 0.5, here.second - 0.5});
        }
        if (polygon.size() >= 3) outlines.push_back(std::move(polygon));
    }
    return outlines;
}

}  // namespace drs::synthetic
