#!/usr/bin/env python3
"""Record a parity case in the format of shared/parity/README.md with PyTorch (Debian's python3-torch 1.13).

Our own re-statement of the reference's classification training step (IandRover/CCL-NeurIPS24:
main_class_mlp.py / main_class_cnn.py, models/layers.py C2Linear and C2Conv, models/models_cnn.py
C2ConvStride1, C2Pool and C2View, utils/loss.py), written to exercise options the shared cases leave at
their defaults: BatchNorm modes, momentum, weight decay, GradC, clipping, warm-up and filter_target.

    /usr/bin/python3 tools/parity/make_case.py OUT_DIR --data IDX_DIR --method CCL --fw_bn 1 ...
    /usr/bin/python3 tools/parity/make_case.py OUT_DIR --arch cnn_pool --data CIFAR_BIN_DIR ...
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


class DualNet(nn.Module):
    """A stack of dual layers (self.layers); each network has its own optimizer."""

    def params(self, which):
        attr = "forward_layer" if which == "F" else "backward_layer"
        return [p for l in self.layers for p in getattr(l, attr).parameters()]


class DualConv(nn.Module):
    """C2Conv (stride 2, biased, upsample on the way back) or C2ConvStride1 (stride 1, no bias)."""

    def __init__(self, cfg, c_in, c_out, stride2):
        super().__init__()
        bias = stride2
        self.forward_layer = nn.Conv2d(c_in, c_out, 3, stride=2 if stride2 else 1, padding=1, bias=bias)
        self.backward_layer = nn.Conv2d(c_out, c_in, 3, stride=1, padding=1, bias=bias)
        if bias and cfg["bias_init"] == "zero":
            self.forward_layer.bias.data.zero_()
            self.backward_layer.bias.data.zero_()
        self.stride2 = stride2
        self.fw_bn, self.bw_bn = cfg["fw_bn"], cfg["bw_bn"]
        # C2Conv honours bn_affine; C2ConvStride1 keeps BatchNorm2d's default affine=True.
        affine = bool(cfg["bn_affine"]) if stride2 else True
        if self.fw_bn:
            self.forward_bn = nn.BatchNorm2d(c_in if self.fw_bn == 1 else c_out, affine=affine)
        if self.bw_bn:
            self.backward_bn = nn.BatchNorm2d(c_out if self.bw_bn == 1 else c_in, affine=affine)
        self.act_f, self.act_b = ACTS[cfg["act_F"]], ACTS[cfg["act_B"]]

    def forward(self, x, detach, use_act=True):
        return DualLinear._map(x, self.forward_layer, self.fw_bn, getattr(self, "forward_bn", None), self.act_f,
                               detach, use_act)

    def reverse(self, x, detach, use_act=True):
        if detach:
            x = x.detach()
        if self.stride2:
            x = F.interpolate(x, scale_factor=2, mode="nearest")
        return DualLinear._map(x, self.backward_layer, self.bw_bn, getattr(self, "backward_bn", None), self.act_b,
                               False, use_act)


class DualCNN(DualNet):
    """CNNModel (stride-2 convs) or CNNModel_Pool (stride-1 convs, each followed by 2x2 pooling)."""

    def __init__(self, cfg, channels, classes, pooled):
        super().__init__()
        widths = [channels, 128, 128, 256, 256, 512]
        for i in range(5):
            setattr(self, f"enc{i + 1}", DualConv(cfg, widths[i], widths[i + 1], stride2=not pooled))
        self.output = DualLinear(cfg, 512, classes)
        self.convs = [getattr(self, f"enc{i + 1}") for i in range(5)]
        self.layers = self.convs + [self.output]
        self.pooled = pooled

    def forward(self, x, detach):
        acts, h = [x], x
        for i, conv in enumerate(self.convs):
            h = conv(h, detach)
            if self.pooled:
                h = F.max_pool2d(h, 2, 2)
            if i == 4:
                h = h.view(len(h), -1)
            acts.append(h)
        acts.append(self.output(h, detach, use_act=False))
        return acts

    def reverse(self, target, detach):
        h = self.output.reverse(target, detach)
        sigs = [h, target]
        h = h.view(len(h), 512, 1, 1)
        for i in reversed(range(5)):
            if self.pooled:
                h = F.interpolate(h, scale_factor=2, mode="nearest")
            h = self.convs[i].reverse(h, detach, use_act=i > 0)
            sigs.insert(0, h)
        return sigs



class LegacyConv(nn.Module):
    """The autoencoder's encoder (C2Conv of models_cnn_ae_legacy.py) or decoder (C2ConvTrans) layer."""

    def __init__(self, cfg, c_in, c_out, decoder):
        super().__init__()
        self.decoder = decoder
        self.forward_layer = nn.Conv2d(c_in, c_out, 3, stride=1 if decoder else 2, padding=1, bias=True)
        self.backward_layer = nn.Conv2d(c_out, c_in, 3, stride=2 if decoder else 1, padding=1, bias=True)
        self.forward_bn = nn.BatchNorm2d(c_out)
        if decoder:
            self.backward_bn1 = nn.BatchNorm2d(c_in)
        else:
            self.backward_bn = nn.BatchNorm2d(c_in)
        self.forward_layer.bias.data.zero_()
        self.act_f, self.act_b = ACTS[cfg["act_F"]], ACTS[cfg["act_B"]]

    def forward(self, x, detach, use_act=True):
        if detach:
            x = x.detach()
        if self.decoder:
            x = F.interpolate(x, scale_factor=2, mode="nearest")
        if not use_act:
            return self.forward_layer(x)
        return self.act_f(self.forward_bn(self.forward_layer(x)))

    def reverse(self, x, detach, use_act=True):
        if detach:
            x = x.detach()
        if not self.decoder:
            x = F.interpolate(x, scale_factor=2, mode="nearest")
        if not use_act:
            return self.backward_layer(x)
        bn = self.backward_bn1 if self.decoder else self.backward_bn
        return self.act_b(bn(self.backward_layer(x)))


