#!/usr/bin/python3
"""pyradiomics' LBP2D image type, for test_radiomics_lbp2d: its imageoperations.getLBP2DImage (which
calls scikit-image's local_binary_pattern slice by slice) on the whole image, then its first-order
and texture classes on the result cropped to the ROI's bounding box, as its extractor runs them.

Each configuration names an image, a mask, the LBP settings and the binning. The image is handed to
getLBP2DImage as float64 (a float image): pyradiomics writes the LBP back into the input's pixel
type, so on an integer image "var" would be truncated and "default" codes of 15 or more samples
would overflow int16; this engine keeps every LBP value as it is computed.

Run (see ../pyradiomics_harness.py for the checkout PYRAD; also apt-get install python3-skimage):
  /usr/bin/python3 make_lbp2d_fixtures.py PYRAD .. > expected.csv
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pyradiomics_harness as harness  # noqa: E402

radiomics = harness.load(sys.argv[1])
IMAGES = sys.argv[2]
from radiomics import imageoperations  # noqa: E402


# config: (image file, mask file, settings); paths relative to IMAGES.
CONFIGS = {
    "brain1_uniform": ("brain1_image.nrrd", "brain1_label.nrrd", {"binWidth": 1}),
    "brain1_default": ("brain1_image.nrrd", "brain1_label.nrrd", {"lbp2DMethod": "default", "binCount": 32}),
    "brain1_ror_r2_p12": ("brain1_image.nrrd", "brain1_label.nrrd",
                          {"lbp2DMethod": "ror", "lbp2DRadius": 2, "lbp2DSamples": 12, "binCount": 16}),
    "brain1_nri_r1.5_p16_y": ("brain1_image.nrrd", "brain1_label.nrrd",
                              {"lbp2DMethod": "nri_uniform", "lbp2DRadius": 1.5, "lbp2DSamples": 16,
                               "force2Ddimension": 1, "binCount": 32}),
    "brain1_var_x": ("brain1_image.nrrd", "brain1_label.nrrd",
                     {"lbp2DMethod": "var", "force2Ddimension": 2, "binCount": 32}),
    "border_uniform_r1.5": ("edge_rois/image.nrrd", "edge_rois/image_border.nrrd",
                            {"lbp2DRadius": 1.5, "binWidth": 1}),
    "border_default_x": ("edge_rois/image.nrrd", "edge_rois/image_border.nrrd",
                         {"lbp2DMethod": "default", "force2Ddimension": 2, "binCount": 16}),
}

print("config,feature,value")
for config, (image_file, mask_file, settings) in CONFIGS.items():
    image, spacing = harness.read_nrrd(f"{IMAGES}/{image_file}")
    label, _ = harness.read_nrrd(f"{IMAGES}/{mask_file}")
    roi = (label == 1).astype(np.uint8)
    whole = harness.Image(image.astype(np.float64), spacing)
    harness.derived_rows(imageoperations.getLBP2DImage(whole, harness.Image(roi, spacing), **settings), roi,
                         spacing, config)
