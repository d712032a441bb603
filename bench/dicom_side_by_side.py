#!/usr/bin/env python3
"""DICOM header parsing and frame-0 decoding, side by side in one run: ours (BenchmarkDotNet, DicomBenchmarks)
against ../shared/peers/dicom_parse_pydicom.py and dicom_parse_gdcm.py, over every file of ../shared/data/dicom.

usage: python3 bench/dicom_side_by_side.py [--repeat R] [--skip-build]
  Prints each peer's JSON line, BenchmarkDotNet's summary, then a markdown table: files/s, MB/s, ratios
  (ours / peer), allocation per header byte. Peers report the median of R passes (default 5), ours the median of
  9 BenchmarkDotNet iterations. Needs `sh ../shared/peers/install.sh` (root) and, for JPEG-family frames,
  libgdcm-cil (scripts/install-test-deps.sh).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-build", action="store_true")
    a = ap.parse_args()
    shared = os.environ.get("RADNET_SHARED") or os.path.join(os.path.dirname(REPO), "shared")
    folder = os.path.join(shared, "data", "dicom")
    project = os.path.join(REPO, "bench", "Benchmarks")
    if not a.skip_build:
        subprocess.run(["dotnet", "build", "-c", "Release", project], check=True, stdout=subprocess.DEVNULL)
    with open("/proc/loadavg") as f:
        print("load average before:", f.read().strip())

    peers = {}
    for script in ("dicom_parse_pydicom.py", "dicom_parse_gdcm.py"):
        out = subprocess.run([sys.executable, os.path.join(shared, "peers", script), folder, "--pixels", "--repeat", str(a.repeat),
                              "--skip-ext", ".json,.md,.csv"], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("{"):
                print(line[:400])
                r = json.loads(line)
                peers[r["peer"]] = r

    art = "/tmp/radnet-bench-dicom"
    env = dict(os.environ, RADNET_SHARED=shared,
               RADNET_CODEC_WORKER=os.path.join(project, "bin", "Release", "net10.0", "codec-worker", "radnet-codec-worker.dll"))
    out = subprocess.run(["dotnet", "run", "-c", "Release", "--no-build", "--project", project, "--", "--filter", "*DicomBenchmarks*",
                          "--exporters", "json", "--artifacts", art], env=env, check=True, capture_output=True, text=True).stdout
    print("\n".join(l for l in out.splitlines() if l.startswith("|") or l.startswith("// corpus")))
    m = re.search(r"// corpus: (\d+) files, (\d+) bytes, (\d+) header bytes", out)
    files, total, header = (int(x) for x in m.groups())
    report = json.load(open(glob.glob(os.path.join(art, "results", "*DicomBenchmarks-report-full-compressed.json"))[0]))
    ours = {b["Method"]: (b["Statistics"]["Median"] / 1e9, b["Memory"]["BytesAllocatedPerOperation"]) for b in report["Benchmarks"]}
    with open("/proc/loadavg") as f:
        print("load average after:", f.read().strip())

    print(f"\ncorpus: {files} files, {total / 1e6:.1f} MB, {header / 1e6:.2f} MB of headers\n")
    print("| pass | tool | files/s | MB/s | ours ÷ tool (files/s) |")
    print("|---|---|---:|---:|---:|")
    for kind, method in (("headers", "Headers"), ("frame0", "Frame0")):
        sec, alloc = ours[method]
        fps = files / sec
        print(f"| {kind} | RadiologyNet (.NET) | {fps:,.0f} | {total / 1e6 / sec:,.1f} | 1 |")
        for name, r in peers.items():
            if not name.endswith(f"[{kind}]"):
                continue
            res = r["result"]
            print(f"| {kind} | {name} ({r.get('version', '')}) | {res['files_per_s']:,.0f} | {res['mb_per_s']:,.1f} | {fps / res['files_per_s']:.1f}× |")
    print(f"\nallocation per header byte (Headers): {ours['Headers'][1] / header:.2f} B/B "
          f"({ours['Headers'][1]:,} B per pass over {header:,} header bytes)")
    print(f"allocation per pass (Frame0): {ours['Frame0'][1] / 1e6:,.1f} MB")


if __name__ == "__main__":
    main()
