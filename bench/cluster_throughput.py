#!/usr/bin/env python3
"""Cluster-tier overhead: images/s of the distributed mode (Azurite + 1, 2, 3 silo processes + radnet ingest) against
the embedded single-process run (radnet annotate) on the same data, in the same session, alternating.

usage: python3 bench/cluster_throughput.py [--data ../shared/data/mednist] [--silos 1,2,3] [--rounds 1] [-k 12]

Needs a build (dotnet build -c Release src/Client src/Silo) and tools/azurite installed (scripts/install-test-deps.sh).
Distributed images/s = instances / (seconds from the start of `radnet ingest` until every instance has settled, as
`radnet status --json` reports); it includes the upload to Azurite. Embedded images/s is what `radnet annotate`
prints. Prints one JSON line per configuration with the median, every round, the ratio to embedded and the load.
"""
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.environ.get("RADNET_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
CONFIG = os.environ.get("RADNET_BENCH_CONFIG", "Release")
RADNET = os.path.join(REPO, "src", "Client", "bin", CONFIG, "net10.0", "radnet.dll")
SILO = os.path.join(REPO, "src", "Silo", "bin", CONFIG, "net10.0", "RadiologyNet.Silo.dll")
AZURITE = os.path.join(REPO, "tools", "azurite", "node_modules", ".bin", "azurite")
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def embedded(data, k):
    out = tempfile.mkdtemp(prefix="radnet-bench-")
    run = subprocess.run(["dotnet", RADNET, "annotate", data, "-k", str(k), "--out", out], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    shutil.rmtree(out, ignore_errors=True)
    match = re.search(r"([0-9.]+) images/s", run.stdout)
    if run.returncode != 0 or not match:
        raise SystemExit(f"radnet annotate failed: {run.stderr[-2000:]}")
    return float(match.group(1))


def distributed(data, k, silos, expected):
    ports = [free_port() for _ in range(3)]
    location = tempfile.mkdtemp(prefix="radnet-azurite-")
    azurite = subprocess.Popen([AZURITE, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--location", location,
                                "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                                "--blobPort", str(ports[0]), "--queuePort", str(ports[1]), "--tablePort", str(ports[2])])
    conn = (f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={KEY};"
            f"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;"
            f"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;")
    cluster = f"bench{os.getpid()}{silos}"
    env = {**os.environ, "RADNET_Cluster__Mode": "AzureStorage", "RADNET_Storage__ConnectionString": conn, "RADNET_Storage__ClusterId": cluster,
           "RADNET_Annotation__Clusters": str(k), "RADNET_Annotation__BootstrapSize": "300", "Logging__LogLevel__Default": "Warning"}
    procs = []
    try:
        time.sleep(3)
        for _ in range(silos):
            procs.append(subprocess.Popen(["dotnet", SILO], env={**env, "RADNET_Silo__Port": str(free_port()), "RADNET_Silo__GatewayPort": str(free_port())},
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        cli = ["--connection", conn, "--cluster-id", cluster]
        while subprocess.run(["dotnet", RADNET, "status", "--json", *cli], capture_output=True).returncode != 0:
            time.sleep(2)
        start = time.monotonic()
        ingest = subprocess.run(["dotnet", RADNET, "ingest", data, *cli], capture_output=True, text=True)
        if ingest.returncode != 0:
            raise SystemExit(f"radnet ingest failed: {ingest.stderr[-2000:]}")
        while True:
            run = subprocess.run(["dotnet", RADNET, "status", "--json", *cli], capture_output=True, text=True)
            if run.returncode == 0:
                s = json.loads(run.stdout)["status"]
                if s["Annotated"] + s["Pending"] + s["Quarantined"] >= expected:
                    return expected / (time.monotonic() - start)
            time.sleep(1)
    finally:
        for p in procs:
            p.kill()
        azurite.kill()
        shutil.rmtree(location, ignore_errors=True)


def main():
    data = arg("--data", os.path.join(SHARED, "data", "mednist"))
    silo_counts = [int(s) for s in arg("--silos", "1,2,3").split(",")]
    rounds = int(arg("--rounds", "1"))
    k = int(arg("-k", "12"))
    expected = sum(1 for _, _, files in os.walk(data) for f in files if f.endswith(".dcm"))
    results = {"embedded": []} | {n: [] for n in silo_counts}
    load = [os.getloadavg()[0]]
    for _ in range(rounds):
        results["embedded"].append(embedded(data, k))
        for n in silo_counts:
            results[n].append(distributed(data, k, n, expected))
    load.append(os.getloadavg()[0])
    base = statistics.median(results["embedded"])
    print(json.dumps({"config": "embedded", "images_per_s": base, "rounds": results["embedded"], "load": load}))
    for n in silo_counts:
        median = statistics.median(results[n])
        print(json.dumps({"config": f"{n} silo(s) + Azurite", "images_per_s": median, "rounds": results[n], "ratio_to_embedded": median / base, "load": load}))


if __name__ == "__main__":
    main()
