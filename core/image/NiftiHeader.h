#pragma once
#include <cstddef>
#include <string>

namespace drs {

// What a NIfTI file (.nii or .nii.gz) says about itself, read from its own bytes. ITK's NIfTI reader
// silently turns NaN and infinite voxels into 0, so they must be counted before it reads the file.
struct NiftiFacts {
    int version = 0;            // 1 or 2 (from the header size, 348 or 540); 0: not a NIfTI file
    int datatype = 0;           // NIfTI datatype code (16 = float32, 64 = float64, ...)
    std::size_t voxels = 0;     // voxels of the first volume
    std::size_t nonFinite = 0;  // NaN or infinite voxels among them (float types only)
};

// Reads the header, and for float data the voxels. Throws Error naming the file when it cannot be read
// or breaks off before its voxels end.
NiftiFacts inspectNifti(const std::string& path);

bool isNiftiFileName(const std::string& path);

}  // namespace drs
