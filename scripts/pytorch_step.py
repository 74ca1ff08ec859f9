#!/usr/bin/python3
# The explorer's training step written as one would in PyTorch, timed for scripts/bench-vs-pytorch:
# the same MLP, P x K batch, distance weighted sampling and margin loss with learned beta.
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times one training step in PyTorch on one core, the way the explorer's Trainer::trainStep does it:

- a P x K batch drawn every step (P classes without replacement, K rows of each without
  replacement; P is capped by the training classes), inputs standardised with the training
  statistics as the explorer does;
- the MLP d -> 256 -> 256 -> 128 with ReLU, its output L2-normalised (F.normalize);
- distance weighted sampling (PAPER.md section 3; model/sampling/DistanceWeightedSampler.cpp):
  weights 1/q(D) with D clipped into [cutoff, 2 - 1e-6], in the log domain with the maximum of
  each anchor's valid negatives subtracted, zero for the anchor's class and for D >= the
  non-zero-loss cutoff, uniform over the negatives when none is valid; one negative per
  (anchor, positive) pair drawn with torch.multinomial over the weights matrix (as
  pytorch-metric-learning's DistanceWeightedMiner does);
- the margin loss with beta = beta0 + beta_class(anchor), normalised by the active pairs;
- Adam (lr 1e-3, multi-tensor) on the network, SGD with momentum (lr 0.1, 0.9) on beta0 and beta_class.

Prints one line per case: "result KEY step_us MICROSECONDS rows ROWS", the best round's CPU time
of the process per step.
"""
import argparse
import gzip
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_idx(path):
    """The array of an IDX file (gzip-compressed when the name ends in .gz)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    assert data[2] == 0x08, "only unsigned-byte IDX files"
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_data(images):
    labels = images.replace("images-idx3", "labels-idx1")
    if not os.path.exists(labels) and os.path.exists(labels + ".gz"):
        labels += ".gz"
    x = read_idx(images).reshape(-1, 28 * 28).astype(np.float32)
    return x, read_idx(labels).astype(np.int64)


def digits_data(path):
    table = np.loadtxt(path, delimiter=",", dtype=np.float32)
    return table[:, :-1].copy(), table[:, -1].astype(np.int64)


def synthetic_data(features, classes, per_class, seed=1):
    """Random data of a shape, when a data set is missing: a step costs the same on any values."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((classes * per_class, features), dtype=np.float32)
    return x, np.repeat(np.arange(classes), per_class)


def training_part(x, labels):
    """The zero-shot split: the first half of the classes (sorted) train; standardised with their
    own mean and population standard deviation (a constant feature only centred)."""
    classes = np.unique(labels)
    training = classes[: math.ceil(len(classes) * 0.5)]
    keep = np.isin(labels, training)
    x, labels = x[keep], labels[keep]
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    return (x - mean) / std, labels


class MarginStep:
    def __init__(self, x, labels, P=12, K=5, hidden=(256, 256), n=128, alpha=0.2, beta0=1.2,
                 nu=0.0, cutoff=0.5, nonzero_loss_cutoff=1.4, seed=1):
        torch.manual_seed(seed)
        self.rng = np.random.default_rng(seed)
        self.x = torch.from_numpy(np.ascontiguousarray(x))
        classes, dense = np.unique(labels, return_inverse=True)
        self.members = [np.flatnonzero(dense == c) for c in range(len(classes))]
        self.dense = torch.from_numpy(dense)
        self.P, self.K = min(P, len(classes)), K
        self.n, self.alpha, self.nu = n, alpha, nu
        self.cutoff, self.nonzero_loss_cutoff = cutoff, nonzero_loss_cutoff
        widths = [x.shape[1], *hidden, n]
        layers = []
        for i in range(len(widths) - 1):
            layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
            if i + 2 < len(widths):
                layers.append(torch.nn.ReLU())
        self.model = torch.nn.Sequential(*layers)
        self.beta0 = torch.nn.Parameter(torch.tensor(beta0))
        self.beta_class = torch.nn.Parameter(torch.zeros(len(classes)))
        # foreach: PyTorch's multi-tensor Adam. The CPU default in 1.13 updates tensor by tensor
        # and takes twice as long on the 784-d network: the comparison takes PyTorch's better.
        self.optimiser = torch.optim.Adam(self.model.parameters(), lr=1e-3, foreach=True)
        self.beta_optimiser = torch.optim.SGD([self.beta0, self.beta_class], lr=0.1, momentum=0.9)
        # The batch's structure is the same every step: row r is of the (r // K)-th class drawn.
        rows = self.P * self.K
        block = torch.arange(rows) // self.K
        self.same_class = block[:, None] == block[None, :]
        pairs = self.same_class & ~torch.eye(rows, dtype=torch.bool)
        self.anchors, self.positives = pairs.nonzero(as_tuple=True)  # anchor-major, K - 1 each

    def draw_batch(self):
        classes = self.rng.choice(len(self.members), self.P, replace=False)
        rows = [self.rng.choice(self.members[c], self.K, replace=False) for c in classes]
        return torch.from_numpy(np.concatenate(rows))

    def sample_negatives(self, embeddings):
        """One negative per (anchor, positive) pair, distance weighted."""
        with torch.no_grad():
            d = torch.cdist(embeddings, embeddings)
            clipped = d.clamp(min=self.cutoff, max=2.0 - 1e-6)
            n = self.n
            log_weights = (2.0 - n) * clipped.log() - 0.5 * (n - 3) * (1.0 - 0.25 * clipped * clipped).log()
            valid = ~self.same_class & (d < self.nonzero_loss_cutoff)
            log_weights = log_weights.masked_fill(~valid, -math.inf)
            row_max = log_weights.max(dim=1, keepdim=True).values
            weights = (log_weights - row_max).exp().nan_to_num(0.0)  # rows without a valid one: NaN
            none_valid = ~valid.any(dim=1)
            weights[none_valid] = (~self.same_class[none_valid]).float()
            negatives = torch.multinomial(weights, self.K - 1, replacement=True)
        return negatives.reshape(-1)  # in the order of self.anchors

    def step(self):
        rows = self.draw_batch()
        embeddings = F.normalize(self.model(self.x[rows]), dim=1)
        negatives = self.sample_negatives(embeddings.detach())
        anchor = embeddings[self.anchors]
        d_ap = (anchor - embeddings[self.positives]).norm(dim=1)
        d_an = (anchor - embeddings[negatives]).norm(dim=1)
        beta = self.beta0 + self.beta_class[self.dense[rows][self.anchors]]
        positive_loss = F.relu(d_ap - beta + self.alpha)
        negative_loss = F.relu(beta - d_an + self.alpha)
        active = ((positive_loss > 0).sum() + (negative_loss > 0).sum()).clamp(min=1)
        loss = (positive_loss.sum() + negative_loss.sum() + self.nu * 2.0 * beta.sum()) / active
        self.optimiser.zero_grad(set_to_none=True)
        self.beta_optimiser.zero_grad(set_to_none=True)
        loss.backward()
        self.optimiser.step()
        self.beta_optimiser.step()
        return loss.item()


def microseconds_per_step(step, steps, rounds):
    for _ in range(50):  # warm up, as bench_training does
        step.step()
    best = math.inf
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(steps):
            step.step()
        best = min(best, (time.process_time() - start) / steps * 1e6)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fashion", default="/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
    parser.add_argument("--digits", default=os.path.join(os.path.dirname(__file__), "..", "resources", "data",
                                                         "optdigits-8x8.csv"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--only", choices=["fashion784", "digits64", "synthetic64"])
    args = parser.parse_args()
    torch.set_num_threads(1)
    cases = []
    if args.only in (None, "fashion784"):
        if os.path.exists(args.fashion):
            cases.append(("fashion784", lambda: fashion_data(args.fashion)))
        else:
            print(f"({args.fashion}: missing; random data of Fashion-MNIST's shape instead)")
            cases.append(("fashion784", lambda: synthetic_data(784, 10, 6000)))
    if args.only in (None, "digits64"):
        cases.append(("digits64", lambda: digits_data(args.digits)))
    if args.only in (None, "synthetic64"):  # the synthetic default's shape: 100 classes of 40
        cases.append(("synthetic64", lambda: synthetic_data(64, 100, 40)))
    for key, load in cases:
        step = MarginStep(*training_part(*load()))
        us = microseconds_per_step(step, args.steps, args.rounds)
        print(f"result {key} step_us {us:.1f} rows {step.P * step.K}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
