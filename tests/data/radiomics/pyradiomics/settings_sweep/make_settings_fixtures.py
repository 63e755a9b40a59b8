#!/usr/bin/python3
"""pyradiomics' own segment-based features of brain2 and breast1 under settings its published baselines
do not cover, for test_radiomics_settings_sweep: the four weighting norms, an asymmetric GLCM,
gldm_a 2, force2D along y and along x, distances [1, 3], voxelArrayShift 1000, and resegmentation
in absolute (lower bound only: the case's ROI 25th percentile, rounded down, in the settings name),
relative ([0.5, 0.95]) and sigma ([-1], lower bound only) modes.

The feature classes (first order and the five texture classes) run as pyradiomics' extractor runs
them in segment mode: on the image and mask cropped to the ROI's bounding box, after
imageoperations.resegmentMask where a resegmentRange is set (the box then that of the resegmented
ROI).

Run (see ../pyradiomics_harness.py for the checkout PYRAD; ../ holds the test images):
  /usr/bin/python3 make_settings_fixtures.py PYRAD .. > expected.csv
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pyradiomics_harness as harness  # noqa: E402

radiomics = harness.load(sys.argv[1])
IMAGES = sys.argv[2]
from radiomics import imageoperations  # noqa: E402

SETTINGS = {
    "weighting_infinity": {"weightingNorm": "infinity"},
    "weighting_euclidean": {"weightingNorm": "euclidean"},
    "weighting_manhattan": {"weightingNorm": "manhattan"},
    "weighting_none": {"weightingNorm": "no_weighting"},
    "asymmetric_glcm": {"symmetricalGLCM": False},
    "gldm_a2": {"gldm_a": 2},
    "force2d_y": {"force2D": True, "force2Ddimension": 1},
    "force2d_x": {"force2D": True, "force2Ddimension": 2},
    "distances_1_3": {"distances": [1, 3]},
    "shift_1000": {"voxelArrayShift": 1000},
}
CLASSES = harness.feature_classes()

print("case,settings,feature,value")
for case in ("brain2", "breast1"):
    image, spacing = harness.read_nrrd(f"{IMAGES}/{case}_image.nrrd")
    label, _ = harness.read_nrrd(f"{IMAGES}/{case}_label.nrrd")
    roi = (label == 1).astype(np.uint8)
    lower = int(np.floor(np.percentile(image[roi == 1], 25)))
    resegmentations = {
        f"reseg_absolute_{lower}": {"resegmentRange": [lower], "resegmentMode": "absolute"},
        "reseg_relative": {"resegmentRange": [0.5, 0.95], "resegmentMode": "relative"},
        "reseg_sigma_low": {"resegmentRange": [-1], "resegmentMode": "sigma"},
    }
    for name, settings in {**SETTINGS, **resegmentations}.items():
        kept = roi
        if "resegmentRange" in settings:
            kept = imageoperations.resegmentMask(harness.Image(image.astype(np.float64), spacing),
                                                 harness.Image(roi, spacing), label=1, **settings).array
            kept = kept.astype(np.uint8)
        image_c, mask_c, _, _ = harness.crop(image.astype(np.float64), kept, 0)
        harness.segment_rows(CLASSES, image_c, mask_c, spacing, {"binWidth": 25, **settings}, f"{case},{name}")
