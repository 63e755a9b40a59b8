// The synthetic chest CT of one patient: a ~120 mm field around the tumour with lung parenchyma,
// vessels, pleura, chest wall (muscle, fat, skin, ribs) and air outside, reconstructed with the
// centre's kernel and noise. The tumour and its surroundings express the patient's latents.
#include <algorithm>
#include <cmath>

#include "core/pipeline/synthetic/Random.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"

namespace drs::synthetic {

namespace {

using Vec3 = std::array<double, 3>;

Vec3 add(const Vec3& a, const Vec3& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }
Vec3 sub(const Vec3& a, const Vec3& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
Vec3 scale(const Vec3& a, double s) { return {a[0] * s, a[1] * s, a[2] * s}; }
double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }

Vec3 randomUnit(Rng& rng) {
    while (true) {
        Vec3 v{rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)};
        const double length = norm(v);
        if (length > 0.1 && length <= 1) return scale(v, 1 / length);
    }
}

// Separable Gaussian blur; sigma per axis in voxels (axes with sigma < 0.2 are left alone). Edges
// repeat the border voxel. The y and z passes combine whole rows so the inner loop runs along x.
void blur(Volume& volume, const std::array<double, 3>& sigmaVoxels) {
    const auto [nx, ny, nz] = volume.geometry.sizeXyz;
    for (int axis = 0; axis < 3; ++axis) {
        const double sigma = sigmaVoxels[axis];
        if (sigma < 0.2) continue;
        const int radius = static_cast<int>(std::ceil(3 * sigma));
        std::vector<float> kernel(2 * radius + 1);
        double total = 0;
        for (int i = -radius; i <= radius; ++i)
            total += kernel[i + radius] = static_cast<float>(std::exp(-0.5 * i * i / (sigma * sigma)));
        for (auto& k : kernel) k = static_cast<float>(k / total);
        if (axis == 0) {
            std::vector<float> padded(static_cast<std::size_t>(nx + 2 * radius));
            for (std::int64_t row = 0; row < ny * nz; ++row) {
                float* line = volume.voxels.data() + row * nx;
                for (std::int64_t i = 0; i < nx + 2 * radius; ++i)
                    padded[i] = line[std::clamp<std::int64_t>(i - radius, 0, nx - 1)];
                for (std::int64_t i = 0; i < nx; ++i) {
                    float sum = 0;
                    for (int k = 0; k <= 2 * radius; ++k) sum += kernel[k] * padded[i + k];
                    line[i] = sum;
                }
            }
            continue;
        }
        // Rows of x along y (within a slice) or along z (same y in every slice).
        const std::int64_t count = axis == 1 ? ny : nz;
        const std::int64_t rowStride = axis == 1 ? nx : nx * ny;
        const std::int64_t groups = axis == 1 ? nz : ny;
        const std::int64_t groupStride = axis == 1 ? nx * ny : nx;
        std::vector<float> source(static_cast<std::size_t>(count * nx));
        for (std::int64_t g = 0; g < groups; ++g) {
            float* base = volume.voxels.data() + g * groupStride;
            for (std::int64_t r = 0; r < count; ++r)
                std::copy(base + r * rowStride, base + r * rowStride + nx, source.data() + r * nx);
            for (std::int64_t r = 0; r < count; ++r) {
                float* out = base + r * rowStride;
                std::fill(out, out + nx, 0.0f);
                for (int k = -radius; k <= radius; ++k) {
                    const float* in = source.data() + std::clamp<std::int64_t>(r + k, 0, count - 1) * nx;
                    const float w = kernel[k + radius];
                    for (std::int64_t x = 0; x < nx; ++x) out[x] += w * in[x];
                }
            }
        }
    }
}

// Gaussian-correlated noise with unit standard deviation.
Volume correlatedNoise(const Geometry& geometry, double sigmaMm, Rng& rng) {
    Volume field(geometry);
    for (auto& v : field.voxels) v = static_cast<float>(rng.normal());
    blur(field, {sigmaMm / geometry.spacingMm[0], sigmaMm / geometry.spacingMm[1], sigmaMm / geometry.spacingMm[2]});
    double sum = 0, sumSquares = 0;
    for (float v : field.voxels) {
        sum += v;
        sumSquares += double(v) * v;
    }
    const double n = static_cast<double>(field.voxels.size());
    const double mean = sum / n;
    const double sd = std::sqrt(std::max(sumSquares / n - mean * mean, 1e-12));
    for (auto& v : field.voxels) v = static_cast<float>((v - mean) / sd);
    return field;
}

// The tumour surface in polar form around its centre: radius(direction) = R (1 + lobes + spicules).
struct TumourShape {
    Vec3 centreMm{};
    double radiusMm = 10;
    double lobulation = 0;
    std::vector<Vec3> lobeAxes;
    std::vector<double> lobeSigns;
    std::vector<Vec3> spikeAxes;
    std::vector<double> spikeLengths;  // relative to radiusMm
    std::vector<double> spikeCosWidths;

