#!/usr/bin/env python3
"""Reproduces the tables of docs/quality.md with radnet's own commands (Python standard library only).

    python3 docs/quality.py dicom   [--radnet CMD] [--shared ../shared] [--out out/quality]
    python3 docs/quality.py text    ...
    python3 docs/quality.py pairing ...

Every embedding comes from `radnet embed` / `radnet embed-text`, every clustering from `radnet cluster`
(k-means++ then Lloyd) and every score from `radnet metrics`. This script only joins labels to rows, cuts
row subsets out of the .npy files and builds the synthetic pairing's reports CSV; it copies no shared data
into the repository (everything it writes goes under --out). Figures are medians over --seeds.
"""
import argparse
import collections
import csv
import json
import os
import random
import shlex
import statistics
import struct
import subprocess
import sys

METRICS = ["homogeneity", "completeness", "nmi_arithmetic", "ami_arithmetic", "adjusted_rand"]
HEADER = ["homogeneity", "completeness", "NMI", "AMI", "ARI"]
csv.field_size_limit(1 << 24)


def run(cmd):
    print("$", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


# ---- .npy (float32, C order) without numpy ------------------------------------------------------------
def read_npy(path):
    with open(path, "rb") as f:
        assert f.read(6) == b"\x93NUMPY", path
        major = f.read(2)[0]
        n = struct.unpack("<H" if major == 1 else "<I", f.read(2 if major == 1 else 4))[0]
        header = f.read(n).decode("latin1")
        assert "'<f4'" in header and "'fortran_order': False" in header, header
        shape = tuple(int(x) for x in header.split("(")[1].split(")")[0].split(",") if x.strip())
        data = f.read()
    rows, cols = shape
    width = 4 * cols
    return rows, cols, [data[i * width:(i + 1) * width] for i in range(rows)]


def write_npy(path, cols, rows):
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (len(rows), cols)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        for r in rows:
            f.write(r)


def nonzero(row):
    return any(row)


def write_labels(path, labels):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["label"])
        for label in labels:
            w.writerow([label])


# ---- clustering and scoring ---------------------------------------------------------------------------
def score(radnet, out, name, npy, k, seeds, truths):
    """Clusters npy with each seed; returns {label: {metric: median}} for truths = {label: (row_indices, values)}."""
    per_label = collections.defaultdict(lambda: collections.defaultdict(list))
    for seed in seeds:
        labels_npy = os.path.join(out, f"labels_{name}_s{seed}.npy")
        run(radnet + ["cluster", npy, "-k", str(k), "--seed", str(seed), "--out", labels_npy])
        for label, (rows, values) in truths.items():
            pred = labels_npy
            if rows is not None:  # score a subset of the clustered rows
                pred = os.path.join(out, f"labels_{name}_s{seed}_{label}.csv")
                write_labels(pred, [read_int_labels(labels_npy)[i] for i in rows])
            truth = os.path.join(out, f"truth_{label}.csv")
            write_labels(truth, values)
            m = json.loads(run(radnet + ["metrics", "--true", truth, "--pred", pred]))
            for key in METRICS:
                per_label[label][key].append(m[key])
    return {label: {key: statistics.median(v) for key, v in d.items()} for label, d in per_label.items()}


