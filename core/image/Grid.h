#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drs {

// Where a voxel grid sits in patient space (LPS, millimetres), as ITK defines it:
// physical = originMm + direction * (index .* spacingMm), direction row-major 3x3.
struct Geometry {
    std::array<std::int64_t, 3> sizeXyz{0, 0, 0};
    std::array<double, 3> spacingMm{1, 1, 1};
    std::array<double, 3> originMm{0, 0, 0};
    std::array<double, 9> direction{1, 0, 0, 0, 1, 0, 0, 0, 1};

    std::size_t voxelCount() const { return static_cast<std::size_t>(sizeXyz[0] * sizeXyz[1] * sizeXyz[2]); }
    // Linear index of (x, y, z); x varies fastest, as in ITK, NRRD and NIfTI.
    std::size_t linear(std::int64_t x, std::int64_t y, std::int64_t z) const {
        return static_cast<std::size_t>((z * sizeXyz[1] + y) * sizeXyz[0] + x);
    }
    bool contains(std::int64_t x, std::int64_t y, std::int64_t z) const {
        return x >= 0 && y >= 0 && z >= 0 && x < sizeXyz[0] && y < sizeXyz[1] && z < sizeXyz[2];
    }
    std::array<double, 3> physicalPointMm(double x, double y, double z) const;
    double voxelVolumeMm3() const { return spacingMm[0] * spacingMm[1] * spacingMm[2]; }
};

// Why two geometries differ, in words; empty when they agree within tolerance
// (relative 1e-4 of the spacing for spacing and origin, 1e-4 for direction cosines).
std::string geometryMismatch(const Geometry& image, const Geometry& mask);

// A voxel array on a Geometry. x fastest, then y, then z.
template <class T>
struct Grid {
    Geometry geometry;
    std::vector<T> voxels;

    Grid() = default;
    explicit Grid(const Geometry& g, T fill = T{}) : geometry(g), voxels(g.voxelCount(), fill) {}

    T& at(std::int64_t x, std::int64_t y, std::int64_t z) { return voxels[geometry.linear(x, y, z)]; }
    const T& at(std::int64_t x, std::int64_t y, std::int64_t z) const { return voxels[geometry.linear(x, y, z)]; }
    const std::array<std::int64_t, 3>& sizeXyz() const { return geometry.sizeXyz; }
};

// The voxel type an image file stores after its rescale, as ITK reports it. SimpleITK reads the
// image as this type, so pyradiomics' resampling casts interpolated intensities back to it
// (truncated toward zero and clamped to its range when it is an integer) and hashes its voxels in it.
enum class StoredVoxel { Float32, Float64, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64 };

// Intensities as stored on disk after rescale (HU for CT). float holds every int16 value and
// every float32 value exactly, so nothing is lost against the file.
struct Volume : Grid<float> {
    using Grid<float>::Grid;
    StoredVoxel stored = StoredVoxel::Float32;
};

// f(T{}) for the C++ type T of a StoredVoxel: one switch for every use that needs the type itself.
template <class F>
decltype(auto) withStoredType(StoredVoxel type, F&& f) {
    switch (type) {
    case StoredVoxel::Float64: return f(double{});
    case StoredVoxel::Int8: return f(std::int8_t{});
    case StoredVoxel::UInt8: return f(std::uint8_t{});
    case StoredVoxel::Int16: return f(std::int16_t{});
    case StoredVoxel::UInt16: return f(std::uint16_t{});
    case StoredVoxel::Int32: return f(std::int32_t{});
    case StoredVoxel::UInt32: return f(std::uint32_t{});
    case StoredVoxel::Int64: return f(std::int64_t{});
    case StoredVoxel::UInt64: return f(std::uint64_t{});
    case StoredVoxel::Float32: break;
    }
    return f(float{});
}

// The lowest and highest value of an integer StoredVoxel; nullopt for a float type.
std::optional<std::array<double, 2>> storedRange(StoredVoxel type);
// Label maps and binary masks (0 = background).
using LabelMap = Grid<std::uint16_t>;
// Values computed per voxel (feature maps): double, so a map holds the very values a table would.
using ValueMap = Grid<double>;

// The labels carried onto grid when each of their voxel centres is one of the grid's: the same
// spacing, axes the same up to order and sign (a mask saved cropped, or with its rows reversed as
// NIfTI converters often store a CT), an offset of whole voxels. Exact: nothing is interpolated. Otherwise
// nullopt, with why saying what differs (or how many labelled voxels fall outside the grid).
std::optional<LabelMap> alignedOnto(const LabelMap& labels, const Geometry& grid, std::string& why);

// alignedOnto's condition on the grids alone: each of own's voxel centres is one of grid's (why
// says what differs otherwise). Labels may still lie outside grid.
bool voxelsAlignWith(const Geometry& own, const Geometry& grid, std::string& why);

// Patient-level facts read from DICOM headers, identifiers already pseudonymised.
struct StudyInfo {
    std::string modality;
    std::string seriesInstanceUid;
    std::string seriesDescription;
    std::string frameOfReferenceUid;  // DICOM only: the patient coordinate system the series is in
    std::string pseudonym;            // keyed hash of the patient ID (Pseudonym.h); never the raw identifiers
    std::vector<std::string> files;
    // DICOM only: the RTSTRUCT and SEG files found in the folder read, whatever series they are drawn on.
    std::vector<std::string> roiFiles;
    // DICOM only: a series acquired with the gantry tilted, its slices placed where they were
    // acquired (GantryTilt.h): the tilt, and how far the farthest slice was moved within its plane.
    // Both 0 for an untilted series.
    double gantryTiltDegrees = 0;
    double largestSliceShiftMm = 0;
};

}  // namespace drs
