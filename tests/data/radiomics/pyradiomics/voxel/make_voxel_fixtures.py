#!/usr/bin/python3
"""Voxel-based feature maps computed by pyradiomics itself, for test_radiomics_voxel.

pyradiomics' feature classes run in voxel mode (through ../pyradiomics_harness.py, which says how
to prepare the checkout PYRAD), on image and mask cropped as its extractor crops them in voxel mode:
to the ROI's bounding box padded by kernelRadius (cropToTumorMask).

Run:
  /usr/bin/python3 make_voxel_fixtures.py PYRAD ../ > expected_maps.csv
(../ holds the pyradiomics test images brain1/brain2/breast1.)
  /usr/bin/python3 make_voxel_fixtures.py PYRAD ../ --whole CASE
computes the 93 maps over every ROI voxel of CASE with the defaults, as pyradiomics' voxel mode does,
and writes nothing: the pyradiomics side of BENCHMARKS.md "Voxel-based maps".

Output: one row per (configuration, voxel, feature) for a fixed sample of ROI voxels, and one "crop"
row per configuration with the map's grid (first voxel and size in the input image, x y z). Derived
image types (wavelet, square) are filtered from the whole image by pyradiomics' imageoperations, then
cropped, as its extractor does.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pyradiomics_harness as harness  # noqa: E402

PYRAD, IMAGES = sys.argv[1], sys.argv[2]
WHOLE_CASE = sys.argv[4] if sys.argv[3:4] == ["--whole"] else None
radiomics = harness.load(PYRAD)
from radiomics import base, firstorder, glcm, gldm, glrlm, glszm, imageoperations, ngtdm  # noqa: E402

CLASSES = [("firstorder", firstorder.RadiomicsFirstOrder), ("glcm", glcm.RadiomicsGLCM),
           ("glrlm", glrlm.RadiomicsGLRLM), ("glszm", glszm.RadiomicsGLSZM), ("gldm", gldm.RadiomicsGLDM),
           ("ngtdm", ngtdm.RadiomicsNGTDM)]

# name, case, settings (pyradiomics' keys), number of ROI voxels sampled, image type
CONFIGURATIONS = [
    ("r1", "brain1", {"binWidth": 25, "kernelRadius": 1}, 40, "original"),
    ("r2_2d", "brain1", {"binWidth": 25, "kernelRadius": 2, "force2D": True, "initValue": float("nan")}, 40, "original"),
    ("r1_unmasked", "brain2", {"binWidth": 25, "kernelRadius": 1, "maskedKernel": False}, 30, "original"),
    ("r1_bincount", "breast1", {"binCount": 16, "kernelRadius": 1}, 40, "original"),
    ("r1_wavelet", "brain2", {"binWidth": 25, "kernelRadius": 1}, 10, "wavelet"),
    ("r1_square_unmasked", "breast1", {"binWidth": 25, "kernelRadius": 1, "maskedKernel": False}, 20, "square"),
]


def kernel_box(centre_zyx, shape, settings):
    """The kernel's bounding box as pyradiomics' C code sets it (set_bb): the cube of kernelRadius
    around the voxel within the image, one voxel thick along force2Ddimension with force2D."""
    radius = [settings["kernelRadius"]] * 3
    if settings.get("force2D", False):
        radius[settings.get("force2Ddimension", 0)] = 0
    return tuple(slice(max(c - r, 0), min(c + r, n - 1) + 1) for c, r, n in zip(centre_zyx, radius, shape))


def kernel_features(cls, voxel_mode, centre_zyx, spacing, settings):
    """pyradiomics' segment-based features of one kernel: its own matrices on the kernel's voxels
    with the grey levels voxel mode gave them (binning replaced by those levels; Ng kept). Used
    where pyradiomics' voxel mode has no value (see the README)."""
    box = kernel_box(centre_zyx, voxel_mode.imageArray.shape, settings)
    levels, mask = voxel_mode.imageArray[box], voxel_mode.maskArray[box].astype(np.uint8)
    ng = voxel_mode.coefficients["Ng"]

    def keep_levels(self, matrix):
        self.coefficients["grayLevels"] = np.unique(matrix[self.maskArray])
        self.coefficients["Ng"] = ng
        return matrix

    binning = base.RadiomicsFeaturesBase._applyBinning
    base.RadiomicsFeaturesBase._applyBinning = keep_levels
    try:
        segment = {k: v for k, v in settings.items() if k not in ("kernelRadius", "maskedKernel", "initValue")}
        features = cls(harness.Image(levels, spacing), harness.Image(mask, spacing), label=1, **segment)
    finally:
        base.RadiomicsFeaturesBase._applyBinning = binning
    features.enableAllFeatures()
    return features.execute()


