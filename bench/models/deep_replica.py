#!/usr/bin/python3
"""A PyTorch replica of the product's multi-task Deep-CT network, to try input variants quickly.

Usage: bench/models/deep_replica.py --data DIR [--input tumour|lung-and-tumour|lung] [--target
       endpoints|pattern] [--input-px 64] [--epochs 30] [--width-divisor 4] [--seed 0]

DIR is what bench/models/dump_deep_patches.py writes (patches.f32, patients.csv, masks.u8): the
network is fitted on the 'train' patients and scored on the 'eval' ones after every epoch.

The replica follows models/DeepCtTrainer: torchvision's DenseNet121 topology with every width
divided by --width-divisor, a 10-unit deep-feature layer and two logits per endpoint (both
Xavier-initialised), class-weighted cross-entropy over the known (patient, endpoint) pairs, Adam
with a cosine schedule, left-right flips, rotations up to 10 degrees and a gain/offset jitter of
0.1. It is not the product (no early stopping: it prints every epoch).

--input: lung = the patch in the lung window (-600/1500), the product's input; tumour = the
patch in a soft-tissue window (40/400) with everything outside the tumour set to 0; lung-and-tumour
= both as two channels. --target pattern trains the deep-feature layer's first unit to regress
the planted `pattern` latent (a clean target, to tell what the input lets the network see from
what the labels teach it).

Printed per epoch: training loss, the mean held-out AUC over the endpoints and each one, and the
largest |r| between a deep feature and `pattern` on the held-out patients.
"""
import argparse
import csv
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

ENDPOINTS = ['LVI', 'PI', 'T4', 'EGFR', 'KRAS', 'ALK', 'TP53', 'PIK3CA', 'ROS1', 'PD1_PDL1']
PATCH_PX = 160


def auc(labels, scores):
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores, kind='stable')] = np.arange(1, len(scores) + 1)
    positives = (labels == 1).sum()
    return (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * (len(labels) - positives))


def window(hu, level, width):
    return np.clip((hu - (level - width / 2)) / width, 0, 1).astype(np.float32)


def network_input(data, kind):
    patches = np.fromfile(os.path.join(data, 'patches.f32'), np.float32).reshape(-1, 1, PATCH_PX, PATCH_PX)
    lung = window(patches, -600, 1500)
    if kind == 'lung':
        return lung
    masks = np.fromfile(os.path.join(data, 'masks.u8'), np.uint8).reshape(patches.shape) > 0
    tumour = np.where(masks, window(patches, 40, 400), 0).astype(np.float32)
    return tumour if kind == 'tumour' else np.concatenate([lung, tumour], 1)


