#!/usr/bin/python3
"""pyradiomics' wavelet image type with other wavelets and levels, for test_radiomics_wavelet: its
imageoperations.getWaveletImage (PyWavelets' swtn of level 1, applied again to the approximation
for each further level) on the whole image, then its first-order and texture classes on each image
cropped to the ROI's bounding box, as its extractor runs them.

Configurations (the `config` column; binWidth 25 unless said):
  brain1_haar       haar, level 1
  brain1_db2_l2     db2, level 2 (wavelet-*, then wavelet2-*, the approximation wavelet2-LLL)
  breast1_sym3_s1   sym3, start_level 1 (the first level only feeds the second)
  brain1_bior13_2d  bior1.3, level 2, force2D across z
  brain1_dmey       dmey (62 taps: brain1's 25 slices wrap around more than once), binCount 32

Run (see ../pyradiomics_harness.py for the checkout PYRAD):
  /usr/bin/python3 make_wavelet_level_fixtures.py PYRAD .. > expected.csv
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pyradiomics_harness as harness  # noqa: E402

radiomics = harness.load(sys.argv[1])
IMAGES = sys.argv[2]
from radiomics import imageoperations  # noqa: E402

CONFIGS = {
    "brain1_haar": ("brain1", {"wavelet": "haar"}),
    "brain1_db2_l2": ("brain1", {"wavelet": "db2", "level": 2}),
    "breast1_sym3_s1": ("breast1", {"wavelet": "sym3", "start_level": 1}),
    "brain1_bior13_2d": ("brain1", {"wavelet": "bior1.3", "level": 2, "force2D": True, "force2Ddimension": 0}),
    "brain1_dmey": ("brain1", {"wavelet": "dmey", "binCount": 32}),
}

print("config,feature,value")
for config, (case, settings) in CONFIGS.items():
    image, spacing = harness.read_nrrd(f"{IMAGES}/{case}_image.nrrd")
    label, _ = harness.read_nrrd(f"{IMAGES}/{case}_label.nrrd")
    roi = (label == 1).astype(np.uint8)
    settings = {"binWidth": 25, **settings}
    whole = harness.Image(image.astype(np.float64), spacing)
    harness.derived_rows(imageoperations.getWaveletImage(whole, harness.Image(roi, spacing), **settings), roi,
                         spacing, config)