def read_int_labels(path):
    with open(path, "rb") as f:
        assert f.read(6) == b"\x93NUMPY"
        major = f.read(2)[0]
        n = struct.unpack("<H" if major == 1 else "<I", f.read(2 if major == 1 else 4))[0]
        header = f.read(n).decode("latin1")
        data = f.read()
    fmt = "<%d%s" % (len(data) // (8 if "<i8" in header else 4), "q" if "<i8" in header else "i")
    return list(struct.unpack(fmt, data))


def table(results, labels, sources):
    lines = ["| source | label | " + " | ".join(HEADER) + " |", "|---|---|" + "---|" * len(HEADER)]
    verdicts = []
    for label in labels:
        for source in sources:
            if source in results and label in results[source]:
                r = results[source][label]
                lines.append(f"| {source} | {label} | " + " | ".join(f"{r[m]:.3f}" for m in METRICS) + " |")
        if "fused" in results:
            singles = [s for s in sources if not s.startswith("fused") and s in results]
            worse = [f"{h} ({results['fused'][label][m]:.3f} < {s} {results[s][label][m]:.3f})"
                     for m, h in zip(METRICS, HEADER) for s in singles
                     if results["fused"][label][m] < results[s][label][m]]
            verdicts.append(f"- {label}: fused ≥ every single source " + ("holds on all five metrics" if not worse else "fails on " + "; ".join(worse)))
    return "\n".join(lines + [""] + verdicts)


# ---- data sets ----------------------------------------------------------------------------------------
def dicom(a, radnet):
    out = os.path.join(a.out, "dicom")
    data = os.path.join(a.shared, "data")
    if not a.skip_embed:
        run(radnet + ["embed", os.path.join(data, "dicom"), "--out", out])
    index = {r["path"][len("dicom/"):]: r for r in csv.DictReader(open(os.path.join(data, "dicom", "index.csv"), encoding="utf-8"))
             if r["region_coarse"]}
    ids = list(csv.DictReader(open(os.path.join(out, "ids.csv"), encoding="utf-8")))
    keep = [i for i, r in enumerate(ids) if r["file"] in index]
    print(f"dicom: {len(index)} labelled files, {len(keep)} of them embedded (others quarantined, see {out}/quarantined.csv)", file=sys.stderr)
    modality = [index[ids[i]["file"]]["modality_true"] for i in keep]
    region = [index[ids[i]["file"]]["region_coarse"] for i in keep]
    known = [j for j, r in enumerate(region) if r != "UNKNOWN"]
    k = a.k or 2 * max(len(set(modality)), len(set(region[j] for j in known)))
    truths = {"modality_true": (None, modality), "region_coarse": (known, [region[j] for j in known])}
    results = {}
    for source in ["image", "metadata", "report", "fused"]:
        _, cols, rows = read_npy(os.path.join(out, f"{source}.npy"))
        sub = [rows[i] for i in keep]
        if source == "report" and not any(nonzero(r) for r in sub):
            continue
        path = os.path.join(out, f"labelled_{source}.npy")
        write_npy(path, cols, sub)
        results[source] = score(radnet, out, source, path, k, a.seeds, truths)
    print(f"n = {len(keep)} (region scored on the {len(known)} not UNKNOWN), k = {k}, "
          f"{len(set(modality))} modalities, {len(set(region[j] for j in known))} regions, seeds {a.seeds}")
    print(table(results, list(truths), ["image", "metadata", "report", "fused"]))


def text(a, radnet):
    data = os.path.join(a.shared, "data", "text")
    for corpus in ["mtsamples_radiology", "iu_xray_reports_dev50"]:
        out = os.path.join(a.out, "text", corpus)
        src = os.path.join(data, corpus + ".csv")
        if not a.skip_embed:
            run(radnet + ["embed-text", src, "--out", out])
        rows = list(csv.DictReader(open(src, encoding="utf-8")))
        if corpus.startswith("iu"):
            # One weak modality and region for all of IU: score against MeSH "normal" vs not instead.
            labels = {"mesh_normal": ["normal" if r["MeSH"].strip().lower() == "normal" else "abnormal" for r in rows]}
        else:
            labels = {"modality_weak": [r["modality_weak"] for r in rows], "region_weak": [r["region_weak"] for r in rows]}
        truths = {}
        for name, values in labels.items():
            keep = [i for i, v in enumerate(values) if v != "?" and rows[i]["text"].strip()]
            truths[name] = (keep, [values[i] for i in keep])
        classes = max(len(set(v)) for _, v in truths.values())
        k = 2 * classes
        results = {"report": score(radnet, out, "report", os.path.join(out, "report.npy"), k, a.seeds, truths)}
        print(f"\n{corpus}: n = {len(rows)}, k = {k}, scored rows per label: "
              + ", ".join(f"{n} {len(r)} ({len(set(v))} classes)" for n, (r, v) in truths.items()) + f", seeds {a.seeds}")
        print(table(results, list(truths), ["report"]))


PAIRING = {  # MedNIST class -> (modality_weak, region_weak) of the texts it is paired with
    "AbdomenCT": ("CT", "ABDOMEN"), "BreastMRI": ("MR", "BREAST"), "CXR": ("CR/DX", "CHEST"),
    "ChestCT": ("CT", "CHEST"), "Hand": ("CR/DX", "UPPER_LIMB"), "HeadCT": ("CT", "HEAD"),
}


def pairing(a, radnet):
    """SYNTHETIC: each MedNIST study gets a report drawn (seeded) from the texts of its class's modality x region."""
    data = os.path.join(a.shared, "data")
    out = os.path.join(a.out, "pairing")
    os.makedirs(out, exist_ok=True)
    texts = []
    for corpus in ["mtsamples_radiology.csv", "iu_xray_reports_dev50.csv"]:
        texts += [r for r in csv.DictReader(open(os.path.join(data, "text", corpus), encoding="utf-8")) if r["text"].strip()]
    pools = {}
    for cls, (mod, reg) in PAIRING.items():
        pool = [t["text"] for t in texts if (t["modality_weak"], t["region_weak"]) == (mod, reg)]
        rule = f"{mod} x {reg}"
        if len(pool) < a.min_pool:  # too few exact matches: widen to the region, any modality
            pool = [t["text"] for t in texts if t["region_weak"] == reg]
            rule = f"any modality x {reg}"
        pools[cls] = pool
        print(f"pairing: {cls} <- {len(pool)} texts ({rule})", file=sys.stderr)
    truth = {r["file"]: r for r in csv.DictReader(open(os.path.join(data, "mednist", "truth.csv"), encoding="utf-8"))}
    if not a.skip_embed:
        run(radnet + ["embed", os.path.join(data, "mednist"), "--out", os.path.join(out, "plain")])
    ids = list(csv.DictReader(open(os.path.join(out, "plain", "ids.csv"), encoding="utf-8")))
    rng = random.Random(a.pairing_seed)
    reports = {}
    for r in ids:
        if r["study_instance_uid"] not in reports:
            reports[r["study_instance_uid"]] = rng.choice(pools[truth[r["file"]]["mednist_class"]])
    with open(os.path.join(out, "reports.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["study_uid", "text"])
        for uid, t in reports.items():
            w.writerow([uid, t])
    paired = os.path.join(out, "paired")
    if not a.skip_embed:
        run(radnet + ["embed", os.path.join(data, "mednist"), "--reports", os.path.join(out, "reports.csv"), "--out", paired]
            + (["--project-dim", str(a.project_dim)] if a.project_dim else []))
    ids = list(csv.DictReader(open(os.path.join(paired, "ids.csv"), encoding="utf-8")))
    truths = {label: (None, [truth[r["file"]][column] for r in ids])
              for label, column in [("class", "mednist_class"), ("modality", "modality_true"), ("region", "region_true")]}
    k = a.k or 2 * len(set(truths["class"][1]))
    sources = ["image", "metadata", "report", "fused"] + (["fused_projected"] if a.project_dim else [])
    results = {s: score(radnet, paired, s, os.path.join(paired, f"{s}.npy"), k, a.seeds, truths) for s in sources}
    print(f"SYNTHETIC pairing: n = {len(ids)}, {len(reports)} studies, k = {k}, pairing seed {a.pairing_seed}, seeds {a.seeds}; "
          + ", ".join(f"{c} {len(p)} texts" for c, p in pools.items()))
    print(table(results, list(truths), sources))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["dicom", "text", "pairing"])
    p.add_argument("--radnet", default="dotnet src/Client/bin/Debug/net10.0/radnet.dll")
    p.add_argument("--shared", default="../shared")
    p.add_argument("--out", default="out/quality")
    p.add_argument("--seeds", type=int, nargs="+", default=[42, 43, 44])
    p.add_argument("-k", type=int, default=0, help="clusters (default: 2x the class count)")
    p.add_argument("--min-pool", type=int, default=5)
    p.add_argument("--pairing-seed", type=int, default=7)
    p.add_argument("--skip-embed", action="store_true", help="reuse the embeddings already under --out")
    p.add_argument("--project-dim", type=int, default=0, help="pairing: also score fused_projected.npy (radnet embed --project-dim)")
    a = p.parse_args()
    {"dicom": dicom, "text": text, "pairing": pairing}[a.what](a, shlex.split(a.radnet))


if __name__ == "__main__":
    main()
