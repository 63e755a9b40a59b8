#!/usr/bin/python3
"""Voxel-based feature maps computed by pyradiomics itself, for test_radiomics_voxel.

pyradiomics is not packaged for Debian, and its SimpleITK dependency neither, so this script runs
pyradiomics' own feature classes (radiomics/firstorder.py, glcm.py, ... and its C extension
_cmatrices) from a source checkout, with a minimal stand-in for the few SimpleITK calls those
classes make (array <-> image with spacing). The stand-in only carries arrays and spacing; every
number below is pyradiomics' own. What pyradiomics' featureextractor does around the classes in
voxel mode is done here as it does it: the image and mask are cropped to the ROI's bounding box
padded by kernelRadius (cropToTumorMask), and each class is run with voxelBased=True.

Prepare once (Debian 12: apt-get install python3-dev python3-numpy python3-pywt):
  git archive <pyradiomics 8ed5793> radiomics | tar -x -C PYRAD
  cd PYRAD/radiomics && echo 'version = "3.1.1.dev8ed5793"' > _version.py
  gcc -O2 -shared -fPIC -I/usr/include/python3.11 -I$(numpy include) src/_cmatrices.c src/cmatrices.c \
      -o _cmatrices$(EXT_SUFFIX)    (and src/_cshape.c src/cshape.c -o _cshape$(EXT_SUFFIX))
Run:
  /usr/bin/python3 make_voxel_fixtures.py PYRAD ../ > expected_maps.csv
(PYRAD holds the radiomics package; ../ the pyradiomics test images brain1/brain2/breast1.)
  /usr/bin/python3 make_voxel_fixtures.py PYRAD ../ --whole CASE
computes the 93 maps over every ROI voxel of CASE with the defaults, as pyradiomics' voxel mode does,
and writes nothing: the pyradiomics side of BENCHMARKS.md "Voxel-based maps".

Output: one row per (configuration, voxel, feature) for a fixed sample of ROI voxels, and one "crop" row per configuration with the map's grid (first voxel and size in
the input image, x y z).
"""
import gzip
import logging
import sys

import numpy as np

PYRAD, IMAGES = sys.argv[1], sys.argv[2]
WHOLE_CASE = sys.argv[4] if sys.argv[3:4] == ["--whole"] else None


class _Image:
    def __init__(self, array_zyx, spacing_xyz=(1.0, 1.0, 1.0)):
        self.array = np.asarray(array_zyx)
        self.spacing = tuple(float(s) for s in spacing_xyz)

    def GetSize(self):
        return tuple(int(n) for n in self.array.shape[::-1])

    def GetSpacing(self):
        return self.spacing

    def GetDimension(self):
        return 3

    def CopyInformation(self, other):
        self.spacing = other.spacing


class _SimpleITK:
    Image = _Image

    @staticmethod
    def GetArrayFromImage(image):
        return image.array.copy()

    @staticmethod
    def GetImageFromArray(array):
        return _Image(array)


sys.modules["SimpleITK"] = _SimpleITK
sys.path.insert(0, PYRAD)
import radiomics  # noqa: E402
from radiomics import base, firstorder, glcm, gldm, glrlm, glszm, ngtdm  # noqa: E402

radiomics.setVerbosity(logging.ERROR)


class _NoProgress:
    """pyradiomics' own dummy reporter (at 8ed5793) refuses the total= its voxel loop passes."""

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n=1):
        pass


base.getProgressReporter = _NoProgress

NRRD_TYPES = {"short": "<i2", "int16": "<i2", "unsigned char": "u1", "uchar": "u1", "uint8": "u1",
              "int": "<i4", "float": "<f4", "double": "<f8", "unsigned short": "<u2", "ushort": "<u2"}


def read_nrrd(path):
    """(array zyx, spacing xyz) of a 3D NRRD with axis-aligned space directions."""
    with open(path, "rb") as f:
        raw = f.read()
    head, data = raw.split(b"\n\n", 1)
    fields = {}
    for line in head.decode().splitlines()[1:]:
        if ":" in line and not line.startswith("#"):
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip().lstrip("=").strip()
    sizes = [int(s) for s in fields["sizes"].split()]
    directions = [[float(c) for c in v.strip("()").split(",")] for v in fields["space directions"].split()]
    spacing = [float(np.linalg.norm(d)) for d in directions]
    if fields["encoding"] == "gzip":
        data = gzip.decompress(data)
    dtype = np.dtype(NRRD_TYPES[fields["type"]])
    if fields.get("endian", "little") == "big":
        dtype = dtype.newbyteorder(">")
    array = np.frombuffer(data, dtype=dtype, count=int(np.prod(sizes))).reshape(sizes[::-1])
    return array, spacing