    double radiusAlong(const Vec3& unit) const {
        constexpr double kappa = 4.0;
        // Mean of exp(kappa (cos - 1)) over the sphere, so lobes do not change the mean radius.
        const double lobeMean = (1 - std::exp(-2 * kappa)) / (2 * kappa);
        double lobes = 0;
        for (std::size_t j = 0; j < lobeAxes.size(); ++j)
            lobes += lobeSigns[j] * (std::exp(kappa * (dot(unit, lobeAxes[j]) - 1)) - lobeMean);
        double spikes = 0;
        for (std::size_t k = 0; k < spikeAxes.size(); ++k) {
            const double t = (dot(unit, spikeAxes[k]) - spikeCosWidths[k]) / (1 - spikeCosWidths[k]);
            if (t > 0) spikes += spikeLengths[k] * t * t * t;
        }
        return radiusMm * (1 + lobulation * lobes + spikes);
    }
    double maxExtentMm() const {
        double longest = 0;
        for (double l : spikeLengths) longest = std::max(longest, l);
        return radiusMm * (1 + 2 * lobulation + longest) + 1;
    }
};

struct Vessel {
    Vec3 fromMm, toMm;
    double radiusMm;
};

double distanceToSegment(const Vec3& p, const Vessel& v) {
    const Vec3 axis = sub(v.toMm, v.fromMm);
    const double t = std::clamp(dot(sub(p, v.fromMm), axis) / std::max(dot(axis, axis), 1e-9), 0.0, 1.0);
    return norm(sub(p, add(v.fromMm, scale(axis, t))));
}

// Fills background regions of each axial slice that cannot be reached from the slice border, so the
// GTV has no holes (its RTSTRUCT then needs outer contours only).
void fillSliceHoles(LabelMap& mask) {
    const auto [nx, ny, nz] = mask.geometry.sizeXyz;
    std::vector<std::uint8_t> reached(static_cast<std::size_t>(nx * ny));
    std::vector<std::int64_t> stack;
    for (std::int64_t z = 0; z < nz; ++z) {
        std::fill(reached.begin(), reached.end(), 0);
        stack.clear();
        auto visit = [&](std::int64_t x, std::int64_t y) {
            if (x < 0 || y < 0 || x >= nx || y >= ny) return;
            const auto i = y * nx + x;
            if (reached[i] || mask.at(x, y, z)) return;
            reached[i] = 1;
            stack.push_back(i);
        };
        for (std::int64_t x = 0; x < nx; ++x) visit(x, 0), visit(x, ny - 1);
        for (std::int64_t y = 0; y < ny; ++y) visit(0, y), visit(nx - 1, y);
        while (!stack.empty()) {
            const auto i = stack.back();
            stack.pop_back();
            const auto x = i % nx, y = i / nx;
            visit(x - 1, y), visit(x + 1, y), visit(x, y - 1), visit(x, y + 1);
        }
        for (std::int64_t y = 0; y < ny; ++y)
            for (std::int64_t x = 0; x < nx; ++x)
                if (!reached[y * nx + x]) mask.at(x, y, z) = 1;
    }
}

Vec3 pointMm(const Geometry& geometry, std::int64_t x, std::int64_t y, std::int64_t z) {
    return {geometry.originMm[0] + x * geometry.spacingMm[0], geometry.originMm[1] + y * geometry.spacingMm[1],
            geometry.originMm[2] + z * geometry.spacingMm[2]};
}

// Index box (x0, y0, z0, x1, y1, z1, inclusive) around a physical box, clipped to the grid.
std::array<std::int64_t, 6> indexBox(const Geometry& geometry, const Vec3& lowMm, const Vec3& highMm) {
    std::array<std::int64_t, 6> box{};
    for (int a = 0; a < 3; ++a) {
        box[a] = std::max<std::int64_t>(
            0, static_cast<std::int64_t>(std::floor((lowMm[a] - geometry.originMm[a]) / geometry.spacingMm[a])));
        box[a + 3] = std::min<std::int64_t>(
            geometry.sizeXyz[a] - 1,
            static_cast<std::int64_t>(std::ceil((highMm[a] - geometry.originMm[a]) / geometry.spacingMm[a])));
    }
    return box;
}

// Tumour centre in patient space (LPS): the patient's right lung lies at negative x; the lobe
// sets the table height.
Vec3 placeTumour(const SyntheticPatient& patient, Rng& anatomy) {
    const bool rightLung = patient.location[0] == 'R';
    return {(rightLung ? -1 : 1) * anatomy.uniform(70, 100), anatomy.uniform(-10, 40),
            patient.location[2] == 'U'   ? anatomy.uniform(-120, -90)
            : patient.location[2] == 'M' ? anatomy.uniform(-160, -130)
                                         : anatomy.uniform(-210, -170)};
}

TumourShape drawTumourShape(const TumourTruth& truth, const Vec3& centreMm, Rng& tumourRng) {
    TumourShape shape;
    shape.centreMm = centreMm;
    shape.radiusMm = truth.diameterMm / 2;
    shape.lobulation = truth.lobulation;
    for (int j = 0; j < 6; ++j) {
        shape.lobeAxes.push_back(randomUnit(tumourRng));
        shape.lobeSigns.push_back(tumourRng.chance(0.5) ? 1.0 : -1.0);
    }
    for (int k = 0; k < truth.spicules; ++k) {
        shape.spikeAxes.push_back(randomUnit(tumourRng));
        shape.spikeLengths.push_back(tumourRng.uniform(0.4, 0.9));
        shape.spikeCosWidths.push_back(std::cos(tumourRng.uniform(0.10, 0.17)));
    }
    return shape;
}

// The scanned field: 120 mm in-plane around the tumour (jittered), enough slices for the tumour
// and its halo, positions rounded as a scanner writes them.
Geometry scanGeometry(const CentreProtocol& protocol, const TumourShape& shape, Rng& anatomy) {
    Geometry geometry;
    const auto columns = static_cast<std::int64_t>(std::lround(120.0 / protocol.pixelMm));
    const double tumourExtentMm = shape.maxExtentMm() + 6;
    const int slices =
        std::max(protocol.slices, static_cast<int>(std::ceil(2 * tumourExtentMm / protocol.sliceMm)) + 2);
    geometry.sizeXyz = {columns, columns, slices};
    geometry.spacingMm = {protocol.pixelMm, protocol.pixelMm, protocol.sliceMm};
    const double zExtent = protocol.sliceMm * (slices - 1);
    const double zSlack = std::max(0.0, zExtent / 2 - tumourExtentMm);
    const Vec3& centre = shape.centreMm;
    geometry.originMm = {centre[0] - 60 + anatomy.uniform(-8, 8), centre[1] - 60 + anatomy.uniform(-8, 8),
                         centre[2] - zExtent / 2 + anatomy.uniform(-zSlack, zSlack)};
    // Micrometres in-plane, slices on a round grid.
    geometry.originMm[0] = std::round(geometry.originMm[0] * 1000) / 1000;
    geometry.originMm[1] = std::round(geometry.originMm[1] * 1000) / 1000;
    geometry.originMm[2] = std::round(geometry.originMm[2] / protocol.sliceMm) * protocol.sliceMm;
    return geometry;
}

// A cylinder (axis along z) whose inner surface is the pleura, with ribs crossing obliquely.
struct ChestWall {
    Vec3 toWall{};  // from the tumour towards the nearest pleura, within 60 degrees of lateral
    Vec3 cageCentre{};
    double pleuraRadiusMm = 0;
    double thicknessMm = 0;
    double ribPeriodMm = 0, ribPhase = 0;
};

ChestWall placeChestWall(const SyntheticPatient& patient, const TumourShape& shape, Rng& anatomy) {
    const bool rightLung = patient.location[0] == 'R';
    ChestWall wall;
    const double wallAngle = (rightLung ? M_PI : 0.0) + anatomy.uniform(-1.05, 1.05);
    wall.toWall = {std::cos(wallAngle), std::sin(wallAngle), 0};
    const double pleuraDistance = patient.tumour.pleuralContact ? shape.radiusMm * anatomy.uniform(0.75, 0.95)
                                                                : shape.radiusMm + anatomy.uniform(6, 22);
    wall.pleuraRadiusMm = anatomy.uniform(110, 150);
    wall.cageCentre = add(shape.centreMm, scale(wall.toWall, pleuraDistance - wall.pleuraRadiusMm));
    wall.thicknessMm = anatomy.uniform(20, 30);
    wall.ribPeriodMm = anatomy.uniform(20, 25);
    wall.ribPhase = anatomy.uniform(0, 1);
    return wall;
}

// Tubes running roughly from the periphery towards the hilum (away from the wall), each with two
// thinner branches.
std::vector<Vessel> drawVessels(const Vec3& tumourCentre, const Vec3& toWall, Rng& anatomy) {
    std::vector<Vessel> vessels;
    for (int v = 0; v < 18; ++v) {
        const Vec3 start =
            add(tumourCentre, {anatomy.uniform(-55, 55), anatomy.uniform(-55, 55), anatomy.uniform(-40, 40)});
        Vec3 heading = add(scale(toWall, -1.0), scale(randomUnit(anatomy), 0.8));
        heading = scale(heading, 1 / norm(heading));
        const double length = anatomy.uniform(25, 70);
        const double radius = anatomy.uniform(0.6, 2.2);
        const Vec3 end = add(start, scale(heading, length));
        vessels.push_back({start, end, radius});
        for (int b = 0; b < 2; ++b) {
            const Vec3 fork = add(start, scale(heading, length * anatomy.uniform(0.2, 0.8)));
            Vec3 branch = add(heading, scale(randomUnit(anatomy), 0.9));
            branch = scale(branch, 1 / norm(branch));
            vessels.push_back({fork, add(fork, scale(branch, length * 0.5)), radius * 0.6});
        }
    }
    return vessels;
}

// Lung, pleura, extrapleural fat, muscle with ribs, subcutaneous fat, skin and air; returns which
// voxels are lung.
std::vector<std::uint8_t> paintChest(Volume& volume, const ChestWall& wall, double lungHu, const Volume& lungTexture) {
    const Geometry& geometry = volume.geometry;
    std::vector<std::uint8_t> inLung(geometry.voxelCount(), 0);
    const auto [nx, ny, nz] = geometry.sizeXyz;
    for (std::int64_t z = 0; z < nz; ++z) {
        for (std::int64_t y = 0; y < ny; ++y) {
            for (std::int64_t x = 0; x < nx; ++x) {
                const Vec3 p = pointMm(geometry, x, y, z);
                const std::size_t i = geometry.linear(x, y, z);
                const Vec3 fromCage = {p[0] - wall.cageCentre[0], p[1] - wall.cageCentre[1], 0};
                const double depth = norm(fromCage) - wall.pleuraRadiusMm;  // < 0: inside the lung
                double hu;
                if (depth < 0) {
                    hu = lungHu + 18 * lungTexture.voxels[i];
                    inLung[i] = 1;
                } else if (depth < 1.2) {
                    hu = 15;  // pleura
                } else if (depth < 3) {
                    hu = -90;  // extrapleural fat
                } else if (depth < wall.thicknessMm - 9) {
                    hu = 50;  // intercostal and chest wall muscle
                    if (depth < 12) {
                        // Ribs cross the axial plane obliquely: their band shifts with the angle around the cage.
                        const double arcMm = std::atan2(fromCage[1], fromCage[0]) * wall.pleuraRadiusMm;
                        double phase = (p[2] + 0.35 * arcMm) / wall.ribPeriodMm + wall.ribPhase;
                        phase -= std::floor(phase);
                        const double a = (depth - 3) / 9 * 2 - 1;
                        const double b = phase * wall.ribPeriodMm / 9 * 2 - 1;
                        const double e = a * a + b * b;
                        if (e < 1) hu = e > 0.5 ? 750 : 230;  // cortex, marrow
                    }
                } else if (depth < wall.thicknessMm - 2) {
                    hu = -100;  // subcutaneous fat
                } else if (depth < wall.thicknessMm) {
                    hu = 30;  // skin
                } else {
                    hu = -1000;  // air outside the patient
                }
                volume.voxels[i] = static_cast<float>(hu);
            }
        }
    }
    return inLung;
}

// Vessels, in the lung only, with a partial-volume edge.
void paintVessels(Volume& volume, const std::vector<std::uint8_t>& inLung, const std::vector<Vessel>& vessels) {
    const Geometry& geometry = volume.geometry;
    for (const auto& vessel : vessels) {
        const double reach = vessel.radiusMm + 1;
        Vec3 low, high;
        for (int a = 0; a < 3; ++a) {
            low[a] = std::min(vessel.fromMm[a], vessel.toMm[a]) - reach;
            high[a] = std::max(vessel.fromMm[a], vessel.toMm[a]) + reach;
        }
        const auto box = indexBox(geometry, low, high);
        for (std::int64_t z = box[2]; z <= box[5]; ++z)
            for (std::int64_t y = box[1]; y <= box[4]; ++y)
                for (std::int64_t x = box[0]; x <= box[3]; ++x) {
                    const std::size_t i = geometry.linear(x, y, z);
                    if (!inLung[i]) continue;
                    const double d = distanceToSegment(pointMm(geometry, x, y, z), vessel);
                    const double cover = std::clamp(vessel.radiusMm - d + 0.5, 0.0, 1.0);
                    volume.voxels[i] = static_cast<float>(volume.voxels[i] * (1 - cover) + 45 * cover);
                }
    }
}

// The tumour (solid core in ground glass, necrosis, texture and the antero-posterior gradient)
// into the volume and the mask, and the peritumoral halo into the lung around it.
void paintTumourAndHalo(Volume& volume, LabelMap& mask, const std::vector<std::uint8_t>& inLung,
                        const TumourShape& shape, const TumourTruth& truth, const Volume& tumourTexture,
                        const Volume& lungTexture) {
    const Geometry& geometry = volume.geometry;
    const Vec3& centre = shape.centreMm;
    const double solidCore = std::cbrt(truth.solidFraction);
    const double reach = shape.maxExtentMm() + 8;
    const auto box = indexBox(geometry, sub(centre, {reach, reach, reach}), add(centre, {reach, reach, reach}));
    for (std::int64_t z = box[2]; z <= box[5]; ++z) {
        for (std::int64_t y = box[1]; y <= box[4]; ++y) {
            for (std::int64_t x = box[0]; x <= box[3]; ++x) {
                const std::size_t i = geometry.linear(x, y, z);
                const Vec3 offset = sub(pointMm(geometry, x, y, z), centre);
                const double distance = norm(offset);
                const Vec3 unit = distance > 1e-9 ? scale(offset, 1 / distance) : Vec3{1, 0, 0};
                const double surface = shape.radiusAlong(unit);
                const double u = distance / surface;  // 0 at the centre, 1 on the surface
                if (u <= 1) {
                    mask.voxels[i] = 1;
                    const double solid = std::clamp((solidCore - u) / 0.08 + 0.5, 0.0, 1.0);
                    double tumourHu = solid * 40 + (1 - solid) * -560;
                    if (u < truth.necrosisFraction * (1 + 0.15 * tumourTexture.voxels[i])) tumourHu = 8;
                    tumourHu += truth.textureHu * tumourTexture.voxels[i] * (0.4 + 0.6 * solid);
                    tumourHu += truth.gradientHu * std::clamp(offset[1] / shape.radiusMm, -1.0, 1.0);
                    volume.voxels[i] = static_cast<float>(tumourHu);
                } else if (inLung[i]) {
                    // Ground glass fading within a few millimetres of the surface.
                    const double outside = distance - surface;
                    volume.voxels[i] +=
                        static_cast<float>(truth.haloHu * std::exp(-outside / 2.0) * (1 + 0.3 * lungTexture.voxels[i]));
                }
            }
        }
    }
}

// The centre's reconstruction: the kernel blurs in-plane, noise is correlated at the kernel's
// scale, and HU are quantised exactly as the DICOM pixels will hold them after rescale.
void reconstruct(Volume& volume, const CentreProtocol& protocol, Rng& noiseRng) {
    blur(volume, {protocol.kernelSigmaMm / protocol.pixelMm, protocol.kernelSigmaMm / protocol.pixelMm, 0});
    const Volume noise = correlatedNoise(volume.geometry, 0.6 * protocol.kernelSigmaMm, noiseRng);
    const double intercept = protocol.signedPixels ? 0.0 : -1024.0;
    for (std::size_t i = 0; i < volume.voxels.size(); ++i) {
        const double hu = std::clamp(volume.voxels[i] + protocol.noiseHu * noise.voxels[i], -1024.0, 3071.0);
        volume.voxels[i] = static_cast<float>(
            std::round((hu - intercept) / protocol.rescaleSlope) * protocol.rescaleSlope + intercept);
    }
}

}  // namespace

