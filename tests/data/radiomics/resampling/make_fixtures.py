#!/usr/bin/python3
"""Fixture values for test_radiomics_resampling, computed with scipy.ndimage (independent of the C++).

Run once with Debian's Python (python3-scipy 1.10): /usr/bin/python3 make_fixtures.py
Writes source_image.nrrd and source_mask.nrrd (a small synthetic image and label map with anisotropic
spacing and a flipped y axis), target_grid.csv (the target grid: spacing, size, origin; the
source's direction) and expected.csv: the image and mask carried to a target grid that
overhangs the source on every side, as ITK's ResampleImageFilter defines it and SimpleITK (hence
pyradiomics) uses it:
  * a target voxel's continuous source index is D^T (p - origin) / spacing, p its centre;
  * it is inside the source when -0.5 <= index < size - 0.5 on every axis, and 0 otherwise;
  * linear: scipy.ndimage.map_coordinates(order=1, mode='nearest') (ITK clamps at the border voxels);
  * nearest: order=0 (the grid is chosen so that no index is a tie);
  * B-spline: order=3, mode='mirror' (cubic B-spline with ITK's mirror boundary, exact prefilter;
    the source lines are shorter than ITK's 18-sample horizon, so ITK's prefilter is exact too);
  * mask, nearest: the label's indicator with order=0; mask, linear: order=1 of the indicator,
    kept where >= 0.5 (the grid avoids values within 1e-6 of 0.5).
"""
import numpy as np
from scipy import ndimage

SIZE_XYZ = (9, 8, 7)
SPACING = (0.8, 0.9, 2.5)
ORIGIN = (-10.0, 5.0, 3.0)
DIRECTION = np.diag([1.0, -1.0, 1.0])  # columns: index axes in LPS

TARGET_SPACING = (1.1, 0.65, 1.3)
TARGET_SIZE = (8, 13, 15)
TARGET_ORIGIN_INDEX = (-0.73, -0.61, -0.52)  # continuous source index of target voxel 0


def write_nrrd(path, array_zyx, kind):
    header = [
        "NRRD0004",
        f"type: {kind}",
        "dimension: 3",
        "space: left-posterior-superior",
        f"sizes: {SIZE_XYZ[0]} {SIZE_XYZ[1]} {SIZE_XYZ[2]}",
        "space directions: " + " ".join(
            "(" + ",".join(repr(float(DIRECTION[r, a] * SPACING[a])) for r in range(3)) + ")" for a in range(3)),
        "kinds: domain domain domain",
        "endian: little",
        "encoding: raw",
        "space origin: (" + ",".join(repr(o) for o in ORIGIN) + ")",
    ]
    dtype = {"float": "<f4", "ushort": "<u2"}[kind]
    with open(path, "wb") as f:
        f.write(("\n".join(header) + "\n\n").encode())
        f.write(array_zyx.astype(dtype).tobytes())


def main():
    z, y, x = np.meshgrid(*(np.arange(n) for n in SIZE_XYZ[::-1]), indexing="ij")
    image = np.round(100 * np.sin(0.7 * x) + 50 * np.cos(0.5 * y) + 30 * z + (x * 7 + y * 13 + z * 29) % 11)
    mask = (((x - 4) / 3.2) ** 2 + ((y - 3.5) / 2.6) ** 2 + ((z - 3) / 2.2) ** 2 <= 1).astype(np.uint16) * 2
    mask[0, 0, 0] = 1  # another label, to be ignored
    write_nrrd("source_image.nrrd", image.astype(np.float32), "float")
    write_nrrd("source_mask.nrrd", mask, "ushort")

    tz, ty, tx = np.meshgrid(*(np.arange(n) for n in TARGET_SIZE[::-1]), indexing="ij")
    index = [TARGET_ORIGIN_INDEX[a] + [tx, ty, tz][a] * TARGET_SPACING[a] / SPACING[a] for a in range(3)]
    inside = np.ones(tx.shape, bool)
    for a in range(3):
        inside &= (index[a] >= -0.5) & (index[a] < SIZE_XYZ[a] - 0.5)
    coordinates = [index[2], index[1], index[0]]  # scipy wants z, y, x
    for c in coordinates:
        assert np.all(np.abs(c - np.floor(c) - 0.5) > 1e-6), "a nearest-neighbour tie"
    values = {
        "linear": ndimage.map_coordinates(image, coordinates, order=1, mode="nearest"),
        "nearest": ndimage.map_coordinates(image, coordinates, order=0, mode="nearest"),
        "bspline": ndimage.map_coordinates(image, coordinates, order=3, mode="mirror", prefilter=True),
    }
    indicator = (mask == 2).astype(float)
    values["mask_nearest"] = ndimage.map_coordinates(indicator, coordinates, order=0, mode="nearest")
    linear_mask = ndimage.map_coordinates(indicator, coordinates, order=1, mode="nearest")
    assert np.all(np.abs(linear_mask - 0.5) > 1e-6), "a partial-volume tie"
    values["mask_linear"] = (linear_mask >= 0.5).astype(float)

    target_origin = np.array(ORIGIN) + DIRECTION @ (np.array(TARGET_ORIGIN_INDEX) * np.array(SPACING))
    with open("target_grid.csv", "w") as f:
        f.write("spacing_x,spacing_y,spacing_z,size_x,size_y,size_z,origin_x,origin_y,origin_z\n")
        f.write(",".join([repr(s) for s in TARGET_SPACING] + [str(s) for s in TARGET_SIZE] +
                         [repr(float(o)) for o in target_origin]) + "\n")
    with open("expected.csv", "w") as f:
        f.write("interpolator,x,y,z,value\n")
        for name, v in values.items():
            v = np.where(inside, v, 0.0)
            for (kz, ky, kx), value in np.ndenumerate(v):
                f.write(f"{name},{kx},{ky},{kz},{value!r}\n")


if __name__ == "__main__":
    main()
