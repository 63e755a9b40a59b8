#!/usr/bin/python3
"""Writes the input of bench_deep_learn and deep_replica.py: patches.f32 (N x 160 x 160 float32 HU),
patients.csv (pseudonym, subset, the ten labels with -1 = unknown, the truth latents) and, in synth
mode, masks.u8 (N x 160 x 160, the tumour on each patch: `drs regions`' patch_mask.nii.gz).

  dump_deep_patches.py demo DEMO_DIR OUT_DIR
      the study's training patients of a finished `drs demo` (run 1); its test patients are not
      written, so the bench cannot see them.
  dump_deep_patches.py synth SYNTH_DIR REGIONS_DIR OUT_DIR FIT
      a `drs synth` cohort whose patches `drs regions` wrote to REGIONS_DIR/<patient_id>/; FIT
      patients (random order, seed 1) become subset 'train', the rest 'eval'.
numpy only (Debian's python3-numpy)."""
import csv
import gzip
import os
import sqlite3
import struct
import sys

import numpy as np

ENDPOINTS = ['LVI', 'PI', 'T4', 'EGFR', 'KRAS', 'ALK', 'TP53', 'PIK3CA', 'ROS1', 'PD1_PDL1']
TRUTH = ['z_pattern', 'z_solidity', 'z_smoking', 'gradient_hu', 'diameter_mm']


def read_nifti(path):
    data = gzip.open(path).read() if path.endswith('.gz') else open(path, 'rb').read()
    dim = struct.unpack('<8h', data[40:56])
    datatype = struct.unpack('<h', data[70:72])[0]
    offset = int(struct.unpack('<f', data[108:112])[0])
    slope, intercept = struct.unpack('<2f', data[112:120])
    dtype = {2: np.uint8, 4: np.int16, 16: np.float32, 64: np.float64, 512: np.uint16}[datatype]
    shape = dim[1:1 + dim[0]]
    count = int(np.prod(shape))
    values = np.frombuffer(data[offset:offset + count * np.dtype(dtype).itemsize], dtype=dtype)
    values = values.reshape(shape[::-1]).astype(np.float32)
    if slope not in (0.0, 1.0) or intercept != 0:
        values = values * (slope or 1) + intercept
    return values


def write(out_dir, rows, patches, masks=None):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, 'patients.csv'), 'w') as f:
        f.write(','.join(['pseudonym', 'subset'] + ENDPOINTS + TRUTH) + '\n')
        for row in rows:
            f.write(','.join(row) + '\n')
    np.stack(patches).astype(np.float32).tofile(os.path.join(out_dir, 'patches.f32'))
    if masks:
        np.stack(masks).astype(np.uint8).tofile(os.path.join(out_dir, 'masks.u8'))


def dump_demo(demo, out_dir):
    db = sqlite3.connect(os.path.join(demo, 'project.sqlite'))
    training = db.execute("SELECT DISTINCT p.id, p.pseudonym FROM patients p JOIN splits s ON s.patient_id = p.id "
                          "WHERE s.run_id = 1 AND s.subset = 'train' ORDER BY p.pseudonym").fetchall()
    labels = {(pid, name): value for pid, name, value in db.execute(
        "SELECT l.patient_id, e.name, l.value FROM labels l JOIN endpoints e ON e.id = l.endpoint_id")}
    truth = {r['pseudonym']: r for r in csv.DictReader(open(os.path.join(demo, 'cohort', 'truth.csv')))}
    rows, patches = [], []
    for pid, pseudonym in training:
        patches.append(read_nifti(os.path.join(demo, 'project.files', 'regions', pseudonym, 'patch.nii.gz'))[0])
        rows.append([pseudonym, 'train'] + [str(labels.get((pid, e), -1)) for e in ENDPOINTS] +
                    [truth[pseudonym][t] for t in TRUTH])
    write(out_dir, rows, patches)


def dump_synth(synth, regions, out_dir, fit):
    clinical = {r['patient_id']: r for r in csv.DictReader(open(os.path.join(synth, 'clinical.csv')))}
    truth = list(csv.DictReader(open(os.path.join(synth, 'truth.csv'))))
    rows, patches, masks = [], [], []
    for k, i in enumerate(np.random.default_rng(1).permutation(len(truth))):
        t = truth[i]
        c = clinical[t['patient_id']]
        patches.append(read_nifti(os.path.join(regions, t['patient_id'], 'patch.nii.gz'))[0])
        masks.append(read_nifti(os.path.join(regions, t['patient_id'], 'patch_mask.nii.gz'))[0])
        rows.append([t['patient_id'], 'train' if k < fit else 'eval'] +
                    [c[e] if c[e] != '' else '-1' for e in ENDPOINTS] + [t[name] for name in TRUTH])
    write(out_dir, rows, patches, masks)


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'demo':
        dump_demo(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 6 and sys.argv[1] == 'synth':
        dump_synth(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        sys.exit(__doc__)
