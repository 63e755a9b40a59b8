#!/usr/bin/python3
"""brain1's features with Original + LBP2D + LBP3D (binCount 32) by pyradiomics' own code through
the test harness (the yardstick of BENCHMARKS.md "LBP2D, LBP3D and other wavelets"): the cropping
its extractor does, its filters, its classes. Computes and prints nothing.

Run: bench/radiomics/pyradiomics_lbp_brain1.py PYRAD TRIMESH (checkouts as in
tests/data/radiomics/pyradiomics/lbp3d/make_lbp3d_fixtures.py)
"""
import os
import sys

import numpy as np

D = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tests/data/radiomics/pyradiomics")
sys.path.insert(0, D)
import pyradiomics_harness as harness  # noqa: E402

radiomics = harness.load(sys.argv[1])
sys.path.insert(0, sys.argv[2])
from radiomics import imageoperations  # noqa: E402

image, spacing = harness.read_nrrd(f"{D}/brain1_image.nrrd")
label, _ = harness.read_nrrd(f"{D}/brain1_label.nrrd")
roi = (label == 1).astype(np.uint8)
settings = {"binCount": 32}
whole = harness.Image(image.astype(np.float64), spacing)
mask = harness.Image(roi, spacing)
images = [(whole, "original", settings)]
images += list(imageoperations.getLBP2DImage(whole, mask, **settings))
# getLBP3DImage reuses one array for its images: each is copied as it comes.
images += [(harness.Image(im.array.copy(), spacing), name, kwargs)
           for im, name, kwargs in imageoperations.getLBP3DImage(whole, mask, **settings)]
for im, name, kwargs in images:
    image_c, mask_c, _, _ = harness.crop(im.array, roi, 0)
    for _, cls in harness.feature_classes(with_shape=name == "original"):
        features = cls(harness.Image(image_c, spacing), harness.Image(mask_c, spacing), label=1, **kwargs)
        features.enableAllFeatures()
        for _ in features._calculateFeatures():
            pass
