#!/usr/bin/env python3
"""Train the reference's MLP with PyTorch (Debian's python3-torch 1.13) on CIFAR binary files, to compare
whole training trajectories with ours (the parity cases compare single steps).

Our own re-statement of main_class_mlp.py's loop (CCL or BP, SGD, clipping, best-by-validation-loss),
reusing make_case.py's model and loss; per epoch it prints the validation loss and accuracy.

    /usr/bin/python3 tools/parity/train_reference_mlp.py data/cifar10-jpeg --method CCL --epochs 30
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from make_case import DualMLP, ccl_term  # noqa: E402

MEAN, STD = [0.49139968, 0.48215841, 0.44653091], [0.24703223, 0.24348513, 0.26158784]


def load(folder, names):
    raw = np.concatenate([np.fromfile(os.path.join(folder, n), dtype=np.uint8).reshape(-1, 3073) for n in names])
    x = torch.from_numpy(raw[:, 1:].astype(np.float32)).view(-1, 3, 32, 32) / 255
    x = ((x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)).reshape(len(raw), -1)
    return x, torch.from_numpy(raw[:, 0].astype(np.int64))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--method", default="CCL")
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2023)
    args = ap.parse_args()
    cfg = {"act_F": "elu", "act_B": "elu", "fw_bn": 0, "bw_bn": 0, "bn_affine": 1, "loss_scale_C": 0.5,
           "filter_target": 0.0}
    torch.manual_seed(args.seed)
    x, y = load(args.data, [f"data_batch_{i}.bin" for i in range(1, 6)])
    xt, yt = load(args.data, ["test_batch.bin"])
    perm = torch.randperm(len(x))
    tr, va = perm[:45000], perm[45000:]
    model = DualMLP(cfg, [3072, 1024, 1024, 1024, 10])
    opt_f = torch.optim.SGD(model.params("F"), lr=1.0)
    opt_b = torch.optim.SGD(model.params("B"), lr=1.0)
    eye = torch.eye(10)
    best = (float("inf"), None, -1)
    for epoch in range(args.epochs):
        model.train()
        order = tr[torch.randperm(len(tr))]
        for i in range(0, len(order), 256):
            idx = order[i:i + 256]
            xb, yb = x[idx], y[idx]
            if args.method == "CCL":
                acts, sigs = model(xb, detach=True), model.reverse(eye, detach=True)
                loss = sum([ccl_term(cfg, a, s, yb, acts[-1], 10) for a, s in zip(acts[:-1], sigs[:-1])]
                           + [F.cross_entropy(acts[-1], yb)])
            else:
                loss = F.cross_entropy(model(xb, detach=False)[-1], yb)
            opt_f.zero_grad(), opt_b.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.params("F"), 1.0)
            torch.nn.utils.clip_grad_norm_(model.params("B"), 1.0)
            opt_f.step(), opt_b.step()
        model.eval()
        with torch.no_grad():
            logits = model(x[va], detach=True)[-1]
            val_loss = F.cross_entropy(logits, y[va]).item()
            val_acc = (logits.argmax(1) == y[va]).float().mean().item()
        if val_loss < best[0]:
            best = (val_loss, {k: v.clone() for k, v in model.state_dict().items()}, epoch)
        print(f"epoch {epoch + 1} val_loss {val_loss:.4f} val_acc {val_acc:.4f}", flush=True)
    model.load_state_dict(best[1])
    with torch.no_grad():
        acc = (model(xt, detach=True)[-1].argmax(1) == yt).float().mean().item()
    print(f"test_acc={acc:.4f} best_epoch={best[2]}")


if __name__ == "__main__":
    main()
