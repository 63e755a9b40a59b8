#!/usr/bin/python3
"""pyradiomics' LBP3D image type, for test_radiomics_lbp3d: its imageoperations.getLBP3DImage (samples
on a trimesh icosphere around each ROI voxel, interpolated by scipy's map_coordinates, their
spherical-harmonic energies per level and their kurtosis) on the whole image, then its first-order
and texture classes on each image (lbp-3D-m1, -m2, ..., lbp-3D-k) cropped to the ROI's bounding
box, as its extractor runs them.

A sample exactly equal to its voxel (a sample on the grid beside a voxel of the same value, as the
icosphere's six axis vertices are, or one in a flat region) is set or not by the last bit of scipy's
interpolation, so the comparison images here hold no two equal values: the script writes
`brain1_float.nrrd`, brain1 cropped to its ROI's bounding box plus 8 voxels with seeded uniform
noise in [0, 1) added, as float32 (`brain1_float_label.nrrd` its ROI), and `border_float.nrrd`, a
smooth pattern with seeded noise on the grid of ../edge_rois/image.nrrd, whose ROI on three image
borders it takes (samples beyond the image are 0 there).

Configurations (the `config` column): brain1_float with the defaults (lbp3DLevels 2,
lbp3DIcosphereRadius 1, lbp3DIcosphereSubdivision 1) and binCount 32; brain1_float with 3 levels,
radius 2 and subdivision 2, binCount 16; border_float at the defaults, binCount 16.

Run (see ../pyradiomics_harness.py for the checkout PYRAD; trimesh is not packaged for Debian 12:
its package folder from a checkout TRIMESH of mikedh/trimesh, here a513c0e2, is put on the path):
  /usr/bin/python3 make_lbp3d_fixtures.py PYRAD .. TRIMESH > expected.csv
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pyradiomics_harness as harness  # noqa: E402

radiomics = harness.load(sys.argv[1])
IMAGES = sys.argv[2]
sys.path.insert(0, sys.argv[3])
from radiomics import imageoperations  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261206)

brain, brain_spacing = harness.read_nrrd(f"{IMAGES}/brain1_image.nrrd")
brain_label, _ = harness.read_nrrd(f"{IMAGES}/brain1_label.nrrd")
brain_roi = (brain_label == 1).astype(np.uint8)
brain_c, brain_roi_c, _, _ = harness.crop(brain, brain_roi, 8)
brain_float = (brain_c + rng.uniform(0, 1, brain_c.shape)).astype(np.float32)
harness.write_nrrd(f"{HERE}/brain1_float.nrrd", brain_float, brain_spacing, "float")
harness.write_nrrd(f"{HERE}/brain1_float_label.nrrd", brain_roi_c, brain_spacing, "unsigned char")

border_roi, border_spacing = harness.read_nrrd(f"{IMAGES}/edge_rois/image_border.nrrd")
z, y, x = np.meshgrid(*(np.arange(n) for n in border_roi.shape), indexing="ij")
border_float = (200 + 150 * np.sin(x / 2.3) * np.cos(y / 3.1) + 40 * z + rng.normal(0, 60, x.shape))
harness.write_nrrd(f"{HERE}/border_float.nrrd", border_float.astype(np.float32), border_spacing, "float")

CONFIGS = {
    "brain1_default": (brain_float, brain_roi_c, brain_spacing, {"binCount": 32}),
    "brain1_l3_r2_s2": (brain_float, brain_roi_c, brain_spacing,
                        {"lbp3DLevels": 3, "lbp3DIcosphereRadius": 2, "lbp3DIcosphereSubdivision": 2,
                         "binCount": 16}),
    "border_default": (border_float.astype(np.float32), (border_roi == 1).astype(np.uint8), border_spacing,
                       {"binCount": 16}),
}

print("config,feature,value")
for config, (image, roi, spacing, settings) in CONFIGS.items():
    whole = harness.Image(image.astype(np.float64), spacing)
    harness.derived_rows(imageoperations.getLBP3DImage(whole, harness.Image(roi, spacing), **settings), roi,
                         spacing, config)