CLASSES = [("firstorder", firstorder.RadiomicsFirstOrder), ("glcm", glcm.RadiomicsGLCM),
           ("glrlm", glrlm.RadiomicsGLRLM), ("glszm", glszm.RadiomicsGLSZM), ("gldm", gldm.RadiomicsGLDM),
           ("ngtdm", ngtdm.RadiomicsNGTDM)]

# name, case, settings (pyradiomics' keys), number of ROI voxels sampled
CONFIGURATIONS = [
    ("r1", "brain1", {"binWidth": 25, "kernelRadius": 1}, 40),
    ("r2_2d", "brain1", {"binWidth": 25, "kernelRadius": 2, "force2D": True, "initValue": float("nan")}, 40),
    ("r1_unmasked", "brain2", {"binWidth": 25, "kernelRadius": 1, "maskedKernel": False}, 30),
    ("r1_bincount", "breast1", {"binCount": 16, "kernelRadius": 1}, 40),
]


def crop(image, mask, pad):
    """pyradiomics' cropToTumorMask: the ROI's bounding box padded by `pad`, within the image."""
    where = np.array(np.nonzero(mask))
    low = np.maximum(where.min(axis=1) - pad, 0)
    high = np.minimum(where.max(axis=1) + pad, np.array(mask.shape) - 1)
    box = tuple(slice(lo, hi + 1) for lo, hi in zip(low, high))
    return image[box], mask[box], low[::-1], (high - low + 1)[::-1]


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
        features = cls(_Image(levels, spacing), _Image(mask, spacing), label=1, **segment)
    finally:
        base.RadiomicsFeaturesBase._applyBinning = binning
    features.enableAllFeatures()
    return features.execute()


if WHOLE_CASE:
    image, spacing = read_nrrd(f"{IMAGES}/{WHOLE_CASE}_image.nrrd")
    label, _ = read_nrrd(f"{IMAGES}/{WHOLE_CASE}_label.nrrd")
    image_c, mask_c, _, _ = crop(image.astype(np.float64), (label == 1).astype(np.uint8), 1)
    for _, cls in CLASSES:
        features = cls(_Image(image_c, spacing), _Image(mask_c, spacing), voxelBased=True, label=1, binWidth=25)
        features.enableAllFeatures()
        features.execute()
    sys.exit(0)

print("config,x,y,z,feature,value,source")
for name, case, settings, samples in CONFIGURATIONS:
    image, spacing = read_nrrd(f"{IMAGES}/{case}_image.nrrd")
    label, _ = read_nrrd(f"{IMAGES}/{case}_label.nrrd")
    pad = settings["kernelRadius"]
    image_c, mask_c, start_xyz, size_xyz = crop(image.astype(np.float64), (label == 1).astype(np.uint8), pad)
    print(f"{name},{start_xyz[0]},{start_xyz[1]},{start_xyz[2]},crop,{size_xyz[0]} {size_xyz[1]} {size_xyz[2]},")
    roi_zyx = np.array(np.nonzero(mask_c)).T
    rng = np.random.default_rng(20261206)
    chosen = roi_zyx[np.sort(rng.choice(len(roi_zyx), samples, replace=False))]

    def emit(z, y, x, feature, value, source):
        print(f"{name},{x + start_xyz[0]},{y + start_xyz[1]},{z + start_xyz[2]},{feature},{float(value)!r},{source}")

    for family, cls in CLASSES:
        features = cls(_Image(image_c, spacing), _Image(mask_c, spacing), voxelBased=True, label=1, **settings)
        features.enableAllFeatures()
        kernels = {}

        def from_kernel(v):
            if v not in kernels:
                kernels[v] = kernel_features(cls, features, chosen[v], spacing, settings)
            return kernels[v]

        # The generator behind execute(): it says which features failed, where execute() would
        # leave their maps at initValue.
        for ok, feature, values in features._calculateFeatures(chosen.T.copy()):
            full = f"original_{family}_{feature}"
            for v, ((z, y, x), value) in enumerate(zip(chosen, np.asarray(values).ravel() if ok else chosen[:, 0])):
                if ok and not np.isnan(value):
                    emit(z, y, x, full, value, "voxel")
                else:
                    emit(z, y, x, full, from_kernel(v)[feature], "kernel")