SyntheticCase synthesiseCase(std::uint64_t seed, int index, bool externalCentre) {
    SyntheticCase result;
    result.patient = drawPatient(seed, index, externalCentre);
    const SyntheticPatient& patient = result.patient;
    const CentreProtocol& protocol = centreProtocols()[patient.centre];
    // One random stream per purpose, drawn in a fixed order: the same seed gives the same image.
    Rng anatomy(seed, streamOf(index, Stream::anatomy));
    Rng tumourRng(seed, streamOf(index, Stream::tumour));
    Rng noiseRng(seed, streamOf(index, Stream::noise));

    const Vec3 tumourCentre = placeTumour(patient, anatomy);
    const TumourShape shape = drawTumourShape(patient.tumour, tumourCentre, tumourRng);
    const Geometry geometry = scanGeometry(protocol, shape, anatomy);
    const ChestWall wall = placeChestWall(patient, shape, anatomy);
    const std::vector<Vessel> vessels = drawVessels(tumourCentre, wall.toWall, anatomy);
    const Volume lungTexture = correlatedNoise(geometry, 1.5, anatomy);
    const Volume tumourTexture = correlatedNoise(geometry, 1.2, tumourRng);

    Volume volume(geometry);
    LabelMap mask(geometry);
    const double lungHu = -855 - 25 * std::max(0.0, patient.latents.smoking);
    const std::vector<std::uint8_t> inLung = paintChest(volume, wall, lungHu, lungTexture);
    paintVessels(volume, inLung, vessels);
    paintTumourAndHalo(volume, mask, inLung, shape, patient.tumour, tumourTexture, lungTexture);
    reconstruct(volume, protocol, noiseRng);
    fillSliceHoles(mask);
    result.volume = std::move(volume);
    result.mask = std::move(mask);
    return result;
}

}  // namespace drs::synthetic
