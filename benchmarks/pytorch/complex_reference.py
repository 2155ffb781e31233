#!/usr/bin/env python3
"""PyTorch reference for `strata bench train --engine cuda`: the same model, loss and settings.

ComplEx with reciprocal relations, 1-vs-all softmax cross-entropy, N3 on the rows a batch touches
(weight reg / batch, Lacroix et al. 2018), Adagrad (eps 1e-10, zero initial accumulator) or Adam,
parameters drawn from N(0, init^2), queries shuffled each epoch, a batch of B queries (a training fact
gives a tail query and a reciprocal head query). Evaluation: filtered, both directions, ties at the mean
rank, test entities unseen in training count as misses -- the protocol of Strata's shared evaluator.

It prints one line per epoch (cross-entropy and N3 per query as `strata train` prints them; time with
torch.cuda.synchronize on a GPU) and a JSON summary, so the two time columns can be compared on the
same GPU (--device cpu runs it on the CPU, to check its figures against the CPU engine's):

    python3 benchmarks/pytorch/complex_reference.py --data ../shared/data/kg/fb15k-237 --dim 256 \
        --epochs 10 --batch 256 --lr 0.1 --reg 0.01 --json torch.json

Only PyTorch is needed (no other package).
"""
import argparse
import json
import os
import time

import torch


def read(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--dim", type=int, default=256, help="complex dimension (2*dim reals a row)")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--reg", type=float, default=0.01)
    ap.add_argument("--init", type=float, default=1e-3)
    ap.add_argument("--optimizer", choices=["adagrad", "adam"], default="adagrad")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--eval", choices=["test", "none"], default="test")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu",
                    help="cuda (the default where PyTorch sees a GPU) or cpu")
    ap.add_argument("--json")
    a = ap.parse_args()

    torch.manual_seed(a.seed)
    dev = torch.device(a.device)
    sync = torch.cuda.synchronize if dev.type == "cuda" else (lambda: None)
    train, valid, test = (read(os.path.join(a.data, f + ".txt")) for f in ("train", "valid", "test"))
    ents, rels = {}, {}
    for h, r, t in train:
        ents.setdefault(h, len(ents))
        ents.setdefault(t, len(ents))
        rels.setdefault(r, len(rels))
    n_e, n_r = len(ents), len(rels)
    tr = torch.tensor([[ents[h], rels[r], ents[t]] for h, r, t in train], dtype=torch.long)
    queries = torch.cat([tr, torch.stack([tr[:, 2], tr[:, 1] + n_r, tr[:, 0]], 1)]).to(dev)

    k = a.dim
    E = torch.nn.Parameter(torch.randn(n_e, 2 * k, device=dev) * a.init)
    R = torch.nn.Parameter(torch.randn(2 * n_r, 2 * k, device=dev) * a.init)
    if a.optimizer == "adagrad":
        opt = torch.optim.Adagrad([E, R], lr=a.lr, eps=1e-10, initial_accumulator_value=0.0)
    else:
        opt = torch.optim.Adam([E, R], lr=a.lr)

    def query_vectors(s, r):
        h, rr = E[s], R[r]
        hr, hi, rr_, ri = h[:, :k], h[:, k:], rr[:, :k], rr[:, k:]
        return torch.cat([hr * rr_ - hi * ri, hr * ri + hi * rr_], 1), h, rr

    def n3(x):
        re, im = x[:, :k], x[:, k:]
        return torch.sqrt(re * re + im * im).pow(3).sum()

    epoch_times = []
    for epoch in range(1, a.epochs + 1):
        sync()
        start = time.perf_counter()
        order = queries[torch.randperm(len(queries), device=dev)]
        total_ce = torch.zeros((), device=dev)
        total_n3 = torch.zeros((), device=dev)
        batches = 0
        for b in range(0, len(order), a.batch):
            q = order[b:b + a.batch]
            n = len(q)
            qv, h, r = query_vectors(q[:, 0], q[:, 1])
            scores = qv @ E.t()
            ce = torch.nn.functional.cross_entropy(scores, q[:, 2], reduction="sum")
            loss = ce / n
            if a.reg > 0:
                reg = n3(h) + n3(r) + n3(E[q[:, 2]])
                loss = loss + a.reg / n * reg
                total_n3 += reg.detach()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total_ce += ce.detach()
            batches += 1
        sync()
        sec = time.perf_counter() - start
        epoch_times.append(sec)
        print(f"epoch {epoch:3d}/{a.epochs}  loss {float(total_ce) / len(queries):.4f}  "
              f"n3 {float(total_n3) / batches:.4f}  {sec:6.2f} s  {len(tr) / sec:,.0f} facts/s", flush=True)

    result = {"framework": "pytorch " + torch.__version__, "device": torch.cuda.get_device_name(0) if dev.type == "cuda" else
              f"cpu, {torch.get_num_threads()} threads",
              "dataset": os.path.basename(os.path.normpath(a.data)), "dim": k, "batch": a.batch,
              "epochs": a.epochs, "epoch_seconds": epoch_times,
              "epoch_seconds_mean_after_first": sum(epoch_times[1:]) / max(1, len(epoch_times) - 1),
              "facts_per_second": len(tr) / (sum(epoch_times[1:]) / max(1, len(epoch_times) - 1))}
    if a.eval == "test":
        result.update(evaluate(E, R, query_vectors, ents, rels, train + valid + test, test, n_r))
    print(json.dumps(result, indent=2))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)


@torch.no_grad()
def evaluate(E, R, query_vectors, ents, rels, known, test, n_r, chunk=512):
    """Filtered ranks of every test fact in both directions, scored a chunk of queries at a time."""
    dev = E.device
    true = {}
    for h, r, t in known:
        if h in ents and t in ents and r in rels:
            true.setdefault((ents[h], rels[r]), set()).add(ents[t])
            true.setdefault((ents[t], rels[r] + n_r), set()).add(ents[h])
    ranks, queries = [], []
    for h, r, t in test:
        for s, o, offset in ((h, t, 0), (t, h, n_r)):
            if s not in ents or o not in ents or r not in rels:
                ranks.append(float("inf"))  # unseen in training: a miss
            else:
                queries.append((ents[s], rels[r] + offset, ents[o]))
    for b in range(0, len(queries), chunk):
        part = queries[b:b + chunk]
        s = torch.tensor([x[0] for x in part], device=dev)
        rid = torch.tensor([x[1] for x in part], device=dev)
        target = torch.tensor([x[2] for x in part], device=dev)
        qv, _, _ = query_vectors(s, rid)
        sc = qv @ E.t()
        rows = torch.arange(len(part), device=dev)
        ts = sc[rows, target]
        fr, fc = [], []
        for i, (si, ri, oi) in enumerate(part):
            for x in true.get((si, ri), ()):
                if x != oi:
                    fr.append(i)
                    fc.append(x)
        if fr:
            sc[torch.tensor(fr, device=dev), torch.tensor(fc, device=dev)] = float("-inf")
        higher = (sc > ts[:, None]).sum(1)
        equal = (sc == ts[:, None]).sum(1) - 1
        ranks.extend((1 + higher.double() + equal.double() / 2).tolist())
    rr = [0.0 if r == float("inf") else 1 / r for r in ranks]
    hits = lambda k: sum(1 for r in ranks if r <= k) / len(ranks)
    return {"test_mrr": sum(rr) / len(rr), "hits1": hits(1), "hits3": hits(3), "hits10": hits(10)}


if __name__ == "__main__":
    main()
