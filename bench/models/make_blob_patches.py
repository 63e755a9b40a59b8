#!/usr/bin/python3
"""Writes a generated Deep-CT patch set for trying the deep-* commands: N 160x160x1 NIfTI
patches (HU, float32) in OUT_DIR and OUT_DIR/patches.csv (id,label,patch,split). Positives hold a
soft-tissue disc (+30 HU, radius 24 px) on lung-like background (-850 HU, noise SD 40); negatives
do not. Plain Python 3 (no numpy): usage make_blob_patches.py OUT_DIR [N] [SEED]."""
import math
import os
import random
import struct
import sys

SIZE = 160


def write_nifti(path, pixels):
    header = bytearray(348)
    struct.pack_into("<i", header, 0, 348)
    struct.pack_into("<8h", header, 40, 3, SIZE, SIZE, 1, 1, 1, 1, 1)
    struct.pack_into("<hh", header, 70, 16, 32)  # float32
    struct.pack_into("<8f", header, 76, 1, 0.7, 0.7, 1, 1, 1, 1, 1)
    struct.pack_into("<f", header, 108, 352.0)  # vox_offset
    struct.pack_into("<f", header, 112, 1.0)  # scl_slope
    struct.pack_into("<hh", header, 252, 0, 1)  # qform_code, sform_code
    struct.pack_into("<4f", header, 280, 0.7, 0, 0, 0)
    struct.pack_into("<4f", header, 296, 0, 0.7, 0, 0)
    struct.pack_into("<4f", header, 312, 0, 0, 1, 0)
    header[344:348] = b"n+1\0"
    with open(path, "wb") as out:
        out.write(header + b"\0\0\0\0" + struct.pack("<%df" % len(pixels), *pixels))


def main():
    out_dir = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    os.makedirs(out_dir, exist_ok=True)
    rows = ["id,label,patch,split"]
    for i in range(count):
        positive = i % 2 == 1
        cx, cy = rng.uniform(28, SIZE - 28), rng.uniform(28, SIZE - 28)
        pixels = []
        for y in range(SIZE):
            for x in range(SIZE):
                inside = positive and math.hypot(x - cx, y - cy) <= 24
                pixels.append((30.0 if inside else -850.0) + rng.gauss(0, 40))
        name = "p%03d.nii" % i
        write_nifti(os.path.join(out_dir, name), pixels)
        rows.append("p%03d,%d,%s,%s" % (i, positive, name, "test" if i % 10 >= 7 else "train"))
    with open(os.path.join(out_dir, "patches.csv"), "w") as out:
        out.write("\n".join(rows) + "\n")


main()
