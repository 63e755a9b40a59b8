#!/usr/bin/env python3
"""Which of the 10 deep-feature units of a run's Deep-CT networks ever pass the head's ReLU, and
how many of its Grad-CAM images hold any heat.

Usage: bench/models/head_units.py PROJECT.sqlite [RUN_ID]   (default: the newest finished run)

A unit "never fires" when its deep feature is <= 0 for every patient the network scored (the
features are stored before the head, in the run's network checkpoints). Under the ReLU head such a
unit passes neither a signal nor a gradient; under the linear head the count says only how the
features fall. A Grad-CAM image without heat has every pixel grey except the magenta outline
(core/pipeline/EndpointAnalysis.h, kOutlineRgb). Python's standard library only.
"""
import glob
import json
import os
import sqlite3
import struct
import sys
import zlib


def rgb_rows(path):
    """The rows of an 8-bit RGB PNG as bytearrays (PNG filters undone)."""
    data = open(path, "rb").read()
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width = struct.unpack(">I", body[:4])[0]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), 3 * width
    rows, previous = [], bytearray(stride)
    for start in range(0, len(raw), stride + 1):
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = row[i - 3] if i >= 3 else 0
            up, up_left = previous[i], previous[i - 3] if i >= 3 else 0
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - up_left
                nearest = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - up_left), 2, up_left))
                row[i] = (row[i] + nearest[2]) & 255
        rows.append(row)
        previous = row
    return rows


def has_heat(path):
    for row in rgb_rows(path):
        for i in range(0, len(row), 3):
            r, g, b = row[i:i + 3]
            if not (r == g == b) and (r, g, b) != (255, 0, 255):
                return True
    return False


project = sys.argv[1]
db = sqlite3.connect(project)
run = int(sys.argv[2]) if len(sys.argv) > 2 else db.execute(
    "SELECT max(id) FROM runs WHERE kind = 'pipeline' AND status = 'finished'").fetchone()[0]
head = json.loads(db.execute("SELECT parameters_json FROM runs WHERE id = ?", (run,)).fetchone()[0])["deep"].get(
    "head_activation", "relu")
print(f"run {run}, head activation {head}")
for step, checkpoint in db.execute(
        "SELECT step, checkpoint_json FROM run_steps WHERE run_id = ? AND step LIKE 'deep-network:%' ORDER BY step",
        (run,)):
    features = json.loads(checkpoint)["features"]
    never = sum(1 for k in range(10) if all(row[k] <= 0 for row in features))
    print(f"{step:34s} units that never fire: {never} of 10 ({len(features)} patients)")
images = sorted(glob.glob(os.path.join(os.path.splitext(project)[0] + ".files", "runs", str(run), "*-gradcam-*.png")))
print(f"Grad-CAM images without heat: {sum(not has_heat(p) for p in images)} of {len(images)}")