class DualAE(DualNet):
    """C2Model_ConvAutoEncoder_Legacy: enc1..enc4 (128-256-1024-2048), dec4..dec1, orthogonal init, rescaled."""

    def __init__(self, cfg, channels, orthogonal):
        super().__init__()
        widths = [channels, 128, 256, 1024, 2048]
        for i in range(4):
            setattr(self, f"enc{i + 1}", LegacyConv(cfg, widths[i], widths[i + 1], decoder=False))
        for i in reversed(range(4)):
            setattr(self, f"dec{i + 1}", LegacyConv(cfg, widths[i + 1], widths[i], decoder=True))
        self.layers = [getattr(self, n) for n in ["enc1", "enc2", "enc3", "enc4", "dec4", "dec3", "dec2", "dec1"]]
        # The reference starts from orthogonal weights; a parity case loads its initial weights from init.npz,
        # so the (slow, for 2048x9216) QR is only done when asked.
        for name, p in self.named_parameters() if orthogonal else []:
            if "weight" in name and "bn" not in name:
                if p.shape[0] >= p.shape[1]:
                    p.data = nn.init.orthogonal_(p.data)
                else:
                    p.data = nn.init.orthogonal_(p.data.permute(1, 0, 2, 3).contiguous()).permute(1, 0, 2, 3).contiguous()
        for i in range(1, 5):
            getattr(self, f"dec{i}").forward_layer.weight.data *= 0.001
            getattr(self, f"enc{i}").backward_layer.weight.data *= 0.001
        self.dec1.forward_layer.weight.data *= 0
        self.enc1.backward_layer.weight.data *= 0

    def forward(self, x, detach):
        acts, h = [x], x
        for i, layer in enumerate(self.layers):
            h = layer(h, detach, use_act=i < 7)
            acts.append(h)
        return acts

    def reverse(self, target, detach):
        sigs, h = [target], target
        for i in reversed(range(8)):
            h = self.layers[i].reverse(h, detach, use_act=i > 0)
            sigs.insert(0, h)
        return sigs



def ae_term(cfg, a, b, end):
    loss = F.mse_loss(a, b) * a.shape[2] * cfg["loss_scale_C"]
    if end:
        return loss
    def unit(x):
        x = x - torch.mean(x, dim=(2, 3), keepdim=True)
        return x / (torch.norm(x, dim=(2, 3), keepdim=True) + 1e-8)
    return loss + F.mse_loss(unit(a), unit(b)) * a.shape[2] * cfg["loss_scale_D"]


def task_pair(name, x):
    if name == "same":
        return x, x
    if name == "shifth5":
        return x, torch.roll(x, 5, dims=[3])
    if name == "rot90":
        return x, torch.rot90(x, dims=[2, 3])
    if name == "bright":
        return x, 1 - x
    raise ValueError(name)


class DualMLP(DualNet):
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



def filter_confident(cfg, a, target, logits, classes):
    """filter_target: zero the rows of A whose true-class probability is within 0.1 of 1."""
    if cfg["filter_target"] == 0:
        return a
    with torch.no_grad():
        onehot = F.one_hot(target, classes).float()
        close = (torch.abs(F.softmax(logits, dim=1) - onehot) < 0.1).float()
        mask = 1 - (close * onehot).sum(dim=1)
    MASKED.append(int((mask == 0).sum()))
    return a * mask.view(-1, *([1] * (a.dim() - 1)))


def ccl_term(cfg, a, b, target, logits, classes):
    a = filter_confident(cfg, a, target, logits, classes)
    a = a.view(len(a), -1)
    b = b.view(len(b), -1)
    s = a @ b.T
    return F.mse_loss(s, F.one_hot(target, classes).float()) / a.shape[1] * cfg["loss_scale_C"] * 256


