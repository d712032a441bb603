#!/usr/bin/env bash
# Measures a standalone silo's memory and CPU while it annotates a folder, to size the Kubernetes requests/limits.
#   deploy/measure-silo.sh [FOLDER] [K]     (defaults: ../shared/data/mednist, 12; needs a prior `dotnet build`)
# Starts a Localhost-mode silo on free-ish ports, runs `radnet annotate FOLDER --connect GATEWAY` against it,
# samples the silo process every second (VmRSS from /proc/PID/status, utime+stime from /proc/PID/stat) and prints:
# idle RSS after start, peak RSS, mean CPU (cores) over the annotation, and the highest 5-second CPU window; also the
# client's peak RSS (a rough guide for the ingest Job, which reads and uploads rather than featurises).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
folder="${1:-$root/../shared/data/mednist}"
k="${2:-12}"
bin="$root/src/Client/bin/Debug/net10.0"
silo_dll="$root/src/Silo/bin/Debug/net10.0/RadiologyNet.Silo.dll"
[ -f "$silo_dll" ] && [ -f "$bin/radnet.dll" ] || { echo "build first: dotnet build src/Client" >&2; exit 1; }
port=$((21000 + RANDOM % 5000)); gateway=$((port + 10000))
out="$(mktemp -d)"; samples="$out/samples.tsv"
dotnet "$silo_dll" --Silo:Port=$port --Silo:GatewayPort=$gateway --Archive:Folder="$folder" >"$out/silo.log" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null || true; wait $silo 2>/dev/null || true' EXIT
tick=$(getconf CLK_TCK)
sample() { # prints "seconds rss_kib cpu_ticks" of process $1
  local rss ticks
  rss=$(awk '/^VmRSS:/ {print $2}' /proc/$1/status 2>/dev/null || echo 0)
  ticks=$(awk '{print $14 + $15}' /proc/$1/stat 2>/dev/null || echo 0)
  echo "$(date +%s.%N) $rss $ticks"
}
for _ in $(seq 1 120); do grep -q "Application started" "$out/silo.log" && break; sleep 1; done
sleep 5   # model warm-up
idle=$(sample $silo)
dotnet "$bin/radnet.dll" annotate "$folder" -k "$k" --connect $gateway --out "$out/result" >"$out/client.log" 2>&1 &
client=$!
while kill -0 $client 2>/dev/null; do sample $silo >>"$samples"; sample $client >>"$out/client.tsv"; sleep 1; done
wait $client || { echo "radnet annotate failed: $(tail -5 "$out/client.log")" >&2; exit 1; }
awk -v tick="$tick" -v idle="$idle" '
  BEGIN { split(idle, i, " "); printf "idle RSS after start and warm-up: %.0f MiB\n", i[2] / 1024 }
  { t[NR] = $1; rss[NR] = $2; cpu[NR] = $3; if ($2 > peak) peak = $2 }
  END {
    printf "annotation: %.1f s, %d samples\n", t[NR] - t[1], NR
    printf "peak RSS: %.0f MiB\n", peak / 1024
    printf "mean CPU: %.2f cores\n", (cpu[NR] - cpu[1]) / tick / (t[NR] - t[1])
    printf "silo CPU time over the annotation: %.1f s (divide by the images for CPU-seconds per image)\n", (cpu[NR] - cpu[1]) / tick
    for (j = 6; j <= NR; j++) { c = (cpu[j] - cpu[j-5]) / tick / (t[j] - t[j-5]); if (c > best) best = c }
    printf "highest 5 s CPU window: %.2f cores\n", best
  }' "$samples"
awk '$2 > peak { peak = $2 } END { printf "client (radnet annotate) peak RSS: %.0f MiB\n", peak / 1024 }' "$out/client.tsv"
echo "load average at the end: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
grep -h "images/s\|annotated" "$out/client.log" | tail -3 || true
