#!/usr/bin/env python3
"""Record a target-propagation parity case (format: shared/parity/README.md, plus noise.npz) by running the
published FW-DTP code itself (TatsukichiShibuya/Fixed-Weight-Difference-Target-Propagation, commit 486e9fb,
code/models/tp_net.py) with PyTorch 1.13 (Debian's python3-torch) on generated MNIST-shaped IDX data.

    git --git-dir MIRROR archive 486e9fb code | tar -x -C /tmp/fwdtp
    /usr/bin/python3 tools/parity/make_tp_case.py OUT_DIR --fwdtp /tmp/fwdtp/code --algorithm DTP --loss_feedback DRL

One training step is exactly the code's loop body: `epochs_backward` calls of train_back_weights, then
compute_target and update_weights; a pre-training step is one call of train_back_weights. Every
torch.normal the code draws is recorded in order (noise.npz: noise.0, noise.1, ...) so the replay can use
it. A step's loss is what our rule reports: for a training step the sum of the per-layer forward losses
the code backpropagates, for a pre-training step the last feedback loss (the lowest layer's), both divided
by the batch size.
"""
import argparse
import json
import os
import struct
import sys
import types

import numpy as np
import torch

ALGORITHMS = {"DTP": ("DTP", "DTP"), "DTP-BN": ("DTP-BN", "DTP"), "FWDTP": ("FWDTP", "DTP"),
              "FWDTP-BN": ("FWDTP-BN", "DTP"), "DRL": ("DTP", "DRL"), "L-DRL": ("DTP", "L-DRL")}


