#!/usr/bin/env python3
"""Cluster-tier overhead: images/s of the distributed mode (Azurite + 1, 2, 3 silo processes + radnet ingest) against
the embedded single-process run (radnet annotate) on the same data, in the same session, alternating.

usage: python3 bench/cluster_throughput.py [--data ../shared/data/mednist] [--silos 1,2,3] [--rounds 1] [-k 12]
                                          [--baseline /path/to/other/checkout]

Needs a build (dotnet build -c Release src/Client src/Silo) and tools/azurite installed (scripts/install-test-deps.sh).
Distributed images/s = instances / (seconds from the start of `radnet ingest` until every instance is annotated or
quarantined); it includes the upload to Azurite. Completion is read from the silos' own /metrics endpoints (the sum of
radnet_instances_assigned_total for the bootstrap and online phases plus radnet_instances_quarantined_total), which
costs the machine nothing, and is then checked once with `radnet status --json`, which also gives the duplicate
deliveries. Embedded images/s is what `radnet annotate` prints. With --baseline, the distributed configurations are
also run with that checkout's Release build, alternating, so two versions compare side by side in one session. Prints
one JSON line per configuration with the median, every round, the ratio to embedded and the load.
"""
import resource
import urllib.request
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


def radnet(repo):
    return os.path.join(repo, "src", "Client", "bin", CONFIG, "net10.0", "radnet.dll")


def silo_dll(repo):
    return os.path.join(repo, "src", "Silo", "bin", CONFIG, "net10.0", "RadiologyNet.Silo.dll")


RADNET = radnet(REPO)
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
    before = children_cpu()
    run = subprocess.run(["dotnet", RADNET, "annotate", data, "-k", str(k), "--out", out], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    shutil.rmtree(out, ignore_errors=True)
    match = re.search(r"([0-9.]+) images/s", run.stdout)
    if run.returncode != 0 or not match:
        raise SystemExit(f"radnet annotate failed: {run.stderr[-2000:]}")
    return float(match.group(1)), round(children_cpu() - before, 1)


def scrape(port):
    """Annotated-or-quarantined instances one silo has counted, from its Prometheus endpoint."""
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    except OSError:
        return 0
    done = 0.0
    for line in text.splitlines():
        if line.startswith("radnet_instances_quarantined_total") or (
                line.startswith("radnet_instances_assigned_total") and ('phase="online"' in line or 'phase="bootstrap"' in line)):
            done += float(line.rsplit(" ", 1)[1])
    return done


def cpu_seconds(pid):
    """User + system CPU seconds of a live process (and its threads), from /proc."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ready(port):
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=5).status == 200
    except OSError:
        return False


def distributed(data, k, silos, expected, repo):
    ports = [free_port() for _ in range(3)]
    location = tempfile.mkdtemp(prefix="radnet-azurite-")
    azurite = subprocess.Popen([AZURITE, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--location", location,
                                "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                                "--blobPort", str(ports[0]), "--queuePort", str(ports[1]), "--tablePort", str(ports[2]),
                                *(["--debug", os.environ["RADNET_BENCH_AZURITE_DEBUG"]] if "RADNET_BENCH_AZURITE_DEBUG" in os.environ else [])],
                               stdout=subprocess.DEVNULL)
    conn = (f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={KEY};"
            f"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;"
            f"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;")
    cluster = f"bench{os.getpid()}{silos}"
    env = {**os.environ, "RADNET_Cluster__Mode": "AzureStorage", "RADNET_Storage__ConnectionString": conn, "RADNET_Storage__ClusterId": cluster,
           "RADNET_Annotation__Clusters": str(k), "RADNET_Annotation__BootstrapSize": "300", "Logging__LogLevel__Default": "Warning"}
    procs = []
    http = []
    cpu = {}
    try:
        time.sleep(3)
        for _ in range(silos):
            http.append(free_port())
            procs.append(subprocess.Popen(["dotnet", silo_dll(repo)], env={**env, "RADNET_Silo__Port": str(free_port()), "RADNET_Silo__GatewayPort": str(free_port()),
                                                                         "RADNET_Telemetry__HttpPort": str(http[-1])},
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        while not all(ready(p) for p in http):
            time.sleep(1)
        cli = ["--connection", conn, "--cluster-id", cluster]
        start = time.monotonic()
        before = {"silos": sum(cpu_seconds(p.pid) for p in procs), "azurite": cpu_seconds(azurite.pid), "children": children_cpu()}
        ingest = subprocess.run(["dotnet", radnet(repo), "ingest", data, *cli], capture_output=True, text=True)
        cpu["ingest"] = children_cpu() - before["children"]
        if ingest.returncode != 0:
            raise SystemExit(f"radnet ingest failed: {ingest.stderr[-2000:]}")
        while sum(scrape(p) for p in http) < expected:
            time.sleep(0.5)
        seconds = time.monotonic() - start
        cpu["silos"] = sum(cpu_seconds(p.pid) for p in procs) - before["silos"]
        cpu["azurite"] = cpu_seconds(azurite.pid) - before["azurite"]
        run = subprocess.run(["dotnet", radnet(repo), "status", "--json", *cli], capture_output=True, text=True)
        status = json.loads(run.stdout) if run.returncode == 0 else {}
        if status.get("assigned", 0) + status.get("quarantined", 0) != expected:
            raise SystemExit(f"the metrics said done but radnet status says {status or run.stderr[-2000:]}")
        return expected / seconds, status.get("duplicates", -1), {key: round(v, 1) for key, v in cpu.items()}
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
    baseline = arg("--baseline", None)
    builds = [("this", REPO)] + ([("baseline", os.path.abspath(baseline))] if baseline else [])
    expected = sum(1 for _, _, files in os.walk(data) for f in files if f.endswith(".dcm"))
    results = {"embedded": []} | {(n, b): [] for n in silo_counts for b, _ in builds}
    duplicates = {key: [] for key in results}
    cpu = {key: [] for key in results}
    load = [os.getloadavg()[0]]
    for _ in range(rounds):
        rate, seconds = embedded(data, k)
        results["embedded"].append(rate)
        cpu["embedded"].append({"radnet": seconds})
        print(json.dumps({"progress": "embedded", "images_per_s": rate, "cpu_seconds": seconds}), file=sys.stderr, flush=True)
        for n in silo_counts:
            for name, repo in builds:
                rate, dup, seconds = distributed(data, k, n, expected, repo)
                results[(n, name)].append(rate)
                duplicates[(n, name)].append(dup)
                cpu[(n, name)].append(seconds)
                print(json.dumps({"progress": f"{n} silo(s)", "build": name, "images_per_s": rate, "duplicates": dup, "cpu_seconds": seconds}), file=sys.stderr, flush=True)
    load.append(os.getloadavg()[0])
    base = statistics.median(results["embedded"])
    print(json.dumps({"config": "embedded", "images_per_s": base, "rounds": results["embedded"], "cpu_seconds": cpu["embedded"], "load": load}))
    for n in silo_counts:
        for name, repo in builds:
            median = statistics.median(results[(n, name)])
            print(json.dumps({"config": f"{n} silo(s) + Azurite", "build": name, "commit": commit(repo), "images_per_s": median,
                              "rounds": results[(n, name)], "ratio_to_embedded": median / base, "duplicates": duplicates[(n, name)], "cpu_seconds": cpu[(n, name)], "load": load}))


def commit(repo):
    run = subprocess.run(["git", "-C", repo, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return run.stdout.strip()


if __name__ == "__main__":
    main()
