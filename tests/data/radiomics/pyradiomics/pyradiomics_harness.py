"""Runs pyradiomics' own feature classes from a source checkout, for fixture scripts beside this file.

pyradiomics is not packaged for Debian, and its SimpleITK dependency neither. The feature classes
(radiomics/firstorder.py, glcm.py, ..., shape.py and the C extensions _cmatrices and _cshape) use
SimpleITK only to turn images into arrays and back, to read the spacing and to pad the mask for
shape; a minimal stand-in for those calls is installed here before pyradiomics is imported. It only
carries arrays and spacing: every feature value is pyradiomics' own. What pyradiomics' extractor
does around the classes (cropping to the ROI's bounding box, padded by kernelRadius in voxel mode)
is done by crop() as cropToTumorMask does it.

Prepare a checkout once (Debian 12: apt-get install python3-dev python3-numpy python3-pywt):
  git archive <pyradiomics 8ed5793> radiomics | tar -x -C PYRAD
  cd PYRAD/radiomics && echo 'version = "3.1.1.dev8ed5793"' > _version.py
  gcc -O2 -shared -fPIC -I/usr/include/python3.11 -I$(numpy include) src/_cmatrices.c src/cmatrices.c \
      -o _cmatrices$(EXT_SUFFIX)    (and src/_cshape.c src/cshape.c -o _cshape$(EXT_SUFFIX))
"""
import gzip
import logging
import sys

import numpy as np


class Image:
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


class _ConstantPad:
    def SetPadLowerBound(self, bound):
        self.low = [int(b) for b in bound]

    def SetPadUpperBound(self, bound):
        self.high = [int(b) for b in bound]

    def Execute(self, image):
        widths = list(zip(self.low[::-1], self.high[::-1]))
        return Image(np.pad(image.array, widths, mode="constant"), image.spacing)


class _SimpleITK:
    Image = Image
    ConstantPadImageFilter = _ConstantPad

    @staticmethod
    def GetArrayFromImage(image):
        return image.array.copy()

    @staticmethod
    def GetImageFromArray(array):
        return Image(array)


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


def load(pyradiomics_checkout):
    """The radiomics package of the checkout, with the stand-in in place."""
    sys.modules["SimpleITK"] = _SimpleITK
    sys.path.insert(0, pyradiomics_checkout)
    import radiomics
    from radiomics import base

    radiomics.setVerbosity(logging.ERROR)
    base.getProgressReporter = _NoProgress
    return radiomics


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


def write_nrrd(path, array_zyx, spacing_xyz, kind):
    """A raw little-endian NRRD on an identity-direction grid at the origin."""
    sizes = array_zyx.shape[::-1]
    header = ["NRRD0004", f"type: {kind}", "dimension: 3", "space: left-posterior-superior",
              f"sizes: {sizes[0]} {sizes[1]} {sizes[2]}",
              "space directions: " + " ".join(
                  "(" + ",".join(repr(float(spacing_xyz[a]) if r == a else 0.0) for r in range(3)) + ")"
                  for a in range(3)),
              "kinds: domain domain domain", "endian: little", "encoding: raw", "space origin: (0,0,0)"]
    dtype = {"short": "<i2", "unsigned char": "u1", "float": "<f4"}[kind]
    with open(path, "wb") as f:
        f.write(("\n".join(header) + "\n\n").encode())
        f.write(np.ascontiguousarray(array_zyx, dtype=dtype).tobytes())


def crop(image, mask, pad):
    """pyradiomics' cropToTumorMask: the ROI's bounding box padded by `pad`, within the image.
    Returns the cropped image and mask, and the box's first voxel and size (x, y, z)."""
    where = np.array(np.nonzero(mask))
    low = np.maximum(where.min(axis=1) - pad, 0)
    high = np.minimum(where.max(axis=1) + pad, np.array(mask.shape) - 1)
    box = tuple(slice(lo, hi + 1) for lo, hi in zip(low, high))
    return image[box], mask[box], low[::-1], (high - low + 1)[::-1]


def segment_rows(classes, image, mask, spacing, settings, row_start, image_type="original"):
    """Prints "<row_start>,<image_type>_<class>_<feature>,<value>" for every feature of the classes,
    segment-based on image and mask (already cropped); a feature pyradiomics fails on is named on
    stderr and left out."""
    for family, cls in classes:
        features = cls(Image(image, spacing), Image(mask, spacing), label=1, **settings)
        features.enableAllFeatures()
        for ok, feature, value in features._calculateFeatures():
            if not ok:
                print(f"{row_start}: pyradiomics failed on {family} {feature}; left out", file=sys.stderr)
                continue
            print(f"{row_start},{image_type}_{family}_{feature},{float(np.squeeze(value))!r}")


def feature_classes(with_shape=False):
    """(name, class) of the first-order and five texture classes, after shape when asked for, in the
    order the fixtures list them."""
    from radiomics import firstorder, glcm, gldm, glrlm, glszm, ngtdm, shape

    classes = [("firstorder", firstorder.RadiomicsFirstOrder), ("glcm", glcm.RadiomicsGLCM),
               ("gldm", gldm.RadiomicsGLDM), ("glrlm", glrlm.RadiomicsGLRLM), ("glszm", glszm.RadiomicsGLSZM),
               ("ngtdm", ngtdm.RadiomicsNGTDM)]
    return [("shape", shape.RadiomicsShape)] + classes if with_shape else classes


def derived_rows(images, roi, spacing, row_start):
    """segment_rows of every (image, name, settings) an imageoperations generator yields, each image
    cropped to the ROI's bounding box as pyradiomics' extractor crops it. Stops, naming the image, if
    it is NaN inside the ROI."""
    for image, name, settings in images:
        image_c, mask_c, _, _ = crop(image.array, roi, 0)
        if np.isnan(image_c[mask_c == 1]).any():
            sys.exit(f"{row_start}: {name} is NaN inside the ROI; choose another configuration")
        segment_rows(feature_classes(), image_c, mask_c, spacing, settings, row_start, name)
