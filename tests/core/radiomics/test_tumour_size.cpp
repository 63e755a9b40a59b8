// tumourSize against a brute-force truth: on a binary mask, the marching-cubes vertices are the
// midpoints of the voxel edges that join an inside and an outside voxel centre, so the longest
// diameters are the largest distances between such midpoints (within one z, and overall), and the
// volume is the voxel count times the voxel volume.
#include <QtTest>
#include <cmath>

#include "core/radiomics/Shape.h"

namespace {

struct Point {
    double x, y, z;
};

struct Truth {
    double sliceMm = 0, overallMm = 0;
};

Truth bruteForceDiameters(const drs::LabelMap& mask, std::uint16_t label) {
    const auto& n = mask.geometry.sizeXyz;
    const auto& s = mask.geometry.spacingMm;
    const auto inside = [&](std::int64_t x, std::int64_t y, std::int64_t z) {
        return mask.geometry.contains(x, y, z) && mask.at(x, y, z) == label;
    };
    std::vector<Point> vertices;
    for (std::int64_t z = 0; z < n[2]; ++z)
        for (std::int64_t y = 0; y < n[1]; ++y)
            for (std::int64_t x = 0; x < n[0]; ++x) {
                if (!inside(x, y, z)) continue;
                const std::int64_t steps[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
                for (const auto& d : steps)
                    if (!inside(x + d[0], y + d[1], z + d[2]))
                        vertices.push_back({(double(x) + 0.5 * double(d[0])) * s[0],
                                            (double(y) + 0.5 * double(d[1])) * s[1],
                                            (double(z) + 0.5 * double(d[2])) * s[2]});
            }
    Truth truth;
    for (std::size_t i = 0; i < vertices.size(); ++i)
        for (std::size_t j = i + 1; j < vertices.size(); ++j) {
            const Point& a = vertices[i];
            const Point& b = vertices[j];
            const double distance = std::hypot(a.x - b.x, a.y - b.y, a.z - b.z);
            truth.overallMm = std::max(truth.overallMm, distance);
            if (a.z == b.z) truth.sliceMm = std::max(truth.sliceMm, distance);
        }
    return truth;
}

drs::LabelMap emptyGrid() {
    drs::Geometry g;
    g.sizeXyz = {24, 20, 9};
    g.spacingMm = {0.7, 0.8, 2.5};
    g.originMm = {-50, 20, -100};
    return drs::LabelMap(g, 0);
}

void expectMatches(const drs::LabelMap& mask, std::uint16_t label, std::size_t voxels) {
    const drs::radiomics::TumourSize size = drs::radiomics::tumourSize(mask, label);
    const Truth truth = bruteForceDiameters(mask, label);
    QVERIFY(truth.overallMm > 0);
    QCOMPARE(size.volumeMm3, double(voxels) * 0.7 * 0.8 * 2.5);
    QVERIFY2(std::abs(size.longestSliceDiameterMm - truth.sliceMm) < 1e-9,
             qPrintable(QStringLiteral("%1 vs %2").arg(size.longestSliceDiameterMm).arg(truth.sliceMm)));
    QVERIFY2(std::abs(size.longest3dDiameterMm - truth.overallMm) < 1e-9,
             qPrintable(QStringLiteral("%1 vs %2").arg(size.longest3dDiameterMm).arg(truth.overallMm)));
}

}  // namespace

class TestTumourSize : public QObject {
    Q_OBJECT
private slots:
    void aBlockOfVoxels() {
        drs::LabelMap mask = emptyGrid();
        for (std::int64_t z = 2; z < 5; ++z)
            for (std::int64_t y = 6; y < 10; ++y)
                for (std::int64_t x = 3; x < 8; ++x) mask.at(x, y, z) = 2;
        mask.at(20, 18, 8) = 1;  // another label, not measured
        expectMatches(mask, 2, 5 * 4 * 3);
    }

    // A ball with a notch and a spicule: a surface whose longest chords are not along the axes.
    void anIrregularTumour() {
        drs::LabelMap mask = emptyGrid();
        std::size_t voxels = 0;
        for (std::int64_t z = 0; z < 9; ++z)
            for (std::int64_t y = 0; y < 20; ++y)
                for (std::int64_t x = 0; x < 24; ++x) {
                    const double dx = (double(x) - 11) * 0.7, dy = (double(y) - 9) * 0.8, dz = (double(z) - 4) * 2.5;
                    const bool ball = std::hypot(dx, dy, dz) < 6.5 && !(dx > 2 && dy > 2);
                    const bool spicule = z == 4 && y == 9 && x >= 11 && x < 23;
                    if (ball || spicule) {
                        mask.at(x, y, z) = 1;
                        ++voxels;
                    }
                }
        expectMatches(mask, 1, voxels);
    }

    void anAbsentLabelMeasuresNothing() {
        const drs::radiomics::TumourSize size = drs::radiomics::tumourSize(emptyGrid(), 1);
        QCOMPARE(size.volumeMm3, 0.0);
        QCOMPARE(size.longest3dDiameterMm, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestTumourSize)
#include "test_tumour_size.moc"
