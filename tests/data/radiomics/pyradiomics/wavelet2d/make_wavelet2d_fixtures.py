#!/usr/bin/python3
"""pyradiomics' wavelet image type with force2D, for test_radiomics_wavelet2d: its
imageoperations.getWaveletImage (PyWavelets' swtn over the two in-plane axes only, so the
decompositions are wavelet-LH, -HL, -HH and -LL) on the whole image, then its first-order and
texture classes (in 2D, as force2D asks) on each decomposition cropped to the ROI's bounding box, as
its extractor runs them.

Configurations (the `config` column): brain1 with force2Ddimension 0, 1 and 2 (slices across z, y
and x; brain1's 25 slices make the odd axis padded in the last two), and breast1 with 0; binWidth 25.

Run (see ../pyradiomics_harness.py for the checkout PYRAD):
  /usr/bin/python3 make_wavelet2d_fixtures.py PYRAD .. > expected.csv
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pyradiomics_harness as harness  # noqa: E402

radiomics = harness.load(sys.argv[1])
IMAGES = sys.argv[2]
from radiomics import imageoperations  # noqa: E402

CONFIGS = {"brain1_axial": ("brain1", 0), "brain1_coronal": ("brain1", 1), "brain1_sagittal": ("brain1", 2),
           "breast1_axial": ("breast1", 0)}

print("config,feature,value")
for config, (case, dimension) in CONFIGS.items():
    image, spacing = harness.read_nrrd(f"{IMAGES}/{case}_image.nrrd")
    label, _ = harness.read_nrrd(f"{IMAGES}/{case}_label.nrrd")
    roi = (label == 1).astype(np.uint8)
    settings = {"binWidth": 25, "force2D": True, "force2Ddimension": dimension}
    whole = harness.Image(image.astype(np.float64), spacing)
    harness.derived_rows(imageoperations.getWaveletImage(whole, harness.Image(roi, spacing), **settings), roi,
                         spacing, config)
