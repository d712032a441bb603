#!/usr/bin/env python3
"""Side-by-side benchmark of RadiologyNet's clustering kernels against the peers in ../shared/peers.

usage: python3 bench/side_by_side.py [assign|kmeans|kmedoids|clara|all] [--rounds R] [--threads 1,2] [--full] [--data DIR]

Runs ours and the peer alternately in the same session, R rounds, and prints one JSON line per comparison with
the median of the per-round medians, every round's value, the ratio and the load average seen before and after.
  assign : NearestCentroid.Assign vs peers/assign_numpy.py (n=100,000, d=512, k=50; numpy+OpenBLAS GEMM),
           per thread count. ratio = numpy_seconds / our_seconds (our throughput as a fraction of numpy's).
           OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the numpy command only (see the env README);
           the OpenBLAS kernel actually used is reported (threadpoolctl).
  kmeans : full Elkan and Lloyd from the reference init, float64, tol=0, 1 thread, vs peers/kmeans_sklearn.py
           --dtype float64 --tol 0 --threads 1 on reference sets (a), (b) [and (c) with --full].
           ratio = sklearn_seconds / our_seconds (> 1: we are faster).
  kmedoids : what R's pam() times — dissimilarities + FasterPAM swap — on the n = 5,000 reference sets, both metrics:
           ours (float32 matrix on 1 thread [and 2], FasterPAM, cost recomputed in double; and the R-exact double matrix,
           the previous path) vs peers/pam_r.R pamonce=6 from R's own random init (set.seed(dataset seed);
           sample.int(n, k), which ours also starts from, so both do the same swaps) and from BUILD; with --full also
           R's default pam() (pamonce=0, BUILD), once. ratio = R_seconds / our_seconds. Per round: one R call (median
           of 3) and one ours (median of 3 after a warm-up).
           f32_t1_reuse builds into the previous run's matrix (no fresh pages; R allocates afresh on every call).
  clara  : CLARA with R's budget (50 samples of 40+2k) on the n = 5,000 sets vs peers/clara_r.R, seeds 1..N
           (--seeds N, default 11): the median total deviation of each, and the time of one call.
Dataset (c) is generated once into --data (default /tmp/radnet-bench) with reference/kmeans/make_km_c.py.
"""
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.environ.get("RADNET_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
REF = os.path.join(SHARED, "reference", "kmeans")
PEERS = os.path.join(SHARED, "peers")
OURS = os.environ.get("RADNET_BENCH_BIN", os.path.join(HERE, "Benchmarks", "bin", "Release", "net10.0", "RadiologyNet.Benchmarks"))


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def run_json(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def load():
    return [round(v, 2) for v in os.getloadavg()]


def numpy_env():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


def dataset_c(folder):
    path = os.path.join(folder, "km_c.f32")
    if not os.path.exists(path):
        os.makedirs(folder, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(REF, "make_km_c.py"), path], check=True, capture_output=True)
    return path


def compare(name, ours_cmd, peer_cmd, rounds, peer_env=None, extra=None):
    before = load()
    ours, peer, peer_info, our_info = [], [], None, None
    for _ in range(rounds):
        o = run_json(ours_cmd)[-1]
        ours.append(o["seconds"])
        our_info = o["result"]
        p = run_json(peer_cmd, peer_env)[-1]
        peer.append(p["seconds"])
        peer_info = p
    mo, mp = statistics.median(ours), statistics.median(peer)
    line = dict(benchmark=name, ours_median_s=mo, peer_median_s=mp, ratio_peer_over_ours=round(mp / mo, 3),
                ours_rounds=ours, peer_rounds=peer, peer=peer_info["peer"], peer_version=peer_info["version"],
                load_before=before, load_after=load())
    for key in ("gflops", "labels_sha256", "inertia_f64", "n_iter"):
        if key in our_info:
            line["ours_" + key] = our_info[key]
        if key in peer_info["result"]:
            line["peer_" + key] = peer_info["result"][key]
    if "blas" in peer_info["result"]:
        line["peer_blas"] = [b.get("architecture") for b in peer_info["result"]["blas"] if b.get("internal_api") == "openblas"]
    if extra:
        line.update(extra)
    print(json.dumps(line), flush=True)


def bench_assign(rounds, threads, data):
    x = dataset_c(data)
    c = os.path.join(REF, "km_c_n100000_d512_k50.init.f32")
    for t in threads:
        compare(f"assign n=100000 d=512 k=50 threads={t}",
                [OURS, "assign", x, c, "--threads", str(t), "--repeat", "5"],
                [sys.executable, os.path.join(PEERS, "assign_numpy.py"), x, c, "--threads", str(t), "--repeat", "5"],
                rounds, numpy_env(), dict(threads=t))


def bench_kmeans(rounds, full, data):
    sets = [("a", os.path.join(REF, "km_a_blobs_n1000_d8_k5.f32"), "km_a_blobs_n1000_d8_k5", 5, rounds),
            ("b", os.path.join(REF, "km_b_overlap_n20000_d64_k20.f32"), "km_b_overlap_n20000_d64_k20", 20, rounds)]
    if full:
        sets.append(("c", dataset_c(data), "km_c_n100000_d512_k50", 50, max(1, rounds // 2)))
    for label, x, name, k, r in sets:
        init = os.path.join(REF, name + ".init.f32")
        repeat = "1" if label == "c" else "3"
        for alg in ("elkan", "lloyd"):
            compare(f"kmeans {alg} ({label}) float64 tol=0 threads=1",
                    [OURS, "kmeans", x, "--init", init, "--algorithm", alg, "--tol", "0", "--threads", "1", "--repeat", repeat],
                    [sys.executable, os.path.join(PEERS, "kmeans_sklearn.py"), x, str(k), "--init", init, "--algorithm", alg,
                     "--dtype", "float64", "--tol", "0", "--threads", "1", "--repeat", repeat],
                    r)


KMED = os.path.join(SHARED, "reference", "kmedoids")
KMED_SETS = [("kmed_n5000_d8_k20", 20, 503), ("kmed_n5000_d32_k12_outliers", 12, 504)]


def r_init(name, metric):
    with open(os.path.join(KMED, name + ".result.json")) as f:
        return json.load(f)[metric]["faster_random_init"]["init_medoids"]


def bench_kmedoids(rounds, threads, full):
    for name, k, seed in KMED_SETS:
        x = os.path.join(KMED, name + ".f32")
        for metric in ("euclidean", "manhattan"):
            init = ",".join(str(i) for i in r_init(name, metric))
            before = load()
            runs = {}
            variants = [("f32_t%d" % t, ["--storage", "f32", "--threads", str(t)]) for t in threads] + [("f32_t1_reuse", ["--storage", "f32", "--reuse-buffer", "yes"]), ("f64_t1", ["--storage", "f64"])]
            peers = [("R_random", ["6", "--random-init", str(seed)]), ("R_build", ["6"])]
            for _ in range(rounds):
                for label, extra in variants:
                    runs.setdefault(label, []).append(run_json([OURS, "kmedoids", x, str(k), "--metric", metric, "--init-medoids", init, "--repeat", "3"] + extra)[-1])
                for label, extra in peers:
                    runs.setdefault(label, []).append(run_json(["Rscript", os.path.join(PEERS, "pam_r.R"), x, str(k), metric] + extra + ["--repeat", "3"])[-1])
            if full:
                runs["R_default_pamonce0"] = [run_json(["Rscript", os.path.join(PEERS, "pam_r.R"), x, str(k), metric, "0", "--repeat", "1"])[-1]]
            med = {key: statistics.median(r["seconds"] for r in v) for key, v in runs.items()}
            cost = {key: v[-1]["result"]["total_deviation"] for key, v in runs.items()}
            line = dict(benchmark=f"kmedoids {name} {metric}", n=5000, k=k, rounds=rounds, median_seconds=med,
                        rounds_seconds={key: [r["seconds"] for r in v] for key, v in runs.items()},
                        total_deviation=cost, load_before=before, load_after=load())
            for key in med:
                if key.startswith("f"):
                    r0 = runs[key]
                    line[key + "_matrix_s"] = statistics.median(r["result"]["matrix_seconds"] for r in r0)
                    line[key + "_fasterpam_s"] = statistics.median(r["result"]["fasterpam_seconds"] for r in r0)
                    line[key + "_ns_per_n2"] = statistics.median(r["result"]["fasterpam_ns_per_n2"] for r in r0)
                    line[key + "_cpu_s"] = statistics.median(r["result"]["cpu_seconds"] for r in r0)
                    for peer in (p for p in med if p.startswith("R")):
                        line[f"ratio_{peer}_over_{key}"] = round(med[peer] / med[key], 2)
                        line[f"cost_{key}_over_{peer}"] = cost[key] / cost[peer]
            print(json.dumps(line), flush=True)


def bench_clara(seeds):
    for name, k, _ in KMED_SETS:
        x = os.path.join(KMED, name + ".f32")
        for metric in ("euclidean", "manhattan"):
            before = load()
            ours = {}
            for refine in ("none", "best"):
                ours[refine] = run_json([OURS, "clara", x, str(k), "--metric", metric, "--seeds", ",".join(map(str, seeds)), "--refine", refine, "--repeat", "3"])[-1]
            r = [run_json(["Rscript", os.path.join(PEERS, "clara_r.R"), x, str(k), metric, "--seed", str(sd), "--repeat", "1"])[-1] for sd in seeds]
            rc = [v["result"]["total_deviation"] for v in r]
            line = dict(benchmark=f"clara {name} {metric} 50 x {40 + 2 * k}", seeds=seeds,
                        R_median=statistics.median(rc), R_quartiles=statistics.quantiles(rc, n=4),
                        R_seconds_median=statistics.median(v["seconds"] for v in r), load_before=before, load_after=load())
            for refine, o in ours.items():
                c = o["result"]["total_deviations"]
                line[f"ours_{refine}_median"] = statistics.median(c)
                line[f"ours_{refine}_quartiles"] = statistics.quantiles(c, n=4)
                line[f"ours_{refine}_seconds"] = o["seconds"]
                line[f"ratio_median_ours_{refine}_over_R"] = round(statistics.median(c) / statistics.median(rc), 4)
            print(json.dumps(line), flush=True)


def main():
    what = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "all"
    rounds = int(arg("--rounds", "5"))
    threads = [int(t) for t in arg("--threads", "1,2").split(",")]
    data = arg("--data", "/tmp/radnet-bench")
    if not os.path.exists(OURS):
        subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(HERE, "Benchmarks")], check=True, capture_output=True)
    if what in ("assign", "all"):
        bench_assign(rounds, threads, data)
    if what in ("kmeans", "all"):
        bench_kmeans(rounds, "--full" in sys.argv, data)
    if what in ("kmedoids", "all"):
        bench_kmedoids(rounds, threads, "--full" in sys.argv)
    if what in ("clara", "all"):
        bench_clara(list(range(1, int(arg("--seeds", "11")) + 1)))


if __name__ == "__main__":
    main()