def write_idx(folder, images, labels):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "train-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, len(images), 28, 28))
        f.write(images.astype(np.uint8).tobytes())
    with open(os.path.join(folder, "train-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 2049, len(labels)))
        f.write(labels.astype(np.uint8).tobytes())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--fwdtp", required=True, help="the code/ folder of the FW-DTP repository")
    ap.add_argument("--method", default="DTP", choices=sorted(ALGORITHMS))
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--hid_dim", type=int, default=32)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--pretraining_steps", type=int, default=0)
    ap.add_argument("--lr", type=float, default=0.3)
    ap.add_argument("--lrb", type=float, default=0.01)
    ap.add_argument("--std", type=float, default=0.01)
    ap.add_argument("--stepsize", type=float, default=0.03)
    ap.add_argument("--epochs_backward", type=int, default=2)
    ap.add_argument("--bf1_init", default="uniform", help="the code's --backward_function_1_init: uniform is "
                    "U(+-1e-2) trained, U(+-1e-3) fixed; uniform-1 is U(+-0.1)")
    ap.add_argument("--last", default="linear", choices=["linear", "linear-BN"],
                    help="the code's --forward_last_activation (FWDTP-BN only)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    sys.modules["wandb"] = types.ModuleType("wandb")  # imported by tp_net.py, used only with --log
    sys.path.insert(0, os.path.abspath(a.fwdtp))
    from Main import set_params  # noqa: E402  (the code's own parameter table per algorithm)
    from models.tp_net import tp_net  # noqa: E402

    algorithm, loss_feedback = ALGORITHMS[a.method]
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    params = set_params({"algorithm": algorithm, "forward_function_2_init": "orthogonal",
                         "backward_function_1_init": a.bf1_init, "sparse_ratio": -1,
                         "forward_last_activation": a.last})
    net = tp_net(a.depth, 1, 784, a.hid_dim, 10, torch.nn.CrossEntropyLoss(reduction="sum"), "cpu", params=params)

    names = [f"enc{d + 1}" if d < a.depth - 1 else "output" for d in range(a.depth)]

    def state():
        out = {}
        for d, layer in enumerate(net.layers):
            out[names[d] + ".forward_layer.weight"] = layer.forward_function_2.weight.detach().numpy().copy()
            out[names[d] + ".backward_layer.weight"] = layer.backward_function_1.weight.detach().numpy().copy()
        return out

    n = a.batch * (a.pretraining_steps + a.steps)
    rng = np.random.default_rng(a.seed)
    images = rng.integers(0, 256, size=(n, 28, 28))
    labels = rng.integers(0, 10, size=n)
    mean, std = 0.1307, 0.3081
    x_all = torch.tensor(((images.reshape(n, -1) / 255.0).astype(np.float32) - np.float32(mean)) / np.float32(std),
                         dtype=torch.float32)
    y_all = torch.tensor(labels, dtype=torch.int64)

    noise, backward_values = [], []
    normal, backward = torch.normal, torch.Tensor.backward

    def recording_normal(*args, **kwargs):
        t = normal(*args, **kwargs)
        noise.append(t.detach().numpy().copy())
        return t

    def recording_backward(self, *args, **kwargs):
        backward_values.append(float(self.detach()))
        return backward(self, *args, **kwargs)

    torch.normal, torch.Tensor.backward = recording_normal, recording_backward
    init = state()
    losses = []
    for k in range(a.pretraining_steps + a.steps):
        x, y = x_all[k * a.batch:(k + 1) * a.batch], y_all[k * a.batch:(k + 1) * a.batch]
        backward_values.clear()
        if k < a.pretraining_steps:
            net.train_back_weights(x, y, a.lrb, a.std, loss_type=loss_feedback)
            losses.append(backward_values[-1] / a.batch)
        else:
            for _ in range(a.epochs_backward):
                net.train_back_weights(x, y, a.lrb, a.std, loss_type=loss_feedback)
            net.compute_target(x, y, a.stepsize)
            net.update_weights(x, a.lr)
            losses.append(sum(backward_values[-a.depth:]) / a.batch)
    torch.normal, torch.Tensor.backward = normal, backward
    with torch.no_grad():
        logits = net.forward(x_all[:a.batch], update=False).numpy()

    os.makedirs(a.out, exist_ok=True)
    write_idx(os.path.join(a.out, "data"), images, labels)
    np.savez(os.path.join(a.out, "init.npz"), **init)
    np.savez(os.path.join(a.out, "after.npz"), **state())
    np.savez(os.path.join(a.out, "noise.npz"), **{f"noise.{i}": t for i, t in enumerate(noise)})
    np.save(os.path.join(a.out, "eval_output_first_batch.npy"), logits)
    init_range = float(np.abs(init["output.backward_layer.weight"]).max())  # what the weights were drawn from, about
    init_range = 10.0 ** np.ceil(np.log10(init_range))
    config = {"method": a.method, "architecture": "simple_linear", "task": "classification",
              "task_transform": "none", "act_F": "tanh", "act_B": "tanh", "fw_bn": 0, "bw_bn": 0,
              "bias_init": "none", "bn_affine": 0, "hidden_layers": a.depth - 1, "hidden_width": a.hid_dim,
              "init_F": "orthogonal", "init_B_range": init_range,
              "dataset": "MNIST", "num_chn": 1, "epochs": 1, "lr_F": a.lr, "lr_B": a.lrb, "mmt_F": 0.0, "mmt_B": 0.0,
              "wd_F": 0.0, "wd_B": 0.0, "warmup": 0, "tmax": 0, "GradC": 0, "grad_clip_F": 0.0, "grad_clip_B": 0.0,
              "stepsize": a.stepsize, "std_backward": a.std, "epochs_backward": a.epochs_backward, "seed": a.seed}
    if a.method.endswith("-BN"):
        config["fw_bn"] = config["bw_bn"] = 3  # the code's batch norm after every hidden tanh, both ways
    if a.last == "linear-BN":
        config["output_bn"] = 1
    if a.method == "DRL":
        config["drl_target"] = "clean"  # the FW-DTP code compares the reconstruction with the clean input
    case = {"name": os.path.basename(os.path.normpath(a.out)), "config": config, "batch": a.batch,
            "steps": a.pretraining_steps + a.steps, "pretraining_steps": a.pretraining_steps,
            "normalize_mean": [mean], "normalize_std": [std], "losses_per_step": losses,
            "param_keys": list(init), "noise_draws": len(noise),
            "source": "TatsukichiShibuya/Fixed-Weight-Difference-Target-Propagation@486e9fb code/models/tp_net.py, "
                      f"--algorithm {algorithm} --loss_feedback {loss_feedback}, torch {torch.__version__}"}
    with open(os.path.join(a.out, "case.json"), "w") as f:
        json.dump(case, f, indent=1)
    print(f"{a.out}: {len(losses)} steps, losses {['%.6g' % v for v in losses]}, {len(noise)} noise draws")


if __name__ == "__main__":
    main()
