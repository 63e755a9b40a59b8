#!/usr/bin/python3
"""Writes densenet121_quarter_state_dict.pt and densenet121_quarter_torchscript.pt (the same
network as TorchScript): a torchvision DenseNet-121 at a quarter of its widths
(growth rate 8, 16 initial features = our --width-divisor 4), 10 classes, random weights (seed 0)
with non-trivial batch-norm statistics, saved exactly as users convert ImageNet weights:
torch.save(dict(state_dict)). Two extra entries, test_input (2x3x64x64) and test_output (Python's
eval-mode logits for it), let the C++ test check that the loaded network computes what
torchvision computes. Run with Debian's /usr/bin/python3 (python3-torch 1.13.1, torchvision 0.14.1)."""
import torch
import torchvision

torch.manual_seed(0)
model = torchvision.models.DenseNet(growth_rate=8, block_config=(6, 12, 24, 16), num_init_features=16,
                                    num_classes=10)
model.train()
with torch.no_grad():
    for _ in range(3):  # move the running statistics away from their initial 0 / 1
        model(torch.randn(4, 3, 64, 64) * 2 + 0.5)
model.eval()
state = dict(model.state_dict())
test_input = torch.randn(2, 3, 64, 64)
with torch.no_grad():
    state["test_input"] = test_input
    state["test_output"] = model(test_input)
torch.save(state, "densenet121_quarter_state_dict.pt")

# The same network as TorchScript, the other accepted weights format (torch.jit.load in C++).
torch.jit.save(torch.jit.script(model), "densenet121_quarter_torchscript.pt")
