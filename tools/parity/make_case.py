#!/usr/bin/env python3
"""Record a parity case in the format of shared/parity/README.md with PyTorch (Debian's python3-torch 1.13).

Our own re-statement of the reference's MLP training step (IandRover/CCL-NeurIPS24: main_class_mlp.py,
models/layers.py C2Linear, utils/loss.py), written to exercise options the shared cases leave at their
defaults: BatchNorm modes, momentum, weight decay, GradC, clipping, warm-up and filter_target.

    /usr/bin/python3 tools/parity/make_case.py OUT_DIR --data IDX_DIR --method CCL --fw_bn 1 ...
"""
import argparse
import json
import os
import shutil

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MASKED = []  # samples zeroed by the filter_target mask, per loss term, to show a case exercises it
ACTS = {"tanh": torch.tanh, "elu": F.elu, "relu": F.relu, "leaky_relu": F.leaky_relu, "selu": F.selu}


class DualLinear(nn.Module):
    def __init__(self, cfg, n_in, n_out):
        super().__init__()
        self.forward_layer = nn.Linear(n_in, n_out, bias=False)
        self.backward_layer = nn.Linear(n_out, n_in, bias=False)
        self.fw_bn, self.bw_bn = cfg["fw_bn"], cfg["bw_bn"]
        # As the reference's C2Linear: BatchNorm1d keeps its default affine=True whatever bn_affine says.
        if self.fw_bn:
            self.forward_bn = nn.BatchNorm1d(n_in if self.fw_bn == 1 else n_out)
        if self.bw_bn:
            self.backward_bn = nn.BatchNorm1d(n_out if self.bw_bn == 1 else n_in)
        self.act_f, self.act_b = ACTS[cfg["act_F"]], ACTS[cfg["act_B"]]

    @staticmethod
    def _map(x, lin, mode, bn, act, detach, use_act):
        if detach:
            x = x.detach()
        if not use_act:
            return lin(x)
        if mode == 1:
            x = bn(x)
        x = lin(x)
        if mode == 2:
            x = bn(x)
        return act(x)

    def forward(self, x, detach, use_act=True):
        return self._map(x, self.forward_layer, self.fw_bn, getattr(self, "forward_bn", None), self.act_f, detach, use_act)

    def reverse(self, x, detach, use_act=True):
        return self._map(x, self.backward_layer, self.bw_bn, getattr(self, "backward_bn", None), self.act_b, detach, use_act)


class DualMLP(nn.Module):
    def __init__(self, cfg, widths):
        super().__init__()
        self.names = [f"enc{i + 1}" for i in range(len(widths) - 2)] + ["output"]
        for i, name in enumerate(self.names):
            setattr(self, name, DualLinear(cfg, widths[i], widths[i + 1]))
        self.layers = [getattr(self, n) for n in self.names]

    def forward(self, x, detach):
        acts, h = [x], x
        for i, layer in enumerate(self.layers):
            h = layer(h, detach, use_act=i < len(self.layers) - 1)
            acts.append(h)
        return acts

    def reverse(self, target, detach):
        sigs, h = [target], target
        for i in reversed(range(len(self.layers))):
            h = self.layers[i].reverse(h, detach, use_act=i > 0)
            sigs.insert(0, h)
        return sigs

    def params(self, which):
        attr = "forward_layer" if which == "F" else "backward_layer"
        return [p for l in self.layers for p in getattr(l, attr).parameters()]


def ccl_term(cfg, a, b, target, logits, classes):
    if cfg["filter_target"] != 0:
        with torch.no_grad():
            onehot = F.one_hot(target, classes).float()
            close = (torch.abs(F.softmax(logits, dim=1) - onehot) < 0.1).float()
            mask = 1 - (close * onehot).sum(dim=1)
        a = a * mask.unsqueeze(1)
        MASKED.append(int((mask == 0).sum()))
    a = a.view(len(a), -1)
    b = b.view(len(b), -1)
    s = a @ b.T
    return F.mse_loss(s, F.one_hot(target, classes).float()) / a.shape[1] * cfg["loss_scale_C"] * 256


