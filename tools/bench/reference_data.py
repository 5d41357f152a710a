"""Lay this project's dataset copies out in torchvision's layout, so the reference reads the same bytes offline.

    python3 tools/bench/reference_data.py DATA_DIR REFERENCE_CHECKOUT/data

MNIST and FashionMNIST: the four idx files under <name>/raw, decompressed where this project keeps them gzipped.
CIFAR-10 and CIFAR-100: torchvision's pickled batches, rebuilt from the official binary files (same images,
same order, same labels). torchvision checks its own MD5s of the pickled files, which a rebuilt pickle cannot
match; sitecustomize.py beside this file turns that one check off when CCL_REFERENCE_DATA=1, and ccl has
already verified the official MD5s of the binary files these came from.
"""
import gzip
import os
import pickle
import shutil
import sys

import numpy as np

IDX = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]


def idx_files(src, dst):
    os.makedirs(dst, exist_ok=True)
    for name in IDX:
        out = os.path.join(dst, name)
        if os.path.exists(out):
            continue
        if os.path.exists(os.path.join(src, name)):
            shutil.copyfile(os.path.join(src, name), out + ".part")
        else:
            with gzip.open(os.path.join(src, name + ".gz")) as f, open(out + ".part", "wb") as g:
                shutil.copyfileobj(f, g)
        os.replace(out + ".part", out)


def records(path, label_bytes):  # each record: its label byte(s), then 3072 bytes of the image
    raw = np.fromfile(path, dtype=np.uint8).reshape(-1, label_bytes + 3072)
    return raw[:, :label_bytes], np.ascontiguousarray(raw[:, label_bytes:])


def dump(obj, path):
    with open(path + ".part", "wb") as f:
        pickle.dump(obj, f)
    os.replace(path + ".part", path)


def cifar10(src, dst):
    os.makedirs(dst, exist_ok=True)
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    for name in names:
        if os.path.exists(os.path.join(dst, name)):
            continue
        labels, data = records(os.path.join(src, name + ".bin"), 1)
        dump({"data": data, "labels": labels[:, 0].tolist()}, os.path.join(dst, name))
    with open(os.path.join(src, "batches.meta.txt")) as f:
        dump({"label_names": [line.strip() for line in f if line.strip()]}, os.path.join(dst, "batches.meta"))


def cifar100(src, dst):
    os.makedirs(dst, exist_ok=True)
    for name in ["train", "test"]:
        if os.path.exists(os.path.join(dst, name)):
            continue
        labels, data = records(os.path.join(src, name + ".bin"), 2)
        dump({"data": data, "coarse_labels": labels[:, 0].tolist(), "fine_labels": labels[:, 1].tolist()},
             os.path.join(dst, name))
    with open(os.path.join(src, "fine_label_names.txt")) as f:
        dump({"fine_label_names": [line.strip() for line in f if line.strip()]}, os.path.join(dst, "meta"))


def main(data, out):
    done = []
    for name in ["MNIST", "FashionMNIST"]:
        if os.path.isdir(os.path.join(data, name)):
            idx_files(os.path.join(data, name), os.path.join(out, name, "raw"))
            done.append(name)
    src = os.path.join(data, "CIFAR10", "cifar-10-batches-bin")
    if os.path.isdir(src):
        cifar10(src, os.path.join(out, "cifar-10-batches-py"))
        done.append("CIFAR10")
    src = os.path.join(data, "CIFAR100", "cifar-100-binary")
    if os.path.isdir(src):
        cifar100(src, os.path.join(out, "cifar-100-python"))
        done.append("CIFAR100")
    print("reference data:", " ".join(done) or "none", "->", out)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: reference_data.py DATA_DIR REFERENCE_CHECKOUT/data")
    main(sys.argv[1], sys.argv[2])