def normalize_rows(x):
    x = x.reshape(len(x), -1)
    return x / (torch.norm(x, dim=1, keepdim=True) + 1e-8)


def ccl_term_cnn(cfg, a, b, target, logits, classes):
    a = filter_confident(cfg, a, target, logits, classes)
    a, b = normalize_rows(a), normalize_rows(b)
    loss = F.mse_loss(a @ b.T, F.one_hot(target, classes).float()) * cfg["loss_scale_C"]
    loss = loss + F.mse_loss(a @ a.T, torch.eye(len(a))) * cfg["loss_scale_ssl"]
    return loss + F.mse_loss(b @ b.T, torch.eye(len(b))) * cfg["loss_scale_ssl"]


def read_cifar(folder):
    """CIFAR-10 data_batch_1.bin (<label><3072>) or CIFAR-100 train.bin (<coarse><fine><3072>, fine labels)."""
    if os.path.exists(os.path.join(folder, "data_batch_1.bin")):
        name, head, label_at, classes, dataset = "data_batch_1.bin", 1, 0, 10, "CIFAR10"
    else:
        name, head, label_at, classes, dataset = "train.bin", 2, 1, 100, "CIFAR100"
    raw = np.fromfile(os.path.join(folder, name), dtype=np.uint8).reshape(-1, head + 3072)
    return raw, raw[:, head:], raw[:, label_at].astype(np.int64), classes, dataset, name