class Net(nn.Module):
    def __init__(self, channels, outputs, divisor, input_px):
        super().__init__()
        dense = torchvision.models.DenseNet(growth_rate=32 // divisor, block_config=(6, 12, 24, 16),
                                            num_init_features=64 // divisor, bn_size=4)
        dense.features.conv0 = nn.Conv2d(channels, 64 // divisor, 7, 2, 3, bias=False)
        self.features = dense.features
        self.deep = nn.Linear(dense.classifier.in_features, 10)
        self.logits = nn.Linear(10, 2 * outputs)
        self.input_px = input_px
        for layer in (self.deep, self.logits):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        if x.shape[-1] != self.input_px:
            x = F.interpolate(x, size=(self.input_px, self.input_px), mode='bilinear', align_corners=False)
        pooled = F.relu(self.features((x - 0.5) / 0.25)).mean((2, 3))
        deep = self.deep(pooled)
        return deep, self.logits(F.relu(deep))


def augment(x, jitter=0.1, max_rotation_deg=10):
    n = x.shape[0]
    x = torch.where((torch.rand(n) < 0.5).view(n, 1, 1, 1), x.flip(3), x)
    angle = (torch.rand(n) * 2 - 1) * max_rotation_deg * np.pi / 180
    cos, sin, zero = torch.cos(angle), torch.sin(angle), torch.zeros(n)
    theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode='bilinear', padding_mode='border', align_corners=False)
    gain = 1 + (torch.rand(n, 1, 1, 1) * 2 - 1) * jitter
    offset = (torch.rand(n, 1, 1, 1) * 2 - 1) * jitter
    return (x * gain + offset).clamp(0, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', required=True)
    parser.add_argument('--input', choices=['lung', 'tumour', 'lung-and-tumour'], default='lung')
    parser.add_argument('--target', choices=['endpoints', 'pattern'], default='endpoints')
    parser.add_argument('--input-px', type=int, default=64)
    parser.add_argument('--epochs', type=int, default=30)
    parser.add_argument('--width-divisor', type=int, default=4)
    parser.add_argument('--learning-rate', type=float, default=1e-3)
    parser.add_argument('--batch', type=int, default=16)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)

    rows = list(csv.DictReader(open(os.path.join(args.data, 'patients.csv'))))
    images = torch.tensor(network_input(args.data, args.input))
    labels = np.array([[int(r[e]) for e in ENDPOINTS] for r in rows])
    pattern = np.array([float(r['z_pattern']) for r in rows], np.float32)
    fit = np.array([i for i, r in enumerate(rows) if r['subset'] == 'train'])
    held_out = np.array([i for i, r in enumerate(rows) if r['subset'] == 'eval'])

    known = labels[fit] >= 0
    positives = ((labels[fit] == 1) & known).sum(0)
    negatives = ((labels[fit] == 0) & known).sum(0)
    class_weights = torch.tensor(np.stack([(positives + negatives) / (2 * negatives),
                                           (positives + negatives) / (2 * positives)], 1), dtype=torch.float32)

    def endpoint_loss(logits, y):
        log_p = F.log_softmax(logits.view(len(y), len(ENDPOINTS), 2), 2)
        is_known = y >= 0
        target = y.clamp(min=0).unsqueeze(2)
        weight = class_weights.unsqueeze(0).expand(len(y), -1, -1).gather(2, target).squeeze(2)
        weight = torch.where(is_known, weight, torch.zeros_like(weight))
        return -(weight * log_p.gather(2, target).squeeze(2)).sum() / weight.sum()

    net = Net(images.shape[1], len(ENDPOINTS), args.width_divisor, args.input_px)
    optimiser = torch.optim.Adam(net.parameters(), lr=args.learning_rate, weight_decay=1e-4)
    print(vars(args), flush=True)
    start = time.process_time()
    for epoch in range(1, args.epochs + 1):
        rate = args.learning_rate * 0.5 * (1 + np.cos(np.pi * (epoch - 1) / args.epochs))
        for group in optimiser.param_groups:
            group['lr'] = rate
        net.train()
        order = np.random.default_rng(epoch + 1000 * args.seed).permutation(len(fit))
        losses = []
        for first in range(0, len(fit), args.batch):
            batch = fit[order[first:first + args.batch]]
            if len(batch) < 2:
                continue  # batch normalisation needs two
            deep, logits = net(augment(images[batch]))
            if args.target == 'pattern':
                loss = F.mse_loss(deep[:, 0], torch.tensor(pattern[batch]))
            else:
                loss = endpoint_loss(logits, torch.tensor(labels[batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            losses.append(loss.item())
        net.eval()
        with torch.no_grad():
            deep, logits = net(images[held_out])
        probability = F.softmax(logits.view(len(held_out), -1, 2), 2)[:, :, 1].numpy()
        aucs = []
        for k in range(len(ENDPOINTS)):
            y = labels[held_out, k]
            keep = y >= 0
            aucs.append(auc(y[keep], probability[keep, k]) if 0 < y[keep].sum() < keep.sum() else np.nan)
        deep = deep.numpy()
        max_r = max(abs(np.corrcoef(deep[:, j], pattern[held_out])[0, 1]) if deep[:, j].std() > 0 else 0
                    for j in range(deep.shape[1]))
        print(f'epoch {epoch} loss {np.mean(losses):.4f} held-out AUC mean {np.nanmean(aucs):.3f} ' +
              ' '.join(f'{e} {a:.2f}' for e, a in zip(ENDPOINTS, aucs)) +
              f' max|r| pattern {max_r:.2f} cpu {time.process_time() - start:.0f} s', flush=True)


if __name__ == '__main__':
    main()
