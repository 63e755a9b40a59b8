#!/usr/bin/python3
"""Writes a synthetic CT series of 512 x 512 x N slices (0.7 x 0.7 x 1 mm) as DICOM CT Image
Storage files, one per slice, for timing `deepradscore --screenshot` (BENCHMARKS.md). Plain
Python and numpy: explicit VR little endian with the file meta header; a water cylinder
(0 HU) in air (-1000 HU) with a 20 mm sphere of 40 HU, plus noise.

    /usr/bin/python3 bench/viewers/make_ct_series.py OUT_FOLDER [SLICES]
"""
import os
import struct
import sys

import numpy as np


def element(group, elem, vr, value):
    if isinstance(value, str):
        value = value.encode("ascii")
        if len(value) % 2:
            value += b"\0" if vr == "UI" else b" "
    tag = struct.pack("<HH", group, elem)
    if vr in ("OB", "OW", "SQ", "UN", "UT"):
        return tag + vr.encode() + b"\0\0" + struct.pack("<I", len(value)) + value
    return tag + vr.encode() + struct.pack("<H", len(value)) + value


def slice_file(path, z, pixels, uids):
    sop = "%s.%d" % (uids["series"], z + 1)
    dataset = b"".join([
        element(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.2"),
        element(0x0008, 0x0018, "UI", sop),
        element(0x0008, 0x0060, "CS", "CT"),
        element(0x0010, 0x0010, "PN", "BENCH^SERIES"),
        element(0x0010, 0x0020, "LO", "BENCH512"),
        element(0x0018, 0x0050, "DS", "1"),
        element(0x0020, 0x000D, "UI", uids["study"]),
        element(0x0020, 0x000E, "UI", uids["series"]),
        element(0x0020, 0x0013, "IS", str(z + 1)),
        element(0x0020, 0x0032, "DS", "-179.2\\-179.2\\%d" % z),
        element(0x0020, 0x0037, "DS", "1\\0\\0\\0\\1\\0"),
        element(0x0020, 0x0052, "UI", uids["frame"]),
        element(0x0028, 0x0002, "US", struct.pack("<H", 1)),
        element(0x0028, 0x0004, "CS", "MONOCHROME2"),
        element(0x0028, 0x0010, "US", struct.pack("<H", pixels.shape[0])),
        element(0x0028, 0x0011, "US", struct.pack("<H", pixels.shape[1])),
        element(0x0028, 0x0030, "DS", "0.7\\0.7"),
        element(0x0028, 0x0100, "US", struct.pack("<H", 16)),
        element(0x0028, 0x0101, "US", struct.pack("<H", 16)),
        element(0x0028, 0x0102, "US", struct.pack("<H", 15)),
        element(0x0028, 0x0103, "US", struct.pack("<H", 1)),
        element(0x0028, 0x1052, "DS", "0"),
        element(0x0028, 0x1053, "DS", "1"),
        element(0x7FE0, 0x0010, "OW", pixels.astype("<i2").tobytes()),
    ])
    meta_body = b"".join([
        element(0x0002, 0x0001, "OB", b"\0\1"),
        element(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.2"),
        element(0x0002, 0x0003, "UI", sop),
        element(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1"),
        element(0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.9.7433.1"),
    ])
    meta = element(0x0002, 0x0000, "UL", struct.pack("<I", len(meta_body))) + meta_body
    with open(path, "wb") as f:
        f.write(b"\0" * 128 + b"DICM" + meta + dataset)


def main():
    out = sys.argv[1]
    slices = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    os.makedirs(out, exist_ok=True)
    root = "1.2.826.0.1.3680043.9.7433.2"
    uids = {"study": root + ".1", "series": root + ".2", "frame": root + ".3"}
    rng = np.random.default_rng(512)
    y, x = np.mgrid[0:512, 0:512]
    r2 = ((x - 255.5) * 0.7) ** 2 + ((y - 255.5) * 0.7) ** 2
    body = r2 < 150.0 ** 2
    for z in range(slices):
        image = np.where(body, 0.0, -1000.0)
        sphere = r2 + ((z - slices / 2) * 1.0) ** 2 < 10.0 ** 2
        image[sphere] = 40.0
        image += rng.normal(0, 15, image.shape)
        slice_file(os.path.join(out, "CT%04d.dcm" % (z + 1)), z, np.round(image), uids)


if __name__ == "__main__":
    main()