def read_idx(images, labels):
    raw = np.fromfile(images, dtype=np.uint8)
    n, h, w = np.frombuffer(raw[4:16].tobytes(), dtype=">i4")
    x = raw[16:].reshape(n, h * w)
    y = np.fromfile(labels, dtype=np.uint8)[8:].astype(np.int64)
    return x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--data", required=True,
                    help="MLP: folder with train-images-idx3-ubyte and train-labels-idx1-ubyte; "
                         "CNN: folder with CIFAR-10 data_batch_1.bin or CIFAR-100 train.bin")
    ap.add_argument("--arch", default="simple_linear",
                    choices=["simple_linear", "cnn", "cnn_pool", "cnn_stride_autoencoder"])
    ap.add_argument("--task_transform", default="same")
    ap.add_argument("--orthogonal", action="store_true", help="autoencoder: the reference's orthogonal init (slow)")
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
                         ("grad_clip_F", 1.0), ("grad_clip_B", 1.0), ("loss_scale_C", 0.5), ("filter_target", 0.0),
                         ("loss_scale_ssl", 0.5), ("loss_scale_D", 1.0)]:
        ap.add_argument("--" + key, type=float, default=default)
    ap.add_argument("--seed", type=int, default=2023)
    args = ap.parse_args()
    cnn = args.arch != "simple_linear"
    ae = args.arch.endswith("autoencoder")
    cfg = {"method": args.method, "architecture": args.arch, "task": "classification", "task_transform": "none",
           "act_F": args.act_F, "act_B": args.act_B, "fw_bn": args.fw_bn, "bw_bn": args.bw_bn, "bias_init": "zero",
           "bn_affine": args.bn_affine, "dataset": "MNIST", "batchsize": args.batch, "num_chn": 1, "mode": "train",
           "epochs": 100, "lr_F": args.lr_F, "lr_B": args.lr_B, "mmt_F": args.mmt_F, "mmt_B": args.mmt_B,
           "wd_F": args.wd_F, "wd_B": args.wd_B, "warmup": args.warmup, "tmax": 0, "eta_min": 0.001,
           "optimizer": "SGD", "GradC": args.GradC, "loss_scale_C": args.loss_scale_C,
           "grad_clip_F": args.grad_clip_F, "grad_clip_B": args.grad_clip_B, "filter_target": args.filter_target,
           "seed": args.seed}
    if cnn:
        cfg["loss_scale_ssl"] = args.loss_scale_ssl
    if ae:
        cfg.update(task="autoencoder", task_transform=args.task_transform, loss_scale_D=args.loss_scale_D)
    torch.manual_seed(args.seed)
    n = args.batch * args.steps
    cifar = not os.path.exists(os.path.join(args.data, "train-images-idx3-ubyte"))
    if cifar:
        records, x_all, y_all, classes, cfg["dataset"], data_name = read_cifar(args.data)
        cfg["num_chn"] = 3
        if ae:
            mean, std = [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]  # the autoencoder's images stay in [0, 1]
        elif cnn:
            mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
        elif classes == 10:
            mean, std = [0.49139968, 0.48215841, 0.44653091], [0.24703223, 0.24348513, 0.26158784]
        else:
            mean, std = [0.50707516, 0.48654887, 0.44091784], [0.26733429, 0.25643846, 0.27615047]
        x_u8 = x_all[:n]
        x = (torch.from_numpy(x_u8.astype(np.float32)).view(n, 3, 32, 32) / 255
             - torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1)) / torch.tensor(std, dtype=torch.float32).view(1, 3, 1, 1)
        if ae:
            model = DualAE(cfg, 3, args.orthogonal)
        elif cnn:
            model = DualCNN(cfg, 3, classes, pooled=args.arch == "cnn_pool")
        else:
            x = x.reshape(n, -1)
            model = DualMLP(cfg, [3072, 1024, 1024, 1024, classes])
    else:
        x_all, y_all = read_idx(os.path.join(args.data, "train-images-idx3-ubyte"),
                                os.path.join(args.data, "train-labels-idx1-ubyte"))
        classes = 10
        mean, std = [0.1307], [0.3081]
        x_u8 = x_all[:n]
        x = (torch.from_numpy(x_u8.astype(np.float32)) / 255 - mean[0]) / std[0]
        model = DualMLP(cfg, [784, 256, 256, 256, 256, 256, 10])
    y = torch.from_numpy(y_all[:n])
    if not ae:
        with torch.no_grad():
            model.output.forward_layer.weight.mul_(args.confident_init)
    init = {k: v.detach().clone().numpy() for k, v in model.state_dict().items()}
    opt_f = torch.optim.SGD(model.params("F"), lr=cfg["lr_F"], momentum=cfg["mmt_F"], weight_decay=cfg["wd_F"])
    opt_b = torch.optim.SGD(model.params("B"), lr=cfg["lr_B"], momentum=cfg["mmt_B"], weight_decay=cfg["wd_B"])
    eye = torch.eye(classes)
    term = ccl_term_cnn if cnn else ccl_term
    losses = []
    model.train()
    for step in range(args.steps):
        xb, yb = x[step * args.batch:(step + 1) * args.batch], y[step * args.batch:(step + 1) * args.batch]
        if ae:
            fw, bw = task_pair(cfg["task_transform"], xb)
            if cfg["method"] == "CCL":
                acts, sigs = model(fw, detach=True), model.reverse(bw, detach=True)
                terms = [ae_term(cfg, a, b, False) for a, b in zip(acts[1:-1], sigs[1:-1])]
                loss = sum(terms + [ae_term(cfg, acts[0], sigs[0], True), ae_term(cfg, acts[-1], sigs[-1], True)])
            else:
                loss = F.mse_loss(model(fw, detach=False)[-1], fw)
        elif cfg["method"] == "CCL":
            acts = model(xb, detach=True)
            sigs = model.reverse(eye, detach=True)
            terms = [term(cfg, a, s, yb, acts[-1], classes) for a, s in zip(acts[:-1], sigs[:-1])]
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
                    elif p.dim() == 4:
                        p.grad -= p.grad.mean(dim=[1, 2, 3], keepdim=True)
        if cfg["grad_clip_F"] != 0:
            torch.nn.utils.clip_grad_norm_(model.params("F"), cfg["grad_clip_F"])
        if cfg["grad_clip_B"] != 0:
            torch.nn.utils.clip_grad_norm_(model.params("B"), cfg["grad_clip_B"])
        opt_f.step(), opt_b.step()
    model.eval()
    with torch.no_grad():
        logits = model(x[:args.batch], detach=True)[-1].numpy()

    os.makedirs(os.path.join(args.out, "data"), exist_ok=True)
    if cifar:
        records[:n].tofile(os.path.join(args.out, "data", data_name))
    else:
        with open(os.path.join(args.out, "data", "train-images-idx3-ubyte"), "wb") as f:
            f.write(np.array([0x803, n, 28, 28], dtype=">i4").tobytes() + x_u8.tobytes())
        with open(os.path.join(args.out, "data", "train-labels-idx1-ubyte"), "wb") as f:
            f.write(np.array([0x801, n], dtype=">i4").tobytes() + y.numpy().astype(np.uint8).tobytes())
    np.savez(os.path.join(args.out, "init.npz"), **init)
    np.savez(os.path.join(args.out, "after.npz"), **{k: v.numpy() for k, v in model.state_dict().items()})
    np.save(os.path.join(args.out, "eval_output_first_batch.npy"), logits)
    case = {"name": os.path.basename(os.path.normpath(args.out)), "config": cfg, "batch": args.batch,
            "steps": args.steps, "normalize_mean": None if ae else mean, "normalize_std": None if ae else std, "augmentation": "none",
            "shuffle": False, "val_fraction": 0.0, "losses_per_step": losses, "filter_target_masked": sum(MASKED), "param_keys": list(init.keys())}
    with open(os.path.join(args.out, "case.json"), "w") as f:
        json.dump(case, f, indent=1)


if __name__ == "__main__":
    main()