def read_idx(images, labels):
    raw = np.fromfile(images, dtype=np.uint8)
    n, h, w = np.frombuffer(raw[4:16].tobytes(), dtype=">i4")
    x = raw[16:].reshape(n, h * w)
    y = np.fromfile(labels, dtype=np.uint8)[8:].astype(np.int64)
    return x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--data", required=True, help="folder with train-images-idx3-ubyte and train-labels-idx1-ubyte")
    ap.add_argument("--method", default="CCL")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--confident-init", type=float, default=1.0,
                    help="scale output.forward_layer.weight so some samples pass the filter_target threshold")
    for key, default in [("act_F", "elu"), ("act_B", "elu")]:
        ap.add_argument("--" + key, default=default)
    for key in ["fw_bn", "bw_bn", "warmup", "GradC"]:
        ap.add_argument("--" + key, type=int, default=0)
    ap.add_argument("--bn_affine", type=int, default=1)
    for key, default in [("lr_F", 1.0), ("lr_B", 1.0), ("mmt_F", 0.0), ("mmt_B", 0.0), ("wd_F", 0.0), ("wd_B", 0.0),
                         ("grad_clip_F", 1.0), ("grad_clip_B", 1.0), ("loss_scale_C", 0.5), ("filter_target", 0.0)]:
        ap.add_argument("--" + key, type=float, default=default)
    ap.add_argument("--seed", type=int, default=2023)
    args = ap.parse_args()
    cfg = {"method": args.method, "architecture": "simple_linear", "task": "classification", "task_transform": "none",
           "act_F": args.act_F, "act_B": args.act_B, "fw_bn": args.fw_bn, "bw_bn": args.bw_bn, "bias_init": "zero",
           "bn_affine": args.bn_affine, "dataset": "MNIST", "batchsize": args.batch, "num_chn": 1, "mode": "train",
           "epochs": 100, "lr_F": args.lr_F, "lr_B": args.lr_B, "mmt_F": args.mmt_F, "mmt_B": args.mmt_B,
           "wd_F": args.wd_F, "wd_B": args.wd_B, "warmup": args.warmup, "tmax": 0, "eta_min": 0.001,
           "optimizer": "SGD", "GradC": args.GradC, "loss_scale_C": args.loss_scale_C,
           "grad_clip_F": args.grad_clip_F, "grad_clip_B": args.grad_clip_B, "filter_target": args.filter_target,
           "seed": args.seed}
    torch.manual_seed(args.seed)
    x_all, y_all = read_idx(os.path.join(args.data, "train-images-idx3-ubyte"), os.path.join(args.data, "train-labels-idx1-ubyte"))
    n = args.batch * args.steps
    x_u8, y = x_all[:n], y_all[:n]
    mean, std = 0.1307, 0.3081
    x = (torch.from_numpy(x_u8.astype(np.float32)) / 255 - mean) / std
    y = torch.from_numpy(y)

    model = DualMLP(cfg, [784, 256, 256, 256, 256, 256, 10])
    with torch.no_grad():
        model.output.forward_layer.weight.mul_(args.confident_init)
    init = {k: v.detach().clone().numpy() for k, v in model.state_dict().items()}
    opt_f = torch.optim.SGD(model.params("F"), lr=cfg["lr_F"], momentum=cfg["mmt_F"], weight_decay=cfg["wd_F"])
    opt_b = torch.optim.SGD(model.params("B"), lr=cfg["lr_B"], momentum=cfg["mmt_B"], weight_decay=cfg["wd_B"])
    eye = torch.eye(10)
    losses = []
    model.train()
    for step in range(args.steps):
        xb, yb = x[step * args.batch:(step + 1) * args.batch], y[step * args.batch:(step + 1) * args.batch]
        if cfg["method"] == "CCL":
            acts = model(xb, detach=True)
            sigs = model.reverse(eye, detach=True)
            terms = [ccl_term(cfg, a, s, yb, acts[-1], 10) for a, s in zip(acts[:-1], sigs[:-1])]
            loss = sum(terms + [F.cross_entropy(acts[-1], yb)])
        else:
            loss = F.cross_entropy(model(xb, detach=False)[-1], yb)
        if step < cfg["warmup"]:
            loss = loss * ((step + 1) / cfg["warmup"])
        losses.append(loss.item())
        opt_f.zero_grad(), opt_b.zero_grad()
        loss.backward()
        if cfg["GradC"] == 1:
            with torch.no_grad():
                for name, p in model.named_parameters():
                    if "bias" in name or p.grad is None:
                        continue
                    if p.dim() == 2:
                        p.grad -= p.grad.mean(dim=1, keepdim=True)
        if cfg["grad_clip_F"] != 0:
            torch.nn.utils.clip_grad_norm_(model.params("F"), cfg["grad_clip_F"])
        if cfg["grad_clip_B"] != 0:
            torch.nn.utils.clip_grad_norm_(model.params("B"), cfg["grad_clip_B"])
        opt_f.step(), opt_b.step()
    model.eval()
    with torch.no_grad():
        logits = model(x[:args.batch], detach=True)[-1].numpy()

    os.makedirs(os.path.join(args.out, "data"), exist_ok=True)
    with open(os.path.join(args.out, "data", "train-images-idx3-ubyte"), "wb") as f:
        f.write(np.array([0x803, n, 28, 28], dtype=">i4").tobytes() + x_u8.tobytes())
    with open(os.path.join(args.out, "data", "train-labels-idx1-ubyte"), "wb") as f:
        f.write(np.array([0x801, n], dtype=">i4").tobytes() + y.numpy().astype(np.uint8).tobytes())
    np.savez(os.path.join(args.out, "init.npz"), **init)
    np.savez(os.path.join(args.out, "after.npz"), **{k: v.numpy() for k, v in model.state_dict().items()})
    np.save(os.path.join(args.out, "eval_output_first_batch.npy"), logits)
    case = {"name": os.path.basename(os.path.normpath(args.out)), "config": cfg, "batch": args.batch,
            "steps": args.steps, "normalize_mean": [mean], "normalize_std": [std], "augmentation": "none",
            "shuffle": False, "val_fraction": 0.0, "losses_per_step": losses, "filter_target_masked": sum(MASKED), "param_keys": list(init.keys())}
    with open(os.path.join(args.out, "case.json"), "w") as f:
        json.dump(case, f, indent=1)


if __name__ == "__main__":
    main()