if WHOLE_CASE:
    image, spacing = harness.read_nrrd(f"{IMAGES}/{WHOLE_CASE}_image.nrrd")
    label, _ = harness.read_nrrd(f"{IMAGES}/{WHOLE_CASE}_label.nrrd")
    image_c, mask_c, _, _ = harness.crop(image.astype(np.float64), (label == 1).astype(np.uint8), 1)
    for _, cls in CLASSES:
        features = cls(harness.Image(image_c, spacing), harness.Image(mask_c, spacing), voxelBased=True, label=1, binWidth=25)
        features.enableAllFeatures()
        features.execute()
    sys.exit(0)

def derived_images(image, label, spacing, settings, image_type):
    """(prefix, image) of one of pyradiomics' image types, filtered from the whole image as its
    extractor does before cropping."""
    if image_type == "original":
        return [("original", image)]
    whole, roi = harness.Image(image, spacing), harness.Image(label, spacing)
    generator = {"wavelet": imageoperations.getWaveletImage, "square": imageoperations.getSquareImage}[image_type]
    return [(prefix, np.asarray(derived.array, dtype=np.float64)) for derived, prefix, _ in generator(whole, roi, **settings)]


print("config,x,y,z,feature,value,source")
for name, case, settings, samples, image_type in CONFIGURATIONS:
    image, spacing = harness.read_nrrd(f"{IMAGES}/{case}_image.nrrd")
    label, _ = harness.read_nrrd(f"{IMAGES}/{case}_label.nrrd")
    pad = settings["kernelRadius"]
    roi = (label == 1).astype(np.uint8)
    _, mask_c, start_xyz, size_xyz = harness.crop(image, roi, pad)
    print(f"{name},{start_xyz[0]},{start_xyz[1]},{start_xyz[2]},crop,{size_xyz[0]} {size_xyz[1]} {size_xyz[2]},")
    roi_zyx = np.array(np.nonzero(mask_c)).T
    rng = np.random.default_rng(20261206)
    chosen = roi_zyx[np.sort(rng.choice(len(roi_zyx), samples, replace=False))]

    def emit(z, y, x, feature, value, source):
        print(f"{name},{x + start_xyz[0]},{y + start_xyz[1]},{z + start_xyz[2]},{feature},{float(value)!r},{source}")

    for prefix, derived in derived_images(image.astype(np.float64), roi, spacing, settings, image_type):
        image_c, _, _, _ = harness.crop(derived, roi, pad)
        for family, cls in CLASSES:
            features = cls(harness.Image(image_c, spacing), harness.Image(mask_c, spacing), voxelBased=True, label=1,
                           **settings)
            features.enableAllFeatures()
            kernels = {}

            def from_kernel(v):
                if v not in kernels:
                    kernels[v] = kernel_features(cls, features, chosen[v], spacing, settings)
                return kernels[v]

            # The generator behind execute(): it says which features failed, where execute() would
            # leave their maps at initValue.
            for ok, feature, values in features._calculateFeatures(chosen.T.copy()):
                full = f"{prefix}_{family}_{feature}"
                for v, ((z, y, x), value) in enumerate(zip(chosen, np.asarray(values).ravel() if ok else chosen[:, 0])):
                    if ok and not np.isnan(value):
                        emit(z, y, x, full, value, "voxel")
                    else:
                        emit(z, y, x, full, from_kernel(v)[feature], "kernel")
