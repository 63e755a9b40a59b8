#!/usr/bin/python3
"""The PyTorch-Python side of bench_models: same models (torchvision), same batch, same
threads, same timing rule (median of N after one warm-up). Prints the same CSV columns."""
import argparse
import statistics
import time

import torch
import torchvision

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--batch", type=int, default=8)
parser.add_argument("--repeats", type=int, default=5)
parser.add_argument("--backbones", default="densenet121,resnet50,resnet101,vgg19,inception_v3")
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)


def make(name):
    if name == "inception_v3":
        return torchvision.models.inception_v3(weights=None, aux_logits=True, init_weights=False), 299
    return getattr(torchvision.models, name)(weights=None), 160


def time_ms(work, repeats):
    work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


print("api,backbone,input_px,batch,threads,forward_ms,train_step_ms")
for name in args.backbones.split(","):
    model, size = make(name)
    images = torch.randn(args.batch, 3, size, size)
    labels = torch.randint(0, 1000, (args.batch,))
    model.eval()

    def forward():
        with torch.no_grad():
            model(images)

    forward_ms = time_ms(forward, args.repeats)
    model.train()
    optimiser = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def train_step():
        optimiser.zero_grad()
        out = model(images)
        if hasattr(out, "aux_logits"):  # Inception V3 trains its auxiliary head too
            loss = torch.nn.functional.cross_entropy(out.logits, labels) + \
                0.4 * torch.nn.functional.cross_entropy(out.aux_logits, labels)
        else:
            loss = torch.nn.functional.cross_entropy(out, labels)
        loss.backward()
        optimiser.step()

    train_ms = time_ms(train_step, args.repeats)
    print(f"pytorch-python,{name},{size},{args.batch},{args.threads},{forward_ms},{train_ms}", flush=True)
