#!/usr/bin/python3
"""ROIs of awkward shape and pyradiomics' segment-based features of them, for test_radiomics_edge_rois.

The pyradiomics baselines are of whole, compact tumours. These ROIs are not: a checkerboard (no two
voxels share a face), a diagonal plane, one touching three image borders, two slices, a block full
of holes, an L of one-voxel lines in one slice. The script writes the image and the masks
(image.nrrd, <case>.nrrd) and prints pyradiomics' segment-based features of each (shape, first
order and the five texture classes, as its extractor runs them: image and mask cropped to the ROI's
bounding box) for two settings: its defaults (binWidth 25) and distances [1, 2] with binCount 8.

Run (see ../pyradiomics_harness.py for the checkout PYRAD):
  /usr/bin/python3 make_edge_fixtures.py PYRAD > expected.csv
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pyradiomics_harness as harness  # noqa: E402

radiomics = harness.load(sys.argv[1])

HERE = os.path.dirname(os.path.abspath(__file__))
SPACING = (0.8, 0.9, 2.5)
NX, NY, NZ = 16, 15, 9

rng = np.random.default_rng(20261206)
z, y, x = np.meshgrid(np.arange(NZ), np.arange(NY), np.arange(NX), indexing="ij")
image = np.round(200 + 150 * np.sin(x / 2.3) * np.cos(y / 3.1) + 40 * z + rng.normal(0, 60, x.shape))
image = image.astype(np.int16)


def box(x0, x1, y0, y1, z0, z1):
    return (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1) & (z >= z0) & (z <= z1)


MASKS = {
    "checkerboard": box(3, 10, 3, 10, 2, 5) & ((x + y + z) % 2 == 0),
    "diagonal_plane": box(2, 11, 2, 11, 1, 6) & (x == y),
    "image_border": box(0, 5, 10, 14, 0, 3) & (rng.random(x.shape) < 0.8),
    "two_slices": ((x - 8) ** 2 / 25 + (y - 7) ** 2 / 16 <= 1) & ((z == 4) | (z == 5)),
    "holes": box(4, 11, 4, 11, 2, 6) & (rng.random(x.shape) >= 0.3),
    "l_shape": (((y == 5) & (x >= 2) & (x <= 9)) | ((x == 2) & (y >= 5) & (y <= 12))) & (z == 3),
}
SETTINGS = {
    "defaults": {"binWidth": 25},
    "d12_bincount8": {"binCount": 8, "distances": [1, 2]},
}
CLASSES = harness.feature_classes(with_shape=True)

harness.write_nrrd(os.path.join(HERE, "image.nrrd"), image, SPACING, "short")
print("case,settings,feature,value")
for case, mask in MASKS.items():
    harness.write_nrrd(os.path.join(HERE, f"{case}.nrrd"), mask.astype(np.uint8), SPACING, "unsigned char")
    image_c, mask_c, _, _ = harness.crop(image.astype(np.float64), mask.astype(np.uint8), 0)
    for name, settings in SETTINGS.items():
        harness.segment_rows(CLASSES, image_c, mask_c, SPACING, settings, f"{case},{name}")
