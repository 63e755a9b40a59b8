#!/usr/bin/python3
"""Writes torchvision_state_dict_keys.csv: every state_dict key of the five torchvision
architectures (1000-class head, Inception V3 with its auxiliary head) with its tensor shape, and
torchvision_parameter_counts.csv. Run once with Debian's python3-torchvision (0.14.1); the C++
backbones are tested against these files. No weights are involved (weights=None)."""
import csv
import torchvision

MODELS = {
    "densenet121": lambda: torchvision.models.densenet121(weights=None),
    "resnet50": lambda: torchvision.models.resnet50(weights=None),
    "resnet101": lambda: torchvision.models.resnet101(weights=None),
    "vgg19": lambda: torchvision.models.vgg19(weights=None),
    "vgg19_bn": lambda: torchvision.models.vgg19_bn(weights=None),
    "inception_v3": lambda: torchvision.models.inception_v3(weights=None, aux_logits=True, init_weights=False),
}

with open("torchvision_state_dict_keys.csv", "w", newline="") as keys_file, \
        open("torchvision_parameter_counts.csv", "w", newline="") as counts_file:
    keys = csv.writer(keys_file, lineterminator="\n")
    counts = csv.writer(counts_file, lineterminator="\n")
    keys.writerow(["backbone", "key", "shape"])
    counts.writerow(["backbone", "parameters"])
    for name, make in MODELS.items():
        model = make()
        for key, tensor in model.state_dict().items():
            keys.writerow([name, key, "x".join(str(s) for s in tensor.shape)])
        counts.writerow([name, sum(p.numel() for p in model.parameters())])
print(torchvision.__version__)
