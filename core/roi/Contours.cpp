#include "core/roi/Contours.h"

#include <algorithm>

namespace drs {

namespace {

// A unit step between two voxel corners; corner (cx, cy) lies at (cx - 0.5, cy - 0.5).
struct Edge {
    std::int64_t fromX, fromY;
    int dx, dy;
    bool used = false;
};

}  // namespace

std::vector<OutlineXy> sliceOutlines(const LabelMap& mask, std::int64_t z, std::uint16_t label) {
    const std::int64_t width = mask.geometry.sizeXyz[0], height = mask.geometry.sizeXyz[1];
    const auto inside = [&](std::int64_t x, std::int64_t y) {
        return x >= 0 && y >= 0 && x < width && y < height && mask.at(x, y, z) == label;
    };
    // Every voxel side between the label and anything else, directed so that the label lies on
    // its right (x right, y down): each corner then has as many edges leaving as arriving.
    std::vector<Edge> edges;
    for (std::int64_t y = 0; y < height; ++y)
        for (std::int64_t x = 0; x < width; ++x) {
            if (!inside(x, y)) continue;
            if (!inside(x, y - 1)) edges.push_back({x, y, 1, 0});
            if (!inside(x + 1, y)) edges.push_back({x + 1, y, 0, 1});
            if (!inside(x, y + 1)) edges.push_back({x + 1, y + 1, -1, 0});
            if (!inside(x - 1, y)) edges.push_back({x, y + 1, 0, -1});
        }
    // Edges leaving each corner (at most two: where two voxels touch only diagonally).
    const auto cornerId = [&](std::int64_t cx, std::int64_t cy) {
        return static_cast<std::size_t>(cy * (width + 1) + cx);
    };
    std::vector<std::array<int, 2>> leaving(static_cast<std::size_t>((width + 1) * (height + 1)), {-1, -1});
    for (std::size_t e = 0; e < edges.size(); ++e) {
        auto& slots = leaving[cornerId(edges[e].fromX, edges[e].fromY)];
        slots[slots[0] < 0 ? 0 : 1] = static_cast<int>(e);
    }

    std::vector<OutlineXy> outlines;
    for (std::size_t start = 0; start < edges.size(); ++start) {
        if (edges[start].used) continue;
        OutlineXy outline;
        std::size_t current = start;
        while (true) {
            Edge& edge = edges[current];
            edge.used = true;
            const std::int64_t toX = edge.fromX + edge.dx, toY = edge.fromY + edge.dy;
            const auto& slots = leaving[cornerId(toX, toY)];
            // At a diagonal touch take the right turn: each voxel keeps its own outline.
            int next = -1;
            for (int candidate : slots) {
                if (candidate < 0 || edges[static_cast<std::size_t>(candidate)].used) continue;
                const Edge& c = edges[static_cast<std::size_t>(candidate)];
                if (next < 0 || (c.dx == -edge.dy && c.dy == edge.dx)) next = candidate;
            }
            if (next < 0) break;  // back at the start
            const Edge& following = edges[static_cast<std::size_t>(next)];
            if (following.dx != edge.dx || following.dy != edge.dy)
                outline.push_back({static_cast<double>(toX) - 0.5, static_cast<double>(toY) - 0.5});
            current = static_cast<std::size_t>(next);
        }
        // The start corner is a vertex unless the loop runs straight through it.
        const Edge& first = edges[start];
        const Edge& last = edges[current];
        if (first.dx != last.dx || first.dy != last.dy)
            outline.insert(outline.begin(),
                           {static_cast<double>(first.fromX) - 0.5, static_cast<double>(first.fromY) - 0.5});
        outlines.push_back(std::move(outline));
    }
    return outlines;
}

std::vector<std::size_t> sliceEdgePixels(const LabelMap& mask, std::int64_t z) {
    const std::int64_t width = mask.geometry.sizeXyz[0], height = mask.geometry.sizeXyz[1];
    const auto inside = [&](std::int64_t x, std::int64_t y) {
        return x >= 0 && y >= 0 && x < width && y < height && mask.at(x, y, z) != 0;
    };
    std::vector<std::size_t> pixels;
    for (std::int64_t y = 0; y < height; ++y)
        for (std::int64_t x = 0; x < width; ++x)
            if (inside(x, y) && !(inside(x - 1, y) && inside(x + 1, y) && inside(x, y - 1) && inside(x, y + 1)))
                pixels.push_back(static_cast<std::size_t>(y * width + x));
    return pixels;
}

}  // namespace drs
